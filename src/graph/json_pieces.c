/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_pieces.c - the parts every JSON result of network analysis is made
 * of: what it rests on, persons, links with their provenance, agency codes
 * (graph layer). See json.h.
 */
#include <stdlib.h>
#include <string.h>

#include "access/account.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "graph/json.h"
#include "base/banned.h"

/* ---- agencies ---- */

static int add_agency(const struct cg_agency_info *info, void *arg)
{
	struct cg_json_agencies *a = arg;
	a->items = cg_grow(a->items, sizeof(*a->items), a->n + 1, &a->cap);
	a->items[a->n++] = (struct cg_json_agency){ info->id, cg_xstrdup(info->code) };
	return 0;
}

void cg_json_agencies_load(struct cg_ctx *ctx, struct cg_json_agencies *a)
{
	*a = (struct cg_json_agencies){ 0 };
	if (ctx && cg_agency_list(ctx, add_agency, a, NULL) != CG_OK)
		cg_json_agencies_release(a);
}

void cg_json_agencies_release(struct cg_json_agencies *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i].code);
	free(a->items);
	*a = (struct cg_json_agencies){ 0 };
}

const char *cg_json_agency_code(const struct cg_json_agencies *a, int64_t id)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (a->items[i].id == id)
			return a->items[i].code;
	return NULL;
}

/* ---- what a result rests on ---- */

json_t *cg_json_used(const struct cg_buf *used)
{
	json_t *arr = json_array();
	const char *p = used->data ? used->data : "";
	while (*p) {
		size_t n = strcspn(p, "\n");
		json_array_append_new(arr, json_stringn(p, n));
		p += n + (p[n] == '\n');
	}
	return arr;
}

json_t *cg_json_description(const struct cg_network *net)
{
	json_t *o = json_object();
	const char *p = net->description.data, *end = p + net->description.len;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *colon = memchr(p, ':', len);
		if (colon) {
			char *name = cg_xstrndup(p, (size_t)(colon - p));
			size_t skip = (size_t)(colon - p) +
				      (colon + 1 < p + len && colon[1] == ' ' ? 2 : 1);
			json_object_set_new(o, name, json_stringn(p + skip, len - skip));
			free(name);
		}
		p += len + 1;
	}
	return o;
}

json_t *cg_json_net_summary(const struct cg_net_summary *s)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "nodes", (json_int_t)s->nodes,
			 "edges", (json_int_t)s->edges, "links", (json_int_t)s->links, "isolates",
			 (json_int_t)s->isolates, "components", (json_int_t)s->components,
			 "components_without_isolates", (json_int_t)s->components_linked,
			 "largest_component", (json_int_t)s->largest, "density", s->density);
}

/* ---- persons and links ---- */

json_t *cg_json_node(const struct cg_network *net, uint32_t v)
{
	const struct cg_net_node *n = &net->nodes[v];
	const char *tier = cg_net_tier_name(n->tier);
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
	json_object_set_new(j, "tier", tier ? json_string(tier) : json_null());
	return j;
}

json_t *cg_json_link(const struct cg_network *net, const struct cg_json_agencies *ag,
		     const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	const char *via = cg_net_via_name(net, l);
	const char *owner = cg_json_agency_code(ag, l->owner_agency_id);
	json_t *j = json_object();

	cg_net_day_text(l->from, from);
	cg_net_day_text(l->to, to);
	json_object_set_new(j, "type", json_string(net->types[l->type].name));
	json_object_set_new(j, "weight", json_real(l->weight));
	json_object_set_new(j, "from", *from ? json_string(from) : json_null());
	json_object_set_new(j, "to", *to ? json_string(to) : json_null());
	json_object_set_new(j, "origin", json_string(cg_net_origin_name(l->origin)));
	json_object_set_new(j, "row_id", json_integer(l->row_id));
	if (l->row_id2)
		json_object_set_new(j, "row_id2", json_integer(l->row_id2));
	json_object_set_new(j, "owner_agency", owner ? json_string(owner) : json_null());
	json_object_set_new(j, "owner_agency_id",
			    l->owner_agency_id ? json_integer(l->owner_agency_id) : json_null());
	json_object_set_new(j, "grading", l->grading[0] ? json_string(l->grading) : json_null());
	if (l->via)
		json_object_set_new(j, "via", via ? json_string(via) : json_integer(l->via));
	return j;
}

json_t *cg_json_edge(const struct cg_network *net, const struct cg_json_agencies *ag, size_t e)
{
	const struct cg_net_edge *ed = &net->edges[e];
	json_t *links = json_array();
	for (size_t i = ed->first; i < ed->first + ed->count; i++)
		json_array_append_new(links, cg_json_link(net, ag, &net->links[i]));
	return json_pack("{s:s, s:s, s:f, s:o}", "a", net->nodes[ed->a].key, "b",
			 net->nodes[ed->b].key, "weight", ed->weight, "links", links);
}

json_t *cg_json_person(const struct cg_network *net, uint32_t v)
{
	const struct cg_net_node *n = &net->nodes[v];
	const char *tier = cg_net_tier_name(n->tier);
	json_t *groups = json_array();
	for (size_t i = 0; i < n->nocgs; i++)
		json_array_append_new(groups, json_integer(n->ocgs[i]));
	return json_pack("{s:s, s:o, s:s?, s:o, s:s}", "key", n->key, "person_id",
			 n->person_id ? json_integer(n->person_id) : json_null(), "label", n->label,
			 "groups", groups, "tier", tier ? tier : "none");
}

json_t *cg_json_group_link(const struct cg_network *net, size_t k)
{
	const struct cg_net_link *l = &net->links[k];
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	cg_net_day_text(l->from, from);
	cg_net_day_text(l->to, to);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s?, s:I, s:s, s:I, s:I, s:I, s:s, s:f}",
			 "type", net->types[l->type].name, "a", net->nodes[l->a].key, "b",
			 net->nodes[l->b].key, "from",
			 from[0] ? json_string(from) : json_null(), "to",
			 to[0] ? json_string(to) : json_null(), "place", cg_net_via_name(net, l),
			 "via", (json_int_t)l->via, "origin", cg_net_origin_name(l->origin),
			 "row_id", (json_int_t)l->row_id, "row_id2", (json_int_t)l->row_id2,
			 "owner_agency_id", (json_int_t)l->owner_agency_id, "grading", l->grading,
			 "weight", l->weight);
}
