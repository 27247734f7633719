/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_assess.h - risk assessments: the evidence snapshot scoring reads, the
 * assessments it writes, and their confirmation (store layer). See
 * queries.h for how the catalogue works.
 *
 * The snapshot reads every row that is not restricted by its owner,
 * resolved to persons through person_link: scoring is the one shared
 * assessment, and what each viewer may see of its evidence is decided when
 * it is shown (risk/assess.c).
 */
#ifndef CG_STORE_Q_ASSESS_H
#define CG_STORE_Q_ASSESS_H

/* The columns risk_factor copies from its evidence: the evidence's label. */
#define CG_ASSESS_LABEL                                                        \
	" owner_agency_id, classification, handling_code, handling_conditions,"    \
	" compartments, flag_contact, restricted"

#define CG_QUERIES_ASSESS(X)                                                   \
	/* -> person id of every active person, in id order */                \
	X(ASSESS_PERSONS, "SELECT id FROM person WHERE status = 'active' ORDER BY id") \
	/* -> ocg id, activities (JSON array) of every group not merged away */ \
	X(ASSESS_OCGS,                                                         \
	  "SELECT id, activities FROM ocg WHERE status <> 'merged' AND restricted = 0" \
	  " ORDER BY id")                                                      \
	/* -> person, membership id, ocg (a merged group's successor), role,  \
	 * valid from, valid to */                                            \
	X(ASSESS_MEMBERSHIPS,                                                  \
	  "SELECT coalesce(m.person_id, l.person_id), m.id,"                   \
	  " coalesce(o.merged_into, o.id), m.role, m.valid_from, m.valid_to"   \
	  " FROM membership m JOIN ocg o ON o.id = m.ocg_id"                   \
	  " LEFT JOIN person_link l ON l.record_id = m.record_id"              \
	  " WHERE m.restricted = 0 AND coalesce(m.person_id, l.person_id) IS NOT NULL") \
	/* -> person, report id, source evaluation, assessment, relates to    \
	 * (or created date), body: approved reports about a person or one of \
	 * their records */                                                    \
	X(ASSESS_INTEL,                                                        \
	  "SELECT DISTINCT coalesce(l.person_id, s.subject_id), r.id,"         \
	  " r.source_evaluation, r.intel_assessment,"                          \
	  " coalesce(r.relates_to, substr(r.created_at, 1, 10)), r.body"       \
	  " FROM intel_subject s JOIN intel_report r ON r.id = s.report_id"    \
	  " LEFT JOIN person_link l ON s.subject_kind = 'record' AND l.record_id = s.subject_id" \
	  " WHERE r.status = 'approved' AND r.restricted = 0 AND r.body IS NOT NULL" \
	  " AND (s.subject_kind = 'person' OR l.person_id IS NOT NULL)")      \
	/* -> person, event id, kind, date, category: releases and custody    \
	 * incidents */                                                        \
	X(ASSESS_EVENTS,                                                       \
	  "SELECT l.person_id, e.id, e.kind, substr(e.occurred_at, 1, 10),"    \
	  " coalesce(json_extract(e.details, '$.category'), '')"               \
	  " FROM event e JOIN person_link l ON l.record_id = e.source_record_id" \
	  " WHERE e.kind IN ('release', 'incident') AND e.restricted = 0")     \
	/* -> from person, to person, association id, valid from: links      \
	 * between two persons' records */                                     \
	X(ASSESS_ASSOCIATIONS,                                                 \
	  "SELECT lf.person_id, lt.person_id, a.id, a.valid_from"              \
	  " FROM association a"                                                \
	  " JOIN person_link lf ON lf.record_id = a.from_record_id"            \
	  " JOIN person_link lt ON lt.record_id = a.to_record_id"              \
	  " WHERE a.restricted = 0 AND lf.person_id <> lt.person_id")          \
	/* -> person or ocg (one NULL), assessment id, policy id, fingerprint, \
	 * tier: \
	 * the latest assessment of each */                                    \
	X(ASSESS_LATEST,                                                       \
	  "SELECT person_id, ocg_id, id, policy_id, coalesce(fingerprint, ''), tier" \
	  " FROM risk_assessment"                                              \
	  " WHERE id IN (SELECT max(id) FROM risk_assessment"                  \
	  " GROUP BY person_id, ocg_id)")                                      \
	/* 1 person, 2 ocg, 3 policy, 4 score, 5 tier, 6 computed at, 7 as of, \
	 * 8 fingerprint */                                                    \
	X(ASSESS_INSERT,                                                       \
	  "INSERT INTO risk_assessment(person_id, ocg_id, policy_id, score, tier," \
	  " computed_at, as_of, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") \
	/* 1 person. -> the labels of the person's current records */         \
	X(ASSESS_PERSON_LABELS,                                                \
	  "SELECT" CG_ASSESS_LABEL " FROM source_record r"                     \
	  " JOIN person_link l ON l.record_id = r.id"                          \
	  " WHERE l.person_id = ?1 AND r.is_current = 1")                      \
	/* 1 policy id. -> version, text */                                   \
	X(ASSESS_POLICY_TEXT, "SELECT version, content FROM risk_policy WHERE id = ?1") \
	/* -> id, version, content of the newest published policy */          \
	X(ASSESS_POLICY_NEWEST,                                                \
	  "SELECT id, version, content FROM risk_policy ORDER BY version DESC LIMIT 1") \
	/* 1 assessment, 2 factor, 3 points, 4 evidence id: one per evidence  \
	 * kind, copying the evidence's label */                               \
	X(ASSESS_FACTOR_MEMBERSHIP,                                            \
	  "INSERT INTO risk_factor(assessment_id, factor, points, evidence_kind," \
	  " evidence_id," CG_ASSESS_LABEL ") SELECT ?1, ?2, ?3, 'membership', id," \
	  CG_ASSESS_LABEL " FROM membership WHERE id = ?4")                    \
	X(ASSESS_FACTOR_OCG,                                                   \
	  "INSERT INTO risk_factor(assessment_id, factor, points, evidence_kind," \
	  " evidence_id," CG_ASSESS_LABEL ") SELECT ?1, ?2, ?3, 'ocg', id,"     \
	  CG_ASSESS_LABEL " FROM ocg WHERE id = ?4")                           \
	X(ASSESS_FACTOR_INTEL,                                                 \
	  "INSERT INTO risk_factor(assessment_id, factor, points, evidence_kind," \
	  " evidence_id," CG_ASSESS_LABEL ") SELECT ?1, ?2, ?3, 'intel_report', id," \
	  CG_ASSESS_LABEL " FROM intel_report WHERE id = ?4")                  \
	X(ASSESS_FACTOR_EVENT,                                                 \
	  "INSERT INTO risk_factor(assessment_id, factor, points, evidence_kind," \
	  " evidence_id," CG_ASSESS_LABEL ") SELECT ?1, ?2, ?3, 'event', id,"   \
	  CG_ASSESS_LABEL " FROM event WHERE id = ?4")                         \
	X(ASSESS_FACTOR_ASSOCIATION,                                           \
	  "INSERT INTO risk_factor(assessment_id, factor, points, evidence_kind," \
	  " evidence_id," CG_ASSESS_LABEL ") SELECT ?1, ?2, ?3, 'association', id," \
	  CG_ASSESS_LABEL " FROM association WHERE id = ?4")                   \
	/* 1 person, 2 ocg, 3 assessment, 4 from tier, 5 to tier, 6 at */     \
	X(ASSESS_TIER_CHANGE,                                                  \
	  "INSERT INTO risk_tier_change(person_id, ocg_id, assessment_id, from_tier," \
	  " to_tier, at) VALUES (?, ?, ?, ?, ?, ?)")                           \
	/* 1 person. -> assessment id, policy version, policy hash, score,    \
	 * tier, computed at, as of, confirmed tier, confirmed by, reason,    \
	 * confirmed at, management level, management reason: newest first */ \
	X(ASSESS_HISTORY,                                                      \
	  "SELECT a.id, p.version, p.content_hash, a.score, a.tier, a.computed_at," \
	  " coalesce(a.as_of, ''), coalesce(a.confirmed_tier, ''),"            \
	  " coalesce(u.username, ''), coalesce(a.confirmed_reason, ''),"       \
	  " coalesce(a.confirmed_at, ''), coalesce(a.management_level, 0),"    \
	  " coalesce(a.management_reason, '')"                                 \
	  " FROM risk_assessment a JOIN risk_policy p ON p.id = a.policy_id"   \
	  " LEFT JOIN app_user u ON u.id = a.confirmed_by"                     \
	  " WHERE a.person_id = ?1 ORDER BY a.id DESC")                        \
	/* 1 assessment. -> factor, points, evidence kind, evidence id, then  \
	 * the evidence's label (CG_ASSESS_LABEL order) */                     \
	X(ASSESS_FACTORS,                                                      \
	  "SELECT factor, points, evidence_kind, evidence_id," CG_ASSESS_LABEL \
	  " FROM risk_factor WHERE assessment_id = ?1 ORDER BY id")            \
	/* 1 assessment, 2 tier, 3 user, 4 reason, 5 at */                    \
	X(ASSESS_CONFIRM,                                                      \
	  "UPDATE risk_assessment SET confirmed_tier = ?2, confirmed_by = ?3,"  \
	  " confirmed_reason = ?4, confirmed_at = ?5 WHERE id = ?1")           \
	/* 1 assessment, 2 level, 3 reason */                                 \
	X(ASSESS_LEVEL,                                                        \
	  "UPDATE risk_assessment SET management_level = ?2, management_reason = ?3" \
	  " WHERE id = ?1")                                                    \
	/* 1 ocg. -> latest group assessment: score, tier, computed at */     \
	X(ASSESS_OCG_LATEST,                                                   \
	  "SELECT score, tier, computed_at FROM risk_assessment WHERE ocg_id = ?1" \
	  " ORDER BY id DESC LIMIT 1")

#endif
