/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * explore.c - a bounded neighbourhood with what the explorer draws it by
 * (graph layer). See explore.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/explore.h"
#include "base/banned.h"

/*
 * Keeps the first `keep` nodes of nb (they are in order of distance) and
 * builds the subgraph on them, with nb's lists put in its node order, as
 * cg_net_neighbourhood does with a subgraph.
 */
static void cap(const struct cg_network *net, struct cg_neighbourhood *nb, size_t keep)
{
	bool *mask = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*mask));
	uint32_t *dist = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*dist));
	uint32_t *old = NULL;

	for (size_t i = 0; i < keep; i++) {
		mask[nb->nodes[i]] = true;
		dist[nb->nodes[i]] = nb->hops[i];
	}
	nb->sub = cg_net_subgraph(net, mask, &old);
	for (size_t i = 0; i < keep; i++) {
		nb->nodes[i] = old[i];
		nb->hops[i] = dist[old[i]];
	}
	nb->nnodes = keep;
	free(old);
	free(dist);
	free(mask);
}

/* Degree and strength of each drawn node in the whole network. */
static void whole_network_degrees(const struct cg_network *net, struct cg_explore *x)
{
	size_t n = x->nb.nnodes;
	x->degree = cg_xcalloc(n ? n : 1, sizeof(*x->degree));
	x->strength = cg_xcalloc(n ? n : 1, sizeof(*x->strength));
	for (size_t i = 0; i < n; i++) {
		uint32_t v = x->nb.nodes[i];
		x->degree[i] = (uint32_t)(net->adj_start[v + 1] - net->adj_start[v]);
		for (size_t k = net->adj_start[v]; k < net->adj_start[v + 1]; k++)
			x->strength[i] += net->edges[net->adj_edge[k]].weight;
	}
}

enum cg_status cg_net_explore(const struct cg_network *net, const uint32_t *seeds,
			      size_t nseeds, unsigned hops, size_t max_nodes,
			      struct cg_explore *out, struct cg_error *err)
{
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	cg_buf_init(&out->notes, 0);
	out->max_nodes = max_nodes ? max_nodes : CG_EXPLORE_DEFAULT_NODES;
	if (out->max_nodes > CG_EXPLORE_MAX_NODES)
		return cg_fail(err, CG_INVALID, "max nodes: at most %d", CG_EXPLORE_MAX_NODES);
	/* the search alone first: a subgraph of everything reached could be
	 * the whole network */
	rc = cg_net_neighbourhood(net, seeds, nseeds, hops, false, &out->nb, err);
	if (rc)
		return rc;
	out->reached = out->nb.nnodes;
	out->capped = out->reached > out->max_nodes;
	if (out->capped) {
		cap(net, &out->nb, out->max_nodes);
		cg_measure_used_add(&out->nb.used, "drawn",
				    "the %zu nearest of the %zu people reached", out->max_nodes,
				    out->reached);
	} else {
		cg_neighbourhood_release(&out->nb);
		rc = cg_net_neighbourhood(net, seeds, nseeds, hops, true, &out->nb, err);
		if (rc)
			return rc;
	}
	whole_network_degrees(net, out);

	const struct cg_network *sub = out->nb.sub;
	size_t sample = sub->nnodes > CG_EXPLORE_EXACT_NODES ? CG_EXPLORE_SAMPLE : 0;
	struct cg_centrality_opts co = { CG_MEASURE_BETWEENNESS | CG_MEASURE_PAGERANK, false,
					 sample, CG_MEASURE_DEFAULT_SEED };
	rc = cg_net_centrality(sub, &co, &out->c, err);
	if (rc)
		return rc;
	struct cg_community_opts cm = { CG_COMMUNITY_LEIDEN, CG_MEASURE_DEFAULT_SEED, 1 };
	rc = cg_net_communities(sub, &cm, &out->com, err);
	if (rc)
		return rc;

	cg_measure_used_add(&out->notes, "degree, strength",
			    "links to distinct people and their total weight, in the whole "
			    "network built (not only among the people drawn)");
	if (out->c.sample)
		cg_measure_used_add(&out->notes, "betweenness",
				    "within the %zu people drawn, estimated from %zu of them "
				    "sampled (seed %u): an estimate", sub->nnodes, out->c.sample,
				    CG_MEASURE_DEFAULT_SEED);
	else
		cg_measure_used_add(&out->notes, "betweenness", "within the %zu people drawn, exact",
				    sub->nnodes);
	cg_measure_used_add(&out->notes, "pagerank", "within the people drawn, damping 0.85, "
			    "weighted");
	cg_measure_used_add(&out->notes, "community", "within the people drawn: leiden, "
			    "modularity %.6f, seed %u", out->com.modularity, CG_MEASURE_DEFAULT_SEED);
	return CG_OK;
}

void cg_explore_release(struct cg_explore *x)
{
	cg_neighbourhood_release(&x->nb);
	cg_centrality_release(&x->c);
	cg_communities_release(&x->com);
	free(x->degree);
	free(x->strength);
	cg_buf_release(&x->notes);
	memset(x, 0, sizeof(*x));
}
