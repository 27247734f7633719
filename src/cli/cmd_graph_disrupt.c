/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_disrupt.c - `cg graph disrupt` (cli layer): for one group (its
 * members, and with --neighbours everyone linked to them) or the whole
 * network, the people and links whose removal fragments it most under one
 * measure, and a greedy set of k removals (graph/groups.h).
 */
#include <inttypes.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

static void print_value(FILE *f, enum cg_disrupt_measure m, double v)
{
	if (m == CG_DISRUPT_EFFICIENCY)
		fprintf(f, "%.6f", v);
	else
		fprintf(f, "%.0f", v);
}

/* "person 1 (A) - person 2 (B), 3 links: associate, same_wing" */
static void edge_text(FILE *f, const struct cg_network *net, size_t e)
{
	const struct cg_net_edge *ed = &net->edges[e];
	struct cg_buf types = CG_BUF_INIT;
	cg_net_edge_types(net, e, ", ", &types);
	gg_person_text(f, net, ed->a);
	fprintf(f, " - ");
	gg_person_text(f, net, ed->b);
	fprintf(f, ", %zu link%s: %s", ed->count, ed->count == 1 ? "" : "s", types.data);
	cg_buf_release(&types);
}

static void print_text(FILE *f, const struct cg_network *net, const struct cg_disrupt_result *r)
{
	enum cg_disrupt_measure m = r->measure;
	fprintf(f, "before: ");
	print_value(f, m, r->before);
	fprintf(f, "\npeople:\n");
	for (size_t i = 0; i < r->npeople; i++) {
		fprintf(f, "%zu. ", i + 1);
		gg_person_text(f, net, (uint32_t)r->people[i].index);
		fprintf(f, ": after ");
		print_value(f, m, r->people[i].after);
		fprintf(f, ", effect ");
		print_value(f, m, r->people[i].effect);
		fputc('\n', f);
	}
	fprintf(f, "links:\n");
	for (size_t i = 0; i < r->nlinks; i++) {
		fprintf(f, "%zu. ", i + 1);
		edge_text(f, net, r->links[i].index);
		fprintf(f, ": after ");
		print_value(f, m, r->links[i].after);
		fprintf(f, ", effect ");
		print_value(f, m, r->links[i].effect);
		fputc('\n', f);
	}
	if (r->ngreedy)
		fprintf(f, "greedy removals:\n");
	for (size_t i = 0; i < r->ngreedy; i++) {
		fprintf(f, "%zu. remove ", i + 1);
		gg_person_text(f, net, r->greedy[i].node);
		fprintf(f, ": ");
		print_value(f, m, r->greedy[i].after);
		fputc('\n', f);
	}
}

/* section,rank,person_a,label_a,person_b,label_b,after,effect */
static void csv_row(FILE *f, const struct cg_network *net, const char *section, size_t rank,
		    uint32_t a, int64_t b, double after, const double *effect)
{
	fprintf(f, "%s,%zu,", section, rank);
	cli_csv_field(f, net->nodes[a].key, false);
	cli_csv_field(f, net->nodes[a].label ? net->nodes[a].label : "", false);
	cli_csv_field(f, b >= 0 ? net->nodes[b].key : "", false);
	cli_csv_field(f, b >= 0 && net->nodes[b].label ? net->nodes[b].label : "", false);
	fprintf(f, "%.9g,", after);
	if (effect)
		fprintf(f, "%.9g\n", *effect);
	else
		fputc('\n', f);
}

static void print_csv(FILE *f, const struct cg_network *net, const struct cg_disrupt_result *r)
{
	fprintf(f, "section,rank,person_a,label_a,person_b,label_b,after,effect\n");
	for (size_t i = 0; i < r->npeople; i++)
		csv_row(f, net, "person", i + 1, (uint32_t)r->people[i].index, -1,
			r->people[i].after, &r->people[i].effect);
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct cg_net_edge *e = &net->edges[r->links[i].index];
		csv_row(f, net, "link", i + 1, e->a, e->b, r->links[i].after, &r->links[i].effect);
	}
	for (size_t i = 0; i < r->ngreedy; i++)
		csv_row(f, net, "greedy", i + 1, r->greedy[i].node, -1, r->greedy[i].after, NULL);
}

enum cg_status cmd_graph_disrupt(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL, *group_s = NULL, *measure_s = NULL, *k_s = NULL, *top_s = NULL;
	bool neighbours = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "ocg-group", CLI_OPT_STRING, &group_s, NULL },
		{ "neighbours", CLI_OPT_FLAG, NULL, &neighbours },
		{ "measure", CLI_OPT_STRING, &measure_s, NULL },
		{ "k", CLI_OPT_STRING, &k_s, NULL },
		{ "top", CLI_OPT_STRING, &top_s, NULL },
		{ NULL, 0, NULL, NULL },
	};
	enum cg_disrupt_measure measure = CG_DISRUPT_LARGEST;
	uint64_t k = 0, top = 20, group = 0;
	enum graph_format fmt = GRAPH_TEXT;
	struct cg_network *net = NULL, *sub = NULL;
	struct cg_disrupt_result r = { 0 };
	struct cg_params p = { 0 };
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);

	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("k", k_s, 0, 1000, &k, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top_s, 0, 100000000, &top, err);
	if (rc == CG_OK && measure_s && !cg_disrupt_measure_parse(measure_s, &measure))
		rc = cg_fail(err, CG_USAGE, "--measure: '%.40s': largest, components or efficiency",
			     measure_s);
	if (rc == CG_OK)
		rc = cli_parse_uint("ocg-group", group_s, 1, INT64_MAX, &group, err);
	if (rc == CG_OK && neighbours && !group_s)
		rc = cg_fail(err, CG_USAGE, "--neighbours needs --ocg-group");
	if (rc == CG_OK)
		rc = cli_net_build(ctx, &na, &net, err);
	if (rc == CG_OK && group) {
		rc = cg_disrupt_group_net(net, (int64_t)group, neighbours, &sub, err);
		if (rc)
			(void)cg_error_prefix(err, "--ocg-group");
	}
	/* the network measured: the group's part, or all of it */
	const struct cg_network *m = sub ? sub : net;
	if (rc == CG_OK) {
		struct cg_disrupt_options opt = { measure, (size_t)k, (size_t)top };
		rc = cg_disrupt(m, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_disrupt_params(&p, &r, (int64_t)group, neighbours, (size_t)k, (size_t)top);
		if (fmt == GRAPH_JSON) {
			graph_print_json(ctx->out, cg_disruption_json(m, &r, &p));
		} else {
			gg_heading(ctx->out, m, &p);
			(fmt == GRAPH_CSV ? print_csv : print_text)(ctx->out, m, &r);
		}
	}
	cg_disrupt_result_release(&r);
	cg_net_free(sub);
	cg_net_free(net);
	return rc;
}
