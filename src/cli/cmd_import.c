/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_import.c - `cg import` and `cg profile check` (cli layer): load agency
 * exports through a mapping profile, or check a profile without loading.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli.h"
#include "ingest/import.h"
#include "ingest/profile.h"
#include "base/banned.h"

#define IMPORT_MAX_FILES 256

enum cg_status cmd_import(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *profile = NULL, *rejects = NULL, *network = NULL;
	const struct cli_opt opts[] = {
		{ "profile", CLI_OPT_STRING, &profile, NULL },
		{ "rejects", CLI_OPT_STRING, &rejects, NULL },
		{ "network", CLI_OPT_STRING, &network, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *files[IMPORT_MAX_FILES];
	struct cg_import_summary *sums = NULL;
	struct cg_ctx *lib = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, files, IMPORT_MAX_FILES, &n, err);

	if (rc == CG_OK && !profile)
		rc = cg_fail(err, CG_USAGE, "say which profile: --profile NAME|FILE");
	if (rc == CG_OK && n == 0)
		rc = cg_fail(err, CG_USAGE, "give at least one file to import");
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	sums = cg_xcalloc((size_t)n, sizeof(*sums));
	struct cg_import_options o = { profile, (const char *const *)files, (size_t)n, rejects,
				       network };
	rc = cg_import(lib, &o, sums, err);
	for (int i = 0; i < n; i++) {
		const struct cg_import_summary *m = &sums[i];
		if (!m->batch_id) /* not reached, or rolled back */
			continue;
		fprintf(ctx->out,
			"%s [%s]: read %" PRId64 ", stored %" PRId64 ", unchanged %" PRId64
			", updated %" PRId64 ", rejected %" PRId64 "%s%s%s\n",
			m->file, m->tables, m->read, m->stored, m->unchanged, m->updated, m->rejected,
			m->reject_path[0] ? " (see " : "", m->reject_path,
			m->reject_path[0] ? ")" : "");
	}
	free(sums);
	return rc;
}

enum cg_status cmd_profile_check(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[1];
	struct cg_profile *p = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one profile name or file");
	if (rc == CG_OK)
		rc = cg_profile_load(pos[0], &p, err);
	if (rc)
		return rc;
	fprintf(ctx->out, "%s: valid; source system %s, %zu tables:", p->origin,
		cg_profile_global(p, "source_system", "?"), p->ntables);
	for (size_t i = 0; i < p->ntables; i++)
		fprintf(ctx->out, " %s (%s)", p->tables[i].name, cg_table_kind_name(p->tables[i].kind));
	fputc('\n', ctx->out);
	cg_profile_free(p);
	return CG_OK;
}

enum cg_status cmd_profile_keys(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct cg_profile_key k;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc)
		return rc;
	fprintf(ctx->out, "| key | where | required in | meaning |\n|---|---|---|---|\n");
	for (size_t i = 0; cg_profile_key_at(i, &k); i++) {
		char where[96] = "", needed[96] = "";
		if (k.global) {
			snprintf(where, sizeof(where), "global");
			snprintf(needed, sizeof(needed), "%s", k.required ? "every profile" : "");
		}
		for (int t = 0; !k.global && t < CG_TABLE_KIND_COUNT; t++) {
			if (k.kinds & (1u << t))
				snprintf(where + strlen(where), sizeof(where) - strlen(where), "%s%s",
					 where[0] ? ", " : "", cg_table_kind_name((enum cg_table_kind)t));
			if (k.required & (1u << t))
				snprintf(needed + strlen(needed), sizeof(needed) - strlen(needed), "%s%s",
					 needed[0] ? ", " : "", cg_table_kind_name((enum cg_table_kind)t));
		}
		fprintf(ctx->out, "| `%s` | %s | %s | %s |\n", k.key, where, needed, k.what);
	}
	return CG_OK;
}
