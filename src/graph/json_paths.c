/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_paths.c - paths, neighbourhoods and connecting networks as JSON
 * (graph layer): the documents of `cg graph path|neighbours|connect
 * --format json` and GET /api/v1/graph/path, /neighbourhood and /connect.
 * Every step and edge carries its links with their provenance. See json.h.
 */
#include "graph/json.h"
#include "base/banned.h"

static const char *kind_name(enum cg_path_kind k)
{
	switch (k) {
	case CG_PATH_SHORTEST: return "shortest";
	case CG_PATH_ALL_SHORTEST: return "all-shortest";
	case CG_PATH_ALL_SIMPLE: return "all-simple";
	}
	return "?";
}

json_t *cg_paths_json(const struct cg_network *net, const struct cg_json_agencies *ag,
		      uint32_t from, uint32_t to, const struct cg_paths *p)
{
	json_t *paths = json_array(), *out = json_object();
	for (size_t i = 0; i < p->npaths; i++) {
		const struct cg_path *path = &p->paths[i];
		json_t *nodes = json_array(), *steps = json_array();
		for (size_t s = 0; s <= path->nedges; s++)
			json_array_append_new(nodes, cg_json_node(net, path->nodes[s]));
		for (size_t s = 0; s < path->nedges; s++)
			json_array_append_new(steps, cg_json_edge(net, ag, path->edges[s]));
		json_array_append_new(paths, json_pack("{s:I, s:f, s:o, s:o}", "links",
						       (json_int_t)path->nedges, "length",
						       path->length, "nodes", nodes, "steps", steps));
	}
	json_object_set_new(out, "network", cg_json_used(&p->used));
	json_object_set_new(out, "from", cg_json_node(net, from));
	json_object_set_new(out, "to", cg_json_node(net, to));
	json_object_set_new(out, "kind", json_string(kind_name(p->opts.kind)));
	json_object_set_new(out, "hops", json_boolean(p->opts.hops));
	json_object_set_new(out, "max_length", p->opts.kind == CG_PATH_ALL_SIMPLE
						       ? json_integer(p->opts.max_length)
						       : json_null());
	json_object_set_new(out, "found", json_real(p->found));
	json_object_set_new(out, "capped", json_boolean(p->capped));
	json_object_set_new(out, "paths", paths);
	return out;
}

json_t *cg_neighbourhood_json(const struct cg_neighbourhood *nb,
			      const struct cg_json_agencies *ag, const char *around)
{
	const struct cg_network *sub = nb->sub;
	json_t *nodes = json_array(), *links = json_array(), *out = json_object();
	for (size_t i = 0; i < nb->nnodes; i++) {
		json_t *j = cg_json_node(sub, (uint32_t)i);
		json_object_set_new(j, "hops", json_integer(nb->hops[i]));
		json_array_append_new(nodes, j);
	}
	for (size_t e = 0; e < sub->nedges; e++)
		json_array_append_new(links, cg_json_edge(sub, ag, e));
	json_object_set_new(out, "network", cg_json_used(&nb->used));
	json_object_set_new(out, "around", json_string(around));
	json_object_set_new(out, "hops", json_integer(nb->max_hops));
	json_object_set_new(out, "nodes", nodes);
	json_object_set_new(out, "links", links);
	return out;
}

json_t *cg_explore_json(const struct cg_explore *x, const struct cg_json_agencies *ag,
			const char *around)
{
	json_t *out = cg_neighbourhood_json(&x->nb, ag, around);
	json_t *nodes = json_object_get(out, "nodes");
	for (size_t i = 0; i < x->nb.nnodes; i++) {
		json_t *j = json_array_get(nodes, i);
		json_object_set_new(j, "degree", json_integer(x->degree[i]));
		json_object_set_new(j, "strength", json_real(x->strength[i]));
		json_object_set_new(j, "betweenness", json_real(x->c.betweenness[i]));
		json_object_set_new(j, "pagerank", json_real(x->c.pagerank[i]));
		json_object_set_new(j, "community", json_integer((json_int_t)x->com.membership[i] + 1));
	}
	json_object_set_new(out, "reached", json_integer((json_int_t)x->reached));
	json_object_set_new(out, "capped", json_boolean(x->capped));
	json_object_set_new(out, "max_nodes", json_integer((json_int_t)x->max_nodes));
	json_object_set_new(out, "measures", cg_json_used(&x->notes));
	return out;
}

json_t *cg_connecting_json(const struct cg_network *net, const struct cg_json_agencies *ag,
			   const struct cg_connecting *c)
{
	const struct cg_network *sub = c->sub;
	json_t *pairs = json_array(), *nodes = json_array(), *links = json_array();
	json_t *out = json_object();
	for (size_t i = 0; i < c->npairs; i++) {
		const struct cg_connect_pair *p = &c->pairs[i];
		json_array_append_new(pairs, json_pack("{s:s, s:s, s:b, s:o}", "a",
						       net->nodes[p->a].key, "b",
						       net->nodes[p->b].key, "connected",
						       p->connected, "distance",
						       p->connected ? json_real(p->distance)
								    : json_null()));
	}
	for (size_t v = 0; v < sub->nnodes; v++) {
		json_t *j = cg_json_node(sub, (uint32_t)v);
		json_object_set_new(j, "chosen", json_boolean(c->chosen[v]));
		json_array_append_new(nodes, j);
	}
	for (size_t e = 0; e < sub->nedges; e++)
		json_array_append_new(links, cg_json_edge(sub, ag, e));
	json_object_set_new(out, "network", cg_json_used(&c->used));
	json_object_set_new(out, "hops", json_boolean(c->hops));
	json_object_set_new(out, "pairs", pairs);
	json_object_set_new(out, "nodes", nodes);
	json_object_set_new(out, "links", links);
	return out;
}
