/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * connecting.c - who joins a chosen set of people (graph layer): i2's
 * "Find Connecting Network", the union of every shortest path between
 * every pair of the set, with the pairs that are not connected at all.
 * See measures.h.
 */
#include <math.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "graph/ig.h"
#include "graph/measures.h"
#include "base/banned.h"

void cg_connecting_release(struct cg_connecting *c)
{
	cg_net_free(c->sub);
	free(c->old_index);
	free(c->chosen);
	free(c->pairs);
	cg_buf_release(&c->used);
	*c = (struct cg_connecting){ 0 };
}

/* dist[i * n + v]: distance from chosen[i] to v (igraph's Dijkstra, or
 * breadth-first with hops). */
static enum cg_status distances(const struct cg_network *net, const uint32_t *chosen,
				size_t nchosen, bool hops, double *dist, struct cg_error *err)
{
	size_t n = net->nnodes;
	igraph_t g;
	igraph_vector_t lengths;
	igraph_vector_int_t from;
	igraph_matrix_t d;
	enum cg_status st = cg_ig_graph(net, &g, NULL, err);
	if (st)
		return st;
	igraph_error_t rc = igraph_vector_init(&lengths, (igraph_integer_t)net->nedges);
	if (rc)
		goto no_lengths;
	for (size_t k = 0; k < net->nedges; k++)
		VECTOR(lengths)[k] = net->edges[k].weight > 0 ? 1.0 / net->edges[k].weight : INFINITY;
	if ((rc = igraph_vector_int_init(&from, (igraph_integer_t)nchosen)))
		goto no_from;
	for (size_t i = 0; i < nchosen; i++)
		VECTOR(from)[i] = chosen[i];
	if ((rc = igraph_matrix_init(&d, 0, 0)))
		goto no_matrix;
	rc = igraph_distances_dijkstra(&g, &d, igraph_vss_vector(&from), igraph_vss_all(),
				       hops ? NULL : &lengths, IGRAPH_ALL);
	for (size_t i = 0; !rc && i < nchosen; i++)
		for (size_t v = 0; v < n; v++)
			dist[i * n + v] = MATRIX(d, i, v);
	igraph_matrix_destroy(&d);
no_matrix:
	igraph_vector_int_destroy(&from);
no_from:
	igraph_vector_destroy(&lengths);
no_lengths:
	igraph_destroy(&g);
	return cg_ig_status(rc, "connecting network", err);
}

enum cg_status cg_net_connecting(const struct cg_network *net, const uint32_t *chosen,
				 size_t nchosen, bool hops, struct cg_connecting *out,
				 struct cg_error *err)
{
	CG_ASSERT(net->finished);
	size_t n = net->nnodes;
	*out = (struct cg_connecting){ .hops = hops };
	cg_measure_used_init(&out->used, net);
	if (nchosen < 2 || nchosen > CG_CONNECT_MAX_NODES)
		return cg_fail(err, CG_INVALID, "connecting network: choose 2 to %d people",
			       CG_CONNECT_MAX_NODES);
	for (size_t i = 0; i < nchosen; i++) {
		if (chosen[i] >= n)
			return cg_fail(err, CG_INVALID, "connecting network: no node %u", chosen[i]);
		for (size_t j = 0; j < i; j++)
			if (chosen[j] == chosen[i])
				return cg_fail(err, CG_INVALID,
					       "connecting network: '%s' is chosen twice",
					       net->nodes[chosen[i]].key);
	}
	cg_measure_used_add(&out->used, "connecting network",
			    "every shortest path between each pair of %zu people, by %s", nchosen,
			    hops ? "hops (every link counts 1)"
				 : "distance = 1/weight (strong ties are short)");

	double *dist = cg_xcalloc(nchosen * n, sizeof(*dist));
	cg_ig_begin();
	enum cg_status st = distances(net, chosen, nchosen, hops, dist, err);
	cg_ig_end();
	if (st) {
		free(dist);
		return st;
	}

	out->npairs = nchosen * (nchosen - 1) / 2;
	out->pairs = cg_xcalloc(out->npairs, sizeof(*out->pairs));
	bool *keep = cg_xcalloc(n, sizeof(*keep));
	size_t k = 0;
	for (size_t i = 0; i < nchosen; i++) {
		keep[chosen[i]] = true;
		for (size_t j = i + 1; j < nchosen; j++, k++) {
			double d = dist[i * n + chosen[j]];
			out->pairs[k] = (struct cg_connect_pair){ chosen[i], chosen[j], isfinite(d),
								  isfinite(d) ? d : 0 };
		}
	}
	/* v lies on a shortest a-b path when d(a,v) + d(v,b) = d(a,b); igraph
	 * compares weighted lengths within a relative 1e-10 */
	for (size_t v = 0; v < n; v++) {
		k = 0;
		for (size_t i = 0; i < nchosen && !keep[v]; i++)
			for (size_t j = i + 1; j < nchosen; j++, k++) {
				const struct cg_connect_pair *p = &out->pairs[k];
				double tol = hops ? 0.5 : 1e-10 * p->distance;
				if (p->connected &&
				    dist[i * n + v] + dist[j * n + v] <= p->distance + tol) {
					keep[v] = true;
					break;
				}
			}
	}
	free(dist);
	out->sub = cg_net_subgraph(net, keep, &out->old_index);
	out->chosen = cg_xcalloc(out->sub->nnodes, sizeof(*out->chosen));
	for (size_t i = 0; i < out->sub->nnodes; i++)
		for (size_t c = 0; c < nchosen; c++)
			if (out->old_index[i] == chosen[c])
				out->chosen[i] = true;
	free(keep);
	return CG_OK;
}
