/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_store.c - unit tests for the store layer: opening, refusing foreign
 * and newer files untouched, migrations, transactions and rollback, the
 * statement cache, constraint errors and the audit table's triggers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

struct fixture {
	char dir[64];
	char path[96];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/cg-test-store-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/s.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static struct cg_store *open_migrated(const char *path)
{
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	int from = -1, to = -1;
	assert_int_equal(cg_store_open(path, CG_STORE_CREATE, &st, &err), CG_OK);
	assert_int_equal(cg_store_migrate(st, &from, &to, &err), CG_OK);
	assert_int_equal(to, cg_store_schema_version_supported());
	return st;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

/* Reads a whole small file into a malloc'd buffer. */
static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	assert_non_null(fp);
	*len = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	return buf;
}

static int64_t count(struct cg_store *st, const char *sql)
{
	int64_t n = -1;
	assert_int_equal(cg_store_query_int64(st, sql, &n, NULL), CG_OK);
	return n;
}

static void create_and_migrate_is_idempotent(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_store *st = open_migrated(f->path);
	int from = -1, to = -1, v = -1;

	assert_true(cg_store_schema_version_supported() >= 1);
	assert_int_equal(cg_store_migrate(st, &from, &to, &err), CG_OK);
	assert_int_equal(from, to);
	assert_int_equal(cg_store_schema_version(st, &v, &err), CG_OK);
	assert_int_equal(v, cg_store_schema_version_supported());
	assert_int_equal(cg_store_require_current(st, &err), CG_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM schema_migration"), v);
	assert_int_equal(count(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(st, "PRAGMA synchronous"), 2); /* FULL */
	cg_store_close(st);
}

static void missing_store_is_not_created_without_flag(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_store_open(f->path, CG_STORE_OPEN_EXISTING, &st, &err),
			 CG_NOT_FOUND);
	assert_null(st);
	assert_non_null(strstr(err.message, "cg init"));
	assert_int_equal(access(f->path, F_OK), -1);
}

static void uninitialised_store_is_not_current(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &st, &err), CG_OK);
	assert_int_equal(cg_store_require_current(st, &err), CG_NOT_FOUND);
	cg_store_close(st);
}

static void foreign_file_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "name,dob\nAlice,1990-01-01\n";
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	size_t len = 0;
	char *after;

	write_file(f->path, text, sizeof(text) - 1);
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &st, &err), CG_NOT_A_STORE);
	assert_non_null(strstr(err.message, "not an SQLite database"));
	after = read_file(f->path, &len);
	assert_int_equal(len, sizeof(text) - 1);
	assert_memory_equal(after, text, len);
	free(after);
}

static void other_sqlite_database_is_refused(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'",
		 f->path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &st, &err), CG_NOT_A_STORE);
	assert_non_null(strstr(err.message, "another application"));
}

static void newer_store_is_refused_untouched(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_error err = CG_ERROR_INIT;
	size_t len1, len2;
	/* Leave WAL mode first, so the comparison sees the whole store in
	 * one file and would notice a journal-mode change. */
	char *before, *after;

	assert_int_equal(cg_store_exec(st,
			"INSERT INTO schema_migration VALUES (999, '0999_future.sql', 'x');"
			"PRAGMA journal_mode = DELETE", &err), CG_OK);
	cg_store_close(st);
	before = read_file(f->path, &len1);

	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &st, &err), CG_TOO_NEW);
	assert_non_null(strstr(err.message, "999"));
	assert_null(st);
	after = read_file(f->path, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(before, after, len1);
	free(before);
	free(after);
}

static void failed_migration_rolls_back_entirely(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	int from = -1, to = -1, v = -1;

	/* A claimed but unmigrated store that already has a table the first
	 * migration creates: the migration must fail and leave nothing of
	 * itself behind. */
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &st, &err), CG_OK);
	assert_int_equal(cg_store_exec(st, "CREATE TABLE audit_entry(x)", &err), CG_OK);
	assert_int_equal(cg_store_migrate(st, &from, &to, &err), CG_STORE);
	assert_non_null(strstr(err.message, "0001_schema.sql"));
	assert_int_equal(to, 0);
	assert_int_equal(cg_store_tx_depth(st), 0);
	assert_int_equal(cg_store_schema_version(st, &v, &err), CG_OK);
	assert_int_equal(v, 0);
	assert_int_equal(count(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'agency'"), 0);
	cg_store_close(st);
}

static void insert_agency(struct cg_store *st, const char *code, enum cg_status expect)
{
	struct cg_stmt *s = NULL;
	struct cg_error err = CG_ERROR_INIT;
	bool row = true;
	assert_int_equal(cg_store_prepare(st,
			"INSERT INTO agency(code, name, type, level, created_at)"
			" VALUES (?, ?, 'police_force', 'local', '2026-01-01T00:00:00Z')",
			&s, &err), CG_OK);
	cg_stmt_bind_str(s, 1, code);
	cg_stmt_bind_text(s, 2, "Test Force", 10);
	assert_int_equal(cg_stmt_step(s, &row, &err), expect);
	assert_false(row);
	cg_stmt_done(s);
}

static void transactions_commit_and_roll_back(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_error err = CG_ERROR_INIT;

	assert_int_equal(cg_store_begin(st, &err), CG_OK);
	insert_agency(st, "A", CG_OK);
	assert_int_equal(cg_store_commit(st, &err), CG_OK);

	assert_int_equal(cg_store_begin(st, &err), CG_OK);
	insert_agency(st, "B", CG_OK);
	cg_store_rollback(st);
	assert_int_equal(count(st, "SELECT count(*) FROM agency"), 1);

	/* Nested: the inner level rolls back alone, the outer commits. */
	assert_int_equal(cg_store_begin(st, &err), CG_OK);
	insert_agency(st, "C", CG_OK);
	assert_int_equal(cg_store_begin(st, &err), CG_OK);
	assert_int_equal(cg_store_tx_depth(st), 2);
	insert_agency(st, "D", CG_OK);
	cg_store_rollback(st);
	assert_int_equal(cg_store_commit(st, &err), CG_OK);
	assert_int_equal(cg_store_tx_depth(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM agency WHERE code IN ('C', 'D')"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM agency WHERE code = 'C'"), 1);

	/* Closing with an open transaction discards it. */
	assert_int_equal(cg_store_begin(st, &err), CG_OK);
	insert_agency(st, "E", CG_OK);
	cg_store_close(st);
	st = open_migrated(f->path);
	assert_int_equal(count(st, "SELECT count(*) FROM agency WHERE code = 'E'"), 0);
	cg_store_close(st);
}

static void constraint_violation_is_conflict(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_error err = CG_ERROR_INIT;
	insert_agency(st, "A", CG_OK);
	insert_agency(st, "A", CG_CONFLICT); /* UNIQUE(code) */
	insert_agency(st, "", CG_CONFLICT);  /* CHECK(length(code) ...) */
	/* Foreign keys are enforced. */
	assert_int_equal(cg_store_exec(st,
			"INSERT INTO app_user(agency_id, username, display_name, clearance, created_at)"
			" VALUES (999, 'u', 'U', 'SECRET', 'now')", &err), CG_CONFLICT);
	cg_store_close(st);
}

static void statement_cache_reuses_and_nests(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_stmt *a = NULL, *b = NULL, *c = NULL;
	struct cg_error err = CG_ERROR_INIT;
	const char *sql = "SELECT code FROM agency ORDER BY code";
	bool row = false;
	int outer = 0;

	insert_agency(st, "A", CG_OK);
	insert_agency(st, "B", CG_OK);
	assert_int_equal(cg_store_prepare(st, sql, &a, &err), CG_OK);
	cg_stmt_done(a);
	assert_int_equal(cg_store_prepare(st, sql, &b, &err), CG_OK);
	assert_ptr_equal(a, b); /* returned to the cache and handed out again */
	/* The same SQL while b is still running gets a private copy. */
	while (cg_stmt_step(b, &row, &err) == CG_OK && row) {
		int inner = 0;
		assert_int_equal(cg_store_prepare(st, sql, &c, &err), CG_OK);
		assert_ptr_not_equal(b, c);
		while (cg_stmt_step(c, &row, &err) == CG_OK && row)
			inner++;
		assert_int_equal(inner, 2);
		cg_stmt_done(c);
		outer++;
	}
	assert_int_equal(outer, 2);
	cg_stmt_done(b);

	assert_int_equal(cg_store_prepare(st, "SELEC nonsense", &a, &err), CG_STORE);
	assert_non_null(strstr(err.message, "SELEC nonsense"));
	cg_store_close(st);
}

static void typed_binds_round_trip(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_stmt *s = NULL;
	struct cg_error err = CG_ERROR_INIT;
	bool row = false;
	size_t len = 0;
	static const unsigned char blob[4] = { 0, 1, 2, 255 };

	assert_int_equal(cg_store_prepare(st, "SELECT ?, ?, ?, ?, ?", &s, &err), CG_OK);
	cg_stmt_bind_int64(s, 1, INT64_C(9007199254740993));
	cg_stmt_bind_double(s, 2, 2.5);
	cg_stmt_bind_str(s, 3, "Zoë");
	cg_stmt_bind_blob(s, 4, blob, sizeof(blob));
	cg_stmt_bind_null(s, 5);
	assert_int_equal(cg_stmt_step(s, &row, &err), CG_OK);
	assert_true(row);
	assert_int_equal(cg_stmt_column_count(s), 5);
	assert_true(cg_stmt_int64(s, 0) == INT64_C(9007199254740993));
	assert_true(cg_stmt_double(s, 1) == 2.5);
	assert_string_equal(cg_stmt_text(s, 2), "Zoë");
	assert_memory_equal(cg_stmt_blob(s, 3, &len), blob, sizeof(blob));
	assert_int_equal(len, sizeof(blob));
	assert_true(cg_stmt_is_null(s, 4));
	assert_string_equal(cg_stmt_text(s, 4), "");
	cg_stmt_done(s);
	cg_store_close(st);
}

static void audit_rows_are_append_only(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_error err = CG_ERROR_INIT;

	assert_int_equal(cg_store_exec(st,
			"INSERT INTO audit_entry(at, username, agency_code, operation, records,"
			" prev_hash, hash) VALUES ('t', 'u', 'A', 'collection', '[]', '0', 'h1')",
			&err), CG_OK);
	assert_int_equal(cg_store_exec(st, "UPDATE audit_entry SET username = 'x'", &err),
			 CG_CONFLICT);
	assert_non_null(strstr(err.message, "append-only"));
	assert_int_equal(cg_store_exec(st, "DELETE FROM audit_entry", &err), CG_CONFLICT);
	assert_int_equal(count(st, "SELECT count(*) FROM audit_entry WHERE username = 'u'"), 1);
	cg_store_close(st);
}

static int collect(const struct cg_table_count *tc, void *arg)
{
	int *n = arg;
	if (strcmp(tc->name, "agency") == 0)
		assert_int_equal(tc->rows, 1);
	(*n)++;
	return 0;
}

static void table_counts_cover_the_schema(void **state)
{
	struct fixture *f = *state;
	struct cg_store *st = open_migrated(f->path);
	struct cg_error err = CG_ERROR_INIT;
	int n = 0;
	insert_agency(st, "A", CG_OK);
	assert_int_equal(cg_store_table_counts(st, collect, &n, &err), CG_OK);
	/* FTS5 shadow tables (intel_fts_data, ...) are the index's internals. */
	assert_int_equal(n, count(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				      " AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'intel_fts_%'"));
	assert_true(n >= 25);
	cg_store_close(st);
}

static void postgres_url_is_explained(void **state)
{
	struct cg_store *st = NULL;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_store_open("postgresql://localhost/cg", 0, &st, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "PostgreSQL"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(create_and_migrate_is_idempotent),
		T(missing_store_is_not_created_without_flag),
		T(uninitialised_store_is_not_current),
		T(foreign_file_is_refused_untouched),
		T(other_sqlite_database_is_refused),
		T(newer_store_is_refused_untouched),
		T(failed_migration_rolls_back_entirely),
		T(transactions_commit_and_roll_back),
		T(constraint_violation_is_conflict),
		T(statement_cache_reuses_and_nests),
		T(typed_binds_round_trip),
		T(audit_rows_are_append_only),
		T(table_counts_cover_the_schema),
		T(postgres_url_is_explained),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
