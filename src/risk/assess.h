/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess.h - risk assessments (risk layer): scoring persons and groups with
 * the newest published policy, showing an assessment to a viewer, its
 * history, and a supervisor's confirmation or override.
 *
 * The score is one shared assessment computed from all evidence not
 * restricted by its owner (snapshot.h). What a viewer sees of it follows
 * the visibility rule: factors list the evidence items the viewer may see;
 * the rest is summed as "restricted material", naming the owner agency
 * where the owner set a flag contact, and "another agency" where it chose
 * silence. A computed tier is a proposal until a supervisor confirms or
 * overrides it; both are shown side by side.
 */
#ifndef CG_RISK_ASSESS_H
#define CG_RISK_ASSESS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "access/context.h"

/* What a scoring run did. */
struct cg_risk_run {
	int64_t policy_version;
	int64_t persons;       /* persons scored */
	int64_t stored;        /* new assessments (result differed from the last) */
	int64_t tier_changes;  /* of persons and groups */
	int64_t high, medium, low; /* persons by computed tier */
	int64_t groups;        /* groups scored (full runs only) */
};

/*
 * Scores every active person and every group (person_id 0), or one person,
 * as of `as_of` (YYYY-MM-DD), with the newest published policy, in one
 * transaction. A new assessment is stored only where the result (policy,
 * score, tier, factors and evidence) differs from the latest; a change of
 * tier is recorded as a tier change. One "combination" audit entry.
 * Scoring one person is done to look at the result, so it needs a
 * justification (CG_INVALID without one), as cg_risk_show does.
 */
enum cg_status cg_risk_score(struct cg_ctx *ctx, int64_t person_id, const char *as_of,
			     struct cg_risk_run *out, struct cg_error *err);

struct cg_risk_evidence {
	char kind[16];        /* membership, ocg, intel_report, event, association */
	int64_t id;
	double points;
};

struct cg_risk_factor {
	char *name;
	char *description;
	double points;        /* the whole factor's points */
	struct cg_risk_evidence *seen; /* the items the viewer may see */
	size_t nseen;
	double hidden_points; /* resting on material the viewer may not see */
	char *hidden_owners;  /* "WMP, another agency" or "" */
};

struct cg_risk_view {
	int64_t assessment_id, person_id, policy_version;
	char policy_hash[65];
	double score;
	char tier[8];                 /* computed: a proposal until confirmed */
	char *computed_at, *as_of;
	char *confirmed_tier;         /* "" until a supervisor decides */
	char *confirmed_by, *confirmed_reason, *confirmed_at;
	int management_level;         /* 0 unset, else 1..3 */
	char *management_reason;
	struct cg_risk_factor *factors;
	size_t nfactors;
};

void cg_risk_view_release(struct cg_risk_view *v);
json_t *cg_risk_view_json(const struct cg_risk_view *v);

/* The effective tier: the confirmed one when a supervisor decided, else
 * the computed proposal. */
const char *cg_risk_effective_tier(const struct cg_risk_view *v);

/*
 * Consultation of person `person_id`'s latest assessment (justification
 * required): CG_NOT_FOUND when the person has none or the viewer may see
 * none of the person's records.
 */
enum cg_status cg_risk_show(struct cg_ctx *ctx, int64_t person_id, struct cg_risk_view *out,
			    struct cg_error *err);

/* The person's assessments, newest first, factors left empty
 * (consultation, as cg_risk_show). */
enum cg_status cg_risk_history(struct cg_ctx *ctx, int64_t person_id,
			       struct cg_risk_view **out, size_t *n, struct cg_error *err);

/*
 * A supervisor confirms (tier equal to the computed one) or overrides the
 * latest assessment's tier, with a reason; and may set the management
 * level (1..3, 0 to leave it), which needs an effective tier of high. One
 * "alteration" entry.
 */
enum cg_status cg_risk_confirm(struct cg_ctx *ctx, int64_t person_id, const char *tier,
			       int level, const char *reason, struct cg_error *err);

#endif
