/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * disrupt.c - whose removal fragments a group or the network most (graph
 * layer). See groups.h for the three measures.
 *
 * Largest component and number of components after removing each person
 * or link all come from one iterative depth-first search (Tarjan's
 * low-link): removing a person v leaves, of v's component, one piece per
 * DFS child c with low[c] >= disc[v] (the subtree under c) and one piece
 * holding the rest; removing a link splits a component only when it is a
 * bridge, into the subtree under it and the rest. Efficiency is measured
 * again from scratch for every candidate, by breadth-first searches over
 * the network's adjacency.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/groups.h"
#include "base/banned.h"

#define NONE UINT32_MAX

static const char *const measure_names[] = {
	[CG_DISRUPT_LARGEST] = "largest",
	[CG_DISRUPT_COMPONENTS] = "components",
	[CG_DISRUPT_EFFICIENCY] = "efficiency",
};
#define NMEASURES (sizeof(measure_names) / sizeof(measure_names[0]))

const char *cg_disrupt_measure_name(enum cg_disrupt_measure m)
{
	return (size_t)m < NMEASURES ? measure_names[m] : "?";
}

bool cg_disrupt_measure_parse(const char *s, enum cg_disrupt_measure *out)
{
	for (size_t i = 0; i < NMEASURES; i++)
		if (strcmp(s, measure_names[i]) == 0) {
			*out = (enum cg_disrupt_measure)i;
			return true;
		}
	return false;
}

size_t cg_disrupt_group_mask(const struct cg_network *net, int64_t ocg, bool neighbours,
			     bool *keep)
{
	size_t n = 0;
	memset(keep, 0, net->nnodes * sizeof(*keep));
	for (size_t v = 0; v < net->nnodes; v++)
		if (cg_net_node_in_ocg(net, (uint32_t)v, ocg)) {
			keep[v] = true;
			n++;
		}
	if (!neighbours || !n)
		return n;
	for (size_t v = 0; v < net->nnodes; v++) {
		if (!cg_net_node_in_ocg(net, (uint32_t)v, ocg))
			continue;
		for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
			uint32_t u = cg_net_other(net, net->adj_edge[i], (uint32_t)v);
			if (!keep[u]) {
				keep[u] = true;
				n++;
			}
		}
	}
	return n;
}

enum cg_status cg_disrupt_group_net(const struct cg_network *net, int64_t ocg, bool neighbours,
				    struct cg_network **sub, struct cg_error *err)
{
	bool *keep = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*keep));
	enum cg_status rc = CG_OK;

	*sub = NULL;
	if (cg_disrupt_group_mask(net, ocg, neighbours, keep))
		*sub = cg_net_subgraph(net, keep, NULL);
	else
		rc = cg_fail(err, CG_NOT_FOUND,
			     "OCG %" PRId64 ": no member of it in the network you may see", ocg);
	free(keep);
	return rc;
}

/* Scratch of the depth-first search, one entry per node (or edge). */
struct dfs {
	uint32_t *disc, *low, *sub, *parent_edge, *stack, *comp;
	size_t *pos;
	uint32_t *npieces, *piece_sum, *piece_max;
	uint32_t *bridge_child; /* per edge: the child below a bridge, or NONE */
	uint32_t *comp_size;    /* per component */
	size_t ncomps;
};

static void dfs_init(struct dfs *d, const struct cg_network *net)
{
	size_t n = net->nnodes ? net->nnodes : 1, m = net->nedges ? net->nedges : 1;
	d->disc = cg_xcalloc(n, sizeof(uint32_t));
	d->low = cg_xcalloc(n, sizeof(uint32_t));
	d->sub = cg_xcalloc(n, sizeof(uint32_t));
	d->parent_edge = cg_xcalloc(n, sizeof(uint32_t));
	d->stack = cg_xcalloc(n, sizeof(uint32_t));
	d->comp = cg_xcalloc(n, sizeof(uint32_t));
	d->pos = cg_xcalloc(n, sizeof(size_t));
	d->npieces = cg_xcalloc(n, sizeof(uint32_t));
	d->piece_sum = cg_xcalloc(n, sizeof(uint32_t));
	d->piece_max = cg_xcalloc(n, sizeof(uint32_t));
	d->bridge_child = cg_xcalloc(m, sizeof(uint32_t));
	d->comp_size = cg_xcalloc(n, sizeof(uint32_t));
}

static void dfs_release(struct dfs *d)
{
	free(d->disc);
	free(d->low);
	free(d->sub);
	free(d->parent_edge);
	free(d->stack);
	free(d->comp);
	free(d->pos);
	free(d->npieces);
	free(d->piece_sum);
	free(d->piece_max);
	free(d->bridge_child);
	free(d->comp_size);
}

/* Runs the search over the nodes not removed: components, their sizes,
 * the pieces each node's removal leaves below it, and the bridges. */
static void dfs_run(struct dfs *d, const struct cg_network *net, const bool *removed)
{
	size_t n = net->nnodes;
	uint32_t time = 0;
	memset(d->disc, 0, n * sizeof(uint32_t));
	memset(d->npieces, 0, n * sizeof(uint32_t));
	memset(d->piece_sum, 0, n * sizeof(uint32_t));
	memset(d->piece_max, 0, n * sizeof(uint32_t));
	for (size_t e = 0; e < net->nedges; e++)
		d->bridge_child[e] = NONE;
	d->ncomps = 0;
	for (size_t r = 0; r < n; r++) {
		size_t top = 0;
		uint32_t c = (uint32_t)d->ncomps;
		if (removed[r] || d->disc[r])
			continue;
		d->ncomps++;
		d->disc[r] = d->low[r] = ++time;
		d->sub[r] = 1;
		d->parent_edge[r] = NONE;
		d->pos[r] = net->adj_start[r];
		d->comp[r] = c;
		d->stack[top++] = (uint32_t)r;
		while (top) {
			uint32_t v = d->stack[top - 1];
			if (d->pos[v] < net->adj_start[v + 1]) {
				uint32_t e = net->adj_edge[d->pos[v]++];
				uint32_t u = cg_net_other(net, e, v);
				if (e == d->parent_edge[v] || removed[u])
					continue;
				if (!d->disc[u]) {
					d->disc[u] = d->low[u] = ++time;
					d->sub[u] = 1;
					d->parent_edge[u] = e;
					d->pos[u] = net->adj_start[u];
					d->comp[u] = c;
					d->stack[top++] = u;
				} else if (d->disc[u] < d->low[v]) {
					d->low[v] = d->disc[u];
				}
				continue;
			}
			top--;
			if (!top)
				break;
			uint32_t p = d->stack[top - 1];
			d->sub[p] += d->sub[v];
			if (d->low[v] < d->low[p])
				d->low[p] = d->low[v];
			if (d->low[v] >= d->disc[p]) {
				/* nothing below v reaches above p: v's subtree is
				 * cut off when p goes (every child of the root is) */
				d->npieces[p]++;
				d->piece_sum[p] += d->sub[v];
				if (d->sub[v] > d->piece_max[p])
					d->piece_max[p] = d->sub[v];
			}
			if (d->low[v] > d->disc[p])
				d->bridge_child[d->parent_edge[v]] = v;
		}
		d->comp_size[c] = d->sub[r];
	}
}

/* The largest component, and the largest outside component `c`. */
struct top2 {
	uint32_t size1, comp1, size2;
};

static struct top2 top_components(const struct dfs *d)
{
	struct top2 t = { 0, NONE, 0 };
	for (size_t c = 0; c < d->ncomps; c++) {
		uint32_t s = d->comp_size[c];
		if (s > t.size1) {
			t.size2 = t.size1;
			t.size1 = s;
			t.comp1 = (uint32_t)c;
		} else if (s > t.size2) {
			t.size2 = s;
		}
	}
	return t;
}

static uint32_t largest_outside(const struct top2 *t, uint32_t c)
{
	return c == t->comp1 ? t->size2 : t->size1;
}

/* The measure (largest or components) once node v is removed. */
static double node_after(const struct dfs *d, const struct top2 *t, enum cg_disrupt_measure m,
			 uint32_t v)
{
	uint32_t size = d->comp_size[d->comp[v]];
	uint32_t rest = size - 1 - d->piece_sum[v];
	uint32_t pieces = d->npieces[v] + (rest > 0);
	uint32_t biggest = d->piece_max[v] > rest ? d->piece_max[v] : rest;
	uint32_t other = largest_outside(t, d->comp[v]);
	if (m == CG_DISRUPT_COMPONENTS)
		return (double)d->ncomps - 1 + pieces;
	return biggest > other ? biggest : other;
}

/* The measure (largest or components) once edge e is removed. */
static double edge_after(const struct dfs *d, const struct top2 *t, enum cg_disrupt_measure m,
			 double before, uint32_t e)
{
	uint32_t c = d->bridge_child[e];
	if (c == NONE)
		return before;
	if (m == CG_DISRUPT_COMPONENTS)
		return (double)d->ncomps + 1;
	uint32_t size = d->comp_size[d->comp[c]];
	uint32_t below = d->sub[c], above = size - d->sub[c];
	uint32_t biggest = below > above ? below : above;
	uint32_t other = largest_outside(t, d->comp[c]);
	return biggest > other ? biggest : other;
}

/* Scratch of the breadth-first searches for efficiency. */
struct bfs {
	int32_t *dist;
	uint32_t *queue;
};

/* Global efficiency of the nodes not removed, without edge `skip`
 * (SIZE_MAX: none). */
static double efficiency(const struct cg_network *net, const bool *removed, size_t skip,
			 struct bfs *b)
{
	size_t alive = 0;
	double sum = 0;
	for (size_t v = 0; v < net->nnodes; v++) {
		alive += !removed[v];
		b->dist[v] = -1;
	}
	if (alive < 2)
		return 0;
	for (size_t s = 0; s < net->nnodes; s++) {
		size_t head = 0, tail = 0;
		if (removed[s])
			continue;
		b->dist[s] = 0;
		b->queue[tail++] = (uint32_t)s;
		while (head < tail) {
			uint32_t v = b->queue[head++];
			for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
				uint32_t e = net->adj_edge[i];
				uint32_t u = cg_net_other(net, e, v);
				if (e == skip || removed[u] || b->dist[u] >= 0)
					continue;
				b->dist[u] = b->dist[v] + 1;
				sum += 1.0 / b->dist[u];
				b->queue[tail++] = u;
			}
		}
		for (size_t k = 0; k < tail; k++)
			b->dist[b->queue[k]] = -1;
	}
	return sum / ((double)alive * (double)(alive - 1));
}

/* How much a value `after` fragments compared with `before`. */
static double effect(enum cg_disrupt_measure m, double before, double after)
{
	return m == CG_DISRUPT_COMPONENTS ? after - before : before - after;
}

/* The measure of the nodes not removed, and in node_val[v] (edge_val[e],
 * if not NULL) its value once v (e) is removed too. */
static double measure_all(const struct cg_network *net, enum cg_disrupt_measure m,
			  bool *removed, struct dfs *d, struct bfs *b, double *node_val,
			  double *edge_val)
{
	double before;
	if (m == CG_DISRUPT_EFFICIENCY) {
		before = efficiency(net, removed, SIZE_MAX, b);
		for (size_t v = 0; v < net->nnodes; v++) {
			if (removed[v])
				continue;
			removed[v] = true;
			node_val[v] = efficiency(net, removed, SIZE_MAX, b);
			removed[v] = false;
		}
		for (size_t e = 0; edge_val && e < net->nedges; e++)
			edge_val[e] = efficiency(net, removed, e, b);
		return before;
	}
	dfs_run(d, net, removed);
	struct top2 t = top_components(d);
	before = m == CG_DISRUPT_COMPONENTS ? (double)d->ncomps : (double)t.size1;
	for (size_t v = 0; v < net->nnodes; v++)
		if (!removed[v])
			node_val[v] = node_after(d, &t, m, (uint32_t)v);
	for (size_t e = 0; edge_val && e < net->nedges; e++)
		edge_val[e] = edge_after(d, &t, m, before, (uint32_t)e);
	return before;
}

/* Ranking keys beside the item: degree for people, weight for links. */
struct ranked {
	struct cg_disrupt_item item;
	double tiebreak;
};

static int ranked_order(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;
	if (p->item.effect != q->item.effect)
		return p->item.effect > q->item.effect ? -1 : 1;
	if (p->tiebreak != q->tiebreak)
		return p->tiebreak > q->tiebreak ? -1 : 1;
	return (p->item.index > q->item.index) - (p->item.index < q->item.index);
}

/* Ranks the candidates with their values into a new array of at most
 * `top` items (0: all); *count receives its length. */
static struct cg_disrupt_item *rank(struct ranked *r, size_t n, size_t top, size_t *count)
{
	if (n)
		qsort(r, n, sizeof(*r), ranked_order);
	if (top && top < n)
		n = top;
	struct cg_disrupt_item *items = cg_xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = r[i].item;
	*count = n;
	return items;
}

/* The steps efficiency would take, to refuse what would run for hours. */
static double efficiency_work(const struct cg_network *net, size_t k)
{
	double n = (double)net->nnodes, m = (double)net->nedges;
	double evaluations = 1 + n + m + (double)k * (n + 1);
	return evaluations * n * (n + 2 * m);
}

enum cg_status cg_disrupt(const struct cg_network *net, const struct cg_disrupt_options *opt,
			  struct cg_disrupt_result *out, struct cg_error *err)
{
	enum cg_disrupt_measure m = opt->measure;
	size_t n = net->nnodes, ne = net->nedges;

	CG_ASSERT(net->finished);
	cg_disrupt_result_release(out);
	if ((size_t)m >= NMEASURES)
		return cg_fail(err, CG_INVALID, "unknown measure");
	if (m == CG_DISRUPT_EFFICIENCY && efficiency_work(net, opt->k) > CG_DISRUPT_EFFICIENCY_WORK)
		return cg_fail(err, CG_LIMIT,
			       "efficiency on %zu people and %zu links would take too long: "
			       "measure one group, or use largest or components", n, ne);

	bool *removed = cg_xcalloc(n ? n : 1, sizeof(*removed));
	double *node_val = cg_xcalloc(n ? n : 1, sizeof(*node_val));
	double *edge_val = cg_xcalloc(ne ? ne : 1, sizeof(*edge_val));
	struct ranked *r = cg_xcalloc((n > ne ? n : ne) + 1, sizeof(*r));
	struct dfs d = { 0 };
	struct bfs b = { cg_xcalloc(n ? n : 1, sizeof(int32_t)),
			 cg_xcalloc(n ? n : 1, sizeof(uint32_t)) };
	if (m != CG_DISRUPT_EFFICIENCY)
		dfs_init(&d, net);

	double before = measure_all(net, m, removed, &d, &b, node_val, edge_val);
	for (size_t v = 0; v < n; v++)
		r[v] = (struct ranked){ { v, node_val[v], effect(m, before, node_val[v]) },
					(double)(net->adj_start[v + 1] - net->adj_start[v]) };
	out->people = rank(r, n, opt->top, &out->npeople);
	for (size_t e = 0; e < ne; e++)
		r[e] = (struct ranked){ { e, edge_val[e], effect(m, before, edge_val[e]) },
					net->edges[e].weight };
	out->links = rank(r, ne, opt->top, &out->nlinks);
	out->measure = m;
	out->before = before;
	out->nodes = n;
	out->edges = ne;

	/* greedy: the best person of what is left, k times */
	out->greedy = cg_xcalloc(opt->k ? opt->k : 1, sizeof(*out->greedy));
	double current = before;
	for (size_t step = 0; step < opt->k && step < n; step++) {
		size_t alive = 0;
		if (step > 0)
			current = measure_all(net, m, removed, &d, &b, node_val, NULL);
		for (size_t v = 0; v < n; v++)
			if (!removed[v])
				r[alive++] = (struct ranked){
					{ v, node_val[v], effect(m, current, node_val[v]) },
					(double)(net->adj_start[v + 1] - net->adj_start[v]) };
		qsort(r, alive, sizeof(*r), ranked_order);
		removed[r[0].item.index] = true;
		out->greedy[out->ngreedy++] =
			(struct cg_disrupt_step){ (uint32_t)r[0].item.index, r[0].item.after };
	}

	if (m != CG_DISRUPT_EFFICIENCY)
		dfs_release(&d);
	free(b.dist);
	free(b.queue);
	free(r);
	free(edge_val);
	free(node_val);
	free(removed);
	return CG_OK;
}

void cg_disrupt_result_release(struct cg_disrupt_result *r)
{
	free(r->people);
	free(r->links);
	free(r->greedy);
	memset(r, 0, sizeof(*r));
}
