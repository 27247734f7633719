/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_intel.h - intelligence reports: submission, approval, full-text search,
 * MoPI review and erasure (store layer). See queries.h for how the
 * catalogue works.
 */
#ifndef CG_STORE_Q_INTEL_H
#define CG_STORE_Q_INTEL_H

/* Every read of reports returns these columns (model/intel.c numbers them):
 * id, reference, owner code, body, sanitised body, sanitised
 * classification, source evaluation, intelligence assessment, relates to,
 * status, submitted by, approved by, approved at, MoPI group, review date,
 * created at, decision reason, then the label (owner id, classification,
 * handling code, conditions, compartments, flag contact, restricted). */
#define CG_INTEL_COLUMNS                                                       \
	"SELECT r.id, r.reference, a.code, r.body, r.sanitised_body,"              \
	" coalesce(r.sanitised_classification, ''), r.source_evaluation,"          \
	" r.intel_assessment, coalesce(r.relates_to, ''), r.status,"               \
	" coalesce(su.username, ''), coalesce(ap.username, ''),"                   \
	" coalesce(r.approved_at, ''), coalesce(r.mopi_group, 3),"                 \
	" coalesce(r.review_date, ''), r.created_at, coalesce(r.decision_reason, '')," \
	" r.owner_agency_id, r.classification, r.handling_code,"                   \
	" r.handling_conditions, r.compartments, r.flag_contact, r.restricted"     \
	" FROM intel_report r JOIN agency a ON a.id = r.owner_agency_id"           \
	" LEFT JOIN app_user su ON su.id = r.submitted_by"                         \
	" LEFT JOIN app_user ap ON ap.id = r.approved_by"

#define CG_INTEL_PAGE 500
#define CG_INTEL_PAGE_TEXT "500"

#define CG_QUERIES_INTEL(X)                                                    \
	/* 1 body, 2 sanitised body, 3 sanitised classification, 4 source     \
	 * evaluation, 5 intel assessment, 6 relates to, 7 submitted by, 8    \
	 * MoPI group, 9 review date, 10 created at, 11 owner, 12..16 label   \
	 * (classification, handling, conditions, compartments, flag). The    \
	 * reference is set once the id is known (INTEL_SET_REFERENCE). */     \
	X(INTEL_INSERT,                                                        \
	  "INSERT INTO intel_report(reference, body, sanitised_body,"          \
	  " sanitised_classification, source_evaluation, intel_assessment,"    \
	  " relates_to, status, submitted_by, mopi_group, review_date,"        \
	  " created_at, owner_agency_id, classification, handling_code,"       \
	  " handling_conditions, compartments, flag_contact)"                  \
	  " VALUES ('pending:' || hex(randomblob(16)), ?1, ?2, ?3, ?4, ?5, ?6,"  \
	  " 'submitted', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")        \
	/* 1 id, 2 agency code */                                             \
	X(INTEL_SET_REFERENCE,                                                 \
	  "UPDATE intel_report SET reference = printf('%s-IR-%06d', ?2, ?1)"   \
	  " WHERE id = ?1")                                                    \
	/* 1 report, 2 subject kind, 3 subject id */                          \
	X(INTEL_SUBJECT_INSERT,                                                \
	  "INSERT OR IGNORE INTO intel_subject(report_id, subject_kind, subject_id)" \
	  " VALUES (?, ?, ?)")                                                 \
	/* 1 report. -> subject kind, subject id */                           \
	X(INTEL_SUBJECTS,                                                      \
	  "SELECT subject_kind, subject_id FROM intel_subject WHERE report_id = ?" \
	  " ORDER BY subject_kind, subject_id")                                \
	/* 1 id. -> 1 when a person (active) with that id exists */           \
	X(PERSON_EXISTS,                                                       \
	  "SELECT count(*) FROM person WHERE id = ? AND status = 'active'")    \
	/* 1 id. -> the label of the current source record (CG_LABEL columns) */ \
	X(RECORD_LABEL,                                                        \
	  "SELECT owner_agency_id, classification, handling_code,"             \
	  " handling_conditions, compartments, flag_contact, restricted"       \
	  " FROM source_record WHERE id = ? AND is_current = 1"                \
	  " AND withdrawn_at IS NULL")                                         \
	/* 1 id. -> the label of the OCG (not merged away) */                 \
	X(OCG_LABEL,                                                           \
	  "SELECT owner_agency_id, classification, handling_code,"             \
	  " handling_conditions, compartments, flag_contact, restricted"       \
	  " FROM ocg WHERE id = ? AND status <> 'merged'")                     \
	/* 1 id. -> 1 when the object exists */                               \
	X(OBJECT_EXISTS, "SELECT count(*) FROM object WHERE id = ?")           \
	/* 1 id. -> 1 when the location exists */                             \
	X(LOCATION_EXISTS, "SELECT count(*) FROM location WHERE id = ?")       \
	/* 1 id. -> CG_INTEL_COLUMNS */                                       \
	X(INTEL_BY_ID, CG_INTEL_COLUMNS " WHERE r.id = ?1")                    \
	/* 1 FTS query or NULL, 2 source evaluations ("12") or NULL, 3        \
	 * assessments ("AB") or NULL, 4 subject kind or NULL, 5 subject id,  \
	 * 6 owner agency code or NULL, 7 relates from or NULL, 8 relates to  \
	 * or NULL, 9 status or NULL, 10 before id. -> CG_INTEL_COLUMNS,      \
	 * newest id first, one page; erased reports never. A person subject  \
	 * also finds reports about the person's source records. */           \
	X(INTEL_SEARCH,                                                        \
	  CG_INTEL_COLUMNS                                                     \
	  " WHERE r.status <> 'erased' AND r.id < ?10"                         \
	  " AND (?1 IS NULL OR r.id IN (SELECT rowid FROM intel_fts WHERE intel_fts MATCH ?1))" \
	  " AND (?2 IS NULL OR instr(?2, r.source_evaluation) > 0)"            \
	  " AND (?3 IS NULL OR instr(?3, r.intel_assessment) > 0)"             \
	  " AND (?4 IS NULL OR r.id IN (SELECT report_id FROM intel_subject"   \
	  "   WHERE subject_kind = ?4 AND subject_id = ?5)"                    \
	  "  OR (?4 = 'person' AND r.id IN (SELECT s.report_id FROM intel_subject s" \
	  "   JOIN person_link l ON l.record_id = s.subject_id"                \
	  "   WHERE s.subject_kind = 'record' AND l.person_id = ?5)))"         \
	  " AND (?6 IS NULL OR a.code = ?6)"                                   \
	  " AND (?7 IS NULL OR r.relates_to >= ?7)"                            \
	  " AND (?8 IS NULL OR r.relates_to <= ?8)"                            \
	  " AND (?9 IS NULL OR r.status = ?9)"                                 \
	  " ORDER BY r.id DESC LIMIT " CG_INTEL_PAGE_TEXT)                     \
	/* 1 id, 2 FTS query. -> a row when the report's sanitised text       \
	 * alone matches (for principals who see only that version) */       \
	X(INTEL_SANITISED_MATCHES,                                             \
	  "SELECT 1 FROM intel_fts WHERE rowid = ?1 AND intel_fts MATCH"       \
	  " 'sanitised_body : (' || ?2 || ')'")                                \
	/* 1 owner agency id, 2 due by date. -> CG_INTEL_COLUMNS of the       \
	 * owner's reports due for MoPI review, soonest first */              \
	X(INTEL_DUE,                                                           \
	  CG_INTEL_COLUMNS                                                     \
	  " WHERE r.owner_agency_id = ?1 AND r.status <> 'erased'"             \
	  " AND r.review_date <= ?2 ORDER BY r.review_date, r.id")             \
	/* 1 id. -> the user who submitted the report */                     \
	X(INTEL_SUBMITTER, "SELECT coalesce(submitted_by, 0) FROM intel_report WHERE id = ?") \
	/* 1 id, 2 approver, 3 at */                                          \
	X(INTEL_APPROVE,                                                       \
	  "UPDATE intel_report SET status = 'approved', approved_by = ?2,"     \
	  " approved_at = ?3 WHERE id = ?1 AND status = 'submitted'")          \
	/* 1 id, 2 decided by, 3 reason */                                    \
	X(INTEL_REJECT,                                                        \
	  "UPDATE intel_report SET status = 'rejected', approved_by = ?2,"     \
	  " decision_reason = ?3 WHERE id = ?1 AND status = 'submitted'")      \
	/* 1 id, 2 next review date */                                        \
	X(INTEL_SET_REVIEW,                                                    \
	  "UPDATE intel_report SET review_date = ?2 WHERE id = ?1")            \
	/* 1 id, 2 erased at: the content goes, the row and its audit trail   \
	 * stay */                                                            \
	X(INTEL_ERASE,                                                         \
	  "UPDATE intel_report SET body = NULL, sanitised_body = NULL,"        \
	  " status = 'erased', erased_at = ?2 WHERE id = ?1")                  \
	X(INTEL_ERASE_SUBJECTS, "DELETE FROM intel_subject WHERE report_id = ?") \
	X(INTEL_ERASE_EVIDENCE,                                                \
	  "DELETE FROM membership_evidence WHERE report_id = ?")              \
	/* 1 report, 2 decision, 3 reason, 4 user, 5 at, 6 next review */     \
	X(INTEL_REVIEW_INSERT,                                                 \
	  "INSERT INTO intel_review(report_id, decision, reason, user_id,"     \
	  " decided_at, next_review) VALUES (?, ?, ?, ?, ?, ?)")

#endif
