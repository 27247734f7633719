/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trust.h - the vocabulary of the trust layer (access layer).
 *
 * Agency types and levels, user roles, security classifications and the
 * categories DPA 2018 Part 3 asks for, each as an enum with a table that
 * maps it to the text stored in the schema (src/store/sql/0001_schema.sql
 * has the matching CHECK constraints). Parsing is strict: unknown text is
 * CG_INVALID with a message listing the accepted values.
 */
#ifndef CG_ACCESS_TRUST_H
#define CG_ACCESS_TRUST_H

#include <stdbool.h>

#include "base/error.h"

enum cg_agency_type {
	CG_AGENCY_POLICE_FORCE,
	CG_AGENCY_PRISON,
	CG_AGENCY_PROBATION,
	CG_AGENCY_REGIONAL_UNIT,
	CG_AGENCY_NATIONAL_UNIT,
	CG_AGENCY_TYPE_COUNT
};

enum cg_agency_level { CG_LEVEL_LOCAL, CG_LEVEL_REGIONAL, CG_LEVEL_NATIONAL, CG_LEVEL_COUNT };

/* Roles are bits so a user can hold several. */
enum cg_role {
	CG_ROLE_ANALYST = 1 << 0,
	CG_ROLE_PIO = 1 << 1,
	CG_ROLE_OFFICER = 1 << 2,
	CG_ROLE_SUPERVISOR = 1 << 3,
	CG_ROLE_ADMIN = 1 << 4,
	CG_ROLE_AUDITOR = 1 << 5,
};
#define CG_ROLE_COUNT 6

/*
 * Government Security Classifications, in increasing order, so a clearance
 * covers every classification up to its own. OFFICIAL-SENSITIVE is a
 * handling caveat of OFFICIAL, not a level of its own: an OFFICIAL clearance
 * covers it, and need-to-know for it comes from handling conditions and
 * compartments. Users are cleared to OFFICIAL, SECRET or TOP SECRET only.
 */
enum cg_classification {
	CG_CLASS_OFFICIAL,
	CG_CLASS_OFFICIAL_SENSITIVE,
	CG_CLASS_SECRET,
	CG_CLASS_TOP_SECRET,
	CG_CLASS_COUNT
};

enum cg_subject_category {
	CG_SUBJECT_SUSPECT,
	CG_SUBJECT_CONVICTED,
	CG_SUBJECT_VICTIM,
	CG_SUBJECT_WITNESS,
	CG_SUBJECT_OTHER,
	CG_SUBJECT_COUNT
};

/* Text forms as stored ("police_force", "OFFICIAL-SENSITIVE", "supervisor"). */
const char *cg_agency_type_name(enum cg_agency_type t);
const char *cg_agency_level_name(enum cg_agency_level l);
const char *cg_role_name(enum cg_role r);          /* r must be one bit */
const char *cg_classification_name(enum cg_classification c);
const char *cg_subject_category_name(enum cg_subject_category c);

enum cg_status cg_agency_type_parse(const char *s, enum cg_agency_type *out,
				    struct cg_error *err);
enum cg_status cg_agency_level_parse(const char *s, enum cg_agency_level *out,
				     struct cg_error *err);
enum cg_status cg_role_parse(const char *s, enum cg_role *out, struct cg_error *err);
/* Parses a comma-separated list of roles into a bit set (at least one). */
enum cg_status cg_roles_parse(const char *s, unsigned *out, struct cg_error *err);
enum cg_status cg_classification_parse(const char *s, enum cg_classification *out,
				       struct cg_error *err);
/* As cg_classification_parse, refusing OFFICIAL-SENSITIVE (not a clearance). */
enum cg_status cg_clearance_parse(const char *s, enum cg_classification *out,
				  struct cg_error *err);
enum cg_status cg_subject_category_parse(const char *s, enum cg_subject_category *out,
					 struct cg_error *err);

/* Does a clearance cover a classification? */
bool cg_clearance_covers(enum cg_classification clearance,
			 enum cg_classification classification);

#endif
