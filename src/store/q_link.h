/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_link.h - queries of entity resolution (store layer): the scans that
 * load records into the linker, persons and their links, analyst
 * decisions, the review queue and run history. See queries.h for how the
 * catalogue works; docs/linking.md for the model.
 */
#ifndef CG_STORE_Q_LINK_H
#define CG_STORE_Q_LINK_H

/* Label and link columns of one record, for visibility checks:
 * id, owner code, source record id, classification, handling code,
 * handling conditions (NULL for P), compartments, flag contact (NULL when
 * silent), restricted, owner agency id, person id (0 when unlinked). */
#define CG_LINK_LABEL_COLUMNS                                                  \
	"SELECT r.id, a.code, r.source_record_id, r.classification,"               \
	" r.handling_code, r.handling_conditions, r.compartments, r.flag_contact," \
	" r.restricted, r.owner_agency_id, coalesce(pl.person_id, 0)"              \
	" FROM source_record r JOIN agency a ON a.id = r.owner_agency_id"          \
	" LEFT JOIN person_link pl ON pl.record_id = r.id"

#define CG_QUERIES_LINK(X)                                                     \
	/* -> id, forename norm, surname norm, dob ('' if unknown), postcode   \
	 * norm, sex ('' if unknown): every current, not withdrawn record, in  \
	 * id order (one scan) */                                              \
	X(LINK_RECORDS,                                                        \
	  "SELECT id, forename_norm, surname_norm, coalesce(dob, ''),"         \
	  " postcode_norm, coalesce(sex, '') FROM source_record"               \
	  " WHERE is_current = 1 AND withdrawn_at IS NULL ORDER BY id")        \
	/* -> record, kind, canonical value, is hard: valid identifiers of    \
	 * current records */                                                  \
	X(LINK_IDENTS,                                                         \
	  "SELECT i.record_id, i.kind, i.value_norm, i.is_hard"                \
	  " FROM source_identifier i JOIN source_record r ON r.id = i.record_id" \
	  " WHERE r.is_current = 1 AND r.withdrawn_at IS NULL"                 \
	  " AND i.value_norm IS NOT NULL AND i.value_norm <> ''")              \
	/* -> record, forename norm, surname norm: other names of current     \
	 * records */                                                          \
	X(LINK_ALIASES,                                                        \
	  "SELECT n.record_id, n.forename_norm, n.surname_norm"                \
	  " FROM source_name n JOIN source_record r ON r.id = n.record_id"     \
	  " WHERE r.is_current = 1 AND r.withdrawn_at IS NULL"                 \
	  " AND n.kind <> 'primary'")                                          \
	/* -> record, person, method: the links in force */                   \
	X(LINK_CURRENT, "SELECT record_id, person_id, method FROM person_link") \
	/* -> id, decision, record a, record b (0 when none): in order */     \
	X(LINK_DECISIONS,                                                      \
	  "SELECT id, decision, record_a, coalesce(record_b, 0)"               \
	  " FROM link_decision ORDER BY id")                                   \
	/* 1 decision, 2 record a, 3 record b or NULL, 4 user, 5 reason,      \
	 * 6 decided at */                                                    \
	X(LINK_DECISION_INSERT,                                                \
	  "INSERT INTO link_decision(decision, record_a, record_b, user_id,"   \
	  " reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)")                    \
	/* -> id, formed by: active persons */                                \
	X(LINK_PERSONS_ACTIVE,                                                 \
	  "SELECT id, formed_by FROM person WHERE status = 'active'")          \
	/* 1 formed by, 2 created at (also updated at) */                     \
	X(LINK_PERSON_INSERT,                                                  \
	  "INSERT INTO person(status, formed_by, created_at, updated_at)"      \
	  " VALUES ('active', ?1, ?2, ?2)")                                    \
	/* 1 formed by, 2 updated at, 3 person */                             \
	X(LINK_PERSON_UPDATE,                                                  \
	  "UPDATE person SET status = 'active', merged_into = NULL,"           \
	  " formed_by = ?1, updated_at = ?2 WHERE id = ?3")                    \
	/* 1 updated at, 2 person: no records left */                         \
	X(LINK_PERSON_RETIRE,                                                  \
	  "UPDATE person SET status = 'retired', updated_at = ?1"              \
	  " WHERE id = ?2 AND status = 'active'")                              \
	/* 1 record, 2 person, 3 method, 4 weight or NULL, 5 decided by,      \
	 * 6 decided at, 7 reason */                                          \
	X(LINK_UPSERT,                                                         \
	  "INSERT INTO person_link(record_id, person_id, method, match_weight," \
	  " decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"      \
	  " ON CONFLICT(record_id) DO UPDATE SET person_id = excluded.person_id," \
	  " method = excluded.method, match_weight = excluded.match_weight,"  \
	  " decided_by = excluded.decided_by, decided_at = excluded.decided_at," \
	  " reason = excluded.reason")                                         \
	/* -> record: records no longer current or withdrawn that still have  \
	 * a link or a link_record row, in id order (through the partial       \
	 * index of such records, not a scan of every record) */              \
	X(LINK_STALE,                                                          \
	  "SELECT r.id FROM source_record r INDEXED BY source_record_stale"    \
	  " WHERE (r.is_current = 0 OR r.withdrawn_at IS NOT NULL)"            \
	  " AND (EXISTS (SELECT 1 FROM person_link pl WHERE pl.record_id = r.id)" \
	  " OR EXISTS (SELECT 1 FROM link_record lr WHERE lr.record_id = r.id))" \
	  " ORDER BY r.id")                                                    \
	/* 1 high water. -> the LINK_RECORDS columns of current records       \
	 * above it, in id order (records imported since the newest run) */   \
	X(LINK_NEW_RECORDS,                                                    \
	  "SELECT id, forename_norm, surname_norm, coalesce(dob, ''),"         \
	  " postcode_norm, coalesce(sex, '') FROM source_record"               \
	  " WHERE id > ?1 AND is_current = 1 AND withdrawn_at IS NULL ORDER BY id") \
	/* 1 high water. -> the LINK_ALIASES columns of records above it     \
	 * (the caller keeps those of records it loaded) */                   \
	X(LINK_NEW_ALIASES,                                                    \
	  "SELECT record_id, forename_norm, surname_norm FROM source_name"     \
	  " WHERE record_id > ?1 AND kind <> 'primary'")                       \
	/* 1 high water. -> the LINK_IDENTS columns of records above it */    \
	X(LINK_NEW_IDENTS,                                                     \
	  "SELECT record_id, kind, value_norm, is_hard FROM source_identifier" \
	  " WHERE record_id > ?1 AND value_norm IS NOT NULL AND value_norm <> ''") \
	/* -> record, forename, surname, dob (YYYYMMDD, 0), postcode, sex,    \
	 * aliases, idents: the linker's copy of every linked record (schema  \
	 * 0012), in id order */                                              \
	X(LINK_STORED,                                                         \
	  "SELECT record_id, forename, surname, dob, postcode, sex, aliases, idents" \
	  " FROM link_record ORDER BY record_id")                              \
	/* a run that read source_record rewrites the copy */                 \
	X(LINK_STORED_CLEAR, "DELETE FROM link_record")                        \
	/* 1 record, 2 forename, 3 surname, 4 dob, 5 postcode, 6 sex,         \
	 * 7 aliases, 8 idents */                                             \
	X(LINK_STORED_INSERT,                                                  \
	  "INSERT OR REPLACE INTO link_record(record_id, forename, surname, dob," \
	  " postcode, sex, aliases, idents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")  \
	/* 1 record: no longer current */                                     \
	X(LINK_STORED_DELETE, "DELETE FROM link_record WHERE record_id = ?")   \
	/* 1 record */                                                         \
	X(LINK_DELETE, "DELETE FROM person_link WHERE record_id = ?")          \
	/* open review items are replaced by each run */                      \
	X(LINK_REVIEW_CLEAR, "DELETE FROM link_review WHERE state = 'open'")   \
	/* 1 run, 2 record a, 3 record b, 4 weight, 5 kind, 6 detail,         \
	 * 7 created at */                                                    \
	X(LINK_REVIEW_INSERT,                                                  \
	  "INSERT INTO link_review(run_id, record_a, record_b, weight, kind,"   \
	  " detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                 \
	/* 1 record a, 2 record b: an analyst decided the pair */             \
	X(LINK_REVIEW_DECIDED,                                                 \
	  "UPDATE link_review SET state = 'decided' WHERE state = 'open' AND"  \
	  " ((record_a = ?1 AND record_b = ?2) OR (record_a = ?2 AND record_b = ?1))") \
	/* 1 after id. -> id, record a, record b, weight, kind, detail,       \
	 * created at: open review items in id order, in pages */              \
	X(LINK_REVIEW_OPEN,                                                    \
	  "SELECT id, record_a, record_b, weight, kind, detail, created_at"    \
	  " FROM link_review WHERE state = 'open' AND id > ?1"                 \
	  " ORDER BY id LIMIT 500")                                            \
	/* 1 id. -> as LINK_REVIEW_OPEN, of that item while it is open */     \
	X(LINK_REVIEW_OPEN_BY_ID,                                              \
	  "SELECT id, record_a, record_b, weight, kind, detail, created_at"    \
	  " FROM link_review WHERE state = 'open' AND id = ?1")                \
	/* 1 started, 2 finished, 3 user, 4 mode, 5 records, 6 pairs,         \
	 * 7 persons, 8 review, 9 conflicts, 10 threshold, 11 review          \
	 * threshold, 12 params, 13 high water (largest record id linked) */  \
	X(LINK_RUN_INSERT,                                                     \
	  "INSERT INTO link_run(started_at, finished_at, user_id, mode, records," \
	  " pairs, persons, review, conflicts, threshold, review_threshold,"   \
	  " params, high_water) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") \
	/* -> id, params, threshold, review threshold, high water of the      \
	 * newest run */                                                      \
	X(LINK_RUN_LATEST,                                                     \
	  "SELECT id, params, threshold, review_threshold, high_water FROM link_run" \
	  " ORDER BY id DESC LIMIT 1")                                         \
	/* 1 record. -> CG_LINK_LABEL_COLUMNS of that current record */       \
	X(LINK_RECORD_LABEL,                                                   \
	  CG_LINK_LABEL_COLUMNS " WHERE r.id = ?1 AND r.is_current = 1")       \
	/* 1 after id. -> CG_LINK_LABEL_COLUMNS of current records, in pages */ \
	X(LINK_EXPORT_SCAN,                                                    \
	  CG_LINK_LABEL_COLUMNS " WHERE r.is_current = 1 AND r.id > ?1"        \
	  " ORDER BY r.id LIMIT 5000")                                         \
	/* 1 person. -> records linked to it, in id order */                  \
	X(LINK_PERSON_RECORDS,                                                 \
	  "SELECT record_id FROM person_link WHERE person_id = ? ORDER BY record_id") \
	/* 1 record. -> forename norm, surname norm, dob, postcode norm, sex */ \
	X(LINK_RECORD_ATTRS,                                                   \
	  "SELECT forename_norm, surname_norm, coalesce(dob, ''),"             \
	  " postcode_norm, coalesce(sex, '') FROM source_record WHERE id = ?") \
	/* 1 record. -> kind, canonical value, is hard */                     \
	X(LINK_RECORD_IDENTS,                                                  \
	  "SELECT kind, value_norm, is_hard FROM source_identifier"            \
	  " WHERE record_id = ? AND value_norm IS NOT NULL AND value_norm <> ''") \
	/* 1 surname norm. -> current records with it as primary surname */  \
	X(LINK_SURNAME_COUNT,                                                  \
	  "SELECT count(*) FROM source_record WHERE is_current = 1"            \
	  " AND withdrawn_at IS NULL AND surname_norm = ?1")                   \
	/* 1 first forename. -> current records whose forenames start with it */ \
	X(LINK_FORENAME_COUNT,                                                 \
	  "SELECT count(*) FROM source_record WHERE is_current = 1"            \
	  " AND withdrawn_at IS NULL AND (forename_norm = ?1"                  \
	  " OR substr(forename_norm, 1, length(?1) + 1) = ?1 || ' ')")         \
	/* 1 record. -> forename norm, surname norm of its other names */     \
	X(LINK_RECORD_ALIASES,                                                 \
	  "SELECT forename_norm, surname_norm FROM source_name"                \
	  " WHERE record_id = ? AND kind <> 'primary'")

#endif
