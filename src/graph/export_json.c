/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_json.c - a network as the JSON the web UI draws (graph layer):
 * {"network": [description lines], "nodes": [...], "edges": [...]}, each
 * edge with its links and their provenance, so a click on an edge can say
 * why it is there. See export.h for the objects.
 *
 * Node ids are the nodes' indexes (a drawing library's default), and edges
 * name nodes by index; the key is the stable name across exports.
 * cg_net_write_json builds one node or edge at a time with jansson (which
 * does the escaping) and writes it, so memory stays flat however large the
 * network.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "graph/export_internal.h"
#include "base/banned.h"

/* A string, or null for NULL. Stored text is UTF-8; if some were not,
 * jansson would refuse it, and U+FFFD stands in rather than a hole. */
static json_t *text(const char *s)
{
	json_t *j;
	if (!s)
		return json_null();
	j = json_string(s);
	return j ? j : json_string("\xEF\xBF\xBD");
}

/* An id, or null for 0 (none). */
static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *day(int32_t d)
{
	char iso[CG_DATE_ISO_SIZE];
	cg_net_day_text(d, iso);
	return iso[0] ? json_string(iso) : json_null();
}

json_t *cg_net_json_node(const struct cg_network *net, uint32_t v,
			 const struct cg_net_attr *attrs, size_t nattrs)
{
	const struct cg_net_node *n = &net->nodes[v];
	json_t *o = json_object(), *ocgs = json_array();

	for (size_t i = 0; i < n->nocgs; i++)
		json_array_append_new(ocgs, json_integer(n->ocgs[i]));
	json_object_set_new(o, "id", json_integer(v));
	json_object_set_new(o, "key", text(n->key));
	json_object_set_new(o, "label", text(n->label));
	json_object_set_new(o, "ocgs", ocgs);
	json_object_set_new(o, "tier", n->tier >= 0 ? json_integer(n->tier) : json_null());
	json_object_set_new(o, "group", text(n->group));
	for (size_t i = 0; i < nattrs; i++) {
		double x = attrs[i].values[v];
		json_object_set_new(o, attrs[i].name, isfinite(x) ? json_real(x) : json_null());
	}
	return o;
}

static json_t *link_json(const struct cg_network *net, const struct cg_net_link *l)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", text(net->types[l->type].name));
	json_object_set_new(o, "origin", json_string(cg_net_origin_name(l->origin)));
	json_object_set_new(o, "from", day(l->from));
	json_object_set_new(o, "to", day(l->to));
	json_object_set_new(o, "grading", l->grading[0] ? json_stringn(l->grading,
					  strnlen(l->grading, sizeof(l->grading)))
							 : json_null());
	json_object_set_new(o, "owner_agency_id", id_or_null(l->owner_agency_id));
	json_object_set_new(o, "row_id", id_or_null(l->row_id));
	json_object_set_new(o, "row_id2", id_or_null(l->row_id2));
	json_object_set_new(o, "via", id_or_null(l->via));
	json_object_set_new(o, "via_name", text(cg_net_via_name(net, l)));
	json_object_set_new(o, "weight", json_real(l->weight));
	return o;
}

json_t *cg_net_json_edge(const struct cg_network *net, size_t e)
{
	const struct cg_net_edge *ed = &net->edges[e];
	json_t *o = json_object(), *links = json_array();

	for (size_t i = ed->first; i < ed->first + ed->count; i++)
		json_array_append_new(links, link_json(net, &net->links[i]));
	json_object_set_new(o, "source", json_integer(ed->a));
	json_object_set_new(o, "target", json_integer(ed->b));
	json_object_set_new(o, "weight", json_real(ed->weight));
	json_object_set_new(o, "links", links);
	return o;
}

/* The description's lines, without the trailing empty one. */
static json_t *description(const struct cg_network *net)
{
	json_t *lines = json_array();
	const char *p = net->description.data, *end = p + net->description.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		json_t *line = json_stringn(p, n);
		json_array_append_new(lines, line ? line : json_string("\xEF\xBF\xBD"));
		p = nl ? nl + 1 : end;
	}
	return lines;
}

json_t *cg_net_json(const struct cg_network *net, const struct cg_net_attr *attrs,
		    size_t nattrs)
{
	json_t *o = json_object(), *nodes = json_array(), *edges = json_array();

	CG_ASSERT(net->finished);
	for (uint32_t v = 0; v < net->nnodes; v++)
		json_array_append_new(nodes, cg_net_json_node(net, v, attrs, nattrs));
	for (size_t e = 0; e < net->nedges; e++)
		json_array_append_new(edges, cg_net_json_edge(net, e));
	json_object_set_new(o, "network", description(net));
	json_object_set_new(o, "nodes", nodes);
	json_object_set_new(o, "edges", edges);
	return o;
}

/* Writes one value and frees it; false when jansson could not write. */
static bool put(json_t *j, FILE *out)
{
	int rc = json_dumpf(j, out, JSON_COMPACT);
	json_decref(j);
	return rc == 0;
}

enum cg_status cg_net_write_json(const struct cg_network *net, const struct cg_net_attr *attrs,
				 size_t nattrs, FILE *out, struct cg_error *err)
{
	enum cg_status rc = export_check_attrs(attrs, nattrs, err);
	bool ok = true;

	if (rc)
		return rc;
	CG_ASSERT(net->finished);
	fputs("{\"network\":", out);
	ok = put(description(net), out);
	fputs(",\n\"nodes\":[", out);
	for (uint32_t v = 0; ok && v < net->nnodes; v++) {
		fputs(v ? ",\n" : "\n", out);
		ok = put(cg_net_json_node(net, v, attrs, nattrs), out);
	}
	fputs("],\n\"edges\":[", out);
	for (size_t e = 0; ok && e < net->nedges; e++) {
		fputs(e ? ",\n" : "\n", out);
		ok = put(cg_net_json_edge(net, e), out);
	}
	fputs("]}\n", out);
	if (!ok)
		return cg_fail(err, CG_IO, "could not write the JSON export");
	return export_done(out, "JSON", err);
}
