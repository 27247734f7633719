/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_summary.c - what a network holds as JSON (graph layer): the
 * document of `cg graph summary --format json` and GET
 * /api/v1/graph/summary. See json.h.
 */
#include "base/date.h"
#include "graph/json.h"
#include "base/banned.h"

/* One link, flat: both persons with their labels, and its provenance
 * ("" and 0 where it has none). */
static json_t *flat_link(const struct cg_network *net, const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	const char *via = cg_net_via_name(net, l);
	const char *la = net->nodes[l->a].label, *lb = net->nodes[l->b].label;
	cg_net_day_text(l->from, from);
	cg_net_day_text(l->to, to);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s,"
			 " s:f}", "a", net->nodes[l->a].key, "b", net->nodes[l->b].key, "a_label",
			 la ? la : "", "b_label", lb ? lb : "", "type", net->types[l->type].name,
			 "from", from, "to", to, "origin", cg_net_origin_name(l->origin), "grading",
			 l->grading, "owner_agency_id", (json_int_t)l->owner_agency_id, "row_id",
			 (json_int_t)l->row_id, "row_id2", (json_int_t)l->row_id2, "via",
			 (json_int_t)l->via, "via_name", via ? via : "", "weight", l->weight);
}

json_t *cg_summary_json(const struct cg_network *net, bool links)
{
	struct cg_net_counts n;
	json_t *types = json_array(), *o;

	cg_net_counts(net, &n);
	for (size_t t = 0; t < net->ntypes; t++)
		json_array_append_new(types, json_pack("{s:s, s:I, s:f, s:s}", "type",
						       net->types[t].name, "links",
						       (json_int_t)n.per_type[t], "weight",
						       net->types[t].weight, "setting",
						       net->types[t].custody ? "custody" : "community"));
	o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I, s:I}, s:o}", "description",
		      cg_json_description(net), "nodes", (json_int_t)net->nnodes, "edges",
		      (json_int_t)net->nedges, "links", (json_int_t)net->nlinks, "isolates",
		      (json_int_t)n.isolates, "tiers", "high", (json_int_t)n.tiers[3], "medium",
		      (json_int_t)n.tiers[2], "low", (json_int_t)n.tiers[1], "none",
		      (json_int_t)n.tiers[0],
		      "types", types);
	if (links) {
		json_t *arr = json_array();
		for (size_t i = 0; i < net->nlinks; i++)
			json_array_append_new(arr, flat_link(net, &net->links[i]));
		json_object_set_new(o, "link_list", arr);
	}
	cg_net_counts_release(&n);
	return o;
}
