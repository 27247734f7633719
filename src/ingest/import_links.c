/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_links.c - association, intelligence report and OCG membership rows
 * (ingest layer). Each is recognised again by the owner's id for it.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/name.h"
#include "base/xalloc.h"
#include "ingest/import_internal.h"
#include "model/record.h"
#include "store/queries.h"
#include "base/banned.h"

/* ---- associations ---- */

static bool is_type_word(struct cg_str v)
{
	if (v.len == 0 || v.len > 40)
		return false;
	for (size_t i = 0; i < v.len; i++)
		if (!((v.ptr[i] >= 'a' && v.ptr[i] <= 'z') || v.ptr[i] == '_'))
			return false;
	return true;
}

enum cg_status rows_association(struct import_file *f, enum row_result *result,
				      struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str id, type;
	struct row_label label;
	char date[CG_DATE_ISO_SIZE], ext[300], kind[48];
	int64_t from = 0, to = 0;
	bool bad = false, inserted = false;
	struct cg_stmt *s = NULL;
	enum cg_status rc = row_get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = row_reject(f, &bad, r->id.spec, "empty: every association needs its id", err);
	if (rc == CG_OK)
		rc = row_person_ref(f, &r->from, true, &from, &bad, err);
	if (rc == CG_OK)
		rc = row_person_ref(f, &r->to, true, &to, &bad, err);
	if (rc == CG_OK && !bad && from == to)
		rc = row_reject(f, &bad, r->to.spec, "a person cannot be associated with themselves", err);
	if (rc == CG_OK)
		rc = row_get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK && !bad) {
		if (r->association_type) {
			type = row_str_of(r->association_type);
		} else {
			rc = row_get(f, &r->type, 8, &type, &bad, err);
			if (rc == CG_OK && !bad && !is_type_word(type))
				rc = row_reject(f, &bad, r->type.spec,
					    "an association type is a word of a-z and _", err);
		}
	}
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_ASSOCIATION_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, row_cstr(type, kind, sizeof(kind)));
	cg_stmt_bind_int64(s, 2, from);
	cg_stmt_bind_int64(s, 3, to);
	cg_stmt_bind_str(s, 4, date[0] ? date : NULL);
	cg_stmt_bind_int64(s, 5, f->batch_id);
	cg_stmt_bind_str(s, 6, f->now);
	cg_stmt_bind_int64(s, 7, f->ctx->who.agency_id);
	row_bind_label(s, 8, &label);
	cg_stmt_bind_str(s, 13, row_external_id(f, id, ext, sizeof(ext)));
	rc = row_run(st, s, &inserted, err);
	if (rc == CG_OK)
		*result = inserted ? ROW_STORED : ROW_UNCHANGED;
	return rc;
}

/* ---- intelligence reports ---- */

enum cg_status rows_intel(struct import_file *f, enum row_result *result,
				struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str id, text, se, ia, subjects;
	struct row_label label;
	char date[CG_DATE_ISO_SIZE], ref[300], se_c[2], ia_c[2];
	int64_t subject_ids[MAX_SUBJECTS];
	int nsubjects = 0;
	bool bad = false, inserted = false;
	struct cg_stmt *s = NULL;
	enum cg_status rc = row_get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = row_reject(f, &bad, r->id.spec, "empty: every report needs its reference", err);
	if (rc == CG_OK)
		rc = row_get(f, &r->text, 7, &text, &bad, err);
	if (rc == CG_OK && !bad && text.len == 0)
		rc = row_reject(f, &bad, r->text.spec, "empty: a report needs its text", err);
	if (rc == CG_OK)
		rc = row_get(f, &r->source_evaluation, 8, &se, &bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->intel_assessment, 9, &ia, &bad, err);
	/* 3x5x2: validated, never defaulted. */
	if (rc == CG_OK && !bad && !(se.len == 1 && se.ptr[0] >= '1' && se.ptr[0] <= '3'))
		rc = row_reject(f, &bad, r->source_evaluation.spec,
			    "source evaluation must be 1, 2 or 3 (3x5x2)", err);
	if (rc == CG_OK && !bad && !(ia.len == 1 && ia.ptr[0] >= 'A' && ia.ptr[0] <= 'E'))
		rc = row_reject(f, &bad, r->intel_assessment.spec,
			    "intelligence assessment must be A, B, C, D or E (3x5x2)", err);
	if (rc == CG_OK)
		rc = row_get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->subjects, 10, &subjects, &bad, err);
	for (const char *p = subjects.ptr, *end = subjects.ptr + subjects.len;
	     rc == CG_OK && !bad && p < end;) {
		const char *sep = memchr(p, r->subject_sep, (size_t)(end - p));
		struct cg_str one = { p, (size_t)((sep ? sep : end) - p) };
		char reason[160], buf[64];
		while (one.len && *one.ptr == ' ') {
			one.ptr++;
			one.len--;
		}
		while (one.len && one.ptr[one.len - 1] == ' ')
			one.len--;
		p = sep ? sep + 1 : end;
		if (!one.len)
			continue;
		if (nsubjects == MAX_SUBJECTS) {
			rc = row_reject(f, &bad, r->subjects.spec, "more than 64 subjects", err);
			break;
		}
		rc = row_find_record(f, one, &subject_ids[nsubjects], err);
		if (rc == CG_OK && !subject_ids[nsubjects]) {
			snprintf(reason, sizeof(reason), "subject '%s' is not an imported %s record",
				 row_cstr(one, buf, sizeof(buf)), f->source_system);
			rc = row_reject(f, &bad, r->subjects.spec, reason, err);
		}
		nsubjects++;
	}
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;
	se_c[0] = se.ptr[0];
	se_c[1] = '\0';
	ia_c[0] = ia.ptr[0];
	ia_c[1] = '\0';
	/* References are the owner's: prefix the agency so two agencies'
	 * numbering never collide. */
	snprintf(ref, sizeof(ref), "%s:%.*s", f->ctx->who.agency_code, (int)id.len, id.ptr);
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_INTEL_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, ref);
	cg_stmt_bind_text(s, 2, text.ptr, text.len);
	cg_stmt_bind_str(s, 3, se_c);
	cg_stmt_bind_str(s, 4, ia_c);
	cg_stmt_bind_str(s, 5, date[0] ? date : NULL);
	cg_stmt_bind_int64(s, 6, f->batch_id);
	cg_stmt_bind_str(s, 7, f->now);
	cg_stmt_bind_int64(s, 8, f->ctx->who.agency_id);
	row_bind_label(s, 9, &label);
	rc = row_run(st, s, &inserted, err);
	if (rc || !inserted) {
		if (rc == CG_OK)
			*result = ROW_UNCHANGED;
		return rc;
	}
	int64_t report = cg_store_last_id(st);
	for (int i = 0; rc == CG_OK && i < nsubjects; i++) {
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_INTEL_SUBJECT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, report);
		cg_stmt_bind_str(s, 2, "record");
		cg_stmt_bind_int64(s, 3, subject_ids[i]);
		rc = row_run(st, s, NULL, err);
	}
	if (rc == CG_OK)
		*result = ROW_STORED;
	return rc;
}

/* ---- OCG memberships ---- */

enum cg_status rows_membership(struct import_file *f, enum row_result *result,
				     struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str ocg, name, activities, role;
	struct row_label label;
	int64_t person = 0, ocg_id = 0;
	bool bad = false, row = false, inserted = false;
	struct cg_stmt *s = NULL;
	char *acts = NULL;
	enum cg_status rc = row_get(f, &r->ocg, 6, &ocg, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && ocg.len == 0)
		rc = row_reject(f, &bad, r->ocg.spec, "empty: the row must name its OCG", err);
	if (rc == CG_OK)
		rc = row_get(f, &r->ocg_name, 7, &name, &bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->activities, 8, &activities, &bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->role, 9, &role, &bad, err);
	if (rc == CG_OK && !bad && !row_str_is(role, "principal") && !row_str_is(role, "significant") &&
	    !row_str_is(role, "peripheral"))
		rc = row_reject(f, &bad, r->role.spec, "role must be principal, significant or peripheral",
			    err);
	if (rc == CG_OK)
		rc = row_person_ref(f, &r->person, true, &person, &bad, err);
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;

	/* The OCG itself: found by the owner's reference, created once. */
	json_t *list = json_array();
	for (const char *p = activities.ptr, *end = activities.ptr + activities.len; p < end;) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *e = semi ? semi : end;
		while (p < e && *p == ' ')
			p++;
		if (e > p)
			json_array_append_new(list, json_stringn(p, (size_t)(e - p)));
		p = semi ? semi + 1 : end;
	}
	acts = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	char ext[300];
	snprintf(ext, sizeof(ext), "%.*s", (int)ocg.len, ocg.ptr);
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_OCG_INSERT, &s, err);
	if (rc == CG_OK) {
		if (name.len)
			cg_stmt_bind_text(s, 1, name.ptr, name.len);
		else
			cg_stmt_bind_str(s, 1, ext);
		cg_stmt_bind_str(s, 2, acts);
		cg_stmt_bind_str(s, 3, ext);
		cg_stmt_bind_str(s, 4, f->now);
		cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
		row_bind_label(s, 6, &label);
		rc = row_run(st, s, NULL, err);
	}
	free(acts);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_OCG_FIND, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, ext);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		ocg_id = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_MEMBERSHIP_INSERT, &s, err);
	if (rc)
		return rc;
	char rolebuf[16];
	cg_stmt_bind_int64(s, 1, ocg_id);
	cg_stmt_bind_int64(s, 2, person);
	cg_stmt_bind_str(s, 3, row_cstr(role, rolebuf, sizeof(rolebuf)));
	cg_stmt_bind_str(s, 4, f->now);
	cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
	row_bind_label(s, 6, &label);
	rc = row_run(st, s, &inserted, err);
	if (rc == CG_OK)
		*result = inserted ? ROW_STORED : ROW_UNCHANGED;
	return rc;
}
