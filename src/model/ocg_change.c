/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocg_change.c - what changes organised crime groups (model layer):
 * creation, memberships with their supporting reports, and merging two
 * groups into one. Each change is one transaction with its audit entry.
 * See ocg.h for the contract.
 */
#include "model/ocg.h"

#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "model/ocg_internal.h"
#include "store/queries.h"
#include "base/banned.h"

#define GEOGRAPHY_MAX 500
#define WHY_MAX 1000

static const unsigned writer_roles =
	CG_ROLE_ANALYST | CG_ROLE_PIO | CG_ROLE_OFFICER | CG_ROLE_SUPERVISOR;

/*
 * A comma-separated list into a JSON array of strings (compact text,
 * owned by the caller): each item trimmed of spaces, non-empty, at most
 * CG_OCG_NAME_MAX bytes; activities only [a-z_]. Duplicates are dropped.
 */
static enum cg_status names_json(const char *field, const char *list, bool activity,
				 char **out, struct cg_error *err)
{
	json_t *arr = json_array();
	enum cg_status rc = CG_OK;

	*out = NULL;
	for (const char *p = list; rc == CG_OK && p && *p;) {
		size_t n = strcspn(p, ",");
		const char *next = p[n] ? p + n + 1 : p + n;
		char item[CG_OCG_NAME_MAX + 1];
		while (n && *p == ' ')
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (n == 0 || n > CG_OCG_NAME_MAX) {
			rc = cg_fail(err, CG_INVALID, "%s: empty or longer than %d bytes", field,
				     CG_OCG_NAME_MAX);
			break;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		rc = cg_field_text(field, item, true, CG_OCG_NAME_MAX, err);
		if (rc == CG_OK && activity && strspn(item, "abcdefghijklmnopqrstuvwxyz_") != n)
			rc = cg_fail(err, CG_INVALID, "%s: '%.40s' is not lower-case letters and _",
				     field, item);
		if (rc == CG_OK && json_array_size(arr) == CG_OCG_NAMES_MAX)
			rc = cg_fail(err, CG_INVALID, "%s: more than %d", field, CG_OCG_NAMES_MAX);
		bool seen = false;
		for (size_t i = 0; rc == CG_OK && i < json_array_size(arr); i++)
			seen |= strcmp(json_string_value(json_array_get(arr, i)), item) == 0;
		if (rc == CG_OK && !seen)
			json_array_append_new(arr, json_string(item));
		p = next;
	}
	if (rc == CG_OK)
		*out = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return rc;
}

static enum cg_status require_writer(struct cg_ctx *ctx, const char *what,
				     struct cg_error *err)
{
	if (ctx->who.agency_id == 0)
		return cg_fail(err, CG_DENIED, "%s: act as a user of the owning agency", what);
	return cg_ctx_require_role(ctx, writer_roles, what, err);
}

enum cg_status cg_ocg_add(struct cg_ctx *ctx, const struct cg_ocg_input *in, int64_t *id,
			  struct cg_error *err)
{
	static const char *const statuses[] = { "active", "dormant", "disrupted", "archived",
						NULL };
	struct cg_buf conditions = CG_BUF_INIT, compartments = CG_BUF_INIT;
	struct cg_audit_ref ref = { "ocg", 0 };
	struct cg_audit_event ev = { CG_AUDIT_COLLECTION, &ref, 1, "ocg add", NULL };
	const char *status = in->status ? in->status : "active";
	char *aliases = NULL, *activities = NULL, now[CG_TIMESTAMP_ISO_SIZE];
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = require_writer(ctx, "ocg add", err);

	if (rc == CG_OK)
		rc = cg_field_text("name", in->name, true, CG_OCG_NAME_MAX, err);
	if (rc == CG_OK)
		rc = names_json("aliases", in->aliases, false, &aliases, err);
	if (rc == CG_OK)
		rc = names_json("activities", in->activities, true, &activities, err);
	if (rc == CG_OK)
		rc = cg_field_text("geography", in->geography, false, GEOGRAPHY_MAX, err);
	if (rc == CG_OK)
		rc = cg_field_one_of("status", status, statuses, err);
	if (rc == CG_OK)
		rc = cg_label_check(ctx, &in->label, &conditions, &compartments, err);
	cg_timestamp_format_iso(cg_now(), now);
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc == CG_OK) {
		rc = cg_store_prepare_query(ctx->store, CG_Q_OCG_INSERT, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_str(s, 1, in->name);
			cg_stmt_bind_str(s, 2, aliases);
			cg_stmt_bind_str(s, 3, activities);
			cg_stmt_bind_str(s, 4, in->geography ? in->geography : "");
			cg_stmt_bind_str(s, 5, status);
			cg_stmt_bind_str(s, 6, now);
			cg_stmt_bind_int64(s, 7, ctx->who.agency_id);
			cg_label_bind(s, 8, &in->label, &conditions, &compartments);
			rc = cg_stmt_step(s, &row, err);
		}
		cg_stmt_done(s);
		ref.id = cg_store_last_id(ctx->store);
		rc = cg_audit_commit(ctx, &ev, rc, err);
	}
	if (rc == CG_OK && id)
		*id = ref.id;
	free(aliases);
	free(activities);
	cg_buf_release(&conditions);
	cg_buf_release(&compartments);
	return rc;
}

static enum cg_status count_query(struct cg_store *st, enum cg_query q, int64_t id,
				  int64_t *count, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	*count = 0;
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		*count = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	return rc;
}

static enum cg_status check_member(struct cg_ctx *ctx, const struct cg_membership_input *in,
				   struct cg_buf *conditions, struct cg_buf *compartments,
				   struct cg_error *err)
{
	static const char *const roles[] = { "principal", "significant", "peripheral", NULL };
	bool seen = false;
	int64_t n = 0;
	enum cg_status rc = require_writer(ctx, "ocg member add", err);

	if (rc == CG_OK)
		rc = cg_field_one_of("role", in->role, roles, err);
	if (rc == CG_OK && !!in->person_id == !!in->record_id)
		rc = cg_fail(err, CG_INVALID, "member: give exactly one of person and record");
	if (rc == CG_OK)
		rc = cg_field_date("from", in->valid_from, false, err);
	if (rc == CG_OK)
		rc = cg_field_date("to", in->valid_to, false, err);
	if (rc == CG_OK && in->valid_from && *in->valid_from && in->valid_to && *in->valid_to &&
	    strcmp(in->valid_from, in->valid_to) > 0)
		rc = cg_fail(err, CG_INVALID, "to: before from");
	if (rc == CG_OK)
		rc = cg_label_check(ctx, &in->label, conditions, compartments, err);
	if (rc == CG_OK)
		rc = cg_label_sees(ctx, CG_Q_OCG_LABEL, in->ocg_id, &seen, err);
	if (rc == CG_OK && !seen)
		rc = cg_fail(err, CG_NOT_FOUND, "OCG %lld not found", (long long)in->ocg_id);
	if (rc == CG_OK && in->record_id) {
		rc = cg_label_sees(ctx, CG_Q_RECORD_LABEL, in->record_id, &seen, err);
		if (rc == CG_OK && !seen)
			rc = cg_fail(err, CG_INVALID, "record: no record %lld that you may see",
				     (long long)in->record_id);
	}
	if (rc == CG_OK && in->person_id) {
		rc = count_query(ctx->store, CG_Q_PERSON_EXISTS, in->person_id, &n, err);
		if (rc == CG_OK && n == 0)
			rc = cg_fail(err, CG_INVALID, "person: no person %lld",
				     (long long)in->person_id);
	}
	if (rc == CG_OK && in->nevidence > CG_OCG_EVIDENCE_MAX)
		rc = cg_fail(err, CG_INVALID, "evidence: more than %d reports", CG_OCG_EVIDENCE_MAX);
	for (size_t i = 0; rc == CG_OK && i < in->nevidence; i++) {
		rc = ocg_report_visible(ctx, in->evidence[i], &seen, err);
		if (rc == CG_OK && !seen)
			rc = cg_fail(err, CG_INVALID, "evidence: no report %lld that you may see",
				     (long long)in->evidence[i]);
	}
	return rc;
}

static void bind_id_or_null(struct cg_stmt *s, int idx, int64_t id)
{
	if (id)
		cg_stmt_bind_int64(s, idx, id);
	else
		cg_stmt_bind_null(s, idx);
}

static enum cg_status insert_member(struct cg_ctx *ctx, const struct cg_membership_input *in,
				    const struct cg_buf *conditions,
				    const struct cg_buf *compartments, int64_t *id,
				    struct cg_error *err)
{
	char now[CG_TIMESTAMP_ISO_SIZE];
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_MEMBERSHIP_SAME, &s, err);

	/* The same record or person in the same role is one membership (the
	 * index membership_record_role says so for records). */
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, in->ocg_id);
		bind_id_or_null(s, 2, in->person_id);
		bind_id_or_null(s, 3, in->record_id);
		cg_stmt_bind_str(s, 4, in->role);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row && cg_stmt_int64(s, 0) > 0)
		rc = cg_fail(err, CG_CONFLICT, "OCG %lld already has that %s as %s",
			     (long long)in->ocg_id, in->record_id ? "record" : "person", in->role);
	cg_stmt_done(s);
	cg_timestamp_format_iso(cg_now(), now);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_MEMBERSHIP_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, in->ocg_id);
	bind_id_or_null(s, 2, in->person_id);
	bind_id_or_null(s, 3, in->record_id);
	cg_stmt_bind_str(s, 4, in->role);
	cg_stmt_bind_str(s, 5, in->valid_from && *in->valid_from ? in->valid_from : NULL);
	cg_stmt_bind_str(s, 6, in->valid_to && *in->valid_to ? in->valid_to : NULL);
	cg_stmt_bind_str(s, 7, now);
	cg_stmt_bind_int64(s, 8, ctx->who.agency_id);
	cg_label_bind(s, 9, &in->label, conditions, compartments);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	if (rc)
		return rc;
	*id = cg_store_last_id(ctx->store);
	for (size_t i = 0; rc == CG_OK && i < in->nevidence; i++) {
		rc = cg_store_prepare_query(ctx->store, CG_Q_MEMBERSHIP_EVIDENCE_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, *id);
		cg_stmt_bind_int64(s, 2, in->evidence[i]);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	return rc;
}

enum cg_status cg_ocg_member_add(struct cg_ctx *ctx, const struct cg_membership_input *in,
				 int64_t *id, struct cg_error *err)
{
	struct cg_buf conditions = CG_BUF_INIT, compartments = CG_BUF_INIT;
	struct cg_audit_ref refs[2] = { { "membership", 0 }, { "ocg", in->ocg_id } };
	struct cg_audit_event ev = { CG_AUDIT_COLLECTION, refs, 2, "ocg member add", NULL };
	enum cg_status rc = check_member(ctx, in, &conditions, &compartments, err);

	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc == CG_OK) {
		rc = insert_member(ctx, in, &conditions, &compartments, &refs[0].id, err);
		rc = cg_audit_commit(ctx, &ev, rc, err);
	}
	if (rc == CG_OK && id)
		*id = refs[0].id;
	cg_buf_release(&conditions);
	cg_buf_release(&compartments);
	return rc;
}

/* Loads group `id` for a merge: *seen when the principal sees it in full,
 * its owner and whether it is merged already. */
static enum cg_status merge_side(struct cg_ctx *ctx, int64_t id, bool *seen, int64_t *owner,
				 bool *merged, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_label label;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_OCG_BY_ID, &s, err);

	*seen = *merged = false;
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = cg_label_read(s, OC_LABEL, &label, err);
	if (rc == CG_OK && row) {
		*seen = cg_visibility(&ctx->who, &label) == CG_SEE_FULL;
		*owner = label.owner_agency_id;
		*merged = strcmp(cg_stmt_text(s, OC_STATUS), "merged") == 0;
	}
	cg_stmt_done(s);
	if (rc == CG_OK && !*seen)
		rc = cg_fail(err, CG_NOT_FOUND, "OCG %lld not found", (long long)id);
	return rc;
}

static enum cg_status exec2(struct cg_store *st, enum cg_query q, int64_t a, int64_t b,
			    struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, a);
		if (b)
			cg_stmt_bind_int64(s, 2, b);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

/* Removes from's memberships that into already has (same record, same
 * role), their evidence moving to into's row. */
static enum cg_status drop_duplicates(struct cg_store *st, int64_t from, int64_t into,
				      size_t *n, struct cg_error *err)
{
	CG_VEC(int64_t) pairs = { 0 };
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_OCG_MERGE_DUPLICATES, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, from);
		cg_stmt_bind_int64(s, 2, into);
	}
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		cg_vec_push(&pairs, cg_stmt_int64(s, 0));
		cg_vec_push(&pairs, cg_stmt_int64(s, 1));
	}
	cg_stmt_done(s);
	for (size_t i = 0; rc == CG_OK && i + 1 < pairs.len; i += 2) {
		rc = exec2(st, CG_Q_MEMBERSHIP_EVIDENCE_MOVE, pairs.items[i], pairs.items[i + 1],
			   err);
		if (rc == CG_OK)
			rc = exec2(st, CG_Q_MEMBERSHIP_EVIDENCE_DELETE, pairs.items[i], 0, err);
		if (rc == CG_OK)
			rc = exec2(st, CG_Q_MEMBERSHIP_DELETE, pairs.items[i], 0, err);
	}
	*n = pairs.len / 2;
	cg_vec_release(&pairs);
	return rc;
}

enum cg_status cg_ocg_merge(struct cg_ctx *ctx, int64_t from, int64_t into, const char *why,
			    struct cg_ocg_merge_result *result, struct cg_error *err)
{
	struct cg_audit_ref refs[2] = { { "ocg", from }, { "ocg", into } };
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_ocg_merge_result r = { 0 };
	int64_t from_owner = 0, into_owner = 0, before = 0, after = 0;
	bool seen, from_merged = false, into_merged = false;
	enum cg_status rc = cg_field_text("why", why, true, WHY_MAX, err);

	if (result)
		memset(result, 0, sizeof(*result));
	if (rc == CG_OK && from == into)
		rc = cg_fail(err, CG_INVALID, "ocg merge: a group cannot be merged into itself");
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	rc = merge_side(ctx, from, &seen, &from_owner, &from_merged, err);
	if (rc == CG_OK && (from_owner != ctx->who.agency_id ||
			    !cg_principal_has_role(&ctx->who, CG_ROLE_SUPERVISOR)))
		rc = cg_fail(err, CG_DENIED,
			     "ocg merge: only a supervisor of the agency that owns OCG %lld may merge it",
			     (long long)from);
	if (rc == CG_OK)
		rc = merge_side(ctx, into, &seen, &into_owner, &into_merged, err);
	if (rc == CG_OK && from_merged)
		rc = cg_fail(err, CG_CONFLICT, "ocg merge: OCG %lld is merged already",
			     (long long)from);
	if (rc == CG_OK && into_merged)
		rc = cg_fail(err, CG_CONFLICT,
			     "ocg merge: OCG %lld is merged into another; merge into that one",
			     (long long)into);
	if (rc == CG_OK)
		rc = drop_duplicates(ctx->store, from, into, &r.duplicates, err);
	if (rc == CG_OK)
		rc = count_query(ctx->store, CG_Q_OCG_MEMBER_COUNT, from, &before, err);
	if (rc == CG_OK)
		rc = exec2(ctx->store, CG_Q_OCG_MOVE_MEMBERS, from, into, err);
	if (rc == CG_OK)
		rc = count_query(ctx->store, CG_Q_OCG_MEMBER_COUNT, from, &after, err);
	r.moved = (size_t)(before - after);
	if (rc == CG_OK)
		rc = exec2(ctx->store, CG_Q_OCG_MOVE_SUBJECTS, from, into, err);
	if (rc == CG_OK)
		rc = exec2(ctx->store, CG_Q_OCG_DROP_SUBJECTS, from, 0, err);
	if (rc == CG_OK)
		rc = exec2(ctx->store, CG_Q_OCG_SET_MERGED, from, into, err);
	cg_buf_printf(&detail, NULL,
		      "ocg merge %lld into %lld: %zu memberships moved, %zu duplicates removed; why: %s",
		      (long long)from, (long long)into, r.moved, r.duplicates, why);
	struct cg_audit_event ev = { CG_AUDIT_ALTERATION, refs, 2, detail.data, NULL };
	rc = cg_audit_commit(ctx, &ev, rc, err);
	if (rc == CG_OK && result)
		*result = r;
	cg_buf_release(&detail);
	return rc;
}
