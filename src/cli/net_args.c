/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net_args.c - the network options of the `cg graph` commands (cli
 * layer): turning them into a struct cg_net_filter and building the
 * network. See net_args.h.
 *
 * Malformed values (a date that is not YYYY-MM-DD, a grading that is not
 * 1A..3E, a weight that is not TYPE=NUMBER, an OCG that is not an id,
 * --custody with --community) are usage errors naming the option, found
 * before the store is opened. What only the store can answer (an agency
 * code, a link type that is an association kind, an OCG the user may not
 * see) is answered by the library, naming the field.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access/account.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "cli/net_args.h"
#include "base/banned.h"

/* The largest weight accepted, as the library's. */
#define WEIGHT_MAX 1000.0

/* The filter and the storage its pointers point into. */
struct net_filter {
	struct cg_net_filter f;
	char **types;            /* owned strings */
	size_t ntypes;
	char **weight_names;     /* owned strings */
	struct cg_net_weight *weights;
	size_t nweights;
	char **agency_codes;     /* owned strings */
	size_t nagency_codes;
	int64_t *agencies;
	int64_t *ocgs;
	size_t nocgs;
};

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static void net_filter_release(struct net_filter *n)
{
	free_list(n->types, n->ntypes);
	free_list(n->weight_names, n->nweights);
	free_list(n->agency_codes, n->nagency_codes);
	free(n->weights);
	free(n->agencies);
	free(n->ocgs);
	memset(n, 0, sizeof(*n));
}

/* Splits "a,b,c" into owned items; an empty item is a usage error naming
 * --opt. */
static enum cg_status split(const char *opt, const char *s, char ***items, size_t *n,
			    struct cg_error *err)
{
	*items = NULL;
	*n = 0;
	if (!s)
		return CG_OK;
	for (const char *p = s;;) {
		size_t len = strcspn(p, ",");
		if (len == 0) {
			return cg_fail(err, CG_USAGE, "--%s '%.40s': empty item in the list", opt, s);
		}
		*items = cg_xrealloc(*items, (*n + 1) * sizeof(**items));
		(*items)[(*n)++] = cg_xstrndup(p, len);
		if (!p[len])
			return CG_OK;
		p += len + 1;
	}
}

static enum cg_status check_date(const char *opt, const char *v, struct cg_error *err)
{
	struct cg_error why = CG_ERROR_INIT;
	struct cg_date d;
	if (v && cg_date_parse_iso(v, &d, &why))
		return cg_fail(err, CG_USAGE, "--%s: %s (expected YYYY-MM-DD)", opt, why.message);
	return CG_OK;
}

static enum cg_status parse_weights(const struct cli_net_args *a, struct net_filter *n,
				    struct cg_error *err)
{
	char **items = NULL;
	size_t count = 0;
	enum cg_status rc = split("weight", a->weights, &items, &count, err);

	n->weights = cg_xcalloc(count ? count : 1, sizeof(*n->weights));
	n->weight_names = cg_xcalloc(count ? count : 1, sizeof(*n->weight_names));
	for (size_t i = 0; rc == CG_OK && i < count; i++) {
		char *eq = strchr(items[i], '='), *end = NULL;
		double w = 0;
		if (eq && eq != items[i]) {
			errno = 0;
			w = strtod(eq + 1, &end);
		}
		if (!eq || eq == items[i] || !eq[1] || *end || errno || !isfinite(w) || w <= 0 ||
		    w > WEIGHT_MAX) {
			rc = cg_fail(err, CG_USAGE,
				     "--weight '%.40s': expected TYPE=WEIGHT, a weight above 0 and at"
				     " most %g", items[i], WEIGHT_MAX);
			break;
		}
		n->weight_names[n->nweights] = cg_xstrndup(items[i], (size_t)(eq - items[i]));
		n->weights[n->nweights] = (struct cg_net_weight){ n->weight_names[n->nweights], w };
		n->nweights++;
	}
	free_list(items, count);
	return rc;
}

static enum cg_status parse_ocgs(const struct cli_net_args *a, struct net_filter *n,
				 struct cg_error *err)
{
	char **items = NULL;
	size_t count = 0;
	enum cg_status rc = split("ocg", a->ocgs, &items, &count, err);

	n->ocgs = cg_xcalloc(count ? count : 1, sizeof(*n->ocgs));
	for (size_t i = 0; rc == CG_OK && i < count; i++) {
		rc = cli_parse_id("OCG", items[i], &n->ocgs[i], err);
		if (rc)
			rc = cg_error_prefix(err, "--ocg");
		n->nocgs = i + 1;
	}
	free_list(items, count);
	return rc;
}

/* Everything that needs no store: usage errors come first. */
static enum cg_status parse_filter(const struct cli_net_args *a, struct net_filter *n,
				   struct cg_error *err)
{
	enum cg_status rc = CG_OK;

	if (a->custody && a->community)
		return cg_fail(err, CG_USAGE, "--custody and --community: choose one");
	if (a->min_grading && !(strlen(a->min_grading) == 2 && a->min_grading[0] >= '1' &&
				a->min_grading[0] <= '3' && a->min_grading[1] >= 'A' &&
				a->min_grading[1] <= 'E'))
		return cg_fail(err, CG_USAGE,
			       "--min-grading '%.10s': expected a grading such as 2B (source 1-3,"
			       " then assessment A-E)", a->min_grading);
	if (a->network && !*a->network)
		return cg_fail(err, CG_USAGE, "--network: empty name");
	if ((rc = check_date("from", a->from, err)) || (rc = check_date("to", a->to, err)) ||
	    (rc = split("types", a->types, &n->types, &n->ntypes, err)) ||
	    (rc = split("agency", a->agencies, &n->agency_codes, &n->nagency_codes, err)) ||
	    (rc = parse_weights(a, n, err)) || (rc = parse_ocgs(a, n, err)))
		return rc;
	n->f = (struct cg_net_filter){
		.types = (const char *const *)n->types, .ntypes = n->ntypes,
		.from = a->from, .to = a->to, .min_grading = a->min_grading,
		.ocgs = n->ocgs, .nocgs = n->nocgs,
		.setting = a->custody	? CG_NET_CUSTODY_ONLY
			   : a->community ? CG_NET_COMMUNITY_ONLY
					  : CG_NET_ANYWHERE,
		.weights = n->weights, .nweights = n->nweights, .network = a->network,
	};
	return CG_OK;
}

static int note_agency(const struct cg_agency_info *info, void *arg)
{
	struct net_filter *n = arg;
	for (size_t i = 0; i < n->nagency_codes; i++)
		if (strcmp(n->agency_codes[i], info->code) == 0)
			n->agencies[i] = info->id;
	return 0;
}

/* Agency codes to ids, through the agency list any user may read. */
static enum cg_status resolve_agencies(struct cg_ctx *lib, struct net_filter *n,
				       struct cg_error *err)
{
	enum cg_status rc;
	n->agencies = cg_xcalloc(n->nagency_codes ? n->nagency_codes : 1, sizeof(*n->agencies));
	if (!n->nagency_codes)
		return CG_OK;
	rc = cg_agency_list(lib, note_agency, n, err);
	for (size_t i = 0; rc == CG_OK && i < n->nagency_codes; i++)
		if (!n->agencies[i])
			rc = cg_fail(err, CG_INVALID, "--agency: no agency %.40s", n->agency_codes[i]);
	n->f.agencies = n->agencies;
	n->f.nagencies = n->nagency_codes;
	return rc;
}

enum cg_status cli_net_build(struct cli_ctx *ctx, const struct cli_net_args *a,
			     struct cg_network **net, struct cg_error *err)
{
	struct net_filter n = { 0 };
	struct cg_ctx *lib = NULL;
	enum cg_status rc = parse_filter(a, &n, err);

	*net = NULL;
	if (rc == CG_OK && !(ctx->reason && *ctx->reason))
		rc = cg_fail(err, CG_USAGE,
			     "--reason: required: building a network consults intelligence");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = resolve_agencies(lib, &n, err);
	if (rc == CG_OK)
		rc = cg_net_build(lib, &n.f, net, err);
	net_filter_release(&n);
	return rc;
}

void cli_net_print_description(FILE *f, const struct cg_network *net)
{
	const char *p = net->description.data, *end = p + net->description.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		fprintf(f, "# %.*s\n", (int)len, p);
		p += len + 1;
	}
}
