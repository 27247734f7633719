/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_user.c - `cg user add`, `cg user list` and `cg user passwd` (cli
 * layer).
 *
 * Passwords never travel in argv (where `ps` and shell history would show
 * them): they are read from standard input, one line, by cli_read_secret,
 * which this file also provides for `cg session login`. `user add` may run
 * without --as while the store has no administrator, to add the first one.
 */
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "access/account.h"
#include "cli/cli.h"
#include "base/banned.h"

/*
 * Reads one line from standard input into buf (at most size - 1 bytes),
 * without its line ending. It reads with read(2) a byte at a time, so no
 * copy of the secret is left in a stdio buffer and nothing past the line is
 * consumed. On a terminal it prompts on stderr and turns echo off.
 * CG_INVALID for an empty line or no input, CG_LIMIT for a line too long;
 * buf is wiped on failure. The caller wipes buf after use (sodium_memzero).
 */
enum cg_status cli_read_secret(const char *what, char *buf, size_t size,
			       struct cg_error *err)
{
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	size_t n = 0;
	bool too_long = false;
	enum cg_status rc = CG_OK;

	if (tty) {
		fprintf(stderr, "%s: ", what);
		fflush(stderr);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	for (;;) {
		char c;
		ssize_t got = read(STDIN_FILENO, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = cg_fail(err, CG_IO, "reading the %s from standard input failed", what);
			break;
		}
		if (got == 0)
			break;
		if (c == '\n')
			break;
		if (n + 1 < size)
			buf[n++] = c;
		else
			too_long = true;
	}
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (rc == CG_OK && too_long)
		rc = cg_fail(err, CG_LIMIT, "%s: longer than %zu bytes", what, size - 1);
	else if (rc == CG_OK && n == 0)
		rc = cg_fail(err, CG_INVALID, "no %s on standard input", what);
	if (rc)
		sodium_memzero(buf, size);
	return rc;
}

enum cg_status cmd_user_add(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *agency = NULL, *roles = NULL, *clearance = NULL, *name = NULL;
	bool service = false, password_stdin = false;
	const struct cli_opt opts[] = {
		{ "agency", CLI_OPT_STRING, &agency, NULL },
		{ "roles", CLI_OPT_STRING, &roles, NULL },
		{ "clearance", CLI_OPT_STRING, &clearance, NULL },
		{ "name", CLI_OPT_STRING, &name, NULL },
		{ "service", CLI_OPT_FLAG, NULL, &service },
		{ "password-stdin", CLI_OPT_FLAG, NULL, &password_stdin },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int npos = 0;
	char password[CG_PASSWORD_MAX + 1];
	struct cg_user_spec spec = { 0 };
	struct cg_ctx *lib = NULL;
	int64_t id = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the USERNAME");
	if (!agency || !roles || !clearance)
		return cg_fail(err, CG_USAGE, "--agency, --roles and --clearance are required");
	if (service && password_stdin)
		return cg_fail(err, CG_USAGE,
			       "--service and --password-stdin exclude each other: "
			       "a service account never logs in");
	spec.username = pos[0];
	spec.display_name = name;
	spec.agency_code = agency;
	spec.is_service = service;
	rc = cg_roles_parse(roles, &spec.roles, err);
	if (rc == CG_OK)
		rc = cg_clearance_parse(clearance, &spec.clearance, err);
	if (rc == CG_OK && password_stdin) {
		rc = cli_read_secret("password", password, sizeof(password), err);
		spec.password = password;
	}
	if (rc == CG_OK)
		rc = cli_context(ctx, true, &lib, err);
	if (rc == CG_OK)
		rc = cg_user_add(lib, &spec, &id, err);
	if (password_stdin)
		sodium_memzero(password, sizeof(password));
	if (rc == CG_OK)
		fprintf(ctx->out, "user %s added (id %lld)\n", spec.username, (long long)id);
	return rc;
}

enum cg_status cmd_user_passwd(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[1];
	int npos = 0;
	char password[CG_PASSWORD_MAX + 1];
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &npos, err);

	if (rc)
		return rc;
	if (npos != 1)
		return cg_fail(err, CG_USAGE, "expected the USERNAME");
	/* Who is acting first: a usage error must not wait for a password. */
	rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cli_read_secret("new password", password, sizeof(password), err);
	if (rc == CG_OK)
		rc = cg_user_set_password(lib, pos[0], password, err);
	sodium_memzero(password, sizeof(password));
	if (rc == CG_OK)
		fprintf(ctx->out, "password of %s changed; their sessions were ended\n", pos[0]);
	return rc;
}

/* Writes the role names of a role set as "analyst,admin" into out. */
static void role_list(unsigned roles, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < CG_ROLE_COUNT; i++) {
		if (!(roles & (1u << i)))
			continue;
		int w = snprintf(out + used, size - used, "%s%s", used ? "," : "",
				 cg_role_name((enum cg_role)(1u << i)));
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

struct user_out {
	FILE *f;
	const char *format;
	json_t *json;
};

static int print_user(const struct cg_user_info *u, void *arg)
{
	struct user_out *o = arg;
	const char *clearance = cg_classification_name(u->clearance);
	char roles[128], flags[64];

	role_list(u->roles, roles, sizeof(roles));
	snprintf(flags, sizeof(flags), "%s%s%s%s", u->is_service ? "service " : "",
		 u->disabled ? "disabled " : "", u->locked ? "locked " : "",
		 !u->has_password && !u->is_service ? "no-password " : "");
	if (strcmp(o->format, "csv") == 0) {
		cli_csv_field(o->f, u->username, false);
		cli_csv_field(o->f, u->display_name, false);
		cli_csv_field(o->f, u->agency_code, false);
		cli_csv_field(o->f, roles, false);
		cli_csv_field(o->f, clearance, false);
		cli_csv_field(o->f, u->compartments, false);
		cli_csv_field(o->f, u->is_service ? "1" : "0", false);
		cli_csv_field(o->f, u->disabled ? "1" : "0", false);
		cli_csv_field(o->f, u->locked ? "1" : "0", false);
		cli_csv_field(o->f, u->has_password ? "1" : "0", false);
		cli_csv_field(o->f, u->created_at, true);
	} else if (strcmp(o->format, "json") == 0) {
		json_array_append_new(
			o->json,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:s}",
				  "id", (json_int_t)u->id, "username", u->username,
				  "display_name", u->display_name, "agency", u->agency_code,
				  "roles", roles, "clearance", clearance, "compartments",
				  u->compartments, "service", u->is_service, "disabled",
				  u->disabled, "locked", u->locked, "has_password",
				  u->has_password, "created_at", u->created_at));
	} else {
		size_t fl = strlen(flags);
		if (fl)
			flags[fl - 1] = '\0';
		fprintf(o->f, "%-20s %-16s %-24s %-10s %-16s %s\n", u->username, u->agency_code,
			roles, clearance, *u->compartments ? u->compartments : "-",
			*flags ? flags : "-");
	}
	return 0;
}

enum cg_status cmd_user_list(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL;
	struct user_out o = { 0 };
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_format_only(argc, argv, "text,csv,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc)
		return rc;
	o.f = ctx->out;
	o.format = format;
	if (strcmp(o.format, "csv") == 0)
		fprintf(o.f, "username,display_name,agency,roles,clearance,compartments,"
			     "service,disabled,locked,has_password,created_at\n");
	else if (strcmp(o.format, "json") == 0)
		o.json = json_array();
	rc = cg_user_list(lib, print_user, &o, err);
	if (rc == CG_OK && o.json) {
		json_dumpf(o.json, o.f, JSON_INDENT(2));
		fputc('\n', o.f);
	}
	json_decref(o.json);
	return rc;
}
