/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * date.h - calendar dates and UTC timestamps (base layer).
 *
 * Dates are proleptic Gregorian, years 1 to 9999, with no time zone: a date
 * of birth is the same day everywhere. Timestamps are seconds since
 * 1970-01-01T00:00:00Z, leap seconds ignored (POSIX time). All conversions
 * are arithmetic (Howard Hinnant's days_from_civil / civil_from_days), so
 * nothing here depends on the C library's time zone or locale, and gmtime
 * and localtime stay banned.
 *
 * Parsers are strict: a value either matches its pattern exactly (apart
 * from surrounding whitespace) or is rejected with a message naming the
 * value and the reason. Nothing is guessed or silently corrected: there is
 * no day/month swapping, no rolling over of 31 February, no two-digit year
 * without the documented pivot.
 *
 * Positions in error messages count bytes from 1 in the value as given
 * (before trimming). Values in messages are quoted, truncated to 40 bytes
 * and have non-printable bytes escaped as \xHH.
 *
 * Everything here is thread-safe except cg_date_set_pivot_year, which is
 * meant for start-up and tests.
 */
#ifndef CG_BASE_DATE_H
#define CG_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* A calendar day. Valid when 1 <= year <= 9999, 1 <= month <= 12 and
 * 1 <= day <= cg_date_days_in_month(year, month). */
struct cg_date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..28, 29, 30 or 31 */
};

/* Bytes cg_date_format_iso writes: "YYYY-MM-DD" plus the NUL. */
#define CG_DATE_ISO_SIZE 11
/* Bytes cg_timestamp_format_iso writes: "YYYY-MM-DDTHH:MM:SSZ" plus NUL. */
#define CG_TIMESTAMP_ISO_SIZE 21
/* Longest date pattern accepted by cg_date_parse, in bytes. */
#define CG_DATE_PATTERN_MAX 64

/* True for Gregorian leap years: divisible by 4, except centuries not
 * divisible by 400 (1900 is not a leap year, 2000 is). */
bool cg_date_is_leap_year(int year);

/* Days in `month` (1..12) of `year`; 0 if month is out of range. */
int cg_date_days_in_month(int year, int month);

/* True if `d` is a real day between 0001-01-01 and 9999-12-31. */
bool cg_date_is_valid(struct cg_date d);

/*
 * Checks `d` and on failure fills `err` (CG_INVALID) with the reason, e.g.
 * "month 13 out of range" or "day 29 is past the end of month 2 (1900 is not
 * a leap year)". Returns CG_OK for a valid date.
 */
enum cg_status cg_date_check(struct cg_date d, struct cg_error *err);

/*
 * Two-digit years. A two-digit year YY is read in the pivot year's century
 * (20YY for pivots 2000..2099) when YY is at most the last two digits of the
 * pivot year, and in the century before (19YY) when it is greater: with
 * pivot 2025, "25" is 2025 and "26" is 1926. This suits dates of birth and
 * identifiers issued in the past, which is all Common Ground reads with
 * two-digit years; a date that may lie in the future cannot use them.
 *
 * The pivot year defaults to the current UTC year, read from the clock at
 * each call. cg_date_set_pivot_year fixes it (for reproducible tests and
 * imports); 0 restores the default. Not thread-safe: call it at start-up.
 */
void cg_date_set_pivot_year(int year); /* 0, or 100..9999; else aborts */
int cg_date_pivot_year(void);

/* Expands `yy` (0..99) to a four-digit year with the pivot rule above.
 * Returns -1 if yy is out of range. */
int cg_date_expand_yy(int yy);

/*
 * Parses the `len` bytes at `s` (need not be NUL-terminated; `s` may be NULL
 * only when len is 0) as a date laid out by `pattern`, into *out.
 * Surrounding ASCII whitespace in the value is ignored; everything else
 * must match. Pattern tokens (longest match first, upper case only):
 *   YYYY   exactly four digits
 *   YY     exactly two digits, expanded with the pivot rule above
 *   MM, DD exactly two digits
 *   M, D   one or two digits
 *   MON    three-letter English month abbreviation, any case ("Jan")
 *   MONTH  full English month name, any case ("january")
 * Any other byte of the pattern is a literal that must appear as is. The
 * pattern must hold exactly one year, one month and one day token, at most
 * CG_DATE_PATTERN_MAX bytes; otherwise the pattern itself is rejected.
 * Examples: "YYYY-MM-DD", "DD/MM/YYYY", "D/M/YYYY", "DD-MON-YYYY",
 * "YYYYMMDD", "DD.MM.YYYY".
 *
 * Errors (CG_INVALID, *out untouched): the value does not match, e.g.
 * "01/02/20x1": expected digits for YYYY at position 7; or the date does
 * not exist, e.g. "31/02/2001": day 31 is past the end of month 2; or the
 * pattern is malformed.
 */
enum cg_status cg_date_parse(const char *s, size_t len, const char *pattern,
			     struct cg_date *out, struct cg_error *err);

/* cg_date_parse of the NUL-terminated `s` with pattern "YYYY-MM-DD". */
enum cg_status cg_date_parse_iso(const char *s, struct cg_date *out,
				 struct cg_error *err);

/*
 * Writes `d` as "YYYY-MM-DD" and a NUL into out (CG_DATE_ISO_SIZE bytes).
 * Returns CG_OK, or CG_INVALID with out set to "" if `d` is not valid.
 */
enum cg_status cg_date_format_iso(struct cg_date d, char out[CG_DATE_ISO_SIZE]);

/* Days from 1970-01-01 to `d` (negative before). `d` must be valid
 * (cg_date_is_valid); an invalid date is a bug and aborts. */
int64_t cg_date_to_days(struct cg_date d);

/* The date `days` after 1970-01-01. Outside 0001-01-01..9999-12-31 returns
 * the invalid date {0, 0, 0}, never a wrapped one. */
struct cg_date cg_date_from_days(int64_t days);

/* Negative, zero or positive as a is before, the same day as, or after b. */
int cg_date_compare(struct cg_date a, struct cg_date b);

/*
 * Parses the NUL-terminated ISO 8601 / RFC 3339 timestamp `s` into seconds
 * since the epoch. Accepted, after trimming surrounding ASCII whitespace:
 *   YYYY-MM-DD{T|t| }HH:MM:SS[{.|,}digits][Z|z|+HH:MM|-HH:MM]
 * Fractional seconds are dropped (rounded towards the past). No offset means
 * UTC. Hours 00..23, minutes and seconds 00..59 (leap second 60 is rejected
 * rather than moved), offsets up to 23:59.
 * Errors: CG_INVALID naming the value and the reason; *epoch_seconds is left
 * untouched.
 */
enum cg_status cg_timestamp_parse_iso(const char *s, int64_t *epoch_seconds,
				      struct cg_error *err);

/*
 * Writes `epoch_seconds` as "YYYY-MM-DDTHH:MM:SSZ" (UTC) and a NUL into out
 * (CG_TIMESTAMP_ISO_SIZE bytes). Returns CG_OK, or CG_INVALID with out set to
 * "" if the time falls outside years 1..9999.
 */
enum cg_status cg_timestamp_format_iso(int64_t epoch_seconds,
				       char out[CG_TIMESTAMP_ISO_SIZE]);

/* The current time in seconds since the epoch (time()). */
int64_t cg_now(void);

#endif
