/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_summary.c - `cg graph summary` (cli layer): build the network
 * the user may see under the network options and say what is in it: how
 * many persons, edges and links, links per type with their weight and
 * setting, persons without any link, persons by risk tier. --links lists
 * every link with its provenance (the rows that make it). Building lives in
 * graph/build*.c.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "cli/cli.h"
#include "cli/net_args.h"
#include "base/banned.h"

static size_t isolates(const struct cg_network *net)
{
	size_t n = 0;
	for (size_t v = 0; v < net->nnodes; v++)
		n += net->adj_start[v + 1] == net->adj_start[v];
	return n;
}

/* Nodes by risk tier: [0] none, [1] low, [2] medium, [3] high. */
static void tiers(const struct cg_network *net, size_t count[4])
{
	count[0] = count[1] = count[2] = count[3] = 0;
	for (size_t v = 0; v < net->nnodes; v++)
		count[net->nodes[v].tier >= 0 && net->nodes[v].tier <= 2 ? net->nodes[v].tier + 1 : 0]++;
}

static size_t *links_per_type(const struct cg_network *net)
{
	size_t *count = calloc(net->ntypes ? net->ntypes : 1, sizeof(*count));
	if (!count)
		abort();
	for (size_t i = 0; i < net->nlinks; i++)
		count[net->links[i].type]++;
	return count;
}

static void day_text(int32_t day, char out[CG_DATE_ISO_SIZE])
{
	out[0] = '\0';
	if (day != CG_NET_NO_DATE)
		(void)cg_date_format_iso(cg_date_from_days(day), out);
}

static json_t *description_json(const struct cg_network *net)
{
	json_t *o = json_object();
	const char *p = net->description.data, *end = p + net->description.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *colon = memchr(p, ':', len);
		if (colon) {
			char *name = strndup(p, (size_t)(colon - p));
			size_t skip = (size_t)(colon - p) + (colon + 1 < p + len && colon[1] == ' ' ? 2 : 1);
			if (!name)
				abort();
			json_object_set_new(o, name, json_stringn(p + skip, len - skip));
			free(name);
		}
		p += len + 1;
	}
	return o;
}

static json_t *link_json(const struct cg_network *net, const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	const char *via = cg_net_via_name(net, l);
	day_text(l->from, from);
	day_text(l->to, to);
	const char *la = net->nodes[l->a].label, *lb = net->nodes[l->b].label;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s,"
			 " s:f}", "a", net->nodes[l->a].key, "b", net->nodes[l->b].key, "a_label",
			 la ? la : "", "b_label", lb ? lb : "", "type",
			 net->types[l->type].name, "from", from, "to", to, "origin",
			 cg_net_origin_name(l->origin), "grading", l->grading, "owner_agency_id",
			 (json_int_t)l->owner_agency_id, "row_id", (json_int_t)l->row_id, "row_id2",
			 (json_int_t)l->row_id2, "via", (json_int_t)l->via, "via_name", via ? via : "",
			 "weight", l->weight);
}

static void print_json(FILE *f, const struct cg_network *net, bool links)
{
	size_t *count = links_per_type(net), tier[4];
	json_t *types = json_array(), *o;
	for (size_t t = 0; t < net->ntypes; t++)
		json_array_append_new(types, json_pack("{s:s, s:I, s:f, s:s}", "type",
						       net->types[t].name, "links",
						       (json_int_t)count[t], "weight",
						       net->types[t].weight, "setting",
						       net->types[t].custody ? "custody" : "community"));
	tiers(net, tier);
	o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}, s:o}", "description",
		      description_json(net), "nodes", (json_int_t)net->nnodes, "edges",
		      (json_int_t)net->nedges, "links", (json_int_t)net->nlinks, "isolates",
		      (json_int_t)isolates(net), "tiers", "high", (json_int_t)tier[3], "medium",
		      (json_int_t)tier[2], "low", (json_int_t)tier[1], "none", (json_int_t)tier[0],
		      "types", types);
	if (links) {
		json_t *arr = json_array();
		for (size_t i = 0; i < net->nlinks; i++)
			json_array_append_new(arr, link_json(net, &net->links[i]));
		json_object_set_new(o, "link_list", arr);
	}
	json_dumpf(o, f, JSON_INDENT(2));
	fputc('\n', f);
	json_decref(o);
	free(count);
}

static void print_text(FILE *f, const struct cg_network *net, bool links)
{
	size_t *count = links_per_type(net), tier[4];
	tiers(net, tier);
	cli_net_print_description(f, net);
	fprintf(f, "nodes: %zu\nedges: %zu\nlinks: %zu\nisolates: %zu\n", net->nnodes, net->nedges,
		net->nlinks, isolates(net));
	fprintf(f, "risk tiers: %zu high, %zu medium, %zu low, %zu not assessed\nlinks per type:\n",
		tier[3], tier[2], tier[1], tier[0]);
	for (size_t t = 0; t < net->ntypes; t++)
		fprintf(f, "  %-20s %8zu  weight %g  %s\n", net->types[t].name, count[t],
			net->types[t].weight, net->types[t].custody ? "custody" : "community");
	if (links) {
		fprintf(f, "links:\n");
		for (size_t i = 0; i < net->nlinks; i++) {
			const struct cg_net_link *l = &net->links[i];
			char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
			char rows[48];
			const char *via = cg_net_via_name(net, l);
			day_text(l->from, from);
			day_text(l->to, to);
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
	free(count);
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
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_check_format(format, "text,json", err);
	if (rc == CG_OK)
		rc = cli_net_build(ctx, &a, &net, err);
	if (rc)
		return rc;
	if (format && strcmp(format, "json") == 0)
		print_json(ctx->out, net, links);
	else
		print_text(ctx->out, net, links);
	cg_net_free(net);
	return CG_OK;
}
