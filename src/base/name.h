/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * name.h - normalisation of personal names for matching (base layer).
 *
 * Two records name the same person in many spellings: "JOSÉ MÜLLER-SMITH",
 * "Jose Muller Smith", "josé müller‐smith". These functions map such
 * spellings to one comparison form. The form is for matching and blocking
 * only; it is lossy and never replaces the name as recorded.
 *
 * The rules, in order:
 *  1. Apostrophes and full stops are removed, joining what they separate:
 *     "O'Brien" -> "obrien", "St. John" -> "st john", "J.R." -> "jr". The
 *     set is ' ` ´ ‘ ’ ‛ ′ ʹ ʻ ʼ ʽ ＇ (apostrophe-like) and . ． ․ · (full
 *     stop-like, including the Catalan middle dot of "Gal·la").
 *  2. Unicode compatibility decomposition (NFKD), full case folding and
 *     removal of combining marks and default-ignorable characters (soft
 *     hyphen, zero-width space), all by utf8proc: "É" -> "e", "ﬁ" -> "fi",
 *     "ß" -> "ss", "Ⅷ" -> "viii".
 *  3. Letters (Unicode categories L*) and numbers (N*) are kept; every run
 *     of anything else (spaces, hyphens, commas, slashes, other punctuation,
 *     symbols, controls) becomes one space, and leading and trailing spaces
 *     are dropped.
 *
 * Letters that have no decomposition are kept as they are, never
 * transliterated: "ŁUKASZ" -> "łukasz", "Øre" -> "øre", "Þór" -> "þór",
 * dotless "ı" stays "ı". Guessing "l" for "ł" would make names equal that
 * the recorder wrote differently; a matcher that wants such equivalences
 * must add them explicitly. Note that stripping marks also removes the
 * spacing vowel signs of scripts such as Devanagari, so names in those
 * scripts compare more loosely than Latin ones.
 *
 * Error messages never repeat the name: names are personal data and
 * messages end up in logs.
 *
 * Thread-safe: no shared state.
 */
#ifndef CG_BASE_NAME_H
#define CG_BASE_NAME_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* Longest name accepted, in bytes of UTF-8 input. */
#define CG_NAME_MAX 1024

/*
 * Appends the normalised form of the `len` bytes at `s` (UTF-8, need not be
 * NUL-terminated; `s` may be NULL only when len is 0) to `out`, using the
 * rules above. A name with no letters or digits appends nothing.
 * Errors (out unchanged):
 *   CG_LIMIT    len > CG_NAME_MAX, or out's maximum would be passed;
 *   CG_INVALID  "invalid UTF-8 at byte N" (N counts from 1);
 *   CG_INTERNAL utf8proc failed unexpectedly.
 */
enum cg_status cg_name_normalise(const char *s, size_t len, struct cg_buf *out,
				 struct cg_error *err);

/*
 * As cg_name_normalise, with the spaces removed too, so that hyphenated,
 * spaced and joined forms of a double-barrelled name compare equal:
 * "Müller-Smith", "MULLER SMITH" and "Mullersmith" all give "mullersmith".
 */
enum cg_status cg_name_key(const char *s, size_t len, struct cg_buf *out,
			   struct cg_error *err);

#endif
