/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_version.c - `cg version` (cli layer). */
#include "cli/cli.h"
#include "base/banned.h"

enum cg_status cmd_version(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);
	if (rc)
		return rc;
	fprintf(ctx->out, "cg %s (schema %d, %s)\n", CG_VERSION,
		cg_store_schema_version_supported(), cg_store_backend_versions());
	return CG_OK;
}
