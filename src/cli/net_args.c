/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net_args.c - the network options of the `cg graph` commands (cli
 * layer): turning them into a network filter and building the network.
 * See net_args.h.
 *
 * Malformed values (a date that is not YYYY-MM-DD, a grading that is not
 * 1A..3E, a weight that is not TYPE=NUMBER, an OCG that is not an id,
 * --custody with --community) are usage errors naming the option, found
 * by graph/filter_parse.h before the store is opened. What only the store
 * can answer (an agency code, a link type that is an association kind, an
 * OCG the user may not see) is answered by the library, naming the option
 * too (cg_net_filter_build).
 */
#include <string.h>

#include "cli/net_args.h"
#include "base/banned.h"

enum cg_status cli_net_parse(const struct cli_net_args *a, struct cg_net_filter_spec *spec,
			     struct cg_error *err)
{
	struct cg_error why = CG_ERROR_INIT;
	const struct cg_net_filter_text t = {
		.types = a->types, .from = a->from, .to = a->to, .min_grading = a->min_grading,
		.agencies = a->agencies, .ocgs = a->ocgs, .weights = a->weights,
		.network = a->network,
		.setting = a->custody ? "custody" : a->community ? "community" : NULL,
	};

	memset(spec, 0, sizeof(*spec));
	if (a->custody && a->community)
		return cg_fail(err, CG_USAGE, "--custody and --community: choose one");
	if (cg_net_filter_parse(&t, CG_FILTER_OPTIONS, spec, &why) != CG_OK)
		return cg_fail(err, CG_USAGE, "%s", why.message);
	return CG_OK;
}

enum cg_status cli_net_build_spec(struct cli_ctx *ctx, struct cg_net_filter_spec *spec,
				  struct cg_network **net, struct cg_error *err)
{
	struct cg_ctx *lib = NULL;
	enum cg_status rc = CG_OK;

	*net = NULL;
	if (!(ctx->reason && *ctx->reason))
		rc = cg_fail(err, CG_USAGE,
			     "--reason: required: building a network consults intelligence");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_net_filter_build(lib, CG_FILTER_OPTIONS, spec, net, err);
	return rc;
}

enum cg_status cli_net_build(struct cli_ctx *ctx, const struct cli_net_args *a,
			     struct cg_network **net, struct cg_error *err)
{
	struct cg_net_filter_spec spec;
	enum cg_status rc = cli_net_parse(a, &spec, err);

	*net = NULL;
	if (rc == CG_OK)
		rc = cli_net_build_spec(ctx, &spec, net, err);
	cg_net_filter_spec_release(&spec);
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
