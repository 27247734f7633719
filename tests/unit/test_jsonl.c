/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_jsonl.c - unit tests for ingest/jsonl (the JSON Lines reader).
 *
 * As in test_csv.c, each case is read through fmemopen with several read
 * sizes, down to one byte, and everything the reader said is rendered as
 * text and compared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "ingest/jsonl.h"

static FILE *open_input(const char *in, size_t len)
{
	FILE *f = len ? fmemopen((void *)in, len, "r") : tmpfile();
	assert_non_null(f);
	return f;
}

/*
 * Reads all of `in` with read size `rs` (0: the default) and returns the
 * rendering (caller frees):
 *   L<line>@<offset>:<compact JSON, keys sorted>   an object
 *   L<line>@<offset>:!<CODE> <message>             a row error
 *   !!<CODE> <message>                             a file error
 *   EOF
 */
static char *render(const char *in, size_t len, size_t rs)
{
	struct cg_buf out = CG_BUF_INIT;
	struct cg_jsonl_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	FILE *f = open_input(in, len);
	uint64_t last_line = 0;

	assert_int_equal(cg_jsonl_open(f, "t.jsonl", &r, &err), CG_OK);
	if (rs)
		cg_jsonl_set_read_size(r, rs);
	for (int calls = 0; calls < 10000; calls++) {
		struct cg_jsonl_row row;
		bool eof;
		enum cg_status rc = cg_jsonl_next(r, &row, &eof, &err);
		if (rc != CG_OK && !row.bad) {
			cg_buf_printf(&out, NULL, "!!%s %s\n", cg_status_name(rc),
				      err.message);
			assert_int_equal(cg_jsonl_next(r, &row, &eof, NULL), rc);
			break;
		}
		if (rc == CG_OK && eof) {
			assert_null(row.object);
			cg_buf_addstr(&out, "EOF\n", NULL);
			assert_int_equal(cg_jsonl_next(r, &row, &eof, NULL), CG_OK);
			assert_true(eof);
			break;
		}
		assert_true(row.line > last_line);
		last_line = row.line;
		cg_buf_printf(&out, NULL, "L%llu@%llu:", (unsigned long long)row.line,
			      (unsigned long long)row.offset);
		if (rc != CG_OK) {
			assert_null(row.object);
			cg_buf_printf(&out, NULL, "!%s %s\n", cg_status_name(rc),
				      err.message);
			continue;
		}
		assert_true(json_is_object(row.object));
		char *js = json_dumps(row.object, JSON_COMPACT | JSON_SORT_KEYS);
		cg_buf_printf(&out, NULL, "%s\n", js);
		free(js);
	}
	assert_true(cg_jsonl_tell(r) <= len);
	cg_jsonl_close(r);
	fclose(f);
	return cg_buf_detach(&out, NULL);
}

static const size_t read_sizes[] = { 0, 1, 2, 3, 5, 8, 64 };

static void expect(const char *in, size_t len, const char *want)
{
	for (size_t i = 0; i < sizeof(read_sizes) / sizeof(read_sizes[0]); i++) {
		char *got = render(in, len, read_sizes[i]);
		if (strcmp(got, want) != 0)
			fail_msg("read size %zu:\n--- want\n%s--- got\n%s",
				 read_sizes[i], want, got);
		free(got);
	}
}
#define EXPECT(lit, want) expect(lit, sizeof(lit) - 1, want)

static void objects_one_per_line(void **state)
{
	EXPECT("{\"a\":1}\n{\"b\":[true,null],\"c\":\"x\"}\n",
	       "L1@0:{\"a\":1}\nL2@8:{\"b\":[true,null],\"c\":\"x\"}\nEOF\n");
	EXPECT("", "EOF\n");
	EXPECT("{}", "L1@0:{}\nEOF\n");
	EXPECT("  {\"n\": 9007199254740993}  \n",
	       "L1@0:{\"n\":9007199254740993}\nEOF\n");
}

static void line_ends_bom_and_blank_lines(void **state)
{
	EXPECT("{\"a\":1}\r\n{\"b\":2}\r\n", "L1@0:{\"a\":1}\nL2@9:{\"b\":2}\nEOF\n");
	EXPECT("\xef\xbb\xbf{\"a\":1}\n", "L1@3:{\"a\":1}\nEOF\n");
	EXPECT("\n \t\n\r\n{\"a\":1}\n\n", "L4@6:{\"a\":1}\nEOF\n");
	EXPECT("{\"a\":1}\n{\"b\":2}", "L1@0:{\"a\":1}\nL2@8:{\"b\":2}\nEOF\n");
	EXPECT("\xff\xfe{\0", "!!INVALID t.jsonl: the file is UTF-16 (byte order mark "
			      "FF FE); save it as UTF-8\n");
}

static void bad_lines_are_row_errors(void **state)
{
	EXPECT("{\"a\":1}\n{bad}\n{\"c\":3}\n",
	       "L1@0:{\"a\":1}\n"
	       "L2@8:!INVALID t.jsonl:2: column 4: string or '}' expected near 'bad'\n"
	       "L3@14:{\"c\":3}\nEOF\n");
	EXPECT("[1,2]\n42\n\"s\"\n",
	       "L1@0:!INVALID t.jsonl:1: a JSON array, not an object\n"
	       "L2@6:!INVALID t.jsonl:2: column 2: '[' or '{' expected near '42'\n"
	       "L3@9:!INVALID t.jsonl:3: column 3: '[' or '{' expected near '\"s\"'\n"
	       "EOF\n");
	EXPECT("{\"a\":1} {\"b\":2}\n",
	       "L1@0:!INVALID t.jsonl:1: column 9: end of file expected near '{'\n"
	       "EOF\n");
	/* An object split over two lines is two bad lines. */
	EXPECT("{\"a\":\n1}\n",
	       "L1@0:!INVALID t.jsonl:1: column 5: unexpected token near end of file\n"
	       "L2@6:!INVALID t.jsonl:2: column 1: '[' or '{' expected near '1'\n"
	       "EOF\n");
}

static void duplicate_keys_rejected(void **state)
{
	EXPECT("{\"a\":1,\"a\":2}\n{\"o\":{\"k\":1,\"k\":1}}\n",
	       "L1@0:!INVALID t.jsonl:1: column 10: duplicate object key near '\"a\"'\n"
	       "L2@14:!INVALID t.jsonl:2: column 15: duplicate object key near '\"k\"'\n"
	       "EOF\n");
}

static void encoding_checked_by_jansson(void **state)
{
	EXPECT("{\"a\":\"\xc0\x80\"}\n{\"nul\":\"\\u0000\"}\n{}\n",
	       "L1@0:!INVALID t.jsonl:1: column 6: unable to decode byte 0xc0 near '\"'\n"
	       "L2@11:!INVALID t.jsonl:2: column 15: \\u0000 is not allowed without "
	       "JSON_ALLOW_NUL near '\"\\u0000\"'\n"
	       "L3@28:{}\nEOF\n");
	EXPECT("{\"a\":\"\0\"}\n{}\n",
	       "L1@0:!INVALID t.jsonl:1: column 6: control character 0x0 near '\"'\n"
	       "L2@10:{}\nEOF\n");
}

/* A line of `n` bytes: {"a":"xxx...x"} */
static size_t long_line(char *s, size_t n)
{
	memcpy(s, "{\"a\":\"", 6);
	memset(s + 6, 'x', n - 8);
	memcpy(s + n - 2, "\"}", 2);
	return n;
}

static void long_lines(void **state)
{
	size_t cap = 2 * CG_JSONL_LINE_MAX + 64;
	char *s = malloc(cap);
	size_t len;
	assert_non_null(s);

	/* Exactly at the cap (plus a CR): accepted. */
	len = long_line(s, CG_JSONL_LINE_MAX);
	memcpy(s + len, "\r\n{}\n", 5);
	len += 5;
	static const size_t sizes[] = { 0, 1, 4099 };
	for (size_t i = 0; i < 3; i++) {
		char *got = render(s, len, sizes[i]);
		assert_int_equal(strncmp(got, "L1@0:{\"a\":\"xxx", 14), 0);
		const char *tail = "xx\"}\nL2@4194306:{}\nEOF\n";
		assert_string_equal(got + strlen(got) - strlen(tail), tail);
		free(got);
	}

	/* One byte over: a row error, then the next line. */
	len = long_line(s, CG_JSONL_LINE_MAX + 1);
	memcpy(s + len, "\n{\"b\":1}\n", 9);
	len += 9;
	for (size_t i = 0; i < 3; i++) {
		char *got = render(s, len, sizes[i]);
		assert_string_equal(got, "L1@0:!LIMIT t.jsonl:1: line longer than 4194304 "
					 "bytes\nL2@4194306:{\"b\":1}\nEOF\n");
		free(got);
	}

	/* Twice the cap, at the end of the file with no newline, after a
	 * good line. */
	memcpy(s, "{}\n", 3);
	memset(s + 3, 'z', 2 * CG_JSONL_LINE_MAX);
	len = 3 + 2 * CG_JSONL_LINE_MAX;
	for (size_t i = 0; i < 3; i++) {
		char *got = render(s, len, sizes[i]);
		assert_string_equal(got, "L1@0:{}\nL2@3:!LIMIT t.jsonl:2: line longer "
					 "than 4194304 bytes\nEOF\n");
		free(got);
	}
	free(s);
}

static void object_is_borrowed_until_the_next_call(void **state)
{
	const char in[] = "{\"name\":\"Ann\"}\n{\"name\":\"Bob\"}\n";
	FILE *f = open_input(in, sizeof(in) - 1);
	struct cg_jsonl_reader *r = NULL;
	struct cg_jsonl_row row;
	bool eof;
	json_t *kept;

	assert_int_equal(cg_jsonl_open(f, NULL, &r, NULL), CG_OK);
	assert_int_equal(cg_jsonl_next(r, &row, &eof, NULL), CG_OK);
	kept = json_incref(row.object);
	assert_int_equal(cg_jsonl_next(r, &row, &eof, NULL), CG_OK);
	assert_string_equal(json_string_value(json_object_get(kept, "name")), "Ann");
	assert_string_equal(json_string_value(json_object_get(row.object, "name")), "Bob");
	assert_int_equal(cg_jsonl_tell(r), sizeof(in) - 1);
	json_decref(kept);
	/* Closing with a row still held releases it. */
	cg_jsonl_close(r);
	fclose(f);
	cg_jsonl_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(objects_one_per_line),
		cmocka_unit_test(line_ends_bom_and_blank_lines),
		cmocka_unit_test(bad_lines_are_row_errors),
		cmocka_unit_test(duplicate_keys_rejected),
		cmocka_unit_test(encoding_checked_by_jansson),
		cmocka_unit_test(long_lines),
		cmocka_unit_test(object_is_borrowed_until_the_next_call),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
