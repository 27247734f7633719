/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record.h - source records: one row of one agency's system (model layer).
 *
 * Every way of reading source records — get, list, count, search, export —
 * is here and nowhere else, and each one passes every row through
 * cg_visibility() and writes one audit entry naming the rows it returned:
 * consultation for get/list/search, disclosure (with recipients) for
 * export. Counts count only what the principal may see in full. Rows the
 * principal may not see are absent: a get of one answers CG_NOT_FOUND
 * exactly as for an id that does not exist. Search alone reports "flag
 * only" rows, as one flag per owner agency that chose to be contactable,
 * never with content, ids or counts.
 *
 * Results are gathered and the audit entry written before anything is
 * handed to the caller, so no data leaves the library unlogged.
 */
#ifndef CG_MODEL_RECORD_H
#define CG_MODEL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "access/context.h"
#include "access/visibility.h"
#include "model/label.h"

#define CG_RECORD_LIST_DEFAULT 100
#define CG_RECORD_LIST_MAX 10000
#define CG_RECORD_IDENTIFIERS_MAX 16

struct cg_identifier {
	char *kind;       /* "pnc", "cro", "prison_number", "crn", or a profile's own */
	char *value_raw;  /* as held by the owner */
	char *value_norm; /* canonical form; NULL when it failed validation */
	bool is_hard;
};

/* One source record as the principal may see it. Strings are owned by the
 * record (cg_record_release). */
struct cg_record {
	int64_t id;
	char *owner_agency;       /* agency code */
	char *source_system;
	char *source_record_id;
	int64_t version;
	char *forenames;          /* primary name; "" when none */
	char *surname;
	char *dob;                /* YYYY-MM-DD, or the raw text when it did not parse; "" */
	char *sex;                /* M, F, X, U or "" */
	char *classification;
	char *handling_code;      /* "P" or "C" */
	char *handling_conditions;/* "" for P */
	char *compartments;
	char *subject_category;   /* suspect, convicted, victim, witness, other */
	char *statement_basis;    /* fact or assessment */
	bool restricted;
	bool withdrawn;
	struct cg_identifier *identifiers; /* only filled by get and export */
	size_t nidentifiers;
};

void cg_record_release(struct cg_record *r);

/* The record as a JSON object (new reference): every field, the label and
 * the data subject's category and statement basis included, so whoever
 * reads it sees the handling conditions that travel with it. */
json_t *cg_record_json(const struct cg_record *r);

/* A list of records (and, for search, flags), owned by the caller. */
struct cg_record_set {
	struct cg_record *records;
	size_t nrecords;
	struct cg_flag *flags;
	size_t nflags;
};

void cg_record_set_release(struct cg_record_set *set);

/* Which records a list, count, search or export covers. */
struct cg_record_filter {
	const char *owner_agency; /* agency code, or NULL for all */
	const char *name;         /* search: words that must all appear in a name */
	const char *dob;          /* search: YYYY-MM-DD the record holds, or NULL */
	size_t limit;             /* list/search: 0 = CG_RECORD_LIST_DEFAULT */
	size_t offset;            /* list: rows to skip (after visibility) */
};

/* What cg_record_add stores: the owner is the principal's agency. */
struct cg_record_input {
	const char *source_system;    /* e.g. "PNC", "NOMIS", "nDelius" */
	const char *source_record_id; /* the owner's key */
	const char *forenames;
	const char *surname;
	const char *dob;              /* YYYY-MM-DD or NULL */
	const char *sex;              /* M, F, X, U or NULL */
	const char *classification;   /* required */
	const char *handling_code;    /* "P" or "C", required */
	const char *handling_conditions; /* required for C, refused for P */
	const char *compartments;     /* NULL for none */
	const char *flag_contact;     /* NULL: no flag for those who may not see it */
	const char *subject_category; /* required */
	const char *statement_basis;  /* required: fact or assessment */
	const struct cg_identifier *identifiers;
	size_t nidentifiers;
};

/*
 * Adds a record owned by the principal's agency, with a "collection" audit
 * entry, in one transaction. Validates every field and names the one that
 * failed; identifiers of the kinds base/ident.h knows are validated and
 * normalised, and one that fails is kept as raw text only. CG_CONFLICT when
 * the agency already holds that source record id in that system.
 */
enum cg_status cg_record_add(struct cg_ctx *ctx, const struct cg_record_input *in,
			     int64_t *id, struct cg_error *err);

/* Consultation of one record (justification required). */
enum cg_status cg_record_get(struct cg_ctx *ctx, int64_t id, struct cg_record *out,
			     struct cg_error *err);

/* Consultation of a page of records, in id order. */
enum cg_status cg_record_list(struct cg_ctx *ctx, const struct cg_record_filter *f,
			      struct cg_record_set *out, struct cg_error *err);

/* How many records the principal may see in full (no justification needed:
 * a count reveals no content; it is still logged as a consultation). */
enum cg_status cg_record_count(struct cg_ctx *ctx, const struct cg_record_filter *f,
			       int64_t *count, struct cg_error *err);

/* Name search: records whose names contain every word of f->name (after
 * name normalisation) and, when f->dob is given, hold that date of birth,
 * plus flags for matching rows the principal may not see whose owners
 * chose to be contactable. */
enum cg_status cg_record_search(struct cg_ctx *ctx, const struct cg_record_filter *f,
				struct cg_record_set *out, struct cg_error *err);

/*
 * Consultation of one person: the records linked to them that the
 * principal may see in full, and one flag per owner agency that holds a
 * hidden one and chose to be contactable (justification required). A
 * person none of whose records the principal may see, and who is not
 * flagged either, is CG_NOT_FOUND exactly like a person id that does not
 * exist: linking must not reveal what the owner withheld.
 */
enum cg_status cg_record_person(struct cg_ctx *ctx, int64_t person_id,
				struct cg_record_set *out, struct cg_error *err);

/*
 * Disclosure: writes every record the principal may see (filter applies;
 * no limit) to `out` as JSON Lines, each line keeping the owner's label
 * (classification, handling code and conditions, compartments) so the
 * receiver inherits it — re-sharing never widens what the owner allowed.
 * `recipients` (required) names who receives the export; it and the
 * records go into one "disclosure" audit entry written before any line.
 */
enum cg_status cg_record_export(struct cg_ctx *ctx, const struct cg_record_filter *f,
				const char *recipients, FILE *out, size_t *written,
				struct cg_error *err);

/*
 * Restricts or releases a record (owner agency's supervisor only): a
 * restricted record is kept but shown to nobody outside the owner. Logged
 * as an alteration.
 */
enum cg_status cg_record_restrict(struct cg_ctx *ctx, int64_t id, bool restricted,
				  struct cg_error *err);

/*
 * Withdraws a record (owner agency's supervisor only): erases its names,
 * dates of birth, addresses and identifiers, keeps the row and the audit
 * trail, and sends a retraction notice to every other agency that consulted
 * or received it (from the audit log). Logged as an erasure. *notified
 * receives the number of agencies told.
 */
enum cg_status cg_record_withdraw(struct cg_ctx *ctx, int64_t id, const char *reason,
				  size_t *notified, struct cg_error *err);

/*
 * Tells every other agency that consulted or received record `id` that it
 * was corrected (a new version replaced it): one retraction notice each,
 * from the audit log. Runs inside the caller's transaction; the caller
 * logs the alteration. *notified receives the number of agencies told.
 */
enum cg_status cg_record_notify_correction(struct cg_ctx *ctx, int64_t id, const char *reason,
					   size_t *notified, struct cg_error *err);

#endif
