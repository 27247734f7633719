/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build.h - building the network a principal may see from the store
 * (graph layer).
 *
 * Nodes are active persons of whom the principal may see at least one
 * current source record in full. Links come from rows the principal may
 * see in full, between two such persons:
 *
 *   association kinds  family, associate, co_defendant, cell_mate, ... as
 *                      imported (record to record)
 *   shared_<object>    both persons used one object (a phone number, a
 *                      handset, a bank account, an address) through
 *                      associations or events; objects used by more than
 *                      CG_NET_OBJECT_FANOUT persons (switchboards, a
 *                      solicitor's number) link nobody and are counted
 *   visit, call, transaction
 *                      an event with both persons as parties
 *   same_cell, same_wing, same_establishment
 *                      custody stays that overlap in time; a pair gets the
 *                      finest level they shared; same_wing and
 *                      same_establishment only when asked for (everyone
 *                      on a wing shares it with hundreds over the years)
 *   intel_co_subject   two subjects of one intelligence report, with the
 *                      report's grading
 *
 * Every type has a default weight and a custody/community setting
 * (docs/network-analysis.md lists them); the filter can change weights.
 * A flag (CG_SEE_FLAG) is not a link. One audit entry records the
 * consultation: the filters, and how many nodes and links were returned.
 */
#ifndef CG_GRAPH_BUILD_H
#define CG_GRAPH_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "base/error.h"
#include "graph/network.h"

#define CG_NET_OBJECT_FANOUT 50

/* The largest weight a filter may give a link type: far above any default,
 * and small enough that sums over a million links stay exact in a double. */
#define CG_NET_WEIGHT_MAX 1000.0

/* True for a 3x5x2 grading "1A" .. "3E" (source evaluation 1-3, then
 * intelligence assessment A-E), as min_grading takes. */
bool cg_net_grading_valid(const char *g);

enum cg_net_setting {
	CG_NET_ANYWHERE,       /* custody and community links */
	CG_NET_CUSTODY_ONLY,   /* co-location, visits, calls from prison */
	CG_NET_COMMUNITY_ONLY, /* everything else */
};

struct cg_net_weight {
	const char *type;
	double weight;
};

struct cg_net_filter {
	const char *const *types;   /* link types to keep; ntypes 0: every type but
				     * same_wing and same_establishment */
	size_t ntypes;
	const char *from, *to;      /* window YYYY-MM-DD inclusive; NULL: open. A dated
				     * link counts when its days overlap the window; an
				     * undated one always counts (it cannot be placed) */
	const char *min_grading;    /* "2B": graded links need source evaluation <= 2
				     * and assessment <= B; ungraded rows (records of
				     * fact) pass. NULL: no minimum */
	const int64_t *agencies;    /* owner agencies of the rows kept; 0: all */
	size_t nagencies;
	const int64_t *ocgs;        /* only members of these OCGs (memberships the
				     * principal sees); 0: everyone */
	size_t nocgs;
	enum cg_net_setting setting;
	const struct cg_net_weight *weights; /* overrides of the default weights */
	size_t nweights;
	const char *network;        /* an imported external network by name instead of
				     * the store's persons (visibility: its label) */
};

/*
 * Builds the network ctx's principal may see under filter `f` (NULL: no
 * filter), finished, into *out; its description names the principal, the
 * date and every filter. Needs a justification (a consultation).
 * CG_INVALID names a bad filter value (unknown type, bad date, grading);
 * CG_NOT_FOUND for an OCG or external network the principal cannot see.
 * A message about a filter value begins with the filter's API parameter
 * name as graph/filter_parse.h spells it ("types: no link type 'x'",
 * "ocg: OCG 7 not found"), which cg_net_filter_build relies on.
 */
enum cg_status cg_net_build(struct cg_ctx *ctx, const struct cg_net_filter *f,
			    struct cg_network **out, struct cg_error *err);

#endif
