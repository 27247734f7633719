/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * filter_parse.c - a network filter from the text a front end received
 * (graph layer). See filter_parse.h.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/account.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "graph/filter_parse.h"
#include "base/banned.h"

/* Each filter's API name and command-line option. */
enum which { F_TYPES, F_FROM, F_TO, F_MIN_GRADING, F_AGENCY, F_OCG, F_SETTING, F_WEIGHT, F_NETWORK };
static const struct {
	const char *param, *option;
} names_of[] = {
	[F_TYPES] = { "types", "--types" },
	[F_FROM] = { "from", "--from" },
	[F_TO] = { "to", "--to" },
	[F_MIN_GRADING] = { "min_grading", "--min-grading" },
	[F_AGENCY] = { "agency", "--agency" },
	[F_OCG] = { "ocg", "--ocg" },
	[F_SETTING] = { "setting", "--custody/--community" },
	[F_WEIGHT] = { "weight", "--weight" },
	[F_NETWORK] = { "network", "--network" },
};

/* Records which filter failed and returns CG_INVALID with the message
 * "NAME...": the name spelt for the front end, then `fmt`. */
__attribute__((format(printf, 5, 6)))
static enum cg_status bad(struct cg_net_filter_spec *s, enum cg_net_filter_names names,
			  enum which w, struct cg_error *err, const char *fmt, ...)
{
	char msg[CG_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->field = names_of[w].param;
	return cg_fail(err, CG_INVALID, "%s%s",
		       names == CG_FILTER_OPTIONS ? names_of[w].option : names_of[w].param, msg);
}

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

void cg_net_filter_spec_release(struct cg_net_filter_spec *s)
{
	free_list(s->types, s->ntypes);
	free_list(s->weight_names, s->nweights);
	free_list(s->agency_codes, s->nagency_codes);
	free(s->weights);
	free(s->agencies);
	free(s->ocgs);
	memset(s, 0, sizeof(*s));
}

/* Splits "a,b,c" into owned items; an empty item is refused. */
static enum cg_status split(struct cg_net_filter_spec *s, enum cg_net_filter_names names,
			    enum which w, const char *text, char ***items, size_t *n,
			    struct cg_error *err)
{
	*items = NULL;
	*n = 0;
	if (!text)
		return CG_OK;
	for (const char *p = text;;) {
		size_t len = strcspn(p, ",");
		if (len == 0)
			return bad(s, names, w, err, " '%.40s': empty item in the list", text);
		*items = cg_xrealloc(*items, (*n + 1) * sizeof(**items));
		(*items)[(*n)++] = cg_xstrndup(p, len);
		if (!p[len])
			return CG_OK;
		p += len + 1;
	}
}

/* A date of the window into *days (left alone when v is NULL). */
static enum cg_status check_date(struct cg_net_filter_spec *s, enum cg_net_filter_names names,
				 enum which w, const char *v, int64_t *days, struct cg_error *err)
{
	struct cg_error why = CG_ERROR_INIT;
	struct cg_date d;
	if (!v)
		return CG_OK;
	if (cg_date_parse_iso(v, &d, &why))
		return bad(s, names, w, err, ": %s (expected YYYY-MM-DD)", why.message);
	*days = cg_date_to_days(d);
	return CG_OK;
}

static enum cg_status parse_weights(const struct cg_net_filter_text *t,
				    enum cg_net_filter_names names, struct cg_net_filter_spec *s,
				    struct cg_error *err)
{
	char **items = NULL;
	size_t count = 0;
	enum cg_status rc = split(s, names, F_WEIGHT, t->weights, &items, &count, err);

	s->weights = cg_xcalloc(count ? count : 1, sizeof(*s->weights));
	s->weight_names = cg_xcalloc(count ? count : 1, sizeof(*s->weight_names));
	for (size_t i = 0; rc == CG_OK && i < count; i++) {
		char *eq = strchr(items[i], '='), *end = NULL;
		double w = 0;
		if (eq && eq != items[i]) {
			errno = 0;
			w = strtod(eq + 1, &end);
		}
		if (!eq || eq == items[i] || !eq[1] || *end || errno || !isfinite(w) || w <= 0 ||
		    w > CG_NET_WEIGHT_MAX) {
			rc = bad(s, names, F_WEIGHT, err,
				 " '%.40s': expected TYPE=WEIGHT, a weight above 0 and at most %g",
				 items[i], CG_NET_WEIGHT_MAX);
			break;
		}
		s->weight_names[s->nweights] = cg_xstrndup(items[i], (size_t)(eq - items[i]));
		s->weights[s->nweights] = (struct cg_net_weight){ s->weight_names[s->nweights], w };
		s->nweights++;
	}
	free_list(items, count);
	return rc;
}

/* A positive decimal id of at most 18 digits. */
static bool parse_id(const char *text, int64_t *out)
{
	char *end = NULL;
	long long v;
	if (!*text || *text == '-' || *text == '+' || strlen(text) > 18)
		return false;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (*end || errno || v <= 0)
		return false;
	*out = v;
	return true;
}

static enum cg_status parse_ocgs(const struct cg_net_filter_text *t,
				 enum cg_net_filter_names names, struct cg_net_filter_spec *s,
				 struct cg_error *err)
{
	char **items = NULL;
	size_t count = 0;
	enum cg_status rc = split(s, names, F_OCG, t->ocgs, &items, &count, err);

	s->ocgs = cg_xcalloc(count ? count : 1, sizeof(*s->ocgs));
	for (size_t i = 0; rc == CG_OK && i < count; i++) {
		if (!parse_id(items[i], &s->ocgs[i]))
			rc = bad(s, names, F_OCG, err, ": '%.40s' is not an OCG id", items[i]);
		else
			s->nocgs = i + 1;
	}
	free_list(items, count);
	return rc;
}

static enum cg_status parse_setting(const char *text, enum cg_net_filter_names names,
				    struct cg_net_filter_spec *s, struct cg_error *err)
{
	if (!text || strcmp(text, "all") == 0)
		s->f.setting = CG_NET_ANYWHERE;
	else if (strcmp(text, "custody") == 0)
		s->f.setting = CG_NET_CUSTODY_ONLY;
	else if (strcmp(text, "community") == 0)
		s->f.setting = CG_NET_COMMUNITY_ONLY;
	else
		return bad(s, names, F_SETTING, err, " '%.40s': custody, community or all", text);
	return CG_OK;
}

enum cg_status cg_net_filter_parse(const struct cg_net_filter_text *t,
				   enum cg_net_filter_names names, struct cg_net_filter_spec *s,
				   struct cg_error *err)
{
	const char *g = t->min_grading;
	int64_t from = INT64_MIN, to = INT64_MAX;
	enum cg_status rc;

	memset(s, 0, sizeof(*s));
	if (g && !cg_net_grading_valid(g))
		return bad(s, names, F_MIN_GRADING, err,
			   " '%.10s': expected a grading such as 2B (source 1-3, then assessment"
			   " A-E)", g);
	if (t->network && !*t->network)
		return bad(s, names, F_NETWORK, err, ": empty name");
	if ((rc = parse_setting(t->setting, names, s, err)) ||
	    (rc = check_date(s, names, F_FROM, t->from, &from, err)) ||
	    (rc = check_date(s, names, F_TO, t->to, &to, err)) ||
	    (rc = split(s, names, F_TYPES, t->types, &s->types, &s->ntypes, err)) ||
	    (rc = split(s, names, F_AGENCY, t->agencies, &s->agency_codes, &s->nagency_codes,
			err)) ||
	    (rc = parse_weights(t, names, s, err)) || (rc = parse_ocgs(t, names, s, err)))
		return rc;
	if (from > to)
		return bad(s, names, F_FROM, err, " %s is after %s %s", t->from,
			   names == CG_FILTER_OPTIONS ? names_of[F_TO].option : names_of[F_TO].param,
			   t->to);
	s->cap_types = s->ntypes;
	s->f.types = (const char *const *)s->types;
	s->f.ntypes = s->ntypes;
	s->f.from = t->from;
	s->f.to = t->to;
	s->f.min_grading = g;
	s->f.ocgs = s->ocgs;
	s->f.nocgs = s->nocgs;
	s->f.weights = s->weights;
	s->f.nweights = s->nweights;
	s->f.network = t->network;
	return CG_OK;
}

static int note_agency(const struct cg_agency_info *info, void *arg)
{
	struct cg_net_filter_spec *s = arg;
	for (size_t i = 0; i < s->nagency_codes; i++)
		if (strcmp(s->agency_codes[i], info->code) == 0)
			s->agencies[i] = info->id;
	return 0;
}

enum cg_status cg_net_filter_resolve(struct cg_ctx *ctx, enum cg_net_filter_names names,
				     struct cg_net_filter_spec *s, struct cg_error *err)
{
	enum cg_status rc = CG_OK;

	free(s->agencies);
	s->agencies = cg_xcalloc(s->nagency_codes ? s->nagency_codes : 1, sizeof(*s->agencies));
	if (s->nagency_codes)
		rc = cg_agency_list(ctx, note_agency, s, err);
	for (size_t i = 0; rc == CG_OK && i < s->nagency_codes; i++)
		if (!s->agencies[i])
			rc = bad(s, names, F_AGENCY, err, ": no agency %.40s", s->agency_codes[i]);
	s->f.agencies = s->agencies;
	s->f.nagencies = s->nagency_codes;
	return rc;
}

/*
 * The builder names a filter it refuses by the parameter's API name
 * (build.h): "types: no link type 'x'". Records the filter in s->field
 * and, for the command line, spells it as its option.
 */
static void name_build_error(struct cg_net_filter_spec *s, enum cg_net_filter_names names,
			     struct cg_error *err)
{
	for (size_t w = 0; err && w < sizeof(names_of) / sizeof(names_of[0]); w++) {
		size_t len = strlen(names_of[w].param);
		if (strncmp(err->message, names_of[w].param, len) != 0 || err->message[len] != ':')
			continue;
		s->field = names_of[w].param;
		if (names == CG_FILTER_OPTIONS) {
			char rest[CG_ERROR_MESSAGE_MAX];
			snprintf(rest, sizeof(rest), "%s", err->message + len);
			(void)cg_fail(err, err->code, "%s%s", names_of[w].option, rest);
		}
		return;
	}
}

enum cg_status cg_net_filter_build(struct cg_ctx *ctx, enum cg_net_filter_names names,
				   struct cg_net_filter_spec *s, struct cg_network **net,
				   struct cg_error *err)
{
	enum cg_status rc = cg_net_filter_resolve(ctx, names, s, err);

	*net = NULL;
	if (rc)
		return rc;
	rc = cg_net_build(ctx, &s->f, net, err);
	if (rc)
		name_build_error(s, names, err);
	return rc;
}

void cg_net_filter_add_type(struct cg_net_filter_spec *s, const char *name)
{
	for (size_t i = 0; i < s->ntypes; i++)
		if (strcmp(s->types[i], name) == 0)
			return;
	s->types = cg_grow(s->types, sizeof(*s->types), s->ntypes + 1, &s->cap_types);
	s->types[s->ntypes++] = cg_xstrdup(name);
	s->f.types = (const char *const *)s->types;
	s->f.ntypes = s->ntypes;
}
