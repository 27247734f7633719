/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readbuf.h - the input buffer under the streaming readers (capabilities
 * layer, ingest; internal to csv.c and jsonl.c).
 *
 * What the CSV and JSON Lines readers share: a FILE * read through one
 * buffer that holds the unfinished record (or line) plus one read, so
 * memory stays flat however large the file; a cap on what a reader may
 * keep across reads, which bounds the buffer; the byte order mark at the
 * start of the file (UTF-8's skipped, UTF-16's refused); and a sticky file
 * error. The readers keep their own parse state and offsets into `buf`;
 * readbuf_refill says how many bytes it dropped from the front so they can
 * move those offsets with it.
 *
 * Not thread-safe: one reader is used by one thread at a time.
 */
#ifndef CG_INGEST_READBUF_H
#define CG_INGEST_READBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/error.h"

struct readbuf {
	FILE *f;               /* borrowed from the caller, never closed */
	char *name;            /* owned copy, names the input in messages */
	char *buf;             /* cap + 1 bytes: one spare byte after the data,
				* which the CSV reader uses for a NUL */
	size_t cap;            /* bytes of data buf can hold */
	size_t pos;            /* next byte the reader will look at */
	size_t end;            /* bytes of data in buf */
	size_t read_size;      /* bytes asked of each fread (at least 1) */
	size_t keep_max;       /* most bytes a reader keeps across a refill
				* (its record or line cap, plus slack) */
	bool at_eof;           /* fread reported end of file */
	bool started;          /* the byte order mark has been handled */
	uint64_t base;         /* file offset of buf[0] */
	enum cg_status failed; /* sticky file error, CG_OK while readable */
	struct cg_error fail;  /* its message */
};

/*
 * Sets up caller-provided storage to read `f` (borrowed) in pieces of
 * `read_size` bytes, keeping at most `keep_max` bytes across reads. `name`
 * is copied; NULL means "<input>". Nothing is read yet; no buffer is
 * allocated before the first refill.
 */
void readbuf_init(struct readbuf *b, FILE *f, const char *name, size_t read_size,
		  size_t keep_max);

/* Frees the name and the buffer (not the FILE). Accepts a zeroed struct. */
void readbuf_release(struct readbuf *b);

/* Sets the read size (0 means 1). Call before the first refill. */
void readbuf_set_read_size(struct readbuf *b, size_t size);

/*
 * Records a sticky file error (code and printf-style message) and returns
 * the code. Later calls of the reader should answer with b->failed and
 * b->fail.message.
 */
__attribute__((format(printf, 3, 4)))
enum cg_status readbuf_fail(struct readbuf *b, enum cg_status code, const char *fmt, ...);

/*
 * Drops buf[0 .. keep_from) (keep_from <= end), moves what follows to the
 * front, makes room for one read and reads it. b->pos, b->end and b->base
 * move with the data (b->pos becomes 0 if it was inside the dropped part);
 * the caller moves its own offsets into buf down by keep_from. The buffer
 * grows by doubling up to keep_max plus one read; the caller must keep no
 * more than keep_max bytes (it checks its cap before calling). Sets
 * b->at_eof when nothing more comes. A read error is a sticky CG_IO.
 * Out-of-memory aborts.
 */
enum cg_status readbuf_refill(struct readbuf *b, size_t keep_from);

/*
 * Handles the start of the file, once, before anything else is read:
 * skips a UTF-8 byte order mark (b->pos becomes 3; the mark counts in file
 * offsets) and refuses a UTF-16 one with a sticky CG_INVALID. Sets
 * b->started.
 */
enum cg_status readbuf_start(struct readbuf *b);

#endif
