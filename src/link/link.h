/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link.h - entity resolution: source records into persons (link capability
 * layer).
 *
 * A run loads every current source record in one scan into compact arrays
 * (an incremental run: the linker's copy of the records linked before,
 * link_record, and the records imported since),
 * finds candidate pairs with blocking rules in union, estimates the
 * Fellegi-Sunter model (m by expectation-maximisation over the compared
 * pairs, u from random pairs), scores every pair as a sum of explained
 * weights with term-frequency adjustment of exact names, and clusters:
 * analyst decisions first, then shared hard identifiers, then model links
 * strongest first, never joining two different hard identifiers of one
 * kind or a pair an analyst rejected. Pairs in the review band go to a
 * review queue. Persons, links, the run and one "combination" audit entry
 * are written in one transaction. docs/linking.md describes the model, the
 * levels, the blocking rules and how to read an explanation.
 *
 * Who may: running, explaining and deciding need the analyst role (or
 * supervisor). Explanations and decisions only about records the principal
 * may see in full; a hidden record reads as not found. The export of links
 * lists only records the principal may see in full, and reports "agency X
 * holds further information" flags for hidden records of the same persons
 * whose owner chose to be contactable.
 */
#ifndef CG_LINK_LINK_H
#define CG_LINK_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "link/compare.h"

/* Default thresholds on the match weight (log2 of the odds). */
#define CG_LINK_THRESHOLD 6.0
#define CG_LINK_REVIEW 0.0
/* Largest block a rule compares in full; bigger blocks are skipped by that
 * rule (counted in the summary) so one common key cannot make the run
 * quadratic. */
#define CG_LINK_BLOCK_MAX 300
/* Conflicts and review items described in a summary. */
#define CG_LINK_EXAMPLES 8

struct cg_link_options {
	double threshold;   /* link pairs at or above this weight */
	double review;      /* pairs in [review, threshold) go to review */
	bool incremental;   /* compare only records with no person yet */
	bool keep_model;    /* reuse the newest run's model instead of training */
};

struct cg_link_conflict {
	int64_t record_a, record_b; /* the pair refused */
	char kind[32];              /* identifier kind that differs */
};

struct cg_link_summary {
	int64_t run_id;
	bool incremental;       /* the run was incremental */
	size_t records;         /* records loaded */
	size_t new_records;     /* incremental: records not linked before */
	size_t pairs;           /* distinct candidate pairs compared */
	size_t blocks_skipped;  /* blocks larger than CG_LINK_BLOCK_MAX */
	size_t persons;         /* active persons after the run */
	size_t persons_created, persons_retired;
	size_t links_changed;   /* records whose person or method changed */
	size_t hard_links, model_links, analyst_links;
	size_t review;          /* pairs in the review band */
	size_t conflicts;       /* edges refused for differing hard identifiers */
	size_t decisions;       /* analyst decisions applied */
	int em_iterations;
	double lambda;          /* share of matches among compared pairs (EM) */
	double seconds_load, seconds_block, seconds_train, seconds_score,
		seconds_cluster, seconds_write, seconds_total;
	struct cg_link_conflict conflict[CG_LINK_EXAMPLES];
	size_t nconflict;       /* examples filled */
};

/* Default options (thresholds above, full run, training). An incremental
 * run always keeps the model. */
void cg_link_options_init(struct cg_link_options *o);

/*
 * Resolves the store's current records into persons (see above). Needs the
 * analyst or supervisor role. An incremental run needs an earlier run's
 * model; without one it runs in full. Fills *sum.
 */
enum cg_status cg_link_run(struct cg_ctx *ctx, const struct cg_link_options *o,
			   struct cg_link_summary *sum, struct cg_error *err);

/* One part of an explanation. */
struct cg_link_part {
	const char *comparison; /* "forename", ... or "term frequency", "prior" */
	const char *level;      /* level name (static) */
	char detail[128];       /* the values compared, e.g. "john / jon" */
	double m, u;            /* probabilities (0 for prior and tf) */
	double weight;          /* log2(m/u), or the prior, or the adjustment */
};

struct cg_link_explanation {
	int64_t record_a, record_b;
	int64_t person_a, person_b; /* 0 when not linked */
	struct cg_link_part parts[CG_CMP_COUNT + 3];
	size_t nparts;
	double total;               /* sum of the parts' weights */
	double probability;         /* 2^total / (1 + 2^total) */
	char hard[64];              /* "pnc 2001/0123456F" when a hard id is shared, else "" */
	char outcome[64];           /* "linked", "review", "not linked" by the model alone */
	double threshold, review;   /* of the run the model came from */
};

/*
 * Explains the pair: each comparison level and its weight under the newest
 * run's model, the prior and the term-frequency adjustment, the total and
 * what the thresholds make of it. Both records must be visible in full to
 * the principal (CG_NOT_FOUND otherwise, as for a missing id). Logged as a
 * consultation of both records. CG_NOT_FOUND also when no run exists yet.
 */
enum cg_status cg_link_explain(struct cg_ctx *ctx, int64_t a, int64_t b,
			       struct cg_link_explanation *out, struct cg_error *err);

enum cg_link_decision {
	CG_LINK_CONFIRM, /* a and b are one person */
	CG_LINK_REJECT,  /* a and b are never one person */
	CG_LINK_SPLIT,   /* record a leaves its person: no automatic links */
	CG_LINK_MERGE,   /* persons a and b are one person */
};

/* "confirm", "reject", "split", "merge". */
const char *cg_link_decision_name(enum cg_link_decision d);
/* The decision spelled `name` (as above) into *d; false for any other. */
bool cg_link_decision_parse(const char *name, enum cg_link_decision *d);

/*
 * Stores an analyst decision with who and why (`why` required) and logs it
 * as a combination. CONFIRM and REJECT take two record ids, SPLIT one
 * record (b ignored), MERGE two person ids (stored as a confirmation of one
 * record of each). Every record involved must be visible in full. The
 * decision takes effect at the next run of cg_link_run and at every run
 * after, winning over the model.
 */
enum cg_status cg_link_decide(struct cg_ctx *ctx, enum cg_link_decision d, int64_t a,
			      int64_t b, const char *why, struct cg_error *err);

/* ---- the review queue (link_review.c) ---- */

#define CG_LINK_REVIEW_LIST_DEFAULT 50
#define CG_LINK_REVIEW_LIST_MAX 500

/* One open item of the review queue: a pair of records a run could not
 * decide. */
struct cg_link_review_item {
	int64_t id;
	int64_t record_a, record_b;
	int64_t person_a, person_b; /* their persons now; 0 when unlinked */
	double weight;              /* the pair's match weight (0 for a conflict) */
	char kind[16];              /* "review": in the review band; "conflict":
				     * the model linked them but hard identifiers differ */
	char detail[64];            /* for a conflict, e.g. "different pnc"; else "" */
	char created_at[40];        /* UTC ISO 8601 */
};

/*
 * The open review items after item `after` (0 from the start), in id order,
 * at most `limit` (0: CG_LINK_REVIEW_LIST_DEFAULT, capped at
 * CG_LINK_REVIEW_LIST_MAX), keeping only items whose two records the
 * principal sees in full: an analyst or supervisor. *out (free() it) and
 * *n receive them. One consultation entry names the records listed; no
 * justification is needed, since an item shows ids and a weight, not
 * content (the records themselves are read with their own consultation).
 */
enum cg_status cg_link_review_list(struct cg_ctx *ctx, int64_t after, size_t limit,
				   struct cg_link_review_item **out, size_t *n,
				   struct cg_error *err);

/*
 * Decides open review item `item` as cg_link_decide does (who and why
 * recorded, one combination entry) and closes it, in one transaction.
 * CG_LINK_CONFIRM and CG_LINK_REJECT apply to the item's pair; CG_LINK_SPLIT
 * takes `record` out of its person, which must be one of the pair;
 * CG_LINK_MERGE is refused (it is about persons, not a pair of records).
 * An item that is not open, or whose records the principal may not see in
 * full, is CG_NOT_FOUND.
 */
enum cg_status cg_link_review_decide(struct cg_ctx *ctx, int64_t item, enum cg_link_decision d,
				     int64_t record, const char *why, struct cg_error *err);

/* One row of the export: borrowed strings, valid during the call. */
struct cg_link_row {
	const char *agency;       /* owner agency code */
	const char *record_id;    /* the owner's source record id */
	int64_t person_id;        /* 0 when not linked yet */
};

/* "Agency X holds further information", for a person the principal sees
 * part of. Strings owned by the list. */
struct cg_link_flag {
	int64_t person_id;
	char *agency_code;
	char *contact;
};

struct cg_link_flags {
	struct cg_link_flag *items;
	size_t len;
};
void cg_link_flags_release(struct cg_link_flags *f);

/*
 * Disclosure of the links: calls `row` for every current record the
 * principal may see in full, in id order (a non-zero return stops with
 * CG_IO), and collects into *flags (may be NULL) one flag per person and
 * owner agency of records the principal may not see but whose owner set a
 * flag contact. `recipients` names who receives it (NULL: the principal's
 * own agency). One "disclosure" audit entry naming the records is written
 * before the first row.
 */
enum cg_status cg_link_export(struct cg_ctx *ctx, const char *recipients,
			      int (*row)(const struct cg_link_row *r, void *arg), void *arg,
			      size_t *written, struct cg_link_flags *flags,
			      struct cg_error *err);

#endif
