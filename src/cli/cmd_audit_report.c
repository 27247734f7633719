/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_audit_report.c - `cg audit consulted|subject|record|user` (cli
 * layer): the audit log's reports, printed as text, CSV or JSON.
 */
#include <inttypes.h>
#include <jansson.h>
#include <string.h>

#include "access/audit_report.h"
#include "cli/cli.h"
#include "base/banned.h"

struct report_out {
	FILE *f;
	const char *format;
	json_t *rows;
	int64_t count;
};

static int print_row(const struct cg_audit_row *r, void *arg)
{
	struct report_out *o = arg;
	o->count++;
	if (strcmp(o->format, "json") == 0) {
		json_array_append_new(o->rows,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "seq",
				  (json_int_t)r->seq, "at", r->at, "user", r->username, "agency",
				  r->agency_code, "operation", r->operation, "justification",
				  r->justification, "recipients", r->recipients, "detail", r->detail,
				  "records", (json_int_t)r->nrecords));
	} else if (strcmp(o->format, "csv") == 0) {
		const char *texts[] = { r->at, r->username, r->agency_code, r->operation,
					r->justification, r->recipients, r->detail };
		fprintf(o->f, "%" PRId64 ",", r->seq);
		for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
			cli_csv_field(o->f, texts[i], false);
		fprintf(o->f, "%" PRId64 "\n", r->nrecords);
	} else {
		fprintf(o->f, "%-7" PRId64 " %s  %s (%s)  %s of %" PRId64 " record%s", r->seq, r->at,
			r->username, r->agency_code, r->operation, r->nrecords,
			r->nrecords == 1 ? "" : "s");
		if (r->justification[0])
			fprintf(o->f, "  why: %s", r->justification);
		if (r->recipients[0])
			fprintf(o->f, "  to: %s", r->recipients);
		if (r->detail[0])
			fprintf(o->f, "  [%s]", r->detail);
		fputc('\n', o->f);
	}
	return 0;
}

static enum cg_status run_report(struct cli_ctx *ctx, int argc, char **argv,
				 enum cg_audit_report_kind kind, struct cg_error *err)
{
	const char *format = NULL, *agency = NULL;
	const struct cli_opt with_agency[] = {
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	const struct cli_opt plain[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	bool by_agency = kind == CG_REPORT_CONSULTED;
	char *pos[1] = { NULL };
	struct report_out o = { ctx->out, NULL, NULL, 0 };
	struct cg_ctx *lib = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, by_agency ? with_agency : plain, pos,
					      by_agency ? 0 : 1, &n, err);

	if (rc == CG_OK && by_agency && !agency)
		rc = cg_fail(err, CG_USAGE, "give the agency: --agency CODE");
	if (rc == CG_OK && !by_agency && n != 1)
		rc = cg_fail(err, CG_USAGE, "say what to report on");
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	o.format = format ? format : "text";
	if (strcmp(o.format, "json") == 0)
		o.rows = json_array();
	if (strcmp(o.format, "csv") == 0)
		fprintf(o.f, "seq,at,user,agency,operation,justification,recipients,detail,records\n");
	rc = cg_audit_report(lib, kind, by_agency ? agency : pos[0], print_row, &o, err);
	if (rc == CG_OK && o.rows) {
		json_dumpf(o.rows, o.f, JSON_INDENT(2));
		fputc('\n', o.f);
	}
	if (rc == CG_OK && o.count == 0 && strcmp(o.format, "text") == 0)
		fprintf(o.f, "no entries\n");
	json_decref(o.rows);
	return rc;
}

enum cg_status cmd_audit_consulted(struct cli_ctx *ctx, int argc, char **argv,
				   struct cg_error *err)
{
	return run_report(ctx, argc, argv, CG_REPORT_CONSULTED, err);
}

enum cg_status cmd_audit_subject(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	return run_report(ctx, argc, argv, CG_REPORT_SUBJECT, err);
}

enum cg_status cmd_audit_record(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	return run_report(ctx, argc, argv, CG_REPORT_RECORD, err);
}

enum cg_status cmd_audit_user(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return run_report(ctx, argc, argv, CG_REPORT_USER, err);
}
