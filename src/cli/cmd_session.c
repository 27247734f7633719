/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_session.c - `cg session login`, `check` and `logout` (cli layer).
 *
 * The same calls the HTTP server makes for its sessions, on the command
 * line, so they can be scripted and tested: login reads the password from
 * standard input and prints a token; check prints who a token belongs to
 * (exit 1 when it is unknown, expired or revoked); logout revokes it. A
 * TOKEN argument of "-" is read from standard input instead, which keeps it
 * out of the process list. None of these needs --as: the password or the
 * token is the credential.
 */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "access/account.h"
#include "cli/cli.h"
#include "base/banned.h"

/* Parses --ttl: whole seconds, 1 or more (the library caps the maximum). */
static enum cg_status parse_ttl(const char *s, int64_t *out, struct cg_error *err)
{
	char *end = NULL;
	long long v;

	*out = 0;
	if (!s)
		return CG_OK;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 1)
		return cg_fail(err, CG_USAGE, "--ttl '%.40s': expected a whole number of seconds, 1 or more", s);
	*out = v;
	return CG_OK;
}

/* The TOKEN argument, or a line of standard input for "-", into buf. */
static enum cg_status token_arg(const char *arg, char buf[CG_SESSION_TOKEN_SIZE + 1],
				struct cg_error *err)
{
	size_t n;

	if (strcmp(arg, "-") == 0)
		return cli_read_secret("session token", buf, CG_SESSION_TOKEN_SIZE + 1, err);
	n = strlen(arg);
	if (n > CG_SESSION_TOKEN_SIZE)
		n = CG_SESSION_TOKEN_SIZE; /* too long to be a token: the library refuses it */
	memcpy(buf, arg, n);
	buf[n] = '\0';
	return CG_OK;
}

enum cg_status cmd_session_login(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	const char *ttl_text = NULL;
	const struct cli_opt opts[] = {
		{ "ttl", CLI_OPT_STRING, &ttl_text, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	int64_t ttl = 0;
	char password[CG_PASSWORD_MAX + 1];
	char token[CG_SESSION_TOKEN_SIZE];
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the USERNAME");
	rc = parse_ttl(ttl_text, &ttl, err);
	if (rc == CG_OK)
		rc = cli_open_store(ctx, err);
	if (rc == CG_OK)
		rc = cli_read_secret("password", password, sizeof(password), err);
	if (rc == CG_OK)
		rc = cg_login(ctx->store, pos[0], password, ttl, token, err);
	sodium_memzero(password, sizeof(password));
	if (rc == CG_OK)
		fprintf(ctx->out, "%s\n", token);
	sodium_memzero(token, sizeof(token));
	return rc;
}

enum cg_status cmd_session_check(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[1];
	int npos = 0;
	char token[CG_SESSION_TOKEN_SIZE + 1];
	struct cg_principal who;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the session TOKEN (or - to read it from stdin)");
	cg_principal_init(&who);
	rc = cli_open_store(ctx, err);
	if (rc == CG_OK)
		rc = token_arg(pos[0], token, err);
	if (rc == CG_OK)
		rc = cg_session_resolve(ctx->store, token, &who, err);
	if (rc == CG_OK) {
		fprintf(ctx->out, "%s %s ", who.username, who.agency_code);
		for (int i = 0, first = 1; i < CG_ROLE_COUNT; i++) {
			if (!(who.roles & (1u << i)))
				continue;
			fprintf(ctx->out, "%s%s", first ? "" : ",",
				cg_role_name((enum cg_role)(1u << i)));
			first = 0;
		}
		fputc('\n', ctx->out);
	}
	sodium_memzero(token, sizeof(token));
	cg_principal_release(&who);
	return rc;
}

enum cg_status cmd_session_logout(struct cli_ctx *ctx, int argc, char **argv,
				  struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[1];
	int npos = 0;
	char token[CG_SESSION_TOKEN_SIZE + 1];
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the session TOKEN (or - to read it from stdin)");
	rc = cli_open_store(ctx, err);
	if (rc == CG_OK)
		rc = token_arg(pos[0], token, err);
	if (rc == CG_OK)
		rc = cg_logout(ctx->store, token, err);
	sodium_memzero(token, sizeof(token));
	if (rc == CG_OK)
		fprintf(ctx->out, "logged out\n");
	return rc;
}
