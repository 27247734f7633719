/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * migrate.c - versioned forward migrations (store layer).
 *
 * The migrations are the SQL files in src/store/sql/, compiled into the
 * binary and named NNNN_what.sql; NNNN is the schema version the file
 * produces, and versions run 1, 2, 3... without gaps. Applied versions are
 * rows of schema_migration, so the store itself says what it contains.
 *
 * Each migration runs in its own transaction together with the row that
 * records it: a failure leaves the store at the previous version, never
 * half-way. A store whose newest recorded version is above what this build
 * knows was written by a newer Common Ground and is refused untouched,
 * because an older build cannot know what the newer tables mean.
 */
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "store/store.h"
#include "base/banned.h"

/* Parses the leading digits of "0001_schema.sql"; -1 if malformed. */
static int migration_version(const char *name)
{
	int v = 0;
	size_t i;
	for (i = 0; name[i] >= '0' && name[i] <= '9'; i++) {
		if (v > 100000)
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return (i == 4 && name[i] == '_') ? v : -1;
}

int cg_store_schema_version_supported(void)
{
	int n = 0;
	while (cg_schema_files[n].name) {
		/* The build embeds them sorted; a gap or a bad name is a bug
		 * in the source tree, caught by the first test that runs. */
		CG_ASSERT(migration_version(cg_schema_files[n].name) == n + 1);
		n++;
	}
	return n;
}

enum cg_status cg_store_schema_version(struct cg_store *st, int *version,
				       struct cg_error *err)
{
	bool exists = false;
	int64_t v = 0;
	enum cg_status rc = cg_store_table_exists(st, "schema_migration", &exists, err);

	*version = 0;
	if (rc || !exists)
		return rc;
	rc = cg_store_query_int64(st, "SELECT coalesce(max(version), 0) FROM schema_migration",
				  &v, err);
	if (rc)
		return rc;
	if (v > cg_store_schema_version_supported())
		return cg_fail(err, CG_TOO_NEW,
			       "%s has schema version %lld but this cg understands up to %d: "
			       "upgrade Common Ground (the store was left unchanged)",
			       cg_store_location(st), (long long)v,
			       cg_store_schema_version_supported());
	*version = (int)v;
	return CG_OK;
}

/* Any row from PRAGMA foreign_key_check is a broken reference. */
static enum cg_status check_references(struct cg_store *st, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare(st, "PRAGMA foreign_key_check", &s, err);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		rc = cg_fail(err, CG_CONFLICT, "a reference from table %s is broken",
			     cg_stmt_text(s, 0));
	cg_stmt_done(s);
	return rc;
}

/*
 * A migration that rebuilds a table (SQLite cannot drop a constraint: the
 * table is copied, dropped and renamed) says so with the marker
 * "cg:rebuilds-tables". SQLite's documented procedure is then followed:
 * foreign keys off around the transaction (they cannot change inside
 * one), every reference checked before commit.
 */
static enum cg_status apply_one(struct cg_store *st, const struct cg_embedded *m,
				int version, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	bool rebuilds = strstr(m->data, "cg:rebuilds-tables") != NULL;
	enum cg_status rc = CG_OK;

	if (rebuilds)
		rc = cg_store_exec(st, "PRAGMA foreign_keys = OFF", err);
	if (rc == CG_OK)
		rc = cg_store_begin(st, err);
	if (rc) {
		if (rebuilds)
			cg_store_exec(st, "PRAGMA foreign_keys = ON", NULL);
		return rc;
	}
	rc = cg_store_exec(st,
			   "CREATE TABLE IF NOT EXISTS schema_migration ("
			   " version INTEGER PRIMARY KEY,"
			   " name TEXT NOT NULL,"
			   " applied_at TEXT NOT NULL)",
			   err);
	if (rc == CG_OK)
		rc = cg_store_exec(st, m->data, err);
	if (rc == CG_OK)
		rc = cg_store_prepare(st,
				      "INSERT INTO schema_migration(version, name, applied_at)"
				      " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
				      &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, version);
		cg_stmt_bind_str(s, 2, m->name);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	if (rc == CG_OK && rebuilds)
		rc = check_references(st, err);
	if (rc == CG_OK)
		rc = cg_store_commit(st, err);
	if (rc && cg_store_tx_depth(st) > 0)
		cg_store_rollback(st);
	if (rebuilds && cg_store_exec(st, "PRAGMA foreign_keys = ON", rc ? NULL : err) && !rc)
		rc = err ? err->code : CG_STORE;
	if (rc)
		return cg_error_prefix(err, "migration %s", m->name);
	return CG_OK;
}

enum cg_status cg_store_migrate(struct cg_store *st, int *from, int *to,
				struct cg_error *err)
{
	int current = 0;
	int target = cg_store_schema_version_supported();
	enum cg_status rc = cg_store_schema_version(st, &current, err);

	if (from)
		*from = current;
	if (to)
		*to = current;
	if (rc)
		return rc;
	for (int v = current + 1; v <= target; v++) {
		rc = apply_one(st, &cg_schema_files[v - 1], v, err);
		if (rc)
			return rc;
		if (to)
			*to = v;
	}
	return CG_OK;
}

enum cg_status cg_store_require_current(struct cg_store *st, struct cg_error *err)
{
	int v = 0;
	enum cg_status rc = cg_store_schema_version(st, &v, err);
	if (rc)
		return rc;
	if (v == 0)
		return cg_fail(err, CG_NOT_FOUND, "%s holds no Common Ground store: run 'cg init' first",
			       cg_store_location(st));
	if (v < cg_store_schema_version_supported())
		return cg_fail(err, CG_CONFLICT,
			       "%s has schema version %d, this cg writes %d: run 'cg init' to migrate it",
			       cg_store_location(st), v, cg_store_schema_version_supported());
	return CG_OK;
}
