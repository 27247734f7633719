/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess_run.c - scoring runs (risk layer): every person and group, or one
 * person, with the newest published policy; new assessments only where the
 * result changed; tier changes recorded. See assess.h.
 */
#include "risk/assess.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "model/label.h"
#include "risk/score.h"
#include "risk/snapshot.h"
#include "store/queries.h"
#include "base/banned.h"

#define FINGERPRINT_BYTES 16

/* The latest stored assessment of a person or group. */
struct latest {
	char fingerprint[FINGERPRINT_BYTES * 2 + 1]; /* "" when none */
	char tier[8];
};

struct run {
	struct cg_ctx *ctx;
	struct cg_policy policy;
	int64_t policy_id;
	struct risk_data data;
	struct latest *persons, *groups;
	char now[CG_TIMESTAMP_ISO_SIZE];
	const char *as_of;
	struct cg_risk_run *out;
};

static enum cg_status newest_policy(struct run *r, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(r->ctx->store, CG_Q_ASSESS_POLICY_NEWEST, &s, err);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row)
		rc = cg_fail(err, CG_NOT_FOUND,
			     "no risk policy is published yet (cg policy publish FILE)");
	if (rc == CG_OK) {
		const char *text = cg_stmt_text(s, 2);
		r->policy_id = cg_stmt_int64(s, 0);
		r->out->policy_version = cg_stmt_int64(s, 1);
		rc = cg_policy_parse(text, strlen(text), "published policy", &r->policy, err);
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status load_latest(struct run *r, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(r->ctx->store, CG_Q_ASSESS_LATEST, &s, err);

	r->persons = cg_xcalloc(r->data.npersons + 1, sizeof(*r->persons));
	r->groups = cg_xcalloc(r->data.nocgs + 1, sizeof(*r->groups));
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		bool person = !cg_stmt_is_null(s, 0);
		ptrdiff_t i = person ? risk_person_index(&r->data, cg_stmt_int64(s, 0))
				     : risk_ocg_index(&r->data, cg_stmt_int64(s, 1));
		struct latest *l;
		if (i < 0)
			continue;
		l = person ? &r->persons[i] : &r->groups[i];
		/* A result under another policy always differs. */
		if (cg_stmt_int64(s, 3) == r->policy_id)
			snprintf(l->fingerprint, sizeof(l->fingerprint), "%s", cg_stmt_text(s, 4));
		else
			snprintf(l->fingerprint, sizeof(l->fingerprint), "other policy");
		snprintf(l->tier, sizeof(l->tier), "%s", cg_stmt_text(s, 5));
	}
	cg_stmt_done(s);
	return rc;
}

/* BLAKE2b-128 of the result: tier, score and every item, in micro-points
 * so that equal results hash alike. */
static void fingerprint(const struct risk_result *res, double score, enum risk_tier tier,
			char hex[FINGERPRINT_BYTES * 2 + 1])
{
	crypto_generichash_state h;
	unsigned char out[FINGERPRINT_BYTES];
	int64_t head[2] = { (int64_t)tier, (int64_t)llround(score * 1e6) };

	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	crypto_generichash_update(&h, (const unsigned char *)head, sizeof(head));
	for (size_t k = 0; res && k < res->items.len; k++) {
		const struct risk_item *it = &res->items.items[k];
		int64_t v[4] = { it->factor, it->kind, it->id, (int64_t)llround(it->points * 1e6) };
		crypto_generichash_update(&h, (const unsigned char *)v, sizeof(v));
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, FINGERPRINT_BYTES * 2 + 1, out, sizeof(out));
}

static enum cg_status insert_factor(struct cg_store *st, int64_t assessment,
				    const char *factor, const struct risk_item *it,
				    struct cg_error *err)
{
	static const enum cg_query by_kind[] = {
		[RISK_EV_MEMBERSHIP] = CG_Q_ASSESS_FACTOR_MEMBERSHIP,
		[RISK_EV_OCG] = CG_Q_ASSESS_FACTOR_OCG,
		[RISK_EV_INTEL] = CG_Q_ASSESS_FACTOR_INTEL,
		[RISK_EV_EVENT] = CG_Q_ASSESS_FACTOR_EVENT,
		[RISK_EV_ASSOCIATION] = CG_Q_ASSESS_FACTOR_ASSOCIATION,
	};
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, by_kind[it->kind], &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, assessment);
		cg_stmt_bind_str(s, 2, factor);
		cg_stmt_bind_double(s, 3, it->points);
		cg_stmt_bind_int64(s, 4, it->id);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

/* Stores one assessment (person or group) when it differs from `last`. */
static enum cg_status store(struct run *r, int64_t person, int64_t ocg,
			    const struct risk_result *res, double score, enum risk_tier tier,
			    const struct latest *last, struct cg_error *err)
{
	char fp[FINGERPRINT_BYTES * 2 + 1];
	const char *tier_name = risk_tier_name(tier);
	struct cg_stmt *s = NULL;
	int64_t id;
	bool row;
	enum cg_status rc;

	fingerprint(res, score, tier, fp);
	if (strcmp(fp, last->fingerprint) == 0)
		return CG_OK;
	rc = cg_store_prepare_query(r->ctx->store, CG_Q_ASSESS_INSERT, &s, err);
	if (rc)
		return rc;
	if (person)
		cg_stmt_bind_int64(s, 1, person);
	else
		cg_stmt_bind_int64(s, 2, ocg);
	cg_stmt_bind_int64(s, 3, r->policy_id);
	cg_stmt_bind_double(s, 4, score);
	cg_stmt_bind_str(s, 5, tier_name);
	cg_stmt_bind_str(s, 6, r->now);
	cg_stmt_bind_str(s, 7, r->as_of);
	cg_stmt_bind_str(s, 8, fp);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	if (rc)
		return rc;
	id = cg_store_last_id(r->ctx->store);
	r->out->stored++;
	for (size_t k = 0; rc == CG_OK && res && k < res->items.len; k++)
		rc = insert_factor(r->ctx->store, id,
				   r->policy.factors[res->items.items[k].factor].name,
				   &res->items.items[k], err);
	/* A first assessment at low is no change worth an alert. */
	if (rc == CG_OK && strcmp(last->tier, tier_name) != 0 &&
	    (last->tier[0] || tier != RISK_LOW)) {
		rc = cg_store_prepare_query(r->ctx->store, CG_Q_ASSESS_TIER_CHANGE, &s, err);
		if (rc == CG_OK) {
			if (person)
				cg_stmt_bind_int64(s, 1, person);
			else
				cg_stmt_bind_int64(s, 2, ocg);
			cg_stmt_bind_int64(s, 3, id);
			cg_stmt_bind_str(s, 4, last->tier[0] ? last->tier : NULL);
			cg_stmt_bind_str(s, 5, tier_name);
			cg_stmt_bind_str(s, 6, r->now);
			rc = cg_stmt_step(s, &row, err);
		}
		cg_stmt_done(s);
		r->out->tier_changes++;
	}
	return rc;
}

/* Scores every group from its current members' scores. */
static enum cg_status score_groups(struct run *r, const double *scores, int32_t as_of,
				   struct cg_error *err)
{
	const struct risk_data *d = &r->data;
	size_t *count = cg_xcalloc(d->nocgs + 1, sizeof(*count));
	double **members = cg_xcalloc(d->nocgs + 1, sizeof(*members));
	enum cg_status rc = CG_OK;

	for (size_t i = 0; i < d->npersons; i++) {
		uint32_t seen[64];
		size_t nseen = 0;
		for (size_t k = d->mem_at[i]; k < d->mem_at[i + 1]; k++) {
			const struct risk_membership *m = &d->mem[k];
			bool dup = false;
			if (m->from > as_of || m->to < as_of)
				continue;
			for (size_t j = 0; j < nseen; j++)
				dup |= seen[j] == m->ocg;
			if (dup || nseen == 64)
				continue;
			seen[nseen++] = m->ocg;
			members[m->ocg] = cg_xrealloc(members[m->ocg],
						      (count[m->ocg] + 1) * sizeof(double));
			members[m->ocg][count[m->ocg]++] = scores[i];
		}
	}
	for (size_t g = 0; rc == CG_OK && g < d->nocgs; g++) {
		enum risk_tier band;
		double score = risk_score_group(&r->policy, &d->ocgs[g], members[g], count[g], &band);
		rc = store(r, 0, d->ocgs[g].id, NULL, score, band, &r->groups[g], err);
		r->out->groups++;
	}
	for (size_t g = 0; g < d->nocgs; g++)
		free(members[g]);
	free(members);
	free(count);
	return rc;
}

static enum cg_status score_people(struct run *r, int64_t person_id, int32_t as_of,
				   struct cg_error *err)
{
	struct risk_result res = { 0 };
	double *scores = cg_xcalloc(r->data.npersons + 1, sizeof(*scores));
	size_t from = 0, to = r->data.npersons;
	enum cg_status rc = CG_OK;

	if (person_id) {
		ptrdiff_t i = risk_person_index(&r->data, person_id);
		if (i < 0)
			rc = cg_fail(err, CG_NOT_FOUND, "person %lld not found", (long long)person_id);
		from = (size_t)(i < 0 ? 0 : i);
		to = i < 0 ? 0 : from + 1;
	}
	for (size_t i = from; rc == CG_OK && i < to; i++) {
		risk_score_person(&r->policy, &r->data, i, as_of, &res);
		scores[i] = res.score;
		r->out->persons++;
		*(res.tier == RISK_HIGH ? &r->out->high : res.tier == RISK_MEDIUM ? &r->out->medium
										 : &r->out->low) += 1;
		rc = store(r, r->data.person_ids[i], 0, &res, res.score, res.tier, &r->persons[i], err);
	}
	if (rc == CG_OK && !person_id)
		rc = score_groups(r, scores, as_of, err);
	risk_result_release(&res);
	free(scores);
	return rc;
}

enum cg_status cg_risk_score(struct cg_ctx *ctx, int64_t person_id, const char *as_of,
			     struct cg_risk_run *out, struct cg_error *err)
{
	struct run r = { .ctx = ctx, .as_of = as_of, .out = out };
	struct cg_audit_ref ref = { "person", person_id };
	char detail[128];
	struct cg_audit_event ev = { CG_AUDIT_COMBINATION, &ref, person_id ? 1 : 0, detail, NULL };
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_PIO | CG_ROLE_OFFICER |
					      CG_ROLE_SUPERVISOR | CG_ROLE_ADMIN,
				 "risk score", err);
	/* One person is scored to be looked at: a consultation, so the
	 * reason is asked before anything is computed and stored. */
	if (rc == CG_OK && person_id)
		rc = cg_ctx_require_justification(ctx, "risk score PERSON", err);
	if (rc == CG_OK)
		rc = cg_field_date("as of", as_of, true, err);
	if (rc == CG_OK && sodium_init() < 0)
		rc = cg_fail(err, CG_INTERNAL, "libsodium could not start");
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	cg_timestamp_format_iso(cg_now(), r.now);
	rc = newest_policy(&r, err);
	if (rc == CG_OK)
		rc = risk_snapshot_load(ctx->store, &r.policy, &r.data, err);
	if (rc == CG_OK)
		rc = load_latest(&r, err);
	if (rc == CG_OK)
		rc = score_people(&r, person_id, risk_day(as_of, 0), err);
	snprintf(detail, sizeof(detail), "risk score %s as of %s, policy version %lld",
		 person_id ? "one person" : "all", as_of, (long long)out->policy_version);
	rc = cg_audit_commit(ctx, &ev, rc, err);
	risk_data_release(&r.data);
	free(r.persons);
	free(r.groups);
	return rc;
}
