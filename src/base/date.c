/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * date.c - calendar dates and UTC timestamps: strict parsing, ISO formatting
 * and day arithmetic (base layer). See date.h for the rules.
 */
#include "base/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/quote.h"
#include "base/banned.h"

/* Days from 1970-01-01 to 0001-01-01 and to 9999-12-31. */
#define DAYS_MIN ((int64_t)-719162)
#define DAYS_MAX ((int64_t)2932896)
#define SECONDS_PER_DAY ((int64_t)86400)

/* Room for one reason in a message ("day 29 is past the end of ..."). */
#define REASON_SIZE 160

static const char *const month_names[12] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december",
};

/* 0 means "the current UTC year"; see cg_date_set_pivot_year. */
static int pivot_year;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Narrows [*begin, *end) of s past surrounding ASCII whitespace. */
static void trim(const char *s, size_t *begin, size_t *end)
{
	while (*begin < *end && is_space(s[*begin]))
		(*begin)++;
	while (*end > *begin && is_space(s[*end - 1]))
		(*end)--;
}

/* Writes `value` as exactly `width` decimal digits (zero-padded). */
static void put_digits(char *p, int value, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + value % 10);
		value /= 10;
	}
}

bool cg_date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int cg_date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && cg_date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

/*
 * Says what is wrong with `d` in reason (REASON_SIZE bytes); returns false
 * (reason untouched) if nothing is.
 */
static bool date_problem(struct cg_date d, char *reason)
{
	int last;

	if (d.year < 1 || d.year > 9999) {
		snprintf(reason, REASON_SIZE, "year %d out of range 1 to 9999",
			 d.year);
		return true;
	}
	if (d.month < 1 || d.month > 12) {
		snprintf(reason, REASON_SIZE, "month %d out of range", d.month);
		return true;
	}
	last = cg_date_days_in_month(d.year, d.month);
	if (d.day < 1) {
		snprintf(reason, REASON_SIZE, "day %d out of range", d.day);
		return true;
	}
	if (d.day > last) {
		if (d.month == 2 && d.day == 29)
			snprintf(reason, REASON_SIZE,
				 "day 29 is past the end of month 2 "
				 "(%d is not a leap year)", d.year);
		else
			snprintf(reason, REASON_SIZE,
				 "day %d is past the end of month %d", d.day,
				 d.month);
		return true;
	}
	return false;
}

bool cg_date_is_valid(struct cg_date d)
{
	char reason[REASON_SIZE];
	return !date_problem(d, reason);
}

enum cg_status cg_date_check(struct cg_date d, struct cg_error *err)
{
	char reason[REASON_SIZE];
	if (date_problem(d, reason))
		return cg_fail(err, CG_INVALID, "%s", reason);
	return CG_OK;
}

/* Howard Hinnant's days_from_civil, in 64-bit arithmetic. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t cg_date_to_days(struct cg_date d)
{
	CG_ASSERT(cg_date_is_valid(d));
	return days_from_civil(d.year, d.month, d.day);
}

struct cg_date cg_date_from_days(int64_t days)
{
	struct cg_date out = { 0, 0, 0 };
	int64_t z, era, doe, yoe, doy, mp, y, m;

	if (days < DAYS_MIN || days > DAYS_MAX)
		return out;
	/* Howard Hinnant's civil_from_days. */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	out.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out.month = (int)m;
	out.year = (int)(y + (m <= 2));
	return out;
}

int cg_date_compare(struct cg_date a, struct cg_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

enum cg_status cg_date_format_iso(struct cg_date d, char out[CG_DATE_ISO_SIZE])
{
	if (!cg_date_is_valid(d)) {
		out[0] = '\0';
		return CG_INVALID;
	}
	put_digits(out, d.year, 4);
	out[4] = '-';
	put_digits(out + 5, d.month, 2);
	out[7] = '-';
	put_digits(out + 8, d.day, 2);
	out[10] = '\0';
	return CG_OK;
}

int64_t cg_now(void)
{
	return (int64_t)time(NULL);
}

/* Floor division of a timestamp into days and seconds within the day. */
static int64_t split_day(int64_t t, int64_t *second_of_day)
{
	int64_t q = t / SECONDS_PER_DAY, r = t % SECONDS_PER_DAY;
	if (r < 0) {
		q--;
		r += SECONDS_PER_DAY;
	}
	*second_of_day = r;
	return q;
}

enum cg_status cg_timestamp_format_iso(int64_t epoch_seconds,
				       char out[CG_TIMESTAMP_ISO_SIZE])
{
	int64_t sod;
	struct cg_date d = cg_date_from_days(split_day(epoch_seconds, &sod));

	if (cg_date_format_iso(d, out) != CG_OK)
		return CG_INVALID;
	out[10] = 'T';
	put_digits(out + 11, (int)(sod / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(sod / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(sod % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
	return CG_OK;
}

void cg_date_set_pivot_year(int year)
{
	CG_ASSERT(year == 0 || (year >= 100 && year <= 9999));
	pivot_year = year;
}

int cg_date_pivot_year(void)
{
	int64_t sod;
	struct cg_date today;

	if (pivot_year)
		return pivot_year;
	today = cg_date_from_days(split_day(cg_now(), &sod));
	/* A clock outside years 1..9999 is broken beyond what input can do. */
	CG_ASSERT(today.year >= 100);
	return today.year;
}

int cg_date_expand_yy(int yy)
{
	int pivot = cg_date_pivot_year();
	int century = pivot - pivot % 100;

	if (yy < 0 || yy > 99)
		return -1;
	return yy <= pivot % 100 ? century + yy : century - 100 + yy;
}

/* ---- Pattern parsing ---------------------------------------------------- */

enum tok_kind {
	TOK_LITERAL,
	TOK_YYYY,
	TOK_YY,
	TOK_MM,
	TOK_M,
	TOK_DD,
	TOK_D,
	TOK_MON,
	TOK_MONTH,
};

enum field { FIELD_NONE, FIELD_YEAR, FIELD_MONTH, FIELD_DAY };

/* Pattern tokens, longest first so that "MONTH" wins over "MON" and "MM"
 * over "M". */
static const struct token {
	const char *text;
	size_t len;
	enum tok_kind kind;
	enum field field;
} tokens[] = {
	{ "MONTH", 5, TOK_MONTH, FIELD_MONTH },
	{ "YYYY", 4, TOK_YYYY, FIELD_YEAR },
	{ "MON", 3, TOK_MON, FIELD_MONTH },
	{ "YY", 2, TOK_YY, FIELD_YEAR },
	{ "MM", 2, TOK_MM, FIELD_MONTH },
	{ "DD", 2, TOK_DD, FIELD_DAY },
	{ "M", 1, TOK_M, FIELD_MONTH },
	{ "D", 1, TOK_D, FIELD_DAY },
};

static const struct token literal_token = { "", 1, TOK_LITERAL, FIELD_NONE };

/* The token starting at pattern[i]: a row of `tokens`, or literal_token for
 * a single literal byte. */
static const struct token *next_token(const char *pattern, size_t i)
{
	for (size_t t = 0; t < sizeof(tokens) / sizeof(tokens[0]); t++)
		if (strncmp(pattern + i, tokens[t].text, tokens[t].len) == 0)
			return &tokens[t];
	return &literal_token;
}

/* Rejects a pattern that is too long, has a stray Y or lacks or repeats a
 * year, month or day token. */
static enum cg_status check_pattern(const char *pattern, struct cg_error *err)
{
	static const char *const field_names[] = { "", "year", "month", "day" };
	char q[CG_QUOTE_SIZE];
	size_t plen = strnlen(pattern, CG_DATE_PATTERN_MAX + 1);
	int count[4] = { 0, 0, 0, 0 };

	if (plen > CG_DATE_PATTERN_MAX)
		return cg_fail(err, CG_INVALID,
			       "date pattern %s: longer than %d bytes",
			       cg_quote(q, pattern, plen), CG_DATE_PATTERN_MAX);
	for (size_t i = 0; i < plen;) {
		const struct token *t = next_token(pattern, i);
		if (t->kind == TOK_LITERAL && pattern[i] == 'Y')
			return cg_fail(err, CG_INVALID,
				       "date pattern %s: Y at position %zu is "
				       "not part of YY or YYYY",
				       cg_quote(q, pattern, plen), i + 1);
		count[t->field]++;
		i += t->len;
	}
	for (int f = FIELD_YEAR; f <= FIELD_DAY; f++) {
		if (count[f] != 1)
			return cg_fail(err, CG_INVALID,
				       "date pattern %s: needs exactly one %s "
				       "field, has %d",
				       cg_quote(q, pattern, plen), field_names[f],
				       count[f]);
	}
	return CG_OK;
}

/* The value being parsed, for the scanning helpers and their messages. */
struct scan {
	const char *s;        /* the value as given */
	size_t i;             /* next byte to read */
	size_t end;           /* end of the trimmed value */
	char q[CG_QUOTE_SIZE];   /* the value, quoted for messages */
	struct cg_error *err; /* may be NULL */
};

/* Reads at least `min` and at most `max` ASCII digits into *value; `what`
 * names them in the message ("YYYY", "the hour"). */
static enum cg_status scan_digits(struct scan *sc, size_t min, size_t max,
				  const char *what, int *value)
{
	size_t n = 0;
	int v = 0;

	while (n < max && sc->i + n < sc->end && is_digit(sc->s[sc->i + n])) {
		v = v * 10 + (sc->s[sc->i + n] - '0');
		n++;
	}
	if (n < min)
		return cg_fail(sc->err, CG_INVALID,
			       "%s: expected digits for %s at position %zu",
			       sc->q, what, sc->i + 1);
	sc->i += n;
	*value = v;
	return CG_OK;
}

/* Reads the literal byte `c`. */
static enum cg_status scan_literal(struct scan *sc, char c)
{
	char lq[CG_QUOTE_SIZE];

	if (sc->i >= sc->end)
		return cg_fail(sc->err, CG_INVALID,
			       "%s: expected %s at position %zu (end of value)",
			       sc->q, cg_quote(lq, &c, 1), sc->i + 1);
	if (sc->s[sc->i] != c)
		return cg_fail(sc->err, CG_INVALID,
			       "%s: expected %s at position %zu", sc->q,
			       cg_quote(lq, &c, 1), sc->i + 1);
	sc->i++;
	return CG_OK;
}

/*
 * Reads an English month name: the three-letter abbreviation when `full` is
 * false, the whole name when it is true; any case. Stores 1..12 in *month.
 */
static enum cg_status scan_month_name(struct scan *sc, bool full, int *month)
{
	char wq[CG_QUOTE_SIZE];
	size_t start = sc->i, n = 0;
	size_t max = full ? sc->end - start : 3;

	while (n < max && start + n < sc->end && is_alpha(sc->s[start + n]))
		n++;
	if (n == 0 || (!full && n < 3))
		return cg_fail(sc->err, CG_INVALID,
			       "%s: expected a month %s at position %zu", sc->q,
			       full ? "name" : "abbreviation", start + 1);
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];
		size_t k;
		if (full && strlen(name) != n)
			continue;
		for (k = 0; k < n; k++)
			if (to_lower(sc->s[start + k]) != name[k])
				break;
		if (k == n) {
			*month = m + 1;
			sc->i += n;
			return CG_OK;
		}
	}
	return cg_fail(sc->err, CG_INVALID,
		       "%s: unknown month %s %s at position %zu", sc->q,
		       full ? "name" : "abbreviation",
		       cg_quote(wq, sc->s + start, n), start + 1);
}

/* Fails with the reason the parsed date does not exist. */
static enum cg_status check_parsed(struct scan *sc, struct cg_date d)
{
	char reason[REASON_SIZE];
	if (date_problem(d, reason))
		return cg_fail(sc->err, CG_INVALID, "%s: %s", sc->q, reason);
	return CG_OK;
}

/* Sets up `sc` for the len bytes at s, trimmed. */
static void scan_init(struct scan *sc, const char *s, size_t len,
		      struct cg_error *err)
{
	sc->s = s ? s : "";
	sc->i = 0;
	sc->end = s ? len : 0;
	sc->err = err;
	trim(sc->s, &sc->i, &sc->end);
	cg_quote(sc->q, sc->s, s ? len : 0);
}

enum cg_status cg_date_parse(const char *s, size_t len, const char *pattern,
			     struct cg_date *out, struct cg_error *err)
{
	struct scan sc;
	struct cg_date d = { 0, 0, 0 };
	enum cg_status rc;

	rc = check_pattern(pattern, err);
	if (rc)
		return rc;
	scan_init(&sc, s, len, err);
	if (sc.i == sc.end)
		return cg_fail(err, CG_INVALID,
			       "%s: empty, expected a date in the form %s", sc.q,
			       pattern);

	for (size_t p = 0; pattern[p];) {
		const struct token *t = next_token(pattern, p);
		switch (t->kind) {
		case TOK_LITERAL:
			rc = scan_literal(&sc, pattern[p]);
			break;
		case TOK_YYYY:
			rc = scan_digits(&sc, 4, 4, t->text, &d.year);
			break;
		case TOK_YY:
			rc = scan_digits(&sc, 2, 2, t->text, &d.year);
			if (!rc)
				d.year = cg_date_expand_yy(d.year);
			break;
		case TOK_MM:
			rc = scan_digits(&sc, 2, 2, t->text, &d.month);
			break;
		case TOK_M:
			rc = scan_digits(&sc, 1, 2, t->text, &d.month);
			break;
		case TOK_DD:
			rc = scan_digits(&sc, 2, 2, t->text, &d.day);
			break;
		case TOK_D:
			rc = scan_digits(&sc, 1, 2, t->text, &d.day);
			break;
		case TOK_MON:
			rc = scan_month_name(&sc, false, &d.month);
			break;
		case TOK_MONTH:
			rc = scan_month_name(&sc, true, &d.month);
			break;
		}
		if (rc)
			return rc;
		p += t->len;
	}
	if (sc.i < sc.end)
		return cg_fail(err, CG_INVALID,
			       "%s: unexpected text after the date at "
			       "position %zu",
			       sc.q, sc.i + 1);
	rc = check_parsed(&sc, d);
	if (rc)
		return rc;
	*out = d;
	return CG_OK;
}

enum cg_status cg_date_parse_iso(const char *s, struct cg_date *out,
				 struct cg_error *err)
{
	return cg_date_parse(s, s ? strlen(s) : 0, "YYYY-MM-DD", out, err);
}

/* ---- Timestamps --------------------------------------------------------- */

/* Reads the next byte if it is one of `set`; stores it in *c (0 if absent). */
static bool scan_one_of(struct scan *sc, const char *set, char *c)
{
	*c = 0;
	if (sc->i < sc->end && sc->s[sc->i] && strchr(set, sc->s[sc->i])) {
		*c = sc->s[sc->i++];
		return true;
	}
	return false;
}

/* Fails with "<value>: <what> <n> out of range<note>". */
static enum cg_status out_of_range(struct scan *sc, const char *what, int n,
				   const char *note)
{
	return cg_fail(sc->err, CG_INVALID, "%s: %s %d out of range%s", sc->q,
		       what, n, note);
}

enum cg_status cg_timestamp_parse_iso(const char *s, int64_t *epoch_seconds,
				      struct cg_error *err)
{
	struct scan sc;
	struct cg_date d = { 0, 0, 0 };
	int hour = 0, minute = 0, second = 0, oh = 0, om = 0, sign = 0;
	int64_t t;
	char c;
	enum cg_status rc;

	scan_init(&sc, s, s ? strlen(s) : 0, err);
	if (sc.i == sc.end)
		return cg_fail(err, CG_INVALID,
			       "%s: empty, expected a timestamp "
			       "YYYY-MM-DDTHH:MM:SS",
			       sc.q);

	if ((rc = scan_digits(&sc, 4, 4, "the year", &d.year)) ||
	    (rc = scan_literal(&sc, '-')) ||
	    (rc = scan_digits(&sc, 2, 2, "the month", &d.month)) ||
	    (rc = scan_literal(&sc, '-')) ||
	    (rc = scan_digits(&sc, 2, 2, "the day", &d.day)))
		return rc;
	if (!scan_one_of(&sc, "Tt ", &c))
		return cg_fail(err, CG_INVALID,
			       "%s: expected \"T\" or a space between date "
			       "and time at position %zu",
			       sc.q, sc.i + 1);
	if ((rc = scan_digits(&sc, 2, 2, "the hour", &hour)) ||
	    (rc = scan_literal(&sc, ':')) ||
	    (rc = scan_digits(&sc, 2, 2, "the minute", &minute)) ||
	    (rc = scan_literal(&sc, ':')) ||
	    (rc = scan_digits(&sc, 2, 2, "the second", &second)))
		return rc;
	if (scan_one_of(&sc, ".,", &c)) {
		size_t start = sc.i;
		while (sc.i < sc.end && is_digit(sc.s[sc.i]))
			sc.i++;
		if (sc.i == start)
			return cg_fail(err, CG_INVALID,
				       "%s: expected digits for the fraction "
				       "of a second at position %zu",
				       sc.q, sc.i + 1);
	}
	if (scan_one_of(&sc, "Zz", &c)) {
		sign = 0;
	} else if (scan_one_of(&sc, "+-", &c)) {
		sign = c == '+' ? 1 : -1;
		if ((rc = scan_digits(&sc, 2, 2, "the offset hours", &oh)) ||
		    (rc = scan_literal(&sc, ':')) ||
		    (rc = scan_digits(&sc, 2, 2, "the offset minutes", &om)))
			return rc;
	}
	if (sc.i < sc.end)
		return cg_fail(err, CG_INVALID,
			       "%s: unexpected text after the timestamp at "
			       "position %zu",
			       sc.q, sc.i + 1);

	rc = check_parsed(&sc, d);
	if (rc)
		return rc;
	if (hour > 23)
		return out_of_range(&sc, "hour", hour, "");
	if (minute > 59)
		return out_of_range(&sc, "minute", minute, "");
	if (second > 59)
		return out_of_range(&sc, "second", second,
				    second == 60 ? " (leap seconds are not "
						   "supported)"
						 : "");
	if (oh > 23)
		return out_of_range(&sc, "offset hour", oh, "");
	if (om > 59)
		return out_of_range(&sc, "offset minute", om, "");

	/* The value is local time `offset` ahead of UTC: subtract it. */
	t = cg_date_to_days(d) * SECONDS_PER_DAY + hour * 3600 + minute * 60 +
	    second;
	t -= (int64_t)sign * (oh * 3600 + om * 60);
	*epoch_seconds = t;
	return CG_OK;
}
