/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presets.h - how the front ends run and show analyses (graph layer):
 * the counts of a summary, communities with their members, and for the
 * group analyses of groups.h the network each builds unless told
 * otherwise, the parameters each states with its result ("name: value"
 * lines, printed as "# " lines by the command line and as the
 * "parameters" object of the JSON), and narrowing crossovers to one OCG.
 * The `cg graph` commands and the API's /graph/... routes call these, so
 * both say the same about the same run.
 */
#ifndef CG_GRAPH_PRESETS_H
#define CG_GRAPH_PRESETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/filter_parse.h"
#include "graph/groups.h"
#include "graph/measures.h"
#include "graph/network.h"

/* ---- the parameters a result states ---- */

#define CG_PARAMS_MAX 12
struct cg_params {
	char name[CG_PARAMS_MAX][32];
	char value[CG_PARAMS_MAX][256];
	size_t n;
};

/* Adds a parameter (truncated to fit; beyond CG_PARAMS_MAX is a bug). */
void cg_params_add(struct cg_params *p, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- finding people ---- */

/* The node whose key is `key` into *v: CG_NOT_FOUND "'KEY' is not in the
 * network" when there is none (a person the principal may not see is not
 * in the network either). */
enum cg_status cg_net_find_key(const struct cg_network *net, const char *key, uint32_t *v,
			       struct cg_error *err);

/*
 * The nodes to start a neighbourhood from: the person `key`, the members
 * of OCG `ocg` or the nodes of external group `group` (one of the three
 * given), into *seeds (malloc'd for the caller, also on failure) and *n.
 * CG_NOT_FOUND when there is no such person, or nobody of the group, in
 * the network.
 */
enum cg_status cg_net_seeds(const struct cg_network *net, const char *key, int64_t ocg,
			    const char *group, uint32_t **seeds, size_t *n, struct cg_error *err);

/* What a neighbourhood from cg_net_seeds is around, into buf: "KEY
 * (label)" for a person (`by_key`), "the N members of OCG ID", or "the N
 * nodes of group NAME". */
void cg_net_seeds_name(const struct cg_network *net, bool by_key, const uint32_t *seeds,
		       size_t n, int64_t ocg, const char *group, char *buf, size_t size);

/* ---- what `graph summary` counts ---- */

struct cg_net_counts {
	size_t isolates;      /* nodes without a link */
	size_t tiers[4];      /* nodes by risk tier: [0] none, [1] low, [2] medium,
			       * [3] high */
	size_t *per_type;     /* links per type (net->ntypes entries) */
};

/* Counts the above (linear); release with cg_net_counts_release. */
void cg_net_counts(const struct cg_network *net, struct cg_net_counts *out);
void cg_net_counts_release(struct cg_net_counts *c);

/* ---- communities listed with their members ---- */

/* The nodes of each community in node order: community k's are
 * members[starts[k] .. starts[k + 1]). Both arrays are malloc'd for the
 * caller (starts has ncommunities + 1 entries). */
uint32_t *cg_communities_members(const struct cg_communities *c, size_t **starts);

/* ---- the networks the analyses build by default ---- */

/*
 * Brokers. Co-location in custody joins hundreds of prisoners to members
 * of several groups by where they are held, not by any relationship, and
 * prison visits and calls follow it; they drown the brokers (crossovers
 * and recruitment study them). Unless the filter names types, a setting
 * or an external network, brokers are ranked over community links: sets
 * that and returns true.
 */
bool cg_brokers_default_links(struct cg_net_filter *f);

/*
 * Crossovers. The network is built from the custody co-location types
 * the level needs (cell: same_cell; wing: and same_wing; establishment:
 * and same_establishment), added to the filter's types if it names some;
 * an external network has no custody to add. A pair gets the finest
 * level they shared, so a level lists that level and the finer ones.
 */
void cg_crossovers_types(struct cg_net_filter_spec *s, enum cg_custody_level level);

/*
 * Recruitment. Only custody-setting links count, so unless the filter
 * names types (or an external network) the network is built from
 * CG_RECRUIT_DEFAULT_TYPES only, made in custody unless the filter asks
 * for community links: sets that and returns true. same_wing is among
 * them although it is only on request elsewhere (it links everyone on a
 * wing to everyone else there).
 */
#define CG_RECRUIT_DEFAULT_TYPES "same_cell,same_wing,visit,call,shared_phone"
bool cg_recruitment_default_links(struct cg_net_filter_spec *s);

/* The CG_LEVEL_BIT()s of `level` and the finer levels. */
unsigned cg_crossovers_levels(enum cg_custody_level level);

/* Keeps only the crossovers with a member of `ocg` on either side (in
 * their order): a group's page lists its own. */
void cg_crossovers_keep_ocg(const struct cg_network *net, struct cg_crossover_result *r,
			    int64_t ocg);

/* ---- parameters of each analysis ---- */

/* `sample`: the sources asked for (0: none). */
void cg_brokers_params(struct cg_params *p, const struct cg_broker_result *r, bool default_links,
		       size_t sample, size_t top);
/* `found`: crossovers found; `shown`: how many are listed. */
void cg_crossovers_params(struct cg_params *p, enum cg_custody_level level,
			  const char *establishment, size_t found, size_t shown);
void cg_recruitment_params(struct cg_params *p, const struct cg_recruit_result *r,
			   bool default_links, size_t top);
/* `group` 0: the whole network was measured. */
void cg_disrupt_params(struct cg_params *p, const struct cg_disrupt_result *r, int64_t group,
		       bool neighbours, size_t k, size_t top);

#endif
