/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_measures.c - centrality per person and per link, and communities,
 * as JSON (graph layer): the documents of `cg graph metrics|links|
 * communities --format json` and GET /api/v1/graph/metrics, /links and
 * /communities. See json.h.
 */
#include <stdlib.h>

#include "graph/json.h"
#include "base/banned.h"

json_t *cg_metrics_json(const struct cg_network *net, const struct cg_metrics *m)
{
	json_t *nodes = json_array(), *names = json_array(), *out = json_object();

	for (size_t k = 0; k < cg_rank_ncolumns; k++)
		if (m->measures & cg_rank_columns[k])
			json_array_append_new(names, json_string(cg_measure_name(
							     (enum cg_measure)cg_rank_columns[k])));
	for (size_t i = 0; i < m->nrows; i++) {
		uint32_t v = m->rows[i];
		json_t *j = cg_json_node(net, v);
		for (size_t k = 0; k < cg_rank_ncolumns; k++) {
			unsigned c = cg_rank_columns[k];
			if (!(m->measures & c))
				continue;
			double x = cg_metrics_value(m, c, v);
			const char *name = cg_measure_name((enum cg_measure)c);
			if (c == CG_MEASURE_ARTICULATION)
				json_object_set_new(j, name, json_boolean(x > 0));
			else if (cg_rank_integral(c))
				json_object_set_new(j, name, json_integer((json_int_t)x));
			else
				json_object_set_new(j, name, json_real(x));
			if (c == CG_MEASURE_BETWEENNESS)
				json_object_set_new(j, "betweenness_normalised",
						    json_real(cg_betweenness_normalised(x, net->nnodes)));
		}
		json_array_append_new(nodes, j);
	}
	json_object_set_new(out, "network", cg_json_used(&m->c.used));
	json_object_set_new(out, "summary", cg_json_net_summary(&m->c.summary));
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

json_t *cg_links_json(const struct cg_network *net, const struct cg_json_agencies *ag,
		      const struct cg_link_ranking *r)
{
	json_t *links = json_array(), *out = json_object();
	for (size_t i = 0; i < r->nrows; i++) {
		uint32_t e = r->rows[i];
		json_t *j = cg_json_edge(net, ag, e);
		json_object_set_new(j, "betweenness", json_real(r->c.edge_betweenness[e]));
		json_object_set_new(j, "bridge", json_boolean(r->c.bridge[e]));
		json_array_append_new(links, j);
	}
	json_object_set_new(out, "network", cg_json_used(&r->c.used));
	json_object_set_new(out, "summary", cg_json_net_summary(&r->c.summary));
	json_object_set_new(out, "links", links);
	return out;
}

/* A recorded group: {"ocg": id}, {"group": name} or null. */
static json_t *group_json(const struct cg_group_ref *g)
{
	if (g->ocg)
		return json_pack("{s:I}", "ocg", (json_int_t)g->ocg);
	if (g->group)
		return json_pack("{s:s}", "group", g->group);
	return json_null();
}

json_t *cg_communities_json(const struct cg_network *net, const struct cg_communities *c)
{
	size_t *starts = NULL;
	uint32_t *members = cg_communities_members(c, &starts);
	json_t *coms = json_array(), *looks = json_array(), *out = json_object();

	for (size_t k = 0; k < c->ncommunities; k++) {
		const struct cg_community *com = &c->communities[k];
		json_t *keys = json_array();
		for (size_t i = starts[k]; i < starts[k + 1]; i++)
			json_array_append_new(keys, json_string(net->nodes[members[i]].key));
		json_array_append_new(
			coms, json_pack("{s:I, s:I, s:I, s:o, s:I, s:b, s:o}", "community",
					(json_int_t)k + 1, "size", (json_int_t)com->size,
					"affiliated", (json_int_t)com->affiliated, "dominant",
					group_json(&com->dominant), "dominant_count",
					(json_int_t)com->dominant_count, "dominated", com->dominated,
					"members", keys));
	}
	for (size_t i = 0; i < c->nlookalikes; i++) {
		const struct cg_lookalike *l = &c->lookalikes[i];
		json_t *j = cg_json_node(net, l->node);
		json_object_set_new(j, "community", json_integer((json_int_t)l->community + 1));
		json_object_set_new(j, "looks_like_member_of", group_json(&l->group));
		json_object_set_new(j, "share", json_real(l->share));
		json_object_set_new(j, "weight_to_members", json_real(l->weight_to));
		json_array_append_new(looks, j);
	}
	free(members);
	free(starts);
	json_object_set_new(out, "network", cg_json_used(&c->used));
	json_object_set_new(out, "method", json_string(c->opts.method == CG_COMMUNITY_LEIDEN
								? "leiden"
								: "louvain"));
	json_object_set_new(out, "seed", json_integer((json_int_t)c->opts.seed));
	json_object_set_new(out, "resolution", json_real(c->opts.resolution));
	json_object_set_new(out, "modularity", json_real(c->modularity));
	json_object_set_new(out, "count", json_integer((json_int_t)c->ncommunities));
	json_object_set_new(out, "count_without_isolates",
			    json_integer((json_int_t)c->ncommunities_linked));
	json_object_set_new(out, "communities", coms);
	json_object_set_new(out, "looks_like_members", looks);
	return out;
}
