/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_strmap.c - unit tests for base/strmap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/strmap.h"

static void puts_gets_and_replaces(void **state)
{
	struct cg_strmap m;
	int64_t v = -1;
	char key[32];
	cg_strmap_init(&m, 100000);
	assert_false(cg_strmap_get(&m, "a", 1, &v));
	for (int i = 0; i < 50000; i++) {
		int n = snprintf(key, sizeof(key), "K%d", i);
		cg_strmap_put(&m, key, (size_t)n, i);
	}
	assert_int_equal(m.count, 50000);
	for (int i = 0; i < 50000; i += 997) {
		int n = snprintf(key, sizeof(key), "K%d", i);
		assert_true(cg_strmap_get(&m, key, (size_t)n, &v));
		assert_int_equal(v, i);
	}
	cg_strmap_put(&m, "K7", 2, -7);
	assert_true(cg_strmap_get(&m, "K7", 2, &v));
	assert_int_equal(v, -7);
	assert_int_equal(m.count, 50000);
	/* keys are bytes: a prefix or an embedded NUL is a different key */
	assert_false(cg_strmap_get(&m, "K", 1, &v));
	cg_strmap_put(&m, "a\0b", 3, 1);
	assert_false(cg_strmap_get(&m, "a", 1, &v));
	assert_true(cg_strmap_get(&m, "a\0b", 3, &v));
	cg_strmap_release(&m);
}

static void bounded_by_clearing(void **state)
{
	struct cg_strmap m;
	int64_t v;
	char key[32];
	cg_strmap_init(&m, 1000);
	for (int i = 0; i < 2500; i++) {
		int n = snprintf(key, sizeof(key), "%d", i);
		cg_strmap_put(&m, key, (size_t)n, i);
		assert_true(m.count <= 1000);
	}
	assert_true(cg_strmap_get(&m, "2499", 4, &v));
	assert_false(cg_strmap_get(&m, "0", 1, &v));
	cg_strmap_clear(&m);
	assert_int_equal(m.count, 0);
	assert_false(cg_strmap_get(&m, "2499", 4, &v));
	cg_strmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(puts_gets_and_replaces),
		cmocka_unit_test(bounded_by_clearing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
