/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audit_report.c - audit reports (access layer). See audit_report.h. */
#include "access/audit_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "store/queries.h"
#include "base/banned.h"

#define REPORT_PAGE 1000

static const char *const report_names[] = { "consulted", "subject", "record", "user" };

static bool is_auditor(const struct cg_ctx *ctx)
{
	return cg_principal_has_role(&ctx->who, CG_ROLE_AUDITOR);
}

static enum cg_status authorise(const struct cg_ctx *ctx, enum cg_audit_report_kind kind,
				const char *key, struct cg_error *err)
{
	bool ok = is_auditor(ctx);

	if (kind == CG_REPORT_CONSULTED)
		ok = ok || (strcmp(ctx->who.agency_code, key) == 0 &&
			    (cg_principal_has_role(&ctx->who, CG_ROLE_SUPERVISOR) ||
			     cg_principal_has_role(&ctx->who, CG_ROLE_ADMIN)));
	if (kind == CG_REPORT_USER)
		ok = ok || strcmp(ctx->who.username, key) == 0;
	if (!ok)
		return cg_fail(err, CG_DENIED, "audit %s: user %s may not run this report",
			       report_names[kind], ctx->who.username);
	return CG_OK;
}

static enum cg_status parse_key_id(const char *key, int64_t *id, struct cg_error *err)
{
	char *end = NULL;
	long long v;
	errno = 0;
	v = strtoll(key, &end, 10);
	if (!*key || *end || errno || v <= 0)
		return cg_fail(err, CG_INVALID, "'%.40s' is not an id", key);
	*id = v;
	return CG_OK;
}

enum cg_status cg_audit_report(struct cg_ctx *ctx, enum cg_audit_report_kind kind,
			       const char *key,
			       int (*fn)(const struct cg_audit_row *row, void *arg), void *arg,
			       struct cg_error *err)
{
	static const enum cg_query queries[] = { CG_Q_REPORT_CONSULTED, CG_Q_REPORT_SUBJECT,
						 CG_Q_REPORT_RECORD, CG_Q_REPORT_USER };
	char detail[160];
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, NULL, 0, detail, NULL };
	int64_t id = 0, after = 0;
	bool stop = false;
	enum cg_status rc;

	CG_ASSERT((unsigned)kind < sizeof(queries) / sizeof(queries[0]));
	if (!key || !*key)
		return cg_fail(err, CG_INVALID, "audit %s: say what to report on", report_names[kind]);
	rc = authorise(ctx, kind, key, err);
	if (rc == CG_OK && (kind == CG_REPORT_SUBJECT || kind == CG_REPORT_RECORD))
		rc = parse_key_id(key, &id, err);
	if (rc)
		return rc;
	snprintf(detail, sizeof(detail), "audit %s %.100s", report_names[kind], key);
	rc = cg_audit_append(ctx, &ev, NULL, err);

	/* Pages by sequence number, so the statement is never held open
	 * across the callback for long and memory stays flat. */
	while (rc == CG_OK && !stop) {
		struct cg_stmt *s = NULL;
		bool row = false;
		int64_t seen = 0;
		rc = cg_store_prepare_query(ctx->store, queries[kind], &s, err);
		if (rc)
			break;
		if (id)
			cg_stmt_bind_int64(s, 1, id);
		else
			cg_stmt_bind_str(s, 1, key);
		cg_stmt_bind_int64(s, 2, after);
		cg_stmt_bind_int64(s, 3, REPORT_PAGE);
		while (!stop && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			struct cg_audit_row r = {
				cg_stmt_int64(s, 0), cg_stmt_text(s, 1), cg_stmt_text(s, 2),
				cg_stmt_text(s, 3), cg_stmt_text(s, 4), cg_stmt_text(s, 5),
				cg_stmt_text(s, 6), cg_stmt_text(s, 7), cg_stmt_int64(s, 8),
			};
			after = r.seq;
			seen++;
			stop = fn(&r, arg) != 0;
		}
		cg_stmt_done(s);
		if (seen < REPORT_PAGE)
			break;
	}
	return rc;
}
