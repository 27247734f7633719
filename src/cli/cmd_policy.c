/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_policy.c - `cg policy check|publish|list|show` (cli layer): the
 * shared risk protocol file.
 *
 * `check` needs no store: it parses the file and prints a one-line summary
 * or the error naming FILE:LINE. `publish` (an administrator) stores the
 * file as the next version; `list` prints the versions and `show` one
 * version's text exactly as it was published, byte for byte, so it can be
 * diffed against a file or published elsewhere unchanged.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli.h"
#include "risk/policy.h"
#include "risk/policy_store.h"
#include "base/banned.h"

/* Parses the options of a command taking exactly one FILE argument. */
static enum cg_status one_file(int argc, char **argv, char **file, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[1];
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one policy FILE");
	if (rc == CG_OK)
		*file = pos[0];
	return rc;
}

enum cg_status cmd_policy_check(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cg_policy *p = NULL;
	char *file = NULL, *text = NULL;
	char hash[65];
	size_t len = 0;
	enum cg_status rc = one_file(argc, argv, &file, err);

	if (rc == CG_OK)
		rc = cg_policy_read_file(file, &text, &len, err);
	if (rc == CG_OK) {
		p = cg_xmalloc(sizeof(*p)); /* large for a stack */
		rc = cg_policy_parse(text, len, file, p, err);
	}
	if (rc == CG_OK) {
		cg_policy_hash(text, len, hash);
		fprintf(ctx->out, "%s: valid: %zu factors, hash %s\n", file, p->nfactors, hash);
	}
	free(p);
	free(text);
	return rc;
}

enum cg_status cmd_policy_publish(struct cli_ctx *ctx, int argc, char **argv,
				  struct cg_error *err)
{
	struct cg_policy_version v;
	struct cg_ctx *lib = NULL;
	char *file = NULL, *text = NULL;
	size_t len = 0;
	int64_t version = 0;
	enum cg_status rc = one_file(argc, argv, &file, err);

	if (rc == CG_OK)
		rc = cg_policy_read_file(file, &text, &len, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_policy_publish(lib, text, len, file, &version, err);
	if (rc == CG_OK)
		rc = cg_policy_get(lib, version, &v, NULL, NULL, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "policy version %lld published, hash %s\n", (long long)version,
			v.hash);
	free(text);
	return rc;
}

struct list_out {
	FILE *f;
	const char *format;
	json_t *json;
};

static int print_version(const struct cg_policy_version *v, void *arg)
{
	struct list_out *o = arg;
	char num[24];

	if (strcmp(o->format, "csv") == 0) {
		snprintf(num, sizeof(num), "%lld", (long long)v->version);
		cli_csv_field(o->f, num, false);
		cli_csv_field(o->f, v->hash, false);
		cli_csv_field(o->f, v->published_by, false);
		cli_csv_field(o->f, v->published_at, true);
	} else if (strcmp(o->format, "json") == 0) {
		json_array_append_new(o->json,
				      json_pack("{s:I, s:s, s:s, s:s}", "version",
						(json_int_t)v->version, "hash", v->hash,
						"published_by", v->published_by, "published_at",
						v->published_at));
	} else {
		fprintf(o->f, "%-7lld %s  %-20s %s\n", (long long)v->version, v->published_at,
			v->published_by, v->hash);
	}
	return 0;
}

enum cg_status cmd_policy_list(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct list_out o = { 0 };
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_format_only(argc, argv, "text,csv,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	o.f = ctx->out;
	o.format = format;
	if (strcmp(format, "csv") == 0)
		fprintf(o.f, "version,hash,published_by,published_at\n");
	else if (strcmp(format, "json") == 0)
		o.json = json_array();
	rc = cg_policy_list(lib, print_version, &o, err);
	if (rc == CG_OK && o.json) {
		json_dumpf(o.json, o.f, JSON_INDENT(2));
		fputc('\n', o.f);
	}
	json_decref(o.json);
	return rc;
}

enum cg_status cmd_policy_show(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct cg_policy_version v;
	struct cg_ctx *lib = NULL;
	char *pos[1], *text = NULL;
	size_t len = 0;
	int64_t version = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n == 1)
		rc = cli_parse_id("policy version", pos[0], &version, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_policy_get(lib, version, &v, &text, &len, err);
	if (rc == CG_OK && fwrite(text, 1, len, ctx->out) != len)
		rc = cg_fail(err, CG_IO, "cannot write the policy to standard output");
	free(text);
	return rc;
}
