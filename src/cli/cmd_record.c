/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_record.c - `cg record ...`, `cg export records` and `cg notices`
 * (cli layer): source records through the trust layer. Every read goes
 * through model/record.h, which applies the visibility rule and writes the
 * audit entry; this file only parses and prints.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/notice.h"
#include "model/record.h"
#include "base/banned.h"

/* Prints records and flags in the chosen format. */
static void print_set(FILE *f, const char *format, const struct cg_record *recs, size_t n,
		      const struct cg_flag *flags, size_t nflags)
{
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array(), *fl = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, cg_record_json(&recs[i]));
		for (size_t i = 0; i < nflags; i++)
			json_array_append_new(fl, json_pack("{s:s, s:s, s:s}", "agency",
							    flags[i].agency_code, "agency_name",
							    flags[i].agency_name, "contact",
							    flags[i].contact));
		json_t *o = json_pack("{s:o, s:o}", "records", arr, "flags", fl);
		json_dumpf(o, f, JSON_INDENT(2));
		fputc('\n', f);
		json_decref(o);
		return;
	}
	if (strcmp(format, "csv") == 0) {
		fprintf(f, "id,owner_agency,source_system,source_record_id,surname,forenames,dob,"
			   "classification,handling_code,subject_category,statement_basis\n");
		for (size_t i = 0; i < n; i++) {
			const struct cg_record *r = &recs[i];
			const char *texts[] = { r->owner_agency, r->source_system, r->source_record_id,
						r->surname, r->forenames, r->dob, r->classification,
						r->handling_code, r->subject_category };
			fprintf(f, "%" PRId64 ",", r->id);
			for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
				cli_csv_field(f, texts[k], false);
			cli_csv_field(f, r->statement_basis, true);
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct cg_record *r = &recs[i];
		fprintf(f, "%-8" PRId64 " %-8s %s/%s  %s, %s  %s  [%s %s%s%s] %s, %s%s%s\n", r->id,
			r->owner_agency, r->source_system, r->source_record_id, r->surname,
			r->forenames, r->dob[0] ? r->dob : "-", r->classification, r->handling_code,
			r->handling_conditions[0] ? " " : "", r->handling_conditions,
			r->subject_category, r->statement_basis, r->restricted ? " RESTRICTED" : "",
			r->withdrawn ? " WITHDRAWN" : "");
	}
	for (size_t i = 0; i < nflags; i++)
		fprintf(f, "%s (%s) holds further information: contact %s\n",
			flags[i].agency_name, flags[i].agency_code, flags[i].contact);
}

/* One record as text with its identifiers, one per line. */
static void print_record_detail(FILE *f, const struct cg_record *r)
{
	print_set(f, "text", r, 1, NULL, 0);
	for (size_t i = 0; i < r->nidentifiers; i++)
		fprintf(f, "  %-14s %s%s\n", r->identifiers[i].kind, r->identifiers[i].value_raw,
			r->identifiers[i].value_norm ? "" : "  (not a valid identifier)");
}

enum cg_status cmd_record_add(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *system = NULL, *rid = NULL, *forenames = NULL, *surname = NULL, *dob = NULL;
	const char *sex = NULL, *classification = NULL, *handling = NULL, *conditions = NULL;
	const char *compartments = NULL, *flag = NULL, *category = NULL, *basis = NULL;
	const char *pnc = NULL, *cro = NULL, *prison = NULL, *crn = NULL;
	const struct cli_opt opts[] = {
		{ "system", CLI_OPT_STRING, &system, NULL },
		{ "id", CLI_OPT_STRING, &rid, NULL },
		{ "forenames", CLI_OPT_STRING, &forenames, NULL },
		{ "surname", CLI_OPT_STRING, &surname, NULL },
		{ "dob", CLI_OPT_STRING, &dob, NULL },
		{ "sex", CLI_OPT_STRING, &sex, NULL },
		{ "classification", CLI_OPT_STRING, &classification, NULL },
		{ "handling", CLI_OPT_STRING, &handling, NULL },
		{ "conditions", CLI_OPT_STRING, &conditions, NULL },
		{ "compartments", CLI_OPT_STRING, &compartments, NULL },
		{ "flag-contact", CLI_OPT_STRING, &flag, NULL },
		{ "category", CLI_OPT_STRING, &category, NULL },
		{ "basis", CLI_OPT_STRING, &basis, NULL },
		{ "pnc", CLI_OPT_STRING, &pnc, NULL },
		{ "cro", CLI_OPT_STRING, &cro, NULL },
		{ "prison-number", CLI_OPT_STRING, &prison, NULL },
		{ "crn", CLI_OPT_STRING, &crn, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_identifier ids[4];
	struct cg_ctx *lib = NULL;
	size_t nids = 0;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc)
		return rc;
	const char *values[] = { pnc, cro, prison, crn };
	const char *kinds[] = { "pnc", "cro", "prison_number", "crn" };
	for (size_t i = 0; i < 4; i++)
		if (values[i])
			ids[nids++] = (struct cg_identifier){ (char *)kinds[i], (char *)values[i],
							      NULL, true };
	struct cg_record_input in = {
		system, rid, forenames, surname, dob, sex, classification, handling, conditions,
		compartments, flag, category, basis, ids, nids,
	};
	rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_record_add(lib, &in, &id, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "record %" PRId64 " added\n", id);
	return rc;
}

enum cg_status cmd_record_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cg_ctx *lib = NULL;
	struct cg_record r = { 0 };
	int64_t id = 0;
	const char *format = NULL;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "record", "text,json", &id, &format,
						&lib, err);
	bool json = format && strcmp(format, "json") == 0;

	if (rc == CG_OK)
		rc = cg_record_get(lib, id, &r, err);
	if (rc)
		return rc;
	if (json) {
		json_t *j = cg_record_json(&r);
		json_dumpf(j, ctx->out, JSON_INDENT(2));
		fputc('\n', ctx->out);
		json_decref(j);
	} else {
		print_record_detail(ctx->out, &r);
	}
	cg_record_release(&r);
	return CG_OK;
}

/* list, search: one filter, one printer. */
static enum cg_status list_like(struct cli_ctx *ctx, int argc, char **argv, bool search,
				struct cg_error *err)
{
	const char *format = NULL, *agency = NULL, *limit = NULL, *offset = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ "limit", CLI_OPT_STRING, &limit, NULL },
		{ "offset", CLI_OPT_STRING, &offset, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	struct cg_ctx *lib = NULL;
	struct cg_record_set set = { 0 };
	struct cg_record_filter f = { 0 };
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, search ? 1 : 0, &n, err);

	if (rc == CG_OK && search && n != 1)
		rc = cg_fail(err, CG_USAGE, "give the name to search for");
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	uint64_t lim = 0, off = 0;
	if (rc == CG_OK)
		rc = cli_parse_uint("limit", limit, 1, CG_RECORD_LIST_MAX, &lim, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("offset", offset, 0, UINT32_MAX, &off, err);
	f.limit = (size_t)lim;
	f.offset = (size_t)off;
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	f.owner_agency = agency;
	f.name = search ? pos[0] : NULL;
	if (rc == CG_OK)
		rc = search ? cg_record_search(lib, &f, &set, err) : cg_record_list(lib, &f, &set, err);
	if (rc == CG_OK)
		print_set(ctx->out, format ? format : "text", set.records, set.nrecords, set.flags,
			  set.nflags);
	cg_record_set_release(&set);
	return rc;
}

enum cg_status cmd_record_list(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return list_like(ctx, argc, argv, false, err);
}

enum cg_status cmd_record_search(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return list_like(ctx, argc, argv, true, err);
}

enum cg_status cmd_record_count(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *agency = NULL;
	const struct cli_opt opts[] = {
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_ctx *lib = NULL;
	struct cg_record_filter f = { 0 };
	int64_t count = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	f.owner_agency = agency;
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_record_count(lib, &f, &count, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "%" PRId64 "\n", count);
	return rc;
}

/* restrict, release, withdraw: one record id and the owner's decision. */
static enum cg_status owner_change(struct cli_ctx *ctx, int argc, char **argv,
				   const char *verb, struct cg_error *err)
{
	const char *reason = NULL;
	const struct cli_opt opts[] = {
		{ "why", CLI_OPT_STRING, &reason, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	size_t told = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one record id");
	if (rc == CG_OK)
		rc = cli_parse_id("record", pos[0], &id, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	if (strcmp(verb, "withdraw") == 0) {
		rc = cg_record_withdraw(lib, id, reason ? reason : ctx->reason, &told, err);
		if (rc == CG_OK)
			fprintf(ctx->out, "record %" PRId64 " withdrawn; %zu agencies notified\n", id,
				told);
		return rc;
	}
	rc = cg_record_restrict(lib, id, strcmp(verb, "restrict") == 0, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "record %" PRId64 " %s\n", id,
			strcmp(verb, "restrict") == 0 ? "restricted" : "released");
	return rc;
}

enum cg_status cmd_record_restrict(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return owner_change(ctx, argc, argv, "restrict", err);
}

enum cg_status cmd_record_release(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return owner_change(ctx, argc, argv, "release", err);
}

enum cg_status cmd_record_withdraw(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return owner_change(ctx, argc, argv, "withdraw", err);
}

enum cg_status cmd_export_records(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *agency = NULL, *recipients = NULL;
	const struct cli_opt opts[] = {
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ "recipients", CLI_OPT_STRING, &recipients, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_ctx *lib = NULL;
	struct cg_record_filter f = { 0 };
	size_t written = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	f.owner_agency = agency;
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_record_export(lib, &f, recipients, ctx->out, &written, err);
	if (rc == CG_OK)
		fprintf(stderr, "cg export records: %zu records disclosed to %s\n", written, recipients);
	return rc;
}

enum cg_status cmd_notices(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct cg_notice notes[100];
	struct cg_ctx *lib = NULL;
	size_t count = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_notice_list(lib, notes, 100, &count, err);
	for (size_t i = 0; rc == CG_OK && i < count; i++)
		fprintf(ctx->out, "%s  %s %s %" PRId64 " %s by %s (%s): %s\n", notes[i].created_at,
			notes[i].record_kind, "record", notes[i].record_id, notes[i].kind,
			notes[i].owner_name, notes[i].owner_contact, notes[i].reason);
	if (rc == CG_OK && count == 0)
		fprintf(ctx->out, "no retraction notices for %s\n", lib->who.agency_code);
	return rc;
}

enum cg_status cmd_person_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cg_ctx *lib = NULL;
	struct cg_record_set set = { 0 };
	int64_t id = 0;
	const char *format = NULL;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "person", "text,json", &id, &format,
						&lib, err);
	bool json = format && strcmp(format, "json") == 0;

	if (rc == CG_OK)
		rc = cg_record_person(lib, id, &set, err);
	if (rc)
		return rc;
	if (json) {
		print_set(ctx->out, "json", set.records, set.nrecords, set.flags, set.nflags);
	} else {
		fprintf(ctx->out, "person %" PRId64 ": %zu record%s you may see\n", id, set.nrecords,
			set.nrecords == 1 ? "" : "s");
		for (size_t i = 0; i < set.nrecords; i++)
			print_record_detail(ctx->out, &set.records[i]);
		print_set(ctx->out, "text", NULL, 0, set.flags, set.nflags);
	}
	cg_record_set_release(&set);
	return CG_OK;
}
