/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.c - the error table's lookups and the detail formatting (base layer).
 */
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct status_row {
	const char *name;
	const char *message;
	int http;
	int exit_code;
};

static const struct status_row status_rows[CG_STATUS_COUNT] = {
#define CG_STATUS_ROW(name, msg, http, exit_code) { #name, msg, http, exit_code },
	CG_STATUS_TABLE(CG_STATUS_ROW)
#undef CG_STATUS_ROW
};

static const struct status_row *row_for(enum cg_status code)
{
	if ((unsigned)code >= CG_STATUS_COUNT)
		code = CG_INTERNAL;
	return &status_rows[code];
}

const char *cg_status_name(enum cg_status code) { return row_for(code)->name; }
const char *cg_status_message(enum cg_status code) { return row_for(code)->message; }
int cg_status_http(enum cg_status code) { return row_for(code)->http; }
int cg_status_exit(enum cg_status code) { return row_for(code)->exit_code; }

void cg_error_clear(struct cg_error *err)
{
	if (!err)
		return;
	err->code = CG_OK;
	err->message[0] = '\0';
}

enum cg_status cg_failv(struct cg_error *err, enum cg_status code,
			const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	return code;
}

enum cg_status cg_fail(struct cg_error *err, enum cg_status code,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cg_failv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

enum cg_status cg_error_prefix(struct cg_error *err, const char *fmt, ...)
{
	char old[CG_ERROR_MESSAGE_MAX];
	va_list ap;
	int n;

	if (!err)
		return CG_INTERNAL;
	memcpy(old, err->message, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(err->message))
		snprintf(err->message + n, sizeof(err->message) - (size_t)n, ": %.*s",
			 (int)(sizeof(err->message) - (size_t)n), old);
	return err->code;
}

_Noreturn void cg_die_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "cg: bug at %s:%d: assertion failed: %s\n", file, line, what);
	abort();
}
