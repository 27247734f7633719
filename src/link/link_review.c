/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_review.c - the review queue of entity resolution: listing the open
 * items an analyst may decide, and deciding one (link capability layer).
 *
 * A run leaves pairs it could not decide in link_review (link_write.c);
 * this file hands them to the front ends that show them side by side. The
 * visibility rule applies to both records of a pair, exactly as for
 * cg_link_explain and cg_link_decide: an item with a record the principal
 * may not see in full does not exist for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/vec.h"
#include "link/link.h"
#include "link/link_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of LINK_REVIEW_OPEN and LINK_REVIEW_OPEN_BY_ID. */
enum { RV_ID, RV_A, RV_B, RV_WEIGHT, RV_KIND, RV_DETAIL, RV_CREATED };

/* Reads the current row into *it and checks both records; *visible false
 * (and nothing else) when the principal may not see one of them in full. */
static enum cg_status read_item(struct cg_ctx *ctx, struct cg_stmt *s,
				struct cg_link_review_item *it, bool *visible,
				struct cg_error *err)
{
	struct cg_error ignored = CG_ERROR_INIT;
	enum cg_status rc;

	memset(it, 0, sizeof(*it));
	it->id = cg_stmt_int64(s, RV_ID);
	it->record_a = cg_stmt_int64(s, RV_A);
	it->record_b = cg_stmt_int64(s, RV_B);
	it->weight = cg_stmt_double(s, RV_WEIGHT);
	snprintf(it->kind, sizeof(it->kind), "%s", cg_stmt_text(s, RV_KIND));
	snprintf(it->detail, sizeof(it->detail), "%s", cg_stmt_text(s, RV_DETAIL));
	snprintf(it->created_at, sizeof(it->created_at), "%s", cg_stmt_text(s, RV_CREATED));
	*visible = false;
	rc = link_visible_record(ctx, it->record_a, &it->person_a, &ignored);
	if (rc == CG_OK)
		rc = link_visible_record(ctx, it->record_b, &it->person_b, &ignored);
	if (rc == CG_NOT_FOUND)
		return CG_OK;
	if (rc)
		return cg_fail(err, rc, "%s", ignored.message);
	*visible = true;
	return CG_OK;
}

enum cg_status cg_link_review_list(struct cg_ctx *ctx, int64_t after, size_t limit,
				   struct cg_link_review_item **out, size_t *n,
				   struct cg_error *err)
{
	CG_VEC(struct cg_link_review_item) items = CG_VEC_INIT;
	struct cg_audit_ref *refs = NULL;
	enum cg_status rc;

	*out = NULL;
	*n = 0;
	if (limit == 0)
		limit = CG_LINK_REVIEW_LIST_DEFAULT;
	if (limit > CG_LINK_REVIEW_LIST_MAX)
		limit = CG_LINK_REVIEW_LIST_MAX;
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR, "link review", err);
	/* The statement is handed back before the next page: the visibility
	 * checks inside the loop run queries of their own. */
	while (rc == CG_OK && items.len < limit) {
		struct cg_stmt *s = NULL;
		size_t seen = 0;
		bool row = false;
		rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_REVIEW_OPEN, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, after);
		while (items.len < limit && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			struct cg_link_review_item it;
			bool visible = false;
			seen++;
			after = cg_stmt_int64(s, RV_ID);
			rc = read_item(ctx, s, &it, &visible, err);
			if (rc)
				break;
			if (visible)
				cg_vec_push(&items, it);
		}
		cg_stmt_done(s);
		if (seen < 500)
			break;
	}
	if (rc == CG_OK) {
		refs = cg_xcalloc(items.len ? 2 * items.len : 1, sizeof(*refs));
		for (size_t i = 0; i < items.len; i++) {
			refs[2 * i] = (struct cg_audit_ref){ "source_record", items.items[i].record_a };
			refs[2 * i + 1] = (struct cg_audit_ref){ "source_record", items.items[i].record_b };
		}
		struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, 2 * items.len,
					     "link review list", NULL };
		rc = cg_audit_append(ctx, &ev, NULL, err);
	}
	free(refs);
	if (rc) {
		cg_vec_release(&items);
		return rc;
	}
	*out = items.items;
	*n = items.len;
	return CG_OK;
}

/* Loads open item `id` if the principal sees both its records. */
static enum cg_status open_item(struct cg_ctx *ctx, int64_t id, struct cg_link_review_item *it,
				struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, visible = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_REVIEW_OPEN_BY_ID, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = read_item(ctx, s, it, &visible, err);
	cg_stmt_done(s);
	if (rc == CG_OK && !visible)
		rc = cg_fail(err, CG_NOT_FOUND, "review item %lld: not found or already decided",
			     (long long)id);
	return rc;
}

enum cg_status cg_link_review_decide(struct cg_ctx *ctx, int64_t item, enum cg_link_decision d,
				     int64_t record, const char *why, struct cg_error *err)
{
	struct cg_link_review_item it;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR, "link review", err);
	/* asked before anything is read, as `cg link confirm` asks for --why */
	if (rc == CG_OK && (!why || !*why))
		rc = cg_fail(err, CG_INVALID, "reason: say why the pair is decided so");
	if (rc == CG_OK && d != CG_LINK_CONFIRM && d != CG_LINK_REJECT && d != CG_LINK_SPLIT)
		rc = cg_fail(err, CG_INVALID, "decision: a review item is confirmed, rejected or split");
	if (rc == CG_OK)
		rc = open_item(ctx, item, &it, err);
	if (rc == CG_OK && d == CG_LINK_SPLIT && record != it.record_a && record != it.record_b)
		rc = cg_fail(err, CG_INVALID, "record: split one of the item's records, %lld or %lld",
			     (long long)it.record_a, (long long)it.record_b);
	if (rc)
		return rc;
	rc = cg_store_begin(ctx->store, err);
	if (rc)
		return rc;
	if (d == CG_LINK_SPLIT)
		rc = cg_link_decide(ctx, d, record, 0, why, err);
	else
		rc = cg_link_decide(ctx, d, it.record_a, it.record_b, why, err);
	/* cg_link_decide closes the pair's items for confirm and reject; a
	 * split of one of its records settles the item too. */
	if (rc == CG_OK && d == CG_LINK_SPLIT)
		rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_REVIEW_DECIDED, &s, err);
	if (rc == CG_OK && d == CG_LINK_SPLIT) {
		cg_stmt_bind_int64(s, 1, it.record_a);
		cg_stmt_bind_int64(s, 2, it.record_b);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	if (rc == CG_OK)
		rc = cg_store_commit(ctx->store, err);
	else
		cg_store_rollback(ctx->store);
	return rc;
}
