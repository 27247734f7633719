/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * jsonl.h - streaming JSON Lines reader (capabilities layer, ingest).
 *
 * Reads a JSON Lines file (https://jsonlines.org/) one line at a time from
 * a FILE * through a fixed-size buffer, so memory stays flat however large
 * the file: the buffer holds the line being read plus one read, and no line
 * may exceed CG_JSONL_LINE_MAX. Each line is parsed with jansson
 * (json_loadb with JSON_REJECT_DUPLICATES) and must be one JSON object.
 *
 * The format:
 *   - lines end with LF; a CR before the LF is dropped (CRLF files work);
 *     the last line may lack its newline;
 *   - a UTF-8 byte order mark at the start of the file is skipped; a
 *     UTF-16 one makes the file unreadable;
 *   - blank lines (empty, or only spaces, tabs and CRs) are skipped;
 *   - jansson checks the rest: UTF-8, escapes, numbers (integers beyond
 *     64 bits are an error), nesting depth (at most 2048), no "\u0000".
 *
 * Two kinds of failure, told apart by row->bad, as for the CSV reader:
 *
 *   ROW ERRORS (row->bad is true) reject one line; the caller records the
 *   reject (err->message says "file:line: column C: reason") and calls
 *   cg_jsonl_next again, which goes on at the next line:
 *     CG_INVALID  the line is not valid JSON (jansson's message and
 *                 column), is valid JSON but not an object, or repeats a
 *                 key in one object;
 *     CG_LIMIT    the line is longer than CG_JSONL_LINE_MAX bytes; the
 *                 rest of it is skipped without being kept.
 *
 *   FILE ERRORS (row->bad is false, status not CG_OK) mean the file cannot
 *   be read further; every later call returns the same status and message:
 *     CG_INVALID  a UTF-16 byte order mark;
 *     CG_IO       a read error.
 *
 * Line numbers are physical (1 + the LF bytes before the line).
 * Not thread-safe: one reader is used by one thread at a time.
 */
#ifndef CG_INGEST_JSONL_H
#define CG_INGEST_JSONL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error.h"

#define CG_JSONL_LINE_MAX ((size_t)4 << 20) /* bytes in a line, LF/CRLF not counted */
#define CG_JSONL_READ_SIZE ((size_t)256 << 10) /* default bytes per fread */

struct cg_jsonl_reader;

/* One line, filled by cg_jsonl_next. */
struct cg_jsonl_row {
	/* The line's object. Borrowed: the reader releases it at the next
	 * cg_jsonl_next or at cg_jsonl_close; json_incref it to keep it.
	 * The caller may read and modify it. NULL on end of file and on
	 * any error. */
	json_t *object;
	/* 1-based physical line number. */
	uint64_t line;
	/* Byte offset of the line's first byte from the start of the file
	 * (a skipped byte order mark counts), for progress reports. */
	uint64_t offset;
	/* True when the status returned is a row error: reject this line and
	 * call cg_jsonl_next again. False for CG_OK and for file errors. */
	bool bad;
};

/*
 * Creates a reader over `f`, which stays the caller's: the reader never
 * closes it. `name` (copied) names the input in messages; NULL means
 * "<input>". Nothing is read yet. Allocates the reader (*out, release with
 * cg_jsonl_close). Out-of-memory aborts. Always CG_OK today; the status is
 * there so callers need not change if opening learns to fail.
 */
enum cg_status cg_jsonl_open(FILE *f, const char *name,
			     struct cg_jsonl_reader **out, struct cg_error *err);

/* Frees the reader, its buffer and the last object (not the FILE).
 * Accepts NULL. */
void cg_jsonl_close(struct cg_jsonl_reader *r);

/* Bytes asked of fread at a time (default CG_JSONL_READ_SIZE; minimum 1).
 * For tests. Call before the first cg_jsonl_next. */
void cg_jsonl_set_read_size(struct cg_jsonl_reader *r, size_t size);

/*
 * Reads the next non-blank line into *row.
 *   CG_OK, *eof false   row->object holds the line's object;
 *   CG_OK, *eof true    no more lines; calling again keeps answering so;
 *   failure, row->bad   row error: err says "file:line: ...": call again;
 *   failure, !row->bad  file error: stop.
 * `err` may be NULL; it is filled only on failure.
 */
enum cg_status cg_jsonl_next(struct cg_jsonl_reader *r, struct cg_jsonl_row *row,
			     bool *eof, struct cg_error *err);

/* Byte offset in the file of the first byte not yet consumed. */
uint64_t cg_jsonl_tell(const struct cg_jsonl_reader *r);

#endif
