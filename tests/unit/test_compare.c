/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_compare.c - unit tests for link/compare: Jaro-Winkler, Double
 * Metaphone, the forename equivalence table, date of birth, postcode and
 * sex levels, and comparison vectors of record pairs. All names are
 * invented or common English words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "link/compare.h"

static void jaro_winkler_reference_values(void **state)
{
	(void)state;
	/* Winkler's published examples */
	assert_true(fabs(cg_jaro_winkler("martha", "marhta") - 0.9611) < 0.001);
	assert_true(fabs(cg_jaro_winkler("dwayne", "duane") - 0.84) < 0.001);
	assert_true(fabs(cg_jaro_winkler("dixon", "dicksonx") - 0.8133) < 0.001);
	assert_true(cg_jaro_winkler("smith", "smith") == 1.0);
	assert_true(cg_jaro_winkler("abc", "xyz") == 0.0);
	/* symmetric */
	assert_true(cg_jaro_winkler("jones", "johnson") == cg_jaro_winkler("johnson", "jones"));
}

static void jaro_winkler_edge_cases(void **state)
{
	char long_a[4000], long_b[4000];
	(void)state;
	assert_true(cg_jaro_winkler("", "") == 0.0);
	assert_true(cg_jaro_winkler("", "smith") == 0.0);
	assert_true(cg_jaro_winkler(NULL, "smith") == 0.0);
	assert_true(cg_jaro_winkler("a", "a") == 1.0);
	/* code points, not bytes: one letter differs in each pair */
	double cp = cg_jaro_winkler("łukasz", "lukasz");
	double ascii = cg_jaro_winkler("bukasz", "lukasz");
	assert_true(fabs(cp - ascii) < 1e-12);
	assert_true(cg_jaro_winkler("żółć", "żółć") == 1.0);
	/* very long names: compared on their first CG_JW_MAX code points */
	memset(long_a, 'a', sizeof(long_a) - 1);
	long_a[sizeof(long_a) - 1] = '\0';
	memcpy(long_b, long_a, sizeof(long_a));
	long_b[3000] = 'b';
	assert_true(cg_jaro_winkler(long_a, long_b) == 1.0);
	long_b[5] = 'b';
	assert_true(cg_jaro_winkler(long_a, long_b) > 0.98);
	/* invalid UTF-8 does not crash */
	assert_true(cg_jaro_winkler("\xff\xfe", "\xff\xfe") == 1.0);
}

static void assert_dm(const char *name, const char *primary, const char *alternate)
{
	char p[CG_DM_SIZE], a[CG_DM_SIZE];
	cg_double_metaphone(name, p, a);
	if (strcmp(p, primary) != 0 || strcmp(a, alternate) != 0)
		fail_msg("%s: got %s/%s, wanted %s/%s", name, p, a, primary, alternate);
}

static void double_metaphone_reference_values(void **state)
{
	(void)state;
	/* values of Philips' reference implementation */
	assert_dm("smith", "SM0", "XMT");
	assert_dm("schmidt", "XMT", "SMT");
	assert_dm("jones", "JNS", "ANS");
	assert_dm("knight", "NT", "NT");
	assert_dm("thomas", "TMS", "TMS");
	assert_dm("philips", "FLPS", "FLPS");
	assert_dm("xavier", "SF", "SFR");
	assert_dm("wright", "RT", "RT");
	assert_dm("caesar", "SSR", "SSR");
	assert_dm("hugh", "H", "H");
	assert_dm("laugh", "LF", "LF");
	assert_dm("gnome", "NM", "NM");
	assert_dm("jose", "HS", "HS");
	assert_dm("michael", "MKL", "MXL");
	assert_dm("mcdonald", "MKTN", "MKTN");
	assert_dm("czerny", "SRN", "XRN");
	assert_dm("catherine", "K0RN", "KTRN");
	assert_dm("katherine", "K0RN", "KTRN");
}

static void double_metaphone_edge_cases(void **state)
{
	char p[CG_DM_SIZE], a[CG_DM_SIZE], big[3000];
	(void)state;
	assert_dm("", "", "");
	cg_double_metaphone(NULL, p, a);
	assert_string_equal(p, "");
	/* letters normalisation keeps but A-Z lacks are skipped */
	assert_dm("łodz", "ATS", "ATS");
	assert_dm("1234", "", "");
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_dm(big, "PPPP", "PPPP");
	assert_int_equal(cg_dm_pack(""), 0);
	assert_true(cg_dm_pack("SM0") != cg_dm_pack("XMT"));
}

static void forename_equivalents(void **state)
{
	uint32_t g[CG_NAME_GROUPS_MAX];
	(void)state;
	assert_true(cg_forenames_equivalent("william", "bill"));
	assert_true(cg_forenames_equivalent("bill", "liam"));
	assert_true(cg_forenames_equivalent("margaret", "peggy"));
	assert_true(cg_forenames_equivalent("piotr", "peter"));
	assert_true(cg_forenames_equivalent("al", "albert"));
	assert_true(cg_forenames_equivalent("al", "alan"));
	assert_false(cg_forenames_equivalent("albert", "alan"));
	assert_false(cg_forenames_equivalent("william", "robert"));
	assert_false(cg_forenames_equivalent("", "bill"));
	assert_false(cg_forenames_equivalent("zebedee", "zebedee"));
	/* the first word of several forenames is looked up */
	assert_true(cg_forenames_equivalent("bill james", "william"));
	assert_int_equal(cg_forename_groups("nobody", g), 0);
	assert_true(cg_forename_groups("al", g) >= 3);
}

static void name_levels(void **state)
{
	struct cg_name_key a, b;
	(void)state;
#define LEVEL(x, y, fore) (cg_name_key_prepare(&a, x, 0, fore), cg_name_key_prepare(&b, y, 0, fore), \
			   cg_compare_name(&a, &b, fore))
	assert_int_equal(LEVEL("smith", "smith", false), CG_NAME_EXACT);
	assert_int_equal(LEVEL("", "smith", false), CG_NAME_NULL);
	assert_int_equal(LEVEL("william", "bill", true), CG_NAME_EQUIVALENT);
	assert_int_equal(LEVEL("william", "bill", false), CG_NAME_DIFFERENT);
	assert_int_equal(LEVEL("johnson", "jonhson", false), CG_NAME_JW_HIGH);
	assert_int_equal(LEVEL("smith jones", "jones", false), CG_NAME_PART);
	assert_int_equal(LEVEL("smithjones", "smith jones", false), CG_NAME_JW_HIGH);
	assert_int_equal(LEVEL("ahmed khan", "khan", false), CG_NAME_PART);
	assert_int_equal(LEVEL("catherine", "kathryn", false), CG_NAME_PHONETIC);
	assert_int_equal(LEVEL("smith", "patel", false), CG_NAME_DIFFERENT);
	/* interned ids decide exactness without reading the text */
	cg_name_key_prepare(&a, "smith", 7, false);
	cg_name_key_prepare(&b, "smith", 7, false);
	assert_int_equal(cg_compare_name(&a, &b, false), CG_NAME_EXACT);
#undef LEVEL
}

static void dob_levels(void **state)
{
	(void)state;
	assert_int_equal(cg_compare_dob(19850312, 19850312), CG_DOB_EXACT);
	assert_int_equal(cg_compare_dob(19850312, 19851203), CG_DOB_SWAPPED);
	assert_int_equal(cg_compare_dob(19850312, 19860312), CG_DOB_ONE_FIELD);
	assert_int_equal(cg_compare_dob(19850312, 19850313), CG_DOB_ONE_FIELD);
	assert_int_equal(cg_compare_dob(19850312, 19850713), CG_DOB_YEAR);
	assert_int_equal(cg_compare_dob(19850312, 19900101), CG_DOB_DIFFERENT);
	assert_int_equal(cg_compare_dob(0, 19900101), CG_DOB_NULL);
	assert_int_equal(cg_compare_dob(19900101, 0), CG_DOB_NULL);
}

static void postcode_and_sex_levels(void **state)
{
	(void)state;
	assert_int_equal(cg_compare_postcode("B12 3AB", "B12 3AB"), CG_POSTCODE_FULL);
	assert_int_equal(cg_compare_postcode("B12 3AB", "B12 9ZZ"), CG_POSTCODE_DISTRICT);
	assert_int_equal(cg_compare_postcode("B12 3AB", "B1 3AB"), CG_POSTCODE_DIFFERENT);
	assert_int_equal(cg_compare_postcode("", "B1 3AB"), CG_POSTCODE_NULL);
	assert_int_equal(cg_compare_postcode(NULL, "B1 3AB"), CG_POSTCODE_NULL);
	assert_int_equal(cg_compare_sex('M', 'M'), CG_SEX_SAME);
	assert_int_equal(cg_compare_sex('M', 'F'), CG_SEX_DIFFERENT);
	assert_int_equal(cg_compare_sex('U', 'F'), CG_SEX_NULL);
	assert_int_equal(cg_compare_sex(0, 'F'), CG_SEX_NULL);
}

static void pair_vectors(void **state)
{
	struct cg_name_key jf, js, bf, bs, af, as;
	struct cg_link_ident ia[] = { { 1, 10, true }, { 2, 20, false } };
	struct cg_link_ident ib[] = { { 1, 11, true } };
	struct cg_link_ident ic[] = { { 2, 20, false } };
	struct cg_gamma g;
	(void)state;
	cg_name_key_prepare(&jf, "john", 1, true);
	cg_name_key_prepare(&js, "smith", 2, false);
	cg_name_key_prepare(&bf, "jon", 3, true);
	cg_name_key_prepare(&bs, "smyth", 4, false);
	cg_name_key_prepare(&af, "jack", 5, true);
	cg_name_key_prepare(&as, "brown", 6, false);

	struct cg_link_name alias = { &af, &as };
	struct cg_link_subject a = { { &jf, &js }, NULL, 0, 19850312, "B12 3AB", 'M', ia, 2 };
	struct cg_link_subject b = { { &bf, &bs }, NULL, 0, 19851203, "B12 9XX", 'M', ib, 1 };
	cg_compare_pair(&a, &b, &g);
	assert_int_equal(g.level[CG_CMP_FORENAME], CG_NAME_EQUIVALENT);
	assert_int_equal(g.level[CG_CMP_SURNAME], CG_NAME_PHONETIC);
	assert_int_equal(g.level[CG_CMP_DOB], CG_DOB_SWAPPED);
	assert_int_equal(g.level[CG_CMP_POSTCODE], CG_POSTCODE_DISTRICT);
	assert_int_equal(g.level[CG_CMP_SEX], CG_SEX_SAME);
	assert_int_equal(g.level[CG_CMP_IDENT], CG_IDENT_DISAGREE);
	assert_int_equal(g.via, CG_VIA_PRIMARY);

	/* forename and surname swapped */
	struct cg_link_subject s = { { &js, &jf }, NULL, 0, 0, "", 0, ic, 1 };
	cg_compare_pair(&a, &s, &g);
	assert_int_equal(g.level[CG_CMP_FORENAME], CG_NAME_OTHER_EXACT);
	assert_int_equal(g.level[CG_CMP_SURNAME], CG_NAME_OTHER_EXACT);
	assert_int_equal(g.via, CG_VIA_SWAP);
	assert_int_equal(g.level[CG_CMP_DOB], CG_DOB_NULL);
	assert_int_equal(g.level[CG_CMP_IDENT], CG_IDENT_AGREE);

	/* an alias on the other side */
	struct cg_link_subject c = { { &af, &as }, NULL, 0, 19850312, "", 'M', NULL, 0 };
	struct cg_link_subject d = { { &bf, &bs }, &alias, 1, 19850312, "", 'M', NULL, 0 };
	cg_compare_pair(&c, &d, &g);
	assert_int_equal(g.level[CG_CMP_FORENAME], CG_NAME_OTHER_EXACT);
	assert_int_equal(g.via, CG_VIA_ALIAS);
	assert_int_equal(g.level[CG_CMP_IDENT], CG_IDENT_NULL);

	/* empty records compare as all null */
	struct cg_link_subject e = { { NULL, NULL }, NULL, 0, 0, "", 0, NULL, 0 };
	cg_compare_pair(&e, &e, &g);
	for (int k = 0; k < CG_CMP_COUNT; k++)
		assert_int_equal(g.level[k], 0);

	/* packing round-trips */
	struct cg_gamma h;
	cg_compare_pair(&a, &b, &g);
	cg_gamma_unpack(cg_gamma_pack(&g), &h);
	assert_memory_equal(g.level, h.level, sizeof(g.level));
}

static void level_names(void **state)
{
	(void)state;
	for (int c = 0; c < CG_CMP_COUNT; c++) {
		assert_true(cg_cmp_levels(c) <= CG_LEVELS_MAX);
		for (int l = 0; l < cg_cmp_levels(c); l++)
			assert_string_not_equal(cg_cmp_level_name(c, l), "?");
	}
	assert_string_equal(cg_cmp_level_name(CG_CMP_SEX, 99), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jaro_winkler_reference_values),
		cmocka_unit_test(jaro_winkler_edge_cases),
		cmocka_unit_test(double_metaphone_reference_values),
		cmocka_unit_test(double_metaphone_edge_cases),
		cmocka_unit_test(forename_equivalents),
		cmocka_unit_test(name_levels),
		cmocka_unit_test(dob_levels),
		cmocka_unit_test(postcode_and_sex_levels),
		cmocka_unit_test(pair_vectors),
		cmocka_unit_test(level_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
