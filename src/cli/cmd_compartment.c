/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_compartment.c - `cg compartment add` and `cg compartment grant` (cli
 * layer).
 *
 * A compartment (typically a named operation) restricts rows to the users
 * granted it. Both commands need an administrator (--as); a compartment
 * belongs to its creator's agency, whose administrators alone may grant it.
 */
#include "access/account.h"
#include "cli/cli.h"
#include "base/banned.h"

enum cg_status cmd_compartment_add(struct cli_ctx *ctx, int argc, char **argv,
				   struct cg_error *err)
{
	const char *name = NULL;
	const struct cli_opt opts[] = {
		{ "name", CLI_OPT_STRING, &name, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the compartment's CODE");
	if (!name)
		return cg_fail(err, CG_USAGE, "--name is required");
	rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_compartment_add(lib, pos[0], name, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "compartment %s added, owned by %s\n", pos[0],
			lib->who.agency_code);
	return rc;
}

enum cg_status cmd_compartment_grant(struct cli_ctx *ctx, int argc, char **argv,
				     struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[2];
	int npos = 0;
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 2, &npos, err);

	if (rc)
		return rc;
	if (npos != 2)
		return cg_fail(err, CG_USAGE, "expected the compartment's CODE and a USERNAME");
	rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_compartment_grant(lib, pos[0], pos[1], err);
	if (rc == CG_OK)
		fprintf(ctx->out, "%s now holds compartment %s\n", pos[1], pos[0]);
	return rc;
}
