/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trust.c - names and parsing of the trust vocabulary (access layer). */
#include "access/trust.h"

#include <string.h>

#include "base/buf.h"
#include "base/banned.h"

static const char *const agency_types[CG_AGENCY_TYPE_COUNT] = {
	"police_force", "prison", "probation", "regional_unit", "national_unit",
};
static const char *const agency_levels[CG_LEVEL_COUNT] = { "local", "regional", "national" };
static const char *const roles[CG_ROLE_COUNT] = {
	"analyst", "pio", "officer", "supervisor", "admin", "auditor",
};
static const char *const classifications[CG_CLASS_COUNT] = {
	"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET",
};
static const char *const subject_categories[CG_SUBJECT_COUNT] = {
	"suspect", "convicted", "victim", "witness", "other",
};

/* Finds `s` in names[0..n); on failure names what was expected. */
static enum cg_status parse_name(const char *what, const char *s,
				 const char *const *names, int n, int *out,
				 struct cg_error *err)
{
	struct cg_buf list = CG_BUF_INIT;
	for (int i = 0; i < n; i++) {
		if (s && strcmp(s, names[i]) == 0) {
			*out = i;
			return CG_OK;
		}
	}
	for (int i = 0; i < n; i++)
		cg_buf_printf(&list, NULL, "%s%s", i ? ", " : "", names[i]);
	cg_fail(err, CG_INVALID, "%s '%s' is not one of: %s", what, s ? s : "", list.data);
	cg_buf_release(&list);
	return CG_INVALID;
}

const char *cg_agency_type_name(enum cg_agency_type t)
{
	return (unsigned)t < CG_AGENCY_TYPE_COUNT ? agency_types[t] : "?";
}

const char *cg_agency_level_name(enum cg_agency_level l)
{
	return (unsigned)l < CG_LEVEL_COUNT ? agency_levels[l] : "?";
}

const char *cg_role_name(enum cg_role r)
{
	for (int i = 0; i < CG_ROLE_COUNT; i++)
		if ((unsigned)r == 1u << i)
			return roles[i];
	return "?";
}

const char *cg_classification_name(enum cg_classification c)
{
	return (unsigned)c < CG_CLASS_COUNT ? classifications[c] : "?";
}

const char *cg_subject_category_name(enum cg_subject_category c)
{
	return (unsigned)c < CG_SUBJECT_COUNT ? subject_categories[c] : "?";
}

enum cg_status cg_agency_type_parse(const char *s, enum cg_agency_type *out,
				    struct cg_error *err)
{
	int i = 0;
	enum cg_status rc = parse_name("agency type", s, agency_types, CG_AGENCY_TYPE_COUNT, &i, err);
	*out = (enum cg_agency_type)i;
	return rc;
}

enum cg_status cg_agency_level_parse(const char *s, enum cg_agency_level *out,
				     struct cg_error *err)
{
	int i = 0;
	enum cg_status rc = parse_name("agency level", s, agency_levels, CG_LEVEL_COUNT, &i, err);
	*out = (enum cg_agency_level)i;
	return rc;
}

enum cg_status cg_role_parse(const char *s, enum cg_role *out, struct cg_error *err)
{
	int i = 0;
	enum cg_status rc = parse_name("role", s, roles, CG_ROLE_COUNT, &i, err);
	*out = (enum cg_role)(1 << i);
	return rc;
}

enum cg_status cg_roles_parse(const char *s, unsigned *out, struct cg_error *err)
{
	char one[32];
	unsigned set = 0;
	const char *p = s ? s : "";

	do {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		enum cg_role r;
		if (n == 0 || n >= sizeof(one))
			return cg_fail(err, CG_INVALID, "roles '%s': expected a comma-separated list such as analyst,supervisor", s ? s : "");
		memcpy(one, p, n);
		one[n] = '\0';
		if (cg_role_parse(one, &r, err))
			return CG_INVALID;
		set |= (unsigned)r;
		p = comma ? comma + 1 : NULL;
	} while (p);
	*out = set;
	return CG_OK;
}

enum cg_status cg_classification_parse(const char *s, enum cg_classification *out,
				       struct cg_error *err)
{
	int i = 0;
	enum cg_status rc = parse_name("classification", s, classifications, CG_CLASS_COUNT, &i, err);
	*out = (enum cg_classification)i;
	return rc;
}

enum cg_status cg_clearance_parse(const char *s, enum cg_classification *out,
				  struct cg_error *err)
{
	enum cg_status rc = cg_classification_parse(s, out, err);
	if (rc == CG_OK && *out == CG_CLASS_OFFICIAL_SENSITIVE)
		return cg_fail(err, CG_INVALID,
			       "clearance OFFICIAL-SENSITIVE is a handling caveat, not a clearance: "
			       "use OFFICIAL, SECRET or TOP SECRET");
	return rc;
}

enum cg_status cg_subject_category_parse(const char *s, enum cg_subject_category *out,
					 struct cg_error *err)
{
	int i = 0;
	enum cg_status rc = parse_name("data subject category", s, subject_categories,
				       CG_SUBJECT_COUNT, &i, err);
	*out = (enum cg_subject_category)i;
	return rc;
}

bool cg_clearance_covers(enum cg_classification clearance,
			 enum cg_classification classification)
{
	/* OFFICIAL covers OFFICIAL-SENSITIVE: the caveat is need-to-know,
	 * enforced by handling conditions and compartments. */
	if (classification == CG_CLASS_OFFICIAL_SENSITIVE)
		classification = CG_CLASS_OFFICIAL;
	return clearance >= classification;
}
