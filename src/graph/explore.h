/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * explore.h - a neighbourhood to draw (graph layer): what the web UI's
 * network explorer asks for a person or a group (GET
 * /api/v1/graph/neighbourhood, /api/v1/ocgs/{id}/network): the people
 * within k links, the links among them with their provenance, and per
 * person what it is coloured and sized by.
 *
 * Bounded. A drawing of more than a few thousand people is unreadable and
 * slow to send, and three hops on a dense network reach most of it; the
 * nearest max_nodes people are kept (by distance, then in search order)
 * and the result says how many more were reached.
 *
 * Measures, per person drawn:
 *   degree, strength   in the whole network built (the filter applies), not
 *                      only among the people drawn, so the explorer knows
 *                      who has more links to expand;
 *   betweenness        within the people drawn: exact up to
 *                      CG_EXPLORE_EXACT_NODES, above that estimated from
 *                      CG_EXPLORE_SAMPLE sources (seeded) and said so;
 *   pagerank           within the people drawn;
 *   community          Leiden (modularity, seeded) within the people drawn.
 * The result's `notes` state each of these in words.
 */
#ifndef CG_GRAPH_EXPLORE_H
#define CG_GRAPH_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "graph/measures.h"
#include "graph/network.h"

#define CG_EXPLORE_DEFAULT_NODES 2000
#define CG_EXPLORE_MAX_NODES 20000
#define CG_EXPLORE_EXACT_NODES 1000
#define CG_EXPLORE_SAMPLE 200

struct cg_explore {
	struct cg_neighbourhood nb; /* the people drawn: nb.nodes[i] (in the whole
				     * network) is node i of nb.sub, at nb.hops[i] */
	size_t reached;             /* people within the hops before the cap */
	bool capped;                /* reached > max_nodes */
	size_t max_nodes;
	uint32_t *degree;           /* per node of nb.sub, in the whole network */
	double *strength;           /* per node of nb.sub, in the whole network */
	struct cg_centrality c;     /* betweenness and pagerank over nb.sub */
	struct cg_communities com;  /* over nb.sub */
	struct cg_buf notes;        /* "name: value" lines on the measures */
};

/*
 * The neighbourhood of `seeds` within `hops` links (1 ..
 * CG_NEIGHBOURHOOD_MAX_HOPS), at most max_nodes people (1 ..
 * CG_EXPLORE_MAX_NODES; 0: CG_EXPLORE_DEFAULT_NODES), with the measures
 * above, into *out (release with cg_explore_release, also after a
 * failure). Uncapped, nb is exactly cg_net_neighbourhood's with the
 * subgraph. CG_INVALID for no seed or bad hops or max_nodes; igraph
 * failures as cg_net_centrality.
 */
enum cg_status cg_net_explore(const struct cg_network *net, const uint32_t *seeds,
			      size_t nseeds, unsigned hops, size_t max_nodes,
			      struct cg_explore *out, struct cg_error *err);
void cg_explore_release(struct cg_explore *x);

#endif
