/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * intel.c - reading intelligence reports through the trust layer (model
 * layer): get, search and the MoPI due list. See intel.h for the contract;
 * intel_change.c holds submission, approval and review.
 *
 * As record.c: gather candidate rows, keep those the principal may see
 * (noting contactable owners of the ones they may not), write one audit
 * entry naming what was kept, then hand it over.
 */
#include "model/intel.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "model/intel_internal.h"
#include "store/queries.h"
#include "base/banned.h"

void cg_intel_release(struct cg_intel *r)
{
	char **strings[] = { &r->reference, &r->owner_agency, &r->text, &r->relates_to,
			     &r->status, &r->submitted_by, &r->approved_by, &r->approved_at,
			     &r->decision_reason, &r->review_date, &r->created_at,
			     &r->classification, &r->handling_code, &r->handling_conditions,
			     &r->compartments };
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(*strings[i]);
	free(r->subjects);
	memset(r, 0, sizeof(*r));
}

void cg_intel_set_release(struct cg_intel_set *set)
{
	for (size_t i = 0; i < set->nreports; i++)
		cg_intel_release(&set->reports[i]);
	for (size_t i = 0; i < set->nflags; i++)
		cg_flag_release(&set->flags[i]);
	free(set->reports);
	free(set->flags);
	memset(set, 0, sizeof(*set));
}

enum cg_status cg_intel_subject_parse(const char *s, size_t len, struct cg_intel_subject *out,
				      struct cg_error *err)
{
	const char *colon = memchr(s, ':', len);
	size_t klen = colon ? (size_t)(colon - s) : 0;
	char digits[24];
	size_t dlen = colon ? len - klen - 1 : 0;
	char *end = NULL;
	long long id = 0;

	if (colon && dlen > 0 && dlen < sizeof(digits)) {
		memcpy(digits, colon + 1, dlen);
		digits[dlen] = '\0';
		errno = 0;
		id = strtoll(digits, &end, 10);
	}
	if (!colon || klen == 0 || klen >= sizeof(out->kind) || !end || *end || errno || id <= 0)
		return cg_fail(err, CG_INVALID, "subject: '%.*s' is not KIND:ID (e.g. person:12)",
			       (int)(len > 60 ? 60 : len), s);
	memcpy(out->kind, s, klen);
	out->kind[klen] = '\0';
	out->id = id;
	return CG_OK;
}

json_t *cg_intel_json(const struct cg_intel *r)
{
	json_t *subjects = json_array();
	for (size_t i = 0; i < r->nsubjects; i++)
		json_array_append_new(subjects, json_pack("{s:s, s:I}", "kind", r->subjects[i].kind,
							  "id", (json_int_t)r->subjects[i].id));
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
			 " s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
			 "id", (json_int_t)r->id, "reference", r->reference, "owner_agency",
			 r->owner_agency, "text", r->text, "sanitised", r->sanitised,
			 "has_sanitised", r->has_sanitised, "source_evaluation",
			 r->source_evaluation, "intel_assessment", r->intel_assessment,
			 "relates_to", r->relates_to, "status", r->status, "submitted_by",
			 r->submitted_by, "approved_by", r->approved_by, "approved_at",
			 r->approved_at, "decision_reason", r->decision_reason, "mopi_group",
			 r->mopi_group, "review_date", r->review_date, "created_at", r->created_at,
			 "classification", r->classification, "handling_code", r->handling_code,
			 "handling_conditions", r->handling_conditions, "compartments",
			 r->compartments, "subjects", subjects);
}

enum cg_status intel_view(const struct cg_principal *who, struct cg_stmt *s,
			  enum intel_view *view, struct cg_label *label, struct cg_error *err)
{
	const char *status = cg_stmt_text(s, IC_STATUS);
	enum cg_visibility v;
	enum cg_status rc = cg_label_read(s, IC_LABEL, label, err);

	*view = INTEL_VIEW_NONE;
	if (rc || strcmp(status, "erased") == 0)
		return rc;
	/* Not yet approved: the owner agency's business alone, not even a flag. */
	if (strcmp(status, "approved") != 0 && who->agency_id != label->owner_agency_id)
		return CG_OK;
	v = cg_visibility(who, label);
	if (v == CG_SEE_FULL) {
		*view = INTEL_VIEW_FULL;
		return CG_OK;
	}
	if (!cg_stmt_is_null(s, IC_SANITISED_BODY) &&
	    cg_stmt_text(s, IC_SANITISED_CLASSIFICATION)[0]) {
		struct cg_label sanitised = *label;
		rc = cg_classification_parse(cg_stmt_text(s, IC_SANITISED_CLASSIFICATION),
					     &sanitised.classification, err);
		if (rc)
			return rc;
		if (cg_visibility(who, &sanitised) == CG_SEE_FULL) {
			*view = INTEL_VIEW_SANITISED;
			return CG_OK;
		}
	}
	*view = v == CG_SEE_FLAG ? INTEL_VIEW_FLAG : INTEL_VIEW_NONE;
	return CG_OK;
}

static enum cg_status load_subjects(struct cg_store *st, struct cg_intel *r,
				    struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_INTEL_SUBJECTS, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, r->id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		r->subjects = cg_grow(r->subjects, sizeof(*r->subjects), r->nsubjects + 1, &cap);
		struct cg_intel_subject *sub = &r->subjects[r->nsubjects++];
		snprintf(sub->kind, sizeof(sub->kind), "%s", cg_stmt_text(s, 0));
		sub->id = cg_stmt_int64(s, 1);
	}
	cg_stmt_done(s);
	return rc;
}

/* The current row as the principal sees it (view FULL or SANITISED). */
static void row_intel(struct cg_stmt *s, enum intel_view view, struct cg_intel *r)
{
	bool sanitised = view == INTEL_VIEW_SANITISED;
	memset(r, 0, sizeof(*r));
	r->id = cg_stmt_int64(s, IC_ID);
	r->reference = cg_xstrdup(cg_stmt_text(s, IC_REFERENCE));
	r->owner_agency = cg_xstrdup(cg_stmt_text(s, IC_OWNER_CODE));
	r->text = cg_xstrdup(cg_stmt_text(s, sanitised ? IC_SANITISED_BODY : IC_BODY));
	r->sanitised = sanitised;
	r->has_sanitised = !cg_stmt_is_null(s, IC_SANITISED_BODY);
	snprintf(r->source_evaluation, sizeof(r->source_evaluation), "%s",
		 cg_stmt_text(s, IC_SOURCE));
	snprintf(r->intel_assessment, sizeof(r->intel_assessment), "%s",
		 cg_stmt_text(s, IC_ASSESSMENT));
	r->relates_to = cg_xstrdup(cg_stmt_text(s, IC_RELATES_TO));
	r->status = cg_xstrdup(cg_stmt_text(s, IC_STATUS));
	r->submitted_by = cg_xstrdup(cg_stmt_text(s, IC_SUBMITTED_BY));
	r->approved_by = cg_xstrdup(cg_stmt_text(s, IC_APPROVED_BY));
	r->approved_at = cg_xstrdup(cg_stmt_text(s, IC_APPROVED_AT));
	r->decision_reason = cg_xstrdup(cg_stmt_text(s, IC_DECISION_REASON));
	r->mopi_group = (int)cg_stmt_int64(s, IC_MOPI_GROUP);
	r->review_date = cg_xstrdup(cg_stmt_text(s, IC_REVIEW_DATE));
	r->created_at = cg_xstrdup(cg_stmt_text(s, IC_CREATED_AT));
	r->classification = cg_xstrdup(cg_stmt_text(s, sanitised ? IC_SANITISED_CLASSIFICATION
								  : IC_LABEL + 1));
	r->handling_code = cg_xstrdup(cg_stmt_text(s, IC_LABEL + 2));
	r->handling_conditions = cg_xstrdup(cg_stmt_text(s, IC_LABEL + 3));
	r->compartments = cg_xstrdup(cg_stmt_text(s, IC_LABEL + 4));
}

typedef CG_VEC(struct cg_intel) intel_vec;

struct gather {
	intel_vec reports;
	struct cg_flags flags;
	size_t limit;
	bool want_flags;
	const char *fts;  /* the search's full-text query, or NULL */
};

static void gather_release(struct gather *g)
{
	for (size_t i = 0; i < g->reports.len; i++)
		cg_intel_release(&g->reports.items[i]);
	cg_vec_release(&g->reports);
	cg_flags_release(&g->flags);
}

/* Does the sanitised text alone match the search? (A principal who sees
 * only that version must not find a report by words of the body.) */
static enum cg_status sanitised_matches(struct cg_store *st, int64_t id, const char *fts,
					bool *match, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_INTEL_SANITISED_MATCHES, &s, err);
	*match = false;
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		cg_stmt_bind_str(s, 2, fts);
		rc = cg_stmt_step(s, match, err);
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status consider_row(struct cg_ctx *ctx, struct cg_stmt *s, struct gather *g,
				   struct cg_error *err)
{
	struct cg_label label;
	enum intel_view view;
	struct cg_intel r;
	enum cg_status rc = intel_view(&ctx->who, s, &view, &label, err);

	if (rc)
		return rc;
	if (view == INTEL_VIEW_FLAG && g->want_flags)
		return cg_flags_note(ctx->store, &g->flags, label.owner_agency_id,
				     label.flag_contact, err);
	if (view == INTEL_VIEW_SANITISED && g->fts) {
		bool match;
		rc = sanitised_matches(ctx->store, cg_stmt_int64(s, IC_ID), g->fts, &match, err);
		if (rc || !match)
			return rc;
	}
	if ((view != INTEL_VIEW_FULL && view != INTEL_VIEW_SANITISED) ||
	    g->reports.len >= g->limit)
		return CG_OK;
	row_intel(s, view, &r);
	rc = load_subjects(ctx->store, &r, err);
	cg_vec_push(&g->reports, r);
	return rc;
}

static enum cg_status audit_gathered(struct cg_ctx *ctx, const struct gather *g,
				     const char *detail, struct cg_error *err)
{
	size_t n = g->reports.len;
	struct cg_audit_ref *refs = cg_xcalloc(n ? n : 1, sizeof(*refs));
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, n, detail, NULL };
	enum cg_status rc;
	for (size_t i = 0; i < n; i++)
		refs[i] = (struct cg_audit_ref){ "intel_report", g->reports.items[i].id };
	rc = cg_audit_append(ctx, &ev, NULL, err);
	free(refs);
	return rc;
}

static void hand_over(struct gather *g, struct cg_intel_set *out)
{
	out->reports = g->reports.items;
	out->nreports = g->reports.len;
	out->flags = g->flags.items.items;
	out->nflags = g->flags.items.len;
	memset(&g->reports, 0, sizeof(g->reports));
	memset(&g->flags.items, 0, sizeof(g->flags.items));
}

enum cg_status cg_intel_get(struct cg_ctx *ctx, int64_t id, struct cg_intel *out,
			    struct cg_error *err)
{
	struct gather g = { .limit = 1 };
	struct cg_stmt *s = NULL;
	bool row = false;
	char detail[64];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "intel show", err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_BY_ID, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = consider_row(ctx, s, &g, err);
	cg_stmt_done(s);
	if (rc == CG_OK && g.reports.len == 0)
		rc = cg_fail(err, CG_NOT_FOUND, "intelligence report %lld not found", (long long)id);
	snprintf(detail, sizeof(detail), "intel show %lld", (long long)id);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK) {
		*out = g.reports.items[0];
		g.reports.len = 0;
	}
	gather_release(&g);
	return rc;
}

/*
 * Turns what a user typed into a full-text query that cannot be a syntax
 * error: each word becomes a quoted phrase (a trailing '*' stays outside
 * the quotes as a prefix search); words are ANDed. Empty when no words.
 */
static void fts_query(const char *text, struct cg_buf *out)
{
	const char *p = text;
	while (p && *p) {
		size_t n;
		bool prefix;
		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, " \t");
		if (!n)
			break;
		prefix = n > 1 && p[n - 1] == '*';
		if (out->len)
			cg_buf_addch(out, ' ', NULL);
		cg_buf_addch(out, '"', NULL);
		for (size_t i = 0; i < n - (prefix ? 1 : 0); i++)
			cg_buf_add(out, p[i] == '"' ? "\"\"" : &p[i], p[i] == '"' ? 2 : 1, NULL);
		cg_buf_addstr(out, prefix ? "\"*" : "\"", NULL);
		p += n;
	}
}

static enum cg_status check_filter(const struct cg_intel_filter *f, struct cg_error *err)
{
	static const char *const statuses[] = { "submitted", "approved", "rejected", NULL };
	static const char *const kinds[] = { "person", "record", "ocg", "object", "location", NULL };
	if (f->sources && (!*f->sources || strspn(f->sources, "123") != strlen(f->sources)))
		return cg_fail(err, CG_INVALID, "source evaluation: give digits of 1, 2, 3");
	if (f->assessments &&
	    (!*f->assessments || strspn(f->assessments, "ABCDE") != strlen(f->assessments)))
		return cg_fail(err, CG_INVALID, "intelligence assessment: give letters of A-E");
	if (f->status && cg_field_one_of("status", f->status, statuses, err))
		return CG_INVALID;
	if (f->subject.kind[0] && cg_field_one_of("subject kind", f->subject.kind, kinds, err))
		return CG_INVALID;
	if (cg_field_date("from", f->from, false, err) || cg_field_date("to", f->to, false, err))
		return CG_INVALID;
	return cg_field_text("text", f->text, false, 1000, err);
}

/* One line naming a search's filter for the audit entry. */
static void search_detail(struct cg_buf *d, const struct cg_intel_filter *f)
{
	cg_buf_printf(d, NULL, "intel search");
	if (f->text && *f->text)
		cg_buf_printf(d, NULL, " text=\"%.200s\"", f->text);
	if (f->sources)
		cg_buf_printf(d, NULL, " source=%s", f->sources);
	if (f->assessments)
		cg_buf_printf(d, NULL, " assessment=%s", f->assessments);
	if (f->subject.kind[0])
		cg_buf_printf(d, NULL, " subject=%s:%lld", f->subject.kind, (long long)f->subject.id);
	if (f->owner_agency)
		cg_buf_printf(d, NULL, " agency=%.40s", f->owner_agency);
	if (f->from)
		cg_buf_printf(d, NULL, " from=%s", f->from);
	if (f->to)
		cg_buf_printf(d, NULL, " to=%s", f->to);
	if (f->status)
		cg_buf_printf(d, NULL, " status=%s", f->status);
}

enum cg_status cg_intel_search(struct cg_ctx *ctx, const struct cg_intel_filter *f,
			       struct cg_intel_set *out, struct cg_error *err)
{
	size_t limit = f->limit ? f->limit : CG_INTEL_LIST_DEFAULT;
	struct gather g = { .limit = limit > CG_INTEL_LIST_MAX ? CG_INTEL_LIST_MAX : limit,
			    .want_flags = true };
	struct cg_buf fts = CG_BUF_INIT, detail = CG_BUF_INIT;
	int64_t before = INT64_MAX;
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = check_filter(f, err);
	if (rc == CG_OK)
		rc = cg_ctx_require_justification(ctx, "intel search", err);
	fts_query(f->text, &fts);
	g.fts = fts.len ? fts.data : NULL;
	/* Pages until the whole candidate set is seen: flags for hidden
	 * matches must not depend on the page size. */
	for (bool more = rc == CG_OK; more;) {
		struct cg_stmt *s = NULL;
		bool row = false;
		size_t seen = 0;
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_SEARCH, &s, err);
		if (rc)
			break;
		cg_stmt_bind_str(s, 1, g.fts);
		cg_stmt_bind_str(s, 2, f->sources);
		cg_stmt_bind_str(s, 3, f->assessments);
		cg_stmt_bind_str(s, 4, f->subject.kind[0] ? f->subject.kind : NULL);
		cg_stmt_bind_int64(s, 5, f->subject.id);
		cg_stmt_bind_str(s, 6, f->owner_agency);
		cg_stmt_bind_str(s, 7, f->from && *f->from ? f->from : NULL);
		cg_stmt_bind_str(s, 8, f->to && *f->to ? f->to : NULL);
		cg_stmt_bind_str(s, 9, f->status);
		cg_stmt_bind_int64(s, 10, before);
		while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			seen++;
			before = cg_stmt_int64(s, IC_ID);
			rc = consider_row(ctx, s, &g, err);
		}
		cg_stmt_done(s);
		more = rc == CG_OK && seen == CG_INTEL_PAGE;
	}
	search_detail(&detail, f);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail.data, err);
	if (rc == CG_OK)
		hand_over(&g, out);
	gather_release(&g);
	cg_buf_release(&fts);
	cg_buf_release(&detail);
	return rc;
}

enum cg_status cg_intel_due(struct cg_ctx *ctx, const char *by, struct cg_intel_set *out,
			    struct cg_error *err)
{
	struct gather g = { .limit = CG_INTEL_LIST_MAX };
	struct cg_stmt *s = NULL;
	bool row = false;
	char detail[64];
	enum cg_status rc = cg_field_date("by", by, true, err);

	memset(out, 0, sizeof(*out));
	if (rc == CG_OK)
		rc = cg_ctx_require_justification(ctx, "intel due", err);
	if (rc == CG_OK && ctx->who.agency_id == 0)
		rc = cg_fail(err, CG_DENIED, "intel due: act as a user of the owning agency");
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_INTEL_DUE, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, ctx->who.agency_id);
		cg_stmt_bind_str(s, 2, by);
	}
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		rc = consider_row(ctx, s, &g, err);
	cg_stmt_done(s);
	snprintf(detail, sizeof(detail), "intel due by=%.10s", by ? by : "");
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK)
		hand_over(&g, out);
	gather_release(&g);
	return rc;
}
