/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_name.c - unit tests for base/name: normalisation of personal names
 * for matching. All names are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/name.h"

/* Normalises `in` and checks the result. */
static void assert_normal(const char *in, const char *want)
{
	struct cg_buf b = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;
	if (cg_name_normalise(in, strlen(in), &b, &err) != CG_OK)
		fail_msg("\"%s\": %s", in, err.message);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	cg_buf_release(&b);
}

/* Computes the key of `in` and checks it. */
static void assert_key(const char *in, const char *want)
{
	struct cg_buf b = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;
	if (cg_name_key(in, strlen(in), &b, &err) != CG_OK)
		fail_msg("\"%s\": %s", in, err.message);
	assert_string_equal(b.data, want);
	cg_buf_release(&b);
}

/* Expects CG_INVALID "invalid UTF-8 at byte <byte>" for len bytes at in,
 * from both functions, with out unchanged. */
static void assert_bad_utf8(const char *in, size_t len, size_t byte)
{
	struct cg_buf b = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;
	char want[64];

	snprintf(want, sizeof(want), "invalid UTF-8 at byte %zu", byte);
	cg_buf_addstr(&b, "kept", NULL);
	assert_int_equal(cg_name_normalise(in, len, &b, &err), CG_INVALID);
	assert_string_equal(err.message, want);
	assert_int_equal(cg_name_key(in, len, &b, &err), CG_INVALID);
	assert_string_equal(err.message, want);
	assert_string_equal(b.data, "kept");
	cg_buf_release(&b);
}

static void folds_case_accents_and_separators(void **state)
{
	assert_normal("  José  MÜLLER-Smith ", "jose muller smith");
	assert_normal("JOSE MULLER SMITH", "jose muller smith");
	/* decomposed input (e + combining acute) gives the same */
	assert_normal("Jose\xcc\x81", "jose");
	assert_normal("Zoë Brontë", "zoe bronte");
	assert_normal("Ángel Núñez", "angel nunez");
	assert_normal("François", "francois");
	assert_normal("Dvořák", "dvorak");
	assert_normal("İpek", "ipek");
	assert_normal("Straße", "strasse");
	assert_normal("STRASSE", "strasse");
	/* other scripts are case-folded and kept */
	assert_normal("ИВАНОВ Иван", "иванов иван");
	assert_normal("Ἀθηνᾶ", "αθηνα");
	assert_normal("李小龍", "李小龍");
}

static void apostrophes_and_stops_are_removed(void **state)
{
	assert_normal("O'Brien", "obrien");
	assert_normal("O\xe2\x80\x99" "Brien", "obrien"); /* ’ U+2019 */
	assert_normal("O\xc2\xb4" "Brien", "obrien");     /* ´ U+00B4 */
	assert_normal("O`Brien", "obrien");
	assert_normal("O\xef\xbc\x87" "Brien", "obrien"); /* ＇ U+FF07 */
	assert_normal("d\xca\xbc" "Artagnan", "dartagnan"); /* ʼ U+02BC */
	assert_normal("St. John", "st john");
	assert_normal("St.John", "stjohn");
	assert_normal("J.R.R. Tolkien", "jrr tolkien");
	assert_normal("Gal\xc2\xb7la", "galla"); /* · U+00B7 */
	assert_normal("'.'", "");
}

static void other_punctuation_separates(void **state)
{
	assert_normal("Smith,John", "smith john");
	assert_normal("Smith ,  John", "smith john");
	assert_normal("Anne-Marie", "anne marie");
	assert_normal("Anne\xe2\x80\x90Marie", "anne marie"); /* ‐ U+2010 */
	assert_normal("Anne\xe2\x80\x94Marie", "anne marie"); /* — U+2014 */
	assert_normal("Smith/Jones", "smith jones");
	assert_normal("Anne\tMarie\nSmith", "anne marie smith");
	assert_normal("(Smith) [Jones]", "smith jones");
	assert_normal("Smith\xc2\xa0Jones", "smith jones"); /* no-break space */
	assert_normal("Smith\xe3\x80\x80Jones", "smith jones"); /* ideographic */
	assert_normal(" -- , -- ", "");
	assert_normal("", "");
}

static void compatibility_forms_and_ignorables(void **state)
{
	assert_normal("\xef\xac\x81nn", "finn");            /* ﬁ ligature */
	assert_normal("\xef\xbc\xaa\xef\xbd\x8f", "jo");    /* fullwidth Ｊｏ */
	assert_normal("Henry \xe2\x85\xa7", "henry viii");  /* Ⅷ */
	assert_normal("Mül\xc2\xad" "ler", "muller");      /* soft hyphen */
	assert_normal("Mül\xe2\x80\x8b" "ler", "muller");  /* zero-width space */
	assert_normal("Henry 8th", "henry 8th");
}

static void letters_without_decomposition_are_kept(void **state)
{
	/* never transliterated: ł is not l, ø is not o */
	assert_normal("ŁUKASZ", "łukasz");
	assert_normal("Łukasz", "łukasz");
	assert_normal("Øre", "øre");
	assert_normal("ÆSIR", "æsir");
	assert_normal("Þór", "þor");
	assert_normal("Đorđe", "đorđe");
	assert_normal("Kılıç", "kılıc");
}

static void keys_drop_spaces(void **state)
{
	assert_key("Müller-Smith", "mullersmith");
	assert_key("MULLER SMITH", "mullersmith");
	assert_key("Mullersmith", "mullersmith");
	assert_key(" O'Brien - Jones ", "obrienjones");
	assert_key("St. John", "stjohn");
	assert_key("", "");
}

static void appends_to_existing_contents(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	cg_buf_addstr(&b, "given=", NULL);
	assert_int_equal(cg_name_normalise("Anne Marie", 10, &b, NULL), CG_OK);
	cg_buf_addstr(&b, ";key=", NULL);
	assert_int_equal(cg_name_key("Anne Marie", 10, &b, NULL), CG_OK);
	assert_string_equal(b.data, "given=anne marie;key=annemarie");
	/* len, not the NUL, bounds the input */
	cg_buf_reset(&b);
	assert_int_equal(cg_name_normalise("Anne Marie", 4, &b, NULL), CG_OK);
	assert_string_equal(b.data, "anne");
	/* NULL with length 0 is the empty name */
	cg_buf_reset(&b);
	assert_int_equal(cg_name_normalise(NULL, 0, &b, NULL), CG_OK);
	assert_string_equal(b.data, "");
	cg_buf_release(&b);
}

static void rejects_invalid_utf8(void **state)
{
	assert_bad_utf8("ab\xff", 3, 3);
	assert_bad_utf8("\xc0\xaf", 2, 1);          /* overlong "/" */
	assert_bad_utf8("a\xed\xa0\x80", 4, 2);     /* surrogate U+D800 */
	assert_bad_utf8("Jos\xc3", 4, 4);           /* truncated é */
	assert_bad_utf8("Jos\xc3z", 5, 4);          /* bad continuation */
	assert_bad_utf8("\xf4\x90\x80\x80", 4, 1);  /* past U+10FFFF */
	assert_bad_utf8("O'\xa9", 3, 3);            /* stray continuation */
}

static void enforces_limits(void **state)
{
	char big[CG_NAME_MAX + 1];
	struct cg_buf b = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;

	memset(big, 'a', sizeof(big));
	assert_int_equal(cg_name_normalise(big, CG_NAME_MAX, &b, &err), CG_OK);
	assert_int_equal(b.len, CG_NAME_MAX);
	cg_buf_reset(&b);
	assert_int_equal(cg_name_normalise(big, CG_NAME_MAX + 1, &b, &err),
			 CG_LIMIT);
	assert_string_equal(err.message,
			    "name of 1025 bytes is longer than the 1024 allowed");
	assert_int_equal(cg_name_key(big, CG_NAME_MAX + 1, &b, NULL), CG_LIMIT);
	assert_string_equal(b.data, "");
	cg_buf_release(&b);

	/* the output buffer's own maximum is respected, out unchanged */
	cg_buf_init(&b, 8);
	cg_buf_addstr(&b, "abc", NULL);
	assert_int_equal(cg_name_normalise("Anne Marie", 10, &b, &err),
			 CG_LIMIT);
	assert_int_equal(err.code, CG_LIMIT);
	assert_string_equal(b.data, "abc");
	cg_buf_release(&b);
}

/* U+FDFA decomposes to 18 code points: 341 of them in 1023 bytes expand
 * past the stack buffer, which exercises the heap path. Adjacent copies
 * have nothing between them, so their words run together. */
static void large_expansion(void **state)
{
	static const char one[] = "\xef\xb7\xba"; /* U+FDFA */
	static const char word[] = "صلى الله عليه وسلم";
	char in[CG_NAME_MAX];
	struct cg_buf b = CG_BUF_INIT, want = CG_BUF_INIT;
	size_t n = 0;

	assert_int_equal(cg_name_normalise(one, 3, &b, NULL), CG_OK);
	assert_string_equal(b.data, word);
	cg_buf_reset(&b);

	for (int i = 0; i < 341; i++) {
		memcpy(in + n, one, 3);
		n += 3;
		cg_buf_addstr(&want, word, NULL);
	}
	assert_int_equal(cg_name_normalise(in, n, &b, NULL), CG_OK);
	assert_string_equal(b.data, want.data);
	cg_buf_release(&b);
	cg_buf_release(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds_case_accents_and_separators),
		cmocka_unit_test(apostrophes_and_stops_are_removed),
		cmocka_unit_test(other_punctuation_separates),
		cmocka_unit_test(compatibility_forms_and_ignorables),
		cmocka_unit_test(letters_without_decomposition_are_kept),
		cmocka_unit_test(keys_drop_spaces),
		cmocka_unit_test(appends_to_existing_contents),
		cmocka_unit_test(rejects_invalid_utf8),
		cmocka_unit_test(enforces_limits),
		cmocka_unit_test(large_expansion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
