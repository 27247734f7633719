/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record.c - reading source records through the trust layer (model
 * layer): get, list, count, search and export. See record.h for the
 * contract; record_change.c holds what changes records.
 *
 * Every read follows the same three steps: gather candidate rows from the
 * store, keep those cg_visibility() answers CG_SEE_FULL for (and, for
 * search, note the contactable owners of CG_SEE_FLAG rows), write one audit
 * entry naming the rows kept, and only then hand them out.
 */
#include "model/record.h"

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/name.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "store/queries.h"
#include "model/record_internal.h"
#include "base/banned.h"


void cg_record_release(struct cg_record *r)
{
	char **strings[] = {
		&r->owner_agency, &r->source_system, &r->source_record_id, &r->forenames,
		&r->surname, &r->dob, &r->sex, &r->classification, &r->handling_code,
		&r->handling_conditions, &r->compartments, &r->subject_category,
		&r->statement_basis,
	};
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		free(*strings[i]);
		*strings[i] = NULL;
	}
	for (size_t i = 0; i < r->nidentifiers; i++) {
		free(r->identifiers[i].kind);
		free(r->identifiers[i].value_raw);
		free(r->identifiers[i].value_norm);
	}
	free(r->identifiers);
	memset(r, 0, sizeof(*r));
}

void cg_record_set_release(struct cg_record_set *set)
{
	for (size_t i = 0; i < set->nrecords; i++)
		cg_record_release(&set->records[i]);
	for (size_t i = 0; i < set->nflags; i++)
		cg_flag_release(&set->flags[i]);
	free(set->records);
	free(set->flags);
	memset(set, 0, sizeof(*set));
}

/* ---- reading rows ---- */

/* The label of the current row; strings borrowed from the statement. */
static enum cg_status row_label(struct cg_stmt *s, struct cg_label *l, struct cg_error *err)
{
	enum cg_status rc = cg_classification_parse(cg_stmt_text(s, COL_CLASSIFICATION),
						    &l->classification, err);
	l->owner_agency_id = cg_stmt_int64(s, COL_OWNER_ID);
	l->handling_code = cg_stmt_text(s, COL_HANDLING)[0];
	l->handling_conditions = cg_stmt_is_null(s, COL_CONDITIONS) ? NULL
								    : cg_stmt_text(s, COL_CONDITIONS);
	l->compartments = cg_stmt_text(s, COL_COMPARTMENTS);
	l->flag_contact = cg_stmt_is_null(s, COL_FLAG_CONTACT) ? NULL
								: cg_stmt_text(s, COL_FLAG_CONTACT);
	l->restricted = cg_stmt_int64(s, COL_RESTRICTED) != 0;
	return rc;
}

static void row_record(struct cg_stmt *s, struct cg_record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = cg_stmt_int64(s, COL_ID);
	r->owner_agency = cg_xstrdup(cg_stmt_text(s, COL_OWNER_CODE));
	r->source_system = cg_xstrdup(cg_stmt_text(s, COL_SYSTEM));
	r->source_record_id = cg_xstrdup(cg_stmt_text(s, COL_SOURCE_ID));
	r->version = cg_stmt_int64(s, COL_VERSION);
	r->forenames = cg_xstrdup(cg_stmt_text(s, COL_FORENAMES));
	r->surname = cg_xstrdup(cg_stmt_text(s, COL_SURNAME));
	r->dob = cg_xstrdup(cg_stmt_text(s, COL_DOB));
	r->sex = cg_xstrdup(cg_stmt_text(s, COL_SEX));
	r->classification = cg_xstrdup(cg_stmt_text(s, COL_CLASSIFICATION));
	r->handling_code = cg_xstrdup(cg_stmt_text(s, COL_HANDLING));
	r->handling_conditions = cg_xstrdup(cg_stmt_text(s, COL_CONDITIONS));
	r->compartments = cg_xstrdup(cg_stmt_text(s, COL_COMPARTMENTS));
	r->subject_category = cg_xstrdup(cg_stmt_text(s, COL_SUBJECT_CATEGORY));
	r->statement_basis = cg_xstrdup(cg_stmt_text(s, COL_STATEMENT_BASIS));
	r->restricted = cg_stmt_int64(s, COL_RESTRICTED) != 0;
	r->withdrawn = cg_stmt_int64(s, COL_WITHDRAWN) != 0;
}

static enum cg_status load_identifiers(struct cg_store *st, struct cg_record *r,
				       struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_RECORD_IDENTIFIERS, &s, err);

	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, r->id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		r->identifiers = cg_grow(r->identifiers, sizeof(*r->identifiers),
					 r->nidentifiers + 1, &cap);
		struct cg_identifier *id = &r->identifiers[r->nidentifiers++];
		id->kind = cg_xstrdup(cg_stmt_text(s, 0));
		id->value_raw = cg_xstrdup(cg_stmt_text(s, 1));
		id->value_norm = cg_stmt_is_null(s, 2) ? NULL : cg_xstrdup(cg_stmt_text(s, 2));
		id->is_hard = cg_stmt_int64(s, 3) != 0;
	}
	cg_stmt_done(s);
	return rc;
}

typedef CG_VEC(struct cg_record) record_vec;
typedef CG_VEC(int64_t) id_vec;

/* What a scan gathers. */
struct gather {
	record_vec records;
	struct cg_flags flags;
	size_t skip;         /* visible rows still to skip (offset) */
	size_t limit;        /* rows wanted; SIZE_MAX for all */
	int64_t counted;     /* visible rows seen (count mode) */
	bool count_only;
	bool want_flags;
};

static void gather_release(struct gather *g)
{
	for (size_t i = 0; i < g->records.len; i++)
		cg_record_release(&g->records.items[i]);
	cg_vec_release(&g->records);
	cg_flags_release(&g->flags);
}

/* Takes the current row into g according to the principal's visibility.
 * Sets *full when the row was visible in full. */
static enum cg_status consider_row(struct cg_ctx *ctx, struct cg_stmt *s, struct gather *g,
				   bool *full, struct cg_error *err)
{
	struct cg_label label;
	enum cg_status rc = row_label(s, &label, err);
	enum cg_visibility v;

	*full = false;
	if (rc)
		return rc;
	v = cg_visibility(&ctx->who, &label);
	if (v == CG_SEE_FLAG && g->want_flags)
		return cg_flags_note(ctx->store, &g->flags, label.owner_agency_id,
				     label.flag_contact, err);
	if (v != CG_SEE_FULL)
		return CG_OK;
	*full = true;
	if (g->count_only) {
		g->counted++;
		return CG_OK;
	}
	if (g->skip > 0) {
		g->skip--;
		return CG_OK;
	}
	if (g->records.len < g->limit) {
		struct cg_record r;
		row_record(s, &r);
		cg_vec_push(&g->records, r);
	}
	return CG_OK;
}

/* A scan stops once it has its rows, except a search, which goes on to
 * find every owner that flags a hidden match: a flag is how the owner
 * avoids a silent gap, so it must not depend on the page size. */
static bool done_scanning(const struct gather *g)
{
	return !g->count_only && !g->want_flags && g->records.len >= g->limit;
}

_Static_assert(CG_RECORD_PAGE == 1000, "CG_RECORD_PAGE_TEXT must say the same");

/* Scans candidates page by page with query q (RECORD_SCAN or
 * RECORD_SEARCH), stopping once the limit is reached. */
static enum cg_status scan(struct cg_ctx *ctx, enum cg_query q, const char *phrase,
			   const struct cg_record_filter *f, struct gather *g,
			   struct cg_error *err)
{
	int64_t after = 0;
	enum cg_status rc = CG_OK;

	for (;;) {
		struct cg_stmt *s = NULL;
		bool row = false;
		size_t seen = 0;
		int p = 1;

		rc = cg_store_prepare_query(ctx->store, q, &s, err);
		if (rc)
			return rc;
		if (phrase)
			cg_stmt_bind_str(s, p++, phrase);
		cg_stmt_bind_str(s, p++, f ? f->owner_agency : NULL);
		cg_stmt_bind_int64(s, p, after);
		if (phrase)
			cg_stmt_bind_str(s, p + 1, f ? f->dob : NULL);
		while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			bool full;
			seen++;
			after = cg_stmt_int64(s, COL_ID);
			rc = consider_row(ctx, s, g, &full, err);
			if (rc || done_scanning(g))
				break;
		}
		cg_stmt_done(s);
		if (rc || seen < CG_RECORD_PAGE || done_scanning(g))
			return rc;
	}
}

static size_t effective_limit(const struct cg_record_filter *f)
{
	size_t limit = f && f->limit ? f->limit : CG_RECORD_LIST_DEFAULT;
	return limit > CG_RECORD_LIST_MAX ? CG_RECORD_LIST_MAX : limit;
}

/* Writes the audit entry naming every gathered record. */
static enum cg_status audit_records(struct cg_ctx *ctx, enum cg_audit_op op,
				    const int64_t *ids, size_t n, const char *detail,
				    const char *recipients, struct cg_error *err)
{
	struct cg_audit_ref *refs = cg_xcalloc(n ? n : 1, sizeof(*refs));
	struct cg_audit_event ev = { op, refs, n, detail, recipients };
	enum cg_status rc;

	for (size_t i = 0; i < n; i++) {
		refs[i].kind = "source_record";
		refs[i].id = ids[i];
	}
	rc = cg_audit_append(ctx, &ev, NULL, err);
	free(refs);
	return rc;
}

static enum cg_status audit_gathered(struct cg_ctx *ctx, const struct gather *g,
				     const char *detail, struct cg_error *err)
{
	int64_t *ids = cg_xcalloc(g->records.len ? g->records.len : 1, sizeof(*ids));
	enum cg_status rc;
	for (size_t i = 0; i < g->records.len; i++)
		ids[i] = g->records.items[i].id;
	rc = audit_records(ctx, CG_AUDIT_CONSULTATION, ids, g->records.len, detail, NULL, err);
	free(ids);
	return rc;
}

/* Moves what g gathered into out. */
static void hand_over(struct gather *g, struct cg_record_set *out)
{
	out->records = g->records.items;
	out->nrecords = g->records.len;
	out->flags = g->flags.items.items;
	out->nflags = g->flags.items.len;
	g->records = (record_vec)CG_VEC_INIT;
	g->flags.items.items = NULL;
	g->flags.items.len = g->flags.items.cap = 0;
}

enum cg_status cg_record_get(struct cg_ctx *ctx, int64_t id, struct cg_record *out,
			     struct cg_error *err)
{
	struct gather g = { .limit = 1 };
	struct cg_stmt *s = NULL;
	bool row = false, full = false;
	char detail[64];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "record get", err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_BY_ID, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = consider_row(ctx, s, &g, &full, err);
	cg_stmt_done(s);
	/* Absent and hidden read the same. */
	if (rc == CG_OK && !full)
		rc = cg_fail(err, CG_NOT_FOUND, "record %lld not found", (long long)id);
	if (rc == CG_OK)
		rc = load_identifiers(ctx->store, &g.records.items[0], err);
	snprintf(detail, sizeof(detail), "record get %lld", (long long)id);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK) {
		*out = g.records.items[0];
		g.records.len = 0;
	}
	gather_release(&g);
	return rc;
}

/* One line naming a query's filter, for the audit entry's detail. */
static void filter_detail(char *buf, size_t size, const char *verb,
			  const struct cg_record_filter *f)
{
	snprintf(buf, size, "record %s%s%.40s%s%.80s%s%s%.10s", verb,
		 f && f->owner_agency ? " agency=" : "", f && f->owner_agency ? f->owner_agency : "",
		 f && f->name ? " name=\"" : "", f && f->name ? f->name : "",
		 f && f->name ? "\"" : "", f && f->dob ? " dob=" : "", f && f->dob ? f->dob : "");
}

enum cg_status cg_record_list(struct cg_ctx *ctx, const struct cg_record_filter *f,
			      struct cg_record_set *out, struct cg_error *err)
{
	struct gather g = { .limit = effective_limit(f), .skip = f ? f->offset : 0 };
	char detail[200];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "record list", err);
	if (rc == CG_OK)
		rc = scan(ctx, CG_Q_RECORD_SCAN, NULL, f, &g, err);
	filter_detail(detail, sizeof(detail), "list", f);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK)
		hand_over(&g, out);
	gather_release(&g);
	return rc;
}

enum cg_status cg_record_count(struct cg_ctx *ctx, const struct cg_record_filter *f,
			       int64_t *count, struct cg_error *err)
{
	struct gather g = { .count_only = true };
	char detail[200];
	enum cg_status rc = scan(ctx, CG_Q_RECORD_SCAN, NULL, f, &g, err);

	*count = 0;
	filter_detail(detail, sizeof(detail), "count", f);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK)
		*count = g.counted;
	gather_release(&g);
	return rc;
}

enum cg_status cg_record_search(struct cg_ctx *ctx, const struct cg_record_filter *f,
				struct cg_record_set *out, struct cg_error *err)
{
	struct gather g = { .limit = effective_limit(f), .want_flags = true };
	struct cg_buf phrase = CG_BUF_INIT;
	char detail[200];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "record search", err);
	if (rc == CG_OK && (!f || !f->name))
		rc = cg_fail(err, CG_INVALID, "record search: give a name to search for");
	if (rc == CG_OK && f->dob)
		rc = cg_field_date("dob", f->dob, true, err);
	if (rc == CG_OK)
		rc = cg_name_normalise(f->name, strlen(f->name), &phrase, err);
	if (rc == CG_OK && phrase.len < 2)
		rc = cg_fail(err, CG_INVALID,
			     "name: at least 2 letters or digits to search for");
	if (rc == CG_OK)
		rc = scan(ctx, CG_Q_RECORD_SEARCH, phrase.data, f, &g, err);
	filter_detail(detail, sizeof(detail), "search", f);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK)
		hand_over(&g, out);
	gather_release(&g);
	cg_buf_release(&phrase);
	return rc;
}

enum cg_status cg_record_person(struct cg_ctx *ctx, int64_t person_id,
				struct cg_record_set *out, struct cg_error *err)
{
	struct gather g = { .limit = SIZE_MAX, .want_flags = true };
	struct cg_stmt *s = NULL;
	bool row = false, full;
	char detail[64];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = cg_ctx_require_justification(ctx, "person show", err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_OF_PERSON, &s, err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, person_id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		rc = consider_row(ctx, s, &g, &full, err);
	cg_stmt_done(s);
	if (rc == CG_OK && g.records.len == 0 && g.flags.items.len == 0)
		rc = cg_fail(err, CG_NOT_FOUND, "person %lld not found", (long long)person_id);
	for (size_t i = 0; rc == CG_OK && i < g.records.len; i++)
		rc = load_identifiers(ctx->store, &g.records.items[i], err);
	snprintf(detail, sizeof(detail), "person show %lld", (long long)person_id);
	if (rc == CG_OK)
		rc = audit_gathered(ctx, &g, detail, err);
	if (rc == CG_OK)
		hand_over(&g, out);
	gather_release(&g);
	return rc;
}

/* ---- disclosure ---- */

json_t *cg_record_json(const struct cg_record *r)
{
	json_t *ids = json_array();
	for (size_t i = 0; i < r->nidentifiers; i++) {
		const struct cg_identifier *id = &r->identifiers[i];
		json_array_append_new(ids, json_pack("{s:s, s:s, s:o, s:b}", "kind", id->kind,
						     "raw", id->value_raw, "value",
						     id->value_norm ? json_string(id->value_norm)
								    : json_null(),
						     "hard", id->is_hard));
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
			 " s:s, s:s, s:b, s:b, s:o}",
			 "id", (json_int_t)r->id, "owner_agency", r->owner_agency,
			 "source_system", r->source_system, "source_record_id",
			 r->source_record_id, "version", (json_int_t)r->version, "forenames",
			 r->forenames, "surname", r->surname, "dob", r->dob, "sex", r->sex,
			 "classification", r->classification, "handling_code", r->handling_code,
			 "handling_conditions", r->handling_conditions, "compartments",
			 r->compartments, "subject_category", r->subject_category,
			 "statement_basis", r->statement_basis, "restricted", r->restricted,
			 "withdrawn", r->withdrawn, "identifiers", ids);
}

enum cg_status cg_record_export(struct cg_ctx *ctx, const struct cg_record_filter *f,
				const char *recipients, FILE *out, size_t *written,
				struct cg_error *err)
{
	struct gather g = { .limit = SIZE_MAX };
	char detail[200];
	int64_t *ids = NULL;
	enum cg_status rc;

	*written = 0;
	rc = cg_ctx_require_justification(ctx, "export records", err);
	if (rc == CG_OK && (!recipients || !*recipients))
		rc = cg_fail(err, CG_INVALID, "export records: say who receives it (--recipients)");
	if (rc == CG_OK)
		rc = scan(ctx, CG_Q_RECORD_SCAN, NULL, f, &g, err);
	if (rc == CG_OK) {
		ids = cg_xcalloc(g.records.len ? g.records.len : 1, sizeof(*ids));
		for (size_t i = 0; i < g.records.len; i++)
			ids[i] = g.records.items[i].id;
		filter_detail(detail, sizeof(detail), "export", f);
		rc = audit_records(ctx, CG_AUDIT_DISCLOSURE, ids, g.records.len, detail,
				   recipients, err);
	}
	for (size_t i = 0; rc == CG_OK && i < g.records.len; i++) {
		struct cg_record *r = &g.records.items[i];
		json_t *j;
		rc = load_identifiers(ctx->store, r, err);
		if (rc)
			break;
		j = cg_record_json(r);
		if (json_dumpf(j, out, JSON_COMPACT) != 0 || fputc('\n', out) == EOF)
			rc = cg_fail(err, CG_IO, "export records: could not write");
		json_decref(j);
		(*written)++;
	}
	free(ids);
	gather_release(&g);
	return rc;
}
