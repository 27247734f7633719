/* SPDX-License-Identifier: GPL-3.0-or-later */
/* buf.c - growable bounded string buffer (base layer). */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/banned.h"

char cg_buf_empty[1];

static size_t buf_max(const struct cg_buf *b)
{
	return b->max ? b->max : CG_BUF_DEFAULT_MAX;
}

void cg_buf_init(struct cg_buf *b, size_t max)
{
	b->data = cg_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void cg_buf_release(struct cg_buf *b)
{
	if (b->cap)
		free(b->data);
	cg_buf_init(b, b->max);
}

void cg_buf_reset(struct cg_buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

char *cg_buf_detach(struct cg_buf *b, size_t *len)
{
	char *s = b->cap ? b->data : cg_xstrdup("");
	if (len)
		*len = b->len;
	cg_buf_init(b, b->max);
	return s;
}

/* Makes room for `extra` more bytes plus the NUL; checks the maximum. */
static enum cg_status reserve(struct cg_buf *b, size_t extra, struct cg_error *err)
{
	size_t need;
	if (extra > buf_max(b) - b->len)
		return cg_fail(err, CG_LIMIT, "text longer than %zu bytes", buf_max(b));
	need = b->len + extra + 1;
	if (need > b->cap) {
		size_t cap = b->cap;
		char *old = b->cap ? b->data : NULL;
		char *p = cg_grow(old, 1, need, &cap);
		if (!old)
			p[0] = '\0';
		b->data = p;
		b->cap = cap;
	}
	return CG_OK;
}

enum cg_status cg_buf_add(struct cg_buf *b, const void *data, size_t len,
			  struct cg_error *err)
{
	enum cg_status rc = reserve(b, len, err);
	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return CG_OK;
}

enum cg_status cg_buf_addstr(struct cg_buf *b, const char *s, struct cg_error *err)
{
	return cg_buf_add(b, s, strlen(s), err);
}

enum cg_status cg_buf_addch(struct cg_buf *b, char c, struct cg_error *err)
{
	return cg_buf_add(b, &c, 1, err);
}

enum cg_status cg_buf_printf(struct cg_buf *b, struct cg_error *err,
			     const char *fmt, ...)
{
	va_list ap;
	int n;
	enum cg_status rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cg_fail(err, CG_INTERNAL, "bad format string");
	rc = reserve(b, (size_t)n, err);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CG_OK;
}

void cg_buf_truncate(struct cg_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}
