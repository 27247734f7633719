/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_summary.c - `cg graph summary` (cli layer): build the network
 * the user may see under the network options and say what is in it: how
 * many persons, edges and links, links per type with their weight and
 * setting, persons without any link, persons by risk tier. --links lists
 * every link with its provenance (the rows that make it). Building lives in
 * graph/build*.c, the JSON document in graph/json_summary.c.
 */
#include <inttypes.h>

#include "base/date.h"
#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "base/banned.h"

static void print_text(FILE *f, const struct cg_network *net, bool links)
{
	struct cg_net_counts n;
	cg_net_counts(net, &n);
	cli_net_print_description(f, net);
	fprintf(f, "nodes: %zu\nedges: %zu\nlinks: %zu\nisolates: %zu\n", net->nnodes, net->nedges,
		net->nlinks, n.isolates);
	fprintf(f, "risk tiers: %zu high, %zu medium, %zu low, %zu not assessed\nlinks per type:\n",
		n.tiers[3], n.tiers[2], n.tiers[1], n.tiers[0]);
	for (size_t t = 0; t < net->ntypes; t++)
		fprintf(f, "  %-20s %8zu  weight %g  %s\n", net->types[t].name, n.per_type[t],
			net->types[t].weight, net->types[t].custody ? "custody" : "community");
	if (links) {
		fprintf(f, "links:\n");
		for (size_t i = 0; i < net->nlinks; i++) {
			const struct cg_net_link *l = &net->links[i];
			char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
			char rows[48];
			const char *via = cg_net_via_name(net, l);
			cg_net_day_text(l->from, from);
			cg_net_day_text(l->to, to);
			if (l->row_id2)
				snprintf(rows, sizeof(rows), "%" PRId64 "+%" PRId64, l->row_id, l->row_id2);
			else
				snprintf(rows, sizeof(rows), "%" PRId64, l->row_id);
			/* "7 8 same_cell 2022-02-01..2022-05-01 custody 2+4 - via HMX cell A-1-001" */
			fprintf(f, "  %s %s %s %s..%s %s %s %s%s%s\n", net->nodes[l->a].key,
				net->nodes[l->b].key, net->types[l->type].name, from[0] ? from : "?",
				to[0] ? to : "?", cg_net_origin_name(l->origin), rows,
				l->grading[0] ? l->grading : "-", via ? " via " : "", via ? via : "");
		}
	}
	cg_net_counts_release(&n);
}

enum cg_status cmd_graph_summary(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	struct cli_net_args a = { 0 };
	const char *format = NULL;
	bool links = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(a),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "links", CLI_OPT_FLAG, NULL, &links },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_network *net = NULL;
	enum graph_format fmt = GRAPH_TEXT;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_net_build(ctx, &a, &net, err);
	if (rc)
		return rc;
	if (fmt == GRAPH_JSON)
		graph_print_json(ctx->out, cg_summary_json(net, links));
	else
		print_text(ctx->out, net, links);
	cg_net_free(net);
	return CG_OK;
}
