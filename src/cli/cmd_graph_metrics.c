/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_metrics.c - `cg graph metrics` and `cg graph links` (cli
 * layer): centrality per person, and betweenness and bridges per link,
 * over the network the user may see. The mathematics is in
 * graph/centrality.c; this file picks sensible defaults for large
 * networks, sorts and prints.
 */
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/measures.h"
#include "base/banned.h"

/* Above this many nodes, measures that search from every node (exact
 * betweenness, closeness, harmonic) are not computed unless asked for:
 * each costs one shortest-path search per node, hours on 100,000 people. */
#define LARGE_NETWORK 5000
/* The betweenness sample for a large network when none is given. */
#define DEFAULT_SAMPLE 100
/* Rows a text table shows unless --top says otherwise. */
#define TEXT_TOP 50

/* The node measures in column order, and how each prints. */
static const unsigned columns[] = {
	CG_MEASURE_DEGREE,      CG_MEASURE_STRENGTH,    CG_MEASURE_BETWEENNESS,
	CG_MEASURE_CLOSENESS,   CG_MEASURE_HARMONIC,    CG_MEASURE_PAGERANK,
	CG_MEASURE_EIGENVECTOR, CG_MEASURE_CORENESS,    CG_MEASURE_ARTICULATION,
	CG_MEASURE_COMMUNITY,
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static bool integral(unsigned m)
{
	return m == CG_MEASURE_DEGREE || m == CG_MEASURE_CORENESS ||
	       m == CG_MEASURE_ARTICULATION || m == CG_MEASURE_COMMUNITY;
}

/* Turns a library CG_INVALID about an option into a usage error. */
static enum cg_status usage_error(struct cg_error *err)
{
	char msg[sizeof(err->message)];
	memcpy(msg, err->message, sizeof(msg));
	return cg_fail(err, CG_USAGE, "%s", msg);
}

/* --betweenness exact|sample:N into *sample (0: exact). */
static enum cg_status parse_betweenness(const char *s, size_t *sample, struct cg_error *err)
{
	if (strcmp(s, "exact") == 0) {
		*sample = 0;
		return CG_OK;
	}
	if (strncmp(s, "sample:", 7) != 0)
		return cg_fail(err, CG_USAGE, "--betweenness: 'exact' or 'sample:N', not '%s'", s);
	uint64_t n = 0;
	enum cg_status rc = cli_parse_uint("betweenness", s + 7, 1, 10000000, &n, err);
	*sample = (size_t)n;
	return rc;
}

struct ranked {
	double key;
	uint32_t v;
};

static int ranked_order(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* Everything `graph metrics` prints from. */
struct metrics {
	const struct cg_network *net;
	struct cg_centrality c;
	struct cg_communities com;
	unsigned measures;
};

static double value(const struct metrics *m, unsigned measure, uint32_t v)
{
	if (measure == CG_MEASURE_COMMUNITY)
		return m->com.membership[v] + 1;
	return cg_centrality_value(&m->c, (enum cg_measure)measure, v);
}

/* The rows to print: sorted by `sort` (highest first; community: lowest
 * first) or in node order, at most `top`. */
static uint32_t *pick_rows(const struct metrics *m, unsigned sort, size_t top, size_t *n)
{
	size_t nn = m->net->nnodes;
	struct ranked *r = cg_xcalloc(nn ? nn : 1, sizeof(*r));
	for (size_t v = 0; v < nn; v++) {
		r[v].v = (uint32_t)v;
		if (sort)
			r[v].key = sort == CG_MEASURE_COMMUNITY ? -value(m, sort, (uint32_t)v)
								: value(m, sort, (uint32_t)v);
	}
	if (sort && nn)
		qsort(r, nn, sizeof(*r), ranked_order);
	*n = top && top < nn ? top : nn;
	uint32_t *rows = cg_xcalloc(*n ? *n : 1, sizeof(*rows));
	for (size_t i = 0; i < *n; i++)
		rows[i] = r[i].v;
	free(r);
	return rows;
}

static void print_summary(FILE *f, const struct cg_net_summary *s)
{
	fprintf(f,
		"# summary: %zu nodes, %zu edges (%zu links), %zu components (%zu without the "
		"%zu isolates), largest %zu, density %.6g\n",
		s->nodes, s->edges, s->links, s->components, s->components_linked, s->isolates,
		s->largest, s->density);
}

static json_t *summary_json(const struct cg_net_summary *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "nodes", (json_int_t)s->nodes,
			 "edges", (json_int_t)s->edges, "links", (json_int_t)s->links, "isolates",
			 (json_int_t)s->isolates, "components", (json_int_t)s->components,
			 "components_without_isolates", (json_int_t)s->components_linked,
			 "largest_component", (json_int_t)s->largest, "density", s->density);
}

static void print_csv(FILE *f, const struct metrics *m, const uint32_t *rows, size_t n)
{
	const struct cg_network *net = m->net;
	bool external = graph_is_external(net);
	fprintf(f, "key,label,%s,tier", external ? "group" : "ocgs");
	for (size_t k = 0; k < NCOLUMNS; k++) {
		if (!(m->measures & columns[k]))
			continue;
		fprintf(f, ",%s", cg_measure_name((enum cg_measure)columns[k]));
		if (columns[k] == CG_MEASURE_BETWEENNESS)
			fprintf(f, ",betweenness_normalised");
	}
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		uint32_t v = rows[i];
		char groups[256];
		graph_node_groups(net, v, groups, sizeof(groups));
		cli_csv_field(f, net->nodes[v].key, false);
		cli_csv_field(f, net->nodes[v].label ? net->nodes[v].label : "", false);
		cli_csv_field(f, groups, false);
		fprintf(f, "%s", graph_tier_name(net->nodes[v].tier));
		for (size_t k = 0; k < NCOLUMNS; k++) {
			if (!(m->measures & columns[k]))
				continue;
			double x = value(m, columns[k], v);
			if (integral(columns[k]))
				fprintf(f, ",%.0f", x);
			else
				fprintf(f, ",%.17g", x);
			if (columns[k] == CG_MEASURE_BETWEENNESS)
				fprintf(f, ",%.17g", cg_betweenness_normalised(x, net->nnodes));
		}
		fputc('\n', f);
	}
}

static void print_text(FILE *f, const struct metrics *m, const uint32_t *rows, size_t n)
{
	const struct cg_network *net = m->net;
	fprintf(f, "%-12s %-24s %-12s %-6s", "key", "label",
		graph_is_external(net) ? "group" : "ocgs", "tier");
	for (size_t k = 0; k < NCOLUMNS; k++)
		if (m->measures & columns[k]) {
			const char *name = cg_measure_name((enum cg_measure)columns[k]);
			if (columns[k] == CG_MEASURE_ARTICULATION)
				name = "cut";
			fprintf(f, " %*s", integral(columns[k]) ? 9 : 11, name);
		}
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		uint32_t v = rows[i];
		char groups[256];
		graph_node_groups(net, v, groups, sizeof(groups));
		fprintf(f, "%-12s %-24.24s %-12.12s %-6s", net->nodes[v].key,
			net->nodes[v].label ? net->nodes[v].label : "", groups,
			graph_tier_name(net->nodes[v].tier));
		for (size_t k = 0; k < NCOLUMNS; k++) {
			unsigned c = columns[k];
			if (!(m->measures & c))
				continue;
			double x = value(m, c, v);
			if (c == CG_MEASURE_ARTICULATION)
				fprintf(f, " %9s", x > 0 ? "yes" : "");
			else if (integral(c))
				fprintf(f, " %9.0f", x);
			else if (c == CG_MEASURE_BETWEENNESS || c == CG_MEASURE_STRENGTH ||
				 c == CG_MEASURE_HARMONIC)
				fprintf(f, " %11.2f", x);
			else
				fprintf(f, " %11.5f", x);
		}
		fputc('\n', f);
	}
	if (n < net->nnodes)
		fprintf(f, "(%zu of %zu shown; --top N for more)\n", n, net->nnodes);
	if (m->measures & CG_MEASURE_ARTICULATION)
		fprintf(f, "cut: an articulation point, whose removal splits the network\n");
}

static json_t *metrics_json(const struct metrics *m, const uint32_t *rows, size_t n)
{
	const struct cg_network *net = m->net;
	json_t *nodes = json_array(), *names = json_array();
	for (size_t k = 0; k < NCOLUMNS; k++)
		if (m->measures & columns[k])
			json_array_append_new(names, json_string(cg_measure_name(
							     (enum cg_measure)columns[k])));
	for (size_t i = 0; i < n; i++) {
		json_t *j = graph_node_json(net, rows[i]);
		for (size_t k = 0; k < NCOLUMNS; k++) {
			unsigned c = columns[k];
			if (!(m->measures & c))
				continue;
			double x = value(m, c, rows[i]);
			const char *name = cg_measure_name((enum cg_measure)c);
			if (c == CG_MEASURE_ARTICULATION)
				json_object_set_new(j, name, json_boolean(x > 0));
			else if (integral(c))
				json_object_set_new(j, name, json_integer((json_int_t)x));
			else
				json_object_set_new(j, name, json_real(x));
			if (c == CG_MEASURE_BETWEENNESS)
				json_object_set_new(j, "betweenness_normalised",
						    json_real(cg_betweenness_normalised(x, net->nnodes)));
		}
		json_array_append_new(nodes, j);
	}
	json_t *out = json_object();
	json_object_set_new(out, "network", graph_used_json(&m->c.used));
	json_object_set_new(out, "summary", summary_json(&m->c.summary));
	json_object_set_new(out, "measures", names);
	json_object_set_new(out, "betweenness_sample",
			    m->c.sample ? json_integer((json_int_t)m->c.sample) : json_null());
	if (m->measures & CG_MEASURE_COMMUNITY) {
		json_object_set_new(out, "modularity", json_real(m->com.modularity));
		json_object_set_new(out, "communities",
				    json_integer((json_int_t)m->com.ncommunities));
	}
	json_object_set_new(out, "nodes", nodes);
	return out;
}

/* What a text table is sorted by unless --sort says: the brokers'
 * measure, else the first of PageRank, degree or the columns computed. */
static unsigned default_sort(unsigned measures)
{
	static const unsigned prefer[] = { CG_MEASURE_BETWEENNESS, CG_MEASURE_PAGERANK,
					   CG_MEASURE_DEGREE };
	for (size_t p = 0; p < sizeof(prefer) / sizeof(prefer[0]); p++)
		if (measures & prefer[p])
			return prefer[p];
	for (size_t k = 0; k < NCOLUMNS; k++)
		if (measures & columns[k])
			return columns[k];
	return 0;
}

/* The measures to compute: those asked for, or all of them with the
 * searches from every node left out (and said so) on a large network. */
static unsigned choose_measures(const char *asked, unsigned parsed, bool sample_given,
				size_t *sample, size_t nnodes, struct cg_buf *used)
{
	if (asked)
		return parsed;
	unsigned m = CG_MEASURE_NODE_ALL;
	if (nnodes > LARGE_NETWORK) {
		m &= ~(unsigned)(CG_MEASURE_CLOSENESS | CG_MEASURE_HARMONIC);
		cg_measure_used_add(used, "not computed",
				    "closeness and harmonic (each needs a search from every one "
				    "of %zu nodes; ask with --measures)", nnodes);
		if (!sample_given)
			*sample = DEFAULT_SAMPLE;
	}
	return m;
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
	size_t sample = 0;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
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
	struct metrics m = { .net = net };
	struct cg_buf notes = CG_BUF_INIT;
	m.measures = choose_measures(measures, parsed, betweenness != NULL, &sample, net->nnodes,
				     &notes);
	if (sort_by && !(m.measures & sort_by))
		m.measures |= sort_by; /* sorting by it means computing it */
	struct cg_centrality_opts o = { m.measures, hops, sample, (unsigned long)seed_value };
	rc = cg_net_centrality(net, &o, &m.c, err);
	(void)cg_buf_add(&m.c.used, notes.data, notes.len, NULL);
	if (rc == CG_OK && (m.measures & CG_MEASURE_COMMUNITY)) {
		struct cg_community_opts co = { CG_COMMUNITY_LOUVAIN, (unsigned long)seed_value, 1 };
		rc = cg_net_communities(net, &co, &m.com, err);
		if (rc == CG_OK)
			cg_measure_used_add(&m.c.used, "community", "louvain, modularity %.6f, seed %lu",
					    m.com.modularity, co.seed);
	}
	if (rc == CG_OK) {
		bool text = !format || strcmp(format, "text") == 0;
		if (!sort_by && text)
			sort_by = default_sort(m.measures);
		size_t n = 0;
		uint32_t *rows = pick_rows(&m, sort_by, ntop ? ntop : text ? TEXT_TOP : 0, &n);
		if (format && strcmp(format, "json") == 0) {
			graph_print_json(ctx->out, metrics_json(&m, rows, n));
		} else {
			graph_print_used(ctx->out, &m.c.used);
			print_summary(ctx->out, &m.c.summary);
			if (text)
				print_text(ctx->out, &m, rows, n);
			else
				print_csv(ctx->out, &m, rows, n);
		}
		free(rows);
	}
	cg_buf_release(&notes);
	cg_communities_release(&m.com);
	cg_centrality_release(&m.c);
	cg_net_free(net);
	return rc;
}

/* ---- graph links ---- */

static void edge_types(const struct cg_network *net, size_t e, char *buf, size_t size)
{
	const struct cg_net_edge *ed = &net->edges[e];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = ed->first; i < ed->first + ed->count; i++) {
		const char *t = net->types[net->links[i].type].name;
		bool seen = false;
		for (size_t k = ed->first; k < i && !seen; k++)
			seen = net->links[k].type == net->links[i].type;
		if (seen || len + 1 >= size)
			continue;
		int w = snprintf(buf + len, size - len, "%s%s", len ? ";" : "", t);
		if (w > 0)
			len += (size_t)w;
	}
}

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
	size_t sample = 0;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
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
	if (!betweenness && net->nnodes > LARGE_NETWORK)
		sample = DEFAULT_SAMPLE;
	struct cg_centrality c;
	struct cg_centrality_opts o = { CG_MEASURE_EDGE_BETWEENNESS, hops, sample,
					(unsigned long)seed_value };
	struct graph_agencies ag;
	graph_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	rc = cg_net_centrality(net, &o, &c, err);
	if (rc == CG_OK) {
		bool text = !format || strcmp(format, "text") == 0;
		bool by_weight = sort && strcmp(sort, "weight") == 0;
		size_t ne = net->nedges;
		struct ranked *r = cg_xcalloc(ne ? ne : 1, sizeof(*r));
		for (size_t e = 0; e < ne; e++)
			r[e] = (struct ranked){ by_weight ? net->edges[e].weight
							  : c.edge_betweenness[e], (uint32_t)e };
		if ((sort || text) && ne)
			qsort(r, ne, sizeof(*r), ranked_order);
		size_t n = ntop && ntop < ne ? ntop : text && ne > TEXT_TOP ? TEXT_TOP : ne;
		if (format && strcmp(format, "json") == 0) {
			json_t *links = json_array();
			for (size_t i = 0; i < n; i++) {
				json_t *j = graph_edge_json(net, &ag, r[i].v);
				json_object_set_new(j, "betweenness",
						    json_real(c.edge_betweenness[r[i].v]));
				json_object_set_new(j, "bridge", json_boolean(c.bridge[r[i].v]));
				json_array_append_new(links, j);
			}
			json_t *out = json_object();
			json_object_set_new(out, "network", graph_used_json(&c.used));
			json_object_set_new(out, "summary", summary_json(&c.summary));
			json_object_set_new(out, "links", links);
			graph_print_json(ctx->out, out);
		} else {
			graph_print_used(ctx->out, &c.used);
			print_summary(ctx->out, &c.summary);
			if (text)
				fprintf(ctx->out, "%-12s %-12s %8s %5s %11s %-6s  %s\n", "a", "b",
					"weight", "links", "betweenness", "bridge", "types");
			else
				fprintf(ctx->out, "a,b,weight,links,betweenness,bridge,types\n");
			for (size_t i = 0; i < n; i++) {
				size_t e = r[i].v;
				const struct cg_net_edge *ed = &net->edges[e];
				char types[256];
				edge_types(net, e, types, sizeof(types));
				if (text) {
					fprintf(ctx->out, "%-12s %-12s %8.3f %5zu %11.2f %-6s  %s\n",
						net->nodes[ed->a].key, net->nodes[ed->b].key,
						ed->weight, ed->count, c.edge_betweenness[e],
						c.bridge[e] ? "yes" : "", types);
					continue;
				}
				cli_csv_field(ctx->out, net->nodes[ed->a].key, false);
				cli_csv_field(ctx->out, net->nodes[ed->b].key, false);
				fprintf(ctx->out, "%.17g,%zu,%.17g,%d,", ed->weight, ed->count,
					c.edge_betweenness[e], c.bridge[e] ? 1 : 0);
				cli_csv_field(ctx->out, types, true);
			}
			if (text && n < ne)
				fprintf(ctx->out, "(%zu of %zu shown; --top N for more)\n", n, ne);
		}
		free(r);
	}
	cg_centrality_release(&c);
	graph_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}
