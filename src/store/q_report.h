/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_report.h - audit reports: who consulted what (store layer). See
 * queries.h for how the catalogue works.
 *
 * Every report returns entries with the same columns:
 *   seq, at, username, agency code, operation, justification (or ''),
 *   recipients (or ''), detail (or ''), records touched that the report is
 *   about (count)
 */
#ifndef CG_STORE_Q_REPORT_H
#define CG_STORE_Q_REPORT_H

#define CG_REPORT_COLUMNS                                                      \
	"SELECT e.seq, e.at, e.username, e.agency_code, e.operation,"              \
	" coalesce(e.justification, ''), coalesce(e.recipients, ''),"              \
	" coalesce(e.detail, ''), count(ar.seq)"

/* Rows that carry an owner agency, as (kind, id, owner agency id): the
 * audit log names records by table and id. */
#define CG_OWNED_ROWS                                                          \
	"(SELECT 'source_record' AS kind, id, owner_agency_id FROM source_record"  \
	" UNION ALL SELECT 'intel_report', id, owner_agency_id FROM intel_report"  \
	" UNION ALL SELECT 'event', id, owner_agency_id FROM event"                \
	" UNION ALL SELECT 'association', id, owner_agency_id FROM association"    \
	" UNION ALL SELECT 'membership', id, owner_agency_id FROM membership"      \
	" UNION ALL SELECT 'ocg', id, owner_agency_id FROM ocg)"

#define CG_QUERIES_REPORT(X)                                                   \
	/* 1 agency code, 2 after seq, 3 limit: consultations and disclosures \
	 * of that agency's rows by anyone outside it */                       \
	X(REPORT_CONSULTED,                                                    \
	  CG_REPORT_COLUMNS                                                    \
	  " FROM audit_entry e JOIN audit_record ar ON ar.seq = e.seq"         \
	  " JOIN " CG_OWNED_ROWS " o ON o.kind = ar.record_kind AND o.id = ar.record_id" \
	  " JOIN agency a ON a.id = o.owner_agency_id"                          \
	  " WHERE a.code = ?1 AND e.agency_code <> ?1"                         \
	  " AND e.operation IN ('consultation', 'disclosure') AND e.seq > ?2"  \
	  " GROUP BY e.seq ORDER BY e.seq LIMIT ?3")                           \
	/* 1 person id, 2 after seq, 3 limit: every operation on the person or \
	 * on any source record linked to them */                             \
	X(REPORT_SUBJECT,                                                      \
	  CG_REPORT_COLUMNS                                                    \
	  " FROM audit_entry e JOIN audit_record ar ON ar.seq = e.seq"         \
	  " WHERE ((ar.record_kind = 'person' AND ar.record_id = ?1)"          \
	  "   OR (ar.record_kind = 'source_record' AND ar.record_id IN"        \
	  "       (SELECT record_id FROM person_link WHERE person_id = ?1)))"  \
	  " AND e.seq > ?2 GROUP BY e.seq ORDER BY e.seq LIMIT ?3")            \
	/* 1 source record id, 2 after seq, 3 limit: every operation on it */ \
	X(REPORT_RECORD,                                                       \
	  CG_REPORT_COLUMNS                                                    \
	  " FROM audit_entry e JOIN audit_record ar ON ar.seq = e.seq"         \
	  " WHERE ar.record_kind = 'source_record' AND ar.record_id = ?1"      \
	  " AND e.seq > ?2 GROUP BY e.seq ORDER BY e.seq LIMIT ?3")            \
	/* 1 username, 2 after seq, 3 limit: everything the user did */       \
	X(REPORT_USER,                                                         \
	  CG_REPORT_COLUMNS                                                    \
	  " FROM audit_entry e LEFT JOIN audit_record ar ON ar.seq = e.seq"    \
	  " WHERE e.username = ?1 AND e.seq > ?2"                              \
	  " GROUP BY e.seq ORDER BY e.seq LIMIT ?3")

#endif
