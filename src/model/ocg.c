/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocg.c - reading organised crime groups through the trust layer (model
 * layer): list and show with memberships, flags and the latest risk
 * assessment. See ocg.h for the contract; ocg_change.c holds creation,
 * membership and merging.
 *
 * As intel.c: gather candidate rows, keep those the principal may see
 * (noting contactable owners of the ones they may not), write one audit
 * entry naming what was kept, then hand it over.
 */
#include "model/ocg.h"

#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "model/intel_internal.h"
#include "model/ocg_internal.h"
#include "store/queries.h"
#include "base/banned.h"

static void membership_release(struct cg_membership *m)
{
	free(m->role);
	free(m->valid_from);
	free(m->valid_to);
	free(m->owner_agency);
	free(m->evidence);
	memset(m, 0, sizeof(*m));
}

void cg_ocg_release(struct cg_ocg *o)
{
	char **strings[] = { &o->name, &o->geography, &o->status, &o->created_at,
			     &o->owner_agency, &o->classification, &o->handling_code,
			     &o->handling_conditions, &o->compartments, &o->risk_tier,
			     &o->risk_at };
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(*strings[i]);
	json_decref(o->aliases);
	json_decref(o->activities);
	for (size_t i = 0; i < o->nmembers; i++)
		membership_release(&o->members[i]);
	free(o->members);
	for (size_t i = 0; i < o->nflags; i++)
		cg_flag_release(&o->flags[i]);
	free(o->flags);
	memset(o, 0, sizeof(*o));
}

void cg_ocg_set_release(struct cg_ocg_set *set)
{
	for (size_t i = 0; i < set->nocgs; i++)
		cg_ocg_release(&set->ocgs[i]);
	for (size_t i = 0; i < set->nflags; i++)
		cg_flag_release(&set->flags[i]);
	free(set->ocgs);
	free(set->flags);
	memset(set, 0, sizeof(*set));
}

static json_t *flags_json(const struct cg_flag *flags, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "agency",
						     flags[i].agency_code, "agency_name",
						     flags[i].agency_name, "contact", flags[i].contact));
	return arr;
}

json_t *cg_ocg_json(const struct cg_ocg *o)
{
	json_t *j = json_pack("{s:I, s:s, s:O, s:O, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			      "id", (json_int_t)o->id, "name", o->name, "aliases", o->aliases,
			      "activities", o->activities, "geography", o->geography, "status",
			      o->status, "created_at", o->created_at, "owner_agency",
			      o->owner_agency, "classification", o->classification,
			      "handling_code", o->handling_code, "handling_conditions",
			      o->handling_conditions, "compartments", o->compartments);
	json_t *members = json_array();

	json_object_set_new(j, "merged_into",
			    o->merged_into ? json_integer(o->merged_into) : json_null());
	for (size_t i = 0; i < o->nmembers; i++) {
		const struct cg_membership *m = &o->members[i];
		json_t *ev = json_array();
		for (size_t k = 0; k < m->nevidence; k++)
			json_array_append_new(ev, json_integer(m->evidence[k]));
		json_array_append_new(
			members,
			json_pack("{s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)m->id,
				  "person", m->person_id ? json_integer(m->person_id) : json_null(),
				  "record", m->record_id ? json_integer(m->record_id) : json_null(),
				  "role", m->role, "valid_from", m->valid_from, "valid_to",
				  m->valid_to, "owner_agency", m->owner_agency, "evidence", ev));
	}
	json_object_set_new(j, "members", members);
	json_object_set_new(j, "flags", flags_json(o->flags, o->nflags));
	json_object_set_new(j, "risk",
			    o->has_risk ? json_pack("{s:f, s:s, s:s}", "score", o->risk_score,
						    "tier", o->risk_tier, "computed_at", o->risk_at)
					: json_null());
	return j;
}

/* A JSON array of strings from a column; anything else (imports leave
 * aliases empty) is an empty array. */
static json_t *names_column(struct cg_stmt *s, int col)
{
	json_t *j = json_loads(cg_stmt_text(s, col), 0, NULL);
	if (!json_is_array(j)) {
		json_decref(j);
		j = json_array();
	}
	return j;
}

static void row_ocg(struct cg_stmt *s, struct cg_ocg *o)
{
	memset(o, 0, sizeof(*o));
	o->id = cg_stmt_int64(s, OC_ID);
	o->name = cg_xstrdup(cg_stmt_text(s, OC_NAME));
	o->aliases = names_column(s, OC_ALIASES);
	o->activities = names_column(s, OC_ACTIVITIES);
	o->geography = cg_xstrdup(cg_stmt_text(s, OC_GEOGRAPHY));
	o->status = cg_xstrdup(cg_stmt_text(s, OC_STATUS));
	o->merged_into = cg_stmt_int64(s, OC_MERGED_INTO);
	o->created_at = cg_xstrdup(cg_stmt_text(s, OC_CREATED_AT));
	o->owner_agency = cg_xstrdup(cg_stmt_text(s, OC_OWNER_CODE));
	o->classification = cg_xstrdup(cg_stmt_text(s, OC_LABEL + 1));
	o->handling_code = cg_xstrdup(cg_stmt_text(s, OC_LABEL + 2));
	o->handling_conditions = cg_xstrdup(cg_stmt_text(s, OC_LABEL + 3));
	o->compartments = cg_xstrdup(cg_stmt_text(s, OC_LABEL + 4));
	o->risk_tier = cg_xstrdup("");
	o->risk_at = cg_xstrdup("");
}

typedef CG_VEC(struct cg_ocg) ocg_vec;

struct gather {
	ocg_vec ocgs;
	struct cg_flags flags;
	bool want_flags;
};

static void gather_release(struct gather *g)
{
	for (size_t i = 0; i < g->ocgs.len; i++)
		cg_ocg_release(&g->ocgs.items[i]);
	cg_vec_release(&g->ocgs);
	cg_flags_release(&g->flags);
}

static enum cg_status consider_row(struct cg_ctx *ctx, struct cg_stmt *s, struct gather *g,
				   struct cg_error *err)
{
	struct cg_label label;
	struct cg_ocg o;
	enum cg_visibility v;
	enum cg_status rc = cg_label_read(s, OC_LABEL, &label, err);

	if (rc)
		return rc;
	v = cg_visibility(&ctx->who, &label);
	if (v == CG_SEE_FLAG && g->want_flags)
		return cg_flags_note(ctx->store, &g->flags, label.owner_agency_id,
				     label.flag_contact, err);
	if (v != CG_SEE_FULL)
		return CG_OK;
	row_ocg(s, &o);
	cg_vec_push(&g->ocgs, o);
	return CG_OK;
}

enum cg_status ocg_report_visible(struct cg_ctx *ctx, int64_t id, bool *visible,
				  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_label label;
	enum intel_view view = INTEL_VIEW_NONE;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_BY_ID, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = intel_view(&ctx->who, s, &view, &label, err);
	cg_stmt_done(s);
	*visible = view == INTEL_VIEW_FULL || view == INTEL_VIEW_SANITISED;
	return rc;
}

/* The supporting reports of membership m that the principal may see. */
static enum cg_status load_evidence(struct cg_ctx *ctx, struct cg_membership *m,
				    struct cg_error *err)
{
	CG_VEC(int64_t) ids = { 0 };
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_MEMBERSHIP_EVIDENCE_LIST, &s,
						   err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, m->id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		cg_vec_push(&ids, cg_stmt_int64(s, 0));
	cg_stmt_done(s);
	for (size_t i = 0; rc == CG_OK && i < ids.len; i++) {
		bool visible = false;
		rc = ocg_report_visible(ctx, ids.items[i], &visible, err);
		if (rc == CG_OK && visible) {
			m->evidence = cg_xrealloc(m->evidence, (m->nevidence + 1) * sizeof(int64_t));
			m->evidence[m->nevidence++] = ids.items[i];
		}
	}
	cg_vec_release(&ids);
	return rc;
}

/* The memberships of o the principal may see, flags for the others. */
static enum cg_status load_members(struct cg_ctx *ctx, struct cg_ocg *o,
				   struct cg_error *err)
{
	CG_VEC(struct cg_membership) members = { 0 };
	struct cg_flags flags = { 0 };
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_OCG_MEMBERS, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, o->id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_label label;
		enum cg_visibility v;
		rc = cg_label_read(s, MC_LABEL, &label, err);
		if (rc)
			break;
		v = cg_visibility(&ctx->who, &label);
		if (v == CG_SEE_FLAG)
			rc = cg_flags_note(ctx->store, &flags, label.owner_agency_id,
					   label.flag_contact, err);
		if (v != CG_SEE_FULL)
			continue;
		struct cg_membership m = {
			.id = cg_stmt_int64(s, MC_ID),
			.person_id = cg_stmt_int64(s, MC_PERSON),
			.record_id = cg_stmt_int64(s, MC_RECORD),
			.role = cg_xstrdup(cg_stmt_text(s, MC_ROLE)),
			.valid_from = cg_xstrdup(cg_stmt_text(s, MC_FROM)),
			.valid_to = cg_xstrdup(cg_stmt_text(s, MC_TO)),
			.owner_agency = cg_xstrdup(cg_stmt_text(s, MC_OWNER_CODE)),
		};
		cg_vec_push(&members, m);
	}
	cg_stmt_done(s);
	for (size_t i = 0; rc == CG_OK && i < members.len; i++)
		rc = load_evidence(ctx, &members.items[i], err);
	o->members = members.items;
	o->nmembers = members.len;
	o->flags = flags.items.items;
	o->nflags = flags.items.len;
	cg_vec_release(&flags.owners);
	return rc;
}

static enum cg_status load_risk(struct cg_store *st, struct cg_ocg *o, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_ASSESS_OCG_LATEST, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, o->id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row) {
		o->has_risk = true;
		o->risk_score = cg_stmt_double(s, 0);
		free(o->risk_tier);
		free(o->risk_at);
		o->risk_tier = cg_xstrdup(cg_stmt_text(s, 1));
		o->risk_at = cg_xstrdup(cg_stmt_text(s, 2));
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_ocg_list(struct cg_ctx *ctx, const char *agency, struct cg_ocg_set *out,
			   struct cg_error *err)
{
	struct gather g = { .want_flags = true };
	struct cg_stmt *s = NULL;
	struct cg_audit_ref *refs = NULL;
	bool row = false;
	char detail[80];
	enum cg_status rc = cg_field_text("agency", agency, false, CG_AGENCY_CODE_MAX, err);

	memset(out, 0, sizeof(*out));
	if (rc == CG_OK)
		rc = cg_ctx_require_justification(ctx, "ocg list", err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_OCG_LIST, &s, err);
	if (rc == CG_OK)
		cg_stmt_bind_str(s, 1, agency);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		rc = consider_row(ctx, s, &g, err);
	cg_stmt_done(s);
	if (rc == CG_OK) {
		refs = cg_xcalloc(g.ocgs.len ? g.ocgs.len : 1, sizeof(*refs));
		for (size_t i = 0; i < g.ocgs.len; i++)
			refs[i] = (struct cg_audit_ref){ "ocg", g.ocgs.items[i].id };
		snprintf(detail, sizeof(detail), "ocg list%s%s", agency ? " --agency " : "",
			 agency ? agency : "");
		struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, g.ocgs.len, detail, NULL };
		rc = cg_audit_append(ctx, &ev, NULL, err);
		free(refs);
	}
	if (rc == CG_OK) {
		out->ocgs = g.ocgs.items;
		out->nocgs = g.ocgs.len;
		out->flags = g.flags.items.items;
		out->nflags = g.flags.items.len;
		memset(&g.ocgs, 0, sizeof(g.ocgs));
		memset(&g.flags.items, 0, sizeof(g.flags.items));
	}
	gather_release(&g);
	return rc;
}

enum cg_status cg_ocg_check_visible(struct cg_ctx *ctx, int64_t id, struct cg_error *err)
{
	bool seen = false;
	enum cg_status rc = cg_label_sees(ctx, CG_Q_OCG_LABEL, id, &seen, err);
	if (rc == CG_OK && !seen)
		rc = cg_fail(err, CG_NOT_FOUND, "OCG %lld not found", (long long)id);
	return rc;
}

enum cg_status cg_ocg_get(struct cg_ctx *ctx, int64_t id, struct cg_ocg *out,
			  struct cg_error *err)
{
	struct gather g = { 0 };
	struct cg_stmt *s = NULL;
	struct cg_audit_ref *refs = NULL;
	bool row = false;
	char detail[64];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "ocg show", err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_OCG_BY_ID, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = consider_row(ctx, s, &g, err);
	cg_stmt_done(s);
	if (rc == CG_OK && g.ocgs.len == 0)
		rc = cg_fail(err, CG_NOT_FOUND, "OCG %lld not found", (long long)id);
	if (rc == CG_OK)
		rc = load_members(ctx, &g.ocgs.items[0], err);
	if (rc == CG_OK)
		rc = load_risk(ctx->store, &g.ocgs.items[0], err);
	if (rc == CG_OK) {
		const struct cg_ocg *o = &g.ocgs.items[0];
		refs = cg_xcalloc(o->nmembers + 1, sizeof(*refs));
		refs[0] = (struct cg_audit_ref){ "ocg", o->id };
		for (size_t i = 0; i < o->nmembers; i++)
			refs[i + 1] = (struct cg_audit_ref){ "membership", o->members[i].id };
		snprintf(detail, sizeof(detail), "ocg show %lld", (long long)id);
		struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, o->nmembers + 1, detail,
					     NULL };
		rc = cg_audit_append(ctx, &ev, NULL, err);
		free(refs);
	}
	if (rc == CG_OK) {
		*out = g.ocgs.items[0];
		g.ocgs.len = 0;
	}
	gather_release(&g);
	return rc;
}
