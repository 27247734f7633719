/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * account.h - agencies, users, compartments, passwords and sessions
 * (access layer).
 *
 * Administration (agencies, users, compartments) needs the admin role, or
 * the bootstrap context while the store has no administrator (context.h):
 * `cg init` creates no default password, and the first agency and admin are
 * made from the local command line. Every change writes an "administration"
 * audit entry.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str,
 * interactive limits). Session tokens are 32 random bytes, given to the
 * client once as "cgs_" and 43 base64url characters and stored only as
 * their BLAKE2b hash, with an expiry; logout revokes the row, so a token cannot be reused.
 * After CG_LOGIN_MAX_FAILURES consecutive wrong passwords an account is
 * locked for CG_LOCKOUT_SECONDS. Logins, failures, lockouts and logouts
 * write "authentication" audit entries. No password or token ever reaches a
 * log, an audit entry or an error message.
 */
#ifndef CG_ACCESS_ACCOUNT_H
#define CG_ACCESS_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "access/context.h"
#include "access/trust.h"

#define CG_LOGIN_MAX_FAILURES 5
#define CG_LOCKOUT_SECONDS (15 * 60)
#define CG_SESSION_DEFAULT_TTL (8 * 60 * 60)
#define CG_PASSWORD_MIN 12
#define CG_PASSWORD_MAX 1024
/* Session tokens are "cgs_" and 43 base64url characters. The prefix makes a
 * leaked token recognisable to secret scanners, and means a token never
 * starts with '-', which a command line would read as an option. */
#define CG_SESSION_TOKEN_PREFIX "cgs_"
#define CG_SESSION_TOKEN_SIZE 48 /* prefix, 43 characters and the NUL */

struct cg_agency_spec {
	const char *code;        /* 1-32 of [A-Z0-9_-], e.g. "MPS", "HMP-BIRMINGHAM" */
	const char *name;
	enum cg_agency_type type;
	enum cg_agency_level level;
	const char *parent_code; /* NULL for none; must exist */
	const char *contact;     /* e.g. the intelligence desk's phone; may be NULL */
};

/* Adds an agency. CG_CONFLICT if the code is taken, CG_INVALID for a bad
 * code or unknown parent, CG_DENIED without the admin role. */
enum cg_status cg_agency_add(struct cg_ctx *ctx, const struct cg_agency_spec *spec,
			     int64_t *id, struct cg_error *err);

struct cg_user_spec {
	const char *username;     /* 1-64 of [a-z0-9._-] */
	const char *display_name; /* NULL: the username */
	const char *agency_code;
	unsigned roles;           /* enum cg_role bits; at least one */
	enum cg_classification clearance; /* OFFICIAL, SECRET or TOP SECRET */
	bool is_service;          /* a batch job's account: never logs in */
	const char *password;     /* NULL: no password (CLI-only or service) */
};

/* Adds a user. The bootstrap context may only add a user with the admin
 * role. CG_CONFLICT if the username is taken. */
enum cg_status cg_user_add(struct cg_ctx *ctx, const struct cg_user_spec *spec,
			   int64_t *id, struct cg_error *err);

/* Sets a user's password (admin, or the user themselves). CG_INVALID when
 * shorter than CG_PASSWORD_MIN or longer than CG_PASSWORD_MAX bytes. */
enum cg_status cg_user_set_password(struct cg_ctx *ctx, const char *username,
				    const char *password, struct cg_error *err);

/* Creates a compartment (e.g. a named operation) owned by the admin's agency. */
enum cg_status cg_compartment_add(struct cg_ctx *ctx, const char *code,
				  const char *name, struct cg_error *err);

/* Adds a user to a compartment (admin). */
enum cg_status cg_compartment_grant(struct cg_ctx *ctx, const char *code,
				    const char *username, struct cg_error *err);

/* One agency as listed. Strings are borrowed for the callback's duration. */
struct cg_agency_info {
	int64_t id;
	const char *code;
	const char *name;
	enum cg_agency_type type;
	enum cg_agency_level level;
	const char *parent_code; /* "" for none */
	const char *contact;     /* "" for none */
	const char *created_at;  /* UTC ISO 8601 */
};

/* Calls `fn` for every agency in code order; a non-zero return stops the
 * walk. Any principal may list agencies (users need them to know whom to
 * contact). Not audited: it reads no intelligence and no personal data. */
enum cg_status cg_agency_list(struct cg_ctx *ctx,
			      int (*fn)(const struct cg_agency_info *, void *),
			      void *arg, struct cg_error *err);

/* One user as listed. Strings are borrowed for the callback's duration;
 * never holds the password hash. */
struct cg_user_info {
	int64_t id;
	const char *username;
	const char *display_name;
	const char *agency_code;
	unsigned roles;                   /* enum cg_role bits */
	enum cg_classification clearance;
	const char *compartments;         /* sorted comma-separated codes; "" if none */
	bool is_service;
	bool disabled;
	bool has_password;                /* false: cannot log in */
	bool locked;                      /* locked out now after failed logins */
	const char *created_at;           /* UTC ISO 8601 */
};

/* Calls `fn` for every user in username order; a non-zero return stops
 * the walk. Needs the admin or auditor role (CG_DENIED otherwise). */
enum cg_status cg_user_list(struct cg_ctx *ctx,
			    int (*fn)(const struct cg_user_info *, void *),
			    void *arg, struct cg_error *err);

/*
 * Checks a username and password and opens a session of `ttl_seconds`
 * (0 for CG_SESSION_DEFAULT_TTL), writing its token into `token`. Wrong
 * username, wrong password, a locked, disabled or service account all give
 * CG_AUTH with the same message, so the answer does not reveal which.
 */
enum cg_status cg_login(struct cg_store *st, const char *username,
			const char *password, int64_t ttl_seconds,
			char token[CG_SESSION_TOKEN_SIZE], struct cg_error *err);

/* Resolves a session token to its principal. CG_AUTH when the token is
 * unknown, expired or revoked. */
enum cg_status cg_session_resolve(struct cg_store *st, const char *token,
				  struct cg_principal *out, struct cg_error *err);

/* Revokes a session. CG_AUTH when the token is unknown or already revoked. */
enum cg_status cg_logout(struct cg_store *st, const char *token, struct cg_error *err);

#endif
