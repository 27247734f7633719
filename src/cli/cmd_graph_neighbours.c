/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_neighbours.c - `cg graph neighbours` (cli layer): everyone
 * within k links of a person, of an OCG's members or of an external
 * network's group (i2's "Find Linked Items"), with the links among them.
 * The search is in graph/neighbourhood.c.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/measures.h"
#include "base/banned.h"

/* The nodes to start from: the person `key`, the members of OCG `ocg` or
 * the nodes of group `group` (one of the three is set). */
static enum cg_status pick_seeds(const struct cg_network *net, const char *key, int64_t ocg,
				 const char *group, uint32_t **seeds, size_t *n,
				 struct cg_error *err)
{
	*n = 0;
	*seeds = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(**seeds));
	if (key)
		return graph_find_node(net, key, &(*seeds)[(*n)++], err);
	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_net_node *node = &net->nodes[v];
		if (ocg ? cg_net_node_in_ocg(net, (uint32_t)v, ocg)
			: node->group && strcmp(node->group, group) == 0)
			(*seeds)[(*n)++] = (uint32_t)v;
	}
	if (*n == 0 && ocg)
		return cg_fail(err, CG_NOT_FOUND, "no member of OCG %" PRId64 " in the network",
			       ocg);
	if (*n == 0)
		return cg_fail(err, CG_NOT_FOUND, "nobody of group '%s' in the network", group);
	return CG_OK;
}

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

static json_t *neighbours_json(const struct cg_neighbourhood *nb,
			       const struct graph_agencies *ag, const char *what)
{
	const struct cg_network *sub = nb->sub;
	json_t *nodes = json_array(), *links = json_array();
	for (size_t i = 0; i < nb->nnodes; i++) {
		json_t *j = graph_node_json(sub, (uint32_t)i);
		json_object_set_new(j, "hops", json_integer(nb->hops[i]));
		json_array_append_new(nodes, j);
	}
	for (size_t e = 0; e < sub->nedges; e++)
		json_array_append_new(links, graph_edge_json(sub, ag, e));
	json_t *out = json_object();
	json_object_set_new(out, "network", graph_used_json(&nb->used));
	json_object_set_new(out, "around", json_string(what));
	json_object_set_new(out, "hops", json_integer(nb->max_hops));
	json_object_set_new(out, "nodes", nodes);
	json_object_set_new(out, "links", links);
	return out;
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
	int64_t ocg_id = 0;
	uint64_t k = 2;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);
	if (rc == CG_OK && npos + (ocg != NULL) + (group != NULL) != 1)
		rc = cg_fail(err, CG_USAGE, "give one person's key, --ocg-members ID or --group NAME");
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	if (rc == CG_OK && ocg)
		rc = cli_parse_id("OCG", ocg, &ocg_id, err);
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
	struct graph_agencies ag;
	char what[200];
	graph_agencies_load(ctx->has_lib ? &ctx->lib : NULL, &ag);
	rc = pick_seeds(net, npos ? pos[0] : NULL, ocg_id, group, &seeds, &nseeds, err);
	if (rc == CG_OK)
		rc = cg_net_neighbourhood(net, seeds, nseeds, (unsigned)k, true, &nb, err);
	if (npos && rc == CG_OK)
		graph_node_name(net, seeds[0], what, sizeof(what));
	else if (ocg)
		snprintf(what, sizeof(what), "the %zu members of OCG %" PRId64, nseeds, ocg_id);
	else
		snprintf(what, sizeof(what), "the %zu nodes of group %s", nseeds, group ? group : "");
	if (rc == CG_OK && format && strcmp(format, "json") == 0) {
		graph_print_json(ctx->out, neighbours_json(&nb, &ag, what));
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &nb.used);
		if (format && strcmp(format, "csv") == 0)
			print_csv(ctx->out, &nb);
		else
			print_text(ctx->out, &nb, what);
	}
	free(seeds);
	cg_neighbourhood_release(&nb);
	graph_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}
