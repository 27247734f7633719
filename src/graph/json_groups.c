/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json_groups.c - the group analyses (brokers, crossovers, recruitment,
 * disruption) and the list of external networks as JSON (graph layer):
 * the documents of `cg graph brokers|crossovers|recruitment|disrupt
 * --format json` and of the API's routes of the same names. See json.h.
 */
#include <inttypes.h>

#include "base/date.h"
#include "graph/json.h"
#include "base/banned.h"

/* {"network": description, "parameters": {...}, key: value} */
static json_t *with_heading(const struct cg_network *net, const struct cg_params *p,
			    const char *key, json_t *value)
{
	json_t *root = json_object(), *params = json_object();
	for (size_t i = 0; i < p->n; i++)
		json_object_set_new(params, p->name[i], json_string(p->value[i]));
	json_object_set_new(root, "network", cg_json_description(net));
	json_object_set_new(root, "parameters", params);
	json_object_set_new(root, key, value);
	return root;
}

json_t *cg_brokers_json(const struct cg_network *net, const struct cg_broker_result *r,
			const struct cg_params *p)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_broker *b = &r->items[i];
		json_t *ties = json_array();
		for (size_t j = 0; j < b->nties; j++) {
			const struct cg_broker_tie *t = &b->ties[j];
			json_t *links = json_array();
			for (size_t k = 0; k < t->nlinks; k++)
				json_array_append_new(links, cg_json_group_link(net, t->links[k]));
			json_array_append_new(ties, json_pack("{s:I, s:b, s:I, s:f, s:o}", "ocg",
							      (json_int_t)t->ocg, "own", t->member,
							      "members_linked", (json_int_t)t->nmembers,
							      "weight", t->weight, "links", links));
		}
		json_array_append_new(arr, json_pack("{s:I, s:o, s:I, s:f, s:I, s:f, s:o}", "rank",
						     (json_int_t)(i + 1), "person",
						     cg_json_person(net, b->node), "brokerage",
						     (json_int_t)b->brokerage, "betweenness",
						     b->betweenness, "pairs", (json_int_t)b->pairs,
						     "outside_weight", b->outside_weight, "groups", ties));
	}
	return with_heading(net, p, "brokers", arr);
}

json_t *cg_crossovers_json(const struct cg_network *net, const struct cg_crossover_result *r,
			   const struct cg_params *p)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_crossover *c = &r->items[i];
		json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:o, s:o}", "rank",
						     (json_int_t)(i + 1), "level",
						     cg_custody_level_name(c->level), "person_a",
						     cg_json_person(net, c->a), "person_b",
						     cg_json_person(net, c->b), "link",
						     cg_json_group_link(net, c->link)));
	}
	return with_heading(net, p, "crossovers", arr);
}

json_t *cg_recruitment_json(const struct cg_network *net, const struct cg_recruit_result *r,
			    const struct cg_params *p)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_recruit *s = &r->items[i];
		json_t *groups = json_array(), *ties = json_array();
		char last[CG_DATE_ISO_SIZE];
		cg_net_day_text(s->last, last);
		for (size_t g = 0; g < s->ngroups; g++)
			json_array_append_new(groups, json_pack("{s:I, s:f, s:I}", "ocg",
								(json_int_t)s->groups[g].ocg, "points",
								s->groups[g].points, "members_linked",
								(json_int_t)s->groups[g].nmembers));
		for (size_t k = 0; k < s->nties; k++)
			json_array_append_new(ties, json_pack("{s:f, s:o, s:o}", "points",
							      s->ties[k].points, "member",
							      cg_json_person(net, s->ties[k].member),
							      "link",
							      cg_json_group_link(net, s->ties[k].link)));
		json_array_append_new(arr, json_pack("{s:I, s:o, s:f, s:o, s:o, s:o}", "rank",
						     (json_int_t)(i + 1), "person",
						     cg_json_person(net, s->node), "score", s->score,
						     "latest", last[0] ? json_string(last) : json_null(),
						     "groups", groups, "links", ties));
	}
	return with_heading(net, p, "signals", arr);
}

json_t *cg_disruption_json(const struct cg_network *net, const struct cg_disrupt_result *r,
			   const struct cg_params *p)
{
	json_t *people = json_array(), *links = json_array(), *greedy = json_array();
	for (size_t i = 0; i < r->npeople; i++)
		json_array_append_new(people, json_pack("{s:I, s:o, s:f, s:f}", "rank",
							(json_int_t)(i + 1), "person",
							cg_json_person(net, (uint32_t)r->people[i].index),
							"after", r->people[i].after, "effect",
							r->people[i].effect));
	for (size_t i = 0; i < r->nlinks; i++) {
		const struct cg_net_edge *e = &net->edges[r->links[i].index];
		json_t *ls = json_array();
		for (size_t k = e->first; k < e->first + e->count; k++)
			json_array_append_new(ls, cg_json_group_link(net, k));
		json_array_append_new(links, json_pack("{s:I, s:o, s:o, s:f, s:f, s:o}", "rank",
						       (json_int_t)(i + 1), "a",
						       cg_json_person(net, e->a), "b",
						       cg_json_person(net, e->b), "after",
						       r->links[i].after, "effect", r->links[i].effect,
						       "links", ls));
	}
	for (size_t i = 0; i < r->ngreedy; i++)
		json_array_append_new(greedy, json_pack("{s:I, s:o, s:f}", "step", (json_int_t)(i + 1),
							"person",
							cg_json_person(net, r->greedy[i].node),
							"after", r->greedy[i].after));
	return with_heading(
		net, p, "disruption",
		json_pack("{s:s, s:f, s:I, s:I, s:o, s:o, s:o}", "measure",
			  cg_disrupt_measure_name(r->measure), "before", r->before,
			  "people_measured", (json_int_t)r->nodes, "edges_measured",
			  (json_int_t)r->edges, "people", people, "links", links, "greedy", greedy));
}

json_t *cg_external_list_json(const struct cg_net_external_list *l)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < l->len; i++) {
		const struct cg_net_external *e = &l->items[i];
		char handling[2] = { e->handling, '\0' };
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s}",
						     "owner", e->owner, "name", e->name, "nodes",
						     (json_int_t)e->nodes, "edges",
						     (json_int_t)e->edges, "classification",
						     e->classification, "handling", handling,
						     "created", e->created_at, "updated",
						     e->updated_at, "description", e->description));
	}
	return json_pack("{s:o}", "networks", arr);
}
