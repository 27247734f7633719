/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * policy.h - the shared risk protocol as a file, parsed and validated
 * (risk layer).
 *
 * One human-readable text file, the same for every agency, says how a
 * person's risk is scored: which factors count, how much each weighs, its
 * cap and its time window, how intelligence grading discounts a report,
 * and the thresholds that turn a score into a tier. docs/risk-protocol.md
 * explains the format and the default policy (policy/default.policy)
 * factor by factor.
 *
 * Format: '#' starts a comment (anywhere on a line); blank lines are
 * ignored; `key = value` lines; sections in brackets:
 *
 *   name = Common Ground shared OCG risk protocol   (required, top of file)
 *
 *   [tiers]            high = N, medium = N (0 < medium < high): a score
 *                      >= high is high, >= medium is medium, else low
 *   [grading]          source.1..3 and assessment.A..E, each 0..1: an
 *                      intelligence report counts as source x assessment;
 *                      assessment.E must be 0 (suspected false counts for
 *                      nothing)
 *   [factor NAME]      NAME [a-z0-9_]+, unique; keys:
 *                        measure = one of enum cg_risk_measure's names
 *                        weight  = N >= 0   points per unit of the measure
 *                        cap     = N > 0    most points the factor gives
 *                        window  = days >= 0 (0: no time limit);
 *                                  refused for ocg_role and ocg_activity,
 *                                  required for the others (release: > 0)
 *                        values  = k:N, k:N  (ocg_role: principal,
 *                                  significant, peripheral; ocg_activity:
 *                                  activity names) required for those two
 *                        terms   = word, word  (intel_terms and
 *                                  custody_incidents) required for those;
 *                                  intel_terms: words of [a-z0-9], single
 *                                  spaces in a phrase ("county line");
 *                                  custody_incidents: [a-z0-9_]+ names
 *                        description = text (required: shown with scores)
 *   [group]            how an OCG's own score is formed:
 *                        top_members = N >= 1  the group score starts from
 *                                  the mean of its N highest member scores
 *                        activities = k:N, ...  points per activity
 *                        activity_cap = N > 0
 *                        high = N, medium = N   the group's bands
 *
 * Numbers are decimal (digits, optional '.' and digits); no sign, no
 * exponent. Every error names the line and the reason.
 */
#ifndef CG_RISK_POLICY_H
#define CG_RISK_POLICY_H

#include <stddef.h>

#include "base/error.h"

#define CG_POLICY_MAX_FACTORS 32
#define CG_POLICY_MAX_ITEMS 32 /* values or terms per factor */
#define CG_POLICY_NAME_MAX 64
#define CG_POLICY_MAX_BYTES (256 * 1024) /* largest policy file accepted */

/* What a factor measures about a person, before weight and cap. */
enum cg_risk_measure {
	/* the highest value among the person's current OCG roles */
	CG_MEASURE_OCG_ROLE,
	/* the sum of the values of the distinct activities of the person's OCGs */
	CG_MEASURE_OCG_ACTIVITY,
	/* approved reports about the person within the window whose text holds
	 * one of the terms (whole words, case-folded), each counted at its
	 * grading weight */
	CG_MEASURE_INTEL_TERMS,
	/* approved reports about the person within the window, each at its
	 * grading weight */
	CG_MEASURE_INTEL_VOLUME,
	/* custody incidents (events of kind incident) within the window whose
	 * category is one of the terms */
	CG_MEASURE_CUSTODY_INCIDENTS,
	/* distinct OCGs, other than the person's own, that their associates
	 * within the window belong to */
	CG_MEASURE_OCG_LINKS,
	/* distinct pairs of different OCGs among the person's own and their
	 * associates' groups: the person is a path between them */
	CG_MEASURE_BROKERAGE,
	/* associates who became members of one of the person's OCGs, in a role
	 * below the person's, after the association began, within the window */
	CG_MEASURE_RECRUITMENT,
	/* 1 when the person was released from custody within the window before
	 * the assessment date, or is due for release within the window after it */
	CG_MEASURE_RELEASE,
	CG_MEASURE_COUNT
};

/* "ocg_role", "intel_terms", ... as written in policy files. */
const char *cg_risk_measure_name(enum cg_risk_measure m);

struct cg_policy_item {
	char key[CG_POLICY_NAME_MAX]; /* a role, an activity or a term */
	double value;                 /* for values lists; 1 for terms */
};

struct cg_policy_factor {
	char name[CG_POLICY_NAME_MAX];
	char description[256];
	enum cg_risk_measure measure;
	double weight;
	double cap;
	int window_days;              /* 0: no time limit */
	struct cg_policy_item items[CG_POLICY_MAX_ITEMS]; /* values or terms */
	size_t nitems;
	int line;                     /* where the factor's section starts */
};

struct cg_policy {
	char name[128];
	double tier_high, tier_medium;
	double source_weight[3];      /* source evaluation 1, 2, 3 */
	double assessment_weight[5];  /* intelligence assessment A..E */
	struct cg_policy_factor factors[CG_POLICY_MAX_FACTORS];
	size_t nfactors;              /* in file order; scoring follows it */
	int group_top_members;
	struct cg_policy_item group_activities[CG_POLICY_MAX_ITEMS];
	size_t ngroup_activities;
	double group_activity_cap;
	double group_high, group_medium;
};

/*
 * Parses and validates policy text (`len` bytes, need not be
 * NUL-terminated). `origin` names the file in messages. On failure returns
 * CG_INVALID with err's message "ORIGIN:LINE: reason" for the first error
 * found, and *out is unspecified.
 */
enum cg_status cg_policy_parse(const char *text, size_t len, const char *origin,
			       struct cg_policy *out, struct cg_error *err);

/* The content hash of policy text: BLAKE2b-256 of the exact bytes, as 64
 * lowercase hex digits plus NUL. */
void cg_policy_hash(const char *text, size_t len, char hex[65]);

/* The grading weight of a report: source x assessment (0 for bad input). */
double cg_policy_grading_weight(const struct cg_policy *p, char source_evaluation,
				char intel_assessment);

/*
 * The default policy (policy/default.policy, compiled into the binary):
 * static text, NUL-terminated; *len (may be NULL) receives its length
 * without the NUL. `cg demo` publishes it.
 */
const char *cg_policy_default(size_t *len);

/*
 * Reads a policy file of at most CG_POLICY_MAX_BYTES into *text (allocated,
 * NUL-terminated, the caller frees it) and its length into *len. CG_IO when
 * it cannot be opened or read, CG_LIMIT when it is larger; the message
 * names the path. Does not parse.
 */
enum cg_status cg_policy_read_file(const char *path, char **text, size_t *len,
				   struct cg_error *err);

#endif
