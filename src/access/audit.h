/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit.h - the append-only, hash-chained audit log (access layer).
 *
 * Data Protection Act 2018 section 62: collection, alteration, consultation,
 * disclosure (including transfers and exports), combination and erasure are
 * logged; consultation and disclosure entries let one establish the
 * justification, the date and time, the identity of the person and the
 * recipients. Every entry names the records it touched.
 *
 * Each entry's hash is BLAKE2b-256 over the previous entry's hash and the
 * entry's canonical content (docs/security.md gives the exact encoding), so
 * altering, removing, inserting or reordering entries breaks the chain and
 * cg_audit_verify names the first entry where it breaks. Triggers in the
 * schema refuse UPDATE and DELETE on the audit tables; the chain head can be
 * exported (cg_audit_head) and countersigned elsewhere, which also catches
 * removal of the newest entries.
 */
#ifndef CG_ACCESS_AUDIT_H
#define CG_ACCESS_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"

enum cg_audit_op {
	CG_AUDIT_COLLECTION,
	CG_AUDIT_ALTERATION,
	CG_AUDIT_CONSULTATION,
	CG_AUDIT_DISCLOSURE,
	CG_AUDIT_COMBINATION,
	CG_AUDIT_ERASURE,
	CG_AUDIT_ADMINISTRATION,  /* agencies, users, roles, policies */
	CG_AUDIT_AUTHENTICATION,  /* logins, failures, lockouts, logouts */
	CG_AUDIT_OP_COUNT
};

/* "collection", "consultation", ... as stored. */
const char *cg_audit_op_name(enum cg_audit_op op);

/* One record touched: kind is the table's name ("source_record",
 * "intel_report", "person", "app_user", ...). */
struct cg_audit_ref {
	const char *kind;
	int64_t id;
};

struct cg_audit_event {
	enum cg_audit_op op;
	const struct cg_audit_ref *records; /* may be NULL when nrecords is 0 */
	size_t nrecords;
	const char *detail;     /* what was done, e.g. "record list --agency MPS"; never a secret */
	const char *recipients; /* disclosure: who received it; NULL otherwise */
};

/*
 * Appends one entry as ctx's principal with ctx's justification, inside its
 * own (nested) transaction, so a caller that writes data wraps both in one
 * transaction and neither lands without the other. Reads the current chain
 * head inside that transaction, so concurrent writers cannot fork the
 * chain. Returns the new entry's sequence number in *seq (may be NULL).
 */
enum cg_status cg_audit_append(struct cg_ctx *ctx, const struct cg_audit_event *ev,
			       int64_t *seq, struct cg_error *err);

/*
 * Ends a write transaction the caller began with cg_store_begin: when rc is
 * CG_OK, appends `ev` and commits, so the change and its entry land
 * together; otherwise, or when either step fails, rolls back. Returns the
 * final status (rc itself when it was already a failure).
 */
enum cg_status cg_audit_commit(struct cg_ctx *ctx, const struct cg_audit_event *ev,
			       enum cg_status rc, struct cg_error *err);

/*
 * As cg_audit_append for an actor that has no context: a failed login
 * (user_id 0 and the username as typed), or the bootstrap. Strings are
 * copied into the entry; agency_code "-" when there is no agency.
 */
enum cg_status cg_audit_append_as(struct cg_store *st, int64_t user_id,
				  const char *username, const char *agency_code,
				  const char *justification,
				  const struct cg_audit_event *ev, int64_t *seq,
				  struct cg_error *err);

/* The newest entry: its sequence number (0 when the log is empty) and hash
 * as 64 lowercase hex digits (the genesis value when empty). */
enum cg_status cg_audit_head(struct cg_store *st, int64_t *seq, char hash_hex[65],
			     struct cg_error *err);

struct cg_audit_verify_result {
	int64_t entries;      /* entries checked */
	int64_t first_bad;    /* sequence number of the first bad entry; 0 if none */
	char reason[256];     /* why it is bad */
};

/*
 * Walks the whole chain in sequence order and recomputes every hash.
 * CG_OK when intact; CG_TAMPERED with res->first_bad and res->reason naming
 * the first entry that was altered, or where entries were removed, inserted
 * or reordered. When `expect_seq` > 0, also checks that the entry with that
 * number exists with hash `expect_hash` (an exported, countersigned head),
 * which catches the newest entries being cut off.
 */
enum cg_status cg_audit_verify(struct cg_store *st, int64_t expect_seq,
			       const char *expect_hash,
			       struct cg_audit_verify_result *res, struct cg_error *err);

#endif
