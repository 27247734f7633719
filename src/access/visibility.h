/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * visibility.h - the one rule that decides who sees what (access layer).
 *
 * Every intelligence-bearing row carries a label: owner agency,
 * classification, handling code and conditions, compartments, whether the
 * owner lets others know that something is held (flag contact), and whether
 * the row is restricted. cg_visibility() is the only place that turns a
 * principal and a label into an answer, and every query path in model/
 * passes through it. docs/security.md states the rule in prose; the matrix
 * test in tests/unit/test_visibility.c checks it exhaustively.
 */
#ifndef CG_ACCESS_VISIBILITY_H
#define CG_ACCESS_VISIBILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "access/principal.h"
#include "base/buf.h"

/* A row's trust columns; strings are borrowed from the row being checked. */
struct cg_label {
	int64_t owner_agency_id;
	enum cg_classification classification;
	char handling_code;              /* 'P' or 'C' */
	const char *handling_conditions; /* for C: "agency:CODE,type:TYPE,..."; NULL for P */
	const char *compartments;        /* sorted comma-separated codes; "" or NULL for none */
	const char *flag_contact;        /* NULL: the owner chose silence */
	bool restricted;                 /* kept, shown to nobody but the owner */
};

enum cg_visibility {
	CG_SEE_NOTHING, /* the row does not exist for this principal */
	CG_SEE_FLAG,    /* only "agency X holds further information — contact N" */
	CG_SEE_FULL,    /* the row's content */
};

/*
 * The rule (deny by default), in this order:
 *  1. The bootstrap principal sees nothing.
 *  2. A principal of the owner agency with the supervisor role sees the
 *     row in full, always, restricted or not.
 *  3. A restricted row is nothing to every other agency, not even a flag.
 *  4. Full when all hold: the clearance covers the classification; the
 *     handling admits the principal's agency (P admits every agency; C only
 *     the agencies and agency types its conditions name, and always the
 *     owner's own staff); the principal is in every compartment of the row.
 *  5. Otherwise a flag when the owner set a flag contact, else nothing.
 */
enum cg_visibility cg_visibility(const struct cg_principal *p, const struct cg_label *l);

/*
 * Validates and canonicalises handling conditions: a comma-separated list of
 * "agency:CODE" and "type:TYPE" items (TYPE as in trust.h), sorted, without
 * duplicates, appended to `out`. Empty lists are CG_INVALID: conditions
 * must name who may receive the row.
 */
enum cg_status cg_handling_conditions_canonical(const char *s, struct cg_buf *out,
						struct cg_error *err);

/*
 * Validates and canonicalises a compartment list: comma-separated codes of
 * [A-Z0-9_-] (upper-cased), sorted, without duplicates, appended to `out`.
 * "" is the empty list.
 */
enum cg_status cg_compartments_canonical(const char *s, struct cg_buf *out,
					 struct cg_error *err);

/*
 * Re-sharing can never widen what the owner allowed. True when `proposed`
 * is at least as narrow as `original` on every axis: same owner, no lower
 * classification, P only if the original was P, conditions a subset of the
 * original's, compartments a superset, restricted if the original was, and
 * a flag only if the original had one.
 */
bool cg_label_no_wider(const struct cg_label *proposed, const struct cg_label *original);

#endif
