/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_audit.c - the audit log for auditors over HTTP (http layer): the
 * reports of access/audit_report.h (who consulted an agency's records, and
 * everything about one person, record or user), as `cg audit consulted|
 * subject|record|user` print them in JSON, and the chain's verification
 * as `cg audit verify` does it. Who may run a report is the library's
 * rule; running one is itself logged before any row is handed out.
 */
#include <inttypes.h>
#include <stdio.h>

#include "access/audit.h"
#include "access/audit_report.h"
#include "http/http_internal.h"
#include "base/banned.h"

/* Rows one answer holds at most; the rest is left off with "truncated". */
#define AUDIT_ROWS_MAX 10000

struct rows {
	json_t *arr;
	bool truncated;
};

static int add_row(const struct cg_audit_row *r, void *arg)
{
	struct rows *o = arg;
	if (json_array_size(o->arr) >= AUDIT_ROWS_MAX) {
		o->truncated = true;
		return 1;
	}
	json_array_append_new(o->arr,
		json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "seq", (json_int_t)r->seq,
			  "at", r->at, "user", r->username, "agency", r->agency_code, "operation",
			  r->operation, "justification", r->justification, "recipients",
			  r->recipients, "detail", r->detail, "records", (json_int_t)r->nrecords));
	return 0;
}

static enum cg_status report(struct http_call *c, enum cg_audit_report_kind kind,
			     const char *key, struct cg_error *err)
{
	struct rows o = { json_array(), false };
	enum cg_status rc = cg_audit_report(&c->ctx, kind, key, add_row, &o, err);

	if (rc) {
		json_decref(o.arr);
		return rc;
	}
	return http_reply(c, 200, json_pack("{s:o, s:b}", "entries", o.arr, "truncated",
					    o.truncated));
}

HTTP_HANDLER(h_audit_consulted)
{
	const char *agency = http_query(c, "agency");
	if (!agency || !*agency)
		return http_fail_field(c, "agency", CG_INVALID, err, "agency: required");
	return report(c, CG_REPORT_CONSULTED, agency, err);
}

static enum cg_status by_id(struct http_call *c, enum cg_audit_report_kind kind,
			    struct cg_error *err)
{
	char key[24];
	snprintf(key, sizeof(key), "%" PRId64, c->id);
	return report(c, kind, key, err);
}

HTTP_HANDLER(h_audit_subject)
{
	return by_id(c, CG_REPORT_SUBJECT, err);
}

HTTP_HANDLER(h_audit_record)
{
	return by_id(c, CG_REPORT_RECORD, err);
}

HTTP_HANDLER(h_audit_user)
{
	return report(c, CG_REPORT_USER, c->name, err);
}

/*
 * An intact chain and a broken one are both answers to the auditor's
 * question, so both are 200: {"intact": true, "entries", "head": {"seq",
 * "hash"}} or {"intact": false, "entries", "first_bad", "reason"}.
 */
HTTP_HANDLER(h_audit_verify)
{
	struct cg_audit_verify_result res = { 0 };
	int64_t seq = 0;
	char hash[65] = "";
	enum cg_status rc = cg_audit_head(c->store, &seq, hash, err);

	/* A damaged head is left for the walk to describe (as the CLI does). */
	if (rc != CG_OK && rc != CG_TAMPERED)
		return rc;
	cg_error_clear(err);
	rc = cg_audit_verify(c->store, 0, NULL, &res, err);
	if (rc == CG_TAMPERED)
		return http_reply(c, 200, json_pack("{s:b, s:I, s:I, s:s}", "intact", 0, "entries",
						    (json_int_t)res.entries, "first_bad",
						    (json_int_t)res.first_bad, "reason", res.reason));
	if (rc)
		return rc;
	return http_reply(c, 200, json_pack("{s:b, s:I, s:{s:I, s:s}}", "intact", 1, "entries",
					    (json_int_t)res.entries, "head", "seq", (json_int_t)seq,
					    "hash", hash));
}
