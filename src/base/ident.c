/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ident.c - validation and canonical forms of UK criminal justice
 * identifiers: PNC ID, CRO number, prison number, probation CRN (base
 * layer). See ident.h for the forms and the check-letter rule.
 */
#include "base/ident.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "base/quote.h"
#include "base/banned.h"

/* Check letters by remainder modulo 23; I, O and S are never used. */
static const char check_alphabet[] = "ZABCDEFGHJKLMNPQRTUVWXY";

/* Earliest year accepted in a PNC ID. */
#define PNC_YEAR_MIN 1900

/* A value being normalised: what the per-kind functions read and report. */
struct ident_value {
	const char *label;    /* kind as people say it, e.g. "PNC ID" */
	const char *u;        /* trimmed value, upper-cased, NUL-terminated */
	size_t n;             /* bytes in u */
	char q[CG_QUOTE_SIZE];   /* the value as given, quoted for messages */
	struct cg_error *err; /* may be NULL */
};

typedef enum cg_status normalise_fn(struct ident_value *v,
				    char out[CG_IDENT_MAX]);

static normalise_fn normalise_pnc, normalise_cro, normalise_prison,
	normalise_crn;

/* One row per kind: names, the longest accepted input and the checker. */
static const struct kind_row {
	const char *name;  /* stable name, cg_ident_kind_name */
	const char *label; /* for messages */
	size_t max_len;    /* longest accepted value after trimming */
	normalise_fn *normalise;
} kinds[CG_IDENT_KIND_COUNT] = {
	[CG_IDENT_PNC] = { "pnc", "PNC ID", 13, normalise_pnc },
	[CG_IDENT_CRO] = { "cro", "CRO number", 12, normalise_cro },
	[CG_IDENT_PRISON_NUMBER] = { "prison_number", "prison number", 7,
				     normalise_prison },
	[CG_IDENT_CRN] = { "crn", "CRN", 7, normalise_crn },
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Length of the run of digits at u[i]. */
static size_t digit_run(const char *u, size_t i)
{
	size_t k = 0;
	while (is_digit(u[i + k]))
		k++;
	return k;
}

/* The value of the `len` digits at p (len <= 9, so no overflow). */
static int64_t digits_value(const char *p, size_t len)
{
	int64_t v = 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* The check letter for `yy` followed by `serial` padded to `width` digits. */
static char check_letter(int64_t yy, int64_t serial, int width)
{
	int64_t number = yy;
	for (int i = 0; i < width; i++)
		number *= 10;
	number += serial;
	return check_alphabet[number % 23];
}

/* Writes `value` as exactly `width` decimal digits (zero-padded) at p and
 * returns the position after them. */
static char *put_digits(char *p, int64_t value, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + value % 10);
		value /= 10;
	}
	return p + width;
}

/* Fails unless `given` is the check letter `expected`. */
static enum cg_status verify_check_letter(struct ident_value *v, char given,
					  char expected)
{
	if (given != expected)
		return cg_fail(v->err, CG_INVALID,
			       "%s %s: check letter %c does not match, "
			       "expected %c",
			       v->label, v->q, given, expected);
	return CG_OK;
}

static enum cg_status wrong_shape(struct ident_value *v, const char *forms)
{
	return cg_fail(v->err, CG_INVALID, "%s %s: not of the form %s",
		       v->label, v->q, forms);
}

/* PNC ID: YYYY/N{1,7}C or YY/N{1,7}C -> YYYY/NNNNNNNC. */
static enum cg_status normalise_pnc(struct ident_value *v,
				    char out[CG_IDENT_MAX])
{
	const char *u = v->u;
	size_t ny = digit_run(u, 0), ns;
	int year, pivot;
	int64_t serial;
	char *p;
	enum cg_status rc;

	if ((ny != 2 && ny != 4) || u[ny] != '/')
		return wrong_shape(v, "YYYY/NNNNNNNC or YY/NNNNNNNC");
	ns = digit_run(u, ny + 1);
	if (ns < 1 || ns > 7 || !is_upper(u[ny + 1 + ns]) ||
	    ny + 1 + ns + 1 != v->n)
		return wrong_shape(v, "YYYY/NNNNNNNC or YY/NNNNNNNC");

	year = (int)digits_value(u, ny);
	if (ny == 2)
		year = cg_date_expand_yy(year);
	pivot = cg_date_pivot_year();
	if (year < PNC_YEAR_MIN)
		return cg_fail(v->err, CG_INVALID,
			       "%s %s: year %d is before %d", v->label, v->q,
			       year, PNC_YEAR_MIN);
	if (year > pivot)
		return cg_fail(v->err, CG_INVALID,
			       "%s %s: year %d is after the current year %d",
			       v->label, v->q, year, pivot);
	serial = digits_value(u + ny + 1, ns);
	rc = verify_check_letter(v, u[v->n - 1],
				 check_letter(year % 100, serial, 7));
	if (rc)
		return rc;
	p = put_digits(out, year, 4);
	*p++ = '/';
	p = put_digits(p, serial, 7);
	*p++ = u[v->n - 1];
	*p = '\0';
	return CG_OK;
}

/* CRO number: N{1,6}/YYC -> NNNNNN/YYC, or SFYY/N{1,6}C -> SFYY/NNNNNNC. */
static enum cg_status normalise_cro(struct ident_value *v,
				    char out[CG_IDENT_MAX])
{
	static const char forms[] = "NNNNNN/YYC or SFYY/NNNNNNC";
	const char *u = v->u;
	size_t ns;
	int64_t serial, yy;
	char letter = u[v->n - 1];
	char *p;
	enum cg_status rc;

	if (u[0] == 'S' && u[1] == 'F') {
		if (digit_run(u, 2) != 2 || u[4] != '/')
			return wrong_shape(v, forms);
		ns = digit_run(u, 5);
		if (ns < 1 || ns > 6 || !is_upper(u[5 + ns]) ||
		    5 + ns + 1 != v->n)
			return wrong_shape(v, forms);
		yy = digits_value(u + 2, 2);
		serial = digits_value(u + 5, ns);
		rc = verify_check_letter(v, letter,
					 check_letter(yy, serial, 6));
		if (rc)
			return rc;
		p = out;
		*p++ = 'S';
		*p++ = 'F';
		p = put_digits(p, yy, 2);
		*p++ = '/';
		p = put_digits(p, serial, 6);
		*p++ = letter;
		*p = '\0';
		return CG_OK;
	}
	ns = digit_run(u, 0);
	if (ns < 1 || ns > 6 || u[ns] != '/' || digit_run(u, ns + 1) != 2 ||
	    !is_upper(u[ns + 3]) || ns + 4 != v->n)
		return wrong_shape(v, forms);
	serial = digits_value(u, ns);
	yy = digits_value(u + ns + 1, 2);
	rc = verify_check_letter(v, letter, check_letter(yy, serial, 6));
	if (rc)
		return rc;
	p = put_digits(out, serial, 6);
	*p++ = '/';
	p = put_digits(p, yy, 2);
	*p++ = letter;
	*p = '\0';
	return CG_OK;
}

/*
 * True if u (n bytes) matches `shape`, where 'A' stands for a letter and
 * '9' for a digit.
 */
static bool matches_shape(const char *u, size_t n, const char *shape)
{
	if (n != strlen(shape))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (shape[i] == 'A' ? !is_upper(u[i]) : !is_digit(u[i]))
			return false;
	}
	return true;
}

/* Prison number: A1234BC. */
static enum cg_status normalise_prison(struct ident_value *v,
				       char out[CG_IDENT_MAX])
{
	if (!matches_shape(v->u, v->n, "A9999AA"))
		return wrong_shape(v, "A1234BC (a letter, four digits, "
				      "two letters)");
	memcpy(out, v->u, v->n + 1);
	return CG_OK;
}

/* Probation case reference number: X123456. */
static enum cg_status normalise_crn(struct ident_value *v,
				    char out[CG_IDENT_MAX])
{
	if (!matches_shape(v->u, v->n, "A999999"))
		return wrong_shape(v, "X123456 (a letter and six digits)");
	memcpy(out, v->u, v->n + 1);
	return CG_OK;
}

const char *cg_ident_kind_name(enum cg_ident_kind kind)
{
	CG_ASSERT((unsigned)kind < CG_IDENT_KIND_COUNT);
	return kinds[kind].name;
}

enum cg_status cg_ident_kind_parse(const char *name, enum cg_ident_kind *out,
				   struct cg_error *err)
{
	char q[CG_QUOTE_SIZE];

	for (int k = 0; k < CG_IDENT_KIND_COUNT; k++) {
		if (strcmp(name, kinds[k].name) == 0) {
			*out = (enum cg_ident_kind)k;
			return CG_OK;
		}
	}
	return cg_fail(err, CG_INVALID,
		       "unknown identifier kind %s (expected pnc, cro, "
		       "prison_number or crn)",
		       cg_quote(q, name, strlen(name)));
}

enum cg_status cg_ident_normalise(enum cg_ident_kind kind, const char *s,
				  size_t len, char out[CG_IDENT_MAX],
				  struct cg_error *err)
{
	const struct kind_row *row;
	struct ident_value v;
	char upper[CG_IDENT_MAX];
	size_t begin = 0, end = len;
	enum cg_status rc;

	CG_ASSERT((unsigned)kind < CG_IDENT_KIND_COUNT);
	row = &kinds[kind];
	out[0] = '\0';
	if (!s)
		s = "";
	v.label = row->label;
	v.err = err;
	cg_quote(v.q, s, len);

	while (begin < end && is_space(s[begin]))
		begin++;
	while (end > begin && is_space(s[end - 1]))
		end--;
	if (begin == end)
		return cg_fail(err, CG_INVALID, "%s %s: empty", v.label, v.q);
	for (size_t i = begin; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *what = NULL;
		if (c >= 0x80)
			what = "non-ASCII byte";
		else if (is_space((char)c))
			what = "space";
		else if (c < 0x20 || c == 0x7f)
			what = "control character";
		if (what)
			return cg_fail(err, CG_INVALID,
				       "%s %s: %s at position %zu", v.label,
				       v.q, what, i + 1);
	}
	if (end - begin > row->max_len)
		return cg_fail(err, CG_INVALID,
			       "%s %s: too long (%zu characters, at most %zu)",
			       v.label, v.q, end - begin, row->max_len);

	v.n = end - begin;
	for (size_t i = 0; i < v.n; i++) {
		char c = s[begin + i];
		upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	upper[v.n] = '\0';
	v.u = upper;
	rc = row->normalise(&v, out);
	if (rc)
		out[0] = '\0';
	return rc;
}
