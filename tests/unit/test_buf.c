/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_buf.c - unit tests for base/buf, base/vec and base/error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/vec.h"

static void empty_buffer_is_a_valid_string(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	assert_string_equal(b.data, "");
	cg_buf_release(&b);
	assert_string_equal(b.data, "");
	char *s = cg_buf_detach(&b, NULL);
	assert_string_equal(s, "");
	free(s);
}

static void appends_and_formats(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	assert_int_equal(cg_buf_addstr(&b, "rows: ", NULL), CG_OK);
	assert_int_equal(cg_buf_printf(&b, NULL, "%d of %s", 12, "many"), CG_OK);
	assert_int_equal(cg_buf_addch(&b, '!', NULL), CG_OK);
	assert_string_equal(b.data, "rows: 12 of many!");
	assert_int_equal(b.len, strlen(b.data));
	cg_buf_truncate(&b, 4);
	assert_string_equal(b.data, "rows");
	cg_buf_reset(&b);
	assert_string_equal(b.data, "");
	for (int i = 0; i < 1000; i++)
		cg_buf_addstr(&b, "abcdefgh", NULL);
	assert_int_equal(b.len, 8000);
	cg_buf_release(&b);
}

static void maximum_is_enforced_and_buffer_unchanged(void **state)
{
	struct cg_buf b;
	struct cg_error err = CG_ERROR_INIT;
	cg_buf_init(&b, 5);
	assert_int_equal(cg_buf_addstr(&b, "abc", &err), CG_OK);
	assert_int_equal(cg_buf_addstr(&b, "def", &err), CG_LIMIT);
	assert_int_equal(err.code, CG_LIMIT);
	assert_non_null(strstr(err.message, "5 bytes"));
	assert_string_equal(b.data, "abc");
	assert_int_equal(cg_buf_printf(&b, NULL, "%s", "xyz"), CG_LIMIT);
	assert_int_equal(cg_buf_addstr(&b, "de", NULL), CG_OK);
	assert_string_equal(b.data, "abcde");
	cg_buf_release(&b);
}

static void vector_grows(void **state)
{
	CG_VEC(int) v = CG_VEC_INIT;
	for (int i = 0; i < 100; i++)
		cg_vec_push(&v, i * 2);
	assert_int_equal(v.len, 100);
	assert_int_equal(v.items[99], 198);
	cg_vec_release(&v);
	assert_null(v.items);
}

static void error_table_lookups(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_fail(&err, CG_NOT_FOUND, "person %d", 7), CG_NOT_FOUND);
	assert_string_equal(err.message, "person 7");
	cg_error_prefix(&err, "get");
	assert_string_equal(err.message, "get: person 7");
	assert_string_equal(cg_status_name(CG_NOT_FOUND), "NOT_FOUND");
	assert_int_equal(cg_status_http(CG_NOT_FOUND), 404);
	assert_int_equal(cg_status_exit(CG_USAGE), 2);
	assert_int_equal(cg_status_exit(CG_STORE), 1);
	assert_int_equal(cg_status_exit(CG_OK), 0);
	assert_string_equal(cg_status_name((enum cg_status)999), "INTERNAL");
	assert_int_equal(cg_fail(NULL, CG_IO, "ignored"), CG_IO);
	cg_error_clear(&err);
	assert_int_equal(err.code, CG_OK);
	assert_string_equal(err.message, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_is_a_valid_string),
		cmocka_unit_test(appends_and_formats),
		cmocka_unit_test(maximum_is_enforced_and_buffer_unchanged),
		cmocka_unit_test(vector_grows),
		cmocka_unit_test(error_table_lookups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
