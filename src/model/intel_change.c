/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * intel_change.c - what changes intelligence reports (model layer):
 * submission, the supervisor's approval or rejection, and MoPI review
 * decisions with erasure. Each change is one transaction with its audit
 * entry. See intel.h for the contract.
 */
#include "model/intel.h"

#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "model/intel_internal.h"
#include "store/queries.h"
#include "base/banned.h"

#define REASON_MAX 1000

/* MoPI review periods by group (College of Policing APP, Management of
 * Police Information): groups 1 and 2 (public protection; other sexual,
 * violent or serious matters) ten years, groups 3 and 4 six. The schema's
 * default for imported reports (0009_intel.sql) says the same. */
int cg_intel_mopi_years(int group)
{
	static const int years[] = { 0, 10, 10, 6, 6 };
	return group >= 1 && group <= 4 ? years[group] : 0;
}

/* `from` (YYYY-MM-DD) plus the group's period; 29 February becomes 28. */
static enum cg_status review_date(const char *from, int group, char out[CG_DATE_ISO_SIZE],
				  struct cg_error *err)
{
	struct cg_date d;
	enum cg_status rc = cg_date_parse_iso(from, &d, err);
	if (rc)
		return rc;
	d.year += cg_intel_mopi_years(group);
	if (d.month == 2 && d.day == 29 && !cg_date_is_leap_year(d.year))
		d.day = 28;
	return cg_date_format_iso(d, out);
}

static void today(char out[CG_DATE_ISO_SIZE])
{
	cg_date_format_iso(cg_date_from_days(cg_now() / 86400), out);
}

/* Long text: at most `max` bytes; line breaks and tabs allowed, other
 * control characters not. */
static enum cg_status check_body(const char *field, const char *v, bool required,
				 struct cg_error *err)
{
	if (!v || !*v)
		return required ? cg_fail(err, CG_INVALID, "%s: required", field) : CG_OK;
	if (strlen(v) > CG_INTEL_TEXT_MAX)
		return cg_fail(err, CG_INVALID, "%s: longer than %d bytes", field,
			       CG_INTEL_TEXT_MAX);
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\n' && *c != '\t' && *c != '\r')
			return cg_fail(err, CG_INVALID, "%s: control character", field);
	return CG_OK;
}

/* The submitter must be able to see a record or OCG they name. */
static enum cg_status check_labelled_subject(struct cg_ctx *ctx, enum cg_query q,
					     const struct cg_intel_subject *sub,
					     struct cg_error *err)
{
	bool seen = false;
	enum cg_status rc = cg_label_sees(ctx, q, sub->id, &seen, err);
	if (rc == CG_OK && !seen)
		rc = cg_fail(err, CG_INVALID, "subjects: no %s %lld that you may see", sub->kind,
			     (long long)sub->id);
	return rc;
}

static enum cg_status check_subject(struct cg_ctx *ctx, const struct cg_intel_subject *sub,
				    struct cg_error *err)
{
	enum cg_query exists;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	if (strcmp(sub->kind, "record") == 0)
		return check_labelled_subject(ctx, CG_Q_RECORD_LABEL, sub, err);
	if (strcmp(sub->kind, "ocg") == 0)
		return check_labelled_subject(ctx, CG_Q_OCG_LABEL, sub, err);
	if (strcmp(sub->kind, "person") == 0)
		exists = CG_Q_PERSON_EXISTS;
	else if (strcmp(sub->kind, "object") == 0)
		exists = CG_Q_OBJECT_EXISTS;
	else if (strcmp(sub->kind, "location") == 0)
		exists = CG_Q_LOCATION_EXISTS;
	else
		return cg_fail(err, CG_INVALID,
			       "subjects: kind '%.20s' is not person, record, ocg, object or location",
			       sub->kind);
	rc = cg_store_prepare_query(ctx->store, exists, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, sub->id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && !(row && cg_stmt_int64(s, 0) > 0))
		rc = cg_fail(err, CG_INVALID, "subjects: no %s %lld", sub->kind, (long long)sub->id);
	cg_stmt_done(s);
	return rc;
}

/* 3x5x2: each part given and in range, never defaulted. */
static enum cg_status check_grading(const struct cg_intel_input *in, struct cg_error *err)
{
	const char *se = in->source_evaluation, *ia = in->intel_assessment;
	if (!se || !*se)
		return cg_fail(err, CG_INVALID, "source evaluation: required (1, 2 or 3)");
	if (strlen(se) != 1 || se[0] < '1' || se[0] > '3')
		return cg_fail(err, CG_INVALID,
			       "source evaluation: '%.10s' is not 1 (reliable), 2 (untested) or 3 (not reliable)",
			       se);
	if (!ia || !*ia)
		return cg_fail(err, CG_INVALID, "intelligence assessment: required (A to E)");
	if (strlen(ia) != 1 || ia[0] < 'A' || ia[0] > 'E')
		return cg_fail(err, CG_INVALID,
			       "intelligence assessment: '%.10s' is not A, B, C, D or E", ia);
	return CG_OK;
}

static enum cg_status check_input(struct cg_ctx *ctx, const struct cg_intel_input *in,
				  struct cg_buf *conditions, struct cg_buf *compartments,
				  struct cg_error *err)
{
	enum cg_classification full, sanitised;
	enum cg_status rc;

	if (ctx->who.agency_id == 0)
		return cg_fail(err, CG_DENIED, "intel add: act as a user of the owning agency");
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_PIO | CG_ROLE_OFFICER |
					      CG_ROLE_SUPERVISOR, "intel add", err);
	if (rc == CG_OK)
		rc = check_body("text", in->text, true, err);
	if (rc == CG_OK)
		rc = check_grading(in, err);
	if (rc == CG_OK)
		rc = cg_label_check(ctx, &in->label, conditions, compartments, err);
	if (rc == CG_OK)
		rc = cg_field_date("relates to", in->relates_to, true, err);
	if (rc == CG_OK && cg_intel_mopi_years(in->mopi_group) == 0)
		rc = cg_fail(err, CG_INVALID, "MoPI group: required, 1 to 4");
	if (rc == CG_OK)
		rc = check_body("sanitised text", in->sanitised_text, false, err);
	if (rc == CG_OK && in->sanitised_text && *in->sanitised_text) {
		if (cg_classification_parse(in->sanitised_classification, &sanitised, err))
			return cg_error_prefix(err, "sanitised classification");
		cg_classification_parse(in->label.classification, &full, NULL);
		if (sanitised > full)
			return cg_fail(err, CG_INVALID,
				       "sanitised classification: higher than the report's own");
	} else if (rc == CG_OK && in->sanitised_classification && *in->sanitised_classification) {
		rc = cg_fail(err, CG_INVALID, "sanitised classification: no sanitised text given");
	}
	if (rc == CG_OK && in->nsubjects > CG_INTEL_SUBJECTS_MAX)
		rc = cg_fail(err, CG_INVALID, "subjects: more than %d", CG_INTEL_SUBJECTS_MAX);
	for (size_t i = 0; rc == CG_OK && i < in->nsubjects; i++)
		rc = check_subject(ctx, &in->subjects[i], err);
	return rc;
}

static enum cg_status insert_report(struct cg_ctx *ctx, const struct cg_intel_input *in,
				    const struct cg_buf *conditions,
				    const struct cg_buf *compartments, int64_t *id,
				    struct cg_error *err)
{
	char now[CG_TIMESTAMP_ISO_SIZE], review[CG_DATE_ISO_SIZE];
	bool sanitised = in->sanitised_text && *in->sanitised_text, row;
	struct cg_stmt *s = NULL;
	enum cg_status rc = review_date(in->relates_to, in->mopi_group, review, err);

	cg_timestamp_format_iso(cg_now(), now);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, in->text);
	cg_stmt_bind_str(s, 2, sanitised ? in->sanitised_text : NULL);
	cg_stmt_bind_str(s, 3, sanitised ? in->sanitised_classification : NULL);
	cg_stmt_bind_str(s, 4, in->source_evaluation);
	cg_stmt_bind_str(s, 5, in->intel_assessment);
	cg_stmt_bind_str(s, 6, in->relates_to);
	cg_stmt_bind_int64(s, 7, ctx->who.user_id);
	cg_stmt_bind_int64(s, 8, in->mopi_group);
	cg_stmt_bind_str(s, 9, review);
	cg_stmt_bind_str(s, 10, now);
	cg_stmt_bind_int64(s, 11, ctx->who.agency_id);
	cg_label_bind(s, 12, &in->label, conditions, compartments);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	if (rc)
		return rc;
	*id = cg_store_last_id(ctx->store);
	rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_SET_REFERENCE, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, *id);
		cg_stmt_bind_str(s, 2, ctx->who.agency_code);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	for (size_t i = 0; rc == CG_OK && i < in->nsubjects; i++) {
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_SUBJECT_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, *id);
		cg_stmt_bind_str(s, 2, in->subjects[i].kind);
		cg_stmt_bind_int64(s, 3, in->subjects[i].id);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	return rc;
}

enum cg_status cg_intel_add(struct cg_ctx *ctx, const struct cg_intel_input *in,
			    int64_t *id, struct cg_error *err)
{
	struct cg_buf conditions = CG_BUF_INIT, compartments = CG_BUF_INIT;
	struct cg_audit_ref ref = { "intel_report", 0 };
	struct cg_audit_event ev = { CG_AUDIT_COLLECTION, &ref, 1, "intel add", NULL };
	enum cg_status rc = check_input(ctx, in, &conditions, &compartments, err);

	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc == CG_OK) {
		rc = insert_report(ctx, in, &conditions, &compartments, &ref.id, err);
		rc = cg_audit_commit(ctx, &ev, rc, err);
	}
	if (rc == CG_OK && id)
		*id = ref.id;
	cg_buf_release(&conditions);
	cg_buf_release(&compartments);
	return rc;
}

/* Loads report `id` for a decision by a supervisor of its owner agency:
 * anyone else is told it does not exist (unless they may see it, when
 * they are told they may not decide). Sets *status and *submitter. */
static enum cg_status owner_decision(struct cg_ctx *ctx, int64_t id, const char *what,
				     char status[16], int64_t *mopi_group,
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
	if (rc == CG_OK && row) {
		snprintf(status, 16, "%s", cg_stmt_text(s, IC_STATUS));
		*mopi_group = cg_stmt_int64(s, IC_MOPI_GROUP);
	}
	cg_stmt_done(s);
	if (rc)
		return rc;
	if (view == INTEL_VIEW_NONE || view == INTEL_VIEW_FLAG)
		return cg_fail(err, CG_NOT_FOUND, "intelligence report %lld not found", (long long)id);
	if (label.owner_agency_id != ctx->who.agency_id ||
	    !cg_principal_has_role(&ctx->who, CG_ROLE_SUPERVISOR))
		return cg_fail(err, CG_DENIED, "%s: only a supervisor of the owning agency may decide",
			       what);
	return CG_OK;
}

static enum cg_status decide(struct cg_ctx *ctx, int64_t id, const char *reason,
			     struct cg_error *err)
{
	char status[16], now[CG_TIMESTAMP_ISO_SIZE];
	int64_t group, submitter = 0;
	const char *what = reason ? "intel reject" : "intel approve";
	struct cg_audit_ref ref = { "intel_report", id };
	struct cg_audit_event ev = { CG_AUDIT_ALTERATION, &ref, 1, what, NULL };
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = reason ? cg_field_text("reason", reason, true, REASON_MAX, err) : CG_OK;

	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	rc = owner_decision(ctx, id, what, status, &group, err);
	if (rc == CG_OK && strcmp(status, "submitted") != 0)
		rc = cg_fail(err, CG_CONFLICT, "%s: report %lld is %s, not awaiting a decision",
			     what, (long long)id, status);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_SUBMITTER, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
		submitter = rc == CG_OK && row ? cg_stmt_int64(s, 0) : 0;
	}
	cg_stmt_done(s);
	/* Four eyes: approval means somebody other than the author looked. */
	if (rc == CG_OK && !reason && submitter == ctx->who.user_id)
		rc = cg_fail(err, CG_DENIED, "intel approve: a report needs a supervisor other than its author");
	cg_timestamp_format_iso(cg_now(), now);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, reason ? CG_Q_INTEL_REJECT : CG_Q_INTEL_APPROVE,
					    &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		cg_stmt_bind_int64(s, 2, ctx->who.user_id);
		cg_stmt_bind_str(s, 3, reason ? reason : now);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	return cg_audit_commit(ctx, &ev, rc, err);
}

enum cg_status cg_intel_approve(struct cg_ctx *ctx, int64_t id, struct cg_error *err)
{
	return decide(ctx, id, NULL, err);
}

enum cg_status cg_intel_reject(struct cg_ctx *ctx, int64_t id, const char *reason,
			       struct cg_error *err)
{
	if (!reason)
		return cg_fail(err, CG_INVALID, "reason: required");
	return decide(ctx, id, reason, err);
}

static enum cg_status exec_id(struct cg_store *st, enum cg_query q, int64_t id,
			      const char *text, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		if (text)
			cg_stmt_bind_str(s, 2, text);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_intel_review(struct cg_ctx *ctx, int64_t id, bool erase,
			       const char *reason, struct cg_error *err)
{
	char status[16], now[CG_TIMESTAMP_ISO_SIZE], day[CG_DATE_ISO_SIZE];
	char next[CG_DATE_ISO_SIZE] = "";
	int64_t group = 3;
	struct cg_audit_ref ref = { "intel_report", id };
	struct cg_audit_event ev = { erase ? CG_AUDIT_ERASURE : CG_AUDIT_ALTERATION, &ref, 1,
				     erase ? "intel review erase" : "intel review retain", NULL };
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_field_text("reason", reason, true, REASON_MAX, err);

	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	rc = owner_decision(ctx, id, "intel review", status, &group, err);
	cg_timestamp_format_iso(cg_now(), now);
	today(day);
	if (rc == CG_OK && !erase) {
		rc = review_date(day, (int)group, next, err);
		if (rc == CG_OK)
			rc = exec_id(ctx->store, CG_Q_INTEL_SET_REVIEW, id, next, err);
	}
	if (rc == CG_OK && erase) {
		rc = exec_id(ctx->store, CG_Q_INTEL_ERASE, id, now, err);
		if (rc == CG_OK)
			rc = exec_id(ctx->store, CG_Q_INTEL_ERASE_SUBJECTS, id, NULL, err);
		if (rc == CG_OK)
			rc = exec_id(ctx->store, CG_Q_INTEL_ERASE_EVIDENCE, id, NULL, err);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_REVIEW_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		cg_stmt_bind_str(s, 2, erase ? "erase" : "retain");
		cg_stmt_bind_str(s, 3, reason);
		cg_stmt_bind_int64(s, 4, ctx->who.user_id);
		cg_stmt_bind_str(s, 5, now);
		cg_stmt_bind_str(s, 6, next[0] ? next : NULL);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	return cg_audit_commit(ctx, &ev, rc, err);
}
