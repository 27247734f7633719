/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * queries.h - the catalogue of named queries (store layer).
 *
 * All SQL of Common Ground is written in src/store/: the schema in sql/, and
 * every query the layers above need in one of the q_<area>.h files, as rows
 * X(NAME, "SQL"). Callers above the store name a query (CG_Q_AUDIT_HEAD),
 * bind its `?` parameters by position and step through it with the generic
 * statement interface of store.h; they never write SQL text. A reviewer
 * reads every statement the product can run in these files, and
 * tests/lint/check-sources.sh fails on SQL text outside src/store/.
 *
 * Adding a query: add a row to the area's file (or a new q_<area>.h listed
 * below). The comment above each row states its parameters and columns.
 */
#ifndef CG_STORE_QUERIES_H
#define CG_STORE_QUERIES_H

#include "store/store.h"
#include "store/q_access.h"
#include "store/q_account.h"
#include "store/q_assess.h"
#include "store/q_audit.h"
#include "store/q_graph.h"
#include "store/q_import.h"
#include "store/q_intel.h"
#include "store/q_link.h"
#include "store/q_network.h"
#include "store/q_ocg.h"
#include "store/q_record.h"
#include "store/q_report.h"
#include "store/q_risk.h"

#define CG_QUERY_TABLE(X) \
	CG_QUERIES_ACCESS(X) \
	CG_QUERIES_ACCOUNT(X) \
	CG_QUERIES_ASSESS(X) \
	CG_QUERIES_AUDIT(X) \
	CG_QUERIES_GRAPH(X) \
	CG_QUERIES_IMPORT(X) \
	CG_QUERIES_INTEL(X) \
	CG_QUERIES_LINK(X) \
	CG_QUERIES_NETWORK(X) \
	CG_QUERIES_OCG(X) \
	CG_QUERIES_RECORD(X) \
	CG_QUERIES_REPORT(X) \
	CG_QUERIES_RISK(X)

enum cg_query {
#define CG_QUERY_ENUM(name, sql) CG_Q_##name,
	CG_QUERY_TABLE(CG_QUERY_ENUM)
#undef CG_QUERY_ENUM
	CG_Q_COUNT
};

/* The SQL text of a named query (static). */
const char *cg_query_sql(enum cg_query q);

/* Prepares (or takes from the cache) the named query; see cg_store_prepare. */
enum cg_status cg_store_prepare_query(struct cg_store *st, enum cg_query q,
				      struct cg_stmt **out, struct cg_error *err);

#endif
