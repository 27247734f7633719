/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ocg.c - `cg ocg ...` (cli layer): add, list and show organised crime
 * groups, add memberships and merge two groups. The visibility rule and
 * the audit log live in model/ocg.c; this file parses and prints.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/ocg.h"
#include "base/banned.h"

enum cg_status cmd_ocg_add(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *name = NULL, *aliases = NULL, *activities = NULL, *geography = NULL;
	const char *status = NULL, *classification = NULL, *handling = NULL;
	const char *conditions = NULL, *compartments = NULL, *flag = NULL;
	const struct cli_opt opts[] = {
		{ "name", CLI_OPT_STRING, &name, NULL },
		{ "aliases", CLI_OPT_STRING, &aliases, NULL },
		{ "activities", CLI_OPT_STRING, &activities, NULL },
		{ "geography", CLI_OPT_STRING, &geography, NULL },
		{ "status", CLI_OPT_STRING, &status, NULL },
		{ "classification", CLI_OPT_STRING, &classification, NULL },
		{ "handling", CLI_OPT_STRING, &handling, NULL },
		{ "conditions", CLI_OPT_STRING, &conditions, NULL },
		{ "compartments", CLI_OPT_STRING, &compartments, NULL },
		{ "flag-contact", CLI_OPT_STRING, &flag, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	struct cg_ocg_input in = {
		.name = name, .aliases = aliases, .activities = activities,
		.geography = geography, .status = status,
		.label = { classification, handling, conditions, compartments, flag },
	};
	rc = cg_ocg_add(lib, &in, &id, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "OCG %" PRId64 " added\n", id);
	return rc;
}

static void print_json(FILE *f, json_t *j)
{
	json_dumpf(j, f, JSON_INDENT(2));
	fputc('\n', f);
	json_decref(j);
}

/* The strings of a JSON array joined with `sep` into buf. */
static void join(const json_t *arr, const char *sep, char *buf, size_t size)
{
	size_t i, used = 0;
	json_t *v;
	buf[0] = '\0';
	json_array_foreach(arr, i, v) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? sep : "",
				 json_string_value(v));
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

/* One group's heading line: id, name, agency, status, label. */
static void print_heading(FILE *f, const struct cg_ocg *o)
{
	char acts[512];
	join(o->activities, ", ", acts, sizeof(acts));
	fprintf(f, "%-6" PRId64 " %s  %s  %s", o->id, o->name, o->owner_agency, o->status);
	if (o->merged_into)
		fprintf(f, " (merged into %" PRId64 ")", o->merged_into);
	fprintf(f, "  [%s %s%s%s]", o->classification, o->handling_code,
		o->handling_conditions[0] ? " " : "", o->handling_conditions);
	if (acts[0])
		fprintf(f, "  activities: %s", acts);
	fputc('\n', f);
}

static void print_flags(FILE *f, const struct cg_flag *flags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s (%s) holds further information: contact %s\n", flags[i].agency_name,
			flags[i].agency_code, flags[i].contact);
}

static void print_detail(FILE *f, const struct cg_ocg *o)
{
	char aliases[1024];
	print_heading(f, o);
	join(o->aliases, ", ", aliases, sizeof(aliases));
	if (aliases[0])
		fprintf(f, "  aliases: %s\n", aliases);
	if (o->geography[0])
		fprintf(f, "  geography: %s\n", o->geography);
	if (o->has_risk)
		fprintf(f, "  risk: %s (score %.1f) computed %s\n", o->risk_tier, o->risk_score,
			o->risk_at);
	else
		fprintf(f, "  risk: not assessed\n");
	fprintf(f, "  members:%s\n", o->nmembers ? "" : " none you may see");
	for (size_t i = 0; i < o->nmembers; i++) {
		const struct cg_membership *m = &o->members[i];
		fprintf(f, "    membership %" PRId64 ": ", m->id);
		if (m->person_id)
			fprintf(f, "person %" PRId64, m->person_id);
		else
			fprintf(f, "person unlinked");
		if (m->record_id)
			fprintf(f, " (record %" PRId64 ")", m->record_id);
		fprintf(f, "  %s  %s to %s  by %s", m->role, m->valid_from[0] ? m->valid_from : "?",
			m->valid_to[0] ? m->valid_to : "now", m->owner_agency);
		if (m->nevidence) {
			fprintf(f, "  evidence:");
			for (size_t k = 0; k < m->nevidence; k++)
				fprintf(f, "%s%" PRId64, k ? "," : " ", m->evidence[k]);
		}
		fputc('\n', f);
	}
	print_flags(f, o->flags, o->nflags);
}

enum cg_status cmd_ocg_list(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL, *agency = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_ctx *lib = NULL;
	struct cg_ocg_set set = { 0 };
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_check_format(format, "text,csv,json", err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_ocg_list(lib, agency, &set, err);
	if (rc)
		return rc;
	format = format ? format : "text";
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array(), *fl = json_array();
		for (size_t i = 0; i < set.nocgs; i++)
			json_array_append_new(arr, cg_ocg_json(&set.ocgs[i]));
		for (size_t i = 0; i < set.nflags; i++)
			json_array_append_new(fl, json_pack("{s:s, s:s, s:s}", "agency",
							    set.flags[i].agency_code, "agency_name",
							    set.flags[i].agency_name, "contact",
							    set.flags[i].contact));
		print_json(ctx->out, json_pack("{s:o, s:o}", "ocgs", arr, "flags", fl));
	} else if (strcmp(format, "csv") == 0) {
		fprintf(ctx->out, "id,name,owner_agency,status,merged_into,classification,"
				  "handling_code,aliases,activities,geography\n");
		for (size_t i = 0; i < set.nocgs; i++) {
			const struct cg_ocg *o = &set.ocgs[i];
			char merged[24] = "", aliases[1024], acts[512];
			if (o->merged_into)
				snprintf(merged, sizeof(merged), "%" PRId64, o->merged_into);
			join(o->aliases, ";", aliases, sizeof(aliases));
			join(o->activities, ";", acts, sizeof(acts));
			fprintf(ctx->out, "%" PRId64 ",", o->id);
			const char *texts[] = { o->name, o->owner_agency, o->status, merged,
						o->classification, o->handling_code, aliases, acts };
			for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
				cli_csv_field(ctx->out, texts[k], false);
			cli_csv_field(ctx->out, o->geography, true);
		}
	} else {
		for (size_t i = 0; i < set.nocgs; i++)
			print_heading(ctx->out, &set.ocgs[i]);
		print_flags(ctx->out, set.flags, set.nflags);
		if (!set.nocgs && !set.nflags)
			fprintf(ctx->out, "no OCGs\n");
	}
	cg_ocg_set_release(&set);
	return CG_OK;
}

enum cg_status cmd_ocg_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct cg_ctx *lib = NULL;
	struct cg_ocg o = { 0 };
	int64_t id = 0;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "OCG", "text,json", &id, &format,
						&lib, err);

	if (rc == CG_OK)
		rc = cg_ocg_get(lib, id, &o, err);
	if (rc)
		return rc;
	if (format && strcmp(format, "json") == 0)
		print_json(ctx->out, cg_ocg_json(&o));
	else
		print_detail(ctx->out, &o);
	cg_ocg_release(&o);
	return CG_OK;
}

/* "12,15" into ids (at most max). */
static enum cg_status parse_ids(const char *opt, const char *s, int64_t *out, size_t max,
				size_t *n, struct cg_error *err)
{
	*n = 0;
	while (s && *s) {
		size_t len = strcspn(s, ",");
		char id[24];
		if (len == 0 || len >= sizeof(id))
			return cg_fail(err, CG_USAGE, "--%s: give report ids separated by commas", opt);
		if (*n == max)
			return cg_fail(err, CG_USAGE, "--%s: more than %zu", opt, max);
		memcpy(id, s, len);
		id[len] = '\0';
		if (cli_parse_id("report", id, &out[*n], err))
			return CG_USAGE;
		(*n)++;
		s += len + (s[len] == ',');
	}
	return CG_OK;
}

enum cg_status cmd_ocg_member_add(struct cli_ctx *ctx, int argc, char **argv,
				  struct cg_error *err)
{
	const char *person = NULL, *record = NULL, *role = NULL, *from = NULL, *to = NULL;
	const char *evidence = NULL, *classification = NULL, *handling = NULL;
	const char *conditions = NULL, *compartments = NULL, *flag = NULL;
	const struct cli_opt opts[] = {
		{ "person", CLI_OPT_STRING, &person, NULL },
		{ "record", CLI_OPT_STRING, &record, NULL },
		{ "role", CLI_OPT_STRING, &role, NULL },
		{ "from", CLI_OPT_STRING, &from, NULL },
		{ "to", CLI_OPT_STRING, &to, NULL },
		{ "evidence", CLI_OPT_STRING, &evidence, NULL },
		{ "classification", CLI_OPT_STRING, &classification, NULL },
		{ "handling", CLI_OPT_STRING, &handling, NULL },
		{ "conditions", CLI_OPT_STRING, &conditions, NULL },
		{ "compartments", CLI_OPT_STRING, &compartments, NULL },
		{ "flag-contact", CLI_OPT_STRING, &flag, NULL },
		{ NULL, 0, NULL, NULL },
	};
	int64_t reports[CG_OCG_EVIDENCE_MAX];
	char *pos[1];
	struct cg_ctx *lib = NULL;
	struct cg_membership_input in = { 0 };
	size_t nreports = 0;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one OCG id");
	if (rc == CG_OK)
		rc = cli_parse_id("OCG", pos[0], &in.ocg_id, err);
	if (rc == CG_OK && !person == !record)
		rc = cg_fail(err, CG_USAGE, "give --person ID or --record ID");
	if (rc == CG_OK && person)
		rc = cli_parse_id("person", person, &in.person_id, err);
	if (rc == CG_OK && record)
		rc = cli_parse_id("record", record, &in.record_id, err);
	if (rc == CG_OK)
		rc = parse_ids("evidence", evidence, reports, CG_OCG_EVIDENCE_MAX, &nreports, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	in.role = role;
	in.valid_from = from;
	in.valid_to = to;
	in.evidence = reports;
	in.nevidence = nreports;
	in.label = (struct cg_label_input){ classification, handling, conditions, compartments,
					    flag };
	rc = cg_ocg_member_add(lib, &in, &id, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "membership %" PRId64 " added to OCG %" PRId64 "\n", id, in.ocg_id);
	return rc;
}

enum cg_status cmd_ocg_merge(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *why = NULL;
	const struct cli_opt opts[] = {
		{ "why", CLI_OPT_STRING, &why, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[2];
	struct cg_ctx *lib = NULL;
	struct cg_ocg_merge_result r;
	int64_t from = 0, into = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 2, &n, err);

	if (rc == CG_OK && n != 2)
		rc = cg_fail(err, CG_USAGE, "give two OCG ids: FROM INTO");
	if (rc == CG_OK)
		rc = cli_parse_id("OCG", pos[0], &from, err);
	if (rc == CG_OK)
		rc = cli_parse_id("OCG", pos[1], &into, err);
	if (rc == CG_OK && !why)
		rc = cg_fail(err, CG_USAGE, "give the reason with --why");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_ocg_merge(lib, from, into, why, &r, err);
	if (rc)
		return rc;
	fprintf(ctx->out, "OCG %" PRId64 " merged into %" PRId64 ": %zu memberships moved", from,
		into, r.moved);
	if (r.duplicates)
		fprintf(ctx->out, ", %zu duplicate memberships removed (OCG %" PRId64
				  " already had them; their evidence moved)", r.duplicates, into);
	fputc('\n', ctx->out);
	return CG_OK;
}
