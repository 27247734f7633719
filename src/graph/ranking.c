/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ranking.c - centrality per person and per link as the front ends show
 * it: defaults for large networks, sorting, the top N (graph layer). See
 * ranking.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/ranking.h"
#include "base/banned.h"

const unsigned cg_rank_columns[] = {
	CG_MEASURE_DEGREE,      CG_MEASURE_STRENGTH,    CG_MEASURE_BETWEENNESS,
	CG_MEASURE_CLOSENESS,   CG_MEASURE_HARMONIC,    CG_MEASURE_PAGERANK,
	CG_MEASURE_EIGENVECTOR, CG_MEASURE_CORENESS,    CG_MEASURE_ARTICULATION,
	CG_MEASURE_COMMUNITY,
};
const size_t cg_rank_ncolumns = sizeof(cg_rank_columns) / sizeof(cg_rank_columns[0]);

bool cg_rank_integral(unsigned m)
{
	return m == CG_MEASURE_DEGREE || m == CG_MEASURE_CORENESS ||
	       m == CG_MEASURE_ARTICULATION || m == CG_MEASURE_COMMUNITY;
}

enum cg_status cg_betweenness_parse(const char *s, size_t *sample, struct cg_error *err)
{
	char *end = NULL;
	unsigned long long n;

	if (strcmp(s, "exact") == 0) {
		*sample = 0;
		return CG_OK;
	}
	if (strncmp(s, "sample:", 7) != 0)
		return cg_fail(err, CG_INVALID, "betweenness: 'exact' or 'sample:N', not '%.40s'", s);
	errno = 0;
	n = strtoull(s + 7, &end, 10);
	if (!s[7] || *end || errno || s[7] == '-' || s[7] == '+' || n < 1 ||
	    n > CG_RANK_SAMPLE_MAX)
		return cg_fail(err, CG_INVALID,
			       "betweenness: '%.40s': the sample is a whole number from 1 to %d", s,
			       CG_RANK_SAMPLE_MAX);
	*sample = (size_t)n;
	return CG_OK;
}

struct ranked {
	double key;
	uint32_t v;
};

/* Highest key first, then lowest index: a stable, reproducible order. */
static int ranked_order(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

double cg_metrics_value(const struct cg_metrics *m, unsigned measure, uint32_t v)
{
	if (measure == CG_MEASURE_COMMUNITY)
		return m->com.membership[v] + 1;
	return cg_centrality_value(&m->c, (enum cg_measure)measure, v);
}

unsigned cg_metrics_default_sort(unsigned measures)
{
	static const unsigned prefer[] = { CG_MEASURE_BETWEENNESS, CG_MEASURE_PAGERANK,
					   CG_MEASURE_DEGREE };
	for (size_t p = 0; p < sizeof(prefer) / sizeof(prefer[0]); p++)
		if (measures & prefer[p])
			return prefer[p];
	for (size_t k = 0; k < cg_rank_ncolumns; k++)
		if (measures & cg_rank_columns[k])
			return cg_rank_columns[k];
	return 0;
}

/* The measures to compute: those asked for, or all of them with the
 * searches from every node left out (and said so) on a large network. */
static unsigned choose_measures(const struct cg_metrics_opts *o, size_t *sample, size_t nnodes,
				struct cg_buf *notes)
{
	if (o->measures)
		return o->measures;
	unsigned m = CG_MEASURE_NODE_ALL;
	if (nnodes > CG_RANK_LARGE_NETWORK) {
		m &= ~(unsigned)(CG_MEASURE_CLOSENESS | CG_MEASURE_HARMONIC);
		cg_measure_used_add(notes, "not computed",
				    "closeness and harmonic (each needs a search from every one "
				    "of %zu nodes; name them in the measures to have them)", nnodes);
		if (!o->sample_given)
			*sample = CG_RANK_DEFAULT_SAMPLE;
	}
	return m;
}

/* The rows to show: sorted by `sort` (community: lowest first) or in
 * node order, at most `top`. */
static void pick_rows(struct cg_metrics *m, size_t nn, unsigned sort, size_t top)
{
	struct ranked *r = cg_xcalloc(nn ? nn : 1, sizeof(*r));
	for (size_t v = 0; v < nn; v++) {
		r[v].v = (uint32_t)v;
		if (sort)
			r[v].key = sort == CG_MEASURE_COMMUNITY ? -cg_metrics_value(m, sort, (uint32_t)v)
								: cg_metrics_value(m, sort, (uint32_t)v);
	}
	if (sort && nn)
		qsort(r, nn, sizeof(*r), ranked_order);
	m->nrows = top && top < nn ? top : nn;
	m->rows = cg_xcalloc(m->nrows ? m->nrows : 1, sizeof(*m->rows));
	for (size_t i = 0; i < m->nrows; i++)
		m->rows[i] = r[i].v;
	free(r);
}

enum cg_status cg_net_metrics(const struct cg_network *net, const struct cg_metrics_opts *o,
			      struct cg_metrics *out, struct cg_error *err)
{
	struct cg_buf notes = CG_BUF_INIT;
	size_t sample = o->sample_given ? o->sample : 0;
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	out->measures = choose_measures(o, &sample, net->nnodes, &notes);
	if (o->sort)
		out->measures |= o->sort; /* sorting by it means computing it */
	struct cg_centrality_opts co = { out->measures, o->hops, sample, o->seed };
	rc = cg_net_centrality(net, &co, &out->c, err);
	(void)cg_buf_add(&out->c.used, notes.data, notes.len, NULL);
	cg_buf_release(&notes);
	if (rc == CG_OK && (out->measures & CG_MEASURE_COMMUNITY)) {
		struct cg_community_opts cm = { CG_COMMUNITY_LOUVAIN, o->seed, 1 };
		rc = cg_net_communities(net, &cm, &out->com, err);
		if (rc == CG_OK)
			cg_measure_used_add(&out->c.used, "community",
					    "louvain, modularity %.6f, seed %lu", out->com.modularity,
					    cm.seed);
	}
	if (rc == CG_OK)
		pick_rows(out, net->nnodes,
			  o->sort ? o->sort
				  : o->sort_default ? cg_metrics_default_sort(out->measures) : 0,
			  o->top);
	return rc;
}

void cg_metrics_release(struct cg_metrics *m)
{
	cg_communities_release(&m->com);
	cg_centrality_release(&m->c);
	free(m->rows);
	memset(m, 0, sizeof(*m));
}

enum cg_status cg_net_link_ranking(const struct cg_network *net,
				   const struct cg_link_rank_opts *o, struct cg_link_ranking *out,
				   struct cg_error *err)
{
	size_t sample = o->sample_given ? o->sample : 0;
	size_t ne = net->nedges;
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	if (!o->sample_given && net->nnodes > CG_RANK_LARGE_NETWORK)
		sample = CG_RANK_DEFAULT_SAMPLE;
	struct cg_centrality_opts co = { CG_MEASURE_EDGE_BETWEENNESS, o->hops, sample, o->seed };
	rc = cg_net_centrality(net, &co, &out->c, err);
	if (rc)
		return rc;
	struct ranked *r = cg_xcalloc(ne ? ne : 1, sizeof(*r));
	for (size_t e = 0; e < ne; e++)
		r[e] = (struct ranked){ o->by_weight ? net->edges[e].weight
						     : out->c.edge_betweenness[e], (uint32_t)e };
	if (o->sort && ne)
		qsort(r, ne, sizeof(*r), ranked_order);
	out->nrows = o->top && o->top < ne ? o->top : ne;
	out->rows = cg_xcalloc(out->nrows ? out->nrows : 1, sizeof(*out->rows));
	for (size_t i = 0; i < out->nrows; i++)
		out->rows[i] = r[i].v;
	free(r);
	return CG_OK;
}

void cg_link_ranking_release(struct cg_link_ranking *r)
{
	cg_centrality_release(&r->c);
	free(r->rows);
	memset(r, 0, sizeof(*r));
}
