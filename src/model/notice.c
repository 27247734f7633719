/* SPDX-License-Identifier: GPL-3.0-or-later */
/* notice.c - reading retraction notices (model layer). */
#include "model/notice.h"

#include <stdio.h>
#include <string.h>

#include "access/audit.h"
#include "store/queries.h"
#include "base/banned.h"

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

enum cg_status cg_notice_list(struct cg_ctx *ctx, struct cg_notice *out, size_t max,
			      size_t *n, struct cg_error *err)
{
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, NULL, 0, "notices list", NULL };
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	*n = 0;
	if (ctx->who.agency_id == 0)
		return CG_OK;
	rc = cg_store_prepare_query(ctx->store, CG_Q_NOTICE_LIST, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, ctx->who.agency_code);
		cg_stmt_bind_int64(s, 2, (int64_t)max);
	}
	while (rc == CG_OK && *n < max && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_notice *o = &out[(*n)++];
		o->id = cg_stmt_int64(s, 0);
		COPY(o->record_kind, cg_stmt_text(s, 1));
		o->record_id = cg_stmt_int64(s, 2);
		COPY(o->owner_code, cg_stmt_text(s, 3));
		COPY(o->owner_name, cg_stmt_text(s, 4));
		COPY(o->owner_contact, cg_stmt_text(s, 5));
		COPY(o->kind, cg_stmt_text(s, 6));
		COPY(o->reason, cg_stmt_text(s, 7));
		COPY(o->created_at, cg_stmt_text(s, 8));
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_audit_append(ctx, &ev, NULL, err);
	return rc;
}
