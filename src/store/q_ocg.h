/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_ocg.h - organised crime groups and their memberships: creation, reads,
 * membership with supporting intelligence, and merging two groups that
 * turn out to be one (store layer). See queries.h for how the catalogue
 * works.
 */
#ifndef CG_STORE_Q_OCG_H
#define CG_STORE_Q_OCG_H

/* Every read of groups returns these columns (model/ocg.c numbers them):
 * id, name, aliases (JSON), activities (JSON), geography, status, merged
 * into (0 for none), created at, owner code, then the label (owner id,
 * classification, handling code, conditions, compartments, flag contact,
 * restricted). */
#define CG_OCG_COLUMNS                                                         \
	"SELECT o.id, o.name, o.aliases, o.activities, o.geography, o.status,"     \
	" coalesce(o.merged_into, 0), o.created_at, a.code,"                       \
	" o.owner_agency_id, o.classification, o.handling_code,"                   \
	" o.handling_conditions, o.compartments, o.flag_contact, o.restricted"     \
	" FROM ocg o JOIN agency a ON a.id = o.owner_agency_id"

#define CG_QUERIES_OCG(X)                                                      \
	/* 1 name, 2 aliases (JSON), 3 activities (JSON), 4 geography,        \
	 * 5 status, 6 created at, 7 owner, 8..12 label (classification,      \
	 * handling, conditions, compartments, flag contact) */               \
	X(OCG_INSERT,                                                          \
	  "INSERT INTO ocg(name, aliases, activities, geography, status,"      \
	  " created_at, owner_agency_id, classification, handling_code,"       \
	  " handling_conditions, compartments, flag_contact)"                  \
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                      \
	/* 1 id. -> CG_OCG_COLUMNS (merged groups too) */                     \
	X(OCG_BY_ID, CG_OCG_COLUMNS " WHERE o.id = ?1")                        \
	/* 1 owner agency code or NULL. -> CG_OCG_COLUMNS in id order */      \
	X(OCG_LIST,                                                            \
	  CG_OCG_COLUMNS " WHERE (?1 IS NULL OR a.code = ?1) ORDER BY o.id")   \
	/* 1 ocg. -> membership id, person (directly or through the record's  \
	 * link; 0 for none), record (0 for none), role, valid from, valid    \
	 * to, owner code, then the label (CG_LABEL columns), in id order */  \
	X(OCG_MEMBERS,                                                         \
	  "SELECT m.id, coalesce(m.person_id, l.person_id, 0),"                \
	  " coalesce(m.record_id, 0), m.role, coalesce(m.valid_from, ''),"     \
	  " coalesce(m.valid_to, ''), a.code, m.owner_agency_id,"              \
	  " m.classification, m.handling_code, m.handling_conditions,"         \
	  " m.compartments, m.flag_contact, m.restricted"                      \
	  " FROM membership m JOIN agency a ON a.id = m.owner_agency_id"       \
	  " LEFT JOIN person_link l ON l.record_id = m.record_id"              \
	  " WHERE m.ocg_id = ?1 ORDER BY m.id")                                \
	/* 1 membership. -> report id of each supporting report */            \
	X(MEMBERSHIP_EVIDENCE_LIST,                                            \
	  "SELECT report_id FROM membership_evidence WHERE membership_id = ?"  \
	  " ORDER BY report_id")                                               \
	/* 1 ocg, 2 person or NULL, 3 record or NULL, 4 role. -> count of     \
	 * memberships already saying the same */                             \
	X(MEMBERSHIP_SAME,                                                     \
	  "SELECT count(*) FROM membership WHERE ocg_id = ?1 AND role = ?4"    \
	  " AND ((?2 IS NOT NULL AND person_id = ?2)"                          \
	  "  OR (?3 IS NOT NULL AND record_id = ?3))")                         \
	/* 1 ocg, 2 person or NULL, 3 record or NULL, 4 role, 5 valid from,   \
	 * 6 valid to, 7 created at, 8 owner, 9..13 label (classification,    \
	 * handling, conditions, compartments, flag contact) */               \
	X(MEMBERSHIP_INSERT,                                                   \
	  "INSERT INTO membership(ocg_id, person_id, record_id, role,"         \
	  " valid_from, valid_to, created_at, owner_agency_id, classification," \
	  " handling_code, handling_conditions, compartments, flag_contact)"   \
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                   \
	/* 1 membership, 2 report */                                          \
	X(MEMBERSHIP_EVIDENCE_INSERT,                                          \
	  "INSERT OR IGNORE INTO membership_evidence(membership_id, report_id)" \
	  " VALUES (?, ?)")                                                    \
	/* 1 from ocg, 2 into ocg. -> membership of `from`, membership of     \
	 * `into` that names the same record in the same role (the unique    \
	 * index membership_record_role would refuse moving the first) */     \
	X(OCG_MERGE_DUPLICATES,                                                \
	  "SELECT m.id, d.id FROM membership m JOIN membership d"              \
	  " ON d.ocg_id = ?2 AND d.record_id = m.record_id AND d.role = m.role" \
	  " WHERE m.ocg_id = ?1 AND m.record_id IS NOT NULL ORDER BY m.id")    \
	/* 1 from membership, 2 into membership: the evidence follows */      \
	X(MEMBERSHIP_EVIDENCE_MOVE,                                            \
	  "INSERT OR IGNORE INTO membership_evidence(membership_id, report_id)" \
	  " SELECT ?2, report_id FROM membership_evidence WHERE membership_id = ?1") \
	/* 1 membership */                                                    \
	X(MEMBERSHIP_EVIDENCE_DELETE,                                          \
	  "DELETE FROM membership_evidence WHERE membership_id = ?")           \
	X(MEMBERSHIP_DELETE, "DELETE FROM membership WHERE id = ?")            \
	/* 1 ocg. -> how many memberships it has */                        \
	X(OCG_MEMBER_COUNT, "SELECT count(*) FROM membership WHERE ocg_id = ?") \
	/* 1 from ocg, 2 into ocg */                                          \
	X(OCG_MOVE_MEMBERS, "UPDATE membership SET ocg_id = ?2 WHERE ocg_id = ?1") \
	X(OCG_MOVE_SUBJECTS,                                                   \
	  "INSERT OR IGNORE INTO intel_subject(report_id, subject_kind, subject_id," \
	  " subject_category) SELECT report_id, 'ocg', ?2, subject_category"   \
	  " FROM intel_subject"                                                \
	  " WHERE subject_kind = 'ocg' AND subject_id = ?1")                   \
	/* 1 from ocg */                                                      \
	X(OCG_DROP_SUBJECTS,                                                   \
	  "DELETE FROM intel_subject WHERE subject_kind = 'ocg' AND subject_id = ?") \
	/* 1 from ocg, 2 into ocg */                                          \
	X(OCG_SET_MERGED,                                                      \
	  "UPDATE ocg SET status = 'merged', merged_into = ?2 WHERE id = ?1"   \
	  " AND status <> 'merged'")

#endif
