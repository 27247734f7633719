/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.c - option parsing and output helpers shared by command handlers
 * (cli layer). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/csv.h"
#include "base/banned.h"

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name,
				      size_t len)
{
	for (; opts->name; opts++)
		if (strlen(opts->name) == len && memcmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

enum cg_status cli_parse_options(int argc, char **argv, const struct cli_opt *opts,
				 char **positional, int max_positional,
				 int *npositional, struct cg_error *err)
{
	bool only_positional = false;
	int n = 0;

	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_positional || arg[0] != '-' || arg[1] == '\0') {
			if (n >= max_positional)
				return cg_fail(err, CG_USAGE, "unexpected argument '%s'", arg);
			positional[n++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_positional = true;
			continue;
		}
		if (arg[1] != '-')
			return cg_fail(err, CG_USAGE, "unknown option '%s'", arg);
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = find_opt(opts, name, len);
		if (!o)
			return cg_fail(err, CG_USAGE, "unknown option '--%.*s'", (int)len, name);
		if (o->kind == CLI_OPT_FLAG) {
			if (eq)
				return cg_fail(err, CG_USAGE, "option '--%s' takes no value", o->name);
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return cg_fail(err, CG_USAGE, "option '--%s' needs a value", o->name);
		}
	}
	*npositional = n;
	return CG_OK;
}

enum cg_status cli_check_format(const char *format, const char *allowed,
				struct cg_error *err)
{
	size_t len;
	const char *p = allowed;

	if (!format)
		return CG_OK;
	len = strlen(format);
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && memcmp(p, format, n) == 0)
			return CG_OK;
		p += n + (comma ? 1 : 0);
	}
	return cg_fail(err, CG_USAGE, "unknown format '%s' (expected one of %s)", format,
		       allowed);
}

void cli_csv_field(FILE *f, const char *s, bool last)
{
	cg_csv_write_field(f, s);
	fputc(last ? '\n' : ',', f);
}

enum cg_status cli_format_only(int argc, char **argv, const char *allowed, const char *dflt,
			       const char **format, struct cg_error *err)
{
	const char *f = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &f, NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);
	if (rc == CG_OK)
		rc = cli_check_format(f, allowed, err);
	*format = f ? f : dflt;
	return rc;
}

enum cg_status cli_parse_id(const char *what, const char *s, int64_t *out, struct cg_error *err)
{
	char *end = NULL;
	long long v;
	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v <= 0)
		return cg_fail(err, CG_USAGE, "'%.40s' is not a %s id", s ? s : "", what);
	*out = v;
	return CG_OK;
}

enum cg_status cli_parse_uint(const char *opt, const char *s, uint64_t min, uint64_t max,
			      uint64_t *out, struct cg_error *err)
{
	char *end = NULL;
	unsigned long long v;
	if (!s)
		return CG_OK;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || *s == '+' || v < min || v > max)
		return cg_fail(err, CG_USAGE,
			       "--%s '%.40s': expected a whole number from %" PRIu64 " to %" PRIu64,
			       opt, s, min, max);
	*out = v;
	return CG_OK;
}

enum cg_status cli_parse_real(const char *opt, const char *s, double min, double max,
			      double *out, struct cg_error *err)
{
	char *end = NULL;
	double v;
	if (!s)
		return CG_OK;
	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !(v >= min && v <= max))
		return cg_fail(err, CG_USAGE, "--%s '%.40s': expected a number from %g to %g", opt,
			       s, min, max);
	*out = v;
	return CG_OK;
}

enum cg_status cli_parse_id_format(struct cli_ctx *ctx, int argc, char **argv, const char *what,
				   const char *allowed, int64_t *id, const char **format,
				   struct cg_ctx **lib, struct cg_error *err)
{
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	char *pos[1];
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 1, &n, err);

	if (rc == CG_OK && n != 1)
		rc = cg_fail(err, CG_USAGE, "give one %s id", what);
	if (rc == CG_OK)
		rc = cli_parse_id(what, pos[0], id, err);
	if (rc == CG_OK)
		rc = cli_check_format(*format, allowed, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, lib, err);
	return rc;
}
