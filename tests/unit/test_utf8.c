/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_utf8.c - unit tests for base/utf8 (strict UTF-8 validation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/utf8.h"

/* Checks `s` (len bytes) against the expected verdict and bad offset. */
static void check(const char *s, size_t len, bool ok, size_t at)
{
	size_t bad = 12345;
	bool got = cg_utf8_valid(s, len, &bad);
	if (got != ok)
		fail_msg("%zu bytes starting %02x: expected %s", len,
			 len ? (unsigned char)s[0] : 0, ok ? "valid" : "invalid");
	if (ok)
		assert_int_equal(bad, 12345); /* untouched */
	else
		assert_int_equal(bad, at);
}

#define VALID(lit) check(lit, sizeof(lit) - 1, true, 0)
#define INVALID(lit, at) check(lit, sizeof(lit) - 1, false, at)

static void accepts_well_formed_text(void **state)
{
	check(NULL, 0, true, 0);
	VALID("");
	VALID("plain ASCII, long enough to take the eight-byte path");
	VALID("\0nul is U+0000");
	VALID("caf\xc3\xa9");                     /* U+00E9 */
	VALID("\xc2\x80\xdf\xbf");                /* U+0080, U+07FF */
	VALID("\xe0\xa0\x80\xef\xbf\xbf");        /* U+0800, U+FFFF */
	VALID("\xed\x9f\xbf\xee\x80\x80");        /* U+D7FF, U+E000 */
	VALID("\xf0\x90\x80\x80");                /* U+10000 */
	VALID("\xf4\x8f\xbf\xbf");                /* U+10FFFF */
	VALID("Zo\xc3\xab \xe2\x80\x94 \xf0\x9f\x98\x80 and more ASCII after");
}

static void rejects_overlongs(void **state)
{
	INVALID("\xc0\x80", 0);             /* NUL in two bytes */
	INVALID("\xc1\xbf", 0);
	INVALID("ab\xe0\x80\x80", 2);       /* NUL in three */
	INVALID("\xe0\x9f\xbf", 0);         /* U+07FF in three */
	INVALID("\xf0\x80\x80\x80", 0);
	INVALID("\xf0\x8f\xbf\xbf", 0);     /* U+FFFF in four */
}

static void rejects_surrogates(void **state)
{
	INVALID("\xed\xa0\x80", 0);         /* U+D800 */
	INVALID("x\xed\xbf\xbf", 1);        /* U+DFFF */
	INVALID("\xed\xa0\xbd\xed\xb8\x80", 0); /* CESU-8 pair */
}

static void rejects_above_u10ffff(void **state)
{
	INVALID("\xf4\x90\x80\x80", 0);     /* U+110000 */
	INVALID("\xf5\x80\x80\x80", 0);
	INVALID("\xf8\x88\x80\x80\x80", 0); /* old five-byte form */
	INVALID("\xff", 0);
	INVALID("\xfe", 0);
}

static void rejects_truncated_and_stray_bytes(void **state)
{
	INVALID("abc\xc3", 3);              /* cut at the end */
	INVALID("\xe2\x82", 0);
	INVALID("\xf0\x9f\x98", 0);
	INVALID("\xe2\x28\xa1", 0);         /* second byte not continuation */
	INVALID("\xf0\x9f\x28\x80", 0);     /* third byte */
	INVALID("\xf0\x9f\x98\x28", 0);     /* fourth byte */
	INVALID("\x80", 0);                 /* lone continuation */
	INVALID("0123456789abcdef\xbf", 16); /* after the fast path */
	INVALID("caf\xc3\xa9\xa9", 5);
	/* Latin-1 text, the usual culprit. */
	INVALID("Zo\xeb", 2);
}

static void no_out_parameter_needed(void **state)
{
	assert_false(cg_utf8_valid("\xc0\x80", 2, NULL));
	assert_true(cg_utf8_valid("ok", 2, NULL));
}

/* Every boundary of the fast path: an error at each offset of a long run. */
static void error_found_at_every_offset(void **state)
{
	char s[40];
	for (size_t at = 0; at < 32; at++) {
		size_t bad = 0;
		memset(s, 'a', sizeof(s));
		s[at] = (char)0x80;
		assert_false(cg_utf8_valid(s, sizeof(s), &bad));
		assert_int_equal(bad, at);
		/* And a valid multibyte character there is accepted. */
		s[at] = (char)0xc3;
		s[at + 1] = (char)0xa9;
		assert_true(cg_utf8_valid(s, sizeof(s), NULL));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_well_formed_text),
		cmocka_unit_test(rejects_overlongs),
		cmocka_unit_test(rejects_surrogates),
		cmocka_unit_test(rejects_above_u10ffff),
		cmocka_unit_test(rejects_truncated_and_stray_bytes),
		cmocka_unit_test(no_out_parameter_needed),
		cmocka_unit_test(error_found_at_every_offset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
