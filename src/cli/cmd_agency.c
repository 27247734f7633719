/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_agency.c - `cg agency add` and `cg agency list` (cli layer).
 *
 * Parses the options, calls access/account.h and prints. `agency add` may
 * run without --as while the store has no administrator (the bootstrap: the
 * first agency and the first admin are made from the local command line);
 * `agency list` needs a user.
 */
#include <jansson.h>
#include <string.h>

#include "access/account.h"
#include "cli/cli.h"
#include "base/banned.h"

enum cg_status cmd_agency_add(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *name = NULL, *type = NULL, *level = NULL, *parent = NULL, *contact = NULL;
	const struct cli_opt opts[] = {
		{ "name", CLI_OPT_STRING, &name, NULL },
		{ "type", CLI_OPT_STRING, &type, NULL },
		{ "level", CLI_OPT_STRING, &level, NULL },
		{ "parent", CLI_OPT_STRING, &parent, NULL },
		{ "contact", CLI_OPT_STRING, &contact, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	struct cg_agency_spec spec = { 0 };
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the agency's CODE");
	if (!name || !type || !level)
		return cg_fail(err, CG_USAGE, "--name, --type and --level are required");
	spec.code = pos[0];
	spec.name = name;
	spec.parent_code = parent;
	spec.contact = contact;
	rc = cg_agency_type_parse(type, &spec.type, err);
	if (rc == CG_OK)
		rc = cg_agency_level_parse(level, &spec.level, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, true, &lib, err);
	if (rc == CG_OK)
		rc = cg_agency_add(lib, &spec, &id, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "agency %s added (id %lld)\n", spec.code, (long long)id);
	return rc;
}

struct agency_out {
	FILE *f;
	const char *format;
	json_t *json;
};

static int print_agency(const struct cg_agency_info *a, void *arg)
{
	struct agency_out *o = arg;
	const char *type = cg_agency_type_name(a->type), *level = cg_agency_level_name(a->level);

	if (strcmp(o->format, "csv") == 0) {
		cli_csv_field(o->f, a->code, false);
		cli_csv_field(o->f, a->name, false);
		cli_csv_field(o->f, type, false);
		cli_csv_field(o->f, level, false);
		cli_csv_field(o->f, a->parent_code, false);
		cli_csv_field(o->f, a->contact, false);
		cli_csv_field(o->f, a->created_at, true);
	} else if (strcmp(o->format, "json") == 0) {
		json_array_append_new(
			o->json,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s}", "id",
				  (json_int_t)a->id, "code", a->code, "name", a->name, "type",
				  type, "level", level, "parent",
				  *a->parent_code ? a->parent_code : NULL, "contact",
				  *a->contact ? a->contact : NULL, "created_at", a->created_at));
	} else {
		fprintf(o->f, "%-16s %-14s %-9s %-16s %s\n", a->code, type, level,
			*a->parent_code ? a->parent_code : "-", a->name);
	}
	return 0;
}

enum cg_status cmd_agency_list(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct agency_out o = { 0 };
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_format_only(argc, argv, "text,csv,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	o.f = ctx->out;
	o.format = format;
	if (strcmp(o.format, "csv") == 0)
		fprintf(o.f, "code,name,type,level,parent,contact,created_at\n");
	else if (strcmp(o.format, "json") == 0)
		o.json = json_array();
	rc = cg_agency_list(lib, print_agency, &o, err);
	if (rc == CG_OK && o.json) {
		json_dumpf(o.json, o.f, JSON_INDENT(2));
		fputc('\n', o.f);
	}
	json_decref(o.json);
	return rc;
}
