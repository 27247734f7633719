/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measures.h - what analysts ask of a finished network (graph layer): who
 * is central and how (centrality), which groups the links form and how
 * they compare with the recorded OCG memberships (communities), how two
 * people are joined and by what evidence (paths), who is near a person or
 * a group (neighbourhoods), and who joins a chosen set of people (the
 * connecting network).
 *
 * Everything here is pure computation over a network built by build.h or
 * imported: no store, no printing, no audit (building the network was the
 * audited consultation). igraph does the mathematics, behind ig.h's lock;
 * the same network and options always give the same result (communities
 * and sampled betweenness are seeded).
 *
 * Distances. Links say how strongly two people are tied, so a strong tie
 * is a short distance: a weighted shortest path uses distance = 1/weight
 * for each edge (the folded weight of all links between the pair). With
 * `hops` set, every edge has distance 1 instead. PageRank, eigenvector
 * centrality and communities use the weights as strengths directly.
 *
 * Every result carries `used`: the network's description lines ("name:
 * value", see cg_net_describe) followed by one line per parameter the
 * measure used ("weighting: distance = 1/weight", "seed: 20261125",
 * "betweenness: estimated from 100 of 100000 source nodes ..."), so a result can
 * always say what it rests on.
 *
 * Thread-safety: functions that call igraph serialise on ig.h's lock; the
 * network is only read, so several threads may analyse one network.
 */
#ifndef CG_GRAPH_MEASURES_H
#define CG_GRAPH_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "graph/network.h"

/* The seed communities and samples use unless the caller gives one (the
 * same as ig.h's CG_IG_DEFAULT_SEED, for callers outside src/graph/). */
#define CG_MEASURE_DEFAULT_SEED 20261125u

/* ---- what every result used ---- */

/* Sets `used` up as a copy of net->description. */
void cg_measure_used_init(struct cg_buf *used, const struct cg_network *net);
/* Appends one line "name: value" to `used`. */
void cg_measure_used_add(struct cg_buf *used, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- the network's shape ---- */

struct cg_net_summary {
	size_t nodes;
	size_t edges;             /* pairs of linked nodes (links folded) */
	size_t links;             /* pieces of evidence */
	size_t isolates;          /* nodes without a link: kept, they are real nominals */
	size_t components;        /* connected components, each isolate one */
	size_t components_linked; /* the same without the isolates */
	size_t largest;           /* nodes in the largest component */
	double density;           /* edges / (nodes (nodes - 1) / 2); 0 under two nodes */
};

/* Counts the above (a breadth-first search; linear). If `component` is not
 * NULL it must hold net->nnodes entries and receives each node's component
 * number, components numbered in order of their lowest node. */
void cg_net_summarise(const struct cg_network *net, struct cg_net_summary *s,
		      uint32_t *component);

/* ---- centrality ---- */

enum cg_measure {
	CG_MEASURE_DEGREE = 1u << 0,       /* people linked to (distinct neighbours) */
	CG_MEASURE_STRENGTH = 1u << 1,     /* weighted degree: sum of edge weights */
	CG_MEASURE_BETWEENNESS = 1u << 2,  /* shortest paths through the node */
	CG_MEASURE_CLOSENESS = 1u << 3,    /* Wasserman-Faust closeness */
	CG_MEASURE_HARMONIC = 1u << 4,     /* sum of 1/distance to everyone */
	CG_MEASURE_PAGERANK = 1u << 5,     /* damping 0.85, weighted */
	CG_MEASURE_EIGENVECTOR = 1u << 6,  /* weighted, largest = 1 */
	CG_MEASURE_CORENESS = 1u << 7,     /* k-core number */
	CG_MEASURE_ARTICULATION = 1u << 8, /* removing the node splits its component */
	CG_MEASURE_EDGE_BETWEENNESS = 1u << 9, /* per edge: betweenness and bridges */
	CG_MEASURE_COMMUNITY = 1u << 10,   /* not by cg_net_centrality: cg_net_communities */
};

/* Every node measure cg_net_centrality computes (not edge betweenness). */
#define CG_MEASURE_NODE_ALL 0x1ffu

/* The measures' names as the command line and API spell them ("degree",
 * "strength", "betweenness", "closeness", "harmonic", "pagerank",
 * "eigenvector", "coreness", "articulation", "edge-betweenness",
 * "community"), in the order above. */
const char *cg_measure_name(enum cg_measure m);
/* The flag named `name` (one of the above), or 0. */
unsigned cg_measure_from_name(const char *name, size_t len);
/* Parses "degree,pagerank" into flags. CG_INVALID naming an unknown or
 * empty name. */
enum cg_status cg_measure_parse_list(const char *list, unsigned *flags, struct cg_error *err);

struct cg_centrality_opts {
	unsigned measures;     /* CG_MEASURE_* flags */
	bool hops;             /* path measures count hops instead of distance 1/weight */
	size_t sample;         /* betweenness (of nodes and of edges) estimated from
				* this many source nodes drawn at random (seeded);
				* 0, or >= nodes: exact */
	unsigned long seed;    /* for the sample */
};

/*
 * Centrality per node. Arrays hold net->nnodes entries (net->nedges for
 * the per-edge ones) and are NULL when their measure was not asked for.
 *
 *   betweenness   raw: for each pair of other nodes s, t (each unordered
 *                 pair once), the share of shortest s-t paths through the
 *                 node. cg_betweenness_normalised divides by
 *                 (n-1)(n-2)/2 (NetworkX normalized=True). Sampled: the
 *                 shortest paths from `sample` sources drawn at random to
 *                 all targets (igraph_betweenness_subset), scaled by
 *                 n/sample: an unbiased estimate of the raw value.
 *   closeness     Wasserman-Faust, for disconnected networks: with r the
 *                 nodes the node reaches and d their total distance,
 *                 (r / (n-1)) * (r / d); 0 for an isolate (NetworkX
 *                 closeness_centrality). Within a component it is the
 *                 inverse mean distance scaled by the component's share.
 *   harmonic      raw sum over other nodes of 1/distance (0 when
 *                 unreachable); divide by n-1 to normalise.
 *   pagerank      sums to 1; an isolate's rank is what teleportation gives.
 *   eigenvector   scaled so the largest is 1; meaningful within the
 *                 largest component (others come out near 0).
 *   coreness      the largest k such that the node is in a subgraph where
 *                 everyone has at least k neighbours.
 */
struct cg_centrality {
	size_t nnodes, nedges;
	unsigned measures;          /* which of the arrays below are filled */
	uint32_t *degree;
	double *strength;
	double *betweenness;
	double *closeness;
	double *harmonic;
	double *pagerank;
	double *eigenvector;
	uint32_t *coreness;
	bool *articulation;
	double *edge_betweenness;   /* per edge, raw, same path rules (and sample) as
				     * betweenness */
	bool *bridge;               /* per edge: removing it splits its component */
	size_t sample;              /* sources the betweenness used; 0 when exact */
	bool hops;
	struct cg_net_summary summary;
	struct cg_buf used;
};

/*
 * Computes the measures `o` asks for into *out (release with
 * cg_centrality_release, also after a failure). CG_LIMIT when igraph runs
 * out of memory; CG_INTERNAL for any other igraph failure.
 */
enum cg_status cg_net_centrality(const struct cg_network *net, const struct cg_centrality_opts *o,
				 struct cg_centrality *out, struct cg_error *err);
void cg_centrality_release(struct cg_centrality *c);

/* Node v's value of one node measure as a number (degree, coreness and
 * articulation too), for sorting and printing; NaN when not computed. */
double cg_centrality_value(const struct cg_centrality *c, enum cg_measure m, uint32_t v);

/* Raw betweenness divided by (n-1)(n-2)/2; 0 for n < 3. */
double cg_betweenness_normalised(double raw, size_t n);

/* ---- communities ---- */

enum cg_community_method {
	CG_COMMUNITY_LOUVAIN, /* igraph_community_multilevel */
	CG_COMMUNITY_LEIDEN,  /* igraph_community_leiden with the modularity objective */
};

struct cg_community_opts {
	enum cg_community_method method;
	unsigned long seed;   /* CG_MEASURE_DEFAULT_SEED unless the caller wants another */
	double resolution;    /* modularity's gamma; 1 is the classical modularity */
};

/* Least members with a recorded membership that make a community
 * "dominated" by one group. */
#define CG_COMMUNITY_MIN_DOMINANT 3

/* A recorded group a comparison speaks of: an OCG of the store's network,
 * or an external network's group attribute. */
struct cg_group_ref {
	int64_t ocg;          /* the OCG id; 0 for an external group */
	const char *group;    /* the external group's name (borrowed from the
			       * network: valid while it lives); NULL for an OCG */
};

struct cg_community {
	size_t size;          /* nodes */
	size_t affiliated;    /* members with any recorded group */
	struct cg_group_ref dominant; /* the most common group among them (ties:
				       * the lowest OCG id or name); ocg 0 and
				       * group NULL when nobody has one */
	size_t dominant_count;        /* members recorded in it */
	bool dominated;       /* dominant_count >= affiliated / 2 and
			       * >= CG_COMMUNITY_MIN_DOMINANT */
};

/* "Looks like a member but is not recorded as one": a person in a
 * community dominated by a group, without a recorded membership of it. */
struct cg_lookalike {
	uint32_t node;
	uint32_t community;
	struct cg_group_ref group;
	double weight_to;     /* edge weight into the group's recorded members */
	double share;         /* weight_to / the node's strength */
};

struct cg_communities {
	size_t nnodes;
	uint32_t *membership;       /* per node: community index */
	struct cg_community *communities; /* ordered by size, largest first
					   * (ties: lowest first node) */
	size_t ncommunities;        /* counting each isolate as one */
	size_t ncommunities_linked; /* without the isolates */
	double modularity;          /* of the partition, weighted, at the
				     * resolution asked; 0 for a network
				     * without edges */
	struct cg_lookalike *lookalikes; /* highest share first */
	size_t nlookalikes;
	struct cg_community_opts opts;
	struct cg_buf used;
};

/*
 * Finds communities with weights as strengths and compares them with the
 * recorded memberships (node->ocgs; for an external network, node->group).
 * Lookalikes are listed only with some edge weight into the group's
 * members, ranked by share, then weight, then node. Leiden optimises
 * modularity (node weights = strength, resolution = gamma / 2m), starting
 * from singletons and repeating single iterations until the partition no
 * longer changes (at most 50). Release with cg_communities_release.
 */
enum cg_status cg_net_communities(const struct cg_network *net, const struct cg_community_opts *o,
				  struct cg_communities *out, struct cg_error *err);
void cg_communities_release(struct cg_communities *c);

/* ---- paths ---- */

enum cg_path_kind {
	CG_PATH_SHORTEST,     /* one shortest path */
	CG_PATH_ALL_SHORTEST, /* every shortest path */
	CG_PATH_ALL_SIMPLE,   /* every path without a repeated node up to max_length edges */
};

#define CG_PATH_MAX_LENGTH 8         /* the longest max_length accepted */
#define CG_PATH_DEFAULT_MAX_PATHS 100

struct cg_path_opts {
	enum cg_path_kind kind;
	bool hops;            /* shortest by hop count instead of distance 1/weight */
	unsigned max_length;  /* CG_PATH_ALL_SIMPLE: 1 .. CG_PATH_MAX_LENGTH */
	size_t max_paths;     /* paths returned at most; 0: CG_PATH_DEFAULT_MAX_PATHS */
};

/* One path: nodes[0] is the start, nodes[nedges] the end, and edges[i]
 * (an index into net->edges, whose links give the provenance) joins
 * nodes[i] and nodes[i + 1]. */
struct cg_path {
	uint32_t *nodes;
	uint32_t *edges;
	size_t nedges;
	double length;        /* total distance (sum of 1/weight), or hops */
};

struct cg_paths {
	struct cg_path *paths; /* shortest first, then in the order found */
	size_t npaths;
	double found;          /* shortest kinds: how many shortest paths
				* exist (counted, not listed; a float as the
				* count can be huge); simple paths: npaths */
	bool capped;           /* all-shortest or simple: more paths exist than
				* were returned (or the simple-path search hit
				* its step limit) */
	struct cg_path_opts opts;
	struct cg_buf used;
};

/*
 * Paths between nodes `from` and `to` (!= from) of kind o->kind, into
 * *out; none when they are not connected (within max_length). Shortest
 * paths come from igraph's distances from both ends: an edge u-v lies on
 * a shortest path exactly when d(from,u) + |uv| + d(v,to) = d(from,to)
 * (within igraph's relative tolerance of 1e-10 for weighted lengths).
 * Simple paths are enumerated depth first, one length after another (so
 * a cap keeps the shortest), pruned by the hop distance to `to`, and stop
 * after max_paths (igraph_get_all_simple_paths cannot be capped, and on a
 * network of a million links would list millions of paths first). CG_INVALID for a bad option. Release with
 * cg_paths_release.
 */
enum cg_status cg_net_paths(const struct cg_network *net, uint32_t from, uint32_t to,
			    const struct cg_path_opts *o, struct cg_paths *out,
			    struct cg_error *err);
void cg_paths_release(struct cg_paths *p);

/* ---- neighbourhoods ---- */

/*
 * A reusable breadth-first search over the network's adjacency (no igraph,
 * no allocation per query): `mark` holds, per node, the stamp of the last
 * search that reached it, so starting a search costs nothing.
 */
struct cg_net_bfs {
	size_t nnodes;
	uint32_t *mark;       /* per node: stamp of the last search that reached it */
	uint32_t stamp;
	uint32_t *order;      /* nodes reached, in order of distance */
	uint32_t *hops;       /* hops[i]: distance of order[i] from the nearest seed */
	size_t count;         /* entries of order/hops filled by the last search */
};

void cg_net_bfs_init(struct cg_net_bfs *b, const struct cg_network *net);
void cg_net_bfs_release(struct cg_net_bfs *b);

/*
 * Reaches every node within `hops` links of any of the seeds (the seeds
 * themselves at distance 0) into b->order/b->hops and returns how many.
 * Linear in the edges around the nodes reached.
 */
size_t cg_net_bfs_run(const struct cg_network *net, struct cg_net_bfs *b, const uint32_t *seeds,
		      size_t nseeds, unsigned hops);
/* True if the last search reached v. */
static inline bool cg_net_bfs_reached(const struct cg_net_bfs *b, uint32_t v)
{
	return b->mark[v] == b->stamp;
}

#define CG_NEIGHBOURHOOD_MAX_HOPS 6

struct cg_neighbourhood {
	uint32_t *nodes;       /* reached: by distance, then in search order;
				* with sub, in sub's node order */
	uint32_t *hops;        /* per entry of nodes */
	size_t nnodes;
	struct cg_network *sub; /* the network on those nodes (every link between
				 * them), node i of sub being nodes[i]; NULL
				 * unless asked for */
	unsigned max_hops;
	struct cg_buf used;
};

/*
 * The k-hop neighbourhood (k = `hops`, 1 .. CG_NEIGHBOURHOOD_MAX_HOPS) of
 * a node or a set of nodes (an OCG's members) into *out, with the
 * subgraph when `subgraph`. CG_INVALID for no seed or a bad k. Release
 * with cg_neighbourhood_release.
 */
enum cg_status cg_net_neighbourhood(const struct cg_network *net, const uint32_t *seeds,
				    size_t nseeds, unsigned hops, bool subgraph,
				    struct cg_neighbourhood *out, struct cg_error *err);
void cg_neighbourhood_release(struct cg_neighbourhood *n);

/* ---- connecting network ---- */

#define CG_CONNECT_MAX_NODES 32

/* Two of the chosen people and how they are joined. */
struct cg_connect_pair {
	uint32_t a, b;        /* indexes into the network's nodes */
	bool connected;
	double distance;      /* shortest distance (or hops); when connected */
};

struct cg_connecting {
	struct cg_network *sub;   /* every node on a shortest path between two
				   * of the chosen, and all links among them */
	uint32_t *old_index;      /* node i of sub was node old_index[i] */
	bool *chosen;             /* per node of sub: one of the chosen */
	struct cg_connect_pair *pairs; /* every pair of the chosen, in order */
	size_t npairs;
	bool hops;
	struct cg_buf used;
};

/*
 * i2's "Find Connecting Network": the union of all shortest paths between
 * every pair of the chosen nodes (2 .. CG_CONNECT_MAX_NODES of them,
 * distinct) as a subgraph, stating the pairs that are not connected.
 * Release with cg_connecting_release.
 */
enum cg_status cg_net_connecting(const struct cg_network *net, const uint32_t *chosen,
				 size_t nchosen, bool hops, struct cg_connecting *out,
				 struct cg_error *err);
void cg_connecting_release(struct cg_connecting *c);

#endif
