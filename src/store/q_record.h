/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_record.h - queries on source records and retraction notices (store
 * layer). See queries.h for how the catalogue works.
 */
#ifndef CG_STORE_Q_RECORD_H
#define CG_STORE_Q_RECORD_H

/* Rows a scan query returns per page (callers page with "after id"). */
#define CG_RECORD_PAGE 1000
#define CG_RECORD_PAGE_TEXT "1000"

/* Columns every RECORD_SELECT row has, in order (see model/record.c). */
#define CG_RECORD_COLUMNS                                                      \
	"SELECT r.id, a.code, r.source_system, r.source_record_id, r.version,"     \
	" r.forenames, r.surname, coalesce(r.dob, r.dob_raw, ''),"                  \
	" coalesce(r.sex, ''), r.classification,"                                   \
	" r.handling_code, r.handling_conditions, r.compartments, r.flag_contact,"  \
	" r.restricted, r.subject_category, r.statement_basis,"                     \
	" r.withdrawn_at IS NOT NULL, r.owner_agency_id"                            \
	" FROM source_record r JOIN agency a ON a.id = r.owner_agency_id"

#define CG_QUERIES_RECORD(X)                                                   \
	/* 1 owner agency id, 2 source system, 3 source record id, 4 content  \
	 * hash, 5 sex, 6 created at, 7 classification, 8 handling code,      \
	 * 9 handling conditions, 10 compartments, 11 flag contact, 12 subject \
	 * category, 13 statement basis, 14 forenames, 15 surname, 16 forename \
	 * norm, 17 surname norm, 18 dob (NULL if unparsed), 19 dob raw */    \
	X(RECORD_INSERT,                                                       \
	  "INSERT INTO source_record(agency_id, source_system, source_record_id," \
	  " content_hash, sex, created_at, owner_agency_id, classification,"   \
	  " handling_code, handling_conditions, compartments, flag_contact,"   \
	  " subject_category, statement_basis, forenames, surname,"            \
	  " forename_norm, surname_norm, dob, dob_raw)"                         \
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?1, ?7, ?8, ?9, ?10, ?11, ?12, ?13," \
	  " ?14, ?15, ?16, ?17, ?18, ?19)")                                    \
	/* 1 record, 2 kind, 3 raw, 4 norm or NULL, 5 is hard */              \
	X(RECORD_IDENT_INSERT,                                                 \
	  "INSERT INTO source_identifier(record_id, kind, value_raw, value_norm," \
	  " is_hard) VALUES (?, ?, ?, ?, ?)")                                   \
	/* 1 owner agency code or NULL, 2 after id. -> CG_RECORD_COLUMNS, in   \
	 * id order: the current versions, for scans in pages */               \
	X(RECORD_SCAN,                                                         \
	  CG_RECORD_COLUMNS                                                    \
	  " WHERE r.is_current = 1 AND (?1 IS NULL OR a.code = ?1) AND r.id > ?2" \
	  " ORDER BY r.id LIMIT " CG_RECORD_PAGE_TEXT)                                         \
	/* 1 id. -> CG_RECORD_COLUMNS */                                      \
	X(RECORD_BY_ID, CG_RECORD_COLUMNS " WHERE r.id = ?1")                  \
	/* 1 person id. -> CG_RECORD_COLUMNS of the current records linked to \
	 * the person, in id order */                                          \
	X(RECORD_OF_PERSON,                                                    \
	  CG_RECORD_COLUMNS                                                    \
	  " JOIN person_link pl ON pl.record_id = r.id"                        \
	  " WHERE pl.person_id = ?1 AND r.is_current = 1 ORDER BY r.id")       \
	/* 1 normalised phrase, 2 owner agency code or NULL, 3 after id,      \
	 * 4 date of birth (YYYY-MM-DD) or NULL. -> CG_RECORD_COLUMNS of      \
	 * current records with a name containing the phrase (and that date   \
	 * of birth, primary or another held), in id order */                 \
	X(RECORD_SEARCH,                                                       \
	  CG_RECORD_COLUMNS                                                    \
	  " WHERE r.is_current = 1 AND (?2 IS NULL OR a.code = ?2) AND r.id > ?3" \
	  " AND (instr(r.forename_norm || ' ' || r.surname_norm, ?1) > 0"      \
	  "   OR instr(r.surname_norm || ' ' || r.forename_norm, ?1) > 0"      \
	  "   OR r.id IN (SELECT record_id FROM source_name"                   \
	  "     WHERE instr(forename_norm || ' ' || surname_norm, ?1) > 0"     \
	  "        OR instr(surname_norm || ' ' || forename_norm, ?1) > 0))"   \
	  " AND (?4 IS NULL OR r.dob = ?4"                                     \
	  "   OR r.id IN (SELECT record_id FROM source_dob WHERE dob = ?4))"   \
	  " ORDER BY r.id LIMIT " CG_RECORD_PAGE_TEXT)                                         \
	/* 1 record. -> kind, raw, norm (NULL if invalid), is hard */         \
	X(RECORD_IDENTIFIERS,                                                  \
	  "SELECT kind, value_raw, value_norm, is_hard FROM source_identifier" \
	  " WHERE record_id = ? ORDER BY id")                                  \
	/* 1 restricted (0/1), 2 record */                                     \
	X(RECORD_SET_RESTRICTED,                                               \
	  "UPDATE source_record SET restricted = ? WHERE id = ?")              \
	/* 1 withdrawn at, 2 record: keeps the row, erases its content */      \
	X(RECORD_MARK_WITHDRAWN,                                               \
	  "UPDATE source_record SET withdrawn_at = ?, raw = NULL, forenames = '',"\
	  " surname = '', forename_norm = '', surname_norm = '', dob = NULL,"   \
	  " dob_raw = NULL, postcode = '', postcode_norm = '' WHERE id = ?")    \
	X(RECORD_ERASE_NAMES, "DELETE FROM source_name WHERE record_id = ?")   \
	X(RECORD_ERASE_DOBS, "DELETE FROM source_dob WHERE record_id = ?")     \
	X(RECORD_ERASE_ADDRESSES, "DELETE FROM source_address WHERE record_id = ?") \
	X(RECORD_ERASE_IDENTIFIERS,                                            \
	  "DELETE FROM source_identifier WHERE record_id = ?")                 \
	/* 1 agency id. -> code, name, contact ('' if none) */                \
	X(AGENCY_BY_ID,                                                        \
	  "SELECT code, name, coalesce(contact, '') FROM agency WHERE id = ?") \
	/* 1 record kind, 2 record id, 3 owner agency code. -> codes of the   \
	 * other agencies that consulted the record or had it disclosed to    \
	 * them (by audit), and disclosure recipients, one per row */          \
	X(RECORD_CONSULTERS,                                                   \
	  "SELECT DISTINCT e.agency_code, e.recipients FROM audit_record ar"   \
	  " JOIN audit_entry e ON e.seq = ar.seq"                              \
	  " WHERE ar.record_kind = ?1 AND ar.record_id = ?2"                   \
	  " AND e.operation IN ('consultation', 'disclosure')")                \
	/* 1 code. -> 1 when the compartment exists */                        \
	X(COMPARTMENT_EXISTS, "SELECT count(*) FROM compartment WHERE code = ?") \
	/* 1 code. -> 1 when the agency exists */                             \
	X(AGENCY_EXISTS, "SELECT count(*) FROM agency WHERE code = ?")         \
	/* 1 kind, 2 id, 3 agency told, 4 owner agency id, 5 notice kind,     \
	 * 6 reason, 7 created at, 8 created by */                            \
	X(NOTICE_INSERT,                                                       \
	  "INSERT OR IGNORE INTO retraction_notice(record_kind, record_id,"    \
	  " agency_code, owner_agency_id, kind, reason, created_at, created_by)" \
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                  \
	/* 1 agency code, 2 limit. -> id, record kind, record id, owner code, \
	 * owner name, owner contact, kind, reason, created at; newest first */ \
	X(NOTICE_LIST,                                                         \
	  "SELECT n.id, n.record_kind, n.record_id, o.code, o.name,"           \
	  " coalesce(o.contact, ''), n.kind, n.reason, n.created_at"           \
	  " FROM retraction_notice n JOIN agency o ON o.id = n.owner_agency_id" \
	  " WHERE n.agency_code = ? ORDER BY n.id DESC LIMIT ?")

#endif
