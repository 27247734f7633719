/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonl.c - streaming JSON Lines reader (capabilities layer, ingest).
 *
 * The buffer (readbuf.h, shared with the CSV reader) holds the current
 * line from `in.pos` on; `scan` is where the search for its LF resumes
 * after a refill, so a long line read in many pieces is searched once
 * (memchr), not once per piece. A line that passes
 * the cap is not kept: the reader remembers that it is too long, drops what
 * it has, and skips to the LF before reporting it.
 */
#include "ingest/jsonl.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/readbuf.h"
#include "base/banned.h"

struct cg_jsonl_reader {
	struct readbuf in;     /* in.pos: first byte of the current line */
	size_t scan;           /* where the search for its LF resumes */
	uint64_t line;         /* line number of the line at in.pos */
	json_t *object;        /* the last row's object, owned */
	/* The line being skipped because it is too long. */
	bool skipping;
	uint64_t skip_offset;
};

enum cg_status cg_jsonl_open(FILE *f, const char *name,
			     struct cg_jsonl_reader **out, struct cg_error *err)
{
	struct cg_jsonl_reader *r = cg_xcalloc(1, sizeof(*r));
	/* +1: a kept line may end in the CR of a CRLF, which the cap does
	 * not count. */
	readbuf_init(&r->in, f, name, CG_JSONL_READ_SIZE, CG_JSONL_LINE_MAX + 1);
	r->line = 1;
	*out = r;
	return CG_OK;
}

void cg_jsonl_close(struct cg_jsonl_reader *r)
{
	if (!r)
		return;
	json_decref(r->object);
	readbuf_release(&r->in);
	free(r);
}

void cg_jsonl_set_read_size(struct cg_jsonl_reader *r, size_t size)
{
	readbuf_set_read_size(&r->in, size);
}

uint64_t cg_jsonl_tell(const struct cg_jsonl_reader *r)
{
	return r->in.base + r->in.pos;
}

/*
 * Keeps the current line (or nothing, while skipping), makes room for one
 * read and reads (readbuf_refill). Sets in.at_eof when nothing more comes.
 */
static enum cg_status refill(struct cg_jsonl_reader *r)
{
	size_t keep_from = r->skipping ? r->in.end : r->in.pos;

	r->scan -= keep_from;
	return readbuf_refill(&r->in, keep_from);
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
 * the line without its LF, which has been consumed; in.pos is past it.
 * With *have clear the input has ended.
 */
static enum cg_status next_line(struct cg_jsonl_reader *r, size_t *start,
				size_t *len, bool *have)
{
	enum cg_status rc;

	*have = false;
	for (;;) {
		char *lf = r->scan < r->in.end
				   ? memchr(r->in.buf + r->scan, '\n', r->in.end - r->scan)
				   : NULL;
		if (lf || r->in.at_eof) {
			size_t stop = lf ? (size_t)(lf - r->in.buf) : r->in.end;
			if (!lf && stop == r->in.pos && !r->skipping)
				return CG_OK; /* nothing left */
			*start = r->in.pos;
			*len = stop - r->in.pos;
			r->in.pos = r->scan = lf ? stop + 1 : stop;
			*have = true;
			return CG_OK;
		}
		r->scan = r->in.end;
		/* +1: the cap does not count a CR before the LF. */
		if (!r->skipping && r->in.end - r->in.pos > CG_JSONL_LINE_MAX + 1) {
			r->skipping = true;
			r->skip_offset = r->in.base + r->in.pos;
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
	if (r->in.failed)
		return cg_fail(err, r->in.failed, "%s", r->in.fail.message);
	if (!r->in.started) {
		if ((rc = readbuf_start(&r->in)))
			return cg_fail(err, rc, "%s", r->in.fail.message);
		r->scan = r->in.pos; /* past a byte order mark */
	}
	for (;;) {
		uint64_t line = r->line;
		uint64_t offset = r->in.base + r->in.pos;
		const char *s;

		if ((rc = next_line(r, &start_off, &len, &have)))
			return cg_fail(err, rc, "%s", r->in.fail.message);
		if (!have) {
			*eof = true;
			row->line = r->line;
			row->offset = r->in.base + r->in.pos;
			return CG_OK;
		}
		if (r->in.pos > start_off + len) /* the LF was consumed */
			r->line++;
		row->line = line;
		row->offset = r->skipping ? r->skip_offset : offset;
		s = r->in.buf + start_off;
		if (!r->skipping && len && s[len - 1] == '\r')
			len--;
		if (r->skipping || len > CG_JSONL_LINE_MAX) {
			r->skipping = false;
			row->bad = true;
			return cg_fail(err, CG_LIMIT, "%s:%llu: line longer than %zu bytes",
				       r->in.name, (unsigned long long)line,
				       CG_JSONL_LINE_MAX);
		}
		if (blank(s, len))
			continue;
		r->object = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!r->object) {
			row->bad = true;
			return cg_fail(err, CG_INVALID, "%s:%llu: column %d: %s", r->in.name,
				       (unsigned long long)line, jerr.column, jerr.text);
		}
		if (!json_is_object(r->object)) {
			json_decref(r->object);
			r->object = NULL;
			row->bad = true;
			return cg_fail(err, CG_INVALID,
				       "%s:%llu: a JSON array, not an object", r->in.name,
				       (unsigned long long)line);
		}
		row->object = r->object;
		return CG_OK;
	}
}
