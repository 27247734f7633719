/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_neighbours.c - `cg graph neighbours` (cli layer): everyone
 * within k links of a person, of an OCG's members or of an external
 * network's group (i2's "Find Linked Items"), with the links among them.
 * The search is in graph/neighbourhood.c, the JSON in graph/json_paths.c.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

static void print_text(FILE *f, const struct cg_neighbourhood *nb, const char *what)
{
	const struct cg_network *sub = nb->sub;
	fprintf(f, "within %u link%s of %s: %zu people, %zu links among them\n", nb->max_hops,
		nb->max_hops == 1 ? "" : "s", what, nb->nnodes, sub->nlinks);
	fprintf(f, "%4s  %-40s %-16s %s\n", "hops", "person", "groups", "tier");
	/* by distance: the list is in the network's order, so one pass per hop */
	for (unsigned h = 0; h <= nb->max_hops; h++)
		for (size_t i = 0; i < nb->nnodes; i++) {
			if (nb->hops[i] != h)
				continue;
			char name[160], groups[128];
			graph_node_name(sub, (uint32_t)i, name, sizeof(name));
			graph_node_groups(sub, (uint32_t)i, groups, sizeof(groups));
			fprintf(f, "%4u  %-40s %-16s %s\n", h, name, groups,
				graph_tier_name(sub->nodes[i].tier));
		}
}

static void print_csv(FILE *f, const struct cg_neighbourhood *nb)
{
	const struct cg_network *sub = nb->sub;
	fprintf(f, "key,label,%s,tier,hops\n", graph_is_external(sub) ? "group" : "ocgs");
	for (size_t i = 0; i < nb->nnodes; i++) {
		char groups[256];
		graph_node_groups(sub, (uint32_t)i, groups, sizeof(groups));
		cli_csv_field(f, sub->nodes[i].key, false);
		cli_csv_field(f, sub->nodes[i].label ? sub->nodes[i].label : "", false);
		cli_csv_field(f, groups, false);
		fprintf(f, "%s,%u\n", graph_tier_name(sub->nodes[i].tier), nb->hops[i]);
	}
}

enum cg_status cmd_graph_neighbours(struct cli_ctx *ctx, int argc, char **argv,
				    struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *ocg = NULL, *group = NULL, *hops = NULL, *format = NULL;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "ocg-members", CLI_OPT_STRING, &ocg, NULL },
		{ "group", CLI_OPT_STRING, &group, NULL },
		{ "hops", CLI_OPT_STRING, &hops, NULL },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	uint64_t ocg_id = 0, k = 2;
	enum graph_format fmt = GRAPH_TEXT;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);
	if (rc == CG_OK && npos + (ocg != NULL) + (group != NULL) != 1)
		rc = cg_fail(err, CG_USAGE, "give one person's key, --ocg-members ID or --group NAME");
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("ocg-members", ocg, 1, INT64_MAX, &ocg_id, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("hops", hops, 1, CG_NEIGHBOURHOOD_MAX_HOPS, &k, err);
	if (rc)
		return rc;
	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	uint32_t *seeds = NULL;
	size_t nseeds = 0;
	struct cg_neighbourhood nb = { 0 };
	struct cg_json_agencies ag;
	char what[200];
	cg_json_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	rc = cg_net_seeds(net, npos ? pos[0] : NULL, (int64_t)ocg_id, group, &seeds, &nseeds, err);
	if (rc == CG_OK)
		rc = cg_net_neighbourhood(net, seeds, nseeds, (unsigned)k, true, &nb, err);
	cg_net_seeds_name(net, npos && rc == CG_OK, seeds, nseeds, (int64_t)ocg_id, group, what,
			  sizeof(what));
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_neighbourhood_json(&nb, &ag, what));
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &nb.used);
		if (fmt == GRAPH_CSV)
			print_csv(ctx->out, &nb);
		else
			print_text(ctx->out, &nb, what);
	}
	free(seeds);
	cg_neighbourhood_release(&nb);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}
