/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * json.h - the results of network analysis as JSON (graph layer): one
 * builder per kind of result, so that `cg graph ... --format json` and the
 * API's /api/v1/graph routes answer the same document from one place.
 * docs/api.md shows each document.
 *
 * Every builder returns a new reference (json_decref it) and only reads
 * the network and the result. Every document names what it rests on: a
 * "network" member with the network's description (what it was built
 * from, for whom and when) and the parameters of the analysis, so a
 * result can always be reproduced and explained.
 *
 * Two shapes of person and link exist, because two families of commands
 * grew them and their users read them:
 *   - measures, communities, paths, neighbourhoods and connecting
 *     networks (cg_json_node, cg_json_edge): a node is {"key", "label",
 *     "ocgs" (or "group" for an external network), "tier" ("high",
 *     "medium", "low" or null)}; an edge is {"a", "b", "weight", "links":
 *     [link with provenance, naming the owner agency by code]};
 *   - the group analyses (brokers, crossovers, recruitment, disruption;
 *     cg_json_person, cg_json_group_link): a person is {"key",
 *     "person_id", "label", "groups", "tier" ("none" without one)} and a
 *     link carries its two keys, place and rows.
 */
#ifndef CG_GRAPH_JSON_H
#define CG_GRAPH_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "base/buf.h"
#include "graph/explore.h"
#include "graph/external.h"
#include "graph/groups.h"
#include "graph/measures.h"
#include "graph/network.h"
#include "graph/presets.h"
#include "graph/ranking.h"

/* ---- agencies, to name the owner of each link ---- */

/* Agency codes by id (any user may list agencies). */
struct cg_json_agencies {
	struct cg_json_agency {
		int64_t id;
		char *code;
	} *items;
	size_t n, cap;
};

/* Loads every agency's code through ctx (NULL: none). On failure the list
 * stays empty and links name their owner by id only. */
void cg_json_agencies_load(struct cg_ctx *ctx, struct cg_json_agencies *a);
void cg_json_agencies_release(struct cg_json_agencies *a);
/* The code of agency `id`, or NULL. */
const char *cg_json_agency_code(const struct cg_json_agencies *a, int64_t id);

/* ---- pieces ---- */

/* Lines of `used` ("name: value" each) as an array of strings. */
json_t *cg_json_used(const struct cg_buf *used);
/* The network's description as an object {"name": "value"}. */
json_t *cg_json_description(const struct cg_network *net);
/* The shape of a network summary (measures.h): nodes, edges, links,
 * isolates, components, components_without_isolates, largest_component,
 * density. */
json_t *cg_json_net_summary(const struct cg_net_summary *s);

/* Node v: {"key", "label", "ocgs": [ids] | "group", "tier"}. */
json_t *cg_json_node(const struct cg_network *net, uint32_t v);
/* A link with its provenance: type, weight, from, to, origin, row_id
 * (and row_id2), owner_agency (code or null), owner_agency_id, grading,
 * via (the place's or object's name, else its id) when it has one. */
json_t *cg_json_link(const struct cg_network *net, const struct cg_json_agencies *ag,
		     const struct cg_net_link *l);
/* Edge e: {"a", "b" (keys), "weight", "links": [...]}. */
json_t *cg_json_edge(const struct cg_network *net, const struct cg_json_agencies *ag, size_t e);

/* Node v in the group analyses' shape (above). */
json_t *cg_json_person(const struct cg_network *net, uint32_t v);
/* Link k (an index into net->links) in the group analyses' shape: type,
 * a, b, from, to, place, via, origin, row_id, row_id2, owner_agency_id,
 * grading, weight. */
json_t *cg_json_group_link(const struct cg_network *net, size_t k);

/* ---- results ---- */

/* `cg graph summary`: description, counts, tiers, link types; with
 * `links` every link as "link_list". */
json_t *cg_summary_json(const struct cg_network *net, bool links);

/* `cg graph metrics`: network (used lines), summary, measures, the
 * betweenness sample, modularity and communities when computed, and one
 * node per row with its measures. */
json_t *cg_metrics_json(const struct cg_network *net, const struct cg_metrics *m);

/* `cg graph links`: network, summary, and one edge per row with its
 * betweenness and whether it is a bridge. */
json_t *cg_links_json(const struct cg_network *net, const struct cg_json_agencies *ag,
		      const struct cg_link_ranking *r);

/* `cg graph communities`: method, seed, resolution, modularity, counts,
 * every community with its members' keys, and the lookalikes. */
json_t *cg_communities_json(const struct cg_network *net, const struct cg_communities *c);

/* `cg graph path`: the two ends, kind, and each path's nodes and steps
 * (edges with their links). */
json_t *cg_paths_json(const struct cg_network *net, const struct cg_json_agencies *ag,
		      uint32_t from, uint32_t to, const struct cg_paths *p);

/* `cg graph neighbours`: "around" (what it is the neighbourhood of), hops,
 * nodes (with their distance "hops") and links (edges) of nb->sub. */
json_t *cg_neighbourhood_json(const struct cg_neighbourhood *nb,
			      const struct cg_json_agencies *ag, const char *around);

/* The explorer's neighbourhood (explore.h): cg_neighbourhood_json's
 * document with, per node, degree, strength, betweenness, pagerank and
 * community (numbered from 1), and "reached", "capped", "max_nodes" and
 * "measures" (the notes on how each was computed, as lines). */
json_t *cg_explore_json(const struct cg_explore *x, const struct cg_json_agencies *ag,
			const char *around);

/* `cg graph connect`: the pairs and how far apart, nodes (with "chosen")
 * and links (edges) of the connecting network. */
json_t *cg_connecting_json(const struct cg_network *net, const struct cg_json_agencies *ag,
			   const struct cg_connecting *c);

/* The group analyses: {"network": description object, "parameters":
 * object, KEY: [...]}, KEY being "brokers", "crossovers", "signals" or
 * "disruption" (an object). For disruption `net` is the network measured
 * (a group's subgraph, or the whole). */
json_t *cg_brokers_json(const struct cg_network *net, const struct cg_broker_result *r,
			const struct cg_params *p);
json_t *cg_crossovers_json(const struct cg_network *net, const struct cg_crossover_result *r,
			   const struct cg_params *p);
json_t *cg_recruitment_json(const struct cg_network *net, const struct cg_recruit_result *r,
			    const struct cg_params *p);
json_t *cg_disruption_json(const struct cg_network *net, const struct cg_disrupt_result *r,
			   const struct cg_params *p);

/* The external networks a principal may see: {"networks": [{"owner",
 * "name", "nodes", "edges", "classification", "handling", "created",
 * "updated", "description"}]}. */
json_t *cg_external_list_json(const struct cg_net_external_list *l);

#endif
