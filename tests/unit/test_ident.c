/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ident.c - unit tests for base/ident: UK criminal justice identifiers.
 * All identifiers are synthetic; check letters are worked out in comments
 * with the rule from ident.h: (YY followed by the padded serial) mod 23
 * indexes "ZABCDEFGHJKLMNPQRTUVWXY" (Z=0 A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8
 * J=9 K=10 L=11 M=12 N=13 P=14 Q=15 R=16 T=17 U=18 V=19 W=20 X=21 Y=22). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/ident.h"

/* Two-digit PNC years expand around a fixed pivot so results do not
 * depend on the clock. */
static int pin_pivot(void **state)
{
	cg_date_set_pivot_year(2025);
	return 0;
}

static int unpin_pivot(void **state)
{
	cg_date_set_pivot_year(0);
	return 0;
}

/* Normalises `in` as `kind` and checks the canonical form. */
static void assert_canonical(enum cg_ident_kind kind, const char *in,
			     const char *want)
{
	char out[CG_IDENT_MAX];
	struct cg_error err = CG_ERROR_INIT;
	if (cg_ident_normalise(kind, in, strlen(in), out, &err) != CG_OK)
		fail_msg("%s \"%s\": %s", cg_ident_kind_name(kind), in,
			 err.message);
	assert_string_equal(out, want);
}

/* Expects CG_INVALID with exactly `message`, and out set to "". */
static void assert_rejected(enum cg_ident_kind kind, const char *in,
			    size_t len, const char *message)
{
	char out[CG_IDENT_MAX] = "junk";
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_ident_normalise(kind, in, len, out, &err),
			 CG_INVALID);
	assert_int_equal(err.code, CG_INVALID);
	assert_string_equal(err.message, message);
	assert_string_equal(out, "");
	/* and without an error detail */
	assert_int_equal(cg_ident_normalise(kind, in, len, out, NULL),
			 CG_INVALID);
}

#define REJECT(kind, in, message) assert_rejected(kind, in, strlen(in), message)

static void kind_names(void **state)
{
	static const char *const names[] = { "pnc", "cro", "prison_number",
					     "crn" };
	struct cg_error err = CG_ERROR_INIT;
	enum cg_ident_kind k;

	for (int i = 0; i < CG_IDENT_KIND_COUNT; i++) {
		assert_string_equal(cg_ident_kind_name((enum cg_ident_kind)i),
				    names[i]);
		assert_int_equal(cg_ident_kind_parse(names[i], &k, NULL), CG_OK);
		assert_int_equal(k, i);
	}
	assert_int_equal(CG_IDENT_PNC, 0);
	assert_string_equal(cg_ident_kind_name(CG_IDENT_PRISON_NUMBER),
			    "prison_number");
	k = CG_IDENT_CRN;
	assert_int_equal(cg_ident_kind_parse("PNC", &k, &err), CG_INVALID);
	assert_string_equal(err.message,
			    "unknown identifier kind \"PNC\" (expected pnc, cro, "
			    "prison_number or crn)");
	assert_int_equal(k, CG_IDENT_CRN);
	assert_int_equal(cg_ident_kind_parse("", &k, NULL), CG_INVALID);
}

static void pnc_valid(void **state)
{
	/* 01 0123456 -> 10123456; 10123456 = 23 * 440150 + 6 -> F */
	assert_canonical(CG_IDENT_PNC, "2001/0123456F", "2001/0123456F");
	assert_canonical(CG_IDENT_PNC, "01/123456F", "2001/0123456F");
	assert_canonical(CG_IDENT_PNC, "2001/123456F", "2001/0123456F");
	assert_canonical(CG_IDENT_PNC, "01/0123456F", "2001/0123456F");
	assert_canonical(CG_IDENT_PNC, "2001/0123456f", "2001/0123456F");
	assert_canonical(CG_IDENT_PNC, " \t2001/0123456F\r\n", "2001/0123456F");
	/* 95 0012345 -> 950012345 = 23 * 41304884 + 13 -> N */
	assert_canonical(CG_IDENT_PNC, "95/12345N", "1995/0012345N");
	assert_canonical(CG_IDENT_PNC, "1995/12345n", "1995/0012345N");
	/* 24 1234567 -> 241234567 = 23 * 10488459 + 10 -> K */
	assert_canonical(CG_IDENT_PNC, "2024/1234567K", "2024/1234567K");
	/* 00 0000001 -> 1 = 23 * 0 + 1 -> A */
	assert_canonical(CG_IDENT_PNC, "00/1A", "2000/0000001A");
	/* 25 9999999 -> 259999999 = 23 * 11304347 + 18 -> U; 2025 = pivot */
	assert_canonical(CG_IDENT_PNC, "25/9999999U", "2025/9999999U");
	/* 26 0000001 -> 260000001 = 23 * 11304347 + 20 -> W; with pivot 2025
	 * "26" is 1926 */
	assert_canonical(CG_IDENT_PNC, "26/1W", "1926/0000001W");
	/* 01 0000000 -> 10000000 = 23 * 434782 + 14 -> P */
	assert_canonical(CG_IDENT_PNC, "2001/0P", "2001/0000000P");
}

static void pnc_invalid(void **state)
{
	REJECT(CG_IDENT_PNC, "2001/0123456A",
	       "PNC ID \"2001/0123456A\": check letter A does not match, "
	       "expected F");
	REJECT(CG_IDENT_PNC, "01/123456G",
	       "PNC ID \"01/123456G\": check letter G does not match, "
	       "expected F");
	/* the letter is checked, never recomputed: I is not in the alphabet */
	REJECT(CG_IDENT_PNC, "2001/0123456I",
	       "PNC ID \"2001/0123456I\": check letter I does not match, "
	       "expected F");
	REJECT(CG_IDENT_PNC, "2001/0123456",
	       "PNC ID \"2001/0123456\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "2001-0123456F",
	       "PNC ID \"2001-0123456F\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "201/0123456F",
	       "PNC ID \"201/0123456F\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "01/01234567F",
	       "PNC ID \"01/01234567F\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "2001/F",
	       "PNC ID \"2001/F\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "2001/012345/F",
	       "PNC ID \"2001/012345/F\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "2001/01234F6",
	       "PNC ID \"2001/01234F6\": not of the form YYYY/NNNNNNNC or "
	       "YY/NNNNNNNC");
	REJECT(CG_IDENT_PNC, "2001/0123456FF",
	       "PNC ID \"2001/0123456FF\": too long (14 characters, at most "
	       "13)");
	/* years: 1900 to the current (pivot) year */
	REJECT(CG_IDENT_PNC, "2026/0000001A",
	       "PNC ID \"2026/0000001A\": year 2026 is after the current year "
	       "2025");
	REJECT(CG_IDENT_PNC, "1899/0000001A",
	       "PNC ID \"1899/0000001A\": year 1899 is before 1900");
	REJECT(CG_IDENT_PNC, "0000/0000001A",
	       "PNC ID \"0000/0000001A\": year 0 is before 1900");
}

static void cro_valid(void **state)
{
	/* 01 012345 -> 1012345 = 23 * 44015 + 0 -> Z */
	assert_canonical(CG_IDENT_CRO, "012345/01Z", "012345/01Z");
	assert_canonical(CG_IDENT_CRO, "12345/01z", "012345/01Z");
	/* 93 123456 -> 93123456 = 23 * 4048845 + 21 -> X */
	assert_canonical(CG_IDENT_CRO, "123456/93X", "123456/93X");
	/* 00 000000 -> 0 -> Z */
	assert_canonical(CG_IDENT_CRO, "0/00Z", "000000/00Z");
	/* 99 999999 -> 99999999 = 23 * 4347826 + 1 -> A */
	assert_canonical(CG_IDENT_CRO, "999999/99A", "999999/99A");
	/* SF form: the same number, year first: 93 123456 -> X */
	assert_canonical(CG_IDENT_CRO, "SF93/123456X", "SF93/123456X");
	/* 93 000456 -> 93000456 = 23 * 4043498 + 2 -> B */
	assert_canonical(CG_IDENT_CRO, "sf93/456b", "SF93/000456B");
	assert_canonical(CG_IDENT_CRO, "  SF93/000456B ", "SF93/000456B");
	/* 01 012345 -> Z, as for the slash form */
	assert_canonical(CG_IDENT_CRO, "SF01/12345Z", "SF01/012345Z");
}

static void cro_invalid(void **state)
{
	static const char forms[] = "not of the form NNNNNN/YYC or SFYY/NNNNNNC";
	char want[256];

	REJECT(CG_IDENT_CRO, "012345/01A",
	       "CRO number \"012345/01A\": check letter A does not match, "
	       "expected Z");
	REJECT(CG_IDENT_CRO, "SF93/123456A",
	       "CRO number \"SF93/123456A\": check letter A does not match, "
	       "expected X");
	REJECT(CG_IDENT_CRO, "SF93/456C",
	       "CRO number \"SF93/456C\": check letter C does not match, "
	       "expected B");
	snprintf(want, sizeof(want), "CRO number \"1234567/01Z\": %s", forms);
	REJECT(CG_IDENT_CRO, "1234567/01Z", want);
	snprintf(want, sizeof(want), "CRO number \"012345/1Z\": %s", forms);
	REJECT(CG_IDENT_CRO, "012345/1Z", want);
	snprintf(want, sizeof(want), "CRO number \"012345/001Z\": %s", forms);
	REJECT(CG_IDENT_CRO, "012345/001Z", want);
	snprintf(want, sizeof(want), "CRO number \"012345/01\": %s", forms);
	REJECT(CG_IDENT_CRO, "012345/01", want);
	snprintf(want, sizeof(want), "CRO number \"/01Z\": %s", forms);
	REJECT(CG_IDENT_CRO, "/01Z", want);
	snprintf(want, sizeof(want), "CRO number \"SF3/123456X\": %s", forms);
	REJECT(CG_IDENT_CRO, "SF3/123456X", want);
	snprintf(want, sizeof(want), "CRO number \"SF93-123456X\": %s", forms);
	REJECT(CG_IDENT_CRO, "SF93-123456X", want);
	snprintf(want, sizeof(want), "CRO number \"SF93/X\": %s", forms);
	REJECT(CG_IDENT_CRO, "SF93/X", want);
	snprintf(want, sizeof(want), "CRO number \"SF\": %s", forms);
	REJECT(CG_IDENT_CRO, "SF", want);
	snprintf(want, sizeof(want), "CRO number \"SF93/12345XX\": %s", forms);
	REJECT(CG_IDENT_CRO, "SF93/12345XX", want);
	REJECT(CG_IDENT_CRO, "SF93/1234567X",
	       "CRO number \"SF93/1234567X\": too long (13 characters, at "
	       "most 12)");
}

static void prison_numbers(void **state)
{
	static const char shape[] =
		"not of the form A1234BC (a letter, four digits, two letters)";
	char want[256];

	assert_canonical(CG_IDENT_PRISON_NUMBER, "A1234BC", "A1234BC");
	assert_canonical(CG_IDENT_PRISON_NUMBER, "a1234bc", "A1234BC");
	assert_canonical(CG_IDENT_PRISON_NUMBER, " Z0000ZZ\n", "Z0000ZZ");
	snprintf(want, sizeof(want), "prison number \"A12345C\": %s", shape);
	REJECT(CG_IDENT_PRISON_NUMBER, "A12345C", want);
	snprintf(want, sizeof(want), "prison number \"11234BC\": %s", shape);
	REJECT(CG_IDENT_PRISON_NUMBER, "11234BC", want);
	snprintf(want, sizeof(want), "prison number \"A1234B\": %s", shape);
	REJECT(CG_IDENT_PRISON_NUMBER, "A1234B", want);
	snprintf(want, sizeof(want), "prison number \"A1234B1\": %s", shape);
	REJECT(CG_IDENT_PRISON_NUMBER, "A1234B1", want);
	snprintf(want, sizeof(want), "prison number \"A-234BC\": %s", shape);
	REJECT(CG_IDENT_PRISON_NUMBER, "A-234BC", want);
	REJECT(CG_IDENT_PRISON_NUMBER, "A1234BCD",
	       "prison number \"A1234BCD\": too long (8 characters, at most "
	       "7)");
}

static void probation_crns(void **state)
{
	static const char shape[] =
		"not of the form X123456 (a letter and six digits)";
	char want[256];

	assert_canonical(CG_IDENT_CRN, "X123456", "X123456");
	assert_canonical(CG_IDENT_CRN, "x123456", "X123456");
	assert_canonical(CG_IDENT_CRN, "\tD000001 ", "D000001");
	snprintf(want, sizeof(want), "CRN \"X12345\": %s", shape);
	REJECT(CG_IDENT_CRN, "X12345", want);
	snprintf(want, sizeof(want), "CRN \"1123456\": %s", shape);
	REJECT(CG_IDENT_CRN, "1123456", want);
	snprintf(want, sizeof(want), "CRN \"XX12345\": %s", shape);
	REJECT(CG_IDENT_CRN, "XX12345", want);
	REJECT(CG_IDENT_CRN, "X1234567",
	       "CRN \"X1234567\": too long (8 characters, at most 7)");
}

static void rejects_bad_bytes_and_empty_values(void **state)
{
	char big[100];
	char want[256];

	REJECT(CG_IDENT_PNC, "", "PNC ID \"\": empty");
	REJECT(CG_IDENT_CRO, "  \t", "CRO number \"  \\x09\": empty");
	assert_rejected(CG_IDENT_CRN, NULL, 0, "CRN \"\": empty");
	/* spaces inside the value are not allowed */
	REJECT(CG_IDENT_PNC, "2001/0123 456F",
	       "PNC ID \"2001/0123 456F\": space at position 10");
	REJECT(CG_IDENT_CRO, " SF93 /123456X",
	       "CRO number \" SF93 /123456X\": space at position 6");
	REJECT(CG_IDENT_CRN, "X12\t3456",
	       "CRN \"X12\\x093456\": space at position 4");
	/* control and non-ASCII bytes, escaped in the message */
	REJECT(CG_IDENT_PRISON_NUMBER, "A1234\x01" "C",
	       "prison number \"A1234\\x01C\": control character at position 6");
	REJECT(CG_IDENT_PRISON_NUMBER, "\xef\xbc\xa1" "1234BC",
	       "prison number \"\\xef\\xbc\\xa11234BC\": non-ASCII byte at "
	       "position 1");
	REJECT(CG_IDENT_PNC, "2001/0123456\xc3\x89",
	       "PNC ID \"2001/0123456\\xc3\\x89\": non-ASCII byte at position "
	       "13");
	/* an embedded NUL is a control character, not the end */
	assert_rejected(CG_IDENT_CRN, "X12\0" "456", 7,
			"CRN \"X12\\x00456\": control character at position 4");
	/* len bounds the input */
	{
		char out[CG_IDENT_MAX];
		assert_int_equal(cg_ident_normalise(CG_IDENT_CRN, "X123456789",
						    7, out, NULL),
				 CG_OK);
		assert_string_equal(out, "X123456");
	}
	/* long values: too long, quoted value cut at 40 bytes */
	memset(big, '1', sizeof(big));
	snprintf(want, sizeof(want),
		 "PNC ID \"%.40s...\": too long (100 characters, at most 13)",
		 big);
	assert_rejected(CG_IDENT_PNC, big, sizeof(big), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_names),
		cmocka_unit_test(pnc_valid),
		cmocka_unit_test(pnc_invalid),
		cmocka_unit_test(cro_valid),
		cmocka_unit_test(cro_invalid),
		cmocka_unit_test(prison_numbers),
		cmocka_unit_test(probation_crns),
		cmocka_unit_test(rejects_bad_bytes_and_empty_values),
	};
	return cmocka_run_group_tests(tests, pin_pivot, unpin_pivot);
}
