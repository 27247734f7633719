/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ranking.h - centrality as the front ends show it (graph layer): which
 * measures to compute when none are named, how to keep a large network
 * affordable, sorting and the top N, for persons (`cg graph metrics`,
 * GET /api/v1/graph/metrics) and for pairs of linked persons (`cg graph
 * links`, GET /api/v1/graph/links). One place decides, so the command line
 * and the API give the same rows for the same options; graph/json.h turns
 * them into JSON.
 *
 * Large networks. Above CG_RANK_LARGE_NETWORK nodes, measures that search
 * from every node cost one shortest-path search per node (hours on
 * 100,000 people): closeness and harmonic are left out unless named, and
 * betweenness is estimated from CG_RANK_DEFAULT_SAMPLE sources unless a
 * sample (or exact) is asked for. What was left out is written into the
 * result's `used` lines.
 */
#ifndef CG_GRAPH_RANKING_H
#define CG_GRAPH_RANKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "graph/measures.h"
#include "graph/network.h"

#define CG_RANK_LARGE_NETWORK 5000
#define CG_RANK_DEFAULT_SAMPLE 100
/* The largest betweenness sample accepted. */
#define CG_RANK_SAMPLE_MAX 10000000

/* "exact" (*sample = 0) or "sample:N" (1 <= N <= CG_RANK_SAMPLE_MAX).
 * CG_INVALID "betweenness: ..." otherwise. */
enum cg_status cg_betweenness_parse(const char *text, size_t *sample, struct cg_error *err);

/* The node measures in the order they are shown: the measures.h flags
 * from degree to articulation, then community. */
extern const unsigned cg_rank_columns[];
extern const size_t cg_rank_ncolumns;

/* Degree, coreness, articulation and community are whole numbers. */
bool cg_rank_integral(unsigned measure);

struct cg_metrics_opts {
	unsigned measures;    /* CG_MEASURE_* node flags and CG_MEASURE_COMMUNITY;
			       * 0: all, as large networks allow (above) */
	size_t sample;        /* betweenness sample (0: exact) when sample_given */
	bool sample_given;
	bool hops;            /* path measures count hops */
	unsigned long seed;   /* betweenness sample and communities */
	unsigned sort;        /* the measure to sort by (highest first; community:
			       * lowest first), computed even if not asked;
			       * 0: node order, or see sort_default */
	bool sort_default;    /* sort 0: sort by cg_metrics_default_sort of the
			       * measures computed */
	size_t top;           /* rows kept; 0: all */
};

struct cg_metrics {
	unsigned measures;        /* computed: the columns shown */
	struct cg_centrality c;   /* c.used: what it rests on, notes included */
	struct cg_communities com; /* Louvain, when CG_MEASURE_COMMUNITY */
	uint32_t *rows;           /* nodes shown, in order */
	size_t nrows;
};

/*
 * Computes the measures `o` asks for over `net`, communities when asked
 * (Louvain, seeded, resolution 1) and the rows to show, into *out
 * (release with cg_metrics_release, also after a failure). Errors as
 * cg_net_centrality and cg_net_communities.
 */
enum cg_status cg_net_metrics(const struct cg_network *net, const struct cg_metrics_opts *o,
			      struct cg_metrics *out, struct cg_error *err);
void cg_metrics_release(struct cg_metrics *m);

/* Node v's value of `measure` (community: its number, from 1). */
double cg_metrics_value(const struct cg_metrics *m, unsigned measure, uint32_t v);

/* What a table is sorted by unless told: betweenness, else PageRank, else
 * degree, else the first column computed; 0 when none. */
unsigned cg_metrics_default_sort(unsigned measures);

struct cg_link_rank_opts {
	bool hops;
	size_t sample;        /* as cg_metrics_opts */
	bool sample_given;
	unsigned long seed;
	bool sort;            /* sort (highest first); false: edge order */
	bool by_weight;       /* sort by the edge's weight instead of betweenness */
	size_t top;           /* rows kept; 0: all */
};

struct cg_link_ranking {
	struct cg_centrality c;   /* edge betweenness and bridges */
	uint32_t *rows;           /* edges shown, in order */
	size_t nrows;
};

/* Edge betweenness and bridges of `net` and the edges to show, into *out
 * (release with cg_link_ranking_release, also after a failure). */
enum cg_status cg_net_link_ranking(const struct cg_network *net,
				   const struct cg_link_rank_opts *o, struct cg_link_ranking *out,
				   struct cg_error *err);
void cg_link_ranking_release(struct cg_link_ranking *r);

#endif
