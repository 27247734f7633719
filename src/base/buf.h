/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * buf.h - growable string buffer with a maximum size (base layer).
 *
 * Modelled on git's strbuf and curl's dynbuf: `data` is never NULL and always
 * NUL-terminated, so a buffer can be passed as a C string at any time. Each
 * buffer has a maximum length; appending past it fails with CG_LIMIT and
 * leaves the buffer unchanged, so sizes that input controls stay bounded.
 * Out-of-memory aborts (see xalloc.h).
 *
 *     struct cg_buf b = CG_BUF_INIT;
 *     cg_buf_printf(&b, "%d rows", n);
 *     puts(b.data);
 *     cg_buf_release(&b);
 */
#ifndef CG_BASE_BUF_H
#define CG_BASE_BUF_H

#include <stddef.h>

#include "base/error.h"

/* Default maximum: 64 MiB, far above any single field or message. */
#define CG_BUF_DEFAULT_MAX ((size_t)64 << 20)

struct cg_buf {
	char *data; /* the bytes plus a NUL; points at a static "" until used */
	size_t len; /* bytes in use, NUL excluded */
	size_t cap; /* bytes allocated, 0 while data is the static "" */
	size_t max; /* largest len allowed; 0 means CG_BUF_DEFAULT_MAX */
};

extern char cg_buf_empty[];
#define CG_BUF_INIT { cg_buf_empty, 0, 0, 0 }

/* Sets up caller-provided storage as an empty buffer with maximum `max`
 * (0 for the default). */
void cg_buf_init(struct cg_buf *b, size_t max);

/* Frees the contents and leaves an empty buffer (same maximum). Accepts a
 * buffer that was never used. */
void cg_buf_release(struct cg_buf *b);

/* Empties the buffer, keeping its allocation. */
void cg_buf_reset(struct cg_buf *b);

/* Hands the contents to the caller (free() it) and empties the buffer. The
 * returned string is never NULL. */
char *cg_buf_detach(struct cg_buf *b, size_t *len);

/* Appends bytes; CG_LIMIT (buffer unchanged) if the maximum would be passed.
 * `err` may be NULL. */
enum cg_status cg_buf_add(struct cg_buf *b, const void *data, size_t len,
			  struct cg_error *err);
enum cg_status cg_buf_addstr(struct cg_buf *b, const char *s, struct cg_error *err);
enum cg_status cg_buf_addch(struct cg_buf *b, char c, struct cg_error *err);
enum cg_status cg_buf_printf(struct cg_buf *b, struct cg_error *err,
			     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Shortens the buffer to `len` bytes (no-op if already shorter). */
void cg_buf_truncate(struct cg_buf *b, size_t len);

/* A borrowed view of bytes that need not be NUL-terminated. */
struct cg_str {
	const char *ptr;
	size_t len;
};

#endif
