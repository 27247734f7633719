/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_graph.h - what building a network reads (store layer). Used by
 * src/graph/build*.c; see queries.h for how the catalogue works.
 *
 * A network of 100,000 persons and a million links is built from a handful
 * of whole-table scans rather than one lookup per row: each query below
 * reads one table (or a table and the one it hangs off) once, and the
 * builder joins them in memory through arrays indexed by id. Every row
 * that can make a link or a node comes with its label (CG_GRAPH_LABEL:
 * owner id, classification, handling code, conditions, compartments, flag
 * contact, restricted), which the builder reads with cg_label_read and
 * decides with cg_visibility.
 */
#ifndef CG_STORE_Q_GRAPH_H
#define CG_STORE_Q_GRAPH_H

/* The label columns of table alias t, in cg_label_read's order. */
#define CG_GRAPH_LABEL(t)                                                      \
	" " t ".owner_agency_id, " t ".classification, " t ".handling_code, "  \
	t ".handling_conditions, " t ".compartments, " t ".flag_contact, "     \
	t ".restricted"

#define CG_QUERIES_GRAPH(X)                                                    \
	/* -> id, code, type of every agency */                               \
	X(GRAPH_AGENCIES, "SELECT id, code, type FROM agency ORDER BY id")     \
	/* -> record id, person id, surname, forenames, then the record's     \
	 * label: every current, not withdrawn record linked to an active     \
	 * person, in record id order */                                      \
	X(GRAPH_RECORDS,                                                       \
	  "SELECT r.id, l.person_id, r.surname, r.forenames,"                 \
	  CG_GRAPH_LABEL("r")                                                  \
	  " FROM source_record r JOIN person_link l ON l.record_id = r.id"     \
	  " JOIN person p ON p.id = l.person_id"                               \
	  " WHERE r.is_current = 1 AND r.withdrawn_at IS NULL"                 \
	  " AND p.status = 'active' ORDER BY r.id")                            \
	/* -> person id, the person it was merged into: merged persons, for   \
	 * intelligence and memberships that still name them */              \
	X(GRAPH_MERGED_PERSONS,                                                \
	  "SELECT id, merged_into FROM person"                                 \
	  " WHERE status = 'merged' AND merged_into IS NOT NULL")              \
	/* -> membership id, ocg id, person id (0 none), record id (0 none),  \
	 * the membership's label, the group's label */                       \
	X(GRAPH_MEMBERSHIPS,                                                   \
	  "SELECT m.id, m.ocg_id, coalesce(m.person_id, 0),"                   \
	  " coalesce(m.record_id, 0)," CG_GRAPH_LABEL("m") ","                 \
	  CG_GRAPH_LABEL("o")                                                  \
	  " FROM membership m JOIN ocg o ON o.id = m.ocg_id ORDER BY m.id")    \
	/* -> person id, computed tier, confirmed tier ('' none): each        \
	 * person's latest assessment */                                      \
	X(GRAPH_TIERS,                                                         \
	  "SELECT person_id, tier, coalesce(confirmed_tier, '')"               \
	  " FROM risk_assessment WHERE id IN (SELECT max(id)"                  \
	  " FROM risk_assessment WHERE person_id IS NOT NULL"                  \
	  " GROUP BY person_id)")                                              \
	/* -> association id, kind, from record, to record (0 none), to       \
	 * object (0 none), valid from, valid to ('' unknown), source         \
	 * evaluation, intelligence assessment ('' ungraded), then the label, \
	 * in id order */                                                     \
	X(GRAPH_ASSOCIATIONS,                                                  \
	  "SELECT a.id, a.kind, a.from_record_id, coalesce(a.to_record_id, 0)," \
	  " coalesce(a.to_object_id, 0), coalesce(a.valid_from, ''),"         \
	  " coalesce(a.valid_to, ''), coalesce(a.source_evaluation, ''),"     \
	  " coalesce(a.intel_assessment, '')," CG_GRAPH_LABEL("a")            \
	  " FROM association a ORDER BY a.id")                                 \
	/* -> event id, kind, date (YYYY-MM-DD), subject record (0 none),     \
	 * party record (0 none), party object (0 none), then the event's     \
	 * label: one row per other party of an event (visit counterparts,    \
	 * dialled numbers, payees), in no particular order */                \
	X(GRAPH_EVENT_PARTIES,                                                 \
	  "SELECT e.id, e.kind, substr(e.occurred_at, 1, 10),"                 \
	  " coalesce(e.source_record_id, 0), coalesce(p.record_id, 0),"       \
	  " coalesce(p.object_id, 0)," CG_GRAPH_LABEL("e")                    \
	  " FROM event_party p JOIN event e ON e.id = p.event_id")             \
	/* -> event id, subject record, kind, date (YYYY-MM-DD), location     \
	 * (0 none), then the label: custody movements, in no particular      \
	 * order (the builder sorts them per record) */                       \
	X(GRAPH_CUSTODY_EVENTS,                                                \
	  "SELECT e.id, e.source_record_id, e.kind, substr(e.occurred_at, 1, 10)," \
	  " coalesce(e.location_id, 0)," CG_GRAPH_LABEL("e")                   \
	  " FROM event e WHERE e.kind IN ('reception', 'transfer', 'wing_move'," \
	  " 'recall', 'release') AND e.source_record_id IS NOT NULL")          \
	/* 1 event kind. -> the latest time an event of that kind happened    \
	 * (NULL none); through the event_time index, so one probe a kind */  \
	X(GRAPH_LATEST_EVENT, "SELECT max(occurred_at) FROM event WHERE kind = ?1") \
	/* -> id, kind, code ('' none), name, parent (0 none) of every place */ \
	X(GRAPH_LOCATIONS,                                                     \
	  "SELECT id, kind, coalesce(code, ''), name, coalesce(parent_id, 0)"  \
	  " FROM location ORDER BY id")                                        \
	/* -> id, kind, normalised value of every object */                   \
	X(GRAPH_OBJECTS, "SELECT id, kind, value_norm FROM object ORDER BY id") \
	/* -> report id, status, relates to ('' unknown), source evaluation,  \
	 * intelligence assessment, the report's label, subject kind, subject \
	 * id: the person and record subjects of every report, by report */   \
	X(GRAPH_INTEL_SUBJECTS,                                                \
	  "SELECT r.id, r.status, coalesce(r.relates_to, ''),"                 \
	  " r.source_evaluation, r.intel_assessment," CG_GRAPH_LABEL("r") ","  \
	  " s.subject_kind, s.subject_id"                                      \
	  " FROM intel_subject s JOIN intel_report r ON r.id = s.report_id"   \
	  " WHERE s.subject_kind IN ('person', 'record')"                      \
	  " ORDER BY s.report_id")

#endif
