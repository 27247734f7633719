/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * account.c - agencies, users, compartments and passwords (access layer).
 *
 * Administration checks who is acting, validates every field, and writes
 * each change together with its "administration" audit entry in one
 * transaction, so neither lands without the other. Logins and sessions are
 * in session.c.
 *
 * Secrets: passwords are only ever passed to libsodium's Argon2id and wiped
 * where this file copied them; tokens leave this file once, in cg_login's
 * output, and are stored only as their BLAKE2b-256 hash. No password, hash
 * or token is put into an error message or an audit entry. All SQL is in
 * src/store/q_account.h.
 */
#include "access/account.h"

#include <sodium.h>
#include <string.h>
#include <utf8proc.h>

#include "access/account_internal.h"
#include "access/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/quote.h"
#include "store/queries.h"
#include "base/banned.h"

/* Longest agency, compartment or display name and contact text, in bytes. */
#define NAME_MAX_BYTES 200

/* ---- helpers ---- */

enum cg_status acct_crypto_ready(struct cg_error *err)
{
	/* Idempotent and thread-safe; 1 means already initialised. */
	if (sodium_init() < 0)
		return cg_fail(err, CG_INTERNAL, "libsodium could not be initialised");
	return CG_OK;
}

void acct_iso_time(int64_t t, char out[CG_TIMESTAMP_ISO_SIZE])
{
	/* Only called with the clock plus bounded offsets: always in range. */
	CG_ASSERT(cg_timestamp_format_iso(t, out) == CG_OK);
}

/* Is the stored time `iso` still in the future at `now`? Text that is not
 * a timestamp counts as the future: a damaged lock or expiry fails closed. */
bool acct_still_ahead(const char *iso, int64_t now)
{
	int64_t t = 0;
	if (cg_timestamp_parse_iso(iso, &t, NULL) != CG_OK)
		return true;
	return t > now;
}

/* Commits on success, rolls back on failure (commit failing included). */
enum cg_status acct_finish(struct cg_store *st, enum cg_status rc, struct cg_error *err)
{
	if (rc == CG_OK)
		rc = cg_store_commit(st, err);
	if (rc != CG_OK)
		cg_store_rollback(st);
	return rc;
}

void acct_copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * Agency and compartment codes appear in handling conditions
 * ("agency:MPS"), in compartment lists and on screens, so they use a closed
 * alphabet that needs no quoting or case folding: 1 to 32 of A-Z, 0-9, '_'
 * and '-'. Lower case is refused rather than folded, so a code is stored
 * exactly as the operator typed it.
 */
static enum cg_status check_code(const char *field, const char *code, struct cg_error *err)
{
	char q[CG_QUOTE_SIZE];
	size_t n = code ? strlen(code) : 0;

	if (n == 0)
		return cg_fail(err, CG_INVALID, "%s: missing", field);
	if (n > CG_AGENCY_CODE_MAX)
		return cg_fail(err, CG_INVALID, "%s %s: longer than %d characters", field,
			       cg_quote(q, code, n), CG_AGENCY_CODE_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
			continue;
		return cg_fail(err, CG_INVALID,
			       "%s %s: character %zu is not allowed (use A-Z, 0-9, '_' and '-'%s)",
			       field, cg_quote(q, code, n), i + 1,
			       (c >= 'a' && c <= 'z') ? "; codes are upper case" : "");
	}
	return CG_OK;
}

/* Usernames: 1 to 64 of a-z, 0-9, '.', '_' and '-', so they read the same
 * in logs, URLs and shells and cannot be confused by case. */
static enum cg_status check_username(const char *name, struct cg_error *err)
{
	char q[CG_QUOTE_SIZE];
	size_t n = name ? strlen(name) : 0;

	if (n == 0)
		return cg_fail(err, CG_INVALID, "username: missing");
	if (n > CG_USERNAME_MAX)
		return cg_fail(err, CG_INVALID, "username %s: longer than %d characters",
			       cg_quote(q, name, n), CG_USERNAME_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-')
			continue;
		return cg_fail(err, CG_INVALID,
			       "username %s: character %zu is not allowed (use a-z, 0-9, '.', '_' and '-')",
			       cg_quote(q, name, n), i + 1);
	}
	return CG_OK;
}

/* Free text (names, contact): valid UTF-8 without control characters, at
 * most NAME_MAX_BYTES bytes, so it prints as one line everywhere. The value
 * itself is not quoted in messages. */
static enum cg_status check_text(const char *field, const char *s, bool required,
				 struct cg_error *err)
{
	size_t n = s ? strlen(s) : 0, i = 0;

	if (n == 0)
		return required ? cg_fail(err, CG_INVALID, "%s: missing", field) : CG_OK;
	if (n > NAME_MAX_BYTES)
		return cg_fail(err, CG_INVALID, "%s: longer than %d bytes", field, NAME_MAX_BYTES);
	while (i < n) {
		utf8proc_int32_t cp = 0;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0)
			return cg_fail(err, CG_INVALID, "%s: not valid UTF-8 at byte %zu", field, i + 1);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return cg_fail(err, CG_INVALID, "%s: control character at byte %zu", field,
				       i + 1);
		i += (size_t)len;
	}
	return CG_OK;
}

static enum cg_status check_password(const char *password, struct cg_error *err)
{
	size_t n = password ? strlen(password) : 0;
	if (n < CG_PASSWORD_MIN)
		return cg_fail(err, CG_INVALID, "password: shorter than %d bytes", CG_PASSWORD_MIN);
	if (n > CG_PASSWORD_MAX)
		return cg_fail(err, CG_INVALID, "password: longer than %d bytes", CG_PASSWORD_MAX);
	return CG_OK;
}

/* Hashes a checked password with Argon2id at the interactive limits. The
 * output holds no secret that allows logging in, but is wiped by callers
 * anyway once stored. */
static enum cg_status hash_password(const char *password, char out[crypto_pwhash_STRBYTES],
				    struct cg_error *err)
{
	enum cg_status rc = acct_crypto_ready(err);
	if (rc)
		return rc;
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return cg_fail(err, CG_INTERNAL, "password hashing ran out of memory");
	return CG_OK;
}

static enum cg_status admin_count(struct cg_store *st, int64_t *n, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_ADMIN_COUNT, &s, err);

	*n = 0;
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		*n = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	return rc;
}

/*
 * Who may administer. The admin role, or the bootstrap context, which
 * exists only while the store has no administrator (context.h) and may only
 * do what `bootstrap_ok` allows: add agencies and the first admin.
 *
 * The bootstrap's "no administrator yet" was checked when its context was
 * set up, but the same process (or another one, concurrently) may have
 * added the first admin since. So recheck_bootstrap repeats the check inside
 * the write's transaction (BEGIN IMMEDIATE, so the answer cannot change
 * before commit): once an admin exists the bootstrap can change nothing,
 * and two bootstraps racing cannot both create an admin.
 */
static enum cg_status require_admin(const struct cg_ctx *ctx, bool bootstrap_ok,
				    const char *what, struct cg_error *err)
{
	if (ctx->who.bootstrap) {
		if (!bootstrap_ok)
			return cg_fail(err, CG_DENIED,
				       "%s: before the first administrator exists, only agencies and "
				       "that administrator can be added", what);
		return CG_OK;
	}
	return cg_ctx_require_role(ctx, CG_ROLE_ADMIN, what, err);
}

static enum cg_status recheck_bootstrap(const struct cg_ctx *ctx, const char *what,
					struct cg_error *err)
{
	int64_t admins = 0;
	enum cg_status rc;

	if (!ctx->who.bootstrap)
		return CG_OK;
	rc = admin_count(ctx->store, &admins, err);
	if (rc == CG_OK && admins > 0)
		rc = cg_fail(err, CG_DENIED,
			     "%s: the store already has an administrator: act as one with --as", what);
	return rc;
}

static enum cg_status audit_admin(struct cg_ctx *ctx, const struct cg_audit_ref *refs,
				  size_t nrefs, const char *detail, struct cg_error *err)
{
	struct cg_audit_event ev = {
		.op = CG_AUDIT_ADMINISTRATION,
		.records = refs,
		.nrecords = nrefs,
		.detail = detail,
		.recipients = NULL,
	};
	return cg_audit_append(ctx, &ev, NULL, err);
}

/* Looks up an agency's id by code; *found false when there is none. */
static enum cg_status agency_id(struct cg_store *st, const char *code, int64_t *id,
				bool *found, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_AGENCY_ID_BY_CODE, &s, err);

	*found = false;
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, code);
		rc = cg_stmt_step(s, found, err);
	}
	if (rc == CG_OK && *found)
		*id = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	return rc;
}

/* Looks up a user by name, disabled ones included. */
static enum cg_status user_by_name(struct cg_store *st, const char *username, int64_t *id,
				   bool *is_service, bool *found, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_USER_BY_NAME_ANY, &s, err);

	*found = false;
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, username);
		rc = cg_stmt_step(s, found, err);
	}
	if (rc == CG_OK && *found) {
		*id = cg_stmt_int64(s, 0);
		*is_service = cg_stmt_int64(s, 1) != 0;
	}
	cg_stmt_done(s);
	return rc;
}

/* Runs a statement that returns no rows. */
enum cg_status acct_run(struct cg_stmt *s, struct cg_error *err)
{
	bool row = false;
	return cg_stmt_step(s, &row, err);
}

/* ---- agencies ---- */

enum cg_status cg_agency_add(struct cg_ctx *ctx, const struct cg_agency_spec *spec,
			     int64_t *id, struct cg_error *err)
{
	static const char what[] = "agency add";
	struct cg_store *st = ctx->store;
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	char now[CG_TIMESTAMP_ISO_SIZE];
	int64_t parent_id = 0, new_id = 0, existing = 0;
	bool parent = spec->parent_code && *spec->parent_code, found = false;
	enum cg_status rc;

	rc = require_admin(ctx, true, what, err);
	if (rc == CG_OK)
		rc = check_code("agency code", spec->code, err);
	if (rc == CG_OK)
		rc = check_text("agency name", spec->name, true, err);
	if (rc == CG_OK && (unsigned)spec->type >= CG_AGENCY_TYPE_COUNT)
		rc = cg_fail(err, CG_INVALID, "agency type: out of range");
	if (rc == CG_OK && (unsigned)spec->level >= CG_LEVEL_COUNT)
		rc = cg_fail(err, CG_INVALID, "agency level: out of range");
	if (rc == CG_OK && parent)
		rc = check_code("parent agency code", spec->parent_code, err);
	if (rc == CG_OK)
		rc = check_text("agency contact", spec->contact, false, err);
	if (rc)
		return rc;

	rc = cg_store_begin(st, err);
	if (rc)
		return rc;
	rc = recheck_bootstrap(ctx, what, err);
	if (rc == CG_OK)
		rc = agency_id(st, spec->code, &existing, &found, err);
	if (rc == CG_OK && found)
		rc = cg_fail(err, CG_CONFLICT, "agency code %s is taken", spec->code);
	if (rc == CG_OK && parent) {
		rc = agency_id(st, spec->parent_code, &parent_id, &found, err);
		if (rc == CG_OK && !found)
			rc = cg_fail(err, CG_INVALID, "parent agency %s does not exist",
				     spec->parent_code);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_AGENCY_INSERT, &s, err);
	if (rc == CG_OK) {
		acct_iso_time(cg_now(), now);
		cg_stmt_bind_str(s, 1, spec->code);
		cg_stmt_bind_str(s, 2, spec->name);
		cg_stmt_bind_str(s, 3, cg_agency_type_name(spec->type));
		cg_stmt_bind_str(s, 4, cg_agency_level_name(spec->level));
		if (parent)
			cg_stmt_bind_int64(s, 5, parent_id);
		else
			cg_stmt_bind_null(s, 5);
		cg_stmt_bind_str(s, 6, spec->contact && *spec->contact ? spec->contact : NULL);
		cg_stmt_bind_str(s, 7, now);
		rc = acct_run(s, err);
		new_id = cg_store_last_id(st);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "agency add %s type=%s level=%s%s%s", spec->code,
				   cg_agency_type_name(spec->type),
				   cg_agency_level_name(spec->level), parent ? " parent=" : "",
				   parent ? spec->parent_code : "");
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "agency", new_id };
		rc = audit_admin(ctx, &ref, 1, detail.data, err);
	}
	rc = acct_finish(st, rc, err);
	cg_buf_release(&detail);
	if (rc == CG_OK && id)
		*id = new_id;
	return rc;
}

enum cg_status cg_agency_list(struct cg_ctx *ctx,
			      int (*fn)(const struct cg_agency_info *, void *),
			      void *arg, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_AGENCY_LIST, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_agency_info a = {
			.id = cg_stmt_int64(s, 0),
			.code = cg_stmt_text(s, 1),
			.name = cg_stmt_text(s, 2),
			.parent_code = cg_stmt_text(s, 5),
			.contact = cg_stmt_text(s, 6),
			.created_at = cg_stmt_text(s, 7),
		};
		rc = cg_agency_type_parse(cg_stmt_text(s, 3), &a.type, err);
		if (rc == CG_OK)
			rc = cg_agency_level_parse(cg_stmt_text(s, 4), &a.level, err);
		if (rc)
			rc = cg_error_prefix(err, "agency %s", a.code);
		else if (fn(&a, arg) != 0)
			break;
	}
	cg_stmt_done(s);
	return rc;
}

/* ---- users ---- */

/* Appends the role names of `roles` to b as "analyst,admin". */
static enum cg_status roles_text(unsigned roles, struct cg_buf *b, struct cg_error *err)
{
	enum cg_status rc = CG_OK;
	bool first = true;
	for (int i = 0; i < CG_ROLE_COUNT && rc == CG_OK; i++) {
		if (!(roles & (1u << i)))
			continue;
		rc = cg_buf_printf(b, err, "%s%s", first ? "" : ",",
				   cg_role_name((enum cg_role)(1u << i)));
		first = false;
	}
	return rc;
}

enum cg_status cg_user_add(struct cg_ctx *ctx, const struct cg_user_spec *spec,
			   int64_t *id, struct cg_error *err)
{
	static const char what[] = "user add";
	const unsigned all_roles = (1u << CG_ROLE_COUNT) - 1;
	struct cg_store *st = ctx->store;
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	char hash[crypto_pwhash_STRBYTES] = { 0 };
	char now[CG_TIMESTAMP_ISO_SIZE];
	enum cg_classification clearance;
	int64_t agency = 0, new_id = 0, existing = 0;
	bool found = false, service = false;
	const char *display = spec->display_name && *spec->display_name ? spec->display_name
									: spec->username;
	enum cg_status rc;

	rc = require_admin(ctx, true, what, err);
	if (rc == CG_OK && ctx->who.bootstrap && !(spec->roles & CG_ROLE_ADMIN))
		rc = cg_fail(err, CG_DENIED,
			     "%s: the first user must be an administrator (role admin)", what);
	if (rc == CG_OK)
		rc = check_username(spec->username, err);
	if (rc == CG_OK)
		rc = check_text("display name", display, true, err);
	if (rc == CG_OK)
		rc = check_code("agency code", spec->agency_code, err);
	if (rc == CG_OK && (spec->roles == 0 || (spec->roles & ~all_roles)))
		rc = cg_fail(err, CG_INVALID, "roles: at least one of analyst, pio, officer, "
					      "supervisor, admin, auditor");
	/* Reuse the vocabulary's parser for its message on OFFICIAL-SENSITIVE. */
	if (rc == CG_OK)
		rc = cg_clearance_parse(cg_classification_name(spec->clearance), &clearance, err);
	if (rc == CG_OK && spec->is_service && spec->password)
		rc = cg_fail(err, CG_INVALID,
			     "password: a service account never logs in, so it takes none");
	if (rc == CG_OK && spec->password)
		rc = check_password(spec->password, err);
	if (rc == CG_OK && spec->password) /* slow: before the transaction */
		rc = hash_password(spec->password, hash, err);
	if (rc)
		goto out;

	rc = cg_store_begin(st, err);
	if (rc)
		goto out;
	rc = recheck_bootstrap(ctx, what, err);
	if (rc == CG_OK)
		rc = user_by_name(st, spec->username, &existing, &service, &found, err);
	if (rc == CG_OK && found)
		rc = cg_fail(err, CG_CONFLICT, "username %s is taken", spec->username);
	if (rc == CG_OK) {
		rc = agency_id(st, spec->agency_code, &agency, &found, err);
		if (rc == CG_OK && !found)
			rc = cg_fail(err, CG_INVALID, "agency %s does not exist", spec->agency_code);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_USER_INSERT, &s, err);
	if (rc == CG_OK) {
		acct_iso_time(cg_now(), now);
		cg_stmt_bind_int64(s, 1, agency);
		cg_stmt_bind_str(s, 2, spec->username);
		cg_stmt_bind_str(s, 3, display);
		cg_stmt_bind_str(s, 4, cg_classification_name(clearance));
		cg_stmt_bind_int64(s, 5, spec->is_service ? 1 : 0);
		cg_stmt_bind_str(s, 6, spec->password ? hash : NULL);
		cg_stmt_bind_str(s, 7, now);
		rc = acct_run(s, err);
		new_id = cg_store_last_id(st);
	}
	cg_stmt_done(s);
	s = NULL;
	for (int i = 0; i < CG_ROLE_COUNT && rc == CG_OK; i++) {
		if (!(spec->roles & (1u << i)))
			continue;
		rc = cg_store_prepare_query(st, CG_Q_USER_ROLE_INSERT, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_int64(s, 1, new_id);
			cg_stmt_bind_str(s, 2, cg_role_name((enum cg_role)(1u << i)));
			rc = acct_run(s, err);
		}
		cg_stmt_done(s);
		s = NULL;
	}
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "user add %s agency=%s roles=", spec->username,
				   spec->agency_code);
	if (rc == CG_OK)
		rc = roles_text(spec->roles, &detail, err);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, " clearance=%s%s password=%s",
				   cg_classification_name(clearance),
				   spec->is_service ? " service" : "",
				   spec->password ? "set" : "none");
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "app_user", new_id };
		rc = audit_admin(ctx, &ref, 1, detail.data, err);
	}
	rc = acct_finish(st, rc, err);
	if (rc == CG_OK && id)
		*id = new_id;
out:
	sodium_memzero(hash, sizeof(hash));
	cg_buf_release(&detail);
	return rc;
}

/*
 * Changing a password also clears the failure count and any lock (an
 * administrator's reset is how a locked-out user gets back in early) and
 * revokes the user's open sessions, so a session opened by whoever knew the
 * old password ends with it.
 */
enum cg_status cg_user_set_password(struct cg_ctx *ctx, const char *username,
				    const char *password, struct cg_error *err)
{
	static const char what[] = "user passwd";
	struct cg_store *st = ctx->store;
	struct cg_stmt *s = NULL;
	struct cg_buf detail = CG_BUF_INIT;
	char hash[crypto_pwhash_STRBYTES] = { 0 };
	char now[CG_TIMESTAMP_ISO_SIZE];
	int64_t uid = 0;
	bool found = false, service = false;
	enum cg_status rc;

	if (ctx->who.bootstrap)
		return cg_fail(err, CG_DENIED, "%s: act as an administrator with --as", what);
	rc = check_username(username, err);
	if (rc)
		return rc;
	/* Anyone may change their own password; only admins anyone else's.
	 * Checked before looking the user up, so a non-admin learns nothing
	 * about which other usernames exist. */
	if (strcmp(username, ctx->who.username) != 0)
		rc = cg_ctx_require_role(ctx, CG_ROLE_ADMIN, what, err);
	if (rc == CG_OK)
		rc = user_by_name(st, username, &uid, &service, &found, err);
	if (rc == CG_OK && !found)
		rc = cg_fail(err, CG_NOT_FOUND, "no user called '%s'", username);
	if (rc == CG_OK && service)
		rc = cg_fail(err, CG_INVALID,
			     "password: %s is a service account, which never logs in", username);
	if (rc == CG_OK)
		rc = check_password(password, err);
	if (rc == CG_OK)
		rc = hash_password(password, hash, err);
	if (rc)
		goto out;

	rc = cg_store_begin(st, err);
	if (rc)
		goto out;
	acct_iso_time(cg_now(), now);
	rc = cg_store_prepare_query(st, CG_Q_USER_SET_PASSWORD, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, hash);
		cg_stmt_bind_int64(s, 2, uid);
		rc = acct_run(s, err);
		if (rc == CG_OK && cg_store_changes(st) != 1)
			rc = cg_fail(err, CG_NOT_FOUND, "no user called '%s'", username);
	}
	cg_stmt_done(s);
	s = NULL;
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_SESSION_REVOKE_USER, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, now);
		cg_stmt_bind_int64(s, 2, uid);
		rc = acct_run(s, err);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "user passwd %s (sessions revoked)", username);
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "app_user", uid };
		rc = audit_admin(ctx, &ref, 1, detail.data, err);
	}
	rc = acct_finish(st, rc, err);
out:
	sodium_memzero(hash, sizeof(hash));
	cg_buf_release(&detail);
	return rc;
}

/* Fills the roles and compartments of user `uid` for a listing. */
static enum cg_status user_extras(struct cg_store *st, int64_t uid, unsigned *roles,
				  struct cg_buf *comps, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_PRINCIPAL_ROLES, &s, err);

	*roles = 0;
	cg_buf_reset(comps);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, uid);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		enum cg_role r;
		rc = cg_role_parse(cg_stmt_text(s, 0), &r, err);
		*roles |= (unsigned)r;
	}
	cg_stmt_done(s);
	s = NULL;
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_PRINCIPAL_COMPARTMENTS, &s, err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, uid);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		rc = cg_buf_printf(comps, err, "%s%s", comps->len ? "," : "", cg_stmt_text(s, 0));
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_user_list(struct cg_ctx *ctx,
			    int (*fn)(const struct cg_user_info *, void *),
			    void *arg, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_buf comps = CG_BUF_INIT;
	int64_t now = cg_now();
	bool row = false;
	enum cg_status rc = cg_ctx_require_role(ctx, CG_ROLE_ADMIN | CG_ROLE_AUDITOR,
						"user list", err);

	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_USER_LIST, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		const char *locked_until = cg_stmt_text(s, 8);
		struct cg_user_info u = {
			.id = cg_stmt_int64(s, 0),
			.username = cg_stmt_text(s, 1),
			.display_name = cg_stmt_text(s, 2),
			.agency_code = cg_stmt_text(s, 3),
			.is_service = cg_stmt_int64(s, 5) != 0,
			.disabled = cg_stmt_int64(s, 6) != 0,
			.has_password = cg_stmt_int64(s, 7) != 0,
			.locked = *locked_until && acct_still_ahead(locked_until, now),
			.created_at = cg_stmt_text(s, 9),
		};
		rc = cg_clearance_parse(cg_stmt_text(s, 4), &u.clearance, err);
		if (rc == CG_OK)
			rc = user_extras(ctx->store, u.id, &u.roles, &comps, err);
		u.compartments = comps.data;
		if (rc)
			rc = cg_error_prefix(err, "user %s", u.username);
		else if (fn(&u, arg) != 0)
			break;
	}
	cg_stmt_done(s);
	cg_buf_release(&comps);
	return rc;
}

/* ---- compartments ---- */

struct compartment {
	int64_t id;
	int64_t owner_agency_id;
	char owner_code[CG_AGENCY_CODE_MAX + 1];
};

static enum cg_status compartment_by_code(struct cg_store *st, const char *code,
					  struct compartment *c, bool *found,
					  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_COMPARTMENT_BY_CODE, &s, err);

	*found = false;
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, code);
		rc = cg_stmt_step(s, found, err);
	}
	if (rc == CG_OK && *found) {
		c->id = cg_stmt_int64(s, 0);
		c->owner_agency_id = cg_stmt_int64(s, 1);
		acct_copy_text(c->owner_code, sizeof(c->owner_code), cg_stmt_text(s, 2));
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_compartment_add(struct cg_ctx *ctx, const char *code,
				  const char *name, struct cg_error *err)
{
	static const char what[] = "compartment add";
	struct cg_store *st = ctx->store;
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	struct compartment existing;
	char now[CG_TIMESTAMP_ISO_SIZE];
	int64_t new_id = 0;
	bool found = false;
	enum cg_status rc;

	rc = require_admin(ctx, false, what, err);
	if (rc == CG_OK)
		rc = check_code("compartment code", code, err);
	if (rc == CG_OK)
		rc = check_text("compartment name", name, true, err);
	if (rc)
		return rc;

	rc = cg_store_begin(st, err);
	if (rc)
		return rc;
	rc = compartment_by_code(st, code, &existing, &found, err);
	if (rc == CG_OK && found)
		rc = cg_fail(err, CG_CONFLICT, "compartment code %s is taken", code);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_COMPARTMENT_INSERT, &s, err);
	if (rc == CG_OK) {
		acct_iso_time(cg_now(), now);
		cg_stmt_bind_str(s, 1, code);
		cg_stmt_bind_str(s, 2, name);
		cg_stmt_bind_int64(s, 3, ctx->who.agency_id);
		cg_stmt_bind_str(s, 4, now);
		rc = acct_run(s, err);
		new_id = cg_store_last_id(st);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "compartment add %s owner=%s", code,
				   ctx->who.agency_code);
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "compartment", new_id };
		rc = audit_admin(ctx, &ref, 1, detail.data, err);
	}
	rc = acct_finish(st, rc, err);
	cg_buf_release(&detail);
	return rc;
}

/*
 * A compartment belongs to the agency whose administrator created it, and
 * only that agency's administrators may let users into it: need-to-know
 * for a named operation is the owning agency's decision, not that of any
 * administrator of any agency sharing the store.
 */
enum cg_status cg_compartment_grant(struct cg_ctx *ctx, const char *code,
				    const char *username, struct cg_error *err)
{
	static const char what[] = "compartment grant";
	struct cg_store *st = ctx->store;
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	struct compartment c = { 0 };
	int64_t uid = 0;
	bool found = false, service = false, held = false;
	enum cg_status rc;

	rc = require_admin(ctx, false, what, err);
	if (rc == CG_OK)
		rc = check_code("compartment code", code, err);
	if (rc == CG_OK)
		rc = check_username(username, err);
	if (rc)
		return rc;

	rc = cg_store_begin(st, err);
	if (rc)
		return rc;
	rc = compartment_by_code(st, code, &c, &found, err);
	if (rc == CG_OK && !found)
		rc = cg_fail(err, CG_NOT_FOUND, "no compartment %s", code);
	if (rc == CG_OK && c.owner_agency_id != ctx->who.agency_id)
		rc = cg_fail(err, CG_DENIED,
			     "%s: compartment %s belongs to agency %s; only its administrators "
			     "may grant it", what, code, c.owner_code);
	if (rc == CG_OK)
		rc = user_by_name(st, username, &uid, &service, &found, err);
	if (rc == CG_OK && !found)
		rc = cg_fail(err, CG_NOT_FOUND, "no user called '%s'", username);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_USER_COMPARTMENT_HELD, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, uid);
		cg_stmt_bind_int64(s, 2, c.id);
		rc = cg_stmt_step(s, &held, err);
	}
	cg_stmt_done(s);
	s = NULL;
	if (rc == CG_OK && held)
		rc = cg_fail(err, CG_CONFLICT, "user %s already holds compartment %s", username,
			     code);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_USER_COMPARTMENT_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, uid);
		cg_stmt_bind_int64(s, 2, c.id);
		rc = acct_run(s, err);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_buf_printf(&detail, err, "compartment grant %s %s", code, username);
	if (rc == CG_OK) {
		struct cg_audit_ref refs[2] = { { "compartment", c.id }, { "app_user", uid } };
		rc = audit_admin(ctx, refs, 2, detail.data, err);
	}
	rc = acct_finish(st, rc, err);
	cg_buf_release(&detail);
	return rc;
}
