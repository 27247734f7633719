/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * error.h - the one table of error codes (base layer).
 *
 * Every fallible function in Common Ground returns an `enum cg_status` and
 * takes an optional `struct cg_error *` out-parameter that is filled only on
 * failure (git's convention). Callers chain checks and decide how to report;
 * the library never prints and never exits for a runtime condition. Only
 * `main` and the HTTP layer turn a status into output, using the table below
 * for the message, the HTTP status and the command-line exit status.
 *
 * Bugs are not errors: a broken invariant aborts through CG_ASSERT with the
 * file and line.
 *
 * "Not found" and "not permitted" deliberately share one code (NOT_FOUND):
 * a hidden row must read exactly like a missing one, so no caller can leak
 * existence through the error it prints.
 */
#ifndef CG_BASE_ERROR_H
#define CG_BASE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/*
 * X(NAME, message, http_status, exit_status)
 * exit status 1 is a runtime failure, 2 a usage error (unknown command or
 * option), as DESIGN.md's command-line contract says.
 */
#define CG_STATUS_TABLE(X)                                                     \
	X(OK, "success", 200, 0)                                               \
	X(INVALID, "invalid input", 400, 1)                                    \
	X(USAGE, "usage error", 400, 2)                                        \
	X(NOT_FOUND, "not found", 404, 1)                                      \
	X(CONFLICT, "conflicts with what is stored", 409, 1)                   \
	X(LIMIT, "input exceeds a size limit", 413, 1)                         \
	X(AUTH, "authentication failed", 401, 1)                               \
	X(DENIED, "operation not permitted for this user", 403, 1)             \
	X(IO, "input/output error", 500, 1)                                    \
	X(STORE, "store error", 500, 1)                                        \
	X(BUSY, "store is busy", 503, 1)                                       \
	X(NOT_A_STORE, "not a Common Ground store", 500, 1)                    \
	X(CORRUPT, "store file is damaged", 500, 1)                            \
	X(TOO_NEW, "store was written by a newer version of Common Ground",    \
	  500, 1)                                                              \
	X(TAMPERED, "integrity check failed", 500, 1)                          \
	X(INTERNAL, "internal error", 500, 1)

enum cg_status {
#define CG_STATUS_ENUM(name, msg, http, exit_code) CG_##name,
	CG_STATUS_TABLE(CG_STATUS_ENUM)
#undef CG_STATUS_ENUM
	CG_STATUS_COUNT
};

/* Longest message kept in an error detail, terminating NUL included. */
#define CG_ERROR_MESSAGE_MAX 512

/*
 * Detail of one failure. `code` repeats the status returned; `message` is
 * one human-readable line saying what failed and why (for input errors:
 * file, line, field and reason). Never holds a secret.
 */
struct cg_error {
	enum cg_status code;              /* CG_OK until a failure is recorded */
	char message[CG_ERROR_MESSAGE_MAX]; /* NUL-terminated, never NULL */
};

#define CG_ERROR_INIT { CG_OK, { 0 } }

/* Resets `err` to CG_OK with an empty message. `err` may be NULL. */
void cg_error_clear(struct cg_error *err);

/*
 * Records a failure: sets err->code to `code` and formats the message with
 * printf-style `fmt` (truncated to fit). `err` may be NULL, in which case
 * nothing is recorded. Returns `code`, so callers can write
 *     return cg_fail(err, CG_INVALID, "date %s: month out of range", s);
 */
enum cg_status cg_fail(struct cg_error *err, enum cg_status code,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As cg_fail, with a va_list. */
enum cg_status cg_failv(struct cg_error *err, enum cg_status code,
			const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/*
 * Adds context in front of an existing message: "ctx: old message".
 * Keeps err->code. Returns err->code (CG_INTERNAL if err is NULL, so the
 * caller still propagates a failure).
 */
enum cg_status cg_error_prefix(struct cg_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Static strings and numbers from the table; out-of-range codes map to
 * INTERNAL. */
const char *cg_status_name(enum cg_status code);    /* e.g. "NOT_FOUND" */
const char *cg_status_message(enum cg_status code); /* e.g. "not found" */
int cg_status_http(enum cg_status code);
int cg_status_exit(enum cg_status code);

/* Aborts with file and line: for broken invariants (bugs), never for input. */
_Noreturn void cg_die_bug(const char *file, int line, const char *what);
#define CG_ASSERT(cond)                                                        \
	do {                                                                   \
		if (!(cond))                                                   \
			cg_die_bug(__FILE__, __LINE__, #cond);                 \
	} while (0)

#endif
