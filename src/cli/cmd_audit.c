/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_audit.c - `cg audit verify` and `cg audit head`: check the audit
 * chain and export its head (cli layer).
 *
 * Both only read the store and need no user: any local operator may check
 * that the log is intact, and the head they export (to be countersigned or
 * kept elsewhere) is a hash, not content. The checking itself is
 * access/audit.c's; these handlers parse, call it and print.
 */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Parses --head SEQ:HASH (SEQ a positive decimal, HASH 64 hex digits). */
static enum cg_status parse_head(const char *arg, int64_t *seq, char hash[65],
				 struct cg_error *err)
{
	const char *colon = strchr(arg, ':');
	char *end = NULL;
	long long n;
	size_t hlen;

	if (!colon || colon == arg || arg[0] < '0' || arg[0] > '9')
		goto bad;
	errno = 0;
	n = strtoll(arg, &end, 10);
	if (errno || end != colon || n <= 0)
		goto bad;
	hlen = strlen(colon + 1);
	if (hlen != 64)
		goto bad;
	for (size_t i = 0; i < hlen; i++) {
		char c = colon[1 + i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			goto bad;
	}
	memcpy(hash, colon + 1, 65);
	*seq = (int64_t)n;
	return CG_OK;
bad:
	return cg_fail(err, CG_USAGE,
		       "--head wants SEQ:HASH, a sequence number and 64 hexadecimal digits"
		       " as printed by 'cg audit head'");
}

enum cg_status cmd_audit_verify(struct cli_ctx *ctx, int argc, char **argv,
				struct cg_error *err)
{
	const char *head_arg = NULL;
	const struct cli_opt opts[] = {
		{ "head", CLI_OPT_STRING, &head_arg, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_audit_verify_result res;
	int64_t expect_seq = 0, head_seq = 0;
	char expect_hash[65] = "", head_hash[65] = "";
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK && head_arg)
		rc = parse_head(head_arg, &expect_seq, expect_hash, err);
	if (rc == CG_OK)
		rc = cli_open_store(ctx, err);
	if (rc)
		return rc;
	/*
	 * Read the head before the walk: the walk covers every entry up to a
	 * head read after this one, so the head printed below is one that was
	 * verified. A damaged head is left for the walk to describe.
	 */
	rc = cg_audit_head(ctx->store, &head_seq, head_hash, err);
	if (rc != CG_OK && rc != CG_TAMPERED)
		return rc;
	cg_error_clear(err);
	rc = cg_audit_verify(ctx->store, expect_seq, expect_seq ? expect_hash : NULL, &res, err);
	if (rc)
		return rc;
	fprintf(ctx->out, "audit chain intact: %" PRId64 " entr%s, head %" PRId64 " %s\n",
		res.entries, res.entries == 1 ? "y" : "ies", head_seq, head_hash);
	return CG_OK;
}

enum cg_status cmd_audit_head(struct cli_ctx *ctx, int argc, char **argv,
			      struct cg_error *err)
{
	const char *format = NULL;
	int64_t seq = 0;
	char hash[65] = "";
	enum cg_status rc = cli_format_only(argc, argv, "text,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_open_store(ctx, err);
	if (rc == CG_OK)
		rc = cg_audit_head(ctx->store, &seq, hash, err);
	if (rc)
		return rc;
	if (format && strcmp(format, "json") == 0) {
		json_t *o = json_pack("{s:I,s:s}", "seq", (json_int_t)seq, "hash", hash);
		if (!o)
			return cg_fail(err, CG_INTERNAL, "could not build the JSON output");
		json_dumpf(o, ctx->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fputc('\n', ctx->out);
		json_decref(o);
	} else {
		fprintf(ctx->out, "%" PRId64 " %s\n", seq, hash);
	}
	return CG_OK;
}
