/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * policy.c - parsing and validating the shared risk protocol file (risk
 * layer).
 *
 * The grammar is line based (policy.h gives the format): '#' starts a
 * comment anywhere on a line, blank lines are ignored, "[section]" starts a
 * section and "key = value" sets a key of the current one (or `name`, before
 * the first section). Which keys exist, in which section, what kind of value
 * each takes and its range is data: the table `rules` below, one row per
 * key. Each value is checked on its own line as it is read, so the first
 * error reported is the first bad line; what depends on several keys (a
 * factor's measure decides whether it takes values, terms and a window; the
 * tiers' order) is checked when its section ends, and what the file as a
 * whole must hold (the name, every section, at least one factor) at its end.
 *
 * The parser is strict on purpose: a protocol that decides who is called
 * high risk across agencies must never be read differently from how its
 * authors wrote it, so nothing is defaulted or guessed and nothing unknown
 * is skipped. Every error is "ORIGIN:LINE: reason" and names the key.
 *
 * Words in lists: a role, an activity or a custody incident category is
 * one token of [a-z0-9_]; an intelligence term is one or more words of
 * [a-z0-9] separated by single spaces ("county line"), matched by the
 * scorer as whole words in the case-folded text of a report.
 */
#include "risk/policy.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define POLICY_MAX_LINE 4096
/* Largest number any key takes: weights, caps and thresholds stay far
 * from overflow when the scorer adds and multiplies them. */
#define POLICY_MAX_NUMBER 1000000.0
#define POLICY_MAX_WINDOW 36500 /* days: a hundred years */
#define POLICY_MAX_TOP_MEMBERS 1000

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const measure_names[CG_MEASURE_COUNT] = {
	"ocg_role",  "ocg_activity", "intel_terms", "intel_volume", "custody_incidents",
	"ocg_links", "brokerage",    "recruitment", "release",
};

const char *cg_risk_measure_name(enum cg_risk_measure m)
{
	return (unsigned)m < CG_MEASURE_COUNT ? measure_names[m] : "?";
}

static const char *const role_names[] = { "principal", "significant", "peripheral" };

/* ---- the key table ---- */

enum section { SEC_TOP, SEC_TIERS, SEC_GRADING, SEC_FACTOR, SEC_GROUP, SEC_COUNT };

static const char *const section_names[SEC_COUNT] = {
	"top of the file", "[tiers]", "[grading]", "[factor]", "[group]",
};

enum key_id {
	K_NAME,
	K_TIER_HIGH, K_TIER_MEDIUM,
	K_SOURCE_1, K_SOURCE_2, K_SOURCE_3,
	K_ASSESS_A, K_ASSESS_B, K_ASSESS_C, K_ASSESS_D, K_ASSESS_E,
	K_MEASURE, K_WEIGHT, K_CAP, K_WINDOW, K_VALUES, K_TERMS, K_DESCRIPTION,
	K_TOP_MEMBERS, K_ACTIVITIES, K_ACTIVITY_CAP, K_GROUP_HIGH, K_GROUP_MEDIUM,
	K_COUNT
};

enum value_kind {
	V_TEXT,    /* free text up to `max` bytes, no control characters */
	V_REAL,    /* decimal number in [min, max] (or (min, max] when min_open) */
	V_WHOLE,   /* digits only, in [min, max] */
	V_MEASURE, /* one of measure_names */
	V_VALUES,  /* NAME:NUMBER, ... */
	V_TERMS,   /* term, term, ... */
};

struct key_rule {
	const char *key;
	enum section sec;
	enum value_kind kind;
	bool required;  /* in its section, whatever else it holds */
	double min;
	bool min_open;  /* the value must be above min, not merely reach it */
	double max;     /* V_TEXT: bytes */
	const char *what;
};

static const struct key_rule rules[K_COUNT] = {
	[K_NAME] = { "name", SEC_TOP, V_TEXT, true, 0, false, 127, "the protocol's name" },
	[K_TIER_HIGH] = { "high", SEC_TIERS, V_REAL, true, 0, true, POLICY_MAX_NUMBER,
			  "a score at least this is high" },
	[K_TIER_MEDIUM] = { "medium", SEC_TIERS, V_REAL, true, 0, true, POLICY_MAX_NUMBER,
			    "a score at least this (and below high) is medium" },
	[K_SOURCE_1] = { "source.1", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of source evaluation 1 (reliable)" },
	[K_SOURCE_2] = { "source.2", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of source evaluation 2 (untested)" },
	[K_SOURCE_3] = { "source.3", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of source evaluation 3 (not reliable)" },
	[K_ASSESS_A] = { "assessment.A", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of assessment A (known directly)" },
	[K_ASSESS_B] = { "assessment.B", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of assessment B (known indirectly, corroborated)" },
	[K_ASSESS_C] = { "assessment.C", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of assessment C (known indirectly)" },
	[K_ASSESS_D] = { "assessment.D", SEC_GRADING, V_REAL, true, 0, false, 1,
			 "weight of assessment D (not known)" },
	[K_ASSESS_E] = { "assessment.E", SEC_GRADING, V_REAL, true, 0, false, 0,
			 "weight of assessment E (suspected false): must be 0" },
	[K_MEASURE] = { "measure", SEC_FACTOR, V_MEASURE, true, 0, false, 0,
			"what the factor measures" },
	[K_WEIGHT] = { "weight", SEC_FACTOR, V_REAL, true, 0, false, POLICY_MAX_NUMBER,
		       "points per unit of the measure" },
	[K_CAP] = { "cap", SEC_FACTOR, V_REAL, true, 0, true, POLICY_MAX_NUMBER,
		    "the most points the factor gives" },
	[K_WINDOW] = { "window", SEC_FACTOR, V_WHOLE, false, 0, false, POLICY_MAX_WINDOW,
		       "days back (0: no time limit)" },
	[K_VALUES] = { "values", SEC_FACTOR, V_VALUES, false, 0, false, POLICY_MAX_NUMBER,
		       "NAME:POINTS, ..." },
	[K_TERMS] = { "terms", SEC_FACTOR, V_TERMS, false, 0, false, 0, "word, word, ..." },
	[K_DESCRIPTION] = { "description", SEC_FACTOR, V_TEXT, true, 0, false, 255,
			    "one line shown with scores" },
	[K_TOP_MEMBERS] = { "top_members", SEC_GROUP, V_WHOLE, true, 1, false,
			    POLICY_MAX_TOP_MEMBERS, "how many of the highest member scores to average" },
	[K_ACTIVITIES] = { "activities", SEC_GROUP, V_VALUES, true, 0, false, POLICY_MAX_NUMBER,
			   "ACTIVITY:POINTS, ..." },
	[K_ACTIVITY_CAP] = { "activity_cap", SEC_GROUP, V_REAL, true, 0, true,
			     POLICY_MAX_NUMBER, "the most points activities give a group" },
	[K_GROUP_HIGH] = { "high", SEC_GROUP, V_REAL, true, 0, true, POLICY_MAX_NUMBER,
			   "a group score at least this is high" },
	[K_GROUP_MEDIUM] = { "medium", SEC_GROUP, V_REAL, true, 0, true, POLICY_MAX_NUMBER,
			     "a group score at least this (and below high) is medium" },
};

/* ---- the parser's state ---- */

struct parser {
	const char *origin;
	struct cg_policy *p;
	struct cg_error *err;
	int line;                     /* the line being read */
	enum section sec;             /* the section being read */
	int sec_line;                 /* its header's line (0 at the top) */
	int key_line[K_COUNT];        /* where each key of the section was set; 0: not */
	int section_line[SEC_COUNT];  /* first header line of each section (not factors) */
	struct cg_policy_factor *f;   /* the factor being read, in SEC_FACTOR */
};

/* Records "ORIGIN:LINE: reason" and returns CG_INVALID. */
__attribute__((format(printf, 3, 4)))
static enum cg_status fail_at(struct parser *ps, int line, const char *fmt, ...)
{
	char reason[CG_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return cg_fail(ps->err, CG_INVALID, "%s:%d: %s", ps->origin, line, reason);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static bool is_lower_or_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* [a-z0-9_]+, shorter than CG_POLICY_NAME_MAX. */
static bool valid_name(const char *s, size_t n)
{
	if (n == 0 || n >= CG_POLICY_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_lower_or_digit(s[i]) && s[i] != '_')
			return false;
	return true;
}

/*
 * A decimal number as policy.h defines it: digits, then optionally '.' and
 * digits; no sign, no exponent, no leading '.', at most 20 characters.
 * strtod does the conversion (the C locale: nothing calls setlocale).
 */
static bool parse_number(const char *s, size_t n, double *out)
{
	char buf[24];
	size_t i = 0;

	if (n == 0 || n > 20)
		return false;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return false;
	if (i < n) {
		size_t frac = ++i;
		if (s[frac - 1] != '.')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == frac || i < n)
			return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	return true;
}

/* Checks a number against its key's range; `what` names it in messages. */
static enum cg_status check_range(struct parser *ps, const char *what, double v, double min,
				  bool min_open, double max)
{
	if (min_open && !(v > min))
		return fail_at(ps, ps->line, "%s: must be more than %g", what, min);
	if (!min_open && v < min)
		return fail_at(ps, ps->line, "%s: must be at least %g", what, min);
	if (v > max) {
		if (max == 0)
			return fail_at(ps, ps->line, "%s: must be 0", what);
		return fail_at(ps, ps->line, "%s: must be at most %g", what, max);
	}
	return CG_OK;
}

/* ---- lists: values and terms ---- */

/*
 * Parses "NAME:NUMBER, NAME:NUMBER" (values) or "term, term" (terms) into
 * items[]. Names are [a-z0-9_]+; terms words of [a-z0-9_] separated by
 * single spaces (which measure takes which is checked when the factor
 * ends). Empty items, duplicates, more than CG_POLICY_MAX_ITEMS items and
 * over-long names are errors naming `key`.
 */
static enum cg_status parse_list(struct parser *ps, const char *key, bool with_values,
				 const char *s, const char *e, double max,
				 struct cg_policy_item *items, size_t *nitems)
{
	size_t n = 0;

	while (s <= e) {
		const char *comma = memchr(s, ',', (size_t)(e - s));
		const char *is = s, *ie = comma ? comma : e, *vs = NULL, *ve = NULL;
		double value = 1;

		trim(&is, &ie);
		if (is == ie)
			return fail_at(ps, ps->line, "%s: empty item (two commas, or one at an end)",
				       key);
		if (n == CG_POLICY_MAX_ITEMS)
			return fail_at(ps, ps->line, "%s: more than %d items", key,
				       CG_POLICY_MAX_ITEMS);
		if (with_values) {
			const char *colon = memchr(is, ':', (size_t)(ie - is));
			if (!colon)
				return fail_at(ps, ps->line, "%s: '%.*s' is not NAME:NUMBER", key,
					       (int)(ie - is > 60 ? 60 : ie - is), is);
			vs = colon + 1;
			ve = ie;
			ie = colon;
			trim(&is, &ie);
			trim(&vs, &ve);
			if (!valid_name(is, (size_t)(ie - is)))
				return fail_at(ps, ps->line,
					       "%s: '%.*s' is not a name (1 to %d of a-z, 0-9 and _)",
					       key, (int)(ie - is > 60 ? 60 : ie - is), is,
					       CG_POLICY_NAME_MAX - 1);
			if (!parse_number(vs, (size_t)(ve - vs), &value))
				return fail_at(ps, ps->line,
					       "%s: '%.*s' has no number after ':' (digits, optional"
					       " '.' and digits)",
					       key, (int)(ie - is), is);
			if (value > max)
				return fail_at(ps, ps->line, "%s: %.*s: must be at most %g", key,
					       (int)(ie - is), is, max);
		} else {
			bool ok = ie - is < CG_POLICY_NAME_MAX;
			for (const char *c = is; ok && c < ie; c++)
				ok = is_lower_or_digit(*c) || *c == '_' ||
				     (*c == ' ' && c[-1] != ' ');
			if (!ok)
				return fail_at(ps, ps->line,
					       "%s: '%.*s' is not a term (1 to %d bytes: lower-case words"
					       " of a-z, 0-9 and _, single spaces between)",
					       key, (int)(ie - is > 60 ? 60 : ie - is), is,
					       CG_POLICY_NAME_MAX - 1);
		}
		for (size_t i = 0; i < n; i++)
			if (strlen(items[i].key) == (size_t)(ie - is) &&
			    memcmp(items[i].key, is, (size_t)(ie - is)) == 0)
				return fail_at(ps, ps->line, "%s: '%s' appears twice", key,
					       items[i].key);
		memcpy(items[n].key, is, (size_t)(ie - is));
		items[n].key[ie - is] = '\0';
		items[n].value = value;
		n++;
		if (!comma)
			break;
		s = comma + 1;
	}
	*nitems = n;
	return CG_OK;
}

/* ---- one key = value ---- */

static enum cg_status set_text(struct parser *ps, const struct key_rule *r, const char *s,
			       const char *e, char *dst)
{
	size_t n = (size_t)(e - s);
	if (n > (size_t)r->max)
		return fail_at(ps, ps->line, "%s: longer than %d bytes", r->key, (int)r->max);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return fail_at(ps, ps->line, "%s: holds a control character", r->key);
	memcpy(dst, s, n);
	dst[n] = '\0';
	return CG_OK;
}

static enum cg_status set_value(struct parser *ps, enum key_id k, const char *s, const char *e)
{
	const struct key_rule *r = &rules[k];
	struct cg_policy *p = ps->p;
	struct cg_policy_factor *f = ps->f;
	size_t n = (size_t)(e - s);
	double v = 0;
	enum cg_status rc = CG_OK;

	switch (r->kind) {
	case V_TEXT:
		return set_text(ps, r, s, e, k == K_NAME ? p->name : f->description);
	case V_REAL:
		if (!parse_number(s, n, &v))
			return fail_at(ps, ps->line,
				       "%s: '%.*s' is not a number (digits, optional '.' and digits;"
				       " no sign)",
				       r->key, (int)(n > 40 ? 40 : n), s);
		if (k == K_ASSESS_E && v != 0)
			return fail_at(ps, ps->line,
				       "assessment.E: must be 0 (intelligence suspected to be false"
				       " counts for nothing)");
		rc = check_range(ps, r->key, v, r->min, r->min_open, r->max);
		break;
	case V_WHOLE: {
		bool digits = n > 0 && n <= 9;
		for (size_t i = 0; digits && i < n; i++)
			digits = s[i] >= '0' && s[i] <= '9';
		if (!digits)
			return fail_at(ps, ps->line, "%s: '%.*s' is not a whole number", r->key,
				       (int)(n > 40 ? 40 : n), s);
		parse_number(s, n, &v);
		rc = check_range(ps, r->key, v, r->min, r->min_open, r->max);
		break;
	}
	case V_MEASURE:
		for (int m = 0; m < CG_MEASURE_COUNT; m++)
			if (strlen(measure_names[m]) == n && memcmp(measure_names[m], s, n) == 0) {
				f->measure = (enum cg_risk_measure)m;
				return CG_OK;
			}
		return fail_at(ps, ps->line,
			       "measure: '%.*s' is not one of ocg_role, ocg_activity, intel_terms,"
			       " intel_volume, custody_incidents, ocg_links, brokerage, recruitment,"
			       " release",
			       (int)(n > 40 ? 40 : n), s);
	case V_VALUES:
	case V_TERMS:
		if (k == K_ACTIVITIES)
			return parse_list(ps, r->key, true, s, e, r->max, p->group_activities,
					  &p->ngroup_activities);
		if (ps->key_line[k == K_VALUES ? K_TERMS : K_VALUES])
			return fail_at(ps, ps->line,
				       "%s: a factor takes values or terms, not both", r->key);
		return parse_list(ps, r->key, r->kind == V_VALUES, s, e, r->max, f->items,
				  &f->nitems);
	}
	if (rc)
		return rc;

	switch (k) {
	case K_TIER_HIGH: p->tier_high = v; break;
	case K_TIER_MEDIUM: p->tier_medium = v; break;
	case K_SOURCE_1: case K_SOURCE_2: case K_SOURCE_3:
		p->source_weight[k - K_SOURCE_1] = v;
		break;
	case K_ASSESS_A: case K_ASSESS_B: case K_ASSESS_C: case K_ASSESS_D: case K_ASSESS_E:
		p->assessment_weight[k - K_ASSESS_A] = v;
		break;
	case K_WEIGHT: f->weight = v; break;
	case K_CAP: f->cap = v; break;
	case K_WINDOW: f->window_days = (int)v; break;
	case K_TOP_MEMBERS: p->group_top_members = (int)v; break;
	case K_ACTIVITY_CAP: p->group_activity_cap = v; break;
	case K_GROUP_HIGH: p->group_high = v; break;
	case K_GROUP_MEDIUM: p->group_medium = v; break;
	default: CG_ASSERT(!"a numeric key without a destination");
	}
	return CG_OK;
}

/* ---- sections ---- */

/* Lists the keys of section `sec` as "a, b, c" into buf. */
static void section_keys(enum section sec, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < K_COUNT && used < size; k++)
		if (rules[k].sec == sec)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 rules[k].key);
}

static bool measure_is(const struct cg_policy_factor *f, enum cg_risk_measure a,
		       enum cg_risk_measure b)
{
	return f->measure == a || f->measure == b;
}

/* Checks what a factor's measure decides: values, terms and window. */
static enum cg_status finish_factor(struct parser *ps)
{
	struct cg_policy_factor *f = ps->f;
	const char *m = measure_names[f->measure];
	bool wants_values = measure_is(f, CG_MEASURE_OCG_ROLE, CG_MEASURE_OCG_ACTIVITY);
	bool wants_terms = measure_is(f, CG_MEASURE_INTEL_TERMS, CG_MEASURE_CUSTODY_INCIDENTS);
	bool no_window = wants_values;

	if (wants_values && !ps->key_line[K_VALUES])
		return fail_at(ps, ps->sec_line, "[factor %s] needs 'values' for measure %s (%s)",
			       f->name, m,
			       f->measure == CG_MEASURE_OCG_ROLE ?
				       "principal:N, significant:N, peripheral:N" :
				       "ACTIVITY:N, ...");
	if (!wants_values && ps->key_line[K_VALUES])
		return fail_at(ps, ps->key_line[K_VALUES],
			       "values: not meaningful for measure %s (only ocg_role and"
			       " ocg_activity take values)",
			       m);
	if (wants_terms && !ps->key_line[K_TERMS])
		return fail_at(ps, ps->sec_line, "[factor %s] needs 'terms' for measure %s", f->name,
			       m);
	if (!wants_terms && ps->key_line[K_TERMS])
		return fail_at(ps, ps->key_line[K_TERMS],
			       "terms: not meaningful for measure %s (only intel_terms and"
			       " custody_incidents take terms)",
			       m);
	for (size_t i = 0; i < f->nitems; i++) {
		const char *key = f->items[i].key;
		int line = ps->key_line[wants_values ? K_VALUES : K_TERMS];
		bool known = false;
		if (f->measure == CG_MEASURE_OCG_ROLE) {
			for (size_t r = 0; r < NELEM(role_names); r++)
				known = known || strcmp(key, role_names[r]) == 0;
			if (!known)
				return fail_at(ps, line,
					       "values: '%s' is not a role (principal, significant,"
					       " peripheral)",
					       key);
		}
		if (f->measure == CG_MEASURE_INTEL_TERMS && strchr(key, '_'))
			return fail_at(ps, line,
				       "terms: '%s': intelligence terms are words of a-z and 0-9"
				       " (no _), matched in a report's text",
				       key);
		if (f->measure == CG_MEASURE_CUSTODY_INCIDENTS && strchr(key, ' '))
			return fail_at(ps, line,
				       "terms: '%s': custody incident categories are single names"
				       " (a-z, 0-9 and _)",
				       key);
	}
	if (no_window && ps->key_line[K_WINDOW])
		return fail_at(ps, ps->key_line[K_WINDOW],
			       "window: not meaningful for measure %s (it counts current"
			       " memberships)",
			       m);
	if (!no_window && !ps->key_line[K_WINDOW])
		return fail_at(ps, ps->sec_line,
			       "[factor %s] needs 'window' for measure %s (days; 0: no time limit)",
			       f->name, m);
	if (f->measure == CG_MEASURE_RELEASE && f->window_days == 0)
		return fail_at(ps, ps->key_line[K_WINDOW],
			       "window: must be more than 0 for measure release (days before and"
			       " after the assessment)");
	return CG_OK;
}

/* Checks the section just read: required keys, then what ties keys together. */
static enum cg_status finish_section(struct parser *ps)
{
	enum cg_status rc = CG_OK;

	if (ps->sec == SEC_TOP)
		return CG_OK;
	for (int k = 0; k < K_COUNT; k++)
		if (rules[k].sec == ps->sec && rules[k].required && !ps->key_line[k]) {
			if (ps->sec == SEC_FACTOR)
				return fail_at(ps, ps->sec_line, "[factor %s] needs '%s' (%s)",
					       ps->f->name, rules[k].key, rules[k].what);
			return fail_at(ps, ps->sec_line, "%s needs '%s' (%s)",
				       section_names[ps->sec], rules[k].key, rules[k].what);
		}
	switch (ps->sec) {
	case SEC_TIERS:
		if (!(ps->p->tier_medium < ps->p->tier_high))
			rc = fail_at(ps, ps->key_line[K_TIER_MEDIUM],
				     "medium: %g must be below high (%g)", ps->p->tier_medium,
				     ps->p->tier_high);
		break;
	case SEC_GROUP:
		if (!(ps->p->group_medium < ps->p->group_high))
			rc = fail_at(ps, ps->key_line[K_GROUP_MEDIUM],
				     "medium: %g must be below high (%g)", ps->p->group_medium,
				     ps->p->group_high);
		break;
	case SEC_FACTOR:
		rc = finish_factor(ps);
		break;
	default:
		break;
	}
	return rc;
}

/* Starts the section named by the header text s..e (between the brackets). */
static enum cg_status start_section(struct parser *ps, const char *s, const char *e)
{
	static const struct {
		const char *name;
		enum section sec;
	} fixed[] = { { "tiers", SEC_TIERS }, { "grading", SEC_GRADING }, { "group", SEC_GROUP } };
	size_t n;
	enum cg_status rc;

	trim(&s, &e);
	n = (size_t)(e - s);
	if (!ps->key_line[K_NAME] && ps->sec == SEC_TOP)
		return fail_at(ps, ps->line,
			       "'name = ...' must come first, before any section");
	rc = finish_section(ps);
	if (rc)
		return rc;
	memset(ps->key_line, 0, sizeof(ps->key_line));
	ps->sec_line = ps->line;
	ps->f = NULL;

	for (size_t i = 0; i < NELEM(fixed); i++) {
		if (strlen(fixed[i].name) != n || memcmp(fixed[i].name, s, n) != 0)
			continue;
		if (ps->section_line[fixed[i].sec])
			return fail_at(ps, ps->line, "section [%s] appears twice (first on line %d)",
				       fixed[i].name, ps->section_line[fixed[i].sec]);
		ps->sec = fixed[i].sec;
		ps->section_line[ps->sec] = ps->line;
		return CG_OK;
	}
	if (n > 6 && memcmp(s, "factor", 6) == 0 && (s[6] == ' ' || s[6] == '\t')) {
		const char *ns = s + 6, *ne = e;
		struct cg_policy *p = ps->p;
		trim(&ns, &ne);
		if (!valid_name(ns, (size_t)(ne - ns)))
			return fail_at(ps, ps->line,
				       "factor name '%.*s' must be 1 to %d of a-z, 0-9 and _",
				       (int)(ne - ns > 60 ? 60 : ne - ns), ns, CG_POLICY_NAME_MAX - 1);
		for (size_t i = 0; i < p->nfactors; i++)
			if (strlen(p->factors[i].name) == (size_t)(ne - ns) &&
			    memcmp(p->factors[i].name, ns, (size_t)(ne - ns)) == 0)
				return fail_at(ps, ps->line,
					       "factor '%s' is defined twice (first on line %d)",
					       p->factors[i].name, p->factors[i].line);
		if (p->nfactors == CG_POLICY_MAX_FACTORS)
			return fail_at(ps, ps->line, "more than %d factors", CG_POLICY_MAX_FACTORS);
		ps->f = &p->factors[p->nfactors++];
		memcpy(ps->f->name, ns, (size_t)(ne - ns));
		ps->f->name[ne - ns] = '\0';
		ps->f->line = ps->line;
		ps->sec = SEC_FACTOR;
		return CG_OK;
	}
	if (n == 6 && memcmp(s, "factor", 6) == 0)
		return fail_at(ps, ps->line, "[factor] needs a name: [factor NAME]");
	return fail_at(ps, ps->line,
		       "unknown section [%.*s] (sections: [tiers], [grading], [factor NAME],"
		       " [group])",
		       (int)(n > 60 ? 60 : n), s);
}

static enum cg_status parse_line(struct parser *ps, const char *s, const char *e)
{
	const char *hash = memchr(s, '#', (size_t)(e - s));
	const char *eq, *ks, *ke, *vs, *ve;
	int k;

	if (hash)
		e = hash;
	trim(&s, &e);
	if (s == e)
		return CG_OK;
	if (*s == '[') {
		if (e[-1] != ']')
			return fail_at(ps, ps->line, "a section header must end with ']'");
		return start_section(ps, s + 1, e - 1);
	}
	eq = memchr(s, '=', (size_t)(e - s));
	if (!eq)
		return fail_at(ps, ps->line, "expected 'key = value' or '[section]'");
	ks = s;
	ke = eq;
	vs = eq + 1;
	ve = e;
	trim(&ks, &ke);
	trim(&vs, &ve);
	for (k = 0; k < K_COUNT; k++)
		if (rules[k].sec == ps->sec && strlen(rules[k].key) == (size_t)(ke - ks) &&
		    memcmp(rules[k].key, ks, (size_t)(ke - ks)) == 0)
			break;
	if (k == K_COUNT) {
		char keys[256];
		section_keys(ps->sec, keys, sizeof(keys));
		if (ps->sec == SEC_TOP)
			return fail_at(ps, ps->line,
				       "unknown key '%.*s' at the top of the file (only name;"
				       " sections start with [...])",
				       (int)(ke - ks > 60 ? 60 : ke - ks), ks);
		return fail_at(ps, ps->line, "unknown key '%.*s' in %s (keys: %s)",
			       (int)(ke - ks > 60 ? 60 : ke - ks), ks, section_names[ps->sec],
			       keys);
	}
	if (ps->key_line[k])
		return fail_at(ps, ps->line, "'%s' is set twice (first on line %d)", rules[k].key,
			       ps->key_line[k]);
	if (vs == ve)
		return fail_at(ps, ps->line, "'%s' has no value", rules[k].key);
	ps->key_line[k] = ps->line;
	return set_value(ps, (enum key_id)k, vs, ve);
}

enum cg_status cg_policy_parse(const char *text, size_t len, const char *origin,
			       struct cg_policy *out, struct cg_error *err)
{
	struct parser ps = { .origin = origin, .p = out, .err = err, .sec = SEC_TOP };
	const char *p = text, *end = text + len;
	size_t bad = 0;
	enum cg_status rc = CG_OK;

	memset(out, 0, sizeof(*out));
	if (len > 0 && !cg_utf8_valid(text, len, &bad)) {
		ps.line = 1;
		for (size_t i = 0; i < bad; i++)
			ps.line += text[i] == '\n';
		return fail_at(&ps, ps.line, "not valid UTF-8");
	}
	while (rc == CG_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		ps.line++;
		if ((size_t)(le - text) > CG_POLICY_MAX_BYTES)
			rc = fail_at(&ps, ps.line, "the policy is longer than %d bytes",
				     CG_POLICY_MAX_BYTES);
		else if (le - p > POLICY_MAX_LINE)
			rc = fail_at(&ps, ps.line, "line longer than %d bytes", POLICY_MAX_LINE);
		else if (memchr(p, '\0', (size_t)(le - p)))
			rc = fail_at(&ps, ps.line, "NUL byte");
		else
			rc = parse_line(&ps, p, le);
		p = nl ? nl + 1 : end;
	}
	if (rc)
		return rc;
	/* What the whole file must hold is reported at its last line. */
	if (ps.line == 0)
		ps.line = 1;
	rc = finish_section(&ps);
	if (rc)
		return rc;
	if (!out->name[0])
		return fail_at(&ps, ps.line, "'name = ...' is missing (the first setting)");
	if (!ps.section_line[SEC_TIERS])
		return fail_at(&ps, ps.line, "no [tiers] section (high, medium)");
	if (!ps.section_line[SEC_GRADING])
		return fail_at(&ps, ps.line, "no [grading] section (source.1-3, assessment.A-E)");
	if (out->nfactors == 0)
		return fail_at(&ps, ps.line, "no [factor NAME] section: a policy needs a factor");
	if (!ps.section_line[SEC_GROUP])
		return fail_at(&ps, ps.line,
			       "no [group] section (top_members, activities, activity_cap, high,"
			       " medium)");
	return CG_OK;
}

void cg_policy_hash(const char *text, size_t len, char hex[65])
{
	unsigned char h[crypto_generichash_BYTES];

	CG_ASSERT(crypto_generichash_BYTES == 32);
	crypto_generichash(h, sizeof(h), (const unsigned char *)text, len, NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

double cg_policy_grading_weight(const struct cg_policy *p, char source_evaluation,
				char intel_assessment)
{
	if (source_evaluation < '1' || source_evaluation > '3' || intel_assessment < 'A' ||
	    intel_assessment > 'E')
		return 0;
	return p->source_weight[source_evaluation - '1'] *
	       p->assessment_weight[intel_assessment - 'A'];
}

const char *cg_policy_default(size_t *len)
{
	for (const struct cg_embedded *e = cg_policy_files; e->name; e++)
		if (strcmp(e->name, "default.policy") == 0) {
			if (len)
				*len = e->size;
			return e->data;
		}
	CG_ASSERT(!"policy/default.policy is not built in");
	return NULL;
}

enum cg_status cg_policy_read_file(const char *path, char **text, size_t *len,
				   struct cg_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t got;
	bool failed;

	*text = NULL;
	*len = 0;
	if (!f)
		return cg_fail(err, CG_IO, "%s: cannot open the policy file", path);
	buf = cg_xmalloc(CG_POLICY_MAX_BYTES + 2);
	got = fread(buf, 1, CG_POLICY_MAX_BYTES + 1, f);
	failed = ferror(f);
	fclose(f);
	if (failed || got > CG_POLICY_MAX_BYTES) {
		free(buf);
		if (failed)
			return cg_fail(err, CG_IO, "%s: cannot read the policy file", path);
		return cg_fail(err, CG_LIMIT, "%s: larger than %d bytes", path,
			       CG_POLICY_MAX_BYTES);
	}
	buf[got] = '\0';
	*text = buf;
	*len = got;
	return CG_OK;
}
