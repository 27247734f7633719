/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record_change.c - what changes source records (model layer): adding one,
 * the owner's restriction and withdrawal, and the retraction notices a
 * withdrawal or correction sends. Every change is one transaction with its
 * audit entry. See record.h for the contract.
 */
#include "model/record.h"

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

typedef CG_VEC(char *) string_vec;

/* Loads record `id` for a change by its owner: the principal must be a
 * supervisor of the owner agency. Anything else reads as not found. */
static enum cg_status owner_row(struct cg_ctx *ctx, int64_t id, const char *what,
				struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, mine = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_BY_ID, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		mine = cg_stmt_int64(s, COL_OWNER_ID) == ctx->who.agency_id;
	cg_stmt_done(s);
	if (rc)
		return rc;
	if (!mine)
		return cg_fail(err, CG_NOT_FOUND, "record %lld not found", (long long)id);
	if (!cg_principal_has_role(&ctx->who, CG_ROLE_SUPERVISOR))
		return cg_fail(err, CG_DENIED, "%s: only a supervisor of %s may do this", what,
			       ctx->who.agency_code);
	return CG_OK;
}

static enum cg_status exec_id(struct cg_store *st, enum cg_query q, int64_t id,
			      struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_record_restrict(struct cg_ctx *ctx, int64_t id, bool restricted,
				  struct cg_error *err)
{
	struct cg_audit_ref ref = { "source_record", id };
	struct cg_audit_event ev = { CG_AUDIT_ALTERATION, &ref, 1,
				     restricted ? "record restrict" : "record release", NULL };
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = owner_row(ctx, id, "record restrict", err);

	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_SET_RESTRICTED, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, restricted ? 1 : 0);
		cg_stmt_bind_int64(s, 2, id);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	return cg_audit_commit(ctx, &ev, rc, err);
}


static bool has_string(const string_vec *v, const char *s, size_t len)
{
	for (size_t i = 0; i < v->len; i++)
		if (strlen(v->items[i]) == len && memcmp(v->items[i], s, len) == 0)
			return true;
	return false;
}

static enum cg_status agency_exists(struct cg_store *st, const char *code, bool *exists,
				    struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_AGENCY_EXISTS, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, code);
		rc = cg_stmt_step(s, &row, err);
	}
	*exists = rc == CG_OK && row && cg_stmt_int64(s, 0) > 0;
	cg_stmt_done(s);
	return rc;
}

/* Adds `code` (len bytes) to v when it is another, existing agency. */
static enum cg_status note_agency(struct cg_ctx *ctx, string_vec *v, const char *code,
				  size_t len, struct cg_error *err)
{
	char *c;
	bool exists = false;
	enum cg_status rc;

	if (len == 0 || (strlen(ctx->who.agency_code) == len &&
			 memcmp(ctx->who.agency_code, code, len) == 0) ||
	    has_string(v, code, len))
		return CG_OK;
	c = cg_xstrndup(code, len);
	rc = agency_exists(ctx->store, c, &exists, err);
	if (rc == CG_OK && exists)
		cg_vec_push(v, c);
	else
		free(c);
	return rc;
}

/* The other agencies that consulted or received record `id`, from the
 * audit log: who consulted it, and the recipients of disclosures that are
 * agency codes. */
static enum cg_status consulting_agencies(struct cg_ctx *ctx, int64_t id, string_vec *out,
					  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_CONSULTERS, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, "source_record");
		cg_stmt_bind_int64(s, 2, id);
	}
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		const char *who = cg_stmt_text(s, 0);
		const char *r = cg_stmt_text(s, 1);
		rc = note_agency(ctx, out, who, strlen(who), err);
		while (rc == CG_OK && *r) {
			const char *comma = strchr(r, ',');
			size_t n = comma ? (size_t)(comma - r) : strlen(r);
			size_t a = 0;
			while (a < n && r[a] == ' ')
				a++;
			while (n > a && r[n - 1] == ' ')
				n--;
			rc = note_agency(ctx, out, r + a, n - a, err);
			r = comma ? comma + 1 : r + strlen(r);
		}
	}
	cg_stmt_done(s);
	return rc;
}

/* Writes a retraction notice of `kind` about record `id` to every other
 * agency that consulted or received it; *told receives how many. Runs
 * inside the caller's transaction. */
static enum cg_status send_notices(struct cg_ctx *ctx, int64_t id, const char *kind,
				   const char *reason, string_vec *told, struct cg_error *err)
{
	char now[CG_TIMESTAMP_ISO_SIZE];
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = consulting_agencies(ctx, id, told, err);

	cg_timestamp_format_iso(cg_now(), now);
	for (size_t i = 0; rc == CG_OK && i < told->len; i++) {
		rc = cg_store_prepare_query(ctx->store, CG_Q_NOTICE_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_str(s, 1, "source_record");
		cg_stmt_bind_int64(s, 2, id);
		cg_stmt_bind_str(s, 3, told->items[i]);
		cg_stmt_bind_int64(s, 4, ctx->who.agency_id);
		cg_stmt_bind_str(s, 5, kind);
		cg_stmt_bind_str(s, 6, reason);
		cg_stmt_bind_str(s, 7, now);
		cg_stmt_bind_int64(s, 8, ctx->who.user_id);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	return rc;
}

static void strings_release(string_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i]);
	cg_vec_release(v);
}

enum cg_status cg_record_notify_correction(struct cg_ctx *ctx, int64_t id, const char *reason,
					   size_t *notified, struct cg_error *err)
{
	string_vec told = CG_VEC_INIT;
	enum cg_status rc = send_notices(ctx, id, "corrected", reason, &told, err);
	*notified = rc == CG_OK ? told.len : 0;
	strings_release(&told);
	return rc;
}

enum cg_status cg_record_withdraw(struct cg_ctx *ctx, int64_t id, const char *reason,
				  size_t *notified, struct cg_error *err)
{
	static const enum cg_query erase[] = {
		CG_Q_RECORD_ERASE_NAMES, CG_Q_RECORD_ERASE_DOBS, CG_Q_RECORD_ERASE_ADDRESSES,
		CG_Q_RECORD_ERASE_IDENTIFIERS,
	};
	struct cg_audit_ref ref = { "source_record", id };
	struct cg_audit_event ev = { CG_AUDIT_ERASURE, &ref, 1, NULL, NULL };
	struct cg_buf detail = CG_BUF_INIT;
	string_vec told = CG_VEC_INIT;
	char now[CG_TIMESTAMP_ISO_SIZE];
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc;

	*notified = 0;
	if (!reason || !*reason)
		return cg_fail(err, CG_INVALID, "record withdraw: give the reason");
	rc = owner_row(ctx, id, "record withdraw", err);
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	cg_timestamp_format_iso(cg_now(), now);
	rc = send_notices(ctx, id, "withdrawn", reason, &told, err);
	for (size_t i = 0; rc == CG_OK && i < sizeof(erase) / sizeof(erase[0]); i++)
		rc = exec_id(ctx->store, erase[i], id, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_MARK_WITHDRAWN, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, now);
		cg_stmt_bind_int64(s, 2, id);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	if (rc == CG_OK) {
		cg_buf_printf(&detail, NULL, "record withdraw (%.200s); retraction notices to:",
			      reason);
		for (size_t i = 0; i < told.len; i++)
			cg_buf_printf(&detail, NULL, " %s", told.items[i]);
		if (told.len == 0)
			cg_buf_addstr(&detail, " none", NULL);
		ev.detail = detail.data;
		rc = cg_audit_append(ctx, &ev, NULL, err);
	}
	if (rc == CG_OK)
		rc = cg_store_commit(ctx->store, err);
	if (rc)
		cg_store_rollback(ctx->store);
	else
		*notified = told.len;
	strings_release(&told);
	cg_buf_release(&detail);
	return rc;
}

/* ---- collection ---- */

#define FIELD_MAX 256

static enum cg_status check_text(const char *field, const char *v, bool required,
				 struct cg_error *err)
{
	return cg_field_text(field, v, required, FIELD_MAX, err);
}

static enum cg_status check_input(struct cg_ctx *ctx, const struct cg_record_input *in,
				  struct cg_buf *conditions, struct cg_buf *compartments,
				  struct cg_error *err)
{
	static const char *const sexes[] = { "M", "F", "X", "U", NULL };
	static const char *const bases[] = { "fact", "assessment", NULL };
	enum cg_subject_category cat;
	struct cg_date d;
	enum cg_status rc;

	if (ctx->who.agency_id == 0)
		return cg_fail(err, CG_DENIED, "record add: act as a user of the owning agency");
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_PIO | CG_ROLE_OFFICER |
					      CG_ROLE_SUPERVISOR, "record add", err);
	if (rc == CG_OK)
		rc = check_text("source system", in->source_system, true, err);
	if (rc == CG_OK)
		rc = check_text("source record id", in->source_record_id, true, err);
	if (rc == CG_OK)
		rc = check_text("forenames", in->forenames, false, err);
	if (rc == CG_OK)
		rc = check_text("surname", in->surname, false, err);
	if (rc == CG_OK && (!in->surname || !*in->surname) && (!in->forenames || !*in->forenames))
		rc = cg_fail(err, CG_INVALID, "name: give a surname or forenames");
	if (rc == CG_OK && in->dob && *in->dob && cg_date_parse_iso(in->dob, &d, err))
		rc = cg_error_prefix(err, "dob");
	if (rc == CG_OK && in->sex && *in->sex)
		rc = cg_field_one_of("sex", in->sex, sexes, err);
	if (rc == CG_OK && cg_subject_category_parse(in->subject_category, &cat, err))
		rc = CG_INVALID;
	if (rc == CG_OK)
		rc = cg_field_one_of("statement basis", in->statement_basis, bases, err);
	if (rc == CG_OK && in->nidentifiers > CG_RECORD_IDENTIFIERS_MAX)
		rc = cg_fail(err, CG_INVALID, "identifiers: more than %d", CG_RECORD_IDENTIFIERS_MAX);
	for (size_t i = 0; rc == CG_OK && i < in->nidentifiers; i++) {
		rc = check_text("identifier kind", in->identifiers[i].kind, true, err);
		if (rc == CG_OK)
			rc = check_text("identifier", in->identifiers[i].value_raw, true, err);
	}
	if (rc == CG_OK) {
		struct cg_label_input label = { in->classification, in->handling_code,
						in->handling_conditions, in->compartments,
						in->flag_contact };
		rc = cg_label_check(ctx, &label, conditions, compartments, err);
	}
	return rc;
}

/* BLAKE2b-256 of the record's fields, hex: tells a re-import whether a row
 * changed. Fields are length-prefixed so no two inputs encode alike. */
static void content_hash(const struct cg_record_input *in, char hex[65])
{
	const char *fields[] = { in->source_system, in->source_record_id, in->forenames,
				 in->surname, in->dob, in->sex };
	crypto_generichash_state h;
	unsigned char out[32];

	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char len[24];
		size_t n = fields[i] ? strlen(fields[i]) : 0;
		int w = snprintf(len, sizeof(len), "%zu:", n);
		crypto_generichash_update(&h, (const unsigned char *)len, (size_t)w);
		if (n)
			crypto_generichash_update(&h, (const unsigned char *)fields[i], n);
	}
	for (size_t i = 0; i < in->nidentifiers; i++) {
		const struct cg_identifier *id = &in->identifiers[i];
		crypto_generichash_update(&h, (const unsigned char *)id->kind, strlen(id->kind) + 1);
		crypto_generichash_update(&h, (const unsigned char *)id->value_raw,
					  strlen(id->value_raw) + 1);
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, 65, out, sizeof(out));
}

static enum cg_status insert_identifier(struct cg_store *st, int64_t record,
					const struct cg_identifier *in, struct cg_error *err)
{
	char norm[CG_IDENT_MAX];
	enum cg_ident_kind kind;
	bool known = cg_ident_kind_parse(in->kind, &kind, NULL) == CG_OK;
	bool valid = known && cg_ident_normalise(kind, in->value_raw, strlen(in->value_raw),
						 norm, NULL) == CG_OK;
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_RECORD_IDENT_INSERT, &s, err);

	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, record);
	cg_stmt_bind_str(s, 2, in->kind);
	cg_stmt_bind_str(s, 3, in->value_raw);
	/* Unknown kinds are kept as given; known kinds only when valid
	 * (an identifier that fails its check is raw text, never guessed). */
	cg_stmt_bind_str(s, 4, valid ? norm : (known ? NULL : in->value_raw));
	cg_stmt_bind_int64(s, 5, in->is_hard ? 1 : 0);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_record_add(struct cg_ctx *ctx, const struct cg_record_input *in,
			     int64_t *id, struct cg_error *err)
{
	struct cg_buf conditions = CG_BUF_INIT, compartments = CG_BUF_INIT;
	char hash[65], now[CG_TIMESTAMP_ISO_SIZE];
	struct cg_audit_ref ref = { "source_record", 0 };
	struct cg_audit_event ev = { CG_AUDIT_COLLECTION, &ref, 1, "record add", NULL };
	struct cg_buf fn = CG_BUF_INIT, sn = CG_BUF_INIT;
	const char *forenames = in->forenames ? in->forenames : "";
	const char *surname = in->surname ? in->surname : "";
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = check_input(ctx, in, &conditions, &compartments, err);

	if (rc == CG_OK)
		rc = cg_name_normalise(forenames, strlen(forenames), &fn, err);
	if (rc == CG_OK)
		rc = cg_name_normalise(surname, strlen(surname), &sn, err);
	if (rc == CG_OK && sodium_init() < 0)
		rc = cg_fail(err, CG_INTERNAL, "libsodium could not start");
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		goto out;
	content_hash(in, hash);
	cg_timestamp_format_iso(cg_now(), now);
	rc = cg_store_prepare_query(ctx->store, CG_Q_RECORD_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, ctx->who.agency_id);
		cg_stmt_bind_str(s, 2, in->source_system);
		cg_stmt_bind_str(s, 3, in->source_record_id);
		cg_stmt_bind_str(s, 4, hash);
		cg_stmt_bind_str(s, 5, in->sex && *in->sex ? in->sex : NULL);
		cg_stmt_bind_str(s, 6, now);
		cg_stmt_bind_str(s, 7, in->classification);
		cg_stmt_bind_str(s, 8, in->handling_code);
		cg_stmt_bind_str(s, 9, conditions.len ? conditions.data : NULL);
		cg_stmt_bind_str(s, 10, compartments.data);
		cg_stmt_bind_str(s, 11, in->flag_contact && *in->flag_contact ? in->flag_contact : NULL);
		cg_stmt_bind_str(s, 12, in->subject_category);
		cg_stmt_bind_str(s, 13, in->statement_basis);
		cg_stmt_bind_str(s, 14, forenames);
		cg_stmt_bind_str(s, 15, surname);
		cg_stmt_bind_str(s, 16, fn.data);
		cg_stmt_bind_str(s, 17, sn.data);
		cg_stmt_bind_str(s, 18, in->dob && *in->dob ? in->dob : NULL);
		cg_stmt_bind_str(s, 19, in->dob && *in->dob ? in->dob : NULL);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
		if (rc == CG_CONFLICT)
			rc = cg_fail(err, CG_CONFLICT, "%s already holds record %.60s in %.60s",
				     ctx->who.agency_code, in->source_record_id, in->source_system);
	}
	if (rc == CG_OK)
		ref.id = cg_store_last_id(ctx->store);
	for (size_t i = 0; rc == CG_OK && i < in->nidentifiers; i++)
		rc = insert_identifier(ctx->store, ref.id, &in->identifiers[i], err);
	rc = cg_audit_commit(ctx, &ev, rc, err);
	if (rc == CG_OK && id)
		*id = ref.id;
out:
	cg_buf_release(&conditions);
	cg_buf_release(&compartments);
	cg_buf_release(&fn);
	cg_buf_release(&sn);
	return rc;
}
