/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_stats.c - `cg stats`: row counts per table (cli layer).
 *
 * Counts reveal volumes, never content, so they are an operator's view of
 * the store (is the import complete, how big is the audit log).
 */
#include <jansson.h>
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

struct stats_out {
	const char *format;
	FILE *f;
	json_t *json;
};

static int print_count(const struct cg_table_count *tc, void *arg)
{
	struct stats_out *o = arg;
	if (strcmp(o->format, "csv") == 0)
		fprintf(o->f, "%s,%lld\n", tc->name, (long long)tc->rows);
	else if (strcmp(o->format, "json") == 0)
		json_object_set_new(o->json, tc->name, json_integer(tc->rows));
	else
		fprintf(o->f, "%-20s %12lld\n", tc->name, (long long)tc->rows);
	return 0;
}

enum cg_status cmd_stats(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct stats_out o = { 0 };
	enum cg_status rc = cli_format_only(argc, argv, "text,csv,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_open_store(ctx, err);
	if (rc)
		return rc;
	o.format = format;
	o.f = ctx->out;
	if (strcmp(o.format, "csv") == 0)
		fprintf(o.f, "table,rows\n");
	if (strcmp(o.format, "json") == 0)
		o.json = json_object();
	rc = cg_store_table_counts(ctx->store, print_count, &o, err);
	if (rc == CG_OK && o.json) {
		json_dumpf(o.json, o.f, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', o.f);
	}
	json_decref(o.json);
	return rc;
}
