/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_jsonl.c - libFuzzer target for the JSON Lines reader
 * (src/ingest/jsonl.c).
 *
 * Built only with -DCG_FUZZ=ON and clang (tests/fuzz/CMakeLists.txt); run
 * with `make check-fuzz`. Each input is read twice through fmemopen, with
 * the default read size and with a tiny one, and the readings must agree.
 * It checks that line numbers and offsets only grow, that every row is an
 * object that survives a dump and reload unchanged, that a file error is
 * sticky and that end of file means every byte was consumed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "ingest/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The large read size: more than any input the fuzzer makes by default
 * (-max_len 4096), so one read takes it all, as the default 256 KiB would;
 * smaller than the default only because allocating 256 KiB per reading
 * costs an mmap and a munmap and slows the fuzzer several times over. */
#define BIG_READ ((size_t)32 << 10)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz_jsonl: %s:%d: %s\n", __FILE__,   \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

static void add_u64(struct cg_buf *b, uint64_t v)
{
	cg_buf_add(b, &v, sizeof(v), NULL);
}

static void read_all(const uint8_t *data, size_t size, size_t rs,
		     struct cg_buf *events)
{
	struct cg_jsonl_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	FILE *f = size ? fmemopen((void *)data, size, "r") : tmpfile();
	uint64_t last_line = 0, last_offset = 0;
	bool first = true;

	CHECK(f != NULL);
	CHECK(cg_jsonl_open(f, "fuzz", &r, &err) == CG_OK);
	cg_jsonl_set_read_size(r, rs);
	for (size_t calls = 0; calls <= size + 1; calls++) {
		struct cg_jsonl_row row;
		bool eof = true;
		enum cg_status rc = cg_jsonl_next(r, &row, &eof, &err);

		add_u64(events, (uint64_t)rc);
		if (rc != CG_OK) {
			CHECK(err.code == rc);
			CHECK(strncmp(err.message, "fuzz", 4) == 0);
			CHECK(row.object == NULL);
		}
		if (rc != CG_OK && !row.bad) {
			CHECK(cg_jsonl_next(r, &row, &eof, NULL) == rc);
			break;
		}
		if (rc == CG_OK && eof) {
			CHECK(cg_jsonl_tell(r) == size);
			break;
		}
		CHECK(first || row.line > last_line);
		CHECK(first || row.offset > last_offset);
		CHECK(row.offset < size);
		first = false;
		last_line = row.line;
		last_offset = row.offset;
		add_u64(events, row.line);
		add_u64(events, row.offset);
		if (rc != CG_OK) {
			cg_buf_addstr(events, err.message, NULL);
			continue;
		}
		CHECK(json_is_object(row.object));
		char *js = json_dumps(row.object, JSON_COMPACT | JSON_SORT_KEYS |
						  JSON_ENCODE_ANY);
		CHECK(js != NULL);
		json_error_t jerr;
		json_t *back = json_loads(js, JSON_REJECT_DUPLICATES, &jerr);
		CHECK(back != NULL && json_equal(back, row.object));
		json_decref(back);
		cg_buf_addstr(events, js, NULL);
		free(js);
	}
	cg_jsonl_close(r);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_buf a = CG_BUF_INIT, b = CG_BUF_INIT;
	read_all(data, size, BIG_READ, &a);
	read_all(data, size, size ? 1 + data[size - 1] % 7 : 1, &b);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	cg_buf_release(&a);
	cg_buf_release(&b);
	return 0;
}
