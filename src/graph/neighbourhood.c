/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * neighbourhood.c - who is within k links of a person or a group (graph
 * layer): i2's "Find Linked Items". A plain breadth-first search over the
 * adjacency cg_net_finish built, with a visited mark that is reused from
 * one search to the next: a 2-hop neighbourhood on a network of a million
 * links touches only the edges around the nodes it reaches, with no
 * conversion to igraph and no allocation per query. See measures.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/measures.h"
#include "base/banned.h"

void cg_net_bfs_init(struct cg_net_bfs *b, const struct cg_network *net)
{
	size_t n = net->nnodes ? net->nnodes : 1;
	*b = (struct cg_net_bfs){ .nnodes = net->nnodes };
	b->mark = cg_xcalloc(n, sizeof(*b->mark));
	b->order = cg_xcalloc(n, sizeof(*b->order));
	b->hops = cg_xcalloc(n, sizeof(*b->hops));
}

void cg_net_bfs_release(struct cg_net_bfs *b)
{
	free(b->mark);
	free(b->order);
	free(b->hops);
	*b = (struct cg_net_bfs){ 0 };
}

size_t cg_net_bfs_run(const struct cg_network *net, struct cg_net_bfs *b, const uint32_t *seeds,
		      size_t nseeds, unsigned hops)
{
	CG_ASSERT(net->finished && b->nnodes == net->nnodes);
	/* A new stamp makes every mark stale at once; only when the stamp
	 * wraps round must the marks really be cleared. */
	if (++b->stamp == 0) {
		memset(b->mark, 0, b->nnodes * sizeof(*b->mark));
		b->stamp = 1;
	}
	size_t tail = 0;
	for (size_t i = 0; i < nseeds; i++) {
		uint32_t s = seeds[i];
		CG_ASSERT(s < net->nnodes);
		if (b->mark[s] == b->stamp)
			continue;
		b->mark[s] = b->stamp;
		b->order[tail] = s;
		b->hops[tail++] = 0;
	}
	for (size_t head = 0; head < tail; head++) {
		uint32_t u = b->order[head], d = b->hops[head];
		if (d >= hops)
			break; /* the queue is in order of distance: all the rest are at hops */
		for (size_t i = net->adj_start[u]; i < net->adj_start[u + 1]; i++) {
			uint32_t w = cg_net_other(net, net->adj_edge[i], u);
			if (b->mark[w] == b->stamp)
				continue;
			b->mark[w] = b->stamp;
			b->order[tail] = w;
			b->hops[tail++] = d + 1;
		}
	}
	b->count = tail;
	return tail;
}

enum cg_status cg_net_neighbourhood(const struct cg_network *net, const uint32_t *seeds,
				    size_t nseeds, unsigned hops, bool subgraph,
				    struct cg_neighbourhood *out, struct cg_error *err)
{
	*out = (struct cg_neighbourhood){ .max_hops = hops };
	cg_measure_used_init(&out->used, net);
	if (nseeds == 0)
		return cg_fail(err, CG_INVALID, "neighbourhood: no node to start from");
	if (hops < 1 || hops > CG_NEIGHBOURHOOD_MAX_HOPS)
		return cg_fail(err, CG_INVALID, "neighbourhood: hops must be 1 to %d",
			       CG_NEIGHBOURHOOD_MAX_HOPS);
	for (size_t i = 0; i < nseeds; i++)
		if (seeds[i] >= net->nnodes)
			return cg_fail(err, CG_INVALID, "neighbourhood: no node %u", seeds[i]);
	cg_measure_used_add(&out->used, "neighbourhood", "%u hops from %zu node%s", hops, nseeds,
			    nseeds == 1 ? "" : "s");

	struct cg_net_bfs b;
	cg_net_bfs_init(&b, net);
	size_t n = cg_net_bfs_run(net, &b, seeds, nseeds, hops);
	out->nnodes = n;
	out->nodes = cg_xcalloc(n, sizeof(*out->nodes));
	out->hops = cg_xcalloc(n, sizeof(*out->hops));
	memcpy(out->nodes, b.order, n * sizeof(*out->nodes));
	memcpy(out->hops, b.hops, n * sizeof(*out->hops));
	if (subgraph) {
		/* cg_net_subgraph keeps the network's node order; reorder the
		 * list to match, so node i of sub is nodes[i] */
		bool *keep = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*keep));
		for (size_t i = 0; i < n; i++)
			keep[b.order[i]] = true;
		uint32_t *old = NULL;
		out->sub = cg_net_subgraph(net, keep, &old);
		uint32_t *dist = b.mark; /* reuse: the distance of each reached node */
		for (size_t i = 0; i < n; i++)
			dist[b.order[i]] = b.hops[i];
		for (size_t i = 0; i < n; i++) {
			out->nodes[i] = old[i];
			out->hops[i] = dist[old[i]];
		}
		free(old);
		free(keep);
	}
	cg_net_bfs_release(&b);
	return CG_OK;
}

void cg_neighbourhood_release(struct cg_neighbourhood *n)
{
	free(n->nodes);
	free(n->hops);
	cg_net_free(n->sub);
	cg_buf_release(&n->used);
	*n = (struct cg_neighbourhood){ 0 };
}
