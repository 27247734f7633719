/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_intel.c - `cg intel ...` (cli layer): submit, read, search, approve
 * and review intelligence reports. The visibility rule and the audit log
 * live in model/intel.c; this file parses and prints.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "cli/cli.h"
#include "model/intel.h"
#include "base/banned.h"

/* "person:12,ocg:3" into subjects (at most max). */
static enum cg_status parse_subjects(const char *s, struct cg_intel_subject *out, size_t max,
				     size_t *n, struct cg_error *err)
{
	*n = 0;
	while (s && *s) {
		size_t len = strcspn(s, ",");
		if (*n == max)
			return cg_fail(err, CG_USAGE, "--subjects: more than %zu", max);
		if (cg_intel_subject_parse(s, len, &out[*n], err))
			return CG_USAGE;
		(*n)++;
		s += len + (s[len] == ',');
	}
	return CG_OK;
}

enum cg_status cmd_intel_add(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *text = NULL, *source = NULL, *assessment = NULL, *classification = NULL;
	const char *handling = NULL, *conditions = NULL, *compartments = NULL, *flag = NULL;
	const char *sanitised = NULL, *sanitised_class = NULL, *relates = NULL, *group = NULL;
	const char *subjects = NULL;
	const struct cli_opt opts[] = {
		{ "text", CLI_OPT_STRING, &text, NULL },
		{ "source", CLI_OPT_STRING, &source, NULL },
		{ "assessment", CLI_OPT_STRING, &assessment, NULL },
		{ "classification", CLI_OPT_STRING, &classification, NULL },
		{ "handling", CLI_OPT_STRING, &handling, NULL },
		{ "conditions", CLI_OPT_STRING, &conditions, NULL },
		{ "compartments", CLI_OPT_STRING, &compartments, NULL },
		{ "flag-contact", CLI_OPT_STRING, &flag, NULL },
		{ "sanitised", CLI_OPT_STRING, &sanitised, NULL },
		{ "sanitised-classification", CLI_OPT_STRING, &sanitised_class, NULL },
		{ "relates-to", CLI_OPT_STRING, &relates, NULL },
		{ "mopi-group", CLI_OPT_STRING, &group, NULL },
		{ "subjects", CLI_OPT_STRING, &subjects, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_intel_subject subs[CG_INTEL_SUBJECTS_MAX];
	struct cg_ctx *lib = NULL;
	uint64_t mopi = 0;
	size_t nsubs = 0;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK && group)
		rc = cli_parse_uint("mopi-group", group, 1, 4, &mopi, err);
	if (rc == CG_OK)
		rc = parse_subjects(subjects, subs, CG_INTEL_SUBJECTS_MAX, &nsubs, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	struct cg_intel_input in = {
		.text = text, .source_evaluation = source, .intel_assessment = assessment,
		.label = { classification, handling, conditions, compartments, flag },
		.sanitised_text = sanitised, .sanitised_classification = sanitised_class,
		.relates_to = relates, .mopi_group = (int)mopi, .subjects = subs,
		.nsubjects = nsubs,
	};
	rc = cg_intel_add(lib, &in, &id, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "intelligence report %" PRId64 " submitted for approval\n", id);
	return rc;
}

static void print_json(FILE *f, json_t *j)
{
	json_dumpf(j, f, JSON_INDENT(2));
	fputc('\n', f);
	json_decref(j);
}

/* One report's heading line: id, reference, agency, grading, dates, label. */
static void print_heading(FILE *f, const struct cg_intel *r)
{
	fprintf(f, "%-6" PRId64 " %s  %s  %s%s%s  relates to %s  [%s %s%s%s]%s%s\n", r->id,
		r->reference, r->owner_agency, r->source_evaluation, r->intel_assessment,
		r->handling_code, r->relates_to, r->classification, r->handling_code,
		r->handling_conditions[0] ? " " : "", r->handling_conditions,
		strcmp(r->status, "approved") ? "  " : "",
		strcmp(r->status, "approved") ? r->status : "");
}

static void print_detail(FILE *f, const struct cg_intel *r)
{
	print_heading(f, r);
	fprintf(f, "  %s%s\n", r->sanitised ? "(sanitised version) " : "", r->text);
	fprintf(f, "  subjects:");
	for (size_t i = 0; i < r->nsubjects; i++)
		fprintf(f, " %s:%" PRId64, r->subjects[i].kind, r->subjects[i].id);
	fprintf(f, "%s\n", r->nsubjects ? "" : " none");
	fprintf(f, "  submitted by %s on %.10s", r->submitted_by[0] ? r->submitted_by : "import",
		r->created_at);
	if (r->approved_at[0])
		fprintf(f, "; approved by %s on %.10s", r->approved_by, r->approved_at);
	if (r->decision_reason[0])
		fprintf(f, "; rejected by %s: %s", r->approved_by, r->decision_reason);
	fprintf(f, "\n  MoPI group %d, review by %s\n", r->mopi_group, r->review_date);
}

static void print_set(FILE *f, const char *format, const struct cg_intel_set *set)
{
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array(), *fl = json_array();
		for (size_t i = 0; i < set->nreports; i++)
			json_array_append_new(arr, cg_intel_json(&set->reports[i]));
		for (size_t i = 0; i < set->nflags; i++)
			json_array_append_new(fl, json_pack("{s:s, s:s, s:s}", "agency",
							    set->flags[i].agency_code, "agency_name",
							    set->flags[i].agency_name, "contact",
							    set->flags[i].contact));
		print_json(f, json_pack("{s:o, s:o}", "reports", arr, "flags", fl));
		return;
	}
	if (strcmp(format, "csv") == 0) {
		fprintf(f, "id,reference,owner_agency,source_evaluation,intel_assessment,"
			   "handling_code,relates_to,status,review_date,sanitised,text\n");
		for (size_t i = 0; i < set->nreports; i++) {
			const struct cg_intel *r = &set->reports[i];
			fprintf(f, "%" PRId64 ",", r->id);
			const char *texts[] = { r->reference, r->owner_agency, r->source_evaluation,
						r->intel_assessment, r->handling_code, r->relates_to,
						r->status, r->review_date,
						r->sanitised ? "yes" : "no" };
			for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
				cli_csv_field(f, texts[k], false);
			cli_csv_field(f, r->text, true);
		}
		return;
	}
	for (size_t i = 0; i < set->nreports; i++) {
		print_heading(f, &set->reports[i]);
		fprintf(f, "       %s%.200s%s\n", set->reports[i].sanitised ? "(sanitised) " : "",
			set->reports[i].text, strlen(set->reports[i].text) > 200 ? "..." : "");
	}
	for (size_t i = 0; i < set->nflags; i++)
		fprintf(f, "%s (%s) holds further information: contact %s\n",
			set->flags[i].agency_name, set->flags[i].agency_code, set->flags[i].contact);
	if (!set->nreports && !set->nflags)
		fprintf(f, "no reports\n");
}

enum cg_status cmd_intel_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct cg_ctx *lib = NULL;
	struct cg_intel r = { 0 };
	int64_t id = 0;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "report", "text,json", &id, &format,
						&lib, err);

	if (rc == CG_OK)
		rc = cg_intel_get(lib, id, &r, err);
	if (rc)
		return rc;
	if (format && strcmp(format, "json") == 0)
		print_json(ctx->out, cg_intel_json(&r));
	else
		print_detail(ctx->out, &r);
	cg_intel_release(&r);
	return CG_OK;
}

enum cg_status cmd_intel_search(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	const char *format = NULL, *source = NULL, *assessment = NULL, *subject = NULL;
	const char *agency = NULL, *from = NULL, *to = NULL, *status = NULL, *limit = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "source", CLI_OPT_STRING, &source, NULL },
		{ "assessment", CLI_OPT_STRING, &assessment, NULL },
		{ "subject", CLI_OPT_STRING, &subject, NULL },
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ "from", CLI_OPT_STRING, &from, NULL },
		{ "to", CLI_OPT_STRING, &to, NULL },
		{ "status", CLI_OPT_STRING, &status, NULL },
		{ "limit", CLI_OPT_STRING, &limit, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	struct cg_ctx *lib = NULL;
	struct cg_intel_set set = { 0 };
	struct cg_intel_filter f = { 0 };
	uint64_t lim = 0;
	size_t nsub = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	if (rc == CG_OK)
		rc = cli_parse_uint("limit", limit, 1, CG_INTEL_LIST_MAX, &lim, err);
	if (rc == CG_OK)
		rc = parse_subjects(subject, &f.subject, 1, &nsub, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	f.text = n ? pos[0] : NULL;
	f.sources = source;
	f.assessments = assessment;
	f.owner_agency = agency;
	f.from = from;
	f.to = to;
	f.status = status;
	f.limit = (size_t)lim;
	rc = cg_intel_search(lib, &f, &set, err);
	if (rc == CG_OK)
		print_set(ctx->out, format ? format : "text", &set);
	cg_intel_set_release(&set);
	return rc;
}

enum cg_status cmd_intel_due(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL, *by = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "by", CLI_OPT_STRING, &by, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char today[CG_DATE_ISO_SIZE];
	struct cg_ctx *lib = NULL;
	struct cg_intel_set set = { 0 };
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	cg_date_format_iso(cg_date_from_days(cg_now() / 86400), today);
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_intel_due(lib, by ? by : today, &set, err);
	if (rc == CG_OK)
		print_set(ctx->out, format ? format : "text", &set);
	cg_intel_set_release(&set);
	return rc;
}

/* approve, reject, review: one report id and a decision. */
static enum cg_status decision(struct cli_ctx *ctx, int argc, char **argv, const char *verb,
			       struct cg_error *err)
{
	const char *why = NULL;
	bool retain = false, erase = false;
	const struct cli_opt opts[] = {
		{ "why", CLI_OPT_STRING, &why, NULL },
		{ "retain", CLI_OPT_FLAG, NULL, &retain },
		{ "erase", CLI_OPT_FLAG, NULL, &erase },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	int n = 0;
	bool review = strcmp(verb, "review") == 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one report id");
	if (rc == CG_OK)
		rc = cli_parse_id("report", pos[0], &id, err);
	if (rc == CG_OK && review && retain == erase)
		rc = cg_fail(err, CG_USAGE, "give --retain or --erase");
	if (rc == CG_OK && !review && (retain || erase))
		rc = cg_fail(err, CG_USAGE, "--retain and --erase are for 'intel review'");
	if (rc == CG_OK && strcmp(verb, "approve") != 0 && !why)
		rc = cg_fail(err, CG_USAGE, "give the reason with --why");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	if (review)
		rc = cg_intel_review(lib, id, erase, why, err);
	else if (strcmp(verb, "approve") == 0)
		rc = cg_intel_approve(lib, id, err);
	else
		rc = cg_intel_reject(lib, id, why, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "intelligence report %" PRId64 " %s\n", id,
			review ? (erase ? "erased" : "retained") : strcmp(verb, "approve") == 0 ? "approved" : "rejected");
	return rc;
}

enum cg_status cmd_intel_approve(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	return decision(ctx, argc, argv, "approve", err);
}

enum cg_status cmd_intel_reject(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	return decision(ctx, argc, argv, "reject", err);
}

enum cg_status cmd_intel_review(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	return decision(ctx, argc, argv, "review", err);
}
