/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess_view.c - showing assessments to a viewer, their history, and a
 * supervisor's confirmation, override and management level (risk layer).
 * See assess.h.
 */
#include "risk/assess.h"

#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/date.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "model/label.h"
#include "risk/policy.h"
#include "risk/policy_store.h"
#include "store/queries.h"
#include "base/banned.h"

#define REASON_MAX 1000

/* Columns of ASSESS_HISTORY. */
enum { H_ID, H_VERSION, H_HASH, H_SCORE, H_TIER, H_COMPUTED, H_AS_OF, H_CONF_TIER,
       H_CONF_BY, H_CONF_REASON, H_CONF_AT, H_LEVEL, H_LEVEL_REASON };

void cg_risk_view_release(struct cg_risk_view *v)
{
	for (size_t i = 0; i < v->nfactors; i++) {
		free(v->factors[i].name);
		free(v->factors[i].description);
		free(v->factors[i].seen);
		free(v->factors[i].hidden_owners);
	}
	free(v->factors);
	free(v->computed_at);
	free(v->as_of);
	free(v->confirmed_tier);
	free(v->confirmed_by);
	free(v->confirmed_reason);
	free(v->confirmed_at);
	free(v->management_reason);
	memset(v, 0, sizeof(*v));
}

const char *cg_risk_effective_tier(const struct cg_risk_view *v)
{
	return v->confirmed_tier && v->confirmed_tier[0] ? v->confirmed_tier : v->tier;
}

json_t *cg_risk_view_json(const struct cg_risk_view *v)
{
	json_t *factors = json_array();
	for (size_t i = 0; i < v->nfactors; i++) {
		const struct cg_risk_factor *f = &v->factors[i];
		json_t *seen = json_array();
		for (size_t k = 0; k < f->nseen; k++)
			json_array_append_new(seen, json_pack("{s:s, s:I, s:f}", "kind", f->seen[k].kind,
							      "id", (json_int_t)f->seen[k].id, "points",
							      f->seen[k].points));
		json_array_append_new(factors,
				      json_pack("{s:s, s:s, s:f, s:o, s:f, s:s}", "factor", f->name,
						"description", f->description, "points", f->points,
						"evidence", seen, "restricted_points", f->hidden_points,
						"restricted_owners", f->hidden_owners));
	}
	return json_pack("{s:I, s:I, s:I, s:s, s:f, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
			 " s:i, s:s, s:o}",
			 "assessment", (json_int_t)v->assessment_id, "person",
			 (json_int_t)v->person_id, "policy_version", (json_int_t)v->policy_version,
			 "policy_hash", v->policy_hash, "score", v->score, "computed_tier", v->tier,
			 "tier", cg_risk_effective_tier(v), "computed_at", v->computed_at, "as_of",
			 v->as_of, "confirmed_tier", v->confirmed_tier, "confirmed_by",
			 v->confirmed_by, "confirmed_reason", v->confirmed_reason, "confirmed_at",
			 v->confirmed_at, "management_level", v->management_level,
			 "management_reason", v->management_reason, "factors", factors);
}

/* The viewer must see at least one of the person's records in full: a
 * person they cannot see has no assessment for them either. */
static enum cg_status check_person_visible(struct cg_ctx *ctx, int64_t person,
					   struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, seen = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_ASSESS_PERSON_LABELS, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, person);
	while (rc == CG_OK && !seen && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_label label;
		rc = cg_label_read(s, 0, &label, err);
		seen = rc == CG_OK && cg_visibility(&ctx->who, &label) == CG_SEE_FULL;
	}
	cg_stmt_done(s);
	if (rc == CG_OK && !seen)
		rc = cg_fail(err, CG_NOT_FOUND, "no risk assessment of person %lld", (long long)person);
	return rc;
}

static void row_view(struct cg_stmt *s, int64_t person, struct cg_risk_view *v)
{
	memset(v, 0, sizeof(*v));
	v->assessment_id = cg_stmt_int64(s, H_ID);
	v->person_id = person;
	v->policy_version = cg_stmt_int64(s, H_VERSION);
	snprintf(v->policy_hash, sizeof(v->policy_hash), "%s", cg_stmt_text(s, H_HASH));
	v->score = cg_stmt_double(s, H_SCORE);
	snprintf(v->tier, sizeof(v->tier), "%s", cg_stmt_text(s, H_TIER));
	v->computed_at = cg_xstrdup(cg_stmt_text(s, H_COMPUTED));
	v->as_of = cg_xstrdup(cg_stmt_text(s, H_AS_OF));
	v->confirmed_tier = cg_xstrdup(cg_stmt_text(s, H_CONF_TIER));
	v->confirmed_by = cg_xstrdup(cg_stmt_text(s, H_CONF_BY));
	v->confirmed_reason = cg_xstrdup(cg_stmt_text(s, H_CONF_REASON));
	v->confirmed_at = cg_xstrdup(cg_stmt_text(s, H_CONF_AT));
	v->management_level = (int)cg_stmt_int64(s, H_LEVEL);
	v->management_reason = cg_xstrdup(cg_stmt_text(s, H_LEVEL_REASON));
}

typedef CG_VEC(struct cg_risk_view) view_vec;

/* Every assessment of the person, newest first (at most `max`). */
static enum cg_status load_history(struct cg_ctx *ctx, int64_t person, size_t max,
				   view_vec *out, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_ASSESS_HISTORY, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, person);
	while (rc == CG_OK && out->len < max && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_risk_view v;
		row_view(s, person, &v);
		cg_vec_push(out, v);
	}
	cg_stmt_done(s);
	if (rc == CG_OK && out->len == 0)
		rc = cg_fail(err, CG_NOT_FOUND, "no risk assessment of person %lld", (long long)person);
	return rc;
}

static struct cg_risk_factor *factor_named(struct cg_risk_view *v, const char *name,
					   const struct cg_policy *p)
{
	struct cg_risk_factor *f;
	if (v->nfactors && strcmp(v->factors[v->nfactors - 1].name, name) == 0)
		return &v->factors[v->nfactors - 1];
	v->factors = cg_xrealloc(v->factors, (v->nfactors + 1) * sizeof(*v->factors));
	f = &v->factors[v->nfactors++];
	memset(f, 0, sizeof(*f));
	f->name = cg_xstrdup(name);
	f->hidden_owners = cg_xstrdup("");
	for (size_t i = 0; p && i < p->nfactors; i++)
		if (strcmp(p->factors[i].name, name) == 0)
			f->description = cg_xstrdup(p->factors[i].description);
	if (!f->description)
		f->description = cg_xstrdup("");
	return f;
}

/* Adds `owner` to the factor's list of owners of hidden evidence. */
static void note_owner(struct cg_risk_factor *f, const char *owner)
{
	size_t n = strlen(f->hidden_owners), m = strlen(owner);
	char *p = strstr(f->hidden_owners, owner);
	if (p && (p[m] == '\0' || p[m] == ','))
		return;
	f->hidden_owners = cg_xrealloc(f->hidden_owners, n + m + 3);
	snprintf(f->hidden_owners + n, m + 3, "%s%s", n ? ", " : "", owner);
}

/* Loads the factors of v, splitting each factor's evidence into what the
 * viewer may see and what rests on material they may not. */
static enum cg_status load_factors(struct cg_ctx *ctx, struct cg_risk_view *v,
				   const struct cg_policy *p, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_flags owners = { 0 };
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_ASSESS_FACTORS, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, v->assessment_id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_risk_factor *f = factor_named(v, cg_stmt_text(s, 0), p);
		double points = cg_stmt_double(s, 1);
		struct cg_label label;
		enum cg_visibility vis;
		f->points += points;
		rc = cg_label_read(s, 4, &label, err);
		if (rc)
			break;
		vis = cg_visibility(&ctx->who, &label);
		if (vis == CG_SEE_FULL) {
			f->seen = cg_xrealloc(f->seen, (f->nseen + 1) * sizeof(*f->seen));
			snprintf(f->seen[f->nseen].kind, sizeof(f->seen[f->nseen].kind), "%s",
				 cg_stmt_text(s, 2));
			f->seen[f->nseen].id = cg_stmt_int64(s, 3);
			f->seen[f->nseen++].points = points;
			continue;
		}
		f->hidden_points += points;
		/* The owner is named only where it chose to be contactable. */
		if (vis == CG_SEE_FLAG) {
			rc = cg_flags_note(ctx->store, &owners, label.owner_agency_id,
					   label.flag_contact, err);
			for (size_t k = 0; rc == CG_OK && k < owners.owners.len; k++)
				if (owners.owners.items[k] == label.owner_agency_id)
					note_owner(f, owners.items.items[k].agency_code);
		} else {
			note_owner(f, "another agency");
		}
	}
	cg_stmt_done(s);
	cg_flags_release(&owners);
	return rc;
}

/* Consultation entry naming the assessment and the evidence shown. */
static enum cg_status audit_view(struct cg_ctx *ctx, const struct cg_risk_view *v, size_t n,
				 const char *detail, struct cg_error *err)
{
	CG_VEC(struct cg_audit_ref) refs = CG_VEC_INIT;
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, NULL, 0, detail, NULL };
	enum cg_status rc;
	for (size_t i = 0; i < n; i++) {
		cg_vec_push(&refs, ((struct cg_audit_ref){ "risk_assessment", v[i].assessment_id }));
		for (size_t f = 0; f < v[i].nfactors; f++)
			for (size_t k = 0; k < v[i].factors[f].nseen; k++)
				cg_vec_push(&refs, ((struct cg_audit_ref){ v[i].factors[f].seen[k].kind,
									  v[i].factors[f].seen[k].id }));
	}
	ev.records = refs.items;
	ev.nrecords = refs.len;
	rc = cg_audit_append(ctx, &ev, NULL, err);
	cg_vec_release(&refs);
	return rc;
}

enum cg_status cg_risk_show(struct cg_ctx *ctx, int64_t person_id, struct cg_risk_view *out,
			    struct cg_error *err)
{
	view_vec views = CG_VEC_INIT;
	struct cg_policy policy;
	char *text = NULL, detail[64];
	size_t len = 0;
	bool parsed = false;
	enum cg_status rc = cg_ctx_require_justification(ctx, "risk show", err);

	memset(out, 0, sizeof(*out));
	if (rc == CG_OK)
		rc = check_person_visible(ctx, person_id, err);
	if (rc == CG_OK)
		rc = load_history(ctx, person_id, 1, &views, err);
	/* Factor descriptions come from the version that scored it. */
	if (rc == CG_OK &&
	    cg_policy_get(ctx, views.items[0].policy_version, &(struct cg_policy_version){ 0 },
			  &text, &len, NULL) == CG_OK)
		parsed = cg_policy_parse(text, len, "policy", &policy, NULL) == CG_OK;
	free(text);
	if (rc == CG_OK)
		rc = load_factors(ctx, &views.items[0], parsed ? &policy : NULL, err);
	snprintf(detail, sizeof(detail), "risk show person %lld", (long long)person_id);
	if (rc == CG_OK)
		rc = audit_view(ctx, views.items, 1, detail, err);
	if (rc == CG_OK) {
		*out = views.items[0];
		views.len = 0;
	}
	for (size_t i = 0; i < views.len; i++)
		cg_risk_view_release(&views.items[i]);
	cg_vec_release(&views);
	return rc;
}

enum cg_status cg_risk_history(struct cg_ctx *ctx, int64_t person_id,
			       struct cg_risk_view **out, size_t *n, struct cg_error *err)
{
	view_vec views = CG_VEC_INIT;
	char detail[64];
	enum cg_status rc = cg_ctx_require_justification(ctx, "risk history", err);

	*out = NULL;
	*n = 0;
	if (rc == CG_OK)
		rc = check_person_visible(ctx, person_id, err);
	if (rc == CG_OK)
		rc = load_history(ctx, person_id, SIZE_MAX, &views, err);
	snprintf(detail, sizeof(detail), "risk history person %lld", (long long)person_id);
	if (rc == CG_OK)
		rc = audit_view(ctx, views.items, views.len, detail, err);
	if (rc == CG_OK) {
		*out = views.items;
		*n = views.len;
		return CG_OK;
	}
	for (size_t i = 0; i < views.len; i++)
		cg_risk_view_release(&views.items[i]);
	cg_vec_release(&views);
	return rc;
}

/* Records the supervisor's tier on assessment `id`. */
static enum cg_status set_confirmed(struct cg_ctx *ctx, int64_t id, const char *tier,
				    const char *reason, const char *now, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_ASSESS_CONFIRM, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		cg_stmt_bind_str(s, 2, tier);
		cg_stmt_bind_int64(s, 3, ctx->who.user_id);
		cg_stmt_bind_str(s, 4, reason);
		cg_stmt_bind_str(s, 5, now);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

/* Records the management level on assessment `id`. */
static enum cg_status set_level(struct cg_store *st, int64_t id, int level, const char *reason,
				struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_ASSESS_LEVEL, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		cg_stmt_bind_int64(s, 2, level);
		cg_stmt_bind_str(s, 3, reason);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_risk_confirm(struct cg_ctx *ctx, int64_t person_id, const char *tier,
			       int level, const char *reason, struct cg_error *err)
{
	static const char *const tiers[] = { "high", "medium", "low", NULL };
	view_vec views = CG_VEC_INIT;
	char now[CG_TIMESTAMP_ISO_SIZE], detail[96];
	struct cg_audit_ref ref = { "risk_assessment", 0 };
	struct cg_audit_event ev = { CG_AUDIT_ALTERATION, &ref, 1, detail, NULL };
	enum cg_status rc = cg_ctx_require_role(ctx, CG_ROLE_SUPERVISOR, "risk confirm", err);

	if (rc == CG_OK && tier)
		rc = cg_field_one_of("tier", tier, tiers, err);
	if (rc == CG_OK && (level < 0 || level > 3))
		rc = cg_fail(err, CG_INVALID, "management level: 1, 2 or 3");
	if (rc == CG_OK && !tier && !level)
		rc = cg_fail(err, CG_INVALID, "give a tier, a management level or both");
	if (rc == CG_OK)
		rc = cg_field_text("reason", reason, true, REASON_MAX, err);
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	rc = check_person_visible(ctx, person_id, err);
	if (rc == CG_OK)
		rc = load_history(ctx, person_id, 1, &views, err);
	cg_timestamp_format_iso(cg_now(), now);
	if (rc == CG_OK) {
		struct cg_risk_view *v = &views.items[0];
		const char *effective = tier ? tier : cg_risk_effective_tier(v);
		ref.id = v->assessment_id;
		/* Joint management levels are for high-risk nominals (MAPPA-like). */
		if (level && strcmp(effective, "high") != 0)
			rc = cg_fail(err, CG_INVALID,
				     "management level: only for a high-risk nominal (tier is %s)",
				     effective);
		if (rc == CG_OK && tier)
			rc = set_confirmed(ctx, v->assessment_id, tier, reason, now, err);
		if (rc == CG_OK && level)
			rc = set_level(ctx->store, v->assessment_id, level, reason, err);
		snprintf(detail, sizeof(detail), "risk %s person %lld%s%s%s",
			 !tier ? "level" : strcmp(tier, v->tier) == 0 ? "confirm" : "override",
			 (long long)person_id, tier ? " tier " : "", tier ? tier : "",
			 level ? " level set" : "");
	}
	rc = cg_audit_commit(ctx, &ev, rc, err);
	for (size_t i = 0; i < views.len; i++)
		cg_risk_view_release(&views.items[i]);
	cg_vec_release(&views);
	return rc;
}
