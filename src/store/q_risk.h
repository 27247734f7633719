/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_risk.h - queries of the risk layer: the shared risk protocol's
 * published versions, later the assessments (store layer). Used by
 * src/risk/; see queries.h for how the catalogue works. Times are bound
 * and returned as UTC ISO 8601 text; content hashes as 64 lowercase hex
 * digits (BLAKE2b-256 of the exact text).
 */
#ifndef CG_STORE_Q_RISK_H
#define CG_STORE_Q_RISK_H

#define CG_QUERIES_RISK(X) CG_QUERIES_RISK_POLICY(X)

/* ---- policy: published versions (src/risk/policy_store.c). Rows are
 * never updated or deleted (schema 10's triggers refuse it). ---- */
#define CG_QUERIES_RISK_POLICY(X)                                              \
	/* 1: content hash. -> version holding exactly that text */           \
	X(POLICY_VERSION_BY_HASH,                                              \
	  "SELECT version FROM risk_policy WHERE content_hash = ?")            \
	/* -> the newest version number, 0 when none is published */         \
	X(POLICY_MAX_VERSION,                                                  \
	  "SELECT coalesce(max(version), 0) FROM risk_policy")                 \
	/* 1: version, 2: content, 3: content hash, 4: publishing user id,    \
	 * 5: published_at. No rows. */                                       \
	X(POLICY_INSERT,                                                       \
	  "INSERT INTO risk_policy (version, content, content_hash,"           \
	  " published_by, published_at) VALUES (?, ?, ?, ?, ?)")               \
	/* -> id, version, content hash, publisher's username, published_at;  \
	 * oldest version first */                                            \
	X(POLICY_LIST,                                                         \
	  "SELECT p.id, p.version, p.content_hash, u.username, p.published_at" \
	  " FROM risk_policy p JOIN app_user u ON u.id = p.published_by"       \
	  " ORDER BY p.version")                                               \
	/* 1: version. -> id, version, content hash, publisher's username,    \
	 * published_at, content */                                           \
	X(POLICY_BY_VERSION,                                                   \
	  "SELECT p.id, p.version, p.content_hash, u.username, p.published_at," \
	  " p.content FROM risk_policy p"                                      \
	  " JOIN app_user u ON u.id = p.published_by WHERE p.version = ?")     \
	/* -> as POLICY_BY_VERSION, for the newest version (no row: none) */  \
	X(POLICY_LATEST,                                                       \
	  "SELECT p.id, p.version, p.content_hash, u.username, p.published_at," \
	  " p.content FROM risk_policy p"                                      \
	  " JOIN app_user u ON u.id = p.published_by"                          \
	  " ORDER BY p.version DESC LIMIT 1")

#endif
