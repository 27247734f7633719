/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * intel.h - intelligence reports (model layer): submission with 3x5x2
 * grading, supervisor approval, full-text search over what the principal
 * may see, and MoPI review with erasure.
 *
 * Who sees a report: the visibility rule (access/visibility.h) on the
 * report's label, with three additions.
 *  - Until a supervisor of the owner agency approves it, a report exists
 *    only for the owner agency's staff (no flag elsewhere either).
 *  - A principal who may not see the report in full, but whom the rule
 *    admits at the sanitised version's classification, sees the sanitised
 *    version: grading, subjects and the sanitised text, never the body.
 *    Full-text search matches only the text they may see.
 *  - An erased report is found by nobody; its row keeps its reference,
 *    dates and review decisions so the audit trail still resolves.
 * Every read writes one consultation entry naming the reports it returned,
 * before anything is handed out (as record.h).
 */
#ifndef CG_MODEL_INTEL_H
#define CG_MODEL_INTEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "access/context.h"
#include "model/label.h"

#define CG_INTEL_TEXT_MAX 20000
#define CG_INTEL_SUBJECTS_MAX 64
#define CG_INTEL_LIST_DEFAULT 50
#define CG_INTEL_LIST_MAX 5000

/* What a report is about: kind is person, record, ocg, object or location. */
struct cg_intel_subject {
	char kind[16];
	int64_t id;
};

/* Reads "KIND:ID" (e.g. "person:12"), the first `len` bytes of s, as the
 * command line and the API spell a subject. CG_INVALID ("subject: ...")
 * when malformed; whether the kind exists is cg_intel_add's to say. */
enum cg_status cg_intel_subject_parse(const char *s, size_t len, struct cg_intel_subject *out,
				      struct cg_error *err);

/* What cg_intel_add stores: owned by the principal's agency. */
struct cg_intel_input {
	const char *text;                     /* required */
	const char *source_evaluation;        /* "1", "2" or "3": required */
	const char *intel_assessment;         /* "A".."E": required */
	struct cg_label_input label;          /* required classification and handling */
	const char *sanitised_text;           /* optional */
	const char *sanitised_classification; /* required with sanitised text, no higher */
	const char *relates_to;               /* YYYY-MM-DD: required */
	int mopi_group;                       /* 1..4: required */
	const struct cg_intel_subject *subjects;
	size_t nsubjects;
};

/* One report as the principal may see it (strings owned; "" when absent). */
struct cg_intel {
	int64_t id;
	char *reference;
	char *owner_agency;
	char *text;              /* the body, or the sanitised text when sanitised */
	bool sanitised;          /* the principal sees the sanitised version */
	bool has_sanitised;      /* a sanitised version exists */
	char source_evaluation[2];
	char intel_assessment[2];
	char *relates_to;
	char *status;            /* submitted, approved, rejected */
	char *submitted_by;
	char *approved_by;       /* or the supervisor who rejected it */
	char *approved_at;
	char *decision_reason;
	int mopi_group;
	char *review_date;
	char *created_at;
	char *classification;    /* of what the principal sees */
	char *handling_code;
	char *handling_conditions;
	char *compartments;
	struct cg_intel_subject *subjects;
	size_t nsubjects;
};

void cg_intel_release(struct cg_intel *r);
json_t *cg_intel_json(const struct cg_intel *r);

struct cg_intel_set {
	struct cg_intel *reports;
	size_t nreports;
	struct cg_flag *flags;   /* owners of matching reports the principal may not see */
	size_t nflags;
};

void cg_intel_set_release(struct cg_intel_set *set);

/* Which reports a search covers; NULL/0 fields do not filter. */
struct cg_intel_filter {
	const char *text;          /* words that must all appear (full-text) */
	const char *sources;       /* source evaluations wanted, e.g. "12" */
	const char *assessments;   /* intelligence assessments wanted, e.g. "AB" */
	struct cg_intel_subject subject; /* kind "" for any */
	const char *owner_agency;  /* agency code */
	const char *from, *to;     /* relates-to date range, inclusive */
	const char *status;        /* submitted, approved or rejected */
	size_t limit;              /* 0: CG_INTEL_LIST_DEFAULT */
};

/*
 * Submits a report (status submitted) with a "collection" entry, in one
 * transaction. Every field is validated and none defaulted; errors name the
 * field. Subjects must exist and, for records and OCGs, be visible to the
 * submitter. *id receives the new report's id.
 */
enum cg_status cg_intel_add(struct cg_ctx *ctx, const struct cg_intel_input *in,
			    int64_t *id, struct cg_error *err);

/* A supervisor of the owner agency approves a submitted report, or rejects
 * it with a reason; an "alteration" entry. */
enum cg_status cg_intel_approve(struct cg_ctx *ctx, int64_t id, struct cg_error *err);
enum cg_status cg_intel_reject(struct cg_ctx *ctx, int64_t id, const char *reason,
			       struct cg_error *err);

/* Consultation of one report (justification required); CG_NOT_FOUND alike
 * for absent, hidden and erased reports. */
enum cg_status cg_intel_get(struct cg_ctx *ctx, int64_t id, struct cg_intel *out,
			    struct cg_error *err);

/* Consultation of the reports matching f that the principal may see,
 * newest first, with flags for matching reports they may not. Words in
 * f->text are matched as whole words (prefix with a trailing '*'). */
enum cg_status cg_intel_search(struct cg_ctx *ctx, const struct cg_intel_filter *f,
			       struct cg_intel_set *out, struct cg_error *err);

/* The principal's agency's reports due for MoPI review on or before `by`
 * (YYYY-MM-DD), soonest first. */
enum cg_status cg_intel_due(struct cg_ctx *ctx, const char *by, struct cg_intel_set *out,
			    struct cg_error *err);

/*
 * A MoPI review decision by a supervisor of the owner agency, with a reason:
 * retain sets the next review date from the report's group (today plus its
 * period) and writes an "alteration" entry; erase removes the text, the
 * sanitised text, the subjects and the membership evidence, keeps the row
 * as erased, and writes an "erasure" entry. Both are kept in intel_review.
 */
enum cg_status cg_intel_review(struct cg_ctx *ctx, int64_t id, bool erase,
			       const char *reason, struct cg_error *err);

/* The MoPI review period of a group in years (1 and 2: 10; 3 and 4: 6);
 * 0 for a group that does not exist. */
int cg_intel_mopi_years(int group);

#endif
