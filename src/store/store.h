/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.h - the storage interface (store layer).
 *
 * The only code in Common Ground that speaks SQL lives under src/store/. Its
 * callers see this interface: open/close, transactions, prepared statements
 * with typed binds, row iteration and migrations. Each backend (SQLite now,
 * PostgreSQL later) implements `struct cg_store_backend`; nothing above this
 * layer knows which one is in use. SQL text uses `?` placeholders numbered
 * from 1; a backend that needs `$1` rewrites them.
 *
 * The store knows nothing of the domain's rules (visibility, audit): those
 * live in access/ and model/, which call the store.
 *
 * Thread-safety: one `struct cg_store` is used by one thread at a time.
 * Open one store per thread (SQLite's WAL mode lets them read concurrently).
 */
#ifndef CG_STORE_STORE_H
#define CG_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

struct cg_store;
struct cg_stmt;

/* Flags for cg_store_open. */
enum cg_store_open_flags {
	CG_STORE_OPEN_EXISTING = 0, /* fail with CG_NOT_FOUND if there is no store */
	CG_STORE_CREATE = 1 << 0,   /* create the file if missing */
	CG_STORE_READONLY = 1 << 1, /* never write (inspection, verification) */
};

/*
 * Opens the store at `location`: a file path (SQLite) or, later, a
 * postgresql:// URL. Checks that an existing file is a Common Ground store
 * before changing anything in it: a file that is not an SQLite database, or
 * is one written by another application, fails with CG_NOT_A_STORE, and a
 * store written by a newer Common Ground with CG_TOO_NEW; both are left
 * untouched. Does not migrate: see cg_store_migrate. Allocates *out
 * (release with cg_store_close) only on success.
 */
enum cg_status cg_store_open(const char *location, unsigned flags,
			     struct cg_store **out, struct cg_error *err);

/* Finalises cached statements and closes. Accepts NULL. Rolls back an open
 * transaction. */
void cg_store_close(struct cg_store *st);

/* Names and versions of the storage libraries built in, e.g.
 * "SQLite 3.40.1" (static string). */
const char *cg_store_backend_versions(void);

/* The location the store was opened with (borrowed, valid until close). */
const char *cg_store_location(const struct cg_store *st);

/*
 * Transactions nest: the outermost begin/commit is a real transaction, inner
 * ones are savepoints, so a library function can wrap its own writes without
 * knowing whether its caller already did. cg_store_rollback undoes the
 * innermost level. Commit is durable (synchronous=FULL).
 */
enum cg_status cg_store_begin(struct cg_store *st, struct cg_error *err);
enum cg_status cg_store_commit(struct cg_store *st, struct cg_error *err);
void cg_store_rollback(struct cg_store *st);

/*
 * As cg_store_begin, but when this opens the outermost transaction its
 * commit does not wait for the disk: it survives a crash of the process at
 * once, and a power loss from the next durable commit or checkpoint on
 * (SQLite: synchronous=NORMAL in WAL mode, consistent either way). For
 * transactions that only log reads; data writes use cg_store_begin. Inside
 * an open transaction it is cg_store_begin: the outer one decides.
 */
enum cg_status cg_store_begin_relaxed(struct cg_store *st, struct cg_error *err);
/* Depth of open transactions (0 when none). */
int cg_store_tx_depth(const struct cg_store *st);

/*
 * Prepares `sql` (one statement) or fetches it from the statement cache,
 * which is keyed by the SQL text. The statement is borrowed: hand it back
 * with cg_stmt_done (which resets it and clears its binds) before preparing
 * the same SQL again. Errors name the SQL's first words and the backend's
 * message.
 */
enum cg_status cg_store_prepare(struct cg_store *st, const char *sql,
				struct cg_stmt **out, struct cg_error *err);

/* Runs one or more statements that take no parameters and return no rows
 * (schema changes in migrations, pragmas). */
enum cg_status cg_store_exec(struct cg_store *st, const char *sql,
			     struct cg_error *err);

/* Typed binds, 1-based index. Text and blobs are copied by the backend. */
enum cg_status cg_stmt_bind_int64(struct cg_stmt *s, int idx, int64_t v);
enum cg_status cg_stmt_bind_double(struct cg_stmt *s, int idx, double v);
enum cg_status cg_stmt_bind_text(struct cg_stmt *s, int idx, const char *v,
				 size_t len);
enum cg_status cg_stmt_bind_str(struct cg_stmt *s, int idx, const char *v); /* NULL binds NULL */
enum cg_status cg_stmt_bind_blob(struct cg_stmt *s, int idx, const void *v,
				 size_t len);
enum cg_status cg_stmt_bind_null(struct cg_stmt *s, int idx);

/*
 * Advances to the next row. Sets *has_row to true when a row is available,
 * false when the statement is finished. A constraint violation is
 * CG_CONFLICT, a locked store CG_BUSY (after the busy timeout), anything
 * else CG_STORE; the message names the backend's reason.
 */
enum cg_status cg_stmt_step(struct cg_stmt *s, bool *has_row,
			    struct cg_error *err);

/* Column access for the current row, 0-based. Text and blob pointers are
 * borrowed until the next step or cg_stmt_done. Text is never NULL ("" for
 * SQL NULL); use cg_stmt_is_null to tell them apart. */
bool cg_stmt_is_null(struct cg_stmt *s, int col);
int64_t cg_stmt_int64(struct cg_stmt *s, int col);
double cg_stmt_double(struct cg_stmt *s, int col);
const char *cg_stmt_text(struct cg_stmt *s, int col);
const void *cg_stmt_blob(struct cg_stmt *s, int col, size_t *len);
int cg_stmt_column_count(struct cg_stmt *s);
const char *cg_stmt_column_name(struct cg_stmt *s, int col);

/* Returns the statement to the cache (reset, binds cleared). Accepts NULL. */
void cg_stmt_done(struct cg_stmt *s);

/* Rows changed by the last INSERT/UPDATE/DELETE, and the last inserted
 * row id, on this store connection. */
int64_t cg_store_changes(struct cg_store *st);
int64_t cg_store_last_id(struct cg_store *st);

/*
 * Convenience for single-value queries: runs `sql` with no binds and stores
 * the first column of the first row in *out. CG_NOT_FOUND when no row.
 */
enum cg_status cg_store_query_int64(struct cg_store *st, const char *sql,
				    int64_t *out, struct cg_error *err);

/* Sets *exists to whether the schema has a table called `table`. */
enum cg_status cg_store_table_exists(struct cg_store *st, const char *table,
				     bool *exists, struct cg_error *err);

/* ---- migrations (migrate.c) ---- */

/* Schema version this build writes and understands. */
int cg_store_schema_version_supported(void);

/*
 * Reads the store's schema version: 0 for a new, empty store. Fails with
 * CG_TOO_NEW when the store was written by a newer Common Ground (nothing is
 * changed), CG_NOT_A_STORE when it is an SQLite file of some other program.
 */
enum cg_status cg_store_schema_version(struct cg_store *st, int *version,
				       struct cg_error *err);

/*
 * Applies every migration newer than the store's version, each in its own
 * transaction, recording it in schema_migration. A failure rolls the failing
 * migration back entirely and leaves earlier ones applied. *from and *to
 * (either may be NULL) receive the versions before and after.
 */
enum cg_status cg_store_migrate(struct cg_store *st, int *from, int *to,
				struct cg_error *err);

/*
 * For every command but `cg init`: succeeds only when the store is at exactly
 * this build's schema version. Otherwise CG_NOT_FOUND (never initialised),
 * CG_CONFLICT (older: run cg init to migrate) or CG_TOO_NEW.
 */
enum cg_status cg_store_require_current(struct cg_store *st, struct cg_error *err);

/* ---- introspection ---- */

/* One table and its row count. */
struct cg_table_count {
	char name[64];
	int64_t rows;
};

/*
 * Counts rows in every table of the schema (internal SQLite tables and
 * full-text index shadow tables excluded), in name order. Calls `fn` once
 * per table; a non-zero return from `fn` stops the walk. Meant for operators
 * (`cg stats`): it reveals volumes, not content.
 */
enum cg_status cg_store_table_counts(struct cg_store *st,
				     int (*fn)(const struct cg_table_count *, void *),
				     void *arg, struct cg_error *err);

#endif
