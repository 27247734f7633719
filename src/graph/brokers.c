/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * brokers.c - people whose links join different groups, ranked by
 * brokerage and inter-group betweenness (graph layer). See groups.h for
 * the measures. Brokerage is a count over each node's links. Betweenness
 * is Brandes' algorithm with the sources and targets restricted to
 * members of different groups and the breadth-first search stopped at
 * max_length, over the network's own adjacency (no igraph:
 * igraph_betweenness_subset has neither the cut-off nor targets that
 * depend on the source; the unit test checks the two agree without it).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "base/xalloc.h"
#include "graph/groups.h"
#include "base/banned.h"

/* splitmix64: a small, well-mixed generator for the sample of sources. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* One step of a shortest path from the source: v at distance d, u at
 * d + 1. */
struct dag_step {
	uint32_t v, u;
};

/* Scratch space of one cut-off breadth-first search, reset after use by
 * walking `order`, so each source costs only the ball it reaches. */
struct bfs {
	int32_t *dist;   /* -1: not reached */
	double *sigma;   /* shortest paths from the source */
	double *delta;   /* dependency of the source on the node */
	uint32_t *order; /* nodes in the order reached */
	size_t n;        /* reached so far */
	CG_VEC(struct dag_step) dag; /* the shortest-path steps, in the order found */
};

/*
 * Adds to bc[] the dependencies of source s on every node, counting as
 * targets the members that share no group with s; returns how many
 * targets were reached, and adds to *work the adjacency entries read.
 *
 * The steps of shortest paths are kept as found, so the accumulation
 * walks them backwards (a node's own steps onward were found after the
 * step into it) instead of reading again the adjacency of the farthest
 * nodes, which in a dense network is most of the cost.
 */
static size_t accumulate(const struct cg_network *net, uint32_t s, unsigned max_length,
			 struct bfs *b, double *bc, double *work)
{
	size_t targets = 0, scanned = 0;
	b->n = 0;
	b->dag.len = 0;
	b->dist[s] = 0;
	b->sigma[s] = 1;
	b->order[b->n++] = s;
	for (size_t head = 0; head < b->n; head++) {
		uint32_t v = b->order[head];
		if ((unsigned)b->dist[v] >= max_length)
			continue;
		scanned += net->adj_start[v + 1] - net->adj_start[v];
		for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
			uint32_t u = cg_net_other(net, net->adj_edge[i], v);
			if (b->dist[u] < 0) {
				b->dist[u] = b->dist[v] + 1;
				b->order[b->n++] = u;
			}
			if (b->dist[u] == b->dist[v] + 1) {
				b->sigma[u] += b->sigma[v];
				cg_vec_push(&b->dag, ((struct dag_step){ v, u }));
			}
		}
	}
	/* delta[u] is complete when the first step into u (walking back) is
	 * met: every step out of u came later; its target share is added
	 * then, once (delta holds target + dependency from there on) */
	for (size_t k = 1; k < b->n; k++) {
		uint32_t v = b->order[k];
		if (cg_net_different_ocgs(net, s, v)) {
			b->delta[v] = 1; /* counted as the target itself */
			targets++;
		}
	}
	for (size_t k = b->dag.len; k-- > 0;) {
		const struct dag_step *st = &b->dag.items[k];
		b->delta[st->v] += b->sigma[st->v] / b->sigma[st->u] * b->delta[st->u];
	}
	for (size_t k = 1; k < b->n; k++) {
		uint32_t v = b->order[k];
		/* the node's own target share is not a dependency on it */
		bc[v] += b->delta[v] - (cg_net_different_ocgs(net, s, v) ? 1 : 0);
	}
	for (size_t k = 0; k < b->n; k++) {
		uint32_t v = b->order[k];
		b->dist[v] = -1;
		b->sigma[v] = 0;
		b->delta[v] = 0;
	}
	*work += (double)scanned + (double)b->dag.len;
	return targets;
}

/* The members, in an order drawn with the seed: sources are taken from
 * the front until the sample size or the work limit is reached. */
static uint32_t *shuffled_members(const struct cg_network *net, uint64_t seed, size_t *members)
{
	uint32_t *src = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*src));
	size_t n = 0;
	uint64_t state = seed;
	for (size_t v = 0; v < net->nnodes; v++)
		if (net->nodes[v].nocgs)
			src[n++] = (uint32_t)v;
	for (size_t i = 0; i + 1 < n; i++) {
		size_t j = i + (size_t)(next_random(&state) % (n - i));
		uint32_t t = src[i];
		src[i] = src[j];
		src[j] = t;
	}
	*members = n;
	return src;
}

/* Dense indexes of the groups, for counting the groups a node touches. */
struct group_index {
	int64_t *ids; /* sorted, unique */
	size_t n;
};

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

static void group_index_init(struct group_index *g, const struct cg_network *net)
{
	size_t n = 0, total = 0;
	for (size_t v = 0; v < net->nnodes; v++)
		total += net->nodes[v].nocgs;
	g->ids = cg_xcalloc(total ? total : 1, sizeof(*g->ids));
	for (size_t v = 0; v < net->nnodes; v++)
		for (size_t i = 0; i < net->nodes[v].nocgs; i++)
			g->ids[n++] = net->nodes[v].ocgs[i];
	if (n)
		qsort(g->ids, n, sizeof(*g->ids), cmp_i64);
	g->n = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || g->ids[i] != g->ids[i - 1])
			g->ids[g->n++] = g->ids[i];
}

static size_t group_of(const struct group_index *g, int64_t id)
{
	const int64_t *p = bsearch(&id, g->ids, g->n, sizeof(*g->ids), cmp_i64);
	CG_ASSERT(p);
	return (size_t)(p - g->ids);
}

/* True when u has a group v is not a member of. */
static bool outside(const struct cg_network *net, uint32_t v, uint32_t u)
{
	const struct cg_net_node *x = &net->nodes[u];
	for (size_t i = 0; i < x->nocgs; i++)
		if (!cg_net_node_in_ocg(net, v, x->ocgs[i]))
			return true;
	return false;
}

static int cmp_desc_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a < b) - (a > b);
}

/* What each node joins directly, computed for every node in O(links):
 * the brokerage and the pairs of groups (see groups.h), and the weight of
 * its links with members of groups not its own. */
struct direct {
	uint32_t *brokerage;
	size_t *pairs;
	double *weight;
};

static void direct_brokerage(const struct cg_network *net, struct direct *d)
{
	struct group_index gi;
	group_index_init(&gi, net);
	size_t ng = gi.n ? gi.n : 1;
	uint32_t *contacts = cg_xcalloc(ng, sizeof(*contacts)); /* per group, for v */
	size_t *stamp = cg_xcalloc(ng, sizeof(*stamp));
	uint32_t *touched = cg_xcalloc(ng, sizeof(*touched));   /* groups v joins */
	uint32_t *counts = cg_xcalloc(ng, sizeof(*counts));

	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_net_node *x = &net->nodes[v];
		size_t k = 0;
		for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
			size_t e = net->adj_edge[i];
			uint32_t u = cg_net_other(net, e, (uint32_t)v);
			const struct cg_net_node *y = &net->nodes[u];
			for (size_t j = 0; j < y->nocgs; j++) {
				size_t g = group_of(&gi, y->ocgs[j]);
				if (stamp[g] != v + 1) {
					stamp[g] = v + 1;
					contacts[g] = 0;
					touched[k++] = (uint32_t)g;
				}
				contacts[g]++; /* edges are distinct pairs: one per person */
			}
			if (outside(net, (uint32_t)v, u))
				d->weight[v] += net->edges[e].weight;
		}
		/* membership is a tie to the group even without links */
		for (size_t i = 0; i < x->nocgs; i++) {
			size_t g = group_of(&gi, x->ocgs[i]);
			if (stamp[g] != v + 1) {
				stamp[g] = v + 1;
				contacts[g] = 0;
				touched[k++] = (uint32_t)g;
			}
			if (!contacts[g])
				contacts[g] = 1;
		}
		d->pairs[v] = k * (k - (k > 0)) / 2;
		/* sum over pairs of the smaller count: sorted descending, the
		 * i-th count is the smaller one in its pairs with the i before */
		for (size_t i = 0; i < k; i++)
			counts[i] = contacts[touched[i]];
		if (k > 1)
			qsort(counts, k, sizeof(*counts), cmp_desc_u32);
		uint64_t sum = 0;
		for (size_t i = 1; i < k; i++)
			sum += (uint64_t)counts[i] * i;
		d->brokerage[v] = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
	}
	free(counts);
	free(touched);
	free(stamp);
	free(contacts);
	free(gi.ids);
}

static struct cg_broker_tie *tie_for(struct cg_broker *b, int64_t ocg)
{
	for (size_t i = 0; i < b->nties; i++)
		if (b->ties[i].ocg == ocg)
			return &b->ties[i];
	b->ties = cg_xrealloc(b->ties, (b->nties + 1) * sizeof(*b->ties));
	b->ties[b->nties] = (struct cg_broker_tie){ .ocg = ocg };
	return &b->ties[b->nties++];
}

static int tie_order(const void *x, const void *y)
{
	const struct cg_broker_tie *p = x, *q = y;
	if (p->member != q->member)
		return p->member ? -1 : 1;
	if (p->weight != q->weight)
		return p->weight > q->weight ? -1 : 1;
	return (p->ocg > q->ocg) - (p->ocg < q->ocg);
}

/* Fills b's ties: its own groups, and each group of each member it is
 * linked to, with the links. */
static void fill_ties(const struct cg_network *net, struct cg_broker *b)
{
	const struct cg_net_node *x = &net->nodes[b->node];
	for (size_t i = 0; i < x->nocgs; i++)
		tie_for(b, x->ocgs[i])->member = true;
	for (size_t i = net->adj_start[b->node]; i < net->adj_start[b->node + 1]; i++) {
		const struct cg_net_edge *e = &net->edges[net->adj_edge[i]];
		const struct cg_net_node *y = &net->nodes[e->a == b->node ? e->b : e->a];
		for (size_t j = 0; j < y->nocgs; j++) {
			struct cg_broker_tie *t = tie_for(b, y->ocgs[j]);
			t->nmembers++;
			t->weight += e->weight;
			t->links = cg_xrealloc(t->links, (t->nlinks + e->count) * sizeof(*t->links));
			for (size_t k = 0; k < e->count; k++)
				t->links[t->nlinks++] = e->first + k;
		}
	}
	for (size_t i = 0; i < b->nties; i++)
		if (b->ties[i].nlinks > 1)
			qsort(b->ties[i].links, b->ties[i].nlinks, sizeof(size_t), cmp_size);
	if (b->nties > 1)
		qsort(b->ties, b->nties, sizeof(*b->ties), tie_order);
}

static int broker_order(const void *x, const void *y)
{
	const struct cg_broker *p = x, *q = y;
	if (p->brokerage != q->brokerage)
		return p->brokerage > q->brokerage ? -1 : 1;
	if (p->betweenness != q->betweenness)
		return p->betweenness > q->betweenness ? -1 : 1;
	if (p->pairs != q->pairs)
		return p->pairs > q->pairs ? -1 : 1;
	if (p->outside_weight != q->outside_weight)
		return p->outside_weight > q->outside_weight ? -1 : 1;
	return (p->node > q->node) - (p->node < q->node);
}

enum cg_status cg_brokers(const struct cg_network *net, const struct cg_broker_options *opt,
			  struct cg_broker_result *out, struct cg_error *err)
{
	static const struct cg_broker_options defaults = { 0 };
	unsigned max_length;
	size_t n = net->nnodes, members = 0, nsources = 0, reached = 0;

	CG_ASSERT(net->finished);
	cg_broker_result_release(out);
	opt = opt ? opt : &defaults;
	max_length = opt->max_length ? opt->max_length : CG_BROKER_DEFAULT_LENGTH;
	if (max_length > CG_BROKER_MAX_LENGTH)
		return cg_fail(err, CG_INVALID, "path length %u: at most %d", max_length,
			       CG_BROKER_MAX_LENGTH);

	double *bc = cg_xcalloc(n ? n : 1, sizeof(*bc));
	struct direct d = { cg_xcalloc(n ? n : 1, sizeof(uint32_t)),
			    cg_xcalloc(n ? n : 1, sizeof(size_t)),
			    cg_xcalloc(n ? n : 1, sizeof(double)) };
	uint32_t *sources = shuffled_members(net, opt->seed, &members);
	size_t max_sources = opt->max_sources && opt->max_sources < members ? opt->max_sources
									    : members;
	double max_work = opt->max_work > 0 ? opt->max_work : CG_BROKER_DEFAULT_WORK, work = 0;
	struct bfs b = {
		.dist = cg_xmalloc((n ? n : 1) * sizeof(int32_t)),
		.sigma = cg_xcalloc(n ? n : 1, sizeof(double)),
		.delta = cg_xcalloc(n ? n : 1, sizeof(double)),
		.order = cg_xcalloc(n ? n : 1, sizeof(uint32_t)),
	};
	for (size_t v = 0; v < n; v++)
		b.dist[v] = -1;
	while (nsources < max_sources && work < max_work)
		reached += accumulate(net, sources[nsources++], max_length, &b, bc, &work);
	/* ordered pairs were counted from both ends: halve; a sample stands
	 * for all members */
	double scale = 0.5 * (nsources ? (double)members / (double)nsources : 0);
	direct_brokerage(net, &d);

	struct cg_broker *items = cg_xcalloc(n ? n : 1, sizeof(*items));
	size_t count = 0;
	for (size_t v = 0; v < n; v++) {
		double betweenness = bc[v] * scale;
		if (betweenness <= 0 && d.brokerage[v] == 0)
			continue;
		items[count++] = (struct cg_broker){ .node = (uint32_t)v,
						     .brokerage = d.brokerage[v],
						     .betweenness = betweenness,
						     .pairs = d.pairs[v],
						     .outside_weight = d.weight[v] };
	}
	if (count)
		qsort(items, count, sizeof(*items), broker_order);
	if (opt->top && opt->top < count)
		count = opt->top;
	for (size_t i = 0; i < count; i++)
		fill_ties(net, &items[i]);

	out->items = items;
	out->n = count;
	out->max_length = max_length;
	out->members = members;
	out->sources = nsources;
	out->pairs_counted = (double)reached * scale;
	free(b.dist);
	free(b.sigma);
	free(b.delta);
	free(b.order);
	cg_vec_release(&b.dag);
	free(sources);
	free(d.brokerage);
	free(d.pairs);
	free(d.weight);
	free(bc);
	return CG_OK;
}

void cg_broker_result_release(struct cg_broker_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->items[i].nties; j++)
			free(r->items[i].ties[j].links);
		free(r->items[i].ties);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}
