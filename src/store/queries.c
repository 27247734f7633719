/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queries.c - the named-query catalogue's lookups (store layer). */
#include "store/queries.h"

#include "base/banned.h"

static const char *const query_sql[CG_Q_COUNT] = {
#define CG_QUERY_SQL(name, sql) sql,
	CG_QUERY_TABLE(CG_QUERY_SQL)
#undef CG_QUERY_SQL
};

const char *cg_query_sql(enum cg_query q)
{
	CG_ASSERT((unsigned)q < CG_Q_COUNT);
	return query_sql[q];
}

enum cg_status cg_store_prepare_query(struct cg_store *st, enum cg_query q,
				      struct cg_stmt **out, struct cg_error *err)
{
	return cg_store_prepare(st, cg_query_sql(q), out, err);
}
