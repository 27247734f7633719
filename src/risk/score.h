/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * score.h - the shared risk protocol applied to evidence (risk layer).
 *
 * Scoring is pure: it reads an in-memory snapshot of the evidence about
 * every person (built by snapshot.c from the store, or by hand in tests)
 * and a parsed policy, and computes each factor's points with the evidence
 * items that produced them. Nothing here reads the clock or the store, so
 * the same snapshot, policy and assessment date always give the same
 * result.
 *
 * Points of a factor: min(cap, weight x measure). Each evidence item gets
 * the share of the factor's points that its part of the measure makes up,
 * so a factor's items always add up to its points and the points of every
 * factor add up to the score. docs/risk-protocol.md states each measure.
 */
#ifndef CG_RISK_SCORE_H
#define CG_RISK_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/vec.h"
#include "risk/policy.h"

/* Undated: before every date / after every date. */
#define RISK_DAY_MIN INT32_MIN
#define RISK_DAY_MAX INT32_MAX

enum risk_tier { RISK_LOW, RISK_MEDIUM, RISK_HIGH };
const char *risk_tier_name(enum risk_tier t);

enum risk_role { RISK_PRINCIPAL, RISK_SIGNIFICANT, RISK_PERIPHERAL, RISK_ROLE_COUNT };

/* What an evidence item is; risk_evidence_table names its table. */
enum risk_evidence { RISK_EV_MEMBERSHIP, RISK_EV_OCG, RISK_EV_INTEL, RISK_EV_EVENT,
		     RISK_EV_ASSOCIATION };
const char *risk_evidence_table(enum risk_evidence e);

struct risk_membership {
	int64_t id;
	uint32_t ocg;         /* index into risk_data.ocgs */
	enum risk_role role;
	int32_t from, to;     /* days since 1970; RISK_DAY_MIN / MAX when open */
};

struct risk_intel {
	int64_t id;
	double weight;        /* grading weight under the policy */
	int32_t day;          /* the date the information relates to */
	uint32_t terms;       /* bit f: the text holds a term of factor f */
};

enum risk_event_kind { RISK_EVENT_RELEASE, RISK_EVENT_INCIDENT };

struct risk_event {
	int64_t id;
	enum risk_event_kind kind;
	int32_t day;
	uint32_t terms;       /* incidents: bit f: the category is a term of factor f */
};

struct risk_assoc {
	int64_t id;
	uint32_t other;       /* person index */
	int32_t day;          /* when it began; RISK_DAY_MIN when undated */
};

struct risk_ocg {
	int64_t id;
	/* bit i of acts[f]: the group has activity items[i] of factor f;
	 * acts[CG_POLICY_MAX_FACTORS]: of the [group] activities */
	uint32_t acts[CG_POLICY_MAX_FACTORS + 1];
};

/* Evidence per person, in compressed rows: person i's memberships are
 * mem[mem_at[i] .. mem_at[i + 1]), and so on. */
struct risk_data {
	size_t npersons;
	int64_t *person_ids;
	size_t *mem_at, *intel_at, *event_at, *assoc_at;
	struct risk_membership *mem;
	struct risk_intel *intel;
	struct risk_event *events;
	struct risk_assoc *assoc;
	size_t nocgs;
	struct risk_ocg *ocgs;
};

void risk_data_release(struct risk_data *d);

/* One evidence item's share of one factor. */
struct risk_item {
	uint32_t factor;      /* index into the policy's factors */
	enum risk_evidence kind;
	int64_t id;
	double points;
};

struct risk_result {
	double score;
	enum risk_tier tier;
	double points[CG_POLICY_MAX_FACTORS];
	CG_VEC(struct risk_item) items; /* by factor, then as found */
};

void risk_result_release(struct risk_result *r);

/* Scores person `i` of `d` as of day `as_of` (days since 1970). `out` is
 * reset first; its item vector is reused. */
void risk_score_person(const struct cg_policy *p, const struct risk_data *d, size_t i,
		       int32_t as_of, struct risk_result *out);

/* A group's score from its members' scores (`scores`, n of them, any
 * order; the array is sorted in place) and its activities. */
double risk_score_group(const struct cg_policy *p, const struct risk_ocg *g, double *scores,
			size_t n, enum risk_tier *band);

/* Bit f set for every intel_terms factor f of `p` one of whose terms
 * appears in `text` as whole words, case-folded (ASCII). */
uint32_t risk_text_terms(const struct cg_policy *p, enum cg_risk_measure m, const char *text);

#endif
