/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - cg's entry point and dispatcher (cli layer).
 *
 * Global options (--db, --as, --reason, each also as --name=value) may stand
 * anywhere before a "--"; they are taken out of argv before the command's
 * own options are parsed. Exit status: 0 success, 1 a runtime failure (one
 * line on stderr naming what failed and why), 2 a usage error (unknown
 * command or option, with a usage message on stderr).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

#define DEFAULT_DB "./commonground.db"

/* Takes a global option at argv[*i] (if it is one) into ctx; returns 1 when
 * consumed, 0 when not a global option, -1 when its value is missing. */
static int take_global(struct cli_ctx *ctx, int argc, char **argv, int *i)
{
	static const struct {
		const char *name;
		size_t offset;
	} globals[] = {
		{ "--db", offsetof(struct cli_ctx, db) },
		{ "--as", offsetof(struct cli_ctx, as_user) },
		{ "--reason", offsetof(struct cli_ctx, reason) },
	};
	const char *arg = argv[*i];

	for (size_t g = 0; g < sizeof(globals) / sizeof(globals[0]); g++) {
		size_t n = strlen(globals[g].name);
		const char **dest = (const char **)((char *)ctx + globals[g].offset);
		if (strncmp(arg, globals[g].name, n) != 0)
			continue;
		if (arg[n] == '=') {
			*dest = arg + n + 1;
			return 1;
		}
		if (arg[n] != '\0')
			continue;
		if (*i + 1 >= argc)
			return -1;
		*dest = argv[++*i];
		return 1;
	}
	return 0;
}

enum cg_status cli_open_store(struct cli_ctx *ctx, struct cg_error *err)
{
	enum cg_status rc;
	if (ctx->store)
		return CG_OK;
	rc = cg_store_open(ctx->db, CG_STORE_OPEN_EXISTING, &ctx->store, err);
	if (rc == CG_OK)
		rc = cg_store_require_current(ctx->store, err);
	return rc;
}

enum cg_status cli_context(struct cli_ctx *ctx, bool allow_bootstrap,
			   struct cg_ctx **out, struct cg_error *err)
{
	enum cg_status rc;

	*out = NULL;
	if (ctx->has_lib) {
		*out = &ctx->lib;
		return CG_OK;
	}
	rc = cli_open_store(ctx, err);
	if (rc)
		return rc;
	if (ctx->as_user && *ctx->as_user)
		rc = cg_ctx_init(&ctx->lib, ctx->store, ctx->as_user, ctx->reason, err);
	else if (allow_bootstrap)
		rc = cg_ctx_init_bootstrap(&ctx->lib, ctx->store, err);
	else
		return cg_fail(err, CG_USAGE, "say who is acting: --as USER or $CG_USER");
	ctx->has_lib = true;
	if (rc == CG_OK)
		*out = &ctx->lib;
	return rc;
}

static int usage_error(const char *message, const struct cli_command *cmd)
{
	fprintf(stderr, "cg: %s\n", message);
	if (cmd)
		cli_print_usage(stderr, cmd);
	else
		fprintf(stderr, "Run 'cg help' for the list of commands.\n");
	return cg_status_exit(CG_USAGE);
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	struct cg_error err = CG_ERROR_INIT;
	const struct cli_command *cmd;
	char **rest = calloc((size_t)argc + 1, sizeof(char *));
	int nrest = 0, words = 0, exit_code;
	enum cg_status rc;

	if (!rest)
		return 1;
	ctx.out = stdout;
	ctx.db = getenv("CG_DB");
	ctx.as_user = getenv("CG_USER");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				rest[nrest++] = argv[i++];
			break;
		}
		int taken = take_global(&ctx, argc, argv, &i);
		if (taken < 0) {
			free(rest);
			return usage_error("a global option needs a value", NULL);
		}
		if (!taken)
			rest[nrest++] = argv[i];
	}
	if (!ctx.db || !*ctx.db)
		ctx.db = DEFAULT_DB;

	if (nrest == 0) {
		cli_print_command_list(stderr);
		free(rest);
		return cg_status_exit(CG_USAGE);
	}
	cmd = cli_find_command(nrest, rest, &words);
	if (!cmd) {
		char msg[160];
		snprintf(msg, sizeof(msg), "unknown command '%.100s'", rest[0]);
		free(rest);
		return usage_error(msg, NULL);
	}
	/* The handler sees its last name word as argv[0]. */
	int cargc = nrest - words + 1;
	char **cargv = rest + words - 1;
	if (wants_help(cargc, cargv)) {
		cli_print_usage(stdout, cmd);
		free(rest);
		return 0;
	}

	rc = cmd->run(&ctx, cargc, cargv, &err);
	if (ctx.has_lib)
		cg_ctx_release(&ctx.lib);
	cg_store_close(ctx.store);
	free(rest);

	exit_code = cg_status_exit(rc);
	if (rc == CG_USAGE)
		return usage_error(err.message, cmd);
	if (rc != CG_OK)
		fprintf(stderr, "cg %s: %s\n", cmd->name,
			err.message[0] ? err.message : cg_status_message(rc));
	if (fflush(stdout) != 0 && exit_code == 0) {
		fprintf(stderr, "cg %s: could not write the output\n", cmd->name);
		exit_code = 1;
	}
	return exit_code;
}
