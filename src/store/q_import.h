/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_import.h - queries of the importer (store layer). See queries.h for how
 * the catalogue works. Trust columns are bound in the order: classification,
 * handling code, handling conditions, compartments, flag contact.
 */
#ifndef CG_STORE_Q_IMPORT_H
#define CG_STORE_Q_IMPORT_H

#define CG_QUERIES_IMPORT(X)                                                   \
	/* 1 agency, 2 user, 3 profile, 4 system, 5 file name, 6 file hash,   \
	 * 7 started at */                                                    \
	X(BATCH_INSERT,                                                        \
	  "INSERT INTO import_batch(agency_id, user_id, profile, source_system," \
	  " file_name, file_hash, status, started_at) VALUES (?, ?, ?, ?, ?, ?," \
	  " 'running', ?)")                                                    \
	/* 1 status, 2 finished, 3 read, 4 stored, 5 unchanged, 6 updated,   \
	 * 7 rejected, 8 warned, 9 batch */                                   \
	X(BATCH_FINISH,                                                        \
	  "UPDATE import_batch SET status = ?, finished_at = ?, rows_read = ?," \
	  " rows_stored = ?, rows_unchanged = ?, rows_updated = ?,"            \
	  " rows_rejected = ?, rows_warned = ? WHERE id = ?")                   \
	/* 1 agency, 2 system, 3 source record id. -> id, content hash,       \
	 * version, restricted, withdrawn (0/1) of the current version */     \
	X(IMPORT_CURRENT_RECORD,                                               \
	  "SELECT id, content_hash, version, restricted, withdrawn_at IS NOT NULL" \
	  " FROM source_record"                                                \
	  " WHERE agency_id = ? AND source_system = ? AND source_record_id = ?" \
	  " AND is_current = 1")                                               \
	/* 1 record: a new version supersedes it */                            \
	X(IMPORT_SUPERSEDE, "UPDATE source_record SET is_current = 0 WHERE id = ?") \
	/* 1 record: a new version keeps the owner's restriction */           \
	X(IMPORT_KEEP_RESTRICTED, "UPDATE source_record SET restricted = 1 WHERE id = ?") \
	/* 1 agency, 2 system, 3 source record id, 4 version, 5 batch,        \
	 * 6 content hash, 7 sex, 8 created at, 9 classification, 10 handling, \
	 * 11 conditions, 12 compartments, 13 flag contact, 14 subject        \
	 * category, 15 statement basis, 16 forenames, 17 surname, 18 forename \
	 * norm, 19 surname norm, 20 dob, 21 dob raw, 22 postcode, 23 postcode \
	 * norm */                                                            \
	X(IMPORT_RECORD_INSERT,                                                \
	  "INSERT INTO source_record(agency_id, source_system, source_record_id," \
	  " version, batch_id, content_hash, sex, created_at, owner_agency_id,"  \
	  " classification, handling_code, handling_conditions, compartments," \
	  " flag_contact, subject_category, statement_basis, forenames, surname," \
	  " forename_norm, surname_norm, dob, dob_raw, postcode, postcode_norm)" \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?1, ?9, ?10, ?11, ?12, ?13," \
	  " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)")                 \
	/* 1 record, 2 kind, 3 forenames, 4 surname, 5 forename norm,         \
	 * 6 surname norm */                                                  \
	X(IMPORT_NAME_INSERT,                                                  \
	  "INSERT INTO source_name(record_id, kind, forenames, surname,"       \
	  " forename_norm, surname_norm) VALUES (?, ?, ?, ?, ?, ?)")           \
	/* 1 record, 2 lines, 3 town, 4 postcode, 5 postcode norm,            \
	 * 6 is current */                                                    \
	X(IMPORT_ADDRESS_INSERT,                                               \
	  "INSERT INTO source_address(record_id, lines, town, postcode,"       \
	  " postcode_norm, is_current) VALUES (?, ?, ?, ?, ?, ?)")             \
	/* 1 kind, 2 code, 3 name, 4 parent or NULL, 5 agency, 6 created at.  \
	 * Get-or-create: followed by IMPORT_LOCATION_FIND */                 \
	X(IMPORT_LOCATION_INSERT,                                              \
	  "INSERT OR IGNORE INTO location(kind, code, name, parent_id,"        \
	  " agency_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")                 \
	/* 1 kind, 2 code, 3 parent or NULL. -> id */                         \
	X(IMPORT_LOCATION_FIND,                                                \
	  "SELECT id, name FROM location WHERE kind = ?1 AND code = ?2"        \
	  " AND coalesce(parent_id, 0) = coalesce(?3, 0)")                      \
	/* 1 name, 2 location: an export's reference data names a place */    \
	X(IMPORT_LOCATION_NAME, "UPDATE location SET name = ? WHERE id = ?")   \
	/* 1 kind, 2 value norm, 3 raw, 4 created at */                       \
	X(IMPORT_OBJECT_INSERT,                                                \
	  "INSERT OR IGNORE INTO object(kind, value_norm, value_raw, created_at)" \
	  " VALUES (?, ?, ?, ?)")                                              \
	/* 1 kind, 2 value norm. -> id */                                     \
	X(IMPORT_OBJECT_FIND,                                                  \
	  "SELECT id FROM object WHERE kind = ? AND value_norm = ?")           \
	/* 1 kind, 2 occurred, 3 ended, 4 location, 5 details, 6 source      \
	 * record, 7 batch, 8 external id, 9 created at, 10 owner agency,     \
	 * 11 classification, 12 handling, 13 conditions, 14 compartments,    \
	 * 15 flag contact. Changes nothing when the owner already holds an   \
	 * event with that external id. */                                    \
	X(IMPORT_EVENT_INSERT,                                                 \
	  "INSERT OR IGNORE INTO event(kind, occurred_at, ended_at, location_id," \
	  " details, source_record_id, batch_id, external_id, created_at,"     \
	  " owner_agency_id, classification, handling_code, handling_conditions," \
	  " compartments, flag_contact)"                                       \
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")             \
	/* 1 event, 2 record or NULL, 3 object or NULL, 4 role */             \
	X(IMPORT_EVENT_PARTY,                                                  \
	  "INSERT INTO event_party(event_id, record_id, object_id, role)"      \
	  " VALUES (?, ?, ?, ?)")                                              \
	/* 1 kind, 2 from record, 3 to record, 4 valid from, 5 batch,         \
	 * 6 created at, 7 owner, 8 classification, 9 handling, 10 conditions, \
	 * 11 compartments, 12 flag contact, 13 external id */                \
	X(IMPORT_ASSOCIATION_INSERT,                                           \
	  "INSERT OR IGNORE INTO association(kind, from_record_id, to_record_id," \
	  " valid_from, batch_id, created_at, owner_agency_id, classification," \
	  " handling_code, handling_conditions, compartments, flag_contact,"   \
	  " external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")      \
	/* 1 name, 2 activities, 3 external id, 4 created at, 5 owner,        \
	 * 6 classification, 7 handling, 8 conditions, 9 compartments,        \
	 * 10 flag contact */                                                  \
	X(IMPORT_OCG_INSERT,                                                   \
	  "INSERT OR IGNORE INTO ocg(name, activities, external_id, created_at," \
	  " owner_agency_id, classification, handling_code, handling_conditions," \
	  " compartments, flag_contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") \
	/* 1 owner, 2 external id. -> id */                                   \
	X(IMPORT_OCG_FIND,                                                     \
	  "SELECT id FROM ocg WHERE owner_agency_id = ? AND external_id = ?")  \
	/* 1 ocg, 2 record, 3 role, 4 created at, 5 owner, 6 classification,  \
	 * 7 handling, 8 conditions, 9 compartments, 10 flag contact */       \
	X(IMPORT_MEMBERSHIP_INSERT,                                            \
	  "INSERT OR IGNORE INTO membership(ocg_id, record_id, role, created_at," \
	  " owner_agency_id, classification, handling_code, handling_conditions," \
	  " compartments, flag_contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") \
	/* 1 reference, 2 body, 3 source evaluation, 4 intel assessment,      \
	 * 5 relates to, 6 batch, 7 created at, 8 owner, 9 classification,    \
	 * 10 handling, 11 conditions, 12 compartments, 13 flag contact.      \
	 * Reports imported from an agency's system were approved there. */   \
	X(IMPORT_INTEL_INSERT,                                                 \
	  "INSERT OR IGNORE INTO intel_report(reference, body, source_evaluation," \
	  " intel_assessment, relates_to, status, batch_id, created_at,"       \
	  " owner_agency_id, classification, handling_code, handling_conditions," \
	  " compartments, flag_contact) VALUES (?, ?, ?, ?, ?, 'approved', ?, ?," \
	  " ?, ?, ?, ?, ?, ?)")                                                \
	/* 1 report, 2 subject kind, 3 subject id */                          \
	X(IMPORT_INTEL_SUBJECT,                                                \
	  "INSERT OR IGNORE INTO intel_subject(report_id, subject_kind, subject_id)" \
	  " VALUES (?, ?, ?)")

#endif
