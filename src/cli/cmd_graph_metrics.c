/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_metrics.c - `cg graph metrics` and `cg graph links` (cli
 * layer): centrality per person, and betweenness and bridges per link,
 * over the network the user may see. The mathematics is in
 * graph/centrality.c, the defaults for large networks, sorting and the
 * top N in graph/ranking.c and the JSON in graph/json_measures.c; this
 * file parses the options and prints text and CSV.
 */
#include <inttypes.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/ranking.h"
#include "base/banned.h"

/* Rows a text table shows unless --top says otherwise. */
#define TEXT_TOP 50

/* Turns a library CG_INVALID about option --NAME ("NAME: ...") into a
 * usage error naming the option. */
static enum cg_status usage_error(struct cg_error *err)
{
	char msg[sizeof(err->message)];
	memcpy(msg, err->message, sizeof(msg));
	return cg_fail(err, CG_USAGE, "--%s", msg);
}

/* --betweenness exact|sample:N into *sample (0: exact). */
static enum cg_status parse_betweenness(const char *s, size_t *sample, struct cg_error *err)
{
	return cg_betweenness_parse(s, sample, err) ? usage_error(err) : CG_OK;
}

static void print_summary(FILE *f, const struct cg_net_summary *s)
{
	fprintf(f,
		"# summary: %zu nodes, %zu edges (%zu links), %zu components (%zu without the "
		"%zu isolates), largest %zu, density %.6g\n",
		s->nodes, s->edges, s->links, s->components, s->components_linked, s->isolates,
		s->largest, s->density);
}

static void print_csv(FILE *f, const struct cg_network *net, const struct cg_metrics *m)
{
	bool external = graph_is_external(net);
	fprintf(f, "key,label,%s,tier", external ? "group" : "ocgs");
	for (size_t k = 0; k < cg_rank_ncolumns; k++) {
		if (!(m->measures & cg_rank_columns[k]))
			continue;
		fprintf(f, ",%s", cg_measure_name((enum cg_measure)cg_rank_columns[k]));
		if (cg_rank_columns[k] == CG_MEASURE_BETWEENNESS)
			fprintf(f, ",betweenness_normalised");
	}
	fputc('\n', f);
	for (size_t i = 0; i < m->nrows; i++) {
		uint32_t v = m->rows[i];
		char groups[256];
		graph_node_groups(net, v, groups, sizeof(groups));
		cli_csv_field(f, net->nodes[v].key, false);
		cli_csv_field(f, net->nodes[v].label ? net->nodes[v].label : "", false);
		cli_csv_field(f, groups, false);
		fprintf(f, "%s", graph_tier_name(net->nodes[v].tier));
		for (size_t k = 0; k < cg_rank_ncolumns; k++) {
			if (!(m->measures & cg_rank_columns[k]))
				continue;
			double x = cg_metrics_value(m, cg_rank_columns[k], v);
			if (cg_rank_integral(cg_rank_columns[k]))
				fprintf(f, ",%.0f", x);
			else
				fprintf(f, ",%.17g", x);
			if (cg_rank_columns[k] == CG_MEASURE_BETWEENNESS)
				fprintf(f, ",%.17g", cg_betweenness_normalised(x, net->nnodes));
		}
		fputc('\n', f);
	}
}

static void print_text(FILE *f, const struct cg_network *net, const struct cg_metrics *m)
{
	fprintf(f, "%-12s %-24s %-12s %-6s", "key", "label",
		graph_is_external(net) ? "group" : "ocgs", "tier");
	for (size_t k = 0; k < cg_rank_ncolumns; k++)
		if (m->measures & cg_rank_columns[k]) {
			const char *name = cg_measure_name((enum cg_measure)cg_rank_columns[k]);
			if (cg_rank_columns[k] == CG_MEASURE_ARTICULATION)
				name = "cut";
			fprintf(f, " %*s", cg_rank_integral(cg_rank_columns[k]) ? 9 : 11, name);
		}
	fputc('\n', f);
	for (size_t i = 0; i < m->nrows; i++) {
		uint32_t v = m->rows[i];
		char groups[256];
		graph_node_groups(net, v, groups, sizeof(groups));
		fprintf(f, "%-12s %-24.24s %-12.12s %-6s", net->nodes[v].key,
			net->nodes[v].label ? net->nodes[v].label : "", groups,
			graph_tier_name(net->nodes[v].tier));
		for (size_t k = 0; k < cg_rank_ncolumns; k++) {
			unsigned c = cg_rank_columns[k];
			if (!(m->measures & c))
				continue;
			double x = cg_metrics_value(m, c, v);
			if (c == CG_MEASURE_ARTICULATION)
				fprintf(f, " %9s", x > 0 ? "yes" : "");
			else if (cg_rank_integral(c))
				fprintf(f, " %9.0f", x);
			else if (c == CG_MEASURE_BETWEENNESS || c == CG_MEASURE_STRENGTH ||
				 c == CG_MEASURE_HARMONIC)
				fprintf(f, " %11.2f", x);
			else
				fprintf(f, " %11.5f", x);
		}
		fputc('\n', f);
	}
	if (m->nrows < net->nnodes)
		fprintf(f, "(%zu of %zu shown; --top N for more)\n", m->nrows, net->nnodes);
	if (m->measures & CG_MEASURE_ARTICULATION)
		fprintf(f, "cut: an articulation point, whose removal splits the network\n");
}

enum cg_status cmd_graph_metrics(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *measures = NULL, *betweenness = NULL, *sort = NULL, *top = NULL;
	const char *format = NULL, *seed = NULL;
	bool hops = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "measures", CLI_OPT_STRING, &measures, NULL },
		{ "betweenness", CLI_OPT_STRING, &betweenness, NULL },
		{ "hops", CLI_OPT_FLAG, NULL, &hops },
		{ "seed", CLI_OPT_STRING, &seed, NULL },
		{ "sort", CLI_OPT_STRING, &sort, NULL },
		{ "top", CLI_OPT_STRING, &top, NULL },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	unsigned parsed = 0, sort_by = 0;
	uint64_t ntop = 0, seed_value = CG_MEASURE_DEFAULT_SEED;
	enum graph_format fmt = GRAPH_TEXT;
	size_t sample = 0;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK && measures && cg_measure_parse_list(measures, &parsed, err) != CG_OK)
		rc = usage_error(err);
	if (rc == CG_OK && (parsed & CG_MEASURE_EDGE_BETWEENNESS))
		rc = cg_fail(err, CG_USAGE, "edge betweenness is per link: 'cg graph links'");
	if (rc == CG_OK && betweenness)
		rc = parse_betweenness(betweenness, &sample, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top, 1, UINT32_MAX, &ntop, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("seed", seed, 0, UINT32_MAX, &seed_value, err);
	if (rc == CG_OK && sort) {
		sort_by = cg_measure_from_name(sort, strlen(sort));
		if (!sort_by || sort_by == CG_MEASURE_EDGE_BETWEENNESS)
			rc = cg_fail(err, CG_USAGE, "--sort: '%s' is not a person's measure", sort);
		else if (measures && !(parsed & sort_by))
			rc = cg_fail(err, CG_USAGE, "--sort %s: not among --measures", sort);
	}
	if (rc)
		return rc;

	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	bool text = fmt == GRAPH_TEXT;
	struct cg_metrics m;
	struct cg_metrics_opts o = {
		.measures = measures ? parsed : 0, .sample = sample, .sample_given = betweenness != NULL,
		.hops = hops, .seed = (unsigned long)seed_value, .sort = sort_by,
		.sort_default = text, .top = ntop ? (size_t)ntop : text ? TEXT_TOP : 0,
	};
	rc = cg_net_metrics(net, &o, &m, err);
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_metrics_json(net, &m));
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &m.c.used);
		print_summary(ctx->out, &m.c.summary);
		if (text)
			print_text(ctx->out, net, &m);
		else
			print_csv(ctx->out, net, &m);
	}
	cg_metrics_release(&m);
	cg_net_free(net);
	return rc;
}

/* ---- graph links ---- */

enum cg_status cmd_graph_links(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *sort = NULL, *top = NULL, *format = NULL, *betweenness = NULL, *seed = NULL;
	bool hops = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "hops", CLI_OPT_FLAG, NULL, &hops },
		{ "betweenness", CLI_OPT_STRING, &betweenness, NULL },
		{ "seed", CLI_OPT_STRING, &seed, NULL },
		{ "sort", CLI_OPT_STRING, &sort, NULL },
		{ "top", CLI_OPT_STRING, &top, NULL },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	uint64_t ntop = 0, seed_value = CG_MEASURE_DEFAULT_SEED;
	enum graph_format fmt = GRAPH_TEXT;
	size_t sample = 0;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top, 1, UINT32_MAX, &ntop, err);
	if (rc == CG_OK && betweenness)
		rc = parse_betweenness(betweenness, &sample, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("seed", seed, 0, UINT32_MAX, &seed_value, err);
	if (rc == CG_OK && sort && strcmp(sort, "betweenness") != 0 && strcmp(sort, "weight") != 0)
		rc = cg_fail(err, CG_USAGE, "--sort: 'betweenness' or 'weight', not '%s'", sort);
	if (rc)
		return rc;
	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	bool text = fmt == GRAPH_TEXT;
	struct cg_link_ranking r;
	struct cg_link_rank_opts o = {
		.hops = hops, .sample = sample, .sample_given = betweenness != NULL,
		.seed = (unsigned long)seed_value, .sort = sort || text,
		.by_weight = sort && strcmp(sort, "weight") == 0,
		.top = ntop ? (size_t)ntop : text ? TEXT_TOP : 0,
	};
	struct cg_json_agencies ag;
	cg_json_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	rc = cg_net_link_ranking(net, &o, &r, err);
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_links_json(net, &ag, &r));
	} else if (rc == CG_OK) {
		struct cg_buf types = CG_BUF_INIT;
		graph_print_used(ctx->out, &r.c.used);
		print_summary(ctx->out, &r.c.summary);
		if (text)
			fprintf(ctx->out, "%-12s %-12s %8s %5s %11s %-6s  %s\n", "a", "b", "weight",
				"links", "betweenness", "bridge", "types");
		else
			fprintf(ctx->out, "a,b,weight,links,betweenness,bridge,types\n");
		for (size_t i = 0; i < r.nrows; i++) {
			size_t e = r.rows[i];
			const struct cg_net_edge *ed = &net->edges[e];
			cg_buf_reset(&types);
			cg_net_edge_types(net, e, ";", &types);
			if (text) {
				fprintf(ctx->out, "%-12s %-12s %8.3f %5zu %11.2f %-6s  %s\n",
					net->nodes[ed->a].key, net->nodes[ed->b].key, ed->weight,
					ed->count, r.c.edge_betweenness[e], r.c.bridge[e] ? "yes" : "",
					types.data);
				continue;
			}
			cli_csv_field(ctx->out, net->nodes[ed->a].key, false);
			cli_csv_field(ctx->out, net->nodes[ed->b].key, false);
			fprintf(ctx->out, "%.17g,%zu,%.17g,%d,", ed->weight, ed->count,
				r.c.edge_betweenness[e], r.c.bridge[e] ? 1 : 0);
			cli_csv_field(ctx->out, types.data, true);
		}
		if (text && r.nrows < net->nedges)
			fprintf(ctx->out, "(%zu of %zu shown; --top N for more)\n", r.nrows,
				net->nedges);
		cg_buf_release(&types);
	}
	cg_link_ranking_release(&r);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}
