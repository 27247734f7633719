/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * groups.h - analyses centred on organised crime groups (graph layer):
 * brokers between groups, members of different groups held together in
 * custody, recruitment signals, and disruption (whose removal fragments a
 * group or the network most).
 *
 * Each analysis is a pure function over a finished network (network.h):
 * it reads the nodes' recorded memberships (node->ocgs, only those the
 * network's principal may see) and the links with their provenance, never
 * the store, and never prints. The same network and options always give
 * the same result, in the same order: every ranking breaks its ties by
 * node (or link) index, which cg_net_finish made independent of the order
 * rows came from the store.
 *
 * "Different groups" means two people with no recorded group in common:
 * a member of A and B and a member of B are not in different groups.
 * Results name nodes and links by index into the network; the caller
 * prints them with their keys, types, dates and provenance.
 * docs/network-analysis.md gives each measure for analysts.
 */
#ifndef CG_GRAPH_GROUPS_H
#define CG_GRAPH_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "graph/network.h"

/* True when nodes a and b have a recorded membership of one same group. */
bool cg_net_share_ocg(const struct cg_network *net, uint32_t a, uint32_t b);

/* True when a and b are both members of some group and share none. */
bool cg_net_different_ocgs(const struct cg_network *net, uint32_t a, uint32_t b);

/* ---- brokers (brokers.c) ---------------------------------------------
 *
 * Brokers are ranked by two measures, the first deciding:
 *
 * brokerage   (in the spirit of Gould and Fernandez's brokerage count)
 *             for every pair of groups the person joins directly - is a
 *             member of or linked to a member of one, and linked to a
 *             member of (or a member of) the other - the number of
 *             distinct people they are linked to in the thinner of the
 *             two, a group of their own counting at least one; summed over
 *             the pairs. One family link into another group is 1; dealing
 *             with three members of each of two groups is 3; an outsider
 *             serving three groups with two contacts in each is 6. It
 *             counts independent ties, so a leader with many members
 *             around them and one link elsewhere is not ranked above
 *             someone with several links into two groups.
 *
 * betweenness inter-group betweenness: over every ordered pair (s, t) of
 *             members of different groups at most `max_length` links
 *             apart, the share of the shortest s-t paths (counted in
 *             links, weights ignored) that pass through the person, halved
 *             so that each unordered pair counts once (Brandes'
 *             accumulation restricted to those sources and targets and cut
 *             off at max_length). It separates people of equal brokerage
 *             by how much of the short ways between groups runs through
 *             them, indirect ones included. Paths longer than max_length
 *             are not counted: brokerage is local, and the cut-off keeps
 *             the cost at one small breadth-first search per member.
 *             Members are taken as sources in an order drawn with a seed
 *             until all are used, or max_sources, or the work limit: a
 *             sample stands for all members (its sums scaled up by
 *             members / sources), and the result says how many were used.
 *
 * Both read only the links in the network: what was filtered out, or is
 * hidden from the principal, joins nobody. People ranked: those with
 * either measure above zero, by brokerage, then betweenness, then the
 * number of pairs of groups joined, then the weight of their links with
 * members of groups not their own, then node index.
 */

#define CG_BROKER_DEFAULT_LENGTH 3
#define CG_BROKER_MAX_LENGTH 8
/* The seed front ends give the sample of sources, so that a sampled run
 * is reproducible. */
#define CG_BROKER_DEFAULT_SEED 20261125u

/* Adjacency entries the betweenness may read by default (a few seconds):
 * past it, the members not yet used as sources are left out and the
 * betweenness is an estimate from those used. */
#define CG_BROKER_DEFAULT_WORK 3e8

struct cg_broker_options {
	unsigned max_length;  /* longest path counted, in links (1..8); 0: 3 */
	size_t max_sources;   /* 0: every member may be a source; otherwise at
			       * most this many */
	double max_work;      /* adjacency entries read at most (checked after
			       * each source); 0: CG_BROKER_DEFAULT_WORK */
	uint64_t seed;        /* the order members are taken as sources in */
	size_t top;           /* keep the first `top` brokers; 0: all */
};

/* A broker's direct links into one group. */
struct cg_broker_tie {
	int64_t ocg;
	bool member;          /* the broker is recorded as a member of it */
	size_t nmembers;      /* distinct members of it the broker is linked to */
	double weight;        /* sum of the weights of those links */
	size_t *links;        /* indexes into net->links, in link order */
	size_t nlinks;
};

struct cg_broker {
	uint32_t node;
	uint32_t brokerage;   /* see above */
	double betweenness;   /* inter-group betweenness (see above) */
	size_t pairs;         /* distinct pairs of groups joined directly */
	double outside_weight; /* weight of links into groups not its own */
	struct cg_broker_tie *ties; /* own groups first, then by weight, then id */
	size_t nties;
};

struct cg_broker_result {
	struct cg_broker *items; /* ranked */
	size_t n;
	unsigned max_length;  /* as used */
	size_t members;       /* members of any group in the network */
	size_t sources;       /* members used as sources (== members unless sampled
			       * or stopped by the work limit) */
	double pairs_counted; /* unordered inter-group pairs within max_length
			       * (estimated when sampled) */
};

/*
 * Ranks the brokers of `net` (finished) into *out (released first, so a
 * zeroed or previously used result may be passed). CG_INVALID for a
 * max_length out of range. Allocates; release with cg_broker_result_release.
 */
enum cg_status cg_brokers(const struct cg_network *net, const struct cg_broker_options *opt,
			  struct cg_broker_result *out, struct cg_error *err);
void cg_broker_result_release(struct cg_broker_result *r);

/* ---- crossovers in custody (crossovers.c) ----------------------------
 *
 * Members of different groups held together: every custody co-location
 * link (types same_cell, same_wing, same_establishment: the overlap of two
 * stays at one place) whose two people are members of different groups.
 * Ranked by risk: the higher tier of the two first, then the other's
 * tier (no tier counts below low), then the most recent (the latest `to`,
 * then `from`; undated last), then link index. In each row `a` is the
 * person with the higher tier (the lower node index on a tie).
 */

enum cg_custody_level { CG_LEVEL_CELL, CG_LEVEL_WING, CG_LEVEL_ESTABLISHMENT };

#define CG_LEVEL_ALL 0u
#define CG_LEVEL_BIT(l) (1u << (l))

const char *cg_custody_level_name(enum cg_custody_level l);
/* "cell", "wing" or "establishment"; false for anything else. */
bool cg_custody_level_parse(const char *s, enum cg_custody_level *out);
/* The level of a link type name ("same_wing"); false if not co-location. */
bool cg_custody_level_of_type(const char *type, enum cg_custody_level *out);

struct cg_crossover_options {
	/* Only places whose name is this or starts with it and a space
	 * ("BMI" matches "BMI wing F", not "BMIX"), or, all digits, the
	 * place whose location id it is. NULL: every place. */
	const char *establishment;
	unsigned levels;      /* CG_LEVEL_BIT()s to keep; CG_LEVEL_ALL: all */
};

struct cg_crossover {
	size_t link;          /* index into net->links */
	uint32_t a, b;        /* the two people, a the higher risk */
	enum cg_custody_level level;
};

struct cg_crossover_result {
	struct cg_crossover *items; /* ranked */
	size_t n;
};

/* Lists the crossovers of `net` into *out (released first). CG_INVALID
 * for an empty establishment. Release with cg_crossover_result_release. */
enum cg_status cg_crossovers(const struct cg_network *net,
			     const struct cg_crossover_options *opt,
			     struct cg_crossover_result *out, struct cg_error *err);
void cg_crossover_result_release(struct cg_crossover_result *r);

/* ---- recruitment signals (recruitment.c) -----------------------------
 *
 * People with no recorded membership who have custody-setting links
 * (types marked custody: co-location, visits, calls from prison) with
 * members of groups. Each such link scores
 *
 *     weight x 0.5 ^ (age / half_life)
 *
 * where weight is the link's weight (its type's, as configured), and age
 * is the number of days from the link's last day (`to`, else `from`) to
 * the as-of date, 0 if the link runs past it. A link that begins after the
 * as-of date is not counted (it had not happened); an undated one counts
 * as one half-life old. A person's score is the sum over their links;
 * ranked by score, then the most recent day of those links, then node
 * index. A person can only be a signal for groups the network's principal
 * may see them linked to: an unrecorded membership is by definition what
 * this looks for, a hidden one looks the same.
 */

#define CG_RECRUIT_DEFAULT_HALF_LIFE 180.0

struct cg_recruit_options {
	int32_t as_of;        /* day (days since 1970) the recency is measured at */
	double half_life;     /* days; 0: 180 */
	size_t top;           /* keep the first `top`; 0: all */
};

/* One custody-setting link of the person with a member. */
struct cg_recruit_tie {
	size_t link;          /* index into net->links */
	uint32_t member;      /* the member at the other end */
	double points;        /* weight x decay */
};

/* The person's links into one group (through its members). */
struct cg_recruit_group {
	int64_t ocg;
	double points;        /* sum over links with its members */
	size_t nmembers;      /* distinct members of it linked */
};

struct cg_recruit {
	uint32_t node;
	double score;
	int32_t last;         /* most recent day of the links; CG_NET_NO_DATE if none dated */
	struct cg_recruit_tie *ties;     /* by points, then link index */
	size_t nties;
	struct cg_recruit_group *groups; /* by points, then id */
	size_t ngroups;
};

struct cg_recruit_result {
	struct cg_recruit *items; /* ranked */
	size_t n;
	int32_t as_of;
	double half_life;
};

/* Finds the recruitment signals of `net` into *out (released first).
 * CG_INVALID for a negative or non-finite half-life. */
enum cg_status cg_recruitment(const struct cg_network *net, const struct cg_recruit_options *opt,
			      struct cg_recruit_result *out, struct cg_error *err);
void cg_recruit_result_release(struct cg_recruit_result *r);

/* ---- disruption (disrupt.c) ------------------------------------------
 *
 * How much removing one person (a node and all its links) or one link
 * (an edge: every link between its two people) fragments the network,
 * under one measure:
 *
 *   largest     size of the largest connected component: the removal's
 *               effect is the size before minus after;
 *   components  number of connected components (isolated people count):
 *               after minus before;
 *   efficiency  global efficiency, the mean over ordered pairs of
 *               distinct people of 1 / (distance in links), 0 for pairs
 *               not connected, over the people that remain (Latora and
 *               Marchiori; igraph_global_efficiency's definition,
 *               unweighted): before minus after.
 *
 * largest and components come from one depth-first search (cut vertices
 * and bridges with the sizes of the pieces they leave), so every person
 * and link of a 100,000-person network is ranked in linear time.
 * Efficiency needs a breadth-first search from every person for every
 * candidate, O(n^2 (n + m)): it is for group-sized networks and refused
 * (CG_LIMIT) above CG_DISRUPT_EFFICIENCY_WORK steps.
 *
 * Ranked by effect, then by degree (links to distinct people), then index.
 * The greedy set of k removals: remove the best person, measure again,
 * repeat k times; each step records the value after it.
 */

enum cg_disrupt_measure { CG_DISRUPT_LARGEST, CG_DISRUPT_COMPONENTS, CG_DISRUPT_EFFICIENCY };

const char *cg_disrupt_measure_name(enum cg_disrupt_measure m);
bool cg_disrupt_measure_parse(const char *s, enum cg_disrupt_measure *out);

#define CG_DISRUPT_EFFICIENCY_WORK 4000000000.0

struct cg_disrupt_options {
	enum cg_disrupt_measure measure;
	size_t k;             /* greedy removals; 0: none */
	size_t top;           /* keep the first `top` people and links; 0: all */
};

struct cg_disrupt_item {
	size_t index;         /* a node (people) or an edge (links) */
	double after;         /* the measure once it is removed */
	double effect;        /* how much that fragments (see above) */
};

struct cg_disrupt_step {
	uint32_t node;        /* removed at this step */
	double after;         /* the measure once it and the earlier ones are removed */
};

struct cg_disrupt_result {
	enum cg_disrupt_measure measure;
	double before;        /* the measure of the whole network */
	size_t nodes, edges;  /* of the network measured */
	struct cg_disrupt_item *people; /* ranked */
	size_t npeople;
	struct cg_disrupt_item *links;  /* ranked, edges of the network */
	size_t nlinks;
	struct cg_disrupt_step *greedy;
	size_t ngreedy;       /* k, or fewer when the network ran out of people */
};

/* Ranks the people and links of `net` (finished) into *out (released
 * first). CG_LIMIT when efficiency would take too long. Release with
 * cg_disrupt_result_release. */
enum cg_status cg_disrupt(const struct cg_network *net, const struct cg_disrupt_options *opt,
			  struct cg_disrupt_result *out, struct cg_error *err);
void cg_disrupt_result_release(struct cg_disrupt_result *r);

/*
 * Marks in keep[] (net->nnodes entries, all set first) the members of
 * group `ocg` and, with `neighbours`, everyone linked to one of them.
 * Returns how many were marked (0: the network has no member of it).
 * Pass keep to cg_net_subgraph to measure one group.
 */
size_t cg_disrupt_group_mask(const struct cg_network *net, int64_t ocg, bool neighbours,
			     bool *keep);

/* The network of one group to measure: the part of `net` (cg_net_subgraph)
 * on the nodes cg_disrupt_group_mask marks, into *sub (NULL on failure).
 * CG_NOT_FOUND "OCG N: no member of it in the network you may see" when
 * the network has no member of it. */
enum cg_status cg_disrupt_group_net(const struct cg_network *net, int64_t ocg, bool neighbours,
				    struct cg_network **sub, struct cg_error *err);

#endif
