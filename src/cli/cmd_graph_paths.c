/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_paths.c - `cg graph path` and `cg graph connect` (cli layer):
 * how two people are joined, step by step with the evidence of each link
 * (i2's "Find Path"), and who joins a chosen set of people (its "Find
 * Connecting Network"). The searches are in graph/paths.c and
 * graph/connecting.c, the JSON in graph/json_paths.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

/* A person on a path: "KEY (label)  [OCG 1;2]". */
static void print_person(FILE *f, const struct cg_network *net, uint32_t v, const char *indent)
{
	char name[160], groups[128];
	graph_node_name(net, v, name, sizeof(name));
	graph_node_groups(net, v, groups, sizeof(groups));
	fprintf(f, "%s%s", indent, name);
	if (*groups)
		fprintf(f, "  [%s%s]", graph_is_external(net) ? "" : "OCG ", groups);
	if (net->nodes[v].tier >= 0)
		fprintf(f, "  %s risk", graph_tier_name(net->nodes[v].tier));
	fputc('\n', f);
}

static void print_edge_links(FILE *f, const struct cg_network *net,
			     const struct cg_json_agencies *ag, size_t e, const char *indent)
{
	const struct cg_net_edge *ed = &net->edges[e];
	for (size_t i = ed->first; i < ed->first + ed->count; i++) {
		fprintf(f, "%s", indent);
		graph_print_link(f, net, ag, &net->links[i]);
	}
}

static void print_paths_text(FILE *f, const struct cg_network *net,
			     const struct cg_json_agencies *ag, uint32_t from, uint32_t to,
			     const struct cg_paths *p)
{
	char a[160], b[160];
	graph_node_name(net, from, a, sizeof(a));
	graph_node_name(net, to, b, sizeof(b));
	if (!p->npaths) {
		if (p->opts.kind == CG_PATH_ALL_SIMPLE)
			fprintf(f, "no path of up to %u links joins %s and %s\n", p->opts.max_length,
				a, b);
		else
			fprintf(f, "%s and %s are not connected\n", a, b);
		return;
	}
	if (p->opts.kind == CG_PATH_ALL_SIMPLE)
		fprintf(f, "%zu path%s of up to %u links from %s to %s%s\n", p->npaths,
			p->npaths == 1 ? "" : "s", p->opts.max_length, a, b,
			p->capped ? " (more exist: --max-paths N)" : "");
	else if (p->opts.kind == CG_PATH_SHORTEST)
		fprintf(f, "shortest path from %s to %s (one of %.0f)\n", a, b, p->found);
	else
		fprintf(f, "%.0f shortest path%s from %s to %s%s\n", p->found,
			p->found == 1 ? "" : "s", a, b,
			p->capped ? "; the first shown (--max-paths N)" : "");
	for (size_t i = 0; i < p->npaths; i++) {
		const struct cg_path *path = &p->paths[i];
		fprintf(f, "\npath %zu: %zu link%s", i + 1, path->nedges,
			path->nedges == 1 ? "" : "s");
		if (!p->opts.hops)
			fprintf(f, ", distance %.4g", path->length);
		fputc('\n', f);
		for (size_t s = 0; s < path->nedges; s++) {
			print_person(f, net, path->nodes[s], "  ");
			print_edge_links(f, net, ag, path->edges[s], "      | ");
		}
		print_person(f, net, path->nodes[path->nedges], "  ");
	}
}

enum cg_status cmd_graph_path(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *max_length = NULL, *max_paths = NULL, *format = NULL;
	bool all_shortest = false, hops = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "all-shortest", CLI_OPT_FLAG, NULL, &all_shortest },
		{ "max-length", CLI_OPT_STRING, &max_length, NULL },
		{ "max-paths", CLI_OPT_STRING, &max_paths, NULL },
		{ "hops", CLI_OPT_FLAG, NULL, &hops },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[2];
	int npos = 0;
	uint64_t k = 0, limit = CG_PATH_DEFAULT_MAX_PATHS;
	enum graph_format fmt = GRAPH_TEXT;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 2, &npos, err);
	if (rc == CG_OK && npos != 2)
		rc = cg_fail(err, CG_USAGE, "give the two people's keys");
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,json", &fmt, err);
	if (rc == CG_OK && all_shortest && max_length)
		rc = cg_fail(err, CG_USAGE, "--all-shortest or --max-length, not both");
	if (rc == CG_OK)
		rc = cli_parse_uint("max-length", max_length, 1, CG_PATH_MAX_LENGTH, &k, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("max-paths", max_paths, 1, 100000, &limit, err);
	if (rc)
		return rc;
	struct cg_path_opts o = {
		.kind = max_length ? CG_PATH_ALL_SIMPLE
			: all_shortest ? CG_PATH_ALL_SHORTEST
				       : CG_PATH_SHORTEST,
		.hops = hops,
		.max_length = (unsigned)k,
		.max_paths = (size_t)limit,
	};
	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	uint32_t from = 0, to = 0;
	struct cg_paths p = { 0 };
	struct cg_json_agencies ag;
	cg_json_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	rc = cg_net_find_key(net, pos[0], &from, err);
	if (rc == CG_OK)
		rc = cg_net_find_key(net, pos[1], &to, err);
	if (rc == CG_OK && from == to)
		rc = cg_fail(err, CG_USAGE, "the two people are the same");
	if (rc == CG_OK)
		rc = cg_net_paths(net, from, to, &o, &p, err);
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_paths_json(net, &ag, from, to, &p));
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &p.used);
		print_paths_text(ctx->out, net, &ag, from, to, &p);
	}
	cg_paths_release(&p);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}

/* ---- graph connect ---- */

static void print_connect_text(FILE *f, const struct cg_network *net,
			       const struct cg_json_agencies *ag, const struct cg_connecting *c)
{
	const struct cg_network *sub = c->sub;
	size_t linked = 0;
	for (size_t i = 0; i < c->npairs; i++)
		linked += c->pairs[i].connected;
	fprintf(f, "connecting network: %zu people and %zu links; %zu of %zu pairs connected\n",
		sub->nnodes, sub->nlinks, linked, c->npairs);
	for (size_t i = 0; i < c->npairs; i++) {
		const struct cg_connect_pair *p = &c->pairs[i];
		fprintf(f, "  %s - %s: ", net->nodes[p->a].key, net->nodes[p->b].key);
		if (!p->connected)
			fprintf(f, "not connected\n");
		else if (c->hops)
			fprintf(f, "%.0f links apart\n", p->distance);
		else
			fprintf(f, "distance %.4g\n", p->distance);
	}
	fprintf(f, "\npeople (* chosen):\n");
	for (size_t v = 0; v < sub->nnodes; v++)
		print_person(f, sub, (uint32_t)v, c->chosen[v] ? "  * " : "    ");
	fprintf(f, "\nlinks:\n");
	for (size_t e = 0; e < sub->nedges; e++) {
		fprintf(f, "  %s - %s (weight %g)\n", sub->nodes[sub->edges[e].a].key,
			sub->nodes[sub->edges[e].b].key, sub->edges[e].weight);
		print_edge_links(f, sub, ag, e, "      | ");
	}
}

enum cg_status cmd_graph_connect(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL;
	bool hops = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "hops", CLI_OPT_FLAG, NULL, &hops },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[CG_CONNECT_MAX_NODES];
	int npos = 0;
	enum graph_format fmt = GRAPH_TEXT;
	enum cg_status rc =
		cli_parse_options(argc, argv, opts, pos, CG_CONNECT_MAX_NODES, &npos, err);
	if (rc == CG_OK && npos < 2)
		rc = cg_fail(err, CG_USAGE, "give at least two people's keys");
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,json", &fmt, err);
	for (int i = 0; rc == CG_OK && i < npos; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(pos[i], pos[j]) == 0) {
				rc = cg_fail(err, CG_USAGE, "'%s' is given twice", pos[i]);
				break;
			}
	if (rc)
		return rc;
	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	uint32_t chosen[CG_CONNECT_MAX_NODES];
	for (int i = 0; rc == CG_OK && i < npos; i++)
		rc = cg_net_find_key(net, pos[i], &chosen[i], err);
	struct cg_connecting c = { 0 };
	struct cg_json_agencies ag;
	cg_json_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	if (rc == CG_OK)
		rc = cg_net_connecting(net, chosen, (size_t)npos, hops, &c, err);
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_connecting_json(net, &ag, &c));
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &c.used);
		print_connect_text(ctx->out, net, &ag, &c);
	}
	cg_connecting_release(&c);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}
