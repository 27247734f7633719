/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_csv.c - unit tests for ingest/csv (the streaming RFC 4180 reader).
 *
 * Each case reads its input through fmemopen and renders everything the
 * reader said (rows, row errors, file errors, end of file) as text, then
 * compares with the expected text. Every case is read with several read
 * sizes, down to one byte, and all must render alike: results must not
 * depend on where reads split the input.
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
#include "ingest/csv.h"

static FILE *open_input(const char *in, size_t len)
{
	FILE *f;
	if (len == 0) /* fmemopen refuses a size of 0 */
		f = tmpfile();
	else
		f = fmemopen((void *)in, len, "r");
	assert_non_null(f);
	return f;
}

/* Appends a field with CR, LF, TAB and brackets made visible. */
static void add_field(struct cg_buf *out, struct cg_str s)
{
	cg_buf_addch(out, '[', NULL);
	for (size_t i = 0; i < s.len; i++) {
		switch (s.ptr[i]) {
		case '\n': cg_buf_addstr(out, "\\n", NULL); break;
		case '\r': cg_buf_addstr(out, "\\r", NULL); break;
		case '\t': cg_buf_addstr(out, "\\t", NULL); break;
		case '[': cg_buf_addstr(out, "\\[", NULL); break;
		case ']': cg_buf_addstr(out, "\\]", NULL); break;
		default: cg_buf_addch(out, s.ptr[i], NULL);
		}
	}
	cg_buf_addch(out, ']', NULL);
}

/*
 * Reads all of `in` with read size `rs` (0: the default) and returns the
 * rendering (caller frees):
 *   L<line>@<offset>:[f1][f2]...   a record
 *   L<line>@<offset>:!<CODE>/<field>  a row error
 *   !!<CODE> <message>              a file error (reading stops)
 *   EOF                             the end
 * If `first_msg` is not NULL it receives the first error message.
 */
static char *render(const char *in, size_t len, char delim, size_t rs,
		    char *first_msg)
{
	struct cg_buf out = CG_BUF_INIT;
	struct cg_csv_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	FILE *f = open_input(in, len);
	uint64_t last_line = 0;

	if (first_msg)
		first_msg[0] = '\0';
	assert_int_equal(cg_csv_open(f, "t.csv", delim, &r, &err), CG_OK);
	if (rs)
		cg_csv_set_read_size(r, rs);
	for (int calls = 0; calls < 100000; calls++) {
		struct cg_csv_row row;
		bool eof;
		enum cg_status rc = cg_csv_next(r, &row, &eof, &err);
		if (rc != CG_OK) {
			assert_int_equal(err.code, rc);
			if (first_msg && !first_msg[0])
				memcpy(first_msg, err.message, sizeof(err.message));
		}
		if (rc != CG_OK && !row.bad) {
			cg_buf_printf(&out, NULL, "!!%s %s\n", cg_status_name(rc),
				      err.message);
			/* Sticky: the same answer again. */
			struct cg_error again = CG_ERROR_INIT;
			assert_int_equal(cg_csv_next(r, &row, &eof, &again), rc);
			assert_string_equal(again.message, err.message);
			break;
		}
		if (rc == CG_OK && eof) {
			cg_buf_addstr(&out, "EOF\n", NULL);
			/* End of file keeps answering end of file. */
			assert_int_equal(cg_csv_next(r, &row, &eof, &err), CG_OK);
			assert_true(eof);
			break;
		}
		assert_true(row.line > last_line);
		last_line = row.line;
		cg_buf_printf(&out, NULL, "L%llu@%llu:", (unsigned long long)row.line,
			      (unsigned long long)row.offset);
		if (rc != CG_OK) {
			assert_null(row.fields);
			assert_int_equal(row.nfields, 0);
			cg_buf_printf(&out, NULL, "!%s/%zu\n", cg_status_name(rc),
				      row.bad_field);
			continue;
		}
		assert_false(row.bad);
		assert_true(row.nfields >= 1);
		for (size_t i = 0; i < row.nfields; i++) {
			assert_int_equal(row.fields[i].ptr[row.fields[i].len], '\0');
			assert_null(memchr(row.fields[i].ptr, '\0', row.fields[i].len));
			add_field(&out, row.fields[i]);
		}
		cg_buf_addch(&out, '\n', NULL);
	}
	assert_true(cg_csv_tell(r) <= len);
	cg_csv_close(r);
	fclose(f);
	return cg_buf_detach(&out, NULL);
}

/* Read sizes every case is tried with; 0 is the default (256 KiB). */
static const size_t read_sizes[] = { 0, 1, 2, 3, 4, 5, 7, 13, 64, 4099 };

/* Reads `in` with every read size and checks each rendering is `want`. */
static void expect_d(const char *in, size_t len, char delim, const char *want)
{
	for (size_t i = 0; i < sizeof(read_sizes) / sizeof(read_sizes[0]); i++) {
		char *got = render(in, len, delim, read_sizes[i], NULL);
		if (strcmp(got, want) != 0)
			fail_msg("read size %zu:\n--- want\n%s--- got\n%s",
				 read_sizes[i], want, got);
		free(got);
	}
}

#define EXPECT(lit, want) expect_d(lit, sizeof(lit) - 1, ',', want)

/* The first error message when reading `lit`. */
static void expect_message(const char *in, size_t len, const char *want)
{
	char msg[CG_ERROR_MESSAGE_MAX];
	free(render(in, len, ',', 0, msg));
	assert_string_equal(msg, want);
}
#define EXPECT_MESSAGE(lit, want) expect_message(lit, sizeof(lit) - 1, want)

static void plain_records(void **state)
{
	EXPECT("a,b,c\n1,2,3\n", "L1@0:[a][b][c]\nL2@6:[1][2][3]\nEOF\n");
	EXPECT("one\n", "L1@0:[one]\nEOF\n");
	EXPECT(" spaced , kept \n", "L1@0:[ spaced ][ kept ]\nEOF\n");
	EXPECT("", "EOF\n");
}

static void quoting_and_escapes(void **state)
{
	EXPECT("\"a,b\",\"c\"\"d\",\"\"\n", "L1@0:[a,b][c\"d][]\nEOF\n");
	EXPECT("\"\"\"\"\n", "L1@0:[\"]\nEOF\n");
	EXPECT("\"\"\"a\"\"\",x\n", "L1@0:[\"a\"][x]\nEOF\n");
	EXPECT("\"a\"\"\"\"b\"\n", "L1@0:[a\"\"b]\nEOF\n");
	EXPECT("\"\"\n", "L1@0:[]\nEOF\n");
}

static void embedded_newlines_and_line_numbers(void **state)
{
	EXPECT("\"x\r\ny\",z\nnext\n", "L1@0:[x\\r\\ny][z]\nL3@9:[next]\nEOF\n");
	EXPECT("\"a\nb\nc\",d\ne\n", "L1@0:[a\\nb\\nc][d]\nL4@10:[e]\nEOF\n");
	EXPECT("h\n\"1\n2\",\"3\n\n4\"\nlast", "L1@0:[h]\nL2@2:[1\\n2][3\\n\\n4]\nL6@15:[last]\nEOF\n");
	EXPECT("\"a\rb\"\n", "L1@0:[a\\rb]\nEOF\n");
}

static void byte_order_mark(void **state)
{
	EXPECT("\xef\xbb\xbf" "a,b\n", "L1@3:[a][b]\nEOF\n");
	EXPECT("\xef\xbb\xbf", "EOF\n");
	EXPECT("\xef\xbb\xbf\"q\"\n", "L1@3:[q]\nEOF\n");
	/* Only at the start of the file. */
	EXPECT("a\n\xef\xbb\xbf" "b\n", "L1@0:[a]\nL2@2:[\xef\xbb\xbf" "b]\nEOF\n");
	EXPECT("\xef\xbb", "L1@0:[\xef\xbb]\nEOF\n");
	EXPECT("\xff\xfe" "a\0,\0", "!!INVALID t.csv: the file is UTF-16 (byte order "
				     "mark FF FE); save it as UTF-8\n");
	EXPECT("\xfe\xff\0a", "!!INVALID t.csv: the file is UTF-16 (byte order "
			      "mark FE FF); save it as UTF-8\n");
}

static void line_ends(void **state)
{
	EXPECT("a,b\r\nc,d\r\n", "L1@0:[a][b]\nL2@5:[c][d]\nEOF\n");
	EXPECT("\"a\"\r\n\"b\",\"\"\r\n", "L1@0:[a]\nL2@5:[b][]\nEOF\n");
	EXPECT("a,\r\n", "L1@0:[a][]\nEOF\n");
	/* No newline after the last record, in every state. */
	EXPECT("a,b\nc,d", "L1@0:[a][b]\nL2@4:[c][d]\nEOF\n");
	EXPECT("a,\"b\"", "L1@0:[a][b]\nEOF\n");
	EXPECT("a,b,", "L1@0:[a][b][]\nEOF\n");
	EXPECT("a,b\r", "L1@0:[a][b]\nEOF\n");
	EXPECT("\"a\"\r", "L1@0:[a]\nEOF\n");
	EXPECT("x\n\r", "L1@0:[x]\nEOF\n");
}

static void empty_fields_and_trailing_delimiter(void **state)
{
	EXPECT(",,\n", "L1@0:[][][]\nEOF\n");
	EXPECT("a,b,\n", "L1@0:[a][b][]\nEOF\n");
	EXPECT(",a\n", "L1@0:[][a]\nEOF\n");
	EXPECT(",\r\n,", "L1@0:[][]\nL2@3:[][]\nEOF\n");
}

static void empty_lines_are_skipped(void **state)
{
	EXPECT("\n\na\n\r\n\nb\n\n", "L3@2:[a]\nL6@7:[b]\nEOF\n");
	EXPECT("\n", "EOF\n");
	EXPECT("\r\n\r\n", "EOF\n");
}

static void other_delimiters(void **state)
{
	expect_d("a;b,c;\"d;e\"\n", 12, ';', "L1@0:[a][b,c][d;e]\nEOF\n");
	expect_d("a\tb\t\n", 5, '\t', "L1@0:[a][b][]\nEOF\n");

	struct cg_csv_reader *r = NULL;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_csv_open(stdin, "x", '"', &r, &err), CG_USAGE);
	assert_null(r);
	assert_int_equal(cg_csv_open(stdin, "x", '\n', &r, NULL), CG_USAGE);
	assert_int_equal(cg_csv_open(stdin, "x", '\0', &r, NULL), CG_USAGE);
	cg_csv_close(NULL);
}

static void unterminated_quote_is_a_file_error(void **state)
{
	EXPECT("a,b\n\"c,d\ne,f\n",
	       "L1@0:[a][b]\n!!INVALID t.csv:2: unterminated quoted field "
	       "(started here)\n");
	EXPECT("a,\"", "!!INVALID t.csv:1: unterminated quoted field (started here)\n");
	EXPECT("x\n\n\"ab\"\"", "L1@0:[x]\n!!INVALID t.csv:3: unterminated quoted "
				 "field (started here)\n");
	/* Even in a record that is already bad. */
	EXPECT("a\"b,\"c\n", "!!INVALID t.csv:1: unterminated quoted field (started here)\n");
}

static void bad_quotes_reject_the_row_and_resume(void **state)
{
	EXPECT("a,b\"c,d\nx,y\n", "L1@0:!INVALID/2\nL2@8:[x][y]\nEOF\n");
	EXPECT("\"ab\"c,d\nx\n", "L1@0:!INVALID/1\nL2@8:[x]\n" "EOF\n");
	EXPECT("\"ab\" ,d\nx\n", "L1@0:!INVALID/1\nL2@8:[x]\n" "EOF\n");
	/* A stray quote is data: it opens nothing, so the line still ends. */
	EXPECT("a\"b\nc\n", "L1@0:!INVALID/1\nL2@4:[c]\nEOF\n");
	/* After the error the record is read by the same rules: a quote at
	 * the start of a later field still opens a quoted field. */
	EXPECT("a\"b,\"c\nd\",e\nz\n", "L1@0:!INVALID/1\nL3@12:[z]\nEOF\n");
	EXPECT("\"a\"b\"c\nx\n", "L1@0:!INVALID/1\nL2@7:[x]\nEOF\n");
	EXPECT_MESSAGE("ok\na,b\"c\n",
		       "t.csv:2: field 2: quote inside an unquoted field (quote the "
		       "whole field and double the quote)");
	EXPECT_MESSAGE("\"a\nb\"x\n",
		       "t.csv:1: field 1: characters after the closing quote (a quote "
		       "inside a quoted field must be doubled) (at line 2)");
}

static void bare_cr_and_nul_are_row_errors(void **state)
{
	EXPECT("a\rb,c\nd\n", "L1@0:!INVALID/1\nL2@6:[d]\nEOF\n");
	EXPECT("\rx\ny\n", "L1@0:!INVALID/1\nL2@3:[y]\nEOF\n");
	EXPECT("\"a\"\rb\nc\n", "L1@0:!INVALID/1\nL2@6:[c]\nEOF\n");
	EXPECT("a,\r\r\nb\n", "L1@0:!INVALID/2\nL2@5:[b]\nEOF\n");
	EXPECT("a\0b,c\nd\n", "L1@0:!INVALID/1\nL2@6:[d]\nEOF\n");
	EXPECT("x,\"a\0b\"\nd\n", "L1@0:!INVALID/2\nL2@8:[d]\nEOF\n");
	EXPECT_MESSAGE("a\rb\n", "t.csv:1: field 1: carriage return not followed by "
				  "a line feed");
	EXPECT_MESSAGE("a,b\0\n", "t.csv:1: field 2: NUL byte (is the file UTF-16 or "
				   "binary?)");
}

/* A big input: a field of n bytes of 'x' wrapped in `pre` and `post`. */
static char *big(const char *pre, size_t n, const char *post, size_t *len)
{
	size_t a = strlen(pre), c = strlen(post);
	char *s = malloc(a + n + c + 1);
	assert_non_null(s);
	memcpy(s, pre, a);
	memset(s + a, 'x', n);
	memcpy(s + a + n, post, c + 1);
	*len = a + n + c;
	return s;
}

/* Checks rendering of big inputs, without printing them on failure. */
static void expect_big(const char *in, size_t len, const char *want_prefix,
		       const char *want_suffix)
{
	static const size_t sizes[] = { 0, 1, 3, 4099, 1 << 20 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *got = render(in, len, ',', sizes[i], NULL);
		size_t gl = strlen(got), pl = strlen(want_prefix), sl = strlen(want_suffix);
		if (gl < pl + sl || memcmp(got, want_prefix, pl) != 0 ||
		    strcmp(got + gl - sl, want_suffix) != 0)
			fail_msg("read size %zu: got %.200s ... %s", sizes[i], got,
				 gl > 200 ? got + gl - 100 : "");
		free(got);
	}
}

static void field_limit(void **state)
{
	size_t len;
	char *s = big("a,", CG_CSV_FIELD_MAX, ",b\nnext\n", &len);
	expect_big(s, len, "L1@0:[a][xxx", "][b]\nL2@1048581:[next]\nEOF\n");
	free(s);
	s = big("a,", CG_CSV_FIELD_MAX + 1, ",b\nnext\n", &len);
	expect_big(s, len, "L1@0:!LIMIT/2\nL2@1048582:[next]\nEOF\n", "");
	free(s);
	/* Counted after unescaping: 2^20 bytes written as 2^20 + 2 with "". */
	s = big("\"\"\"", CG_CSV_FIELD_MAX - 1, "\"\nnext\n", &len);
	expect_big(s, len, "L1@0:[\"xxx", "]\nL2@1048580:[next]\nEOF\n");
	free(s);
	s = big("\"", CG_CSV_FIELD_MAX + 1, "\"\nnext\n", &len);
	expect_big(s, len, "L1@0:!LIMIT/1\nL2@1048580:[next]\nEOF\n", "");
	free(s);
	/* At the end of the file, with no line end. */
	s = big("", CG_CSV_FIELD_MAX + 1, "", &len);
	expect_big(s, len, "L1@0:!LIMIT/1\nEOF\n", "");
	free(s);

	char msg[CG_ERROR_MESSAGE_MAX];
	s = big("ok\na,", CG_CSV_FIELD_MAX + 1, "\n", &len);
	free(render(s, len, ',', 0, msg));
	assert_string_equal(msg, "t.csv:2: field 2: longer than 1048576 bytes");
	free(s);
}

static void record_limit(void **state)
{
	/* Five fields of 1 MiB each: every field fits, the record does not. */
	size_t n = 5 * (CG_CSV_FIELD_MAX + 1) + 16;
	char *s = malloc(n);
	size_t len = 0;
	assert_non_null(s);
	for (int i = 0; i < 5; i++) {
		memset(s + len, 'y', CG_CSV_FIELD_MAX);
		len += CG_CSV_FIELD_MAX;
		s[len++] = i < 4 ? ',' : '\n';
	}
	memcpy(s + len, "next\n", 5);
	len += 5;
	expect_big(s, len, "L1@0:!LIMIT/0\nL2@5242885:[next]\nEOF\n", "");
	char msg[CG_ERROR_MESSAGE_MAX];
	free(render(s, len, ',', 0, msg));
	assert_string_equal(msg, "t.csv:1: record longer than 4194304 bytes");
	free(s);

	/* A giant bad record inside quotes costs no memory and still ends. */
	s = malloc(9 << 20);
	assert_non_null(s);
	memcpy(s, "a\"b,\"", 5);
	memset(s + 5, 'z', (9 << 20) - 16);
	memcpy(s + (9 << 20) - 11, "\"\nlast\n", 7);
	len = (9 << 20) - 4;
	expect_big(s, len, "L1@0:!INVALID/1\nL2@", ":[last]\nEOF\n");
	free(s);
}

static void fields_limit(void **state)
{
	size_t n = 2 * CG_CSV_FIELDS_MAX + 8;
	char *s = malloc(n);
	char msg[CG_ERROR_MESSAGE_MAX];
	size_t len = 0;
	assert_non_null(s);
	for (int i = 0; i < CG_CSV_FIELDS_MAX - 1; i++) {
		s[len++] = 'f';
		s[len++] = ',';
	}
	s[len++] = 'f';
	s[len++] = '\n';
	memcpy(s + len, "x\n", 2);
	char *got = render(s, len + 2, ',', 1, NULL);
	assert_int_equal(strlen(got), strlen("L1@0:\n") + 3 * 2048 + strlen("L2@4096:[x]\nEOF\n"));
	free(got);
	/* One more field. */
	memcpy(s + len - 1, ",f\nx\n", 5);
	len += 4;
	expect_big(s, len, "L1@0:!LIMIT/0\nL2@4098:[x]\nEOF\n", "");
	free(render(s, len, ',', 0, msg));
	assert_string_equal(msg, "t.csv:1: more than 2048 fields");
	free(s);
}

static void views_are_valid_until_the_next_call(void **state)
{
	const char in[] = "id,name\n1,\"Smith, \"\"J\"\"\"\n";
	FILE *f = open_input(in, sizeof(in) - 1);
	struct cg_csv_reader *r = NULL;
	struct cg_csv_row row;
	bool eof;

	assert_int_equal(cg_csv_open(f, NULL, ',', &r, NULL), CG_OK);
	assert_int_equal(cg_csv_next(r, &row, &eof, NULL), CG_OK);
	assert_false(eof);
	assert_string_equal(row.fields[1].ptr, "name");
	assert_int_equal(cg_csv_tell(r), 8);
	assert_int_equal(cg_csv_next(r, &row, &eof, NULL), CG_OK);
	assert_int_equal(row.nfields, 2);
	assert_string_equal(row.fields[0].ptr, "1");
	assert_string_equal(row.fields[1].ptr, "Smith, \"J\"");
	assert_int_equal(row.fields[1].len, 10);
	assert_int_equal(row.line, 2);
	assert_int_equal(row.offset, 8);
	assert_int_equal(cg_csv_next(r, &row, &eof, NULL), CG_OK);
	assert_true(eof);
	assert_int_equal(cg_csv_tell(r), sizeof(in) - 1);
	cg_csv_close(r);
	fclose(f);

	/* With no name, messages say <input>. */
	char msg[CG_ERROR_MESSAGE_MAX];
	struct cg_error err = CG_ERROR_INIT;
	f = open_input("\"", 1);
	assert_int_equal(cg_csv_open(f, NULL, ',', &r, NULL), CG_OK);
	assert_int_equal(cg_csv_next(r, &row, &eof, &err), CG_INVALID);
	assert_false(row.bad);
	memcpy(msg, err.message, sizeof(msg));
	assert_string_equal(msg, "<input>:1: unterminated quoted field (started here)");
	cg_csv_close(r);
	fclose(f);
}

/*
 * Random inputs over the bytes that matter: every read size must render
 * alike, and nothing may crash (the fuzz target does the same at length).
 */
static void random_inputs_do_not_depend_on_read_size(void **state)
{
	static const char alphabet[] = "ab,,\"\"\n\r ";
	char in[64];
	uint32_t seed = 12345;

	for (int round = 0; round < 3000; round++) {
		size_t len = (size_t)(round % 40);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		char *want = render(in, len, ',', 0, NULL);
		for (size_t rs = 1; rs <= 5; rs++) {
			char *got = render(in, len, ',', rs, NULL);
			if (strcmp(got, want) != 0)
				fail_msg("input %.*s read size %zu:\n%s\nvs\n%s", (int)len,
					 in, rs, want, got);
			free(got);
		}
		free(want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_records),
		cmocka_unit_test(quoting_and_escapes),
		cmocka_unit_test(embedded_newlines_and_line_numbers),
		cmocka_unit_test(byte_order_mark),
		cmocka_unit_test(line_ends),
		cmocka_unit_test(empty_fields_and_trailing_delimiter),
		cmocka_unit_test(empty_lines_are_skipped),
		cmocka_unit_test(other_delimiters),
		cmocka_unit_test(unterminated_quote_is_a_file_error),
		cmocka_unit_test(bad_quotes_reject_the_row_and_resume),
		cmocka_unit_test(bare_cr_and_nul_are_row_errors),
		cmocka_unit_test(field_limit),
		cmocka_unit_test(record_limit),
		cmocka_unit_test(fields_limit),
		cmocka_unit_test(views_are_valid_until_the_next_call),
		cmocka_unit_test(random_inputs_do_not_depend_on_read_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
