/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.c - backend-independent half of the storage interface (store layer).
 *
 * Picks the backend from the location, nests transactions as savepoints,
 * and caches prepared statements by SQL text so that hot queries are parsed
 * once per connection.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/xalloc.h"
#include "store/backend.h"
#include "base/banned.h"

#define STMT_CACHE_BUCKETS 256
#define STMT_FAST_SLOTS 512

struct cg_stmt {
	struct cg_store *st;
	void *impl;            /* the backend's statement */
	char *sql;             /* key in the cache (owned) */
	const char *sql_addr;  /* the caller's pointer it was last asked for by */
	bool cached;           /* lives in the cache; false: freed by done */
	bool in_use;           /* handed out and not yet returned */
	struct cg_stmt *next;  /* cache bucket chain */
};

struct cg_store {
	const struct cg_store_backend *be;
	void *conn;
	char *location;
	int tx_depth;
	bool relaxed;          /* the open transaction commits without waiting for the disk */
	struct cg_stmt *cache[STMT_CACHE_BUCKETS];
	/* Most SQL comes from the static query catalogue, so the same text
	 * arrives at the same address: a direct-mapped table keyed by that
	 * address finds it without hashing or comparing the text. */
	struct cg_stmt *fast[STMT_FAST_SLOTS];
};

/* The cache only needs a spread of SQL texts, not security. */
static size_t sql_bucket(const char *sql)
{
	return (size_t)(cg_fnv1a(sql, strlen(sql)) % STMT_CACHE_BUCKETS);
}

static bool is_postgres_url(const char *location)
{
	return strncmp(location, "postgresql://", 13) == 0 ||
	       strncmp(location, "postgres://", 11) == 0;
}

enum cg_status cg_store_open(const char *location, unsigned flags,
			     struct cg_store **out, struct cg_error *err)
{
	const struct cg_store_backend *be = &cg_sqlite_backend;
	struct cg_store *st;
	void *conn = NULL;
	enum cg_status rc;

	*out = NULL;
	if (!location || !*location)
		return cg_fail(err, CG_INVALID, "no store location given");
	if (is_postgres_url(location))
		return cg_fail(err, CG_INVALID,
			       "%s: the PostgreSQL backend is not part of this build yet",
			       location);
	rc = be->open(location, flags, &conn, err);
	if (rc)
		return rc;
	st = cg_xcalloc(1, sizeof(*st));
	st->be = be;
	st->conn = conn;
	st->location = cg_xstrdup(location);

	/* Refuse a newer store before anything is written to it. */
	int version = 0;
	rc = cg_store_schema_version(st, &version, err);
	if (rc == CG_OK)
		rc = be->configure(conn, flags, err);
	if (rc) {
		cg_store_close(st);
		return rc;
	}
	*out = st;
	return CG_OK;
}

void cg_store_close(struct cg_store *st)
{
	if (!st)
		return;
	while (st->tx_depth > 0)
		cg_store_rollback(st);
	for (size_t i = 0; i < STMT_CACHE_BUCKETS; i++) {
		struct cg_stmt *s = st->cache[i];
		while (s) {
			struct cg_stmt *next = s->next;
			st->be->finalize(s->impl);
			free(s->sql);
			free(s);
			s = next;
		}
	}
	st->be->close(st->conn);
	free(st->location);
	free(st);
}

const char *cg_store_location(const struct cg_store *st) { return st->location; }

int cg_store_tx_depth(const struct cg_store *st) { return st->tx_depth; }

/* Runs a statement without parameters or rows through the statement cache:
 * transaction control runs on every write, so it is parsed once. */
static enum cg_status run_cached(struct cg_store *st, const char *sql, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare(st, sql, &s, err);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_store_begin(struct cg_store *st, struct cg_error *err)
{
	enum cg_status rc;
	if (st->tx_depth == 0)
		rc = run_cached(st, "BEGIN IMMEDIATE", err);
	else
		rc = run_cached(st, "SAVEPOINT cg_nested", err);
	if (rc == CG_OK)
		st->tx_depth++;
	return rc;
}

enum cg_status cg_store_begin_relaxed(struct cg_store *st, struct cg_error *err)
{
	enum cg_status rc;
	if (st->tx_depth > 0)
		return cg_store_begin(st, err);
	rc = st->be->set_durable(st->conn, false, err);
	if (rc == CG_OK)
		rc = cg_store_begin(st, err);
	if (rc == CG_OK)
		st->relaxed = true;
	else
		st->be->set_durable(st->conn, true, NULL);
	return rc;
}

/* After the outermost transaction ended: durable commits again. A failure
 * to restore is reported, so no later write runs relaxed unnoticed. */
static enum cg_status end_relaxed(struct cg_store *st, struct cg_error *err)
{
	if (!st->relaxed || st->tx_depth > 0)
		return CG_OK;
	st->relaxed = false;
	return st->be->set_durable(st->conn, true, err);
}

enum cg_status cg_store_commit(struct cg_store *st, struct cg_error *err)
{
	enum cg_status rc;
	CG_ASSERT(st->tx_depth > 0);
	if (st->tx_depth == 1)
		rc = run_cached(st, "COMMIT", err);
	else
		rc = run_cached(st, "RELEASE SAVEPOINT cg_nested", err);
	if (rc == CG_OK) {
		st->tx_depth--;
		rc = end_relaxed(st, err);
	}
	return rc;
}

void cg_store_rollback(struct cg_store *st)
{
	CG_ASSERT(st->tx_depth > 0);
	if (st->tx_depth == 1) {
		st->be->exec(st->conn, "ROLLBACK", NULL);
	} else {
		st->be->exec(st->conn, "ROLLBACK TO SAVEPOINT cg_nested", NULL);
		st->be->exec(st->conn, "RELEASE SAVEPOINT cg_nested", NULL);
	}
	st->tx_depth--;
	end_relaxed(st, NULL);
}

static size_t fast_slot(const char *sql)
{
	return (size_t)(((uintptr_t)sql >> 3) % STMT_FAST_SLOTS);
}

enum cg_status cg_store_prepare(struct cg_store *st, const char *sql,
				struct cg_stmt **out, struct cg_error *err)
{
	size_t b, f = fast_slot(sql);
	bool cache_it = true;
	struct cg_stmt *s = st->fast[f];
	void *impl = NULL;
	enum cg_status rc;

	/* The address is only a hint: the text must still be the same, since
	 * a caller may reuse a buffer for different SQL. */
	if (s && s->sql_addr == sql && !s->in_use && strcmp(s->sql, sql) == 0) {
		s->in_use = true;
		*out = s;
		return CG_OK;
	}
	b = sql_bucket(sql);
	*out = NULL;
	for (s = st->cache[b]; s; s = s->next) {
		if (strcmp(s->sql, sql) != 0)
			continue;
		if (!s->in_use) {
			s->in_use = true;
			s->sql_addr = sql;
			st->fast[f] = s;
			*out = s;
			return CG_OK;
		}
		/* The same query is already running (a nested use): prepare a
		 * private copy, freed when it is returned. */
		cache_it = false;
		break;
	}
	rc = st->be->prepare(st->conn, sql, &impl, err);
	if (rc)
		return rc;
	s = cg_xcalloc(1, sizeof(*s));
	s->st = st;
	s->impl = impl;
	s->sql = cg_xstrdup(sql);
	s->cached = cache_it;
	s->in_use = true;
	if (cache_it) {
		s->next = st->cache[b];
		st->cache[b] = s;
		s->sql_addr = sql;
		st->fast[f] = s;
	}
	*out = s;
	return CG_OK;
}

void cg_stmt_done(struct cg_stmt *s)
{
	if (!s)
		return;
	s->st->be->reset(s->impl);
	if (s->cached) {
		s->in_use = false;
		return;
	}
	s->st->be->finalize(s->impl);
	free(s->sql);
	free(s);
}

enum cg_status cg_store_exec(struct cg_store *st, const char *sql,
			     struct cg_error *err)
{
	return st->be->exec(st->conn, sql, err);
}

enum cg_status cg_stmt_bind_int64(struct cg_stmt *s, int idx, int64_t v)
{
	return s->st->be->bind_int64(s->impl, idx, v);
}

enum cg_status cg_stmt_bind_double(struct cg_stmt *s, int idx, double v)
{
	return s->st->be->bind_double(s->impl, idx, v);
}

enum cg_status cg_stmt_bind_text(struct cg_stmt *s, int idx, const char *v, size_t len)
{
	return s->st->be->bind_text(s->impl, idx, v, len);
}

enum cg_status cg_stmt_bind_str(struct cg_stmt *s, int idx, const char *v)
{
	if (!v)
		return s->st->be->bind_null(s->impl, idx);
	return s->st->be->bind_text(s->impl, idx, v, strlen(v));
}

enum cg_status cg_stmt_bind_blob(struct cg_stmt *s, int idx, const void *v, size_t len)
{
	return s->st->be->bind_blob(s->impl, idx, v, len);
}

enum cg_status cg_stmt_bind_null(struct cg_stmt *s, int idx)
{
	return s->st->be->bind_null(s->impl, idx);
}

enum cg_status cg_stmt_step(struct cg_stmt *s, bool *has_row, struct cg_error *err)
{
	return s->st->be->step(s->impl, has_row, err);
}

bool cg_stmt_is_null(struct cg_stmt *s, int col) { return s->st->be->is_null(s->impl, col); }
int64_t cg_stmt_int64(struct cg_stmt *s, int col) { return s->st->be->col_int64(s->impl, col); }
double cg_stmt_double(struct cg_stmt *s, int col) { return s->st->be->col_double(s->impl, col); }
const char *cg_stmt_text(struct cg_stmt *s, int col) { return s->st->be->col_text(s->impl, col); }
int cg_stmt_column_count(struct cg_stmt *s) { return s->st->be->col_count(s->impl); }

const void *cg_stmt_blob(struct cg_stmt *s, int col, size_t *len)
{
	return s->st->be->col_blob(s->impl, col, len);
}

const char *cg_stmt_column_name(struct cg_stmt *s, int col)
{
	return s->st->be->col_name(s->impl, col);
}

int64_t cg_store_changes(struct cg_store *st) { return st->be->changes(st->conn); }
int64_t cg_store_last_id(struct cg_store *st) { return st->be->last_id(st->conn); }

enum cg_status cg_store_query_int64(struct cg_store *st, const char *sql,
				    int64_t *out, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row)
		rc = cg_fail(err, CG_NOT_FOUND, "no row");
	if (rc == CG_OK)
		*out = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_store_table_counts(struct cg_store *st,
				     int (*fn)(const struct cg_table_count *, void *),
				     void *arg, struct cg_error *err)
{
	struct cg_stmt *list = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare(st, st->be->list_tables_sql, &list, err);

	while (rc == CG_OK && (rc = cg_stmt_step(list, &row, err)) == CG_OK && row) {
		struct cg_table_count tc;
		char sql[128];
		const char *name = cg_stmt_text(list, 0);
		size_t n = strlen(name);

		/* Table names come from the schema catalogue, not from input;
		 * still refuse anything that is not a plain identifier. */
		if (n == 0 || n >= sizeof(tc.name) ||
		    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != n) {
			rc = cg_fail(err, CG_CORRUPT, "unexpected table name in schema");
			break;
		}
		memcpy(tc.name, name, n + 1);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", tc.name);
		rc = cg_store_query_int64(st, sql, &tc.rows, err);
		if (rc == CG_OK && fn(&tc, arg))
			break;
	}
	cg_stmt_done(list);
	return rc;
}

enum cg_status cg_store_table_exists(struct cg_store *st, const char *table,
				     bool *exists, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare(st, st->be->table_exists_sql, &s, err);
	if (rc == CG_OK)
		rc = cg_stmt_bind_str(s, 1, table);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	*exists = rc == CG_OK && row && cg_stmt_int64(s, 0) > 0;
	cg_stmt_done(s);
	return rc;
}
