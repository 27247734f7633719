/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sqlite.c - the SQLite backend (store layer).
 *
 * One file is one store. Before anything is written, an existing file is
 * checked: it must start with SQLite's header, be readable, and carry
 * Common Ground's application id (or be an empty database). So `cg init`
 * pointed at the wrong file refuses instead of converting it to WAL mode or
 * adding tables to someone else's data.
 *
 * Settings, and why:
 *   journal_mode=WAL   readers never block the writer (the HTTP server reads
 *                      while imports write);
 *   synchronous=FULL   a commit survives power loss, not only a crash (WAL's
 *                      default NORMAL may lose the last commits);
 *   foreign_keys=ON    references are enforced, not merely documented;
 *   busy_timeout=5000  concurrent writers wait instead of failing at once;
 *   cache_size=32 MiB  a large import (one transaction per file) keeps its
 *                      working set in memory; bounded, so memory stays flat;
 *   temp_store=MEMORY  statement journals of multi-row transactions stay in
 *                      memory instead of temporary files;
 *   wal_autocheckpoint=8192  checkpoint every 32 MiB of WAL rather than 4:
 *                      each checkpoint syncs twice, and every read appends
 *                      an audit entry, so frequent checkpoints tax reads.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/backend.h"
#include "base/banned.h"

/* 'CGND': marks the file as a Common Ground store (PRAGMA application_id). */
#define CG_SQLITE_APPLICATION_ID 0x43474e44

static enum cg_status status_from_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return CG_OK;
	case SQLITE_CONSTRAINT:
		return CG_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return CG_BUSY;
	case SQLITE_NOTADB:
		return CG_NOT_A_STORE;
	case SQLITE_CORRUPT:
		return CG_CORRUPT;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return CG_IO;
	case SQLITE_TOOBIG:
		return CG_LIMIT;
	default:
		return CG_STORE;
	}
}

static enum cg_status fail_sqlite(struct cg_error *err, sqlite3 *db, int rc,
				  const char *what)
{
	return cg_fail(err, status_from_sqlite(rc), "%s: %s", what,
		       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/*
 * Reads the first 16 bytes of an existing file: an empty file is a new
 * store; anything else must be an SQLite database. Sets *exists.
 *
 * The file is read through SQLite's own VFS, not fopen/fclose: POSIX
 * advisory locks belong to the process, and closing any descriptor of the
 * file drops every lock the process holds on it. A process with several
 * connections (the HTTP server opens one per worker thread) would lose the
 * locks of the others, and another process could then take the database
 * for unused, checkpoint and delete the WAL under them. SQLite's unix VFS
 * defers such a close until no lock is held.
 */
static enum cg_status check_header(const char *path, bool *exists,
				   struct cg_error *err)
{
	static const char magic[16] = "SQLite format 3";
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sqlite3_file *f = NULL;
	char *full = NULL;
	const char *name = NULL;
	char head[16];
	sqlite3_int64 size = 0;
	int found = 0, out = 0, rc;

	*exists = false;
	if (!vfs || vfs->xAccess(vfs, path, SQLITE_ACCESS_EXISTS, &found) != SQLITE_OK || !found)
		return CG_OK; /* missing (or unreadable: sqlite3_open reports it) */
	*exists = true;
	full = sqlite3_malloc(vfs->mxPathname + 1);
	f = sqlite3_malloc(vfs->szOsFile);
	if (!full || !f) {
		sqlite3_free(full);
		sqlite3_free(f);
		return cg_fail(err, CG_INTERNAL, "%s: out of memory", path);
	}
	memset(f, 0, (size_t)vfs->szOsFile);
	rc = vfs->xFullPathname(vfs, path, vfs->mxPathname + 1, full);
	/* xOpen wants a name as SQLite makes them (URI parameters follow it). */
	if (rc == SQLITE_OK)
		name = sqlite3_create_filename(full, "", "", 0, NULL);
	if (rc == SQLITE_OK && name)
		rc = vfs->xOpen(vfs, (sqlite3_filename)name, f,
				SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out);
	else
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		rc = f->pMethods->xFileSize(f, &size);
		if (rc == SQLITE_OK && size > 0)
			rc = f->pMethods->xRead(f, head, sizeof(head), 0);
		f->pMethods->xClose(f);
	} else {
		rc = SQLITE_OK; /* unreadable: sqlite3_open reports it */
		size = -1;
	}
	sqlite3_free_filename((sqlite3_filename)name);
	sqlite3_free(full);
	sqlite3_free(f);
	if (size <= 0 && rc == SQLITE_OK)
		return CG_OK;
	if (rc != SQLITE_OK || memcmp(head, magic, sizeof(head)) != 0)
		return cg_fail(err, CG_NOT_A_STORE,
			       "%s is not a Common Ground store (not an SQLite database)", path);
	return CG_OK;
}

static enum cg_status query_int(sqlite3 *db, const char *sql, int64_t *out,
				struct cg_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_OK && rc != SQLITE_DONE)
		return fail_sqlite(err, db, rc, "reading the store");
	return CG_OK;
}

/* Is this database ours (or empty, so we may claim it)? */
static enum cg_status check_owner(sqlite3 *db, const char *path, unsigned flags,
				  struct cg_error *err)
{
	int64_t app_id = 0, tables = 0;
	enum cg_status rc;

	/* Reading the catalogue also proves the file is readable: a damaged
	 * header or first page fails here, before anything is written. */
	rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err);
	if (rc == CG_OK)
		rc = query_int(db, "PRAGMA application_id", &app_id, err);
	if (rc)
		return cg_error_prefix(err, "%s", path);
	if (app_id == CG_SQLITE_APPLICATION_ID)
		return CG_OK;
	if (app_id != 0 || tables > 0)
		return cg_fail(err, CG_NOT_A_STORE,
			       "%s is not a Common Ground store (an SQLite database of another application)",
			       path);
	if (!(flags & CG_STORE_CREATE))
		return cg_fail(err, CG_NOT_FOUND,
			       "%s holds no Common Ground store: run 'cg init' first", path);
	/* Empty database and we are creating: claim it. */
	if (sqlite3_exec(db, "PRAGMA application_id = 1128746564", NULL, NULL, NULL) != SQLITE_OK)
		return fail_sqlite(err, db, sqlite3_errcode(db), path);
	return CG_OK;
}

static enum cg_status sq_exec(void *conn, const char *sql, struct cg_error *err)
{
	sqlite3 *db = conn;
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return fail_sqlite(err, db, rc, "store");
	return CG_OK;
}

static enum cg_status sq_open(const char *path, unsigned flags, void **conn,
			      struct cg_error *err)
{
	sqlite3 *db = NULL;
	bool exists = false;
	int oflags;
	int rc;
	enum cg_status st;

	_Static_assert(CG_SQLITE_APPLICATION_ID == 1128746564, "application id");
	*conn = NULL;
	st = check_header(path, &exists, err);
	if (st)
		return st;
	if (!exists && !(flags & CG_STORE_CREATE))
		return cg_fail(err, CG_NOT_FOUND,
			       "%s: no store there: run 'cg init' first", path);
	if (flags & CG_STORE_READONLY)
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE | ((flags & CG_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		st = fail_sqlite(err, db, rc, path);
		sqlite3_close(db);
		return st;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	st = check_owner(db, path, flags, err);
	if (st) {
		sqlite3_close(db);
		return st;
	}
	*conn = db;
	return CG_OK;
}

/* Called once the store is known to be ours and not too new, so that a
 * refused file never has its journal mode changed. */
static enum cg_status sq_configure(void *conn, unsigned flags, struct cg_error *err)
{
	enum cg_status st = CG_OK;
	if (!(flags & CG_STORE_READONLY))
		st = sq_exec(conn, "PRAGMA journal_mode = WAL", err);
	if (st == CG_OK)
		st = sq_exec(conn, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
			     " PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;"
			     " PRAGMA wal_autocheckpoint = 8192", err);
	return st;
}

static enum cg_status sq_set_durable(void *conn, bool durable, struct cg_error *err)
{
	return sq_exec(conn, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
		       err);
}

static void sq_close(void *conn)
{
	sqlite3_close(conn);
}

static enum cg_status sq_prepare(void *conn, const char *sql, void **stmt,
				 struct cg_error *err)
{
	sqlite3 *db = conn;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		return cg_fail(err, status_from_sqlite(rc), "preparing \"%.40s\": %s", sql,
			       sqlite3_errmsg(db));
	}
	*stmt = s;
	return CG_OK;
}

static void sq_finalize(void *stmt) { sqlite3_finalize(stmt); }

static void sq_reset(void *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

static enum cg_status bind_result(int rc)
{
	return rc == SQLITE_OK ? CG_OK : (rc == SQLITE_TOOBIG ? CG_LIMIT : CG_INTERNAL);
}

static enum cg_status sq_bind_int64(void *stmt, int idx, int64_t v)
{
	return bind_result(sqlite3_bind_int64(stmt, idx, v));
}

static enum cg_status sq_bind_double(void *stmt, int idx, double v)
{
	return bind_result(sqlite3_bind_double(stmt, idx, v));
}

static enum cg_status sq_bind_text(void *stmt, int idx, const char *v, size_t len)
{
	return bind_result(sqlite3_bind_text64(stmt, idx, v, len, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static enum cg_status sq_bind_blob(void *stmt, int idx, const void *v, size_t len)
{
	return bind_result(sqlite3_bind_blob64(stmt, idx, v, len, SQLITE_TRANSIENT));
}

static enum cg_status sq_bind_null(void *stmt, int idx)
{
	return bind_result(sqlite3_bind_null(stmt, idx));
}

static enum cg_status sq_step(void *stmt, bool *has_row, struct cg_error *err)
{
	int rc = sqlite3_step(stmt);
	*has_row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CG_OK;
	return cg_fail(err, status_from_sqlite(rc), "%s",
		       sqlite3_errmsg(sqlite3_db_handle(stmt)));
}

static bool sq_is_null(void *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

static int64_t sq_col_int64(void *stmt, int col) { return sqlite3_column_int64(stmt, col); }
static double sq_col_double(void *stmt, int col) { return sqlite3_column_double(stmt, col); }
static int sq_col_count(void *stmt) { return sqlite3_column_count(stmt); }
static const char *sq_col_name(void *stmt, int col) { return sqlite3_column_name(stmt, col); }

static const char *sq_col_text(void *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return t ? (const char *)t : "";
}

static const void *sq_col_blob(void *stmt, int col, size_t *len)
{
	const void *b = sqlite3_column_blob(stmt, col);
	*len = (size_t)sqlite3_column_bytes(stmt, col);
	return b;
}

static int64_t sq_changes(void *conn) { return sqlite3_changes64(conn); }
static int64_t sq_last_id(void *conn) { return sqlite3_last_insert_rowid(conn); }

const struct cg_store_backend cg_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.configure = sq_configure,
	.close = sq_close,
	.set_durable = sq_set_durable,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int64 = sq_bind_int64,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.is_null = sq_is_null,
	.col_int64 = sq_col_int64,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.changes = sq_changes,
	.last_id = sq_last_id,
	/* Full-text index shadow tables (name_data, name_idx, ...) are the
	 * index's internals, not data: FTS5 names them with these suffixes. */
	.list_tables_sql =
		"SELECT name FROM sqlite_schema WHERE type = 'table'"
		" AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
		" AND name NOT GLOB '*_data' AND name NOT GLOB '*_idx'"
		" AND name NOT GLOB '*_docsize' AND name NOT GLOB '*_config'"
		" AND name NOT GLOB '*_content'"
		" ORDER BY name",
	.table_exists_sql =
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
};

const char *cg_store_backend_versions(void)
{
	static char text[64];
	if (!text[0])
		snprintf(text, sizeof(text), "SQLite %s", sqlite3_libversion());
	return text;
}
