/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_init.c - `cg init`: create or migrate a store (cli layer). */
#include "cli/cli.h"
#include "base/banned.h"

enum cg_status cmd_init(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct cg_store *st = NULL;
	int n = 0, from = 0, to = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cg_store_open(ctx->db, CG_STORE_CREATE, &st, err);
	if (rc == CG_OK)
		rc = cg_store_migrate(st, &from, &to, err);
	cg_store_close(st);
	if (rc)
		return rc;
	if (from == to)
		fprintf(ctx->out, "%s: already at schema version %d\n", ctx->db, to);
	else if (from == 0)
		fprintf(ctx->out, "%s: created at schema version %d\n", ctx->db, to);
	else
		fprintf(ctx->out, "%s: migrated from schema version %d to %d\n", ctx->db, from, to);
	return CG_OK;
}
