/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_risk.c - `cg risk ...` (cli layer): scoring with the shared risk
 * protocol, assessments with their evidence, history, and a supervisor's
 * confirmation. The rules live in risk/assess_*.c.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "cli/cli.h"
#include "risk/assess.h"
#include "base/banned.h"

static void print_view(FILE *f, const struct cg_risk_view *v)
{
	bool decided = v->confirmed_tier[0] != '\0';
	fprintf(f, "person %" PRId64 ": %s risk (%s), score %.2f\n", v->person_id,
		cg_risk_effective_tier(v),
		!decided ? "computed, a proposal until a supervisor confirms it"
		: strcmp(v->confirmed_tier, v->tier) == 0 ? "confirmed"
							  : "overridden",
		v->score);
	fprintf(f, "  computed tier %s, policy version %" PRId64 " (%.12s), as of %s, computed %s\n",
		v->tier, v->policy_version, v->policy_hash, v->as_of, v->computed_at);
	if (decided)
		fprintf(f, "  %s %s by %s on %.10s: %s\n",
			strcmp(v->confirmed_tier, v->tier) == 0 ? "confirmed" : "overridden to",
			v->confirmed_tier, v->confirmed_by, v->confirmed_at, v->confirmed_reason);
	if (v->management_level)
		fprintf(f, "  management level %d: %s\n", v->management_level, v->management_reason);
	for (size_t i = 0; i < v->nfactors; i++) {
		const struct cg_risk_factor *fa = &v->factors[i];
		fprintf(f, "  %6.2f  %s: %s\n", fa->points, fa->name, fa->description);
		for (size_t k = 0; k < fa->nseen; k++)
			fprintf(f, "          %6.2f  %s %" PRId64 "\n", fa->seen[k].points,
				fa->seen[k].kind, fa->seen[k].id);
		if (fa->hidden_points > 0)
			fprintf(f, "          %6.2f  rests on restricted material held by %s\n",
				fa->hidden_points, fa->hidden_owners);
	}
	if (!v->nfactors)
		fprintf(f, "  no factor applies\n");
}

static void print_json(FILE *f, json_t *j)
{
	json_dumpf(j, f, JSON_INDENT(2));
	fputc('\n', f);
	json_decref(j);
}

static enum cg_status show(struct cli_ctx *ctx, struct cg_ctx *lib, int64_t id, bool json,
			   struct cg_error *err)
{
	struct cg_risk_view v;
	enum cg_status rc = cg_risk_show(lib, id, &v, err);
	if (rc)
		return rc;
	if (json)
		print_json(ctx->out, cg_risk_view_json(&v));
	else
		print_view(ctx->out, &v);
	cg_risk_view_release(&v);
	return CG_OK;
}

enum cg_status cmd_risk_score(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *as_of = NULL, *format = NULL;
	bool all = false;
	const struct cli_opt opts[] = {
		{ "all", CLI_OPT_FLAG, NULL, &all },
		{ "as-of", CLI_OPT_STRING, &as_of, NULL },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1], today[CG_DATE_ISO_SIZE];
	struct cg_ctx *lib = NULL;
	struct cg_risk_run run;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && all == (n == 1))
		rc = cg_fail(err, CG_USAGE, "give one person id or --all");
	if (rc == CG_OK && n == 1)
		rc = cli_parse_id("person", pos[0], &id, err);
	if (rc == CG_OK)
		rc = cli_check_format(format, "text,json", err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	cg_date_format_iso(cg_date_from_days(cg_now() / 86400), today);
	rc = cg_risk_score(lib, id, as_of ? as_of : today, &run, err);
	if (rc == CG_OK && id)
		return show(ctx, lib, id, format && strcmp(format, "json") == 0, err);
	if (rc == CG_OK && format && strcmp(format, "json") == 0)
		print_json(ctx->out,
			   json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "policy_version",
				     (json_int_t)run.policy_version, "persons", (json_int_t)run.persons,
				     "high", (json_int_t)run.high, "medium", (json_int_t)run.medium,
				     "low", (json_int_t)run.low, "groups", (json_int_t)run.groups,
				     "stored", (json_int_t)run.stored, "tier_changes",
				     (json_int_t)run.tier_changes));
	else if (rc == CG_OK)
		fprintf(ctx->out,
			"policy version %" PRId64 ": %" PRId64 " persons scored (high %" PRId64
			", medium %" PRId64 ", low %" PRId64 "), %" PRId64 " groups; %" PRId64
			" new assessments, %" PRId64 " tier changes\n",
			run.policy_version, run.persons, run.high, run.medium, run.low, run.groups,
			run.stored, run.tier_changes);
	return rc;
}

enum cg_status cmd_risk_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "person", "text,json", &id, &format,
						&lib, err);
	if (rc)
		return rc;
	return show(ctx, lib, id, format && strcmp(format, "json") == 0, err);
}

enum cg_status cmd_risk_history(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	const char *format = NULL;
	struct cg_ctx *lib = NULL;
	struct cg_risk_view *views = NULL;
	size_t n = 0;
	int64_t id = 0;
	enum cg_status rc = cli_parse_id_format(ctx, argc, argv, "person", "text,csv,json", &id,
						&format, &lib, err);

	if (rc == CG_OK)
		rc = cg_risk_history(lib, id, &views, &n, err);
	if (rc)
		return rc;
	if (format && strcmp(format, "json") == 0) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, cg_risk_view_json(&views[i]));
		print_json(ctx->out, arr);
	} else {
		bool csv = format && strcmp(format, "csv") == 0;
		if (csv)
			fprintf(ctx->out, "assessment,computed_at,as_of,policy_version,score,"
					  "computed_tier,confirmed_tier,confirmed_by\n");
		for (size_t i = 0; i < n; i++) {
			const struct cg_risk_view *v = &views[i];
			if (csv)
				fprintf(ctx->out, "%" PRId64 ",%s,%s,%" PRId64 ",%.2f,%s,%s,%s\n",
					v->assessment_id, v->computed_at, v->as_of, v->policy_version,
					v->score, v->tier, v->confirmed_tier, v->confirmed_by);
			else
				fprintf(ctx->out, "%-6" PRId64 " %s  as of %s  policy v%" PRId64
						  "  score %6.2f  %s%s%s\n",
					v->assessment_id, v->computed_at, v->as_of, v->policy_version,
					v->score, v->tier, v->confirmed_tier[0] ? "  decided: " : "",
					v->confirmed_tier);
		}
	}
	for (size_t i = 0; i < n; i++)
		cg_risk_view_release(&views[i]);
	free(views);
	return CG_OK;
}

enum cg_status cmd_risk_confirm(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	const char *tier = NULL, *level = NULL, *why = NULL;
	const struct cli_opt opts[] = {
		{ "tier", CLI_OPT_STRING, &tier, NULL },
		{ "level", CLI_OPT_STRING, &level, NULL },
		{ "why", CLI_OPT_STRING, &why, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	struct cg_ctx *lib = NULL;
	uint64_t lvl = 0;
	int64_t id = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one person id");
	if (rc == CG_OK)
		rc = cli_parse_id("person", pos[0], &id, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("level", level, 1, 3, &lvl, err);
	if (rc == CG_OK && !why)
		rc = cg_fail(err, CG_USAGE, "give the reason with --why");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_risk_confirm(lib, id, tier, (int)lvl, why, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "person %" PRId64 ": risk decision recorded\n", id);
	return rc;
}
