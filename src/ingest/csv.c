/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.c - streaming RFC 4180 CSV reader (capabilities layer, ingest).
 *
 * A byte-level state machine over one buffer (readbuf.h, shared with the
 * JSON Lines reader). Its state lives in the reader, not on the stack, so a
 * record may be cut anywhere by the end of a read: when the scan reaches
 * the end of the data, refill() moves the unfinished record to the front of
 * the buffer, grows it if the record needs more room (up to the record cap
 * plus one read), reads more and the scan resumes in the same state. Field
 * positions are kept as offsets from the record start so the move does not
 * invalidate them; views are made once the record is complete.
 *
 * Quoted fields are unescaped in place: `wpos` trails the scan position by
 * one byte per `""` seen, and the content is moved down over the dropped
 * quotes. Unquoted fields, the common case, are never moved; the scan over
 * them stops only at the four bytes that matter (delimiter, quote, CR, LF,
 * plus NUL) using a 256-entry table.
 *
 * Once a record is known to be bad (row->bad), the reader stops keeping it:
 * spans are not recorded, nothing is moved, and refill() may drop every byte
 * already scanned. The state machine still runs, so the record ends where
 * the format says it ends and line numbers stay right.
 */
#include "ingest/csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/readbuf.h"
#include "base/banned.h"

enum csv_state {
	ST_RECORD,   /* before the first byte of a record */
	ST_FIELD,    /* before the first byte of a field after a delimiter */
	ST_PLAIN,    /* inside an unquoted field */
	ST_QUOTED,   /* inside a quoted field */
	ST_QUOTE,    /* just after a `"` inside a quoted field */
	ST_CR,       /* just after a CR outside quotes */
};

/* Where one finished field lies, relative to the record's first byte. */
struct span {
	size_t off;
	size_t len;
};

struct cg_csv_reader {
	/* The input: in.buf[in.pos] is the next byte to scan; in.buf has a
	 * spare byte after the data for a NUL. */
	struct readbuf in;
	unsigned char delim;
	unsigned char stop[256]; /* 1 for bytes that end a run of plain data */
	unsigned char qstop[256]; /* the same inside quotes: `"`, LF, NUL */
	uint64_t line;           /* physical line of in.buf[in.pos] */

	/* The record being read. Offsets below are into buf. */
	enum csv_state st;
	size_t rec;              /* first byte of the record */
	uint64_t rec_line;
	uint64_t rec_offset;
	size_t fstart;           /* first content byte of the current field */
	size_t wpos;             /* quoted field: end of the unescaped content */
	size_t cr_end;           /* ST_CR: where the field ends if LF follows */
	bool cr_alone;           /* ST_CR: the CR is the record's first byte */
	uint64_t quote_line;     /* line of the current field's opening quote */
	struct span *spans;      /* finished fields */
	size_t nspans, spans_cap;
	struct cg_str *fields;   /* the views handed out in a row */
	size_t fields_cap;

	bool bad;                /* the record holds a row error */
	enum cg_status bad_code;
	size_t bad_field;
	char bad_msg[CG_ERROR_MESSAGE_MAX];
};

enum cg_status cg_csv_open(FILE *f, const char *name, char delimiter,
			   struct cg_csv_reader **out, struct cg_error *err)
{
	struct cg_csv_reader *r;
	unsigned char d = (unsigned char)delimiter;

	*out = NULL;
	if (d == '"' || d == '\r' || d == '\n' || d == '\0')
		return cg_fail(err, CG_USAGE,
			       "CSV delimiter may not be a quote, CR, LF or NUL");
	r = cg_xcalloc(1, sizeof(*r));
	/* A good record is kept across reads until it passes the cap. */
	readbuf_init(&r->in, f, name, CG_CSV_READ_SIZE, CG_CSV_RECORD_MAX);
	r->delim = d;
	r->stop[d] = r->stop['"'] = r->stop['\r'] = r->stop['\n'] = r->stop[0] = 1;
	r->qstop['"'] = r->qstop['\n'] = r->qstop[0] = 1;
	r->line = 1;
	r->st = ST_RECORD;
	*out = r;
	return CG_OK;
}

void cg_csv_close(struct cg_csv_reader *r)
{
	if (!r)
		return;
	readbuf_release(&r->in);
	free(r->spans);
	free(r->fields);
	free(r);
}

void cg_csv_set_read_size(struct cg_csv_reader *r, size_t size)
{
	readbuf_set_read_size(&r->in, size);
}

uint64_t cg_csv_tell(const struct cg_csv_reader *r)
{
	return r->in.base + r->in.pos;
}

/*
 * Records the first row error of the current record; later ones are
 * dropped, so the message names the first problem. `field` is 1-based, 0
 * for the whole record. The message gets the file, the record's line, the
 * field, and for a field's problem the line it is on when that is not the
 * record's first line (a quoted field may span lines).
 */
__attribute__((format(printf, 4, 5)))
static void row_error(struct cg_csv_reader *r, enum cg_status code, size_t field,
		      const char *fmt, ...)
{
	char reason[256];
	char where[64] = "";
	va_list ap;

	if (r->bad)
		return;
	r->bad = true;
	r->bad_code = code;
	r->bad_field = field;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (field && r->line != r->rec_line)
		snprintf(where, sizeof(where), " (at line %llu)",
			 (unsigned long long)r->line);
	if (field)
		snprintf(r->bad_msg, sizeof(r->bad_msg), "%s:%llu: field %zu: %s%s",
			 r->in.name, (unsigned long long)r->rec_line, field, reason, where);
	else
		snprintf(r->bad_msg, sizeof(r->bad_msg), "%s:%llu: %s%s", r->in.name,
			 (unsigned long long)r->rec_line, reason, where);
}

/* Number of the field being read, for messages. */
static size_t field_no(const struct cg_csv_reader *r)
{
	return r->nspans + 1;
}

static void begin_record(struct cg_csv_reader *r)
{
	r->rec = r->in.pos;
	r->rec_line = r->line;
	r->rec_offset = r->in.base + r->in.pos;
	r->nspans = 0;
	r->bad = false;
	r->bad_field = 0;
}

/* Ends the current field: content is buf[start .. start+len). */
static void end_field(struct cg_csv_reader *r, size_t start, size_t len)
{
	if (r->bad)
		return;
	if (len > CG_CSV_FIELD_MAX) {
		row_error(r, CG_LIMIT, field_no(r), "longer than %zu bytes",
			  CG_CSV_FIELD_MAX);
		return;
	}
	if (r->nspans == CG_CSV_FIELDS_MAX) {
		row_error(r, CG_LIMIT, 0, "more than %d fields", CG_CSV_FIELDS_MAX);
		return;
	}
	if (r->nspans == r->spans_cap)
		r->spans = cg_grow(r->spans, sizeof(*r->spans), r->nspans + 1,
				   &r->spans_cap);
	r->spans[r->nspans].off = start - r->rec;
	r->spans[r->nspans].len = len;
	r->nspans++;
}

/*
 * Checks the caps on what has been read of the record so far, before the
 * buffer is grown to hold more of it.
 */
static void check_partial(struct cg_csv_reader *r)
{
	size_t field_len = 0;

	if (r->bad || r->st == ST_RECORD)
		return;
	if (r->st == ST_PLAIN)
		field_len = r->in.pos - r->fstart;
	else if (r->st == ST_QUOTED || r->st == ST_QUOTE)
		field_len = r->wpos - r->fstart;
	if (field_len > CG_CSV_FIELD_MAX)
		row_error(r, CG_LIMIT, field_no(r), "longer than %zu bytes",
			  CG_CSV_FIELD_MAX);
	else if (r->in.pos - r->rec > CG_CSV_RECORD_MAX)
		row_error(r, CG_LIMIT, 0, "record longer than %zu bytes",
			  CG_CSV_RECORD_MAX);
}

/*
 * Called with pos == end: keeps what the record still needs (nothing of a
 * bad record), makes room for one read and reads (readbuf_refill). Sets
 * in.at_eof when nothing more comes.
 */
static enum cg_status refill(struct cg_csv_reader *r)
{
	size_t keep_from;

	check_partial(r);
	keep_from = (r->bad || r->st == ST_RECORD) ? r->in.pos : r->rec;
	/* Offsets before keep_from are only dropped in a bad record, which
	 * no longer uses them; clamp to stay in the buffer. */
	r->rec = r->rec > keep_from ? r->rec - keep_from : 0;
	r->fstart = r->fstart > keep_from ? r->fstart - keep_from : 0;
	r->wpos = r->wpos > keep_from ? r->wpos - keep_from : 0;
	r->cr_end = r->cr_end > keep_from ? r->cr_end - keep_from : 0;
	return readbuf_refill(&r->in, keep_from);
}

/* Returns the first byte in [p, e) whose table entry is set, or e. */
static const unsigned char *scan(const unsigned char *p, const unsigned char *e,
				 const unsigned char *table)
{
	while (e - p >= 4) {
		if (table[p[0]])
			return p;
		if (table[p[1]])
			return p + 1;
		if (table[p[2]])
			return p + 2;
		if (table[p[3]])
			return p + 3;
		p += 4;
	}
	while (p < e && !table[*p])
		p++;
	return p;
}

/*
 * The record is complete (its line end, if any, consumed): checks the
 * record cap, makes the views and resets the state for the next record.
 */
static void finish_record(struct cg_csv_reader *r)
{
	r->st = ST_RECORD;
	if (!r->bad && r->in.base + r->in.pos - r->rec_offset > CG_CSV_RECORD_MAX)
		row_error(r, CG_LIMIT, 0, "record longer than %zu bytes",
			  CG_CSV_RECORD_MAX);
	if (r->bad)
		return;
	if (r->nspans > r->fields_cap) {
		free(r->fields);
		r->fields_cap = r->spans_cap;
		r->fields = cg_xcalloc(r->fields_cap, sizeof(*r->fields));
	}
	for (size_t i = 0; i < r->nspans; i++) {
		char *p = r->in.buf + r->rec + r->spans[i].off;
		/* The byte after a field is its delimiter, closing quote, line
		 * end or dropped-quote slack, all consumed, or buf[end] at
		 * the end of the file: the spare byte. */
		p[r->spans[i].len] = '\0';
		r->fields[i].ptr = p;
		r->fields[i].len = r->spans[i].len;
	}
}

/*
 * Runs the state machine until a record is complete (returns CG_OK with
 * *done set), the input ends (CG_OK, *done clear) or a file error.
 */
static enum cg_status parse(struct cg_csv_reader *r, bool *done)
{
	enum cg_status rc;
	unsigned char *b;
	unsigned char c;

	*done = false;
	for (;;) {
		if (r->in.pos == r->in.end) {
			if (!r->in.at_eof) {
				if ((rc = refill(r)))
					return rc;
				continue;
			}
			switch (r->st) {
			case ST_RECORD:
				return CG_OK;
			case ST_FIELD:
				end_field(r, r->in.pos, 0);
				break;
			case ST_PLAIN:
				end_field(r, r->fstart, r->in.pos - r->fstart);
				break;
			case ST_QUOTE:
				end_field(r, r->fstart, r->wpos - r->fstart);
				break;
			case ST_CR:
				if (r->cr_alone) {
					r->st = ST_RECORD;
					return CG_OK;
				}
				end_field(r, r->fstart, r->cr_end - r->fstart);
				break;
			case ST_QUOTED:
				return readbuf_fail(&r->in, CG_INVALID,
						    "%s:%llu: unterminated quoted field "
						    "(started here)", r->in.name,
						    (unsigned long long)r->quote_line);
			}
			finish_record(r);
			*done = true;
			return CG_OK;
		}

		b = (unsigned char *)r->in.buf;
		switch (r->st) {
		case ST_RECORD:
			c = b[r->in.pos];
			if (c == '\n') { /* an empty line: skip it */
				r->in.pos++;
				r->line++;
				continue;
			}
			begin_record(r);
			if (c == '\r') {
				r->fstart = r->cr_end = r->in.pos++;
				r->cr_alone = true;
				r->st = ST_CR;
				continue;
			}
			/* fall through */
		case ST_FIELD:
			if (b[r->in.pos] == '"') {
				r->quote_line = r->line;
				r->fstart = r->wpos = ++r->in.pos;
				r->st = ST_QUOTED;
				continue;
			}
			r->fstart = r->in.pos;
			r->st = ST_PLAIN;
			/* fall through */
		case ST_PLAIN: {
			const unsigned char *p = scan(b + r->in.pos, b + r->in.end, r->stop);
			r->in.pos = (size_t)(p - b);
			if (r->in.pos == r->in.end)
				continue;
			c = *p;
			r->in.pos++;
			if (c == r->delim) {
				end_field(r, r->fstart, r->in.pos - 1 - r->fstart);
				r->st = ST_FIELD;
			} else if (c == '\n') {
				end_field(r, r->fstart, r->in.pos - 1 - r->fstart);
				r->line++;
				finish_record(r);
				*done = true;
				return CG_OK;
			} else if (c == '\r') {
				r->cr_end = r->in.pos - 1;
				r->cr_alone = false;
				r->st = ST_CR;
			} else if (c == '"') {
				row_error(r, CG_INVALID, field_no(r),
					  "quote inside an unquoted field (quote the "
					  "whole field and double the quote)");
			} else {
				row_error(r, CG_INVALID, field_no(r),
					  "NUL byte (is the file UTF-16 or binary?)");
			}
			continue;
		}
		case ST_QUOTED: {
			const unsigned char *p = b + r->in.pos;
			const unsigned char *e = b + r->in.end;
			for (;;) {
				p = scan(p, e, r->qstop);
				if (p == e || *p == '"')
					break;
				if (*p == '\n')
					r->line++;
				else
					row_error(r, CG_INVALID, field_no(r),
						  "NUL byte (is the file UTF-16 or "
						  "binary?)");
				p++;
			}
			/* Content up to p; move it down over dropped quotes. */
			size_t n = (size_t)(p - (b + r->in.pos));
			if (!r->bad && r->wpos != r->in.pos)
				memmove(b + r->wpos, b + r->in.pos, n);
			r->wpos += n;
			r->in.pos += n;
			if (p != e) {
				r->in.pos++;
				r->st = ST_QUOTE;
			}
			continue;
		}
		case ST_QUOTE:
			c = b[r->in.pos];
			if (c == '"') { /* "" stands for one quote */
				if (!r->bad)
					b[r->wpos] = '"';
				r->wpos++;
				r->in.pos++;
				r->st = ST_QUOTED;
			} else if (c == r->delim) {
				end_field(r, r->fstart, r->wpos - r->fstart);
				r->in.pos++;
				r->st = ST_FIELD;
			} else if (c == '\n') {
				end_field(r, r->fstart, r->wpos - r->fstart);
				r->in.pos++;
				r->line++;
				finish_record(r);
				*done = true;
				return CG_OK;
			} else if (c == '\r') {
				r->cr_end = r->wpos;
				r->cr_alone = false;
				r->in.pos++;
				r->st = ST_CR;
			} else {
				/* The rest of the field is read as plain
				 * data, only to find where the record ends. */
				row_error(r, CG_INVALID, field_no(r),
					  "characters after the closing quote (a quote "
					  "inside a quoted field must be doubled)");
				r->st = ST_PLAIN;
			}
			continue;
		case ST_CR:
			c = b[r->in.pos];
			if (c == '\n') {
				r->in.pos++;
				if (r->cr_alone) { /* an empty CRLF line */
					r->line++;
					r->st = ST_RECORD;
					continue;
				}
				end_field(r, r->fstart, r->cr_end - r->fstart);
				r->line++;
				finish_record(r);
				*done = true;
				return CG_OK;
			}
			/* The CR was data after all; read on from the byte
			 * after it as plain data. */
			row_error(r, CG_INVALID, field_no(r),
				  "carriage return not followed by a line feed");
			r->st = ST_PLAIN;
			continue;
		}
	}
}

enum cg_status cg_csv_next(struct cg_csv_reader *r, struct cg_csv_row *row,
			   bool *eof, struct cg_error *err)
{
	enum cg_status rc;
	bool done;

	memset(row, 0, sizeof(*row));
	*eof = false;
	if (r->in.failed)
		return cg_fail(err, r->in.failed, "%s", r->in.fail.message);
	if (!r->in.started && (rc = readbuf_start(&r->in)))
		return cg_fail(err, rc, "%s", r->in.fail.message);
	rc = parse(r, &done);
	row->line = r->rec_line;
	row->offset = r->rec_offset;
	if (rc)
		return cg_fail(err, rc, "%s", r->in.fail.message);
	if (!done) {
		*eof = true;
		row->line = r->line;
		row->offset = r->in.base + r->in.pos;
		return CG_OK;
	}
	if (r->bad) {
		row->bad = true;
		row->bad_field = r->bad_field;
		return cg_fail(err, r->bad_code, "%s", r->bad_msg);
	}
	row->fields = r->fields;
	row->nfields = r->nspans;
	return CG_OK;
}

void cg_csv_write_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
