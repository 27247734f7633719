/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocg.h - organised crime groups (model layer): groups with their aliases,
 * activities, geography and status; memberships with a role, dates and the
 * intelligence reports that support them; and merging two group records
 * that turn out to be one.
 *
 * Who sees what: the visibility rule (access/visibility.h) on the group's
 * label decides whether the group exists for the principal; each
 * membership carries its own label and is shown only to those the rule
 * admits in full, the others see a flag where the membership's owner set a
 * flag contact. Supporting reports are listed only when the principal may
 * see them (intel.h's rule). Every read writes one consultation entry
 * naming what it returned, before anything is handed out (as record.h).
 */
#ifndef CG_MODEL_OCG_H
#define CG_MODEL_OCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "access/context.h"
#include "model/label.h"

#define CG_OCG_NAME_MAX 200
#define CG_OCG_NAMES_MAX 32       /* aliases, activities: at most this many each */
#define CG_OCG_EVIDENCE_MAX 64    /* supporting reports of one membership */

/* What cg_ocg_add stores: owned by the principal's agency. */
struct cg_ocg_input {
	const char *name;        /* required, at most CG_OCG_NAME_MAX bytes */
	const char *aliases;     /* comma-separated names, or NULL */
	const char *activities;  /* comma-separated, each [a-z_]+, or NULL */
	const char *geography;   /* free text, or NULL */
	const char *status;      /* active (NULL), dormant, disrupted or archived */
	struct cg_label_input label; /* required classification and handling */
};

/* What cg_ocg_member_add stores: owned by the principal's agency. */
struct cg_membership_input {
	int64_t ocg_id;
	int64_t person_id;       /* exactly one of person and record */
	int64_t record_id;
	const char *role;        /* principal, significant or peripheral */
	const char *valid_from;  /* YYYY-MM-DD or NULL */
	const char *valid_to;    /* YYYY-MM-DD or NULL, not before valid_from */
	const int64_t *evidence; /* supporting intelligence report ids */
	size_t nevidence;
	struct cg_label_input label;
};

/* One membership as the principal may see it (strings owned). */
struct cg_membership {
	int64_t id;
	int64_t person_id;       /* 0 when the record is not linked to a person */
	int64_t record_id;       /* 0 for a membership of a person */
	char *role;
	char *valid_from;        /* "" when open */
	char *valid_to;
	char *owner_agency;
	int64_t *evidence;       /* the supporting reports the principal may see */
	size_t nevidence;
};

/* One group as the principal may see it (strings owned; "" when absent). */
struct cg_ocg {
	int64_t id;
	char *name;
	json_t *aliases;         /* array of strings, never NULL */
	json_t *activities;      /* array of strings, never NULL */
	char *geography;
	char *status;            /* active, dormant, disrupted, archived, merged */
	int64_t merged_into;     /* 0 unless merged */
	char *created_at;
	char *owner_agency;
	char *classification;
	char *handling_code;
	char *handling_conditions;
	char *compartments;
	/* cg_ocg_get only: */
	struct cg_membership *members;
	size_t nmembers;
	struct cg_flag *flags;   /* owners of memberships the principal may not see */
	size_t nflags;
	bool has_risk;           /* the group has been assessed */
	double risk_score;
	char *risk_tier;         /* "" without an assessment */
	char *risk_at;
};

void cg_ocg_release(struct cg_ocg *o);
json_t *cg_ocg_json(const struct cg_ocg *o);

struct cg_ocg_set {
	struct cg_ocg *ocgs;
	size_t nocgs;
	struct cg_flag *flags;   /* owners of groups the principal may not see */
	size_t nflags;
};

void cg_ocg_set_release(struct cg_ocg_set *set);

/* Creates a group with a "collection" entry, in one transaction; an
 * analyst, PIO, officer or supervisor of an agency. Errors name the field.
 * *id receives the new group's id. */
enum cg_status cg_ocg_add(struct cg_ctx *ctx, const struct cg_ocg_input *in, int64_t *id,
			  struct cg_error *err);

/* Consultation of the groups the principal may see in full (of the agency
 * with code `agency`, or all when NULL), in id order, with flags for those
 * they may not. Members are not loaded. */
enum cg_status cg_ocg_list(struct cg_ctx *ctx, const char *agency, struct cg_ocg_set *out,
			   struct cg_error *err);

/*
 * CG_NOT_FOUND ("OCG N not found") unless the principal sees group `id`
 * (not merged) in full. Nothing is audited: it is the gate before an
 * operation that audits what it goes on to read (a network of the group).
 */
enum cg_status cg_ocg_check_visible(struct cg_ctx *ctx, int64_t id, struct cg_error *err);

/* Consultation of one group (justification required) with the memberships
 * the principal may see, flags for the others and the latest risk
 * assessment; CG_NOT_FOUND alike for absent and hidden groups. The entry
 * names the group and the memberships shown. */
enum cg_status cg_ocg_get(struct cg_ctx *ctx, int64_t id, struct cg_ocg *out,
			  struct cg_error *err);

/* Adds a membership with its supporting reports and a "collection" entry,
 * in one transaction. The principal must see the group (not merged) and
 * the record in full, and every supporting report. *id receives the new
 * membership's id. */
enum cg_status cg_ocg_member_add(struct cg_ctx *ctx, const struct cg_membership_input *in,
				 int64_t *id, struct cg_error *err);

/* What a merge did. */
struct cg_ocg_merge_result {
	size_t moved;            /* memberships re-pointed to the surviving group */
	size_t duplicates;       /* memberships of `from` removed because `into` had the
				  * same record in the same role (their evidence moves) */
};

/*
 * Merges group `from` into `into`, one "alteration" entry naming both and
 * the reason: a supervisor of from's owner agency who sees `into` in full.
 * `from` becomes status merged with merged_into = into; its memberships
 * (keeping their own labels) and the reports about it move to `into`.
 * Refuses a group into itself, a merged group and a merge into one.
 */
enum cg_status cg_ocg_merge(struct cg_ctx *ctx, int64_t from, int64_t into, const char *why,
			    struct cg_ocg_merge_result *result, struct cg_error *err);

#endif
