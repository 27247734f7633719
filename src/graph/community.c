/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * community.c - groups the links form, and how they compare with the
 * recorded OCG memberships (graph layer): Louvain or Leiden from igraph,
 * seeded, then for each community the group most of its recorded members
 * belong to, and the people who sit in a community dominated by a group
 * without a recorded membership of it ("looks like a member but is not
 * recorded as one"). See measures.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/ig.h"
#include "graph/measures.h"
#include "base/banned.h"

/* Leiden repeats single iterations until nothing changes; this bounds it
 * (igraph 0.10.2's own "until stable", n_iterations < 0, can loop
 * forever: upstream issue 2798). */
#define LEIDEN_MAX_ROUNDS 50

void cg_communities_release(struct cg_communities *c)
{
	free(c->membership);
	free(c->communities);
	free(c->lookalikes);
	cg_buf_release(&c->used);
	*c = (struct cg_communities){ 0 };
}

static double total_weight(const struct cg_network *net)
{
	double m = 0;
	for (size_t k = 0; k < net->nedges; k++)
		m += net->edges[k].weight;
	return m;
}

/* Leiden with the modularity objective: node weights = strength and
 * resolution gamma / 2m make its quality function modularity (with NULL
 * node weights and resolution 1 it would optimise CPM instead and return
 * singletons). */
static igraph_error_t leiden(const igraph_t *g, const igraph_vector_t *weights, double gamma,
			     double m, igraph_vector_int_t *membership)
{
	igraph_vector_t strength;
	igraph_vector_int_t before;
	igraph_error_t rc = igraph_vector_init(&strength, 0);
	if (rc)
		return rc;
	if ((rc = igraph_vector_int_init(&before, 0))) {
		igraph_vector_destroy(&strength);
		return rc;
	}
	rc = igraph_strength(g, &strength, igraph_vss_all(), IGRAPH_ALL, true, weights);
	double quality = -INFINITY, q = 0;
	for (int round = 0; !rc && round < LEIDEN_MAX_ROUNDS; round++) {
		if ((rc = igraph_vector_int_update(&before, membership)))
			break;
		rc = igraph_community_leiden(g, weights, &strength, gamma / (2 * m), 0.01,
					     round > 0, 1, membership, NULL, &q);
		if (rc)
			break;
		if (round > 0 && q < quality) { /* keep the better partition */
			rc = igraph_vector_int_update(membership, &before);
			break;
		}
		if (round > 0 && (q == quality || igraph_vector_int_all_e(&before, membership)))
			break;
		quality = q;
	}
	igraph_vector_int_destroy(&before);
	igraph_vector_destroy(&strength);
	return rc;
}

/* Runs the method into `membership` (any numbering) and its modularity. */
static enum cg_status detect(const struct cg_network *net, const struct cg_community_opts *o,
			     igraph_vector_int_t *membership, double *modularity,
			     struct cg_error *err)
{
	igraph_t g;
	igraph_vector_t weights;
	enum cg_status st = cg_ig_graph(net, &g, &weights, err);
	if (st)
		return st;
	double m = total_weight(net);
	igraph_error_t rc = IGRAPH_SUCCESS;
	const char *what = o->method == CG_COMMUNITY_LEIDEN ? "leiden" : "louvain";
	*modularity = 0;
	cg_ig_seed(o->seed);
	if (!(m > 0)) {
		/* no weight to share out: everyone alone, modularity 0 */
		rc = igraph_vector_int_resize(membership, (igraph_integer_t)net->nnodes);
		for (size_t v = 0; !rc && v < net->nnodes; v++)
			VECTOR(*membership)[v] = (igraph_integer_t)v;
	} else {
		if (o->method == CG_COMMUNITY_LEIDEN)
			rc = leiden(&g, &weights, o->resolution, m, membership);
		else
			rc = igraph_community_multilevel(&g, &weights, o->resolution, membership,
							 NULL, NULL);
		if (!rc) {
			what = "modularity";
			rc = igraph_modularity(&g, membership, &weights, o->resolution, false,
					       modularity);
		}
	}
	igraph_vector_destroy(&weights);
	igraph_destroy(&g);
	return cg_ig_status(rc, what, err);
}

/* Numbers communities by size, largest first (ties: lowest first node). */
static void renumber(struct cg_communities *c, const igraph_vector_int_t *raw)
{
	size_t n = c->nnodes, k = 0;
	/* first, number them in order of their first node */
	size_t *rank = cg_xcalloc(n ? n : 1, sizeof(*rank)); /* id -> final number */
	size_t *seen = cg_xcalloc(n ? n : 1, sizeof(*seen)); /* raw id -> new id + 1 */
	for (size_t v = 0; v < n; v++) {
		size_t r = (size_t)VECTOR(*raw)[v];
		CG_ASSERT(r < n);
		if (!seen[r])
			seen[r] = ++k;
		c->membership[v] = (uint32_t)(seen[r] - 1);
	}
	size_t *size = cg_xcalloc(k ? k : 1, sizeof(*size));
	for (size_t v = 0; v < n; v++)
		size[c->membership[v]]++;
	/* then order by size, a stable counting sort keeping first-node order */
	size_t *bucket = cg_xcalloc(n + 2, sizeof(*bucket));
	for (size_t i = 0; i < k; i++)
		bucket[n - size[i] + 1]++;
	for (size_t s = 1; s < n + 2; s++)
		bucket[s] += bucket[s - 1];
	for (size_t i = 0; i < k; i++)
		rank[i] = bucket[n - size[i]]++;
	for (size_t v = 0; v < n; v++)
		c->membership[v] = (uint32_t)rank[c->membership[v]];
	c->ncommunities = k;
	c->communities = cg_xcalloc(k ? k : 1, sizeof(*c->communities));
	for (size_t i = 0; i < k; i++)
		c->communities[rank[i]].size = size[i];
	free(bucket);
	free(size);
	free(seen);
	free(rank);
}

/* One recorded membership of one node, for counting per community. */
struct affiliation {
	uint32_t community, node;
	struct cg_group_ref ref;
};

static int ref_cmp(const struct cg_group_ref *a, const struct cg_group_ref *b)
{
	/* OCGs by id first, then external groups by name */
	if ((a->ocg == 0) != (b->ocg == 0))
		return a->ocg == 0 ? 1 : -1;
	if (a->ocg != b->ocg)
		return a->ocg < b->ocg ? -1 : 1;
	if (!a->group || !b->group)
		return (a->group != NULL) - (b->group != NULL);
	return strcmp(a->group, b->group);
}

static int affiliation_order(const void *x, const void *y)
{
	const struct affiliation *a = x, *b = y;
	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	int r = ref_cmp(&a->ref, &b->ref);
	if (r)
		return r;
	return a->node < b->node ? -1 : a->node > b->node;
}

static bool in_group(const struct cg_network *net, uint32_t v, const struct cg_group_ref *g)
{
	if (g->ocg)
		return cg_net_node_in_ocg(net, v, g->ocg);
	return net->nodes[v].group && strcmp(net->nodes[v].group, g->group) == 0;
}

/* Each community's dominant group. */
static void find_dominant(const struct cg_network *net, struct cg_communities *c)
{
	size_t n = net->nnodes, na = 0, cap = 0;
	struct affiliation *aff = NULL;
	for (size_t v = 0; v < n; v++) {
		const struct cg_net_node *node = &net->nodes[v];
		uint32_t com = c->membership[v];
		size_t count = node->nocgs + (node->group != NULL);
		if (count)
			c->communities[com].affiliated++;
		aff = cg_grow(aff, sizeof(*aff), na + count, &cap);
		for (size_t i = 0; i < node->nocgs; i++)
			aff[na++] = (struct affiliation){ com, (uint32_t)v, { node->ocgs[i], NULL } };
		if (node->group)
			aff[na++] = (struct affiliation){ com, (uint32_t)v, { 0, node->group } };
	}
	if (na)
		qsort(aff, na, sizeof(*aff), affiliation_order);
	for (size_t i = 0; i < na;) {
		size_t j = i;
		while (j < na && aff[j].community == aff[i].community &&
		       ref_cmp(&aff[j].ref, &aff[i].ref) == 0)
			j++;
		struct cg_community *com = &c->communities[aff[i].community];
		if (j - i > com->dominant_count) { /* strictly more: ties keep the first */
			com->dominant_count = j - i;
			com->dominant = aff[i].ref;
		}
		i = j;
	}
	for (size_t k = 0; k < c->ncommunities; k++) {
		struct cg_community *com = &c->communities[k];
		com->dominated = com->dominant_count >= CG_COMMUNITY_MIN_DOMINANT &&
				 2 * com->dominant_count >= com->affiliated;
	}
	free(aff);
}

static int lookalike_order(const void *x, const void *y)
{
	const struct cg_lookalike *a = x, *b = y;
	if (a->share != b->share)
		return a->share > b->share ? -1 : 1;
	if (a->weight_to != b->weight_to)
		return a->weight_to > b->weight_to ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

/* The people in dominated communities without the dominant membership
 * who have some weight into its recorded members. */
static void find_lookalikes(const struct cg_network *net, struct cg_communities *c)
{
	size_t cap = 0;
	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_community *com = &c->communities[c->membership[v]];
		if (!com->dominated || in_group(net, (uint32_t)v, &com->dominant))
			continue;
		double to = 0, strength = 0;
		for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
			size_t e = net->adj_edge[i];
			strength += net->edges[e].weight;
			if (in_group(net, cg_net_other(net, e, (uint32_t)v), &com->dominant))
				to += net->edges[e].weight;
		}
		if (!(to > 0))
			continue;
		c->lookalikes = cg_grow(c->lookalikes, sizeof(*c->lookalikes), c->nlookalikes + 1,
					&cap);
		c->lookalikes[c->nlookalikes++] = (struct cg_lookalike){
			.node = (uint32_t)v,
			.community = c->membership[v],
			.group = com->dominant,
			.weight_to = to,
			.share = to / strength,
		};
	}
	if (c->nlookalikes)
		qsort(c->lookalikes, c->nlookalikes, sizeof(*c->lookalikes), lookalike_order);
}

enum cg_status cg_net_communities(const struct cg_network *net, const struct cg_community_opts *o,
				  struct cg_communities *out, struct cg_error *err)
{
	CG_ASSERT(net->finished);
	size_t n = net->nnodes;
	*out = (struct cg_communities){ .nnodes = n, .opts = *o };
	cg_measure_used_init(&out->used, net);
	if (!(o->resolution > 0) || !isfinite(o->resolution))
		return cg_fail(err, CG_INVALID, "communities: resolution must be a positive number");
	if (o->method != CG_COMMUNITY_LOUVAIN && o->method != CG_COMMUNITY_LEIDEN)
		return cg_fail(err, CG_INVALID, "communities: unknown method");
	cg_measure_used_add(&out->used, "communities", "%s, modularity with resolution %g, "
			    "edge weights as strengths, seed %lu",
			    o->method == CG_COMMUNITY_LEIDEN ? "leiden" : "louvain",
			    o->resolution, o->seed);

	igraph_vector_int_t raw;
	cg_ig_begin();
	igraph_error_t rc = igraph_vector_int_init(&raw, 0);
	enum cg_status st = rc ? cg_ig_status(rc, "communities", err)
			       : detect(net, o, &raw, &out->modularity, err);
	if (st == CG_OK) {
		out->membership = cg_xcalloc(n ? n : 1, sizeof(*out->membership));
		renumber(out, &raw);
	}
	if (!rc)
		igraph_vector_int_destroy(&raw);
	cg_ig_end();
	if (st)
		return st;

	/* communities with someone linked (an isolate is a community of one) */
	bool *linked = cg_xcalloc(out->ncommunities ? out->ncommunities : 1, sizeof(*linked));
	for (size_t v = 0; v < n; v++)
		if (net->adj_start[v] != net->adj_start[v + 1])
			linked[out->membership[v]] = true;
	for (size_t k = 0; k < out->ncommunities; k++)
		out->ncommunities_linked += linked[k];
	free(linked);
	find_dominant(net, out);
	find_lookalikes(net, out);
	return CG_OK;
}
