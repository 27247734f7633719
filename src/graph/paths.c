/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * paths.c - how two people are joined (graph layer): i2's "Find Path".
 * One shortest path, every shortest path, or every simple path up to k
 * links, each step an edge whose links carry their provenance. igraph
 * gives the distances; the paths are then read off them without listing
 * more than the caller asked for. See measures.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/ig.h"
#include "graph/measures.h"
#include "base/banned.h"

/* The most paths a caller may ask for, and the most steps a simple-path
 * search may take before it stops and says it was capped. */
#define MAX_PATHS_LIMIT 100000
#define SIMPLE_SEARCH_STEPS 20000000u

/* igraph's tolerance when comparing weighted path lengths. */
#define LENGTH_EPS 1e-10

void cg_paths_release(struct cg_paths *p)
{
	for (size_t i = 0; i < p->npaths; i++) {
		free(p->paths[i].nodes);
		free(p->paths[i].edges);
	}
	free(p->paths);
	cg_buf_release(&p->used);
	*p = (struct cg_paths){ 0 };
}

static double edge_length(const struct cg_network *net, size_t e, bool hops)
{
	if (hops)
		return 1;
	return net->edges[e].weight > 0 ? 1.0 / net->edges[e].weight : INFINITY;
}

/* The search in progress: a stack of nodes and the edges taken. */
struct walk {
	uint32_t *node;   /* node[0..depth] */
	uint32_t *edge;   /* edge[i] joins node[i] and node[i + 1] */
	size_t *next;     /* per depth: the next adjacency entry to try */
	bool *on;         /* per network node: on the stack */
	size_t depth;
};

static void walk_init(struct walk *w, size_t nnodes, size_t maxdepth)
{
	w->node = cg_xcalloc(maxdepth + 1, sizeof(*w->node));
	w->edge = cg_xcalloc(maxdepth + 1, sizeof(*w->edge));
	w->next = cg_xcalloc(maxdepth + 1, sizeof(*w->next));
	w->on = cg_xcalloc(nnodes ? nnodes : 1, sizeof(*w->on));
	w->depth = 0;
}

static void walk_release(struct walk *w)
{
	free(w->node);
	free(w->edge);
	free(w->next);
	free(w->on);
}

/* Appends the walk's current path (ending at `to` over edge `e`). */
static void keep_path(const struct cg_network *net, struct cg_paths *out, size_t *cap,
		      const struct walk *w, size_t e, uint32_t to, bool hops)
{
	size_t len = w->depth + 1;
	struct cg_path p = { .nedges = len };
	p.nodes = cg_xcalloc(len + 1, sizeof(*p.nodes));
	p.edges = cg_xcalloc(len, sizeof(*p.edges));
	memcpy(p.nodes, w->node, (w->depth + 1) * sizeof(*p.nodes));
	memcpy(p.edges, w->edge, w->depth * sizeof(*p.edges));
	p.nodes[len] = to;
	p.edges[len - 1] = (uint32_t)e;
	for (size_t i = 0; i < len; i++)
		p.length += edge_length(net, p.edges[i], hops);
	out->paths = cg_grow(out->paths, sizeof(*out->paths), out->npaths + 1, cap);
	out->paths[out->npaths++] = p;
}

/*
 * Depth-first search from `from` to `to` taking only the edges `allowed`
 * says may lead on (given the node, the edge, the neighbour and the depth
 * reached), never revisiting a node on the way. Keeps at most `max`
 * paths; sets out->capped when a further one exists or the search ran out
 * of steps.
 */
typedef bool allowed_fn(const void *ctx, uint32_t u, size_t e, uint32_t w, size_t depth);

static void search(const struct cg_network *net, uint32_t from, uint32_t to, size_t maxdepth,
		   allowed_fn *allowed, const void *ctx, size_t max, bool hops,
		   struct cg_paths *out)
{
	struct walk w;
	size_t cap = 0;
	unsigned long steps = 0;
	walk_init(&w, net->nnodes, maxdepth);
	w.node[0] = from;
	w.next[0] = net->adj_start[from];
	w.on[from] = true;
	for (;;) {
		uint32_t u = w.node[w.depth];
		if (w.next[w.depth] >= net->adj_start[u + 1]) {
			w.on[u] = false;
			if (w.depth == 0)
				break;
			w.depth--;
			continue;
		}
		if (++steps > SIMPLE_SEARCH_STEPS) {
			out->capped = true;
			break;
		}
		size_t e = net->adj_edge[w.next[w.depth]++];
		uint32_t v = cg_net_other(net, e, u);
		if (w.on[v] || !allowed(ctx, u, e, v, w.depth + 1))
			continue;
		if (v == to) {
			if (out->npaths == max) {
				out->capped = true;
				break;
			}
			keep_path(net, out, &cap, &w, e, to, hops);
			continue;
		}
		if (w.depth + 1 >= maxdepth)
			continue;
		w.edge[w.depth] = (uint32_t)e;
		w.depth++;
		w.node[w.depth] = v;
		w.next[w.depth] = net->adj_start[v];
		w.on[v] = true;
	}
	walk_release(&w);
}

/* ---- shortest paths ---- */

struct shortest_ctx {
	const struct cg_network *net;
	const double *from_d, *to_d; /* distances from the two ends */
	double total, tol;
	bool hops;
};

/* u-v (edge e) lies on a shortest path when d(from,u) + |e| + d(v,to)
 * equals the shortest distance. */
static bool on_shortest(const void *ctx, uint32_t u, size_t e, uint32_t v, size_t depth)
{
	const struct shortest_ctx *s = ctx;
	(void)depth;
	return s->from_d[u] + edge_length(s->net, e, s->hops) + s->to_d[v] <= s->total + s->tol;
}

/* Distances from `from` and from `to` to every node, from igraph. */
static enum cg_status distances(const struct cg_network *net, uint32_t from, uint32_t to,
				bool hops, double *from_d, double *to_d, struct cg_error *err)
{
	igraph_t g;
	igraph_vector_t lengths;
	igraph_matrix_t d;
	igraph_vector_int_t ends;
	enum cg_status st = cg_ig_graph(net, &g, NULL, err);
	if (st)
		return st;
	igraph_error_t rc = igraph_vector_init(&lengths, (igraph_integer_t)net->nedges);
	if (rc)
		goto no_lengths;
	for (size_t k = 0; k < net->nedges; k++)
		VECTOR(lengths)[k] = edge_length(net, k, false);
	if ((rc = igraph_matrix_init(&d, 0, 0)))
		goto no_matrix;
	if ((rc = igraph_vector_int_init(&ends, 2)))
		goto no_ends;
	VECTOR(ends)[0] = from;
	VECTOR(ends)[1] = to;
	rc = igraph_distances_dijkstra(&g, &d, igraph_vss_vector(&ends), igraph_vss_all(),
				       hops ? NULL : &lengths, IGRAPH_ALL);
	for (size_t v = 0; !rc && v < net->nnodes; v++) {
		from_d[v] = MATRIX(d, 0, v);
		to_d[v] = MATRIX(d, 1, v);
	}
	igraph_vector_int_destroy(&ends);
no_ends:
	igraph_matrix_destroy(&d);
no_matrix:
	igraph_vector_destroy(&lengths);
no_lengths:
	igraph_destroy(&g);
	return cg_ig_status(rc, "shortest paths", err);
}

struct by_distance {
	double d;
	uint32_t v;
};

static int distance_order(const void *x, const void *y)
{
	const struct by_distance *a = x, *b = y;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* How many shortest paths there are: counted forward over the nodes on
 * them in order of distance from `from` (a float: the count can be
 * astronomically large in a dense network). */
static double count_shortest(const struct shortest_ctx *s, uint32_t from, uint32_t to)
{
	const struct cg_network *net = s->net;
	size_t n = 0, cap = 0;
	struct by_distance *on = NULL;
	for (size_t v = 0; v < net->nnodes; v++)
		if (s->from_d[v] + s->to_d[v] <= s->total + s->tol) {
			on = cg_grow(on, sizeof(*on), n + 1, &cap);
			on[n++] = (struct by_distance){ s->from_d[v], (uint32_t)v };
		}
	if (n)
		qsort(on, n, sizeof(*on), distance_order);
	double *count = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*count));
	count[from] = 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t u = on[i].v;
		for (size_t k = net->adj_start[u]; k < net->adj_start[u + 1]; k++) {
			size_t e = net->adj_edge[k];
			uint32_t v = cg_net_other(net, e, u);
			if (s->from_d[v] > s->from_d[u] && on_shortest(s, u, e, v, 0))
				count[v] += count[u];
		}
	}
	double c = count[to];
	free(count);
	free(on);
	return c;
}

static enum cg_status shortest_paths(const struct cg_network *net, uint32_t from, uint32_t to,
				     const struct cg_path_opts *o, size_t max,
				     struct cg_paths *out, struct cg_error *err)
{
	size_t n = net->nnodes;
	double *from_d = cg_xcalloc(n, sizeof(*from_d));
	double *to_d = cg_xcalloc(n, sizeof(*to_d));
	cg_ig_begin();
	enum cg_status st = distances(net, from, to, o->hops, from_d, to_d, err);
	cg_ig_end();
	if (st == CG_OK && isfinite(from_d[to])) {
		struct shortest_ctx s = { net, from_d, to_d, from_d[to], 0, o->hops };
		s.tol = o->hops ? 0.5 : LENGTH_EPS * s.total;
		/* a shortest path has no more edges than nodes */
		search(net, from, to, n, on_shortest, &s,
		       o->kind == CG_PATH_SHORTEST ? 1 : max, o->hops, out);
		out->found = count_shortest(&s, from, to);
		out->capped = o->kind == CG_PATH_ALL_SHORTEST && out->found > (double)out->npaths;
	}
	free(from_d);
	free(to_d);
	return st;
}

/* ---- simple paths ---- */

struct simple_ctx {
	uint32_t *dist;   /* per node: hops to `to`, UINT32_MAX beyond max_length */
	size_t length;    /* the number of links the paths searched for have */
};

/* Going on to v at `depth` links can still reach `to` in exactly `length`
 * (without a repeated node it may take longer than dist says, never less). */
static bool can_reach(const void *ctx, uint32_t u, size_t e, uint32_t v, size_t depth)
{
	const struct simple_ctx *s = ctx;
	(void)u;
	(void)e;
	if (s->dist[v] == 0)
		return depth == s->length; /* v is `to`: the path ends here */
	return s->dist[v] != UINT32_MAX && depth + s->dist[v] <= s->length;
}

static int path_order(const void *x, const void *y)
{
	const struct cg_path *a = x, *b = y;
	if (a->nedges != b->nedges)
		return a->nedges < b->nedges ? -1 : 1;
	if (a->length != b->length)
		return a->length < b->length ? -1 : 1;
	/* then in the order found, which the nodes' order decides */
	for (size_t i = 0; i <= a->nedges; i++)
		if (a->nodes[i] != b->nodes[i])
			return a->nodes[i] < b->nodes[i] ? -1 : 1;
	return 0;
}

static void simple_paths(const struct cg_network *net, uint32_t from, uint32_t to,
			 const struct cg_path_opts *o, size_t max, struct cg_paths *out)
{
	struct cg_net_bfs b;
	struct simple_ctx s = { NULL, 0 };
	cg_net_bfs_init(&b, net);
	/* hop distances to `to` prune every branch that cannot get there in time */
	size_t reached = cg_net_bfs_run(net, &b, &to, 1, o->max_length);
	s.dist = cg_xcalloc(net->nnodes, sizeof(*s.dist));
	for (size_t v = 0; v < net->nnodes; v++)
		s.dist[v] = UINT32_MAX;
	for (size_t i = 0; i < reached; i++)
		s.dist[b.order[i]] = b.hops[i];
	/* one length after another, so that a cap keeps the shortest paths;
	 * once full, the next search only finds out whether more exist */
	if (s.dist[from] != UINT32_MAX)
		for (s.length = s.dist[from]; s.length <= o->max_length && !out->capped; s.length++)
			search(net, from, to, s.length, can_reach, &s, max, o->hops, out);
	free(s.dist);
	cg_net_bfs_release(&b);
	if (out->npaths)
		qsort(out->paths, out->npaths, sizeof(*out->paths), path_order);
	out->found = (double)out->npaths;
}

enum cg_status cg_net_paths(const struct cg_network *net, uint32_t from, uint32_t to,
			    const struct cg_path_opts *o, struct cg_paths *out,
			    struct cg_error *err)
{
	CG_ASSERT(net->finished);
	*out = (struct cg_paths){ .opts = *o };
	cg_measure_used_init(&out->used, net);
	size_t max = o->max_paths ? o->max_paths : CG_PATH_DEFAULT_MAX_PATHS;
	out->opts.max_paths = max;
	if (from >= net->nnodes || to >= net->nnodes)
		return cg_fail(err, CG_INVALID, "paths: no such node");
	if (from == to)
		return cg_fail(err, CG_INVALID, "paths: the two ends are the same node");
	if (max > MAX_PATHS_LIMIT)
		return cg_fail(err, CG_INVALID, "paths: at most %d paths", MAX_PATHS_LIMIT);
	if (o->kind == CG_PATH_ALL_SIMPLE &&
	    (o->max_length < 1 || o->max_length > CG_PATH_MAX_LENGTH))
		return cg_fail(err, CG_INVALID, "paths: the maximum length must be 1 to %d links",
			       CG_PATH_MAX_LENGTH);
	const char *lengths = o->hops ? "hops (every link counts 1)"
				      : "distance = 1/weight (strong ties are short)";
	switch (o->kind) {
	case CG_PATH_SHORTEST:
		cg_measure_used_add(&out->used, "paths", "one shortest path, by %s", lengths);
		break;
	case CG_PATH_ALL_SHORTEST:
		cg_measure_used_add(&out->used, "paths", "every shortest path (at most %zu shown), "
				    "by %s", max, lengths);
		break;
	case CG_PATH_ALL_SIMPLE:
		cg_measure_used_add(&out->used, "paths", "every path of up to %u links without "
				    "a repeated person (at most %zu shown), shortest first",
				    o->max_length, max);
		break;
	default:
		return cg_fail(err, CG_INVALID, "paths: unknown kind");
	}
	if (o->kind == CG_PATH_ALL_SIMPLE) {
		simple_paths(net, from, to, o, max, out);
		return CG_OK;
	}
	return shortest_paths(net, from, to, o, max, out, err);
}
