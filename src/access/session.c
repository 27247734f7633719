/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session.c - logins, session tokens and logout (access layer).
 *
 * Runs without a context, since nobody is known yet: it writes
 * "authentication" entries through cg_audit_append_as. Tokens leave this
 * file once, in cg_login's output, and are stored only as their BLAKE2b-256
 * hash; no password, hash or token reaches an error message or an audit
 * entry. See account.h for the contract.
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

/* Longest session a caller may ask for: 30 days. */
#define SESSION_TTL_MAX (30 * 24 * 60 * 60)
#define TOKEN_RAW_BYTES 32
#define TOKEN_PREFIX_LEN (sizeof(CG_SESSION_TOKEN_PREFIX) - 1)
#define TOKEN_TEXT_LEN (CG_SESSION_TOKEN_SIZE - 1)
#define TOKEN_HASH_BYTES crypto_generichash_BYTES

_Static_assert(TOKEN_PREFIX_LEN + sodium_base64_ENCODED_LEN(TOKEN_RAW_BYTES,
					 sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
		       CG_SESSION_TOKEN_SIZE,
	       "a session token is the prefix, 43 base64url characters and a NUL");
_Static_assert(TOKEN_HASH_BYTES == 32, "token hashes are BLAKE2b-256");

/*
 * One message for every failed login, whatever the reason, so that the
 * answer does not tell an attacker which usernames exist, which accounts are
 * locked, disabled or service accounts. The reason goes to the audit log.
 */
static const char login_failed[] = "wrong username or password";
static const char session_invalid[] = "session token is unknown, expired or revoked";

/*
 * An Argon2id hash with libsodium's interactive limits (of a password
 * nobody uses), verified against when the username is unknown or cannot log
 * in, so that such an attempt costs the same time as a wrong password and
 * timing does not reveal which usernames exist.
 */
static const char dummy_hash[] =
	"$argon2id$v=19$m=65536,t=2,p=1$s6gCio0HHmZx1W37BSpMAQ$"
	"kRxJ2naArlUMweLWK+a2sitF9tvT/FJa9q+AQzDpz1k";

/* Is the stored expiry `iso` still ahead at `now`? Text that is not a
 * timestamp counts as expired: a damaged expiry fails closed too. */
static bool still_valid(const char *iso, int64_t now)
{
	int64_t t = 0;
	if (cg_timestamp_parse_iso(iso, &t, NULL) != CG_OK)
		return false;
	return t > now;
}

/*
 * Hashes a token as the client presents it. Anything but the prefix and 43
 * base64url characters cannot be a token we issued and is refused without
 * a look-up.
 * The hash is unkeyed BLAKE2b-256 of the text: the token carries 256 random
 * bits, so its hash cannot be reversed or guessed, and a copy of the store
 * gives no usable token.
 */
static bool token_hash(const char *token, unsigned char out[TOKEN_HASH_BYTES])
{
	size_t n = token ? strnlen(token, TOKEN_TEXT_LEN + 1) : 0;

	if (n != TOKEN_TEXT_LEN || memcmp(token, CG_SESSION_TOKEN_PREFIX, TOKEN_PREFIX_LEN) != 0)
		return false;
	for (size_t i = TOKEN_PREFIX_LEN; i < n; i++) {
		char c = token[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	crypto_generichash(out, TOKEN_HASH_BYTES, (const unsigned char *)token, n, NULL, 0);
	return true;
}

/* A new token: the prefix and 32 bytes from the system's CSPRNG as
 * base64url text. */
static void make_token(char token[CG_SESSION_TOKEN_SIZE])
{
	unsigned char raw[TOKEN_RAW_BYTES];
	randombytes_buf(raw, sizeof(raw));
	memcpy(token, CG_SESSION_TOKEN_PREFIX, TOKEN_PREFIX_LEN);
	sodium_bin2base64(token + TOKEN_PREFIX_LEN, CG_SESSION_TOKEN_SIZE - TOKEN_PREFIX_LEN, raw,
			  sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* The username as typed, made safe for the audit log: at most
 * CG_USERNAME_MAX bytes, anything but printable ASCII as '?', "-" when
 * empty. A password typed into the username field would still be logged,
 * which is why the cap is short and why audit readers are vetted. */
static void printable_name(const char *in, char out[CG_USERNAME_MAX + 1])
{
	size_t n = 0;
	for (; in && in[n] && n < CG_USERNAME_MAX; n++)
		out[n] = (in[n] > 0x20 && in[n] < 0x7f) ? in[n] : '?';
	out[n] = '\0';
	if (n == 0)
		memcpy(out, "-", 2);
}

/* What cg_login found out about the username, outside its transaction. */
struct login_account {
	bool found;
	int64_t id;
	bool usable;       /* enabled, not a service account, has a password */
	const char *why;   /* when not usable: the reason, for the audit log */
	char agency_code[CG_AGENCY_CODE_MAX + 1];
	char hash[crypto_pwhash_STRBYTES];
};

static enum cg_status login_lookup(struct cg_store *st, const char *username,
				   struct login_account *a, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_LOGIN_LOOKUP, &s, err);

	memset(a, 0, sizeof(*a));
	a->why = "login failed: unknown user";
	memcpy(a->agency_code, "-", 2);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, username);
		rc = cg_stmt_step(s, &a->found, err);
	}
	if (rc == CG_OK && a->found) {
		const char *hash = cg_stmt_text(s, 1);
		a->id = cg_stmt_int64(s, 0);
		acct_copy_text(a->agency_code, sizeof(a->agency_code), cg_stmt_text(s, 4));
		if (cg_stmt_int64(s, 3) != 0)
			a->why = "login failed: account disabled";
		else if (cg_stmt_int64(s, 2) != 0)
			a->why = "login failed: service account";
		else if (cg_stmt_is_null(s, 1) || strlen(hash) >= sizeof(a->hash))
			a->why = "login failed: no password set";
		else {
			acct_copy_text(a->hash, sizeof(a->hash), hash);
			a->usable = true;
			a->why = NULL;
		}
	}
	cg_stmt_done(s);
	return rc;
}

/* Reads the failure count and lock inside the login's transaction. */
static enum cg_status login_state(struct cg_store *st, int64_t uid, int64_t *failures,
				  char locked_until[CG_TIMESTAMP_ISO_SIZE + 16],
				  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_LOGIN_STATE, &s, err);

	*failures = 0;
	locked_until[0] = '\0';
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, uid);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row) {
		*failures = cg_stmt_int64(s, 0);
		if (!cg_stmt_is_null(s, 1))
			acct_copy_text(locked_until, CG_TIMESTAMP_ISO_SIZE + 16, cg_stmt_text(s, 1));
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status login_record(struct cg_store *st, int64_t uid, int64_t failures,
				   const char *locked_until, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_LOGIN_RECORD, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, failures);
		cg_stmt_bind_str(s, 2, locked_until);
		cg_stmt_bind_int64(s, 3, uid);
		rc = acct_run(s, err);
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status session_insert(struct cg_store *st, int64_t uid,
				     const char token[CG_SESSION_TOKEN_SIZE], int64_t now,
				     int64_t ttl, int64_t *sid, struct cg_error *err)
{
	unsigned char h[TOKEN_HASH_BYTES];
	char created[CG_TIMESTAMP_ISO_SIZE], expires[CG_TIMESTAMP_ISO_SIZE];
	struct cg_stmt *s = NULL;
	bool well_formed = token_hash(token, h);
	enum cg_status rc;

	CG_ASSERT(well_formed);
	acct_iso_time(now, created);
	acct_iso_time(now + ttl, expires);
	rc = cg_store_prepare_query(st, CG_Q_SESSION_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, uid);
		cg_stmt_bind_blob(s, 2, h, sizeof(h));
		cg_stmt_bind_str(s, 3, created);
		cg_stmt_bind_str(s, 4, expires);
		rc = acct_run(s, err);
		*sid = cg_store_last_id(st);
	}
	cg_stmt_done(s);
	return rc;
}

/*
 * The login's decision and bookkeeping, inside its transaction. Sets *ok
 * and, on success, writes the token. The rules:
 *  - an account that cannot log in (unknown, disabled, service, no
 *    password) fails and changes nothing but the audit log;
 *  - while locked_until lies ahead, every attempt fails, the right password
 *    included, without extending the lock;
 *  - a wrong password counts one failure (counting from zero again once an
 *    earlier lock has run out); reaching CG_LOGIN_MAX_FAILURES locks the
 *    account for CG_LOCKOUT_SECONDS;
 *  - the right password resets the count, clears the lock and opens a
 *    session.
 */
static enum cg_status login_decide(struct cg_store *st, const struct login_account *a,
				   bool verified, const char *audit_name, int64_t now,
				   int64_t ttl, bool *ok, char token[CG_SESSION_TOKEN_SIZE],
				   struct cg_error *err)
{
	char locked_until[CG_TIMESTAMP_ISO_SIZE + 16], until[CG_TIMESTAMP_ISO_SIZE] = "";
	char detail[96];
	int64_t failures = 0, sid = 0;
	struct cg_audit_ref refs[2];
	size_t nrefs = 0;
	enum cg_status rc = CG_OK;

	*ok = false;
	if (a->found)
		refs[nrefs++] = (struct cg_audit_ref){ "app_user", a->id };
	if (!a->usable) {
		snprintf(detail, sizeof(detail), "%s", a->why);
	} else {
		rc = login_state(st, a->id, &failures, locked_until, err);
		bool lock_set = rc == CG_OK && locked_until[0];
		if (rc) {
			/* fall through to the end */
		} else if (lock_set && acct_still_ahead(locked_until, now)) {
			snprintf(detail, sizeof(detail), "account locked");
		} else if (verified) {
			make_token(token);
			rc = session_insert(st, a->id, token, now, ttl, &sid, err);
			if (rc == CG_OK)
				rc = login_record(st, a->id, 0, NULL, err);
			refs[nrefs++] = (struct cg_audit_ref){ "user_session", sid };
			snprintf(detail, sizeof(detail), "login ok");
			*ok = rc == CG_OK;
		} else {
			failures = (lock_set ? 0 : failures) + 1;
			if (failures >= CG_LOGIN_MAX_FAILURES) {
				acct_iso_time(now + CG_LOCKOUT_SECONDS, until);
				snprintf(detail, sizeof(detail),
					 "login failed: wrong password; account locked until %s", until);
			} else {
				snprintf(detail, sizeof(detail),
					 "login failed: wrong password (%lld of %d)",
					 (long long)failures, CG_LOGIN_MAX_FAILURES);
			}
			rc = login_record(st, a->id, failures,
					  failures >= CG_LOGIN_MAX_FAILURES ? until : NULL, err);
		}
	}
	if (rc == CG_OK) {
		struct cg_audit_event ev = {
			.op = CG_AUDIT_AUTHENTICATION,
			.records = refs,
			.nrecords = nrefs,
			.detail = detail,
			.recipients = NULL,
		};
		rc = cg_audit_append_as(st, a->found ? a->id : 0, audit_name, a->agency_code,
					NULL, &ev, NULL, err);
	}
	if (rc) {
		*ok = false;
		sodium_memzero(token, CG_SESSION_TOKEN_SIZE);
	}
	return rc;
}

enum cg_status cg_login(struct cg_store *st, const char *username,
			const char *password, int64_t ttl_seconds,
			char token[CG_SESSION_TOKEN_SIZE], struct cg_error *err)
{
	struct login_account a;
	char audit_name[CG_USERNAME_MAX + 1];
	const char *pw = password ? password : "";
	size_t pwlen = strlen(pw);
	bool verified = false, ok = false;
	int64_t now;
	enum cg_status rc;

	memset(token, 0, CG_SESSION_TOKEN_SIZE);
	rc = acct_crypto_ready(err);
	if (rc)
		return rc;
	if (ttl_seconds < 0 || ttl_seconds > SESSION_TTL_MAX)
		return cg_fail(err, CG_INVALID,
			       "session lifetime %lld s: must be 1 to %d seconds (0 for %d)",
			       (long long)ttl_seconds, SESSION_TTL_MAX, CG_SESSION_DEFAULT_TTL);
	if (ttl_seconds == 0)
		ttl_seconds = CG_SESSION_DEFAULT_TTL;
	printable_name(username, audit_name);

	rc = login_lookup(st, username ? username : "", &a, err);
	if (rc)
		return rc;
	/*
	 * The slow Argon2id check runs before the transaction, so logins do
	 * not hold the store's write lock while hashing. An account that
	 * cannot log in is checked against a dummy hash, so a failure costs
	 * the same time whatever its reason. A password over CG_PASSWORD_MAX
	 * cannot be right and is not hashed at all.
	 */
	if (pwlen <= CG_PASSWORD_MAX) {
		const char *against = a.usable ? a.hash : dummy_hash;
		verified = crypto_pwhash_str_verify(against, pw, pwlen) == 0 && a.usable;
	}
	sodium_memzero(a.hash, sizeof(a.hash));

	now = cg_now();
	rc = cg_store_begin(st, err);
	if (rc == CG_OK) {
		rc = login_decide(st, &a, verified, audit_name, now, ttl_seconds, &ok, token, err);
		rc = acct_finish(st, rc, err);
	}
	if (rc) {
		sodium_memzero(token, CG_SESSION_TOKEN_SIZE);
		return rc;
	}
	if (!ok)
		return cg_fail(err, CG_AUTH, "%s", login_failed);
	return CG_OK;
}

/* A session row as found by its token's hash. */
struct session_row {
	int64_t id;
	int64_t user_id;
	bool expired;
	bool revoked;
	char username[CG_USERNAME_MAX + 1];
	char agency_code[CG_AGENCY_CODE_MAX + 1];
};

/* Finds the session of `token`; *found false for a malformed or unknown
 * token. */
static enum cg_status session_find(struct cg_store *st, const char *token,
				   struct session_row *r, bool *found, struct cg_error *err)
{
	unsigned char h[TOKEN_HASH_BYTES];
	struct cg_stmt *s = NULL;
	enum cg_status rc;

	memset(r, 0, sizeof(*r));
	*found = false;
	rc = acct_crypto_ready(err);
	if (rc || !token_hash(token, h))
		return rc;
	rc = cg_store_prepare_query(st, CG_Q_SESSION_BY_HASH, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_blob(s, 1, h, sizeof(h));
		rc = cg_stmt_step(s, found, err);
	}
	if (rc == CG_OK && *found) {
		r->id = cg_stmt_int64(s, 0);
		r->user_id = cg_stmt_int64(s, 1);
		r->expired = !still_valid(cg_stmt_text(s, 2), cg_now());
		r->revoked = !cg_stmt_is_null(s, 3);
		acct_copy_text(r->username, sizeof(r->username), cg_stmt_text(s, 4));
		acct_copy_text(r->agency_code, sizeof(r->agency_code), cg_stmt_text(s, 5));
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_session_resolve(struct cg_store *st, const char *token,
				  struct cg_principal *out, struct cg_error *err)
{
	struct session_row r;
	bool found = false;
	enum cg_status rc = session_find(st, token, &r, &found, err);

	if (rc)
		return rc;
	if (!found || r.revoked || r.expired)
		return cg_fail(err, CG_AUTH, "%s", session_invalid);
	rc = cg_principal_load_id(st, r.user_id, out, err);
	/* The user was disabled after the session opened: the session ends. */
	if (rc == CG_NOT_FOUND) {
		cg_error_clear(err);
		return cg_fail(err, CG_AUTH, "%s", session_invalid);
	}
	return rc;
}

enum cg_status cg_logout(struct cg_store *st, const char *token, struct cg_error *err)
{
	struct session_row r;
	struct cg_stmt *s = NULL;
	char now[CG_TIMESTAMP_ISO_SIZE];
	bool found = false;
	enum cg_status rc = session_find(st, token, &r, &found, err);

	if (rc)
		return rc;
	if (!found || r.revoked)
		return cg_fail(err, CG_AUTH, "session token is unknown or already revoked");
	rc = cg_store_begin(st, err);
	if (rc)
		return rc;
	acct_iso_time(cg_now(), now);
	rc = cg_store_prepare_query(st, CG_Q_SESSION_REVOKE, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, now);
		cg_stmt_bind_int64(s, 2, r.id);
		rc = acct_run(s, err);
		/* Another logout of the same token got there first. */
		if (rc == CG_OK && cg_store_changes(st) != 1)
			rc = cg_fail(err, CG_AUTH, "session token is unknown or already revoked");
	}
	cg_stmt_done(s);
	if (rc == CG_OK) {
		struct cg_audit_ref refs[2] = { { "app_user", r.user_id }, { "user_session", r.id } };
		struct cg_audit_event ev = {
			.op = CG_AUDIT_AUTHENTICATION,
			.records = refs,
			.nrecords = 2,
			.detail = "logout",
			.recipients = NULL,
		};
		rc = cg_audit_append_as(st, r.user_id, r.username, r.agency_code, NULL, &ev, NULL,
					err);
	}
	return acct_finish(st, rc, err);
}
