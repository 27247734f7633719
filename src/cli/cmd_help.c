/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_help.c - `cg help [COMMAND]` (cli layer). */
#include "cli/cli.h"
#include "base/banned.h"

enum cg_status cmd_help(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *words[3];
	int n = 0, used = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, words, 3, &n, err);
	const struct cli_command *cmd;

	if (rc)
		return rc;
	if (n == 0) {
		cli_print_command_list(ctx->out);
		return CG_OK;
	}
	cmd = cli_find_command(n, words, &used);
	if (!cmd || used != n)
		return cg_fail(err, CG_USAGE, "no command called '%s'", words[0]);
	cli_print_usage(ctx->out, cmd);
	return CG_OK;
}
