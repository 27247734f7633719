/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_audit.c - unit tests for the hash-chained audit log (access layer):
 * appending inside transactions, the records list and its index rows, the
 * head, the documented hash encoding (re-implemented here independently,
 * as docs/security.md describes it), and verification catching every kind
 * of tampering: altered fields, removed, inserted and reordered entries,
 * altered index rows, a forged entry with a correct hash of its own, and
 * the newest entries cut off (only with an exported head).
 *
 * Tampering needs the append-only triggers out of the way, as it would for
 * an intruder with write access to the file; the tests drop them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/audit.h"
#include "store/store.h"

static const char genesis_hex[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

struct fixture {
	char dir[64];
	char path[96];
	struct cg_store *st;
	struct cg_ctx ctx;
};

static void exec(struct cg_store *st, const char *sql)
{
	struct cg_error err = CG_ERROR_INIT;
	enum cg_status rc = cg_store_exec(st, sql, &err);
	if (rc != CG_OK)
		fail_msg("%s: %s", sql, err.message);
}

static int64_t count(struct cg_store *st, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(cg_store_query_int64(st, sql, &n, NULL), CG_OK);
	return n;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct cg_error err = CG_ERROR_INIT;
	int from = -1, to = -1;

	snprintf(f->dir, sizeof(f->dir), "/tmp/cg-test-audit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/s.db", f->dir);
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &f->st, &err), CG_OK);
	assert_int_equal(cg_store_migrate(f->st, &from, &to, &err), CG_OK);
	exec(f->st,
	     "INSERT INTO agency(id, code, name, type, level, created_at)"
	     " VALUES (1, 'MPS', 'Test Force', 'police_force', 'local', '2026-01-01T00:00:00Z');"
	     "INSERT INTO app_user(id, agency_id, username, display_name, clearance, created_at)"
	     " VALUES (7, 1, 'alice', 'Alice Analyst', 'SECRET', '2026-01-01T00:00:00Z');"
	     "INSERT INTO user_role(user_id, role) VALUES (7, 'analyst')");
	assert_int_equal(cg_ctx_init(&f->ctx, f->st, "alice", "  operation TEST ", &err), CG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	cg_ctx_release(&f->ctx);
	cg_store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* Appends one entry as alice; returns its seq. */
static int64_t append(struct fixture *f, enum cg_audit_op op,
		      const struct cg_audit_ref *refs, size_t n,
		      const char *detail, const char *recipients)
{
	struct cg_audit_event ev = { op, refs, n, detail, recipients };
	struct cg_error err = CG_ERROR_INIT;
	int64_t seq = -1;
	enum cg_status rc = cg_audit_append(&f->ctx, &ev, &seq, &err);
	if (rc != CG_OK)
		fail_msg("append: %s", err.message);
	return seq;
}

/*
 * Six entries of several kinds:
 *  1 collection of two source records
 *  2 consultation of a person and a report
 *  3 disclosure with recipients
 *  4 combination of two persons
 *  5 alteration of a report
 *  6 erasure of a source record
 */
static void append_six(struct fixture *f)
{
	const struct cg_audit_ref r1[] = { { "source_record", 11 }, { "source_record", 12 } };
	const struct cg_audit_ref r2[] = { { "person", 3 }, { "intel_report", 9 } };
	const struct cg_audit_ref r3[] = { { "intel_report", 9 } };
	const struct cg_audit_ref r4[] = { { "person", 3 }, { "person", 4 } };
	const struct cg_audit_ref r5[] = { { "intel_report", 9 } };
	const struct cg_audit_ref r6[] = { { "source_record", 12 } };

	assert_int_equal(append(f, CG_AUDIT_COLLECTION, r1, 2, "import police.csv", NULL), 1);
	assert_int_equal(append(f, CG_AUDIT_CONSULTATION, r2, 2, "person show 3", NULL), 2);
	assert_int_equal(append(f, CG_AUDIT_DISCLOSURE, r3, 1, "export package",
				"HMP Example security department"), 3);
	assert_int_equal(append(f, CG_AUDIT_COMBINATION, r4, 2, "link merge", NULL), 4);
	assert_int_equal(append(f, CG_AUDIT_ALTERATION, r5, 1, NULL, NULL), 5);
	assert_int_equal(append(f, CG_AUDIT_ERASURE, r6, 1, "mopi review", NULL), 6);
}

static void drop_triggers(struct cg_store *st)
{
	exec(st, "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;"
		 "DROP TRIGGER audit_record_no_update; DROP TRIGGER audit_record_no_delete;"
		 "PRAGMA foreign_keys = OFF");
}

static void expect_intact(struct cg_store *st, int64_t entries)
{
	struct cg_audit_verify_result res;
	struct cg_error err = CG_ERROR_INIT;
	enum cg_status rc = cg_audit_verify(st, 0, NULL, &res, &err);
	if (rc != CG_OK)
		fail_msg("verify: %s", err.message);
	assert_int_equal(res.entries, entries);
	assert_int_equal(res.first_bad, 0);
}

/* Verifies and expects tampering reported at entry `bad` with a reason
 * containing `why`. */
static void expect_tampered(struct cg_store *st, int64_t expect_seq, const char *expect_hash,
			    int64_t bad, const char *why)
{
	struct cg_audit_verify_result res;
	struct cg_error err = CG_ERROR_INIT;
	char prefix[64];

	assert_int_equal(cg_audit_verify(st, expect_seq, expect_hash, &res, &err), CG_TAMPERED);
	if (res.first_bad != bad || !strstr(res.reason, why))
		fail_msg("wanted entry %" PRId64 " '%s', got entry %" PRId64 " '%s'", bad, why,
			 res.first_bad, res.reason);
	snprintf(prefix, sizeof(prefix), "entry %" PRId64 ": ", bad);
	assert_int_equal(strncmp(err.message, prefix, strlen(prefix)), 0);
	assert_int_equal(err.code, CG_TAMPERED);
}

/* Reads one text column of entry `seq` into out (NULL -> "\x01"). */
static void entry_text(struct cg_store *st, int64_t seq, const char *col, char *out,
		       size_t size)
{
	char sql[160];
	struct cg_stmt *s = NULL;
	struct cg_error err = CG_ERROR_INIT;
	bool row = false;

	snprintf(sql, sizeof(sql), "SELECT %s FROM audit_entry WHERE seq = %" PRId64, col, seq);
	assert_int_equal(cg_store_prepare(st, sql, &s, &err), CG_OK);
	assert_int_equal(cg_stmt_step(s, &row, &err), CG_OK);
	assert_true(row);
	snprintf(out, size, "%s", cg_stmt_is_null(s, 0) ? "\x01" : cg_stmt_text(s, 0));
	cg_stmt_done(s);
}

/* ---- the documented encoding, written again from docs/security.md ---- */

static void netstring(unsigned char **p, const char *v)
{
	if (!v) {
		*(*p)++ = '~';
		return;
	}
	*p += snprintf((char *)*p, 32, "%zu:", strlen(v));
	memcpy(*p, v, strlen(v));
	*p += strlen(v);
	*(*p)++ = ',';
}

/* Recomputes entry `seq`'s hash from its stored columns and its stored
 * prev_hash, following the documentation. */
static void documented_hash(struct cg_store *st, int64_t seq, char out[65])
{
	static const char *const cols[] = { "seq", "at", "user_id", "username", "agency_code",
					    "operation", "justification", "recipients",
					    "records", "detail" };
	unsigned char *msg = malloc(1 << 16), *p = msg;
	unsigned char digest[32];
	char v[4096];

	entry_text(st, seq, "prev_hash", v, sizeof(v));
	assert_int_equal(strlen(v), 64);
	memcpy(p, v, 64);
	p += 64;
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		entry_text(st, seq, cols[i], v, sizeof(v));
		netstring(&p, strcmp(v, "\x01") == 0 ? NULL : v);
	}
	assert_int_equal(sodium_init() >= 0, 1);
	crypto_generichash(digest, sizeof(digest), msg, (unsigned long long)(p - msg), NULL, 0);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
	free(msg);
}

/* Recomputes entry seq's own hash after its content was forged, as an
 * intruder who knows the encoding would. */
static void forge_own_hash(struct cg_store *st, int64_t seq)
{
	char h[65], sql[200];
	documented_hash(st, seq, h);
	snprintf(sql, sizeof(sql), "UPDATE audit_entry SET hash = '%s' WHERE seq = %" PRId64, h,
		 seq);
	exec(st, sql);
}

/* ---- tests ---- */

static void op_names_match_the_schema(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = { "collection", "alteration", "consultation",
					     "disclosure", "combination", "erasure",
					     "administration", "authentication" };
	assert_int_equal(CG_AUDIT_OP_COUNT, 8);
	for (int op = 0; op < CG_AUDIT_OP_COUNT; op++) {
		assert_string_equal(cg_audit_op_name((enum cg_audit_op)op), names[op]);
		/* The schema's CHECK constraint accepts each. */
		assert_int_equal(append(f, (enum cg_audit_op)op, NULL, 0, "x", NULL), op + 1);
	}
	assert_int_equal(count(f->st, "SELECT count(DISTINCT operation) FROM audit_entry"), 8);
	expect_intact(f->st, 8);
}

static void empty_log_has_the_genesis_head(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char hash[65] = "x";
	int64_t seq = -1;

	assert_int_equal(cg_audit_head(f->st, &seq, hash, &err), CG_OK);
	assert_int_equal(seq, 0);
	assert_string_equal(hash, genesis_hex);
	expect_intact(f->st, 0);
}

static void entries_chain_and_verify(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char hash[65], v[4096];
	int64_t seq = 0;

	append_six(f);
	expect_intact(f->st, 6);

	/* The head is the last entry. */
	assert_int_equal(cg_audit_head(f->st, &seq, hash, &err), CG_OK);
	assert_int_equal(seq, 6);
	entry_text(f->st, 6, "hash", v, sizeof(v));
	assert_string_equal(hash, v);
	expect_intact(f->st, 6);

	/* Each entry links to the one before; the first to the genesis. */
	entry_text(f->st, 1, "prev_hash", v, sizeof(v));
	assert_string_equal(v, genesis_hex);
	for (int64_t i = 2; i <= 6; i++) {
		char prev[4096];
		entry_text(f->st, i - 1, "hash", prev, sizeof(prev));
		entry_text(f->st, i, "prev_hash", v, sizeof(v));
		assert_string_equal(v, prev);
	}

	/* Who, when, why and to whom, as DPA 2018 s.62 asks. */
	entry_text(f->st, 3, "username", v, sizeof(v));
	assert_string_equal(v, "alice");
	entry_text(f->st, 3, "user_id", v, sizeof(v));
	assert_string_equal(v, "7");
	entry_text(f->st, 3, "agency_code", v, sizeof(v));
	assert_string_equal(v, "MPS");
	entry_text(f->st, 3, "operation", v, sizeof(v));
	assert_string_equal(v, "disclosure");
	entry_text(f->st, 3, "justification", v, sizeof(v));
	assert_string_equal(v, "operation TEST");
	entry_text(f->st, 3, "recipients", v, sizeof(v));
	assert_string_equal(v, "HMP Example security department");
	entry_text(f->st, 5, "detail", v, sizeof(v));
	assert_string_equal(v, "\x01");
	entry_text(f->st, 1, "at", v, sizeof(v));
	assert_int_equal(strlen(v), 20);
	assert_int_equal(v[10], 'T');
	assert_int_equal(v[19], 'Z');

	/* One audit_record row per record touched. */
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_record"), 9);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_record WHERE record_kind ="
				      " 'intel_report' AND record_id = 9"), 3);
}

static void hash_follows_the_documented_encoding(void **state)
{
	struct fixture *f = *state;
	char mine[65], stored[4096];

	append_six(f);
	for (int64_t i = 1; i <= 6; i++) {
		documented_hash(f->st, i, mine);
		entry_text(f->st, i, "hash", stored, sizeof(stored));
		assert_string_equal(mine, stored);
	}
}

static void documented_test_vectors_verify(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	static const char h1[] = "7d795898eb66ab2b4c1c93bb2eee7c1d1002b2f82372fce1d0304e059e83ff55";
	static const char h2[] = "bb1ab47ea0b688be54cc5dce24d7b3bad85823db4827543d15736c3a6fad16a2";
	char hash[65];
	int64_t seq = 0;

	/* The two entries docs/security.md gives as test vectors. */
	exec(f->st,
	     "INSERT INTO audit_entry(seq, at, user_id, username, agency_code, operation,"
	     " justification, recipients, records, detail, prev_hash, hash) VALUES"
	     " (1, '2026-01-01T09:00:00Z', 7, 'alice', 'MPS', 'consultation', 'operation TEST',"
	     "  NULL, '[\"intel_report:9\",\"person:3\"]', 'person show 3',"
	     "  '0000000000000000000000000000000000000000000000000000000000000000',"
	     "  '7d795898eb66ab2b4c1c93bb2eee7c1d1002b2f82372fce1d0304e059e83ff55'),"
	     " (2, '2026-01-01T09:05:00Z', NULL, 'mallory', '-', 'authentication', NULL,"
	     "  NULL, '[]', 'login failed',"
	     "  '7d795898eb66ab2b4c1c93bb2eee7c1d1002b2f82372fce1d0304e059e83ff55',"
	     "  'bb1ab47ea0b688be54cc5dce24d7b3bad85823db4827543d15736c3a6fad16a2');"
	     "INSERT INTO audit_record VALUES (1, 'intel_report', 9), (1, 'person', 3)");
	assert_int_equal(cg_audit_verify(f->st, 1, h1, NULL, &err), CG_OK);
	assert_int_equal(cg_audit_verify(f->st, 2, h2, NULL, &err), CG_OK);
	assert_int_equal(cg_audit_head(f->st, &seq, hash, &err), CG_OK);
	assert_int_equal(seq, 2);
	assert_string_equal(hash, h2);
	/* The library continues the chain from them. */
	assert_int_equal(append(f, CG_AUDIT_CONSULTATION, NULL, 0, NULL, NULL), 3);
	expect_intact(f->st, 3);
}

static void records_are_sorted_and_unique(void **state)
{
	struct fixture *f = *state;
	const struct cg_audit_ref refs[] = {
		{ "person", 2 }, { "intel_report", 5 }, { "person", 2 }, { "person", -1 },
		{ "person", 10 },
	};
	char v[4096];

	append(f, CG_AUDIT_CONSULTATION, refs, 5, "network", NULL);
	entry_text(f->st, 1, "records", v, sizeof(v));
	assert_string_equal(v, "[\"intel_report:5\",\"person:-1\",\"person:2\",\"person:10\"]");
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_record WHERE seq = 1"), 4);
	append(f, CG_AUDIT_CONSULTATION, NULL, 0, NULL, NULL);
	entry_text(f->st, 2, "records", v, sizeof(v));
	assert_string_equal(v, "[]");
	expect_intact(f->st, 2);
}

static void append_as_records_actors_without_context(void **state)
{
	struct fixture *f = *state;
	struct cg_audit_event ev = { CG_AUDIT_AUTHENTICATION, NULL, 0, "login failed", NULL };
	struct cg_error err = CG_ERROR_INIT;
	int64_t seq = 0;
	char v[4096];

	assert_int_equal(cg_audit_append_as(f->st, 0, "mallory", NULL, NULL, &ev, &seq, &err),
			 CG_OK);
	assert_int_equal(seq, 1);
	entry_text(f->st, 1, "user_id", v, sizeof(v));
	assert_string_equal(v, "\x01");
	entry_text(f->st, 1, "agency_code", v, sizeof(v));
	assert_string_equal(v, "-");
	entry_text(f->st, 1, "justification", v, sizeof(v));
	assert_string_equal(v, "\x01");
	entry_text(f->st, 1, "operation", v, sizeof(v));
	assert_string_equal(v, "authentication");
	expect_intact(f->st, 1);
}

static void bad_input_writes_nothing(void **state)
{
	struct fixture *f = *state;
	const struct cg_audit_ref bad_kind[] = { { "person", 1 }, { "Person; DROP", 2 } };
	const struct cg_audit_ref empty_kind[] = { { "", 1 } };
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, bad_kind, 2, NULL, NULL };
	struct cg_error err = CG_ERROR_INIT;
	char *big = malloc(70000);

	assert_int_equal(cg_audit_append(&f->ctx, &ev, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "record kind"));
	ev.records = empty_kind;
	ev.nrecords = 1;
	assert_int_equal(cg_audit_append(&f->ctx, &ev, NULL, &err), CG_INVALID);
	memset(big, 'a', 69999);
	big[69999] = '\0';
	ev.records = NULL;
	ev.nrecords = 0;
	ev.detail = big;
	assert_int_equal(cg_audit_append(&f->ctx, &ev, NULL, &err), CG_LIMIT);
	assert_non_null(strstr(err.message, "detail"));
	free(big);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry"), 0);
	assert_int_equal(cg_store_tx_depth(f->st), 0);
}

static void append_rolls_back_with_its_caller(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	const struct cg_audit_ref r[] = { { "person", 1 } };

	append(f, CG_AUDIT_COLLECTION, r, 1, "first", NULL);

	/* The caller's transaction fails: neither its data nor the entry
	 * lands. */
	assert_int_equal(cg_store_begin(f->st, &err), CG_OK);
	exec(f->st, "INSERT INTO agency(code, name, type, level, created_at)"
		    " VALUES ('HMP', 'Prison', 'prison', 'local', 'now')");
	assert_int_equal(append(f, CG_AUDIT_ADMINISTRATION, r, 1, "agency add", NULL), 2);
	assert_int_equal(cg_store_tx_depth(f->st), 1);
	cg_store_rollback(f->st);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_entry"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM audit_record"), 1);
	assert_int_equal(count(f->st, "SELECT count(*) FROM agency"), 1);

	/* Committed together, both land; the chain continues from 1. */
	assert_int_equal(cg_store_begin(f->st, &err), CG_OK);
	exec(f->st, "INSERT INTO agency(code, name, type, level, created_at)"
		    " VALUES ('HMP', 'Prison', 'prison', 'local', 'now')");
	assert_int_equal(append(f, CG_AUDIT_ADMINISTRATION, r, 1, "agency add", NULL), 2);
	assert_int_equal(cg_store_commit(f->st, &err), CG_OK);
	assert_int_equal(count(f->st, "SELECT count(*) FROM agency"), 2);
	expect_intact(f->st, 2);
}

static void triggers_refuse_changes(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;

	append_six(f);
	assert_int_equal(cg_store_exec(f->st, "UPDATE audit_entry SET justification = 'x'"
					      " WHERE seq = 2", &err), CG_CONFLICT);
	assert_non_null(strstr(err.message, "append-only"));
	assert_int_equal(cg_store_exec(f->st, "DELETE FROM audit_entry WHERE seq = 6", &err),
			 CG_CONFLICT);
	assert_int_equal(cg_store_exec(f->st, "UPDATE audit_record SET record_id = 1", &err),
			 CG_CONFLICT);
	assert_int_equal(cg_store_exec(f->st, "DELETE FROM audit_record", &err), CG_CONFLICT);
	expect_intact(f->st, 6);
}

static void altered_field_names_the_entry(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "UPDATE audit_entry SET justification = 'routine check' WHERE seq = 3");
	expect_tampered(f->st, 0, NULL, 3, "was altered");
}

static void every_field_is_covered(void **state)
{
	struct fixture *f = *state;
	static const char *const changes[] = {
		"at = '2020-01-01T00:00:00Z'", "user_id = 8", "user_id = NULL",
		"username = 'bob'", "agency_code = 'GMP'", "operation = 'collection'",
		"justification = NULL", "recipients = 'the press'", "recipients = ''",
		"records = '[\"source_record:11\"]'", "detail = 'x'", "detail = ''",
	};

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "CREATE TABLE saved AS SELECT * FROM audit_entry WHERE seq = 3");
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		char sql[256];
		snprintf(sql, sizeof(sql), "UPDATE audit_entry SET %s WHERE seq = 3", changes[i]);
		exec(f->st, sql);
		expect_tampered(f->st, 0, NULL, 3, "was altered");
		exec(f->st, "DELETE FROM audit_entry WHERE seq = 3;"
			    "INSERT INTO audit_entry SELECT * FROM saved");
		expect_intact(f->st, 6);
	}
}

static void removed_middle_entry_names_the_next(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "DELETE FROM audit_record WHERE seq = 3; DELETE FROM audit_entry WHERE seq = 3");
	expect_tampered(f->st, 0, NULL, 4, "entry 3 is missing (removed)");
}

static void removed_entries_renumbered_still_break(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	/* Remove 3 and close the gap: 4..6 become 3..5. */
	exec(f->st, "DELETE FROM audit_record WHERE seq = 3; DELETE FROM audit_entry WHERE seq = 3;"
		    "UPDATE audit_entry SET seq = seq - 1 WHERE seq > 3;"
		    "UPDATE audit_record SET seq = seq - 1 WHERE seq > 3");
	expect_tampered(f->st, 0, NULL, 3, "does not follow entry 2");
}

static void removed_first_entries_are_caught(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "DELETE FROM audit_record WHERE seq <= 2; DELETE FROM audit_entry WHERE seq <= 2");
	expect_tampered(f->st, 0, NULL, 3, "entries 1 to 2 are missing (removed)");
	/* Renumbered to start at 1: the first no longer starts the chain. */
	exec(f->st, "UPDATE audit_entry SET seq = seq - 2; UPDATE audit_record SET seq = seq - 2");
	expect_tampered(f->st, 0, NULL, 1, "genesis");
}

static void cut_off_end_is_caught_only_with_the_head(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char head[65], upper[65];
	int64_t seq = 0;

	append_six(f);
	assert_int_equal(cg_audit_head(f->st, &seq, head, &err), CG_OK);
	assert_int_equal(cg_audit_verify(f->st, seq, head, NULL, &err), CG_OK);
	/* The exported head may be typed in capitals. */
	for (int i = 0; i < 65; i++)
		upper[i] = (char)(head[i] >= 'a' && head[i] <= 'f' ? head[i] - 32 : head[i]);
	assert_int_equal(cg_audit_verify(f->st, seq, upper, NULL, &err), CG_OK);
	/* An earlier exported head is still in the chain. */
	{
		char h3[4096];
		entry_text(f->st, 3, "hash", h3, sizeof(h3));
		assert_int_equal(cg_audit_verify(f->st, 3, h3, NULL, &err), CG_OK);
	}

	drop_triggers(f->st);
	exec(f->st, "DELETE FROM audit_record WHERE seq >= 5; DELETE FROM audit_entry WHERE seq >= 5");
	/* The remaining chain is intact on its own ... */
	expect_intact(f->st, 4);
	/* ... but not against the exported head. */
	expect_tampered(f->st, seq, head, 6, "cut off or rewritten");
	/* Cut and then extended with new entries up to the old number: the
	 * exported head no longer matches. */
	append(f, CG_AUDIT_CONSULTATION, NULL, 0, NULL, NULL);
	append(f, CG_AUDIT_CONSULTATION, NULL, 0, NULL, NULL);
	expect_intact(f->st, 6);
	expect_tampered(f->st, seq, head, 6, "cut off or rewritten");

	/* Malformed exported heads are input errors, not tampering. */
	assert_int_equal(cg_audit_verify(f->st, 6, "abc", NULL, &err), CG_INVALID);
	assert_int_equal(cg_audit_verify(f->st, 6, NULL, NULL, &err), CG_INVALID);
	assert_int_equal(cg_audit_verify(f->st, -1, head, NULL, &err), CG_INVALID);
}

static void cut_off_end_leaving_index_rows_is_caught(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "DELETE FROM audit_entry WHERE seq = 6");
	expect_tampered(f->st, 0, NULL, 6, "which does not exist");
}

static void inserted_entry_is_caught(void **state)
{
	struct fixture *f = *state;
	char prev[65], sql[600];

	append_six(f);
	drop_triggers(f->st);
	/* Make room at 3 (renumber 3..6 to 4..7), then insert a forged entry
	 * that links correctly to 2 and carries a correct hash of its own. */
	exec(f->st, "UPDATE audit_entry SET seq = -seq WHERE seq >= 3;"
		    "UPDATE audit_entry SET seq = 1 - seq WHERE seq < 0;"
		    "UPDATE audit_record SET seq = -seq WHERE seq >= 3;"
		    "UPDATE audit_record SET seq = 1 - seq WHERE seq < 0");
	entry_text(f->st, 2, "hash", prev, sizeof(prev));
	snprintf(sql, sizeof(sql),
		 "INSERT INTO audit_entry(seq, at, user_id, username, agency_code, operation,"
		 " justification, recipients, records, detail, prev_hash, hash)"
		 " VALUES (3, '2026-01-02T03:04:05Z', 7, 'alice', 'MPS', 'consultation',"
		 " 'operation TEST', NULL, '[]', 'forged', '%s', 'x')", prev);
	exec(f->st, sql);
	forge_own_hash(f->st, 3);
	expect_tampered(f->st, 0, NULL, 4, "does not follow entry 3");
}

static void inserted_entry_without_renumbering_is_caught(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	/* A forged entry numbered below the chain. */
	exec(f->st, "INSERT INTO audit_entry(seq, at, username, agency_code, operation, records,"
		    " prev_hash, hash) VALUES (0, 't', 'u', 'A', 'collection', '[]', 'p', 'h')");
	expect_tampered(f->st, 0, NULL, 0, "inserted");
}

static void reordered_entries_are_caught(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	/* Swap the contents of entries 2 and 3 (and their index rows). */
	exec(f->st, "UPDATE audit_entry SET seq = -2 WHERE seq = 2;"
		    "UPDATE audit_entry SET seq = 2 WHERE seq = 3;"
		    "UPDATE audit_entry SET seq = 3 WHERE seq = -2;"
		    "UPDATE audit_record SET seq = -2 WHERE seq = 2;"
		    "UPDATE audit_record SET seq = 2 WHERE seq = 3;"
		    "UPDATE audit_record SET seq = 3 WHERE seq = -2");
	expect_tampered(f->st, 0, NULL, 2, "does not follow entry 1");
}

static void altered_index_rows_are_caught(void **state)
{
	struct fixture *f = *state;

	append_six(f);
	drop_triggers(f->st);
	/* Hide that entry 2 consulted person 3. */
	exec(f->st, "UPDATE audit_record SET record_id = 4 WHERE seq = 2 AND record_kind = 'person'");
	expect_tampered(f->st, 0, NULL, 2, "audit_record rows do not match");
	exec(f->st, "UPDATE audit_record SET record_id = 3 WHERE seq = 2 AND record_kind = 'person'");
	expect_intact(f->st, 6);

	exec(f->st, "DELETE FROM audit_record WHERE seq = 4 AND record_id = 4");
	expect_tampered(f->st, 0, NULL, 4, "audit_record rows do not match");
	exec(f->st, "INSERT INTO audit_record VALUES (4, 'person', 4)");
	expect_intact(f->st, 6);

	exec(f->st, "INSERT INTO audit_record VALUES (5, 'person', 1)");
	expect_tampered(f->st, 0, NULL, 5, "audit_record rows do not match");
	exec(f->st, "DELETE FROM audit_record WHERE seq = 5 AND record_kind = 'person'");
	expect_intact(f->st, 6);

	/* Moved to another entry. */
	exec(f->st, "UPDATE audit_record SET seq = 5 WHERE seq = 6");
	expect_tampered(f->st, 0, NULL, 5, "audit_record rows do not match");
	exec(f->st, "UPDATE audit_record SET seq = 6 WHERE seq = 5 AND record_kind = 'source_record'");
	expect_intact(f->st, 6);

	/* Naming an entry that does not exist. */
	exec(f->st, "INSERT INTO audit_record VALUES (0, 'person', 1)");
	expect_tampered(f->st, 0, NULL, 0, "which does not exist");
	exec(f->st, "UPDATE audit_record SET seq = 99 WHERE seq = 0");
	expect_tampered(f->st, 0, NULL, 99, "which does not exist");
}

static void forged_entry_with_its_own_hash_breaks_at_the_next(void **state)
{
	struct fixture *f = *state;
	char head[65];
	int64_t seq = 0;
	struct cg_error err = CG_ERROR_INIT;

	append_six(f);
	assert_int_equal(cg_audit_head(f->st, &seq, head, &err), CG_OK);
	drop_triggers(f->st);
	exec(f->st, "UPDATE audit_entry SET justification = 'routine check' WHERE seq = 3");
	forge_own_hash(f->st, 3);
	expect_tampered(f->st, 0, NULL, 4, "does not follow entry 3");

	/* Forging the whole rest of the chain makes it consistent again: only
	 * the exported head tells. */
	for (int64_t i = 4; i <= 6; i++) {
		char sql[200], prev[65];
		entry_text(f->st, i - 1, "hash", prev, sizeof(prev));
		snprintf(sql, sizeof(sql),
			 "UPDATE audit_entry SET prev_hash = '%s' WHERE seq = %" PRId64, prev, i);
		exec(f->st, sql);
		forge_own_hash(f->st, i);
	}
	expect_intact(f->st, 6);
	expect_tampered(f->st, seq, head, 6, "cut off or rewritten");
}

static void damaged_head_refuses_appends(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, NULL, 0, NULL, NULL };
	char hash[65];
	int64_t seq;

	append_six(f);
	drop_triggers(f->st);
	exec(f->st, "UPDATE audit_entry SET hash = 'short' WHERE seq = 6");
	assert_int_equal(cg_audit_append(&f->ctx, &ev, NULL, &err), CG_TAMPERED);
	assert_int_equal(cg_store_tx_depth(f->st), 0);
	assert_int_equal(cg_audit_head(f->st, &seq, hash, &err), CG_TAMPERED);
	expect_tampered(f->st, 0, NULL, 6, "was altered");
}

static void long_chain_verifies(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	char sql[200];

	assert_int_equal(cg_store_begin(f->st, &err), CG_OK);
	for (int64_t i = 1; i <= 3000; i++) {
		struct cg_audit_ref r[] = { { "person", i % 50 }, { "intel_report", i } };
		append(f, (enum cg_audit_op)(i % CG_AUDIT_OP_COUNT), r, 2, "bulk", NULL);
	}
	assert_int_equal(cg_store_commit(f->st, &err), CG_OK);
	expect_intact(f->st, 3000);
	drop_triggers(f->st);
	snprintf(sql, sizeof(sql), "UPDATE audit_entry SET detail = 'bulk!' WHERE seq = 2718");
	exec(f->st, sql);
	expect_tampered(f->st, 0, NULL, 2718, "was altered");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(op_names_match_the_schema),
		T(empty_log_has_the_genesis_head),
		T(entries_chain_and_verify),
		T(hash_follows_the_documented_encoding),
		T(documented_test_vectors_verify),
		T(records_are_sorted_and_unique),
		T(append_as_records_actors_without_context),
		T(bad_input_writes_nothing),
		T(append_rolls_back_with_its_caller),
		T(triggers_refuse_changes),
		T(altered_field_names_the_entry),
		T(every_field_is_covered),
		T(removed_middle_entry_names_the_next),
		T(removed_entries_renumbered_still_break),
		T(removed_first_entries_are_caught),
		T(cut_off_end_is_caught_only_with_the_head),
		T(cut_off_end_leaving_index_rows_is_caught),
		T(inserted_entry_is_caught),
		T(inserted_entry_without_renumbering_is_caught),
		T(reordered_entries_are_caught),
		T(altered_index_rows_are_caught),
		T(forged_entry_with_its_own_hash_breaks_at_the_next),
		T(damaged_head_refuses_appends),
		T(long_chain_verifies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
