/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.h - streaming RFC 4180 CSV reader (capabilities layer, ingest).
 *
 * Reads records one at a time from a FILE * through a fixed-size buffer, so
 * memory stays flat however large the file: the buffer holds the record
 * being read plus one read (256 KiB by default), and no record may exceed
 * CG_CSV_RECORD_MAX. Fields are handed out as views into that buffer; no
 * field is copied or allocated.
 *
 * The format (RFC 4180, with the usual relaxations):
 *   - records end with LF or CRLF; the last record may lack its newline;
 *   - a field that starts with `"` is quoted: it runs to the next lone `"`,
 *     may hold the delimiter, CR and LF, and `""` inside stands for one `"`;
 *   - a UTF-8 byte order mark (EF BB BF) at the start of the file is
 *     skipped; a UTF-16 one (FF FE or FE FF) makes the file unreadable;
 *   - empty lines (nothing between two line ends) are skipped, so a record
 *     of one empty field must be written `""`;
 *   - spaces are data: nothing is trimmed;
 *   - a trailing delimiter means a last, empty field (`a,b,` is 3 fields);
 *   - the reader knows nothing of headers or of how many fields a record
 *     should have: the first record is returned like any other;
 *   - bytes are not checked for UTF-8 (see base/utf8.h); NUL bytes are
 *     rejected, so every field is also a C string.
 *
 * Two kinds of failure, told apart by row->bad:
 *
 *   ROW ERRORS (row->bad is true) reject one record and leave the reader
 *   ready for the next: the caller records a reject (err->message already
 *   says "file:line: field N: reason") and calls cg_csv_next again. They are
 *     CG_INVALID  a `"` inside an unquoted field; characters between a
 *                 closing quote and the next delimiter or line end; a CR not
 *                 followed by LF; a NUL byte;
 *     CG_LIMIT    a field over CG_CSV_FIELD_MAX bytes, a record over
 *                 CG_CSV_RECORD_MAX bytes or with more than
 *                 CG_CSV_FIELDS_MAX fields.
 *   Recovery: the reader goes on reading the bad record by the same rules,
 *   with the offending byte taken as plain data (a stray `"` does not open
 *   a quoted field; only a `"` at the very start of a field does), and
 *   resumes after the first line end that is outside quotes. The rest of
 *   the bad record is skipped without being kept, so a giant bad record
 *   costs no memory.
 *
 *   FILE ERRORS (row->bad is false, status not CG_OK) mean the file cannot
 *   be read further; every later call returns the same status and message:
 *     CG_INVALID  "file:line: unterminated quoted field (started here)" -
 *                 a quote opened and never closed before the end of the
 *                 file (which then swallowed everything after it, so no
 *                 later row can be trusted); a UTF-16 byte order mark;
 *     CG_IO       a read error.
 *
 * Line numbers are physical: 1 + the number of LF bytes before the point,
 * so a record with an embedded newline in a quoted field moves the next
 * record's line on by two, as an editor would show it.
 *
 * Not thread-safe: one reader is used by one thread at a time.
 */
#ifndef CG_INGEST_CSV_H
#define CG_INGEST_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"

#define CG_CSV_FIELD_MAX ((size_t)1 << 20)  /* bytes in one field, unescaped */
#define CG_CSV_RECORD_MAX ((size_t)4 << 20) /* bytes of one record as read */
#define CG_CSV_FIELDS_MAX 2048              /* fields in one record */
#define CG_CSV_READ_SIZE ((size_t)256 << 10) /* default bytes per fread */

struct cg_csv_reader;

/*
 * One record, filled by cg_csv_next. Every pointer in it points into the
 * reader and stays valid until the next cg_csv_next or cg_csv_close on the
 * same reader; copy what must live longer.
 */
struct cg_csv_row {
	/* nfields views, quotes removed and `""` turned into `"`; each field
	 * is also NUL-terminated (fields[i].ptr[fields[i].len] == '\0') and
	 * holds no NUL itself. NULL and 0 on end of file and on any error. */
	const struct cg_str *fields;
	size_t nfields;
	/* 1-based physical line of the record's first byte. */
	uint64_t line;
	/* Byte offset of the record's first byte from the start of the file
	 * (a skipped byte order mark counts), for progress reports. */
	uint64_t offset;
	/* True when the status returned is a row error: reject this record
	 * and call cg_csv_next again. False for CG_OK and for file errors. */
	bool bad;
	/* For a row error: 1-based number of the field it was found in, or 0
	 * when it concerns the whole record (record too long, too many
	 * fields). So the caller can name the column. */
	size_t bad_field;
};

/*
 * Creates a reader over `f`, which stays the caller's: the reader never
 * closes it, and the caller closes it after cg_csv_close. `name` (copied)
 * names the input in messages, e.g. the file's path; NULL means "<input>".
 * `delimiter` separates fields: usually ',' or ';' or '\t'; '"', CR, LF
 * and NUL are refused with CG_USAGE. Nothing is read yet. Allocates the
 * reader (*out, release with cg_csv_close). Out-of-memory aborts.
 */
enum cg_status cg_csv_open(FILE *f, const char *name, char delimiter,
			   struct cg_csv_reader **out, struct cg_error *err);

/* Frees the reader and its buffer (not the FILE). Accepts NULL. */
void cg_csv_close(struct cg_csv_reader *r);

/*
 * Bytes asked of fread at a time (default CG_CSV_READ_SIZE; minimum 1).
 * For tests, which check that results do not depend on where reads split
 * the input. Call before the first cg_csv_next.
 */
void cg_csv_set_read_size(struct cg_csv_reader *r, size_t size);

/*
 * Reads the next record into *row.
 *   CG_OK, *eof false   row holds a record;
 *   CG_OK, *eof true    no more records (row->nfields is 0); calling again
 *                       keeps answering end of file;
 *   failure, row->bad   row error: err says "file:line: field N: reason";
 *                       row->line/offset/bad_field locate it; call again;
 *   failure, !row->bad  file error (see above): stop.
 * `err` may be NULL; it is filled only on failure.
 */
enum cg_status cg_csv_next(struct cg_csv_reader *r, struct cg_csv_row *row,
			   bool *eof, struct cg_error *err);

/*
 * Byte offset in the file of the first byte not yet consumed: after a
 * record, the start of whatever follows it. For progress reports.
 */
uint64_t cg_csv_tell(const struct cg_csv_reader *r);

/*
 * Writes one CSV field (RFC 4180): as it is, or between double quotes with
 * inner quotes doubled when it holds a comma, a quote or a line break. No
 * separator is written. For reject files and command-line output.
 */
void cg_csv_write_field(FILE *f, const char *s);

#endif
