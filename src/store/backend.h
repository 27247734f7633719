/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * backend.h - what a storage backend implements (store layer, internal).
 *
 * store.c holds everything backend-independent (transaction nesting, the
 * statement cache, helpers) and calls a backend through this table. A
 * backend reports failures as a cg_status plus a message; it never prints.
 * Only files in src/store/ include this header.
 */
#ifndef CG_STORE_BACKEND_H
#define CG_STORE_BACKEND_H

#include "store/store.h"

struct cg_store_backend {
	const char *name; /* "sqlite", later "postgresql" */

	/* Opens `location` with cg_store_open's flags into *conn, after
	 * checking that an existing store belongs to Common Ground. */
	enum cg_status (*open)(const char *location, unsigned flags, void **conn,
			       struct cg_error *err);
	/* Applies the connection settings (journal mode, durability, foreign
	 * keys); runs after the schema version was found acceptable. */
	enum cg_status (*configure)(void *conn, unsigned flags, struct cg_error *err);
	void (*close)(void *conn);
	/* Durable (wait for the disk at commit) or relaxed (consistent, and
	 * durable at the next durable commit or checkpoint). */
	enum cg_status (*set_durable)(void *conn, bool durable, struct cg_error *err);
	enum cg_status (*exec)(void *conn, const char *sql, struct cg_error *err);
	enum cg_status (*prepare)(void *conn, const char *sql, void **stmt,
				  struct cg_error *err);
	void (*finalize)(void *stmt);
	void (*reset)(void *stmt); /* reset and clear binds */
	enum cg_status (*bind_int64)(void *stmt, int idx, int64_t v);
	enum cg_status (*bind_double)(void *stmt, int idx, double v);
	enum cg_status (*bind_text)(void *stmt, int idx, const char *v, size_t len);
	enum cg_status (*bind_blob)(void *stmt, int idx, const void *v, size_t len);
	enum cg_status (*bind_null)(void *stmt, int idx);
	enum cg_status (*step)(void *stmt, bool *has_row, struct cg_error *err);
	bool (*is_null)(void *stmt, int col);
	int64_t (*col_int64)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	const char *(*col_text)(void *stmt, int col);
	const void *(*col_blob)(void *stmt, int col, size_t *len);
	int (*col_count)(void *stmt);
	const char *(*col_name)(void *stmt, int col);
	int64_t (*changes)(void *conn);
	int64_t (*last_id)(void *conn);
	/* SQL listing the schema's user tables, one name per row, for stats. */
	const char *list_tables_sql;
	/* SQL answering count(*) = 1 when the table named by bind 1 exists. */
	const char *table_exists_sql;
};

extern const struct cg_store_backend cg_sqlite_backend;

#endif
