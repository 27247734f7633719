/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * audit_report.h - reading the audit log: who saw what, and why (access
 * layer).
 *
 * The owner's view that builds trust — who outside my agency consulted my
 * intelligence, when and why — and the auditor's views by data subject,
 * record and user. Running a report is itself logged (a consultation entry
 * naming the report) before any row is handed out.
 *
 * Who may run what:
 *   consulted AGENCY   an auditor, or a supervisor or admin of AGENCY
 *   subject, record    an auditor
 *   user USERNAME      an auditor, or that user
 */
#ifndef CG_ACCESS_AUDIT_REPORT_H
#define CG_ACCESS_AUDIT_REPORT_H

#include <stdint.h>

#include "access/context.h"

enum cg_audit_report_kind {
	CG_REPORT_CONSULTED, /* key: agency code */
	CG_REPORT_SUBJECT,   /* key: person id */
	CG_REPORT_RECORD,    /* key: source record id */
	CG_REPORT_USER,      /* key: username */
};

/* One audit entry in a report; strings borrowed for the callback's duration. */
struct cg_audit_row {
	int64_t seq;
	const char *at;
	const char *username;
	const char *agency_code;
	const char *operation;
	const char *justification; /* "" when none */
	const char *recipients;    /* "" when none */
	const char *detail;        /* "" when none */
	int64_t nrecords;          /* records of the entry the report is about */
};

/*
 * Runs a report, calling fn for each entry in sequence order; a non-zero
 * return from fn stops it. CG_DENIED for a principal the table above does
 * not admit; CG_INVALID for a malformed key.
 */
enum cg_status cg_audit_report(struct cg_ctx *ctx, enum cg_audit_report_kind kind,
			       const char *key,
			       int (*fn)(const struct cg_audit_row *row, void *arg), void *arg,
			       struct cg_error *err);

#endif
