/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_csv.c - libFuzzer target for the CSV reader (src/ingest/csv.c).
 *
 * Built only with -DCG_FUZZ=ON and clang (tests/fuzz/CMakeLists.txt); run
 * with `make check-fuzz`. Each input is read twice through fmemopen, once
 * with the default read size and once with a tiny one chosen from the
 * input, and the two readings must agree event for event. Along the way it
 * checks the reader's promises: line numbers and offsets only grow and stay
 * inside the input, every field is NUL-terminated and within the caps, a
 * file error is sticky, end of file means every byte was consumed. Finally
 * the good records are written back as CSV (every field quoted) and read
 * again: that must give the same records (unescaping is exact).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "ingest/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The large read size: more than any input the fuzzer makes by default
 * (-max_len 4096), so one read takes it all, as the default 256 KiB would;
 * smaller than the default only because allocating 256 KiB per reading
 * costs an mmap and a munmap and slows the fuzzer several times over. */
#define BIG_READ ((size_t)32 << 10)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz_csv: %s:%d: %s\n", __FILE__,     \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

static FILE *open_input(const void *data, size_t size)
{
	FILE *f = size ? fmemopen((void *)data, size, "r") : tmpfile();
	CHECK(f != NULL);
	return f;
}

static void add_u64(struct cg_buf *b, uint64_t v)
{
	cg_buf_add(b, &v, sizeof(v), NULL);
}

/*
 * Reads all of data with read size `rs`. Appends every event
 * to `events` and the good records, re-encoded, to `csv` (if not NULL).
 */
static void read_all(const uint8_t *data, size_t size, char delim, size_t rs,
		     struct cg_buf *events, struct cg_buf *csv)
{
	struct cg_csv_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	FILE *f = open_input(data, size);
	uint64_t last_line = 0, last_offset = 0, lines = 1;
	bool first = true;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	CHECK(cg_csv_open(f, "fuzz", delim, &r, &err) == CG_OK);
	cg_csv_set_read_size(r, rs);
	/* Each call that is not the end consumes at least one byte. */
	for (size_t calls = 0; calls <= size + 1; calls++) {
		struct cg_csv_row row;
		bool eof = true;
		enum cg_status rc = cg_csv_next(r, &row, &eof, &err);

		add_u64(events, (uint64_t)rc);
		if (rc != CG_OK) {
			CHECK(err.code == rc);
			CHECK(strncmp(err.message, "fuzz", 4) == 0);
			CHECK(row.fields == NULL && row.nfields == 0);
		}
		if (rc != CG_OK && !row.bad) {
			struct cg_error again = CG_ERROR_INIT;
			CHECK(rc == CG_INVALID || rc == CG_IO);
			CHECK(cg_csv_next(r, &row, &eof, &again) == rc);
			CHECK(strcmp(again.message, err.message) == 0);
			break;
		}
		if (rc == CG_OK && eof) {
			CHECK(cg_csv_tell(r) == size);
			break;
		}
		CHECK(first || row.line > last_line);
		CHECK(first || row.offset > last_offset);
		CHECK(row.line >= 1 && row.line <= lines);
		CHECK(row.offset < size);
		CHECK(cg_csv_tell(r) > row.offset && cg_csv_tell(r) <= size);
		first = false;
		last_line = row.line;
		last_offset = row.offset;
		add_u64(events, row.line);
		add_u64(events, row.offset);
		add_u64(events, cg_csv_tell(r));
		if (rc != CG_OK) {
			CHECK(rc == CG_INVALID || rc == CG_LIMIT);
			CHECK(row.bad_field <= CG_CSV_FIELDS_MAX + 1);
			add_u64(events, row.bad_field);
			continue;
		}
		CHECK(!row.bad);
		CHECK(row.nfields >= 1 && row.nfields <= CG_CSV_FIELDS_MAX);
		add_u64(events, row.nfields);
		size_t total = 0;
		for (size_t i = 0; i < row.nfields; i++) {
			struct cg_str s = row.fields[i];
			CHECK(s.len <= CG_CSV_FIELD_MAX);
			CHECK(s.ptr[s.len] == '\0');
			CHECK(memchr(s.ptr, '\0', s.len) == NULL);
			total += s.len;
			add_u64(events, s.len);
			cg_buf_add(events, s.ptr, s.len, NULL);
			if (csv) {
				if (i)
					cg_buf_addch(csv, delim, NULL);
				cg_buf_addch(csv, '"', NULL);
				for (size_t j = 0; j < s.len; j++) {
					if (s.ptr[j] == '"')
						cg_buf_addch(csv, '"', NULL);
					cg_buf_addch(csv, s.ptr[j], NULL);
				}
				cg_buf_addch(csv, '"', NULL);
			}
		}
		CHECK(total <= size);
		if (csv)
			cg_buf_addstr(csv, "\r\n", NULL);
	}
	cg_csv_close(r);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The delimiter is ',' unless the input starts with another one. */
	char delim = size && (data[0] == ';' || data[0] == '\t' || data[0] == '|')
			     ? (char)data[0]
			     : ',';
	size_t small = size ? 1 + data[size - 1] % 7 : 1;
	struct cg_buf a = CG_BUF_INIT, b = CG_BUF_INIT;
	struct cg_buf csv = CG_BUF_INIT, again = CG_BUF_INIT, ev = CG_BUF_INIT;

	read_all(data, size, delim, BIG_READ, &a, &csv);
	read_all(data, size, delim, small, &b, NULL);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);

	/* Round trip: what was read, written back, reads the same. */
	if (size < 65536) {
		read_all((const uint8_t *)csv.data, csv.len, delim, BIG_READ, &ev, &again);
		CHECK(again.len == csv.len && memcmp(again.data, csv.data, csv.len) == 0);
	}
	cg_buf_release(&a);
	cg_buf_release(&b);
	cg_buf_release(&csv);
	cg_buf_release(&again);
	cg_buf_release(&ev);
	return 0;
}
