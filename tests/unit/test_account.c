/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_account.c - unit tests for access/account.c: the bootstrap of the
 * first agency and administrator, who may administer, validation of codes,
 * usernames, clearances and passwords, compartments, logins with one
 * message for every failure, lockout, session tokens (expiry, logout,
 * reuse), that no password or token reaches the store or the audit log in
 * clear, and that every change wrote its audit entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/account.h"
#include "access/audit.h"
#include "store/store.h"

#define ROOT_PW "root password is long enough"
#define ALICE_PW "alice secret phrase 42"

struct fixture {
	char dir[64];
	char path[96];
	struct cg_store *st;
	struct cg_ctx admin; /* "root", admin of MPS; set up by seed() */
	bool has_admin;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct cg_error err = CG_ERROR_INIT;
	int from = 0, to = 0;

	snprintf(f->dir, sizeof(f->dir), "/tmp/cg-test-account-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/s.db", f->dir);
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &f->st, &err), CG_OK);
	assert_int_equal(cg_store_migrate(f->st, &from, &to, &err), CG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	if (f->has_admin)
		cg_ctx_release(&f->admin);
	cg_store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static int64_t count(struct cg_store *st, const char *sql)
{
	int64_t n = -1;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_store_query_int64(st, sql, &n, &err), CG_OK);
	return n;
}

static void exec(struct cg_store *st, const char *sql)
{
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_store_exec(st, sql, &err), CG_OK);
}

static struct cg_agency_spec agency(const char *code, enum cg_agency_type type,
				    const char *parent)
{
	struct cg_agency_spec a = { code, "An agency", type, CG_LEVEL_LOCAL, parent, NULL };
	return a;
}

static struct cg_user_spec user(const char *name, const char *agency_code, unsigned roles,
				const char *password)
{
	struct cg_user_spec u = { name, NULL, agency_code, roles, CG_CLASS_SECRET, false,
				  password };
	return u;
}

/*
 * The set-up most tests start from: agencies MPS and HMP-B, administrator
 * root (MPS) via the bootstrap, then as root: alice (analyst, supervisor;
 * MPS; password), carol (auditor; MPS), bob (admin; HMP-B), batch (service
 * account) and nopass (no password); compartment OP-ALPHA owned by MPS,
 * granted to alice.
 */
static void seed(struct fixture *f)
{
	struct cg_ctx boot;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_agency_spec mps = agency("MPS", CG_AGENCY_POLICE_FORCE, NULL);
	struct cg_agency_spec hmp = agency("HMP-B", CG_AGENCY_PRISON, NULL);
	struct cg_user_spec root = user("root", "MPS", CG_ROLE_ADMIN, ROOT_PW);
	struct cg_user_spec alice = user("alice", "MPS", CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR,
					 ALICE_PW);
	struct cg_user_spec carol = user("carol", "MPS", CG_ROLE_AUDITOR, NULL);
	struct cg_user_spec bob = user("bob", "HMP-B", CG_ROLE_ADMIN, NULL);
	struct cg_user_spec batch = user("batch", "MPS", CG_ROLE_ANALYST, NULL);
	struct cg_user_spec nopass = user("nopass", "MPS", CG_ROLE_ANALYST, NULL);

	batch.is_service = true;
	alice.display_name = "Alice Analyst";
	alice.clearance = CG_CLASS_TOP_SECRET;
	assert_int_equal(cg_ctx_init_bootstrap(&boot, f->st, &err), CG_OK);
	assert_int_equal(cg_agency_add(&boot, &mps, NULL, &err), CG_OK);
	assert_int_equal(cg_agency_add(&boot, &hmp, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&boot, &root, NULL, &err), CG_OK);
	cg_ctx_release(&boot);

	assert_int_equal(cg_ctx_init(&f->admin, f->st, "root", NULL, &err), CG_OK);
	f->has_admin = true;
	assert_int_equal(cg_user_add(&f->admin, &alice, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&f->admin, &carol, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&f->admin, &bob, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&f->admin, &batch, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&f->admin, &nopass, NULL, &err), CG_OK);
	assert_int_equal(cg_compartment_add(&f->admin, "OP-ALPHA", "Operation Alpha", &err), CG_OK);
	assert_int_equal(cg_compartment_grant(&f->admin, "OP-ALPHA", "alice", &err), CG_OK);
}

/* ---- bootstrap and authorisation ---- */

static void bootstrap_creates_agency_and_first_admin(void **state)
{
	struct fixture *f = *state;
	struct cg_ctx boot, again;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_agency_spec mps = agency("MPS", CG_AGENCY_POLICE_FORCE, NULL);
	struct cg_agency_spec other = agency("NCA", CG_AGENCY_NATIONAL_UNIT, NULL);
	struct cg_user_spec analyst = user("alice", "MPS", CG_ROLE_ANALYST, NULL);
	struct cg_user_spec admin = user("root", "MPS", CG_ROLE_ADMIN | CG_ROLE_AUDITOR, ROOT_PW);
	int64_t aid = 0, uid = 0;

	assert_int_equal(cg_ctx_init_bootstrap(&boot, f->st, &err), CG_OK);
	assert_int_equal(cg_agency_add(&boot, &mps, &aid, &err), CG_OK);
	assert_true(aid > 0);
	/* The bootstrap adds administrators only, and nothing else. */
	assert_int_equal(cg_user_add(&boot, &analyst, NULL, &err), CG_DENIED);
	assert_non_null(strstr(err.message, "administrator"));
	assert_int_equal(cg_compartment_add(&boot, "OPX", "Operation X", &err), CG_DENIED);
	assert_int_equal(cg_user_add(&boot, &admin, &uid, &err), CG_OK);
	assert_true(uid > 0);
	/* Once an administrator exists, the same bootstrap context can do no
	 * more, and no new one can be set up. */
	assert_int_equal(cg_agency_add(&boot, &other, NULL, &err), CG_DENIED);
	assert_non_null(strstr(err.message, "already has an administrator"));
	cg_ctx_release(&boot);
	assert_int_equal(cg_ctx_init_bootstrap(&again, f->st, &err), CG_DENIED);
	cg_ctx_release(&again);

	assert_int_equal(count(f->st, "SELECT count(*) FROM agency"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM user_role WHERE user_id = 1"), 2);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " operation = 'administration' AND username = 'bootstrap'"
				      " AND user_id IS NULL"),
			 2);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'agency add MPS type=police_force level=local'"
				      " AND records = '[\"agency:1\"]'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'user add root agency=MPS roles=admin,auditor"
				      " clearance=SECRET password=set'"
				      " AND records = '[\"app_user:1\"]'"),
			 1);
	/* Refused attempts left nothing behind. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry"), 2);
}

static void non_admin_is_denied(void **state)
{
	struct fixture *f = *state;
	struct cg_ctx alice, carol;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_agency_spec nca = agency("NCA", CG_AGENCY_NATIONAL_UNIT, NULL);
	struct cg_user_spec eve = user("eve", "MPS", CG_ROLE_ADMIN, NULL);
	int64_t before;

	seed(f);
	before = count(f->st, "SELECT count(*) FROM audit_entry");
	assert_int_equal(cg_ctx_init(&alice, f->st, "alice", NULL, &err), CG_OK);
	assert_int_equal(cg_agency_add(&alice, &nca, NULL, &err), CG_DENIED);
	assert_non_null(strstr(err.message, "alice"));
	assert_int_equal(cg_user_add(&alice, &eve, NULL, &err), CG_DENIED);
	assert_int_equal(cg_compartment_add(&alice, "OPX", "Operation X", &err), CG_DENIED);
	assert_int_equal(cg_compartment_grant(&alice, "OP-ALPHA", "carol", &err), CG_DENIED);
	assert_int_equal(cg_user_set_password(&alice, "root", "a new long password", &err),
			 CG_DENIED);
	assert_int_equal(cg_user_list(&alice, NULL, NULL, &err), CG_DENIED);
	/* ... but may change her own password. */
	assert_int_equal(cg_user_set_password(&alice, "alice", "alice new phrase!", &err), CG_OK);
	cg_ctx_release(&alice);

	/* An auditor may list users, not change them. */
	assert_int_equal(cg_ctx_init(&carol, f->st, "carol", NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&carol, &eve, NULL, &err), CG_DENIED);
	cg_ctx_release(&carol);

	assert_int_equal(count(f->st, "SELECT count(*) FROM agency WHERE code = 'NCA'"), 0);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE username = 'eve'"), 0);
	/* Only the password change was logged. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry"), before + 1);
}

static void compartment_is_granted_by_its_owner_only(void **state)
{
	struct fixture *f = *state;
	struct cg_ctx bob;
	struct cg_error err = CG_ERROR_INIT;

	seed(f);
	assert_int_equal(cg_ctx_init(&bob, f->st, "bob", NULL, &err), CG_OK);
	assert_int_equal(cg_compartment_grant(&bob, "OP-ALPHA", "bob", &err), CG_DENIED);
	assert_non_null(strstr(err.message, "belongs to agency MPS"));
	assert_int_equal(cg_compartment_add(&bob, "OP-BRAVO", "Operation Bravo", &err), CG_OK);
	assert_int_equal(cg_compartment_grant(&bob, "OP-BRAVO", "alice", &err), CG_OK);
	cg_ctx_release(&bob);
	assert_int_equal(count(f->st, "SELECT count(*) FROM compartment c JOIN agency a"
				      " ON a.id = c.owner_agency_id WHERE c.code = 'OP-BRAVO'"
				      " AND a.code = 'HMP-B'"),
			 1);
}

/* ---- validation ---- */

static void duplicates_conflict(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_agency_spec mps = agency("MPS", CG_AGENCY_PRISON, NULL);
	struct cg_user_spec alice = user("alice", "HMP-B", CG_ROLE_ANALYST, NULL);

	seed(f);
	assert_int_equal(cg_agency_add(&f->admin, &mps, NULL, &err), CG_CONFLICT);
	assert_string_equal(err.message, "agency code MPS is taken");
	assert_int_equal(cg_user_add(&f->admin, &alice, NULL, &err), CG_CONFLICT);
	assert_string_equal(err.message, "username alice is taken");
	assert_int_equal(cg_compartment_add(&f->admin, "OP-ALPHA", "Again", &err), CG_CONFLICT);
	assert_string_equal(err.message, "compartment code OP-ALPHA is taken");
	assert_int_equal(cg_compartment_grant(&f->admin, "OP-ALPHA", "alice", &err), CG_CONFLICT);
	assert_non_null(strstr(err.message, "already holds"));
	assert_int_equal(count(f->st, "SELECT count(*) FROM agency"), 2);
}

static void bad_codes_and_names_are_refused(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	static const char *const bad_codes[] = {
		"mps", "", "M PS", "MPS!", "ÉCOSSE", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", /* 33 */
	};
	static const char *const bad_names[] = {
		"Alice", "", "al ice", "al/ice", "al@ice",
		"a234567890123456789012345678901234567890123456789012345678901234x", /* 65 */
	};
	struct cg_agency_spec a = agency("OK", CG_AGENCY_PRISON, NULL);
	struct cg_user_spec u = user("ok", "MPS", CG_ROLE_ANALYST, NULL);

	seed(f);
	for (size_t i = 0; i < sizeof(bad_codes) / sizeof(bad_codes[0]); i++) {
		a.code = bad_codes[i];
		assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
		assert_non_null(strstr(err.message, "agency code"));
		assert_int_equal(cg_compartment_add(&f->admin, bad_codes[i], "X", &err), CG_INVALID);
		assert_non_null(strstr(err.message, "compartment code"));
	}
	a.code = "mps";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "upper case"));
	/* 32 characters are fine. */
	a.code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_OK);

	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		u.username = bad_names[i];
		assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
		assert_non_null(strstr(err.message, "username"));
	}
	u.username = "a.b_c-d9";
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_OK);

	/* Unknown references. */
	a.code = "CHILD";
	a.parent_code = "NOPE";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
	assert_string_equal(err.message, "parent agency NOPE does not exist");
	a.parent_code = "MPS";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_OK);
	u.username = "dave";
	u.agency_code = "NOPE";
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_string_equal(err.message, "agency NOPE does not exist");
	assert_int_equal(cg_compartment_grant(&f->admin, "NOPE", "alice", &err), CG_NOT_FOUND);
	assert_non_null(strstr(err.message, "no compartment NOPE"));
	assert_int_equal(cg_compartment_grant(&f->admin, "OP-ALPHA", "nobody", &err), CG_NOT_FOUND);
	assert_non_null(strstr(err.message, "nobody"));
	assert_int_equal(cg_user_set_password(&f->admin, "nobody", "long enough password", &err),
			 CG_NOT_FOUND);

	/* Names: control characters and bad UTF-8. */
	a.code = "CTRL";
	a.parent_code = NULL;
	a.name = "line\nbreak";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "agency name"));
	a.name = "bad \xff byte";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
	a.name = "";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_INVALID);
	a.name = "HMP Brixton — Intelligence";
	assert_int_equal(cg_agency_add(&f->admin, &a, NULL, &err), CG_OK);

	/* Roles. */
	u.agency_code = "MPS";
	u.roles = 0;
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "roles"));
	u.roles = 1u << 10;
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
}

static void official_sensitive_is_not_a_clearance(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_user_spec u = user("dave", "MPS", CG_ROLE_ANALYST, NULL);

	seed(f);
	u.clearance = CG_CLASS_OFFICIAL_SENSITIVE;
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "OFFICIAL-SENSITIVE"));
	u.clearance = CG_CLASS_OFFICIAL;
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_OK);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE username = 'dave'"
				      " AND clearance = 'OFFICIAL'"),
			 1);
}

static void passwords_are_checked_and_hashed(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_user_spec u = user("dave", "MPS", CG_ROLE_ANALYST, "short pw 11");
	char *huge = malloc(CG_PASSWORD_MAX + 2);

	seed(f);
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "shorter than 12"));
	assert_null(strstr(err.message, "short pw 11"));
	memset(huge, 'x', CG_PASSWORD_MAX + 1);
	huge[CG_PASSWORD_MAX + 1] = '\0';
	u.password = huge;
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "longer than"));
	huge[CG_PASSWORD_MAX] = '\0';
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_OK);
	free(huge);

	/* A service account takes no password. */
	u.username = "job";
	u.is_service = true;
	u.password = "twelve bytes!";
	assert_int_equal(cg_user_add(&f->admin, &u, NULL, &err), CG_INVALID);
	assert_int_equal(cg_user_set_password(&f->admin, "batch", "twelve bytes!", &err),
			 CG_INVALID);
	assert_int_equal(cg_user_set_password(&f->admin, "alice", "too short", &err), CG_INVALID);

	/* Argon2id strings, never the password. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE password_hash"
				      " LIKE '$argon2id$%'"),
			 3);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE"
				      " instr(password_hash, '" ALICE_PW "') > 0"),
			 0);
}

/* ---- logins and sessions ---- */

static void login_opens_a_session_for_the_right_principal(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_principal p;
	char token[CG_SESSION_TOKEN_SIZE];

	seed(f);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, token, &err), CG_OK);
	assert_int_equal(strlen(token), 47);
	assert_memory_equal(token, "cgs_", 4);
	assert_int_equal(strspn(token + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					   "0123456789-_"),
			 43);
	/* without its prefix a token is not one */
	cg_principal_init(&p);
	assert_int_equal(cg_session_resolve(f->st, token + 4, &p, &err), CG_AUTH);
	cg_principal_release(&p);
	cg_principal_init(&p);
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_OK);
	assert_string_equal(p.username, "alice");
	assert_string_equal(p.agency_code, "MPS");
	assert_int_equal(p.agency_type, CG_AGENCY_POLICE_FORCE);
	assert_int_equal(p.roles, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR);
	assert_int_equal(p.clearance, CG_CLASS_TOP_SECRET);
	assert_string_equal(p.compartments, "OP-ALPHA");
	assert_false(p.bootstrap);
	cg_principal_release(&p);

	/* Eight hours by default. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM user_session WHERE"
				      " (julianday(expires_at) - julianday(created_at)) * 86400"
				      " BETWEEN 28799 AND 28801"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE operation ="
				      " 'authentication' AND detail = 'login ok' AND username = 'alice'"
				      " AND agency_code = 'MPS'"),
			 1);
	/* Lifetimes outside 1 s .. 30 days are refused. */
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, -1, token, &err), CG_INVALID);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 31LL * 86400, token, &err),
			 CG_INVALID);
}

static void every_login_failure_reads_the_same(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char token[CG_SESSION_TOKEN_SIZE];
	char unknown[CG_ERROR_MESSAGE_MAX];
	static const struct {
		const char *user, *password;
	} attempts[] = {
		{ "alice", "not alice's password" }, /* wrong password */
		{ "batch", ALICE_PW },              /* service account */
		{ "nopass", ALICE_PW },             /* no password */
		{ "", ALICE_PW },
		{ "alice", "" },
		{ NULL, NULL },
	};

	seed(f);
	assert_int_equal(cg_login(f->st, "nobody", ALICE_PW, 0, token, &err), CG_AUTH);
	assert_string_equal(err.message, "wrong username or password");
	memcpy(unknown, err.message, sizeof(unknown));
	for (size_t i = 0; i < sizeof(attempts) / sizeof(attempts[0]); i++) {
		cg_error_clear(&err);
		assert_int_equal(cg_login(f->st, attempts[i].user, attempts[i].password, 0, token,
					  &err),
				 CG_AUTH);
		assert_string_equal(err.message, unknown);
		assert_string_equal(token, "");
	}
	/* A disabled user too. */
	exec(f->st, "UPDATE app_user SET disabled = 1 WHERE username = 'root'");
	assert_int_equal(cg_login(f->st, "root", ROOT_PW, 0, token, &err), CG_AUTH);
	assert_string_equal(err.message, unknown);

	/* Only the wrong passwords of a real account count. */
	assert_int_equal(count(f->st, "SELECT failed_logins FROM app_user WHERE username = 'alice'"),
			 2);
	assert_int_equal(count(f->st, "SELECT count(*) FROM user_session"), 0);
	/* Each attempt was logged, the unknown name as typed. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE operation ="
				      " 'authentication' AND detail LIKE 'login failed%'"),
			 8);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE username = 'nobody'"
				      " AND user_id IS NULL AND agency_code = '-'"
				      " AND detail = 'login failed: unknown user'"),
			 1);
}

static void audit_username_is_capped_and_printable(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char token[CG_SESSION_TOKEN_SIZE];
	char name[300];

	seed(f);
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	name[3] = '\n';
	name[4] = '\x1b';
	assert_int_equal(cg_login(f->st, name, ALICE_PW, 0, token, &err), CG_AUTH);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE operation ="
				      " 'authentication' AND length(username) = 64"
				      " AND substr(username, 1, 6) = 'aaa??a'"),
			 1);
}

static void lockout_after_five_failures(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_principal p;
	char token[CG_SESSION_TOKEN_SIZE];

	seed(f);
	for (int i = 0; i < CG_LOGIN_MAX_FAILURES; i++)
		assert_int_equal(cg_login(f->st, "alice", "wrong password!", 0, token, &err), CG_AUTH);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE username = 'alice'"
				      " AND failed_logins = 5 AND locked_until > strftime("
				      "'%Y-%m-%dT%H:%M:%SZ', 'now', '+14 minutes')"),
			 1);
	/* While locked, even the right password fails, with the same message. */
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, token, &err), CG_AUTH);
	assert_string_equal(err.message, "wrong username or password");
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " detail = 'account locked'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " detail LIKE 'login failed: wrong password; account locked%'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM user_session"), 0);

	/* When the lock has run out, the right password works and the count
	 * starts again. */
	exec(f->st, "UPDATE app_user SET locked_until = '2000-01-01T00:00:00Z'"
		    " WHERE username = 'alice'");
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, token, &err), CG_OK);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE username = 'alice'"
				      " AND failed_logins = 0 AND locked_until IS NULL"),
			 1);
	cg_principal_init(&p);
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_OK);
	cg_principal_release(&p);

	/* One wrong password after an expired lock counts 1, not 6. */
	exec(f->st, "UPDATE app_user SET failed_logins = 5, locked_until ="
		    " '2000-01-01T00:00:00Z' WHERE username = 'alice'");
	assert_int_equal(cg_login(f->st, "alice", "wrong password!", 0, token, &err), CG_AUTH);
	assert_int_equal(count(f->st, "SELECT count(*) FROM app_user WHERE username = 'alice'"
				      " AND failed_logins = 1 AND locked_until IS NULL"),
			 1);

	/* An administrator's password reset also lifts a lock. */
	for (int i = 0; i < CG_LOGIN_MAX_FAILURES; i++)
		cg_login(f->st, "alice", "wrong password!", 0, token, &err);
	assert_int_equal(cg_user_set_password(&f->admin, "alice", "a brand new phrase", &err),
			 CG_OK);
	assert_int_equal(cg_login(f->st, "alice", "a brand new phrase", 0, token, &err), CG_OK);
}

static void expired_token_is_refused(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_principal p;
	char token[CG_SESSION_TOKEN_SIZE];

	seed(f);
	cg_principal_init(&p);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 1, token, &err), CG_OK);
	exec(f->st, "UPDATE user_session SET expires_at = '2000-01-01T00:00:00Z'");
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_AUTH);
	assert_null(strstr(err.message, token));
	/* A damaged expiry fails closed. */
	exec(f->st, "UPDATE user_session SET expires_at = 'whenever'");
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_AUTH);
	cg_principal_release(&p);
}

static void logout_revokes_the_token(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_principal p;
	char token[CG_SESSION_TOKEN_SIZE], other[CG_SESSION_TOKEN_SIZE];

	seed(f);
	cg_principal_init(&p);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, token, &err), CG_OK);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, other, &err), CG_OK);
	assert_string_not_equal(token, other);
	assert_int_equal(cg_logout(f->st, token, &err), CG_OK);
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_AUTH);
	assert_int_equal(cg_logout(f->st, token, &err), CG_AUTH);
	/* The other session is untouched. */
	assert_int_equal(cg_session_resolve(f->st, other, &p, &err), CG_OK);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " operation = 'authentication' AND detail = 'logout'"
				      " AND username = 'alice'"),
			 1);

	/* Malformed and unknown tokens. */
	assert_int_equal(cg_session_resolve(f->st, NULL, &p, &err), CG_AUTH);
	assert_int_equal(cg_session_resolve(f->st, "", &p, &err), CG_AUTH);
	assert_int_equal(cg_session_resolve(f->st, "short", &p, &err), CG_AUTH);
	assert_int_equal(cg_session_resolve(f->st, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &p,
					    &err),
			 CG_AUTH);
	assert_int_equal(cg_session_resolve(f->st, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", &p,
					    &err),
			 CG_AUTH);
	assert_int_equal(cg_logout(f->st, "nonsense", &err), CG_AUTH);

	/* A password change ends every open session of the user. */
	assert_int_equal(cg_user_set_password(&f->admin, "alice", "a brand new phrase", &err),
			 CG_OK);
	assert_int_equal(cg_session_resolve(f->st, other, &p, &err), CG_AUTH);

	/* A disabled user's session ends too. */
	assert_int_equal(cg_login(f->st, "alice", "a brand new phrase", 0, token, &err), CG_OK);
	exec(f->st, "UPDATE app_user SET disabled = 1 WHERE username = 'alice'");
	assert_int_equal(cg_session_resolve(f->st, token, &p, &err), CG_AUTH);
	cg_principal_release(&p);
}

/* Formats a query (values must hold no quote) and returns the count it
 * selects. */
static int64_t countf(struct cg_store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int64_t countf(struct cg_store *st, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof(sql));
	return count(st, sql);
}

#define ANY_AUDIT_COLUMN                                                               \
	"SELECT count(*) FROM audit_entry WHERE instr(coalesce(detail, '') || '|' ||" \
	" username || '|' || agency_code || '|' || coalesce(justification, '') || '|' ||" \
	" coalesce(recipients, '') || '|' || records || '|' || prev_hash || '|' || hash," \
	" '%s') > 0"

static void secrets_never_reach_the_store_in_clear(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char token[CG_SESSION_TOKEN_SIZE];

	seed(f);
	assert_int_equal(cg_login(f->st, "alice", "wrong password!", 0, token, &err), CG_AUTH);
	assert_int_equal(cg_login(f->st, "alice", ALICE_PW, 0, token, &err), CG_OK);
	assert_int_equal(cg_user_set_password(&f->admin, "carol", "carol new phrase!", &err), CG_OK);
	assert_int_equal(cg_logout(f->st, token, &err), CG_OK);

	/* The token is stored only as its 32-byte hash. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM user_session WHERE"
				      " typeof(token_hash) = 'blob' AND length(token_hash) = 32"),
			 1);
	assert_int_equal(countf(f->st, "SELECT count(*) FROM user_session WHERE"
				       " CAST(token_hash AS TEXT) = '%s' OR instr(CAST(token_hash"
				       " AS TEXT), '%s') > 0 OR hex(token_hash) = hex('%s')",
				token, token, token),
			 0);
	/* No password, token or password hash in any audit column. */
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, ALICE_PW), 0);
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, ROOT_PW), 0);
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, "wrong password!"), 0);
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, "carol new phrase!"), 0);
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, token), 0);
	assert_int_equal(countf(f->st, ANY_AUDIT_COLUMN, "$argon2"), 0);
	assert_true(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				 " operation = 'authentication'") >= 3);
}

static void every_admin_change_is_audited(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_audit_verify_result res;

	seed(f);
	/* seed: 2 agencies, 6 users, 1 compartment, 1 grant. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " operation = 'administration'"),
			 10);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry"), 10);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'user add alice agency=MPS roles=analyst,supervisor"
				      " clearance=TOP SECRET password=set' AND username = 'root'"
				      " AND agency_code = 'MPS'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'user add batch agency=MPS roles=analyst clearance=SECRET"
				      " service password=none'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'compartment add OP-ALPHA owner=MPS'"
				      " AND records = '[\"compartment:1\"]'"),
			 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE detail ="
				      " 'compartment grant OP-ALPHA alice'"
				      " AND records = '[\"app_user:2\",\"compartment:1\"]'"),
			 1);
	assert_int_equal(cg_user_set_password(&f->admin, "alice", "a brand new phrase", &err),
			 CG_OK);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry WHERE"
				      " operation = 'administration' AND detail LIKE 'user passwd alice%'"),
			 1);
	/* The audit records index follows. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_record WHERE"
				      " record_kind = 'app_user' AND record_id = 2"),
			 3);
	assert_int_equal(cg_audit_verify(f->st, 0, NULL, &res, &err), CG_OK);
	assert_int_equal(res.entries, 11);
}

struct list_seen {
	int n;
	bool alice_ok;
	bool batch_ok;
	bool hmp_ok;
};

static int saw_user(const struct cg_user_info *u, void *arg)
{
	struct list_seen *s = arg;
	s->n++;
	if (strcmp(u->username, "alice") == 0)
		s->alice_ok = strcmp(u->display_name, "Alice Analyst") == 0 &&
			      strcmp(u->agency_code, "MPS") == 0 &&
			      u->roles == (CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR) &&
			      u->clearance == CG_CLASS_TOP_SECRET &&
			      strcmp(u->compartments, "OP-ALPHA") == 0 && u->has_password &&
			      !u->is_service && !u->locked;
	if (strcmp(u->username, "batch") == 0)
		s->batch_ok = u->is_service && !u->has_password &&
			      strcmp(u->compartments, "") == 0;
	return 0;
}

static int saw_agency(const struct cg_agency_info *a, void *arg)
{
	struct list_seen *s = arg;
	s->n++;
	if (strcmp(a->code, "HMP-B") == 0)
		s->hmp_ok = a->type == CG_AGENCY_PRISON && a->level == CG_LEVEL_LOCAL &&
			    strcmp(a->parent_code, "") == 0;
	return 0;
}

static int stop_at_first(const struct cg_user_info *u, void *arg)
{
	(void)u;
	(*(int *)arg)++;
	return 1;
}

static void lists_show_users_and_agencies(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct list_seen seen = { 0 };
	struct cg_ctx carol;
	int calls = 0;

	seed(f);
	assert_int_equal(cg_user_list(&f->admin, saw_user, &seen, &err), CG_OK);
	assert_int_equal(seen.n, 6);
	assert_true(seen.alice_ok);
	assert_true(seen.batch_ok);
	assert_int_equal(cg_user_list(&f->admin, stop_at_first, &calls, &err), CG_OK);
	assert_int_equal(calls, 1);

	assert_int_equal(cg_ctx_init(&carol, f->st, "carol", NULL, &err), CG_OK);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(cg_user_list(&carol, saw_user, &seen, &err), CG_OK);
	assert_int_equal(seen.n, 6);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(cg_agency_list(&carol, saw_agency, &seen, &err), CG_OK);
	assert_int_equal(seen.n, 2);
	assert_true(seen.hmp_ok);
	cg_ctx_release(&carol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bootstrap_creates_agency_and_first_admin, setup,
						teardown),
		cmocka_unit_test_setup_teardown(non_admin_is_denied, setup, teardown),
		cmocka_unit_test_setup_teardown(compartment_is_granted_by_its_owner_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(duplicates_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_codes_and_names_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(official_sensitive_is_not_a_clearance, setup,
						teardown),
		cmocka_unit_test_setup_teardown(passwords_are_checked_and_hashed, setup, teardown),
		cmocka_unit_test_setup_teardown(login_opens_a_session_for_the_right_principal,
						setup, teardown),
		cmocka_unit_test_setup_teardown(every_login_failure_reads_the_same, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_username_is_capped_and_printable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(lockout_after_five_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(expired_token_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(logout_revokes_the_token, setup, teardown),
		cmocka_unit_test_setup_teardown(secrets_never_reach_the_store_in_clear, setup,
						teardown),
		cmocka_unit_test_setup_teardown(every_admin_change_is_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(lists_show_users_and_agencies, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
