/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ident.h - UK criminal justice identifiers: validation and canonical forms
 * (base layer).
 *
 * Agencies write the same identifier in several ways ("01/123456F",
 * "2001/0123456f", " 2001/0123456F "). Matching needs one canonical form,
 * and a mistyped identifier must be caught rather than linked. So each
 * value is validated against its kind's shape and, where the kind has one,
 * its check letter; a value that fails is rejected with the reason, never
 * repaired (no check letter is recomputed over a wrong one, no digit
 * guessed).
 *
 * Accepted input: surrounding ASCII whitespace is ignored, letters may be
 * any case (the canonical form is upper case); spaces inside the value,
 * control characters and non-ASCII bytes are rejected.
 *
 * Canonical forms:
 *   pnc            Police National Computer ID "YYYY/NNNNNNNC": four-digit
 *                  year, '/', seven-digit serial, check letter. Also read:
 *                  "YY/N...NC" (two-digit year, expanded with the pivot rule
 *                  of date.h: 19YY when YY is past the current two-digit
 *                  year, else 20YY) and serials of 1 to 7 digits (padded
 *                  with leading zeros). The year must lie between 1900 and
 *                  the current (pivot) year.
 *   cro            Criminal Records Office number "NNNNNN/YYC": serial of
 *                  1 to 6 digits (padded to 6), '/', two-digit year, check
 *                  letter; or the SF form "SFYY/NNNNNNC": "SF", two-digit
 *                  year, '/', serial of 1 to 6 digits (padded to 6), check
 *                  letter. The form is kept; the two-digit year is not
 *                  expanded (nothing in the number says which century).
 *   prison_number  "A1234BC": a letter, four digits, two letters.
 *   crn            probation case reference number "X123456": a letter and
 *                  six digits.
 *
 * Check letters (PNC and CRO): write the two-digit year followed by the
 * zero-padded serial (7 digits for PNC, 6 for CRO) as one decimal number,
 * take it modulo 23, and index "ZABCDEFGHJKLMNPQRTUVWXY" (I, O and S are
 * never used). Example: PNC 2001/0123456: 010123456 = 10123456,
 * 10123456 mod 23 = 6, letter F.
 *
 * Error messages name the kind, quote the value as given (at most 40 bytes,
 * non-printable bytes escaped as \xHH) and give the reason, e.g.
 *   PNC ID "2001/0123456A": check letter A does not match, expected F
 * Positions count bytes from 1 in the value as given.
 *
 * Thread-safe, except that the pivot year is read from date.h's setting.
 */
#ifndef CG_BASE_IDENT_H
#define CG_BASE_IDENT_H

#include <stddef.h>

#include "base/error.h"

/* Bytes of the longest canonical form ("2001/0123456F") plus NUL, rounded
 * up. */
#define CG_IDENT_MAX 16

enum cg_ident_kind {
	CG_IDENT_PNC,
	CG_IDENT_CRO,
	CG_IDENT_PRISON_NUMBER,
	CG_IDENT_CRN,
	CG_IDENT_KIND_COUNT
};

/* The kind's stable name: "pnc", "cro", "prison_number" or "crn" (static
 * string). A value outside the enum is a bug and aborts. */
const char *cg_ident_kind_name(enum cg_ident_kind kind);

/* Parses a stable name (exact, lower case) into *out. Errors: CG_INVALID
 * naming the unknown kind; *out untouched. */
enum cg_status cg_ident_kind_parse(const char *name, enum cg_ident_kind *out,
				   struct cg_error *err);

/*
 * Validates the `len` bytes at `s` (need not be NUL-terminated; `s` may be
 * NULL only when len is 0) as an identifier of `kind` and writes its
 * canonical form, NUL-terminated, into `out`. Errors: CG_INVALID with the
 * reason (empty, too long, space, control or non-ASCII byte, wrong shape,
 * year out of range, check letter mismatch); `out` is then "".
 */
enum cg_status cg_ident_normalise(enum cg_ident_kind kind, const char *s,
				  size_t len, char out[CG_IDENT_MAX],
				  struct cg_error *err);

#endif
