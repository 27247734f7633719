/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonl.c - streaming JSON Lines reader (capabilities layer, ingest).
 *
 * The buffer holds the current line from `pos` on; `scan` is where the
 * search for its LF resumes after a refill, so a long line read in many
 * pieces is searched once (memchr), not once per piece. A line that passes
 * the cap is not kept: the reader remembers that it is too long, drops what
 * it has, and skips to the LF before reporting it.
 */
#include "ingest/jsonl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/banned.h"

struct cg_jsonl_reader {
	FILE *f;               /* borrowed from the caller */
	char *name;            /* owned copy, for messages */
	char *buf;             /* cap bytes */
	size_t cap;
	size_t pos;            /* first byte of the current line */
	size_t scan;           /* where the search for its LF resumes */
	size_t end;            /* bytes of data in buf */
	size_t read_size;
	bool at_eof;
	bool started;          /* byte order mark handled */
	uint64_t base;         /* file offset of buf[0] */
	uint64_t line;         /* line number of the line at pos */
	json_t *object;        /* the last row's object, owned */
	enum cg_status failed; /* sticky file error */
	struct cg_error fail;
	/* The line being skipped because it is too long. */
	bool skipping;
	uint64_t skip_offset;
};

enum cg_status cg_jsonl_open(FILE *f, const char *name,
			     struct cg_jsonl_reader **out, struct cg_error *err)
{
	struct cg_jsonl_reader *r = cg_xcalloc(1, sizeof(*r));
	r->f = f;
	r->name = cg_xstrdup(name ? name : "<input>");
	r->read_size = CG_JSONL_READ_SIZE;
	r->line = 1;
	*out = r;
	return CG_OK;
}

void cg_jsonl_close(struct cg_jsonl_reader *r)
{
	if (!r)
		return;
	json_decref(r->object);
	free(r->name);
	free(r->buf);
	free(r);
}

void cg_jsonl_set_read_size(struct cg_jsonl_reader *r, size_t size)
{
	r->read_size = size ? size : 1;
}

uint64_t cg_jsonl_tell(const struct cg_jsonl_reader *r)
{
	return r->base + r->pos;
}

__attribute__((format(printf, 3, 4)))
static enum cg_status file_error(struct cg_jsonl_reader *r, enum cg_status code,
				 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cg_failv(&r->fail, code, fmt, ap);
	va_end(ap);
	r->failed = code;
	return code;
}

/*
 * Keeps the current line (or nothing, while skipping), makes room for one
 * read and reads. Sets at_eof when nothing more comes.
 */
static enum cg_status refill(struct cg_jsonl_reader *r)
{
	size_t keep_from = r->skipping ? r->end : r->pos;
	size_t n;

	if (keep_from) {
		memmove(r->buf, r->buf + keep_from, r->end - keep_from);
		r->base += keep_from;
		r->end -= keep_from;
		r->scan -= keep_from;
		r->pos = r->pos > keep_from ? r->pos - keep_from : 0;
	}
	if (r->cap - r->end < r->read_size) {
		/* Doubling, so tiny reads do not realloc every time, but
		 * bounded: a kept line is at most the line cap, so
		 * cap <= line cap + one read. */
		size_t cap = r->cap * 2;
		if (cap > CG_JSONL_LINE_MAX + r->read_size)
			cap = CG_JSONL_LINE_MAX + r->read_size;
		if (cap < r->end + r->read_size)
			cap = r->end + r->read_size;
		r->buf = cg_xrealloc(r->buf, cap);
		r->cap = cap;
	}
	n = fread(r->buf + r->end, 1, r->read_size, r->f);
	if (n == 0) {
		if (ferror(r->f))
			return file_error(r, CG_IO, "%s: read error: %s", r->name,
					  strerror(errno));
		r->at_eof = true;
	}
	r->end += n;
	return CG_OK;
}

/* Skips UTF-8's byte order mark, refuses UTF-16's. */
static enum cg_status start(struct cg_jsonl_reader *r)
{
	enum cg_status rc;
	const unsigned char *b;

	while (r->end < 3 && !r->at_eof)
		if ((rc = refill(r)))
			return rc;
	r->started = true;
	b = (const unsigned char *)r->buf;
	if (r->end >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		r->pos = r->scan = 3;
	else if (r->end >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
				 (b[0] == 0xfe && b[1] == 0xff)))
		return file_error(r, CG_INVALID,
				  "%s: the file is UTF-16 (byte order mark %02X %02X); "
				  "save it as UTF-8", r->name, b[0], b[1]);
	return CG_OK;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/*
 * Finds the next line. On CG_OK with *have set, [*start, *start + *len) is
 * the line without its LF, which has been consumed; r->pos is past it.
 * With *have clear the input has ended.
 */
static enum cg_status next_line(struct cg_jsonl_reader *r, size_t *start,
				size_t *len, bool *have)
{
	enum cg_status rc;

	*have = false;
	for (;;) {
		char *lf = r->scan < r->end
				   ? memchr(r->buf + r->scan, '\n', r->end - r->scan)
				   : NULL;
		if (lf || r->at_eof) {
			size_t stop = lf ? (size_t)(lf - r->buf) : r->end;
			if (!lf && stop == r->pos && !r->skipping)
				return CG_OK; /* nothing left */
			*start = r->pos;
			*len = stop - r->pos;
			r->pos = r->scan = lf ? stop + 1 : stop;
			*have = true;
			return CG_OK;
		}
		r->scan = r->end;
		/* +1: the cap does not count a CR before the LF. */
		if (!r->skipping && r->end - r->pos > CG_JSONL_LINE_MAX + 1) {
			r->skipping = true;
			r->skip_offset = r->base + r->pos;
		}
		if ((rc = refill(r)))
			return rc;
	}
}

enum cg_status cg_jsonl_next(struct cg_jsonl_reader *r, struct cg_jsonl_row *row,
			     bool *eof, struct cg_error *err)
{
	enum cg_status rc;
	json_error_t jerr;
	size_t start_off, len;
	bool have;

	memset(row, 0, sizeof(*row));
	*eof = false;
	json_decref(r->object);
	r->object = NULL;
	if (r->failed)
		return cg_fail(err, r->failed, "%s", r->fail.message);
	if (!r->started && (rc = start(r)))
		return cg_fail(err, rc, "%s", r->fail.message);
	for (;;) {
		uint64_t line = r->line;
		uint64_t offset = r->base + r->pos;
		const char *s;

		if ((rc = next_line(r, &start_off, &len, &have)))
			return cg_fail(err, rc, "%s", r->fail.message);
		if (!have) {
			*eof = true;
			row->line = r->line;
			row->offset = r->base + r->pos;
			return CG_OK;
		}
		if (r->pos > start_off + len) /* the LF was consumed */
			r->line++;
		row->line = line;
		row->offset = r->skipping ? r->skip_offset : offset;
		s = r->buf + start_off;
		if (!r->skipping && len && s[len - 1] == '\r')
			len--;
		if (r->skipping || len > CG_JSONL_LINE_MAX) {
			r->skipping = false;
			row->bad = true;
			return cg_fail(err, CG_LIMIT, "%s:%llu: line longer than %zu bytes",
				       r->name, (unsigned long long)line,
				       CG_JSONL_LINE_MAX);
		}
		if (blank(s, len))
			continue;
		r->object = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!r->object) {
			row->bad = true;
			return cg_fail(err, CG_INVALID, "%s:%llu: column %d: %s", r->name,
				       (unsigned long long)line, jerr.column, jerr.text);
		}
		if (!json_is_object(r->object)) {
			json_decref(r->object);
			r->object = NULL;
			row->bad = true;
			return cg_fail(err, CG_INVALID,
				       "%s:%llu: a JSON array, not an object", r->name,
				       (unsigned long long)line);
		}
		row->object = r->object;
		return CG_OK;
	}
}
