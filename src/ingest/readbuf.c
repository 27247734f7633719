/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readbuf.c - the input buffer under the streaming readers (capabilities
 * layer, ingest): refill with a bounded buffer, the byte order mark and
 * the sticky file error that csv.c and jsonl.c share (readbuf.h).
 */
#include "ingest/readbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/banned.h"

void readbuf_init(struct readbuf *b, FILE *f, const char *name, size_t read_size,
		  size_t keep_max)
{
	memset(b, 0, sizeof(*b));
	b->f = f;
	b->name = cg_xstrdup(name ? name : "<input>");
	b->read_size = read_size ? read_size : 1;
	b->keep_max = keep_max;
}

void readbuf_release(struct readbuf *b)
{
	free(b->name);
	free(b->buf);
	b->name = NULL;
	b->buf = NULL;
}

void readbuf_set_read_size(struct readbuf *b, size_t size)
{
	b->read_size = size ? size : 1;
}

enum cg_status readbuf_fail(struct readbuf *b, enum cg_status code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cg_failv(&b->fail, code, fmt, ap);
	va_end(ap);
	b->failed = code;
	return code;
}

enum cg_status readbuf_refill(struct readbuf *b, size_t keep_from)
{
	size_t n;

	CG_ASSERT(keep_from <= b->end);
	if (keep_from) {
		memmove(b->buf, b->buf + keep_from, b->end - keep_from);
		b->end -= keep_from;
		b->base += keep_from;
		b->pos = b->pos > keep_from ? b->pos - keep_from : 0;
	}
	if (b->cap - b->end < b->read_size) {
		/* Doubling, so tiny reads do not realloc every time, but
		 * bounded: the reader keeps at most keep_max bytes, so
		 * cap <= keep_max + one read. */
		size_t cap = b->cap * 2;
		if (cap > b->keep_max + b->read_size)
			cap = b->keep_max + b->read_size;
		if (cap < b->end + b->read_size)
			cap = b->end + b->read_size;
		b->buf = cg_xrealloc(b->buf, cap + 1);
		b->cap = cap;
	}
	n = fread(b->buf + b->end, 1, b->read_size, b->f);
	if (n == 0) {
		if (ferror(b->f))
			return readbuf_fail(b, CG_IO, "%s: read error: %s", b->name,
					    strerror(errno));
		b->at_eof = true;
	}
	b->end += n;
	return CG_OK;
}

enum cg_status readbuf_start(struct readbuf *b)
{
	enum cg_status rc;
	const unsigned char *p;

	CG_ASSERT(b->pos == 0 && !b->started);
	while (b->end < 3 && !b->at_eof)
		if ((rc = readbuf_refill(b, 0)))
			return rc;
	b->started = true;
	p = (const unsigned char *)b->buf;
	if (b->end >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		b->pos = 3;
	else if (b->end >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
				 (p[0] == 0xfe && p[1] == 0xff)))
		return readbuf_fail(b, CG_INVALID,
				    "%s: the file is UTF-16 (byte order mark %02X %02X); "
				    "save it as UTF-8", b->name, p[0], p[1]);
	return CG_OK;
}
