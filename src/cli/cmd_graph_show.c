/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_show.c - printing the results of network analysis (cli
 * layer). See cmd_graph_show.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/account.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "cli/cmd_graph_show.h"
#include "base/banned.h"

void graph_print_used(FILE *f, const struct cg_buf *used)
{
	const char *p = used->data;
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(f, "# %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

json_t *graph_used_json(const struct cg_buf *used)
{
	json_t *arr = json_array();
	const char *p = used->data;
	while (*p) {
		size_t n = strcspn(p, "\n");
		json_array_append_new(arr, json_stringn(p, n));
		p += n + (p[n] == '\n');
	}
	return arr;
}

void graph_print_json(FILE *f, json_t *j)
{
	json_dumpf(j, f, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	fputc('\n', f);
	json_decref(j);
}

bool graph_is_external(const struct cg_network *net)
{
	for (size_t v = 0; v < net->nnodes; v++)
		if (net->nodes[v].person_id != 0)
			return false;
	return net->nnodes > 0;
}

void graph_node_groups(const struct cg_network *net, uint32_t v, char *buf, size_t size)
{
	const struct cg_net_node *n = &net->nodes[v];
	size_t len = 0;
	buf[0] = '\0';
	if (n->group) {
		snprintf(buf, size, "%s", n->group);
		return;
	}
	for (size_t i = 0; i < n->nocgs && len + 1 < size; i++) {
		int w = snprintf(buf + len, size - len, "%s%" PRId64, i ? ";" : "", n->ocgs[i]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

const char *graph_tier_name(int tier)
{
	switch (tier) {
	case 0: return "low";
	case 1: return "medium";
	case 2: return "high";
	default: return "";
	}
}

void graph_node_name(const struct cg_network *net, uint32_t v, char *buf, size_t size)
{
	const struct cg_net_node *n = &net->nodes[v];
	if (n->label && *n->label)
		snprintf(buf, size, "%s (%s)", n->key, n->label);
	else
		snprintf(buf, size, "%s", n->key);
}

json_t *graph_node_json(const struct cg_network *net, uint32_t v)
{
	const struct cg_net_node *n = &net->nodes[v];
	json_t *j = json_object();
	json_object_set_new(j, "key", json_string(n->key));
	json_object_set_new(j, "label", n->label ? json_string(n->label) : json_null());
	if (n->group) {
		json_object_set_new(j, "group", json_string(n->group));
	} else {
		json_t *ocgs = json_array();
		for (size_t i = 0; i < n->nocgs; i++)
			json_array_append_new(ocgs, json_integer(n->ocgs[i]));
		json_object_set_new(j, "ocgs", ocgs);
	}
	json_object_set_new(j, "tier", n->tier >= 0 ? json_string(graph_tier_name(n->tier))
						    : json_null());
	return j;
}

static int add_agency(const struct cg_agency_info *info, void *arg)
{
	struct graph_agencies *a = arg;
	a->items = cg_grow(a->items, sizeof(*a->items), a->n + 1, &a->cap);
	a->items[a->n++] = (struct graph_agency){ info->id, cg_xstrdup(info->code) };
	return 0;
}

void graph_agencies_load(struct cg_ctx *lib, struct graph_agencies *a)
{
	*a = (struct graph_agencies){ 0 };
	if (lib && cg_agency_list(lib, add_agency, a, NULL) != CG_OK)
		graph_agencies_release(a);
}

void graph_agencies_release(struct graph_agencies *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i].code);
	free(a->items);
	*a = (struct graph_agencies){ 0 };
}

static const char *agency_code(const struct graph_agencies *a, int64_t id)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (a->items[i].id == id)
			return a->items[i].code;
	return NULL;
}

/* A day as YYYY-MM-DD, or "" when unknown. */
static void day_text(int32_t day, char out[CG_DATE_ISO_SIZE])
{
	out[0] = '\0';
	if (day != CG_NET_NO_DATE && cg_date_format_iso(cg_date_from_days(day), out) != CG_OK)
		out[0] = '\0';
}

json_t *graph_link_json(const struct cg_network *net, const struct graph_agencies *ag,
			const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	day_text(l->from, from);
	day_text(l->to, to);
	const char *via = cg_net_via_name(net, l);
	json_t *j = json_object();
	json_object_set_new(j, "type", json_string(net->types[l->type].name));
	json_object_set_new(j, "weight", json_real(l->weight));
	json_object_set_new(j, "from", *from ? json_string(from) : json_null());
	json_object_set_new(j, "to", *to ? json_string(to) : json_null());
	json_object_set_new(j, "origin", json_string(cg_net_origin_name(l->origin)));
	json_object_set_new(j, "row_id", json_integer(l->row_id));
	if (l->row_id2)
		json_object_set_new(j, "row_id2", json_integer(l->row_id2));
	const char *owner = agency_code(ag, l->owner_agency_id);
	json_object_set_new(j, "owner_agency", owner ? json_string(owner) : json_null());
	json_object_set_new(j, "owner_agency_id", l->owner_agency_id
							  ? json_integer(l->owner_agency_id)
							  : json_null());
	json_object_set_new(j, "grading", l->grading[0] ? json_string(l->grading) : json_null());
	if (l->via)
		json_object_set_new(j, "via", via ? json_string(via) : json_integer(l->via));
	return j;
}

json_t *graph_edge_json(const struct cg_network *net, const struct graph_agencies *ag,
			size_t e)
{
	const struct cg_net_edge *ed = &net->edges[e];
	json_t *links = json_array();
	for (size_t i = ed->first; i < ed->first + ed->count; i++)
		json_array_append_new(links, graph_link_json(net, ag, &net->links[i]));
	return json_pack("{s:s, s:s, s:f, s:o}", "a", net->nodes[ed->a].key, "b",
			 net->nodes[ed->b].key, "weight", ed->weight, "links", links);
}

void graph_print_link(FILE *f, const struct cg_network *net, const struct graph_agencies *ag,
		      const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	day_text(l->from, from);
	day_text(l->to, to);
	fprintf(f, "%s", net->types[l->type].name);
	if (*from && *to && strcmp(from, to) != 0)
		fprintf(f, " %s..%s", from, to);
	else if (*from || *to)
		fprintf(f, " %s", *from ? from : to);
	fprintf(f, ", %s row %" PRId64, cg_net_origin_name(l->origin), l->row_id);
	if (l->row_id2)
		fprintf(f, "+%" PRId64, l->row_id2);
	const char *owner = agency_code(ag, l->owner_agency_id);
	if (owner)
		fprintf(f, ", %s", owner);
	else if (l->owner_agency_id)
		fprintf(f, ", agency %" PRId64, l->owner_agency_id);
	if (l->grading[0])
		fprintf(f, ", grading %s", l->grading);
	const char *via = cg_net_via_name(net, l);
	if (via)
		fprintf(f, ", via %s", via);
	fprintf(f, " (weight %g)\n", l->weight);
}

enum cg_status graph_find_node(const struct cg_network *net, const char *key, uint32_t *v,
			       struct cg_error *err)
{
	int64_t i = cg_net_node_find(net, key);
	if (i < 0)
		return cg_fail(err, CG_NOT_FOUND, "'%s' is not in the network", key);
	*v = (uint32_t)i;
	return CG_OK;
}
