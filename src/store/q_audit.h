/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_audit.h - queries of the audit log (store layer).
 *
 * access/audit.c appends entries to the hash chain and walks it to verify
 * it; these are the only statements it runs. The walks stream rows in
 * sequence order so that verifying millions of entries keeps memory flat.
 * See queries.h for how the catalogue works.
 */
#ifndef CG_STORE_Q_AUDIT_H
#define CG_STORE_Q_AUDIT_H

#define CG_QUERIES_AUDIT(X)                                                    \
	/* no parameters. -> seq, hash of the newest entry; no row when the \
	 * log is empty */                                                    \
	X(AUDIT_HEAD,                                                          \
	  "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")       \
	/* 1: seq, 2: at, 3: user_id (NULL: no user), 4: username,            \
	 * 5: agency_code, 6: operation, 7: justification, 8: recipients,     \
	 * 9: records (JSON array of "kind:id"), 10: detail, 11: prev_hash,   \
	 * 12: hash. -> no rows */                                            \
	X(AUDIT_INSERT,                                                        \
	  "INSERT INTO audit_entry(seq, at, user_id, username, agency_code,"  \
	  " operation, justification, recipients, records, detail, prev_hash," \
	  " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                \
	/* 1: seq, 2: record kind, 3: record id. -> no rows */                \
	X(AUDIT_RECORD_INSERT,                                                 \
	  "INSERT INTO audit_record(seq, record_kind, record_id)"             \
	  " VALUES (?, ?, ?)")                                                 \
	/* no parameters. -> seq, at, user_id, username, agency_code,        \
	 * operation, justification, recipients, records, detail, prev_hash, \
	 * hash; every entry in sequence order (streams the primary key) */   \
	X(AUDIT_WALK,                                                          \
	  "SELECT seq, at, user_id, username, agency_code, operation,"        \
	  " justification, recipients, records, detail, prev_hash, hash"      \
	  " FROM audit_entry ORDER BY seq")                                    \
	/* no parameters. -> seq, record_kind, record_id; every audit_record \
	 * row ordered by seq, then kind (bytewise), then id. SQLite sorts    \
	 * this in its external sorter, which spills to temporary files, so   \
	 * memory stays bounded however long the log */                       \
	X(AUDIT_RECORD_WALK,                                                   \
	  "SELECT seq, record_kind, record_id FROM audit_record"              \
	  " ORDER BY seq, record_kind, record_id")

#endif
