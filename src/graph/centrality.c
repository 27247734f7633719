/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * centrality.c - who is central and how (graph layer): degree and
 * strength from the adjacency; betweenness (exact or sampled), closeness,
 * harmonic centrality, PageRank, eigenvector centrality, coreness,
 * articulation points, edge betweenness and bridges from igraph. See
 * measures.h for each measure's definition and normalisation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/ig.h"
#include "graph/measures.h"
#include "base/banned.h"

_Static_assert(CG_MEASURE_DEFAULT_SEED == CG_IG_DEFAULT_SEED, "one default seed");

/* The names in flag order (bit i is names[i]). */
static const char *const measure_names[] = {
	"degree",      "strength", "betweenness",  "closeness",        "harmonic", "pagerank",
	"eigenvector", "coreness", "articulation", "edge-betweenness", "community",
};
#define NMEASURES (sizeof(measure_names) / sizeof(measure_names[0]))

const char *cg_measure_name(enum cg_measure m)
{
	for (size_t i = 0; i < NMEASURES; i++)
		if ((unsigned)m == 1u << i)
			return measure_names[i];
	return "?";
}

unsigned cg_measure_from_name(const char *name, size_t len)
{
	for (size_t i = 0; i < NMEASURES; i++)
		if (strlen(measure_names[i]) == len && memcmp(measure_names[i], name, len) == 0)
			return 1u << i;
	return 0;
}

enum cg_status cg_measure_parse_list(const char *list, unsigned *flags, struct cg_error *err)
{
	*flags = 0;
	for (const char *p = list;;) {
		size_t len = strcspn(p, ",");
		unsigned f = cg_measure_from_name(p, len);
		if (!f)
			return cg_fail(err, CG_INVALID, "measures: %s '%.*s'",
				       len ? "unknown measure" : "empty name", (int)len, p);
		*flags |= f;
		if (!p[len])
			return CG_OK;
		p += len + 1;
	}
}

double cg_betweenness_normalised(double raw, size_t n)
{
	if (n < 3)
		return 0;
	return raw / ((double)(n - 1) * (double)(n - 2) / 2.0);
}

double cg_centrality_value(const struct cg_centrality *c, enum cg_measure m, uint32_t v)
{
	if (!(c->measures & m) || v >= c->nnodes)
		return NAN;
	switch (m) {
	case CG_MEASURE_DEGREE: return c->degree[v];
	case CG_MEASURE_STRENGTH: return c->strength[v];
	case CG_MEASURE_BETWEENNESS: return c->betweenness[v];
	case CG_MEASURE_CLOSENESS: return c->closeness[v];
	case CG_MEASURE_HARMONIC: return c->harmonic[v];
	case CG_MEASURE_PAGERANK: return c->pagerank[v];
	case CG_MEASURE_EIGENVECTOR: return c->eigenvector[v];
	case CG_MEASURE_CORENESS: return c->coreness[v];
	case CG_MEASURE_ARTICULATION: return c->articulation[v] ? 1 : 0;
	default: return NAN;
	}
}

void cg_centrality_release(struct cg_centrality *c)
{
	free(c->degree);
	free(c->strength);
	free(c->betweenness);
	free(c->closeness);
	free(c->harmonic);
	free(c->pagerank);
	free(c->eigenvector);
	free(c->coreness);
	free(c->articulation);
	free(c->edge_betweenness);
	free(c->bridge);
	cg_buf_release(&c->used);
	*c = (struct cg_centrality){ 0 };
}

/* Copies an igraph result into a new array of n doubles. */
static double *take_reals(const igraph_vector_t *v, size_t n)
{
	double *out = cg_xcalloc(n ? n : 1, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = VECTOR(*v)[i];
	return out;
}

/* The edges' lengths for shortest paths: 1/weight (an edge of no positive
 * weight carries no path: infinitely long). */
static void path_lengths(const struct cg_network *net, igraph_vector_t *len)
{
	for (size_t k = 0; k < net->nedges; k++)
		VECTOR(*len)[k] = net->edges[k].weight > 0 ? 1.0 / net->edges[k].weight : INFINITY;
}

/* Betweenness of nodes (edges = false) or edges from `sample` sources
 * drawn with igraph's generator seeded by `seed`, scaled by n/sample. In
 * an undirected graph igraph counts each (source, target) pair as half a
 * path, so the sum over every possible source is the exact value, and a
 * random sample scaled up estimates it without bias. */
static igraph_error_t sampled_betweenness(const igraph_t *g, const igraph_vector_t *lengths,
					  size_t n, size_t sample, unsigned long seed, bool edges,
					  igraph_vector_t *res)
{
	igraph_vector_int_t sources;
	igraph_error_t rc = igraph_vector_int_init(&sources, 0);
	if (rc)
		return rc;
	cg_ig_seed(seed);
	rc = igraph_random_sample(&sources, 0, (igraph_integer_t)n - 1, (igraph_integer_t)sample);
	if (!rc && edges)
		rc = igraph_edge_betweenness_subset(g, res, igraph_ess_all(IGRAPH_EDGEORDER_ID),
						    false, igraph_vss_vector(&sources),
						    igraph_vss_all(), lengths);
	else if (!rc)
		rc = igraph_betweenness_subset(g, res, igraph_vss_all(), false,
					       igraph_vss_vector(&sources), igraph_vss_all(),
					       lengths);
	igraph_vector_int_destroy(&sources);
	if (!rc)
		igraph_vector_scale(res, (double)n / (double)sample);
	return rc;
}

/* The measures that need igraph, inside cg_ig_begin/end. */
static enum cg_status igraph_measures(const struct cg_network *net,
				      const struct cg_centrality_opts *o, struct cg_centrality *c,
				      struct cg_error *err)
{
	size_t n = net->nnodes, m = net->nedges;
	igraph_t g;
	igraph_vector_t weights, lengths, res;
	igraph_vector_int_t ires, reach;
	enum cg_status st = cg_ig_graph(net, &g, &weights, err);
	if (st)
		return st;
	const char *what = "centrality";
	igraph_error_t rc = igraph_vector_init(&lengths, (igraph_integer_t)m);
	if (rc)
		goto no_lengths;
	path_lengths(net, &lengths);
	const igraph_vector_t *dist = o->hops ? NULL : &lengths;
	if ((rc = igraph_vector_init(&res, 0)))
		goto no_res;
	if ((rc = igraph_vector_int_init(&ires, 0)))
		goto no_ires;
	if ((rc = igraph_vector_int_init(&reach, 0)))
		goto no_reach;

	if (o->measures & CG_MEASURE_BETWEENNESS) {
		what = "betweenness";
		rc = c->sample ? sampled_betweenness(&g, dist, n, c->sample, o->seed, false, &res)
			       : igraph_betweenness(&g, &res, igraph_vss_all(), false, dist);
		if (rc)
			goto out;
		c->betweenness = take_reals(&res, n);
	}
	if (o->measures & CG_MEASURE_CLOSENESS) {
		what = "closeness";
		if ((rc = igraph_closeness(&g, &res, &reach, NULL, igraph_vss_all(), IGRAPH_ALL,
					   dist, false)))
			goto out;
		c->closeness = cg_xcalloc(n ? n : 1, sizeof(*c->closeness));
		/* igraph gives 1 / (total distance to the r nodes reached);
		 * Wasserman-Faust scales r / total by r / (n - 1) */
		for (size_t v = 0; v < n; v++) {
			double r = (double)VECTOR(reach)[v];
			if (r > 0 && n > 1)
				c->closeness[v] = r * r * VECTOR(res)[v] / (double)(n - 1);
		}
	}
	if (o->measures & CG_MEASURE_HARMONIC) {
		what = "harmonic centrality";
		if ((rc = igraph_harmonic_centrality(&g, &res, igraph_vss_all(), IGRAPH_ALL, dist,
						     false)))
			goto out;
		c->harmonic = take_reals(&res, n);
	}
	if (o->measures & CG_MEASURE_PAGERANK) {
		what = "pagerank";
		if ((rc = igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL,
					  igraph_vss_all(), false, 0.85, &weights, NULL)))
			goto out;
		c->pagerank = take_reals(&res, n);
	}
	if (o->measures & CG_MEASURE_EIGENVECTOR) {
		what = "eigenvector centrality";
		igraph_arpack_options_t arpack;
		igraph_arpack_options_init(&arpack);
		if ((rc = igraph_eigenvector_centrality(&g, &res, NULL, false, true, &weights,
							&arpack)))
			goto out;
		c->eigenvector = take_reals(&res, n);
	}
	if (o->measures & CG_MEASURE_CORENESS) {
		what = "coreness";
		if ((rc = igraph_coreness(&g, &ires, IGRAPH_ALL)))
			goto out;
		c->coreness = cg_xcalloc(n ? n : 1, sizeof(*c->coreness));
		for (size_t v = 0; v < n; v++)
			c->coreness[v] = (uint32_t)VECTOR(ires)[v];
	}
	if (o->measures & CG_MEASURE_ARTICULATION) {
		what = "articulation points";
		if ((rc = igraph_articulation_points(&g, &ires)))
			goto out;
		c->articulation = cg_xcalloc(n ? n : 1, sizeof(*c->articulation));
		for (igraph_integer_t i = 0; i < igraph_vector_int_size(&ires); i++)
			c->articulation[VECTOR(ires)[i]] = true;
	}
	if (o->measures & CG_MEASURE_EDGE_BETWEENNESS) {
		what = "edge betweenness";
		rc = c->sample ? sampled_betweenness(&g, dist, n, c->sample, o->seed, true, &res)
			       : igraph_edge_betweenness(&g, &res, false, dist);
		if (rc)
			goto out;
		c->edge_betweenness = take_reals(&res, m);
		what = "bridges";
		if ((rc = igraph_bridges(&g, &ires)))
			goto out;
		c->bridge = cg_xcalloc(m ? m : 1, sizeof(*c->bridge));
		for (igraph_integer_t i = 0; i < igraph_vector_int_size(&ires); i++)
			c->bridge[VECTOR(ires)[i]] = true;
	}
out:
	igraph_vector_int_destroy(&reach);
no_reach:
	igraph_vector_int_destroy(&ires);
no_ires:
	igraph_vector_destroy(&res);
no_res:
	igraph_vector_destroy(&lengths);
no_lengths:
	igraph_vector_destroy(&weights);
	igraph_destroy(&g);
	return cg_ig_status(rc, what, err);
}

enum cg_status cg_net_centrality(const struct cg_network *net, const struct cg_centrality_opts *o,
				 struct cg_centrality *out, struct cg_error *err)
{
	CG_ASSERT(net->finished);
	size_t n = net->nnodes;
	*out = (struct cg_centrality){ .nnodes = n, .nedges = net->nedges, .hops = o->hops };
	cg_measure_used_init(&out->used, net);
	cg_net_summarise(net, &out->summary, NULL);
	unsigned want = o->measures & (CG_MEASURE_NODE_ALL | CG_MEASURE_EDGE_BETWEENNESS);
	bool betweenness = want & (CG_MEASURE_BETWEENNESS | CG_MEASURE_EDGE_BETWEENNESS);
	if (betweenness && o->sample > 0 && o->sample < n)
		out->sample = o->sample;

	if (want & (CG_MEASURE_BETWEENNESS | CG_MEASURE_CLOSENESS | CG_MEASURE_HARMONIC |
		    CG_MEASURE_EDGE_BETWEENNESS))
		cg_measure_used_add(&out->used, "path lengths", "%s",
				    o->hops ? "hops (every link counts 1)"
					    : "distance = 1/weight (strong ties are short)");
	if (betweenness) {
		if (out->sample)
			cg_measure_used_add(&out->used, "betweenness",
					    "estimated from %zu of %zu source nodes drawn at random "
					    "(seed %lu), scaled by %zu/%zu",
					    out->sample, n, o->seed, n, out->sample);
		else
			cg_measure_used_add(&out->used, "betweenness", "exact");
	}
	if (want & CG_MEASURE_PAGERANK)
		cg_measure_used_add(&out->used, "pagerank", "damping 0.85, weighted");
	if (want & CG_MEASURE_EIGENVECTOR)
		cg_measure_used_add(&out->used, "eigenvector", "weighted, largest = 1");

	if (want & CG_MEASURE_DEGREE) {
		out->degree = cg_xcalloc(n ? n : 1, sizeof(*out->degree));
		for (size_t v = 0; v < n; v++)
			out->degree[v] = (uint32_t)(net->adj_start[v + 1] - net->adj_start[v]);
	}
	if (want & CG_MEASURE_STRENGTH) {
		out->strength = cg_xcalloc(n ? n : 1, sizeof(*out->strength));
		for (size_t v = 0; v < n; v++)
			for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++)
				out->strength[v] += net->edges[net->adj_edge[i]].weight;
	}
	out->measures = want & (CG_MEASURE_DEGREE | CG_MEASURE_STRENGTH);
	if (!(want & ~out->measures))
		return CG_OK;

	cg_ig_begin();
	enum cg_status st = igraph_measures(net, o, out, err);
	cg_ig_end();
	if (st == CG_OK)
		out->measures = want;
	return st;
}
