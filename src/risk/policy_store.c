/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * policy_store.c - publishing and reading versions of the shared risk
 * protocol (risk layer).
 *
 * Publishing validates first, outside any transaction, so a bad file never
 * takes the store's write lock. Inside one transaction it then refuses text
 * that is already published (by its content hash), takes the next version
 * number, inserts the row and appends the "administration" audit entry
 * naming it: BEGIN IMMEDIATE serialises publishers, so two of them can
 * never take the same number, and the UNIQUE constraints on version and
 * content_hash back that up. All SQL is in src/store/q_risk.h.
 */
#include "risk/policy_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "risk/policy.h"
#include "store/queries.h"
#include "base/banned.h"

/* Copies at most size - 1 bytes of src and a NUL. */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Reads id, version, hash, username, published_at from columns 0-4. */
static void read_version(struct cg_stmt *s, struct cg_policy_version *v)
{
	v->id = cg_stmt_int64(s, 0);
	v->version = cg_stmt_int64(s, 1);
	copy_text(v->hash, sizeof(v->hash), cg_stmt_text(s, 2));
	copy_text(v->published_by, sizeof(v->published_by), cg_stmt_text(s, 3));
	copy_text(v->published_at, sizeof(v->published_at), cg_stmt_text(s, 4));
}

/* The version already holding text with this hash; 0 when none. */
static enum cg_status version_by_hash(struct cg_store *st, const char *hash, int64_t *version,
				      struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_POLICY_VERSION_BY_HASH, &s, err);

	*version = 0;
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, hash);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		*version = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	return rc;
}

static enum cg_status insert_version(struct cg_ctx *ctx, const char *text, size_t len,
				     const char *hash, int64_t *version, int64_t *id,
				     struct cg_error *err)
{
	struct cg_store *st = ctx->store;
	struct cg_stmt *s = NULL;
	char now[CG_TIMESTAMP_ISO_SIZE];
	bool row = false;
	enum cg_status rc = cg_store_query_int64(st, cg_query_sql(CG_Q_POLICY_MAX_VERSION),
						 version, err);

	if (rc)
		return rc;
	(*version)++;
	/* The clock is always within the range ISO formatting accepts. */
	CG_ASSERT(cg_timestamp_format_iso(cg_now(), now) == CG_OK);
	rc = cg_store_prepare_query(st, CG_Q_POLICY_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, *version);
		cg_stmt_bind_text(s, 2, text, len);
		cg_stmt_bind_str(s, 3, hash);
		cg_stmt_bind_int64(s, 4, ctx->who.user_id);
		cg_stmt_bind_str(s, 5, now);
		rc = cg_stmt_step(s, &row, err);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		*id = cg_store_last_id(st);
	return rc;
}

enum cg_status cg_policy_publish(struct cg_ctx *ctx, const char *text, size_t len,
				 const char *origin, int64_t *version, struct cg_error *err)
{
	struct cg_store *st = ctx->store;
	struct cg_policy *policy = NULL;
	struct cg_buf detail = CG_BUF_INIT;
	char hash[65];
	int64_t existing = 0, new_version = 0, id = 0;
	enum cg_status rc = cg_ctx_require_role(ctx, CG_ROLE_ADMIN, "policy publish", err);

	if (rc)
		return rc;
	/* A heap copy: struct cg_policy is large for a stack. */
	policy = cg_xmalloc(sizeof(*policy));
	rc = cg_policy_parse(text, len, origin, policy, err);
	free(policy);
	if (rc)
		return rc;
	cg_policy_hash(text, len, hash);

	rc = cg_store_begin(st, err);
	if (rc)
		return rc;
	rc = version_by_hash(st, hash, &existing, err);
	if (rc == CG_OK && existing)
		rc = cg_fail(err, CG_CONFLICT,
			     "%s: this text is already published as version %lld (hash %s)", origin,
			     (long long)existing, hash);
	if (rc == CG_OK)
		rc = insert_version(ctx, text, len, hash, &new_version, &id, err);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "policy publish version %lld hash %s from %s",
				   (long long)new_version, hash, origin);
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "risk_policy", id };
		struct cg_audit_event ev = {
			.op = CG_AUDIT_ADMINISTRATION,
			.records = &ref,
			.nrecords = 1,
			.detail = detail.data,
			.recipients = NULL,
		};
		rc = cg_audit_append(ctx, &ev, NULL, err);
	}
	if (rc == CG_OK)
		rc = cg_store_commit(st, err);
	if (rc)
		cg_store_rollback(st);
	cg_buf_release(&detail);
	if (rc == CG_OK && version)
		*version = new_version;
	return rc;
}

enum cg_status cg_policy_get(struct cg_ctx *ctx, int64_t version, struct cg_policy_version *info,
			     char **text, size_t *len, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(
		ctx->store, version ? CG_Q_POLICY_BY_VERSION : CG_Q_POLICY_LATEST, &s, err);

	if (text)
		*text = NULL;
	if (len)
		*len = 0;
	if (rc == CG_OK && version)
		cg_stmt_bind_int64(s, 1, version);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row)
		rc = version ? cg_fail(err, CG_NOT_FOUND, "no risk policy version %lld",
				       (long long)version)
			     : cg_fail(err, CG_NOT_FOUND,
				       "no risk policy is published yet (cg policy publish FILE)");
	if (rc == CG_OK) {
		const char *t = cg_stmt_text(s, 5);
		size_t n = strlen(t);
		read_version(s, info);
		if (text) {
			*text = cg_xstrndup(t, n);
			if (len)
				*len = n;
		}
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_policy_list(struct cg_ctx *ctx,
			      int (*fn)(const struct cg_policy_version *, void *), void *arg,
			      struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_POLICY_LIST, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_policy_version v;
		read_version(s, &v);
		if (fn(&v, arg) != 0)
			break;
	}
	cg_stmt_done(s);
	return rc;
}
