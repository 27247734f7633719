/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_date.c - unit tests for base/date: calendar rules, pattern parsing,
 * day arithmetic and timestamps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/date.h"

/* Days from 1970-01-01 to 0001-01-01 and 9999-12-31. */
#define DAYS_MIN ((int64_t)-719162)
#define DAYS_MAX ((int64_t)2932896)

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

/* Parses s with pattern and checks the date. */
static void assert_parses(const char *s, const char *pattern, int y, int m,
			  int d)
{
	struct cg_error err = CG_ERROR_INIT;
	struct cg_date out = { 0, 0, 0 };
	enum cg_status rc = cg_date_parse(s, strlen(s), pattern, &out, &err);
	if (rc != CG_OK)
		fail_msg("%s with %s: %s", s, pattern, err.message);
	assert_int_equal(out.year, y);
	assert_int_equal(out.month, m);
	assert_int_equal(out.day, d);
}

/* Parses s with pattern, expects CG_INVALID with exactly `message`. */
static void assert_rejects(const char *s, const char *pattern,
			   const char *message)
{
	struct cg_error err = CG_ERROR_INIT;
	struct cg_date out = { 7, 7, 7 };
	assert_int_equal(cg_date_parse(s, strlen(s), pattern, &out, &err),
			 CG_INVALID);
	assert_int_equal(err.code, CG_INVALID);
	assert_string_equal(err.message, message);
	/* *out untouched on failure */
	assert_int_equal(out.year, 7);
	assert_int_equal(out.month, 7);
	assert_int_equal(out.day, 7);
}

static void leap_years_and_month_lengths(void **state)
{
	assert_false(cg_date_is_leap_year(1900));
	assert_true(cg_date_is_leap_year(2000));
	assert_true(cg_date_is_leap_year(2004));
	assert_false(cg_date_is_leap_year(2001));
	assert_false(cg_date_is_leap_year(2100));
	assert_true(cg_date_is_leap_year(2400));
	assert_int_equal(cg_date_days_in_month(1900, 2), 28);
	assert_int_equal(cg_date_days_in_month(2000, 2), 29);
	assert_int_equal(cg_date_days_in_month(2001, 4), 30);
	assert_int_equal(cg_date_days_in_month(2001, 12), 31);
	assert_int_equal(cg_date_days_in_month(2001, 0), 0);
	assert_int_equal(cg_date_days_in_month(2001, 13), 0);
}

static void validity(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	assert_true(cg_date_is_valid((struct cg_date){ 2000, 2, 29 }));
	assert_true(cg_date_is_valid((struct cg_date){ 1, 1, 1 }));
	assert_true(cg_date_is_valid((struct cg_date){ 9999, 12, 31 }));
	assert_false(cg_date_is_valid((struct cg_date){ 0, 1, 1 }));
	assert_false(cg_date_is_valid((struct cg_date){ 10000, 1, 1 }));
	assert_false(cg_date_is_valid((struct cg_date){ 2001, 0, 1 }));
	assert_false(cg_date_is_valid((struct cg_date){ 2001, 1, 0 }));
	assert_false(cg_date_is_valid((struct cg_date){ 2001, 4, 31 }));

	assert_int_equal(cg_date_check((struct cg_date){ 1900, 2, 29 }, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "day 29 is past the end of month 2 "
					 "(1900 is not a leap year)");
	assert_int_equal(cg_date_check((struct cg_date){ 2000, 2, 29 }, &err),
			 CG_OK);
	assert_int_equal(cg_date_check((struct cg_date){ 2000, 2, 30 }, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "day 30 is past the end of month 2");
	assert_int_equal(cg_date_check((struct cg_date){ 0, 1, 1 }, NULL),
			 CG_INVALID);
}

static void parses_agency_patterns(void **state)
{
	assert_parses("2001-02-03", "YYYY-MM-DD", 2001, 2, 3);
	assert_parses("03/02/2001", "DD/MM/YYYY", 2001, 2, 3);
	assert_parses("3/2/2001", "D/M/YYYY", 2001, 2, 3);
	assert_parses("03/02/2001", "D/M/YYYY", 2001, 2, 3);
	assert_parses("31/12/2001", "D/M/YYYY", 2001, 12, 31);
	assert_parses("03-JAN-1985", "DD-MON-YYYY", 1985, 1, 3);
	assert_parses("03-jan-1985", "DD-MON-YYYY", 1985, 1, 3);
	assert_parses("03-Sep-1985", "DD-MON-YYYY", 1985, 9, 3);
	assert_parses("19850103", "YYYYMMDD", 1985, 1, 3);
	assert_parses("03.01.1985", "DD.MM.YYYY", 1985, 1, 3);
	assert_parses("3 January 1985", "D MONTH YYYY", 1985, 1, 3);
	assert_parses("3 SEPTEMBER 1985", "D MONTH YYYY", 1985, 9, 3);
	assert_parses("May 3, 1985", "MONTH D, YYYY", 1985, 5, 3);
	/* surrounding whitespace is ignored */
	assert_parses("  2001-02-03\t\r\n", "YYYY-MM-DD", 2001, 2, 3);
	/* leap days */
	assert_parses("29/02/2000", "DD/MM/YYYY", 2000, 2, 29);
	assert_parses("29/02/2004", "DD/MM/YYYY", 2004, 2, 29);
	/* extremes of the range */
	assert_parses("0001-01-01", "YYYY-MM-DD", 1, 1, 1);
	assert_parses("9999-12-31", "YYYY-MM-DD", 9999, 12, 31);
}

static void parse_uses_length_not_nul(void **state)
{
	struct cg_date d = { 0, 0, 0 };
	const char *s = "2001-02-03trailing";
	assert_int_equal(cg_date_parse(s, 10, "YYYY-MM-DD", &d, NULL), CG_OK);
	assert_int_equal(d.day, 3);
	assert_int_equal(cg_date_parse(s, 11, "YYYY-MM-DD", &d, NULL),
			 CG_INVALID);
	assert_int_equal(cg_date_parse_iso("2004-02-29", &d, NULL), CG_OK);
	assert_int_equal(d.year, 2004);
}

static void rejects_impossible_dates(void **state)
{
	assert_rejects("31/02/2001", "DD/MM/YYYY",
		       "\"31/02/2001\": day 31 is past the end of month 2");
	assert_rejects("2001-13-01", "YYYY-MM-DD",
		       "\"2001-13-01\": month 13 out of range");
	assert_rejects("2001-00-01", "YYYY-MM-DD",
		       "\"2001-00-01\": month 0 out of range");
	assert_rejects("2001-01-00", "YYYY-MM-DD",
		       "\"2001-01-00\": day 0 out of range");
	assert_rejects("2001-04-31", "YYYY-MM-DD",
		       "\"2001-04-31\": day 31 is past the end of month 4");
	assert_rejects("1900-02-29", "YYYY-MM-DD",
		       "\"1900-02-29\": day 29 is past the end of month 2 "
		       "(1900 is not a leap year)");
	assert_rejects("2001-02-29", "YYYY-MM-DD",
		       "\"2001-02-29\": day 29 is past the end of month 2 "
		       "(2001 is not a leap year)");
	assert_rejects("0000-01-01", "YYYY-MM-DD",
		       "\"0000-01-01\": year 0 out of range 1 to 9999");
}

static void rejects_values_that_do_not_match(void **state)
{
	assert_rejects("01/02/20x1", "DD/MM/YYYY",
		       "\"01/02/20x1\": expected digits for YYYY at position 7");
	assert_rejects("01-02-2001", "DD/MM/YYYY",
		       "\"01-02-2001\": expected \"/\" at position 3");
	assert_rejects("1/02/2001", "DD/MM/YYYY",
		       "\"1/02/2001\": expected digits for DD at position 1");
	assert_rejects("2001-01-011", "YYYY-MM-DD",
		       "\"2001-01-011\": unexpected text after the date at "
		       "position 11");
	assert_rejects("2001-01", "YYYY-MM-DD",
		       "\"2001-01\": expected \"-\" at position 8 (end of value)");
	assert_rejects("100/2/2001", "D/M/YYYY",
		       "\"100/2/2001\": expected \"/\" at position 3");
	assert_rejects("/2/2001", "D/M/YYYY",
		       "\"/2/2001\": expected digits for D at position 1");
	assert_rejects("03-JNA-1985", "DD-MON-YYYY",
		       "\"03-JNA-1985\": unknown month abbreviation \"JNA\" at "
		       "position 4");
	assert_rejects("03-JANUARY-1985", "DD-MON-YYYY",
		       "\"03-JANUARY-1985\": expected \"-\" at position 7");
	assert_rejects("03-JA-1985", "DD-MON-YYYY",
		       "\"03-JA-1985\": expected a month abbreviation at "
		       "position 4");
	assert_rejects("3 Sept 1985", "D MONTH YYYY",
		       "\"3 Sept 1985\": unknown month name \"Sept\" at "
		       "position 3");
	assert_rejects("3 1985", "D MONTH YYYY",
		       "\"3 1985\": expected a month name at position 3");
	/* positions count in the value as given, before trimming */
	assert_rejects("  2001-1-01", "YYYY-MM-DD",
		       "\"  2001-1-01\": expected digits for MM at position 8");
	/* internal spaces are not trimmed */
	assert_rejects("2001 -01-01", "YYYY-MM-DD",
		       "\"2001 -01-01\": expected \"-\" at position 5");
	/* empty */
	assert_rejects("", "DD/MM/YYYY",
		       "\"\": empty, expected a date in the form DD/MM/YYYY");
	assert_rejects(" \t ", "YYYY-MM-DD",
		       "\" \\x09 \": empty, expected a date in the form "
		       "YYYY-MM-DD");
	/* non-printable and non-ASCII bytes are escaped in the message */
	assert_rejects("2001-01-0\x01", "YYYY-MM-DD",
		       "\"2001-01-0\\x01\": expected digits for DD at position 9");
	assert_rejects("2001-01-\xc3\xa9", "YYYY-MM-DD",
		       "\"2001-01-\\xc3\\xa9\": expected digits for DD at "
		       "position 9");
	/* long values are cut in the message */
	assert_rejects("2001-01-01 and a great deal of text after it",
		       "YYYY-MM-DD",
		       "\"2001-01-01 and a great deal of text afte...\": "
		       "unexpected text after the date at position 11");
}

static void null_value_with_zero_length_is_empty(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	struct cg_date d;
	assert_int_equal(cg_date_parse(NULL, 0, "YYYY-MM-DD", &d, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "\"\": empty, expected a date in the "
					 "form YYYY-MM-DD");
	assert_int_equal(cg_date_parse_iso(NULL, &d, NULL), CG_INVALID);
}

static void rejects_bad_patterns(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	struct cg_date d;
	assert_int_equal(cg_date_parse("2001-01-01", 10, "YYY-MM-DD", &d, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "date pattern \"YYY-MM-DD\": Y at "
					 "position 3 is not part of YY or YYYY");
	assert_int_equal(cg_date_parse("01-01", 5, "MM-DD", &d, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "date pattern \"MM-DD\": needs "
					 "exactly one year field, has 0");
	assert_int_equal(cg_date_parse("2001-01-01-01", 13, "YYYY-MM-DD-DD",
				       &d, &err),
			 CG_INVALID);
	assert_string_equal(err.message, "date pattern \"YYYY-MM-DD-DD\": "
					 "needs exactly one day field, has 2");
	assert_int_equal(cg_date_parse("2001-01-01", 10, "YYYY-MMM-DD", &d,
				       &err),
			 CG_INVALID);
	assert_string_equal(err.message, "date pattern \"YYYY-MMM-DD\": "
					 "needs exactly one month field, has 2");
	assert_int_equal(
		cg_date_parse("2001-01-01", 10,
			      "YYYY-MM-DD--------------------------------------"
			      "-------------------",
			      &d, &err),
		CG_INVALID);
	assert_non_null(strstr(err.message, "longer than 64 bytes"));
}

static void two_digit_years_use_the_pivot(void **state)
{
	/* pivot 2025 (pin_pivot): YY <= 25 is 20YY, YY > 25 is 19YY */
	assert_int_equal(cg_date_pivot_year(), 2025);
	assert_int_equal(cg_date_expand_yy(0), 2000);
	assert_int_equal(cg_date_expand_yy(25), 2025);
	assert_int_equal(cg_date_expand_yy(26), 1926);
	assert_int_equal(cg_date_expand_yy(99), 1999);
	assert_int_equal(cg_date_expand_yy(-1), -1);
	assert_int_equal(cg_date_expand_yy(100), -1);
	assert_parses("03/01/85", "DD/MM/YY", 1985, 1, 3);
	assert_parses("03/01/25", "DD/MM/YY", 2025, 1, 3);
	assert_parses("03/01/26", "DD/MM/YY", 1926, 1, 3);
	assert_parses("29/02/00", "DD/MM/YY", 2000, 2, 29);
	assert_rejects("03/01/5", "DD/MM/YY",
		       "\"03/01/5\": expected digits for YY at position 7");

	/* other pivots: the rule follows the pivot's century */
	cg_date_set_pivot_year(2005);
	assert_int_equal(cg_date_expand_yy(5), 2005);
	assert_int_equal(cg_date_expand_yy(6), 1906);
	cg_date_set_pivot_year(2150);
	assert_int_equal(cg_date_expand_yy(50), 2150);
	assert_int_equal(cg_date_expand_yy(51), 2051);

	/* default: the current UTC year, so this year's YY is this century */
	cg_date_set_pivot_year(0);
	{
		int now = cg_date_pivot_year();
		assert_true(now >= 2024);
		assert_int_equal(cg_date_expand_yy(now % 100), now);
		assert_int_equal(cg_date_expand_yy(0), now - now % 100);
	}
	cg_date_set_pivot_year(2025);
}

static void day_numbers(void **state)
{
	assert_int_equal(cg_date_to_days((struct cg_date){ 1970, 1, 1 }), 0);
	assert_int_equal(cg_date_to_days((struct cg_date){ 1970, 1, 2 }), 1);
	assert_int_equal(cg_date_to_days((struct cg_date){ 1969, 12, 31 }), -1);
	assert_int_equal(cg_date_to_days((struct cg_date){ 2000, 3, 1 }), 11017);
	assert_int_equal(cg_date_to_days((struct cg_date){ 2001, 9, 9 }), 11574);
	assert_int_equal(cg_date_to_days((struct cg_date){ 1900, 3, 1 }),
			 -25508);
	assert_int_equal(cg_date_to_days((struct cg_date){ 1, 1, 1 }),
			 DAYS_MIN);
	assert_int_equal(cg_date_to_days((struct cg_date){ 9999, 12, 31 }),
			 DAYS_MAX);

	struct cg_date d = cg_date_from_days(11017);
	assert_int_equal(d.year, 2000);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 1);
	d = cg_date_from_days(11016);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	/* outside years 1..9999: the invalid date, never a wrapped one */
	d = cg_date_from_days(DAYS_MIN - 1);
	assert_false(cg_date_is_valid(d));
	assert_int_equal(d.year, 0);
	d = cg_date_from_days(DAYS_MAX + 1);
	assert_int_equal(d.year, 0);
	d = cg_date_from_days(INT64_MIN);
	assert_int_equal(d.year, 0);
	d = cg_date_from_days(INT64_MAX);
	assert_int_equal(d.year, 0);
}

/* Every day from 0001-01-01 to 9999-12-31: to_days and from_days are
 * inverse, and consecutive day numbers are consecutive calendar days. */
static void every_day_round_trips(void **state)
{
	struct cg_date prev = cg_date_from_days(DAYS_MIN);
	assert_int_equal(prev.year, 1);
	assert_int_equal(prev.month, 1);
	assert_int_equal(prev.day, 1);
	for (int64_t n = DAYS_MIN + 1; n <= DAYS_MAX; n++) {
		struct cg_date d = cg_date_from_days(n);
		if (!cg_date_is_valid(d) || cg_date_to_days(d) != n)
			fail_msg("day %lld", (long long)n);
		if (d.day == prev.day + 1) {
			if (d.month != prev.month || d.year != prev.year)
				fail_msg("day %lld", (long long)n);
		} else if (d.day != 1 ||
			   prev.day != cg_date_days_in_month(prev.year,
							     prev.month) ||
			   (d.month == 1 ? d.year != prev.year + 1 ||
						   prev.month != 12
					 : d.year != prev.year ||
						   d.month != prev.month + 1)) {
			fail_msg("day %lld", (long long)n);
		}
		assert_true(cg_date_compare(prev, d) < 0);
		prev = d;
	}
	assert_int_equal(prev.year, 9999);
	assert_int_equal(prev.month, 12);
	assert_int_equal(prev.day, 31);
}

static void compare_and_format(void **state)
{
	char iso[CG_DATE_ISO_SIZE];
	struct cg_date a = { 2001, 2, 3 }, b = { 2001, 2, 4 }, c = { 2001, 3, 1 };
	assert_true(cg_date_compare(a, b) < 0);
	assert_true(cg_date_compare(b, a) > 0);
	assert_true(cg_date_compare(b, c) < 0);
	assert_true(cg_date_compare((struct cg_date){ 2000, 12, 31 }, a) < 0);
	assert_int_equal(cg_date_compare(a, a), 0);

	assert_int_equal(cg_date_format_iso(a, iso), CG_OK);
	assert_string_equal(iso, "2001-02-03");
	assert_int_equal(cg_date_format_iso((struct cg_date){ 1, 1, 1 }, iso),
			 CG_OK);
	assert_string_equal(iso, "0001-01-01");
	assert_int_equal(cg_date_format_iso((struct cg_date){ 9999, 12, 31 },
					    iso),
			 CG_OK);
	assert_string_equal(iso, "9999-12-31");
	assert_int_equal(cg_date_format_iso((struct cg_date){ 2001, 2, 29 },
					    iso),
			 CG_INVALID);
	assert_string_equal(iso, "");
	assert_int_equal(cg_date_format_iso((struct cg_date){ 12345, 1, 1 },
					    iso),
			 CG_INVALID);
	assert_string_equal(iso, "");
}

/* Parses a timestamp, expecting success and `want`. */
static void assert_timestamp(const char *s, int64_t want)
{
	struct cg_error err = CG_ERROR_INIT;
	int64_t t = 12345;
	if (cg_timestamp_parse_iso(s, &t, &err) != CG_OK)
		fail_msg("%s: %s", s, err.message);
	assert_int_equal(t, want);
}

/* Parses a timestamp, expecting CG_INVALID with exactly `message`. */
static void assert_bad_timestamp(const char *s, const char *message)
{
	struct cg_error err = CG_ERROR_INIT;
	int64_t t = 12345;
	assert_int_equal(cg_timestamp_parse_iso(s, &t, &err), CG_INVALID);
	assert_string_equal(err.message, message);
	assert_int_equal(t, 12345);
}

static void parses_timestamps(void **state)
{
	assert_timestamp("1970-01-01T00:00:00Z", 0);
	assert_timestamp("1970-01-01T00:00:00", 0);
	assert_timestamp("2001-09-09T01:46:40Z", 1000000000);
	assert_timestamp("2001-09-09 01:46:40", 1000000000);
	assert_timestamp("2001-09-09t01:46:40z", 1000000000);
	assert_timestamp("  2001-09-09T01:46:40Z\n", 1000000000);
	/* offsets: local time ahead of UTC by the offset */
	assert_timestamp("2001-09-09T03:46:40+02:00", 1000000000);
	assert_timestamp("2001-09-08T20:46:40-05:00", 1000000000);
	assert_timestamp("2001-09-09T07:16:40+05:30", 1000000000);
	assert_timestamp("2001-09-09T01:46:40-00:00", 1000000000);
	assert_timestamp("2001-09-09T01:46:40+00:00", 1000000000);
	assert_timestamp("2001-09-09T00:00:00+23:59", 1000000000 - 6400 - 86340);
	/* fractions are dropped, towards the past */
	assert_timestamp("2001-09-09T01:46:40.999Z", 1000000000);
	assert_timestamp("2001-09-09T01:46:40,5", 1000000000);
	assert_timestamp("2001-09-09T01:46:40.123456789+02:00",
			 1000000000 - 7200);
	assert_timestamp("1969-12-31T23:59:59.5Z", -1);
	/* leap day and range ends */
	assert_timestamp("2000-02-29T12:00:00Z", 951825600);
	assert_timestamp("0001-01-01T00:00:00Z", -62135596800LL);
	assert_timestamp("9999-12-31T23:59:59Z", 253402300799LL);
}

static void rejects_bad_timestamps(void **state)
{
	assert_bad_timestamp("", "\"\": empty, expected a timestamp "
				 "YYYY-MM-DDTHH:MM:SS");
	assert_bad_timestamp("2001-09-09", "\"2001-09-09\": expected \"T\" or "
					   "a space between date and time at "
					   "position 11");
	assert_bad_timestamp("2001-09-09T01:46Z",
			     "\"2001-09-09T01:46Z\": expected \":\" at position "
			     "17");
	assert_bad_timestamp("2001-09-09T1:46:40Z",
			     "\"2001-09-09T1:46:40Z\": expected digits for the "
			     "hour at position 12");
	assert_bad_timestamp("2001-09-09T24:00:00Z",
			     "\"2001-09-09T24:00:00Z\": hour 24 out of range");
	assert_bad_timestamp("2001-09-09T23:60:00Z",
			     "\"2001-09-09T23:60:00Z\": minute 60 out of range");
	assert_bad_timestamp("2016-12-31T23:59:60Z",
			     "\"2016-12-31T23:59:60Z\": second 60 out of range "
			     "(leap seconds are not supported)");
	assert_bad_timestamp("2001-02-29T00:00:00Z",
			     "\"2001-02-29T00:00:00Z\": day 29 is past the end "
			     "of month 2 (2001 is not a leap year)");
	assert_bad_timestamp("2001-09-09T01:46:40+0200",
			     "\"2001-09-09T01:46:40+0200\": expected \":\" at "
			     "position 23");
	assert_bad_timestamp("2001-09-09T01:46:40+24:00",
			     "\"2001-09-09T01:46:40+24:00\": offset hour 24 out "
			     "of range");
	assert_bad_timestamp("2001-09-09T01:46:40+02:60",
			     "\"2001-09-09T01:46:40+02:60\": offset minute 60 "
			     "out of range");
	assert_bad_timestamp("2001-09-09T01:46:40.Z",
			     "\"2001-09-09T01:46:40.Z\": expected digits for the "
			     "fraction of a second at position 21");
	assert_bad_timestamp("2001-09-09T01:46:40Z junk",
			     "\"2001-09-09T01:46:40Z junk\": unexpected text "
			     "after the timestamp at position 21");
	assert_bad_timestamp("2001-09-09T01:46:40 Z",
			     "\"2001-09-09T01:46:40 Z\": unexpected text after "
			     "the timestamp at position 20");
	assert_bad_timestamp("01-09-09T01:46:40Z",
			     "\"01-09-09T01:46:40Z\": expected digits for the "
			     "year at position 1");

	int64_t t;
	assert_int_equal(cg_timestamp_parse_iso(NULL, &t, NULL), CG_INVALID);
}

static void formats_timestamps(void **state)
{
	char iso[CG_TIMESTAMP_ISO_SIZE];
	struct {
		int64_t t;
		const char *s;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ 1000000000, "2001-09-09T01:46:40Z" },
		{ 951825600, "2000-02-29T12:00:00Z" },
		{ -2208988800LL, "1900-01-01T00:00:00Z" },
		{ -62135596800LL, "0001-01-01T00:00:00Z" },
		{ 253402300799LL, "9999-12-31T23:59:59Z" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(cg_timestamp_format_iso(cases[i].t, iso), CG_OK);
		assert_string_equal(iso, cases[i].s);
	}
	assert_int_equal(cg_timestamp_format_iso(253402300800LL, iso),
			 CG_INVALID);
	assert_string_equal(iso, "");
	assert_int_equal(cg_timestamp_format_iso(-62135596801LL, iso),
			 CG_INVALID);
	assert_int_equal(cg_timestamp_format_iso(INT64_MIN, iso), CG_INVALID);
	assert_int_equal(cg_timestamp_format_iso(INT64_MAX, iso), CG_INVALID);
}

/* format then parse gives back the same second, across the whole range */
static void timestamps_round_trip(void **state)
{
	char iso[CG_TIMESTAMP_ISO_SIZE];
	for (int64_t t = -62135596800LL; t <= 253402300799LL;
	     t += 86400 * 997 + 3607) {
		int64_t back = 0;
		assert_int_equal(cg_timestamp_format_iso(t, iso), CG_OK);
		assert_int_equal(cg_timestamp_parse_iso(iso, &back, NULL), CG_OK);
		assert_int_equal(back, t);
	}
}

static void now_is_plausible(void **state)
{
	int64_t now = cg_now();
	assert_true(now > 1700000000); /* after November 2023 */
	assert_true(now < 253402300799LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leap_years_and_month_lengths),
		cmocka_unit_test(validity),
		cmocka_unit_test(parses_agency_patterns),
		cmocka_unit_test(parse_uses_length_not_nul),
		cmocka_unit_test(rejects_impossible_dates),
		cmocka_unit_test(rejects_values_that_do_not_match),
		cmocka_unit_test(null_value_with_zero_length_is_empty),
		cmocka_unit_test(rejects_bad_patterns),
		cmocka_unit_test(two_digit_years_use_the_pivot),
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(every_day_round_trips),
		cmocka_unit_test(compare_and_format),
		cmocka_unit_test(parses_timestamps),
		cmocka_unit_test(rejects_bad_timestamps),
		cmocka_unit_test(formats_timestamps),
		cmocka_unit_test(timestamps_round_trip),
		cmocka_unit_test(now_is_plausible),
	};
	return cmocka_run_group_tests(tests, pin_pivot, unpin_pivot);
}
