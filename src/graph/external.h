/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * external.h - external networks as networks to analyse (graph layer).
 *
 * An analyst imports a plain edge list (a seized phone's contacts, a
 * published case study) with `cg import --network NAME` (ingest/import.h,
 * docs/network-exchange.md). It is stored as one labelled network of
 * nodes known by key (with an optional label and group) and edges (two
 * keys, a positive weight, an optional date). These functions read such a
 * network back as a struct cg_network, so every analysis runs on it as on
 * the store's own network.
 *
 * Visibility: the network's label is the rule for all of it. A principal
 * who does not see it in full (cg_visibility) gets CG_NOT_FOUND, the same
 * answer as for a network that does not exist. Reading one is a
 * consultation: it needs a justification and writes an audit entry.
 */
#ifndef CG_GRAPH_EXTERNAL_H
#define CG_GRAPH_EXTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "base/error.h"
#include "graph/build.h"
#include "graph/network.h"

/* The one link type of an external network. */
#define CG_NET_EXTERNAL_TYPE "external"

/*
 * Builds the external network `name` into *out, finished. `name` is a
 * network's name, or "CODE/NAME" for agency CODE's network of that name
 * (needed only when several agencies' networks the principal sees share
 * the name; the principal's own agency's comes first otherwise).
 *
 * Nodes: every node of the network in import order, person_id 0, key the
 * external key, label and group as imported (NULL when none), no OCGs,
 * tier -1. Links: one per edge, type "external", origin CG_NET_EXTERNAL,
 * row_id the edge's row, from = to = its date (CG_NET_NO_DATE when none),
 * owner_agency_id 0, weight the imported weight times the type's weight.
 *
 * Filters that apply: the window (dated edges outside it are left out;
 * undated ones stay), types (only "external"), weights (a weight for
 * "external" scales every edge) and community-only (every external link
 * is a community link). The others (minimum grading, agencies, OCGs,
 * custody only) are CG_INVALID: an external network has no such data.
 * f may be NULL. The description names the network (owner, last import,
 * size), the principal, the date and the filters used.
 *
 * Errors: CG_INVALID (no justification, a filter that does not apply, a
 * bad date or weight, a name several agencies' networks share);
 * CG_NOT_FOUND (no network of that name the principal sees).
 */
enum cg_status cg_net_build_external(struct cg_ctx *ctx, const char *name,
				     const struct cg_net_filter *f, struct cg_network **out,
				     struct cg_error *err);

/* One external network as listed. */
struct cg_net_external {
	int64_t id;
	char *name;
	char *owner;          /* the owning agency's code */
	char *description;    /* "" when none */
	char *created_at, *updated_at;
	char *classification;
	char handling;        /* 'P' or 'C' */
	int64_t nodes, edges;
};

struct cg_net_external_list {
	struct cg_net_external *items;
	size_t len;
};

/*
 * The external networks ctx's principal sees in full, by owner code and
 * name, into *out (cg_net_external_list_release). A consultation: needs a
 * justification, writes one audit entry naming them.
 */
enum cg_status cg_net_external_list(struct cg_ctx *ctx, struct cg_net_external_list *out,
				    struct cg_error *err);
void cg_net_external_list_release(struct cg_net_external_list *l);

#endif
