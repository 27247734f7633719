/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * name.c - normalisation of personal names for matching, on utf8proc (base
 * layer). See name.h for the rules.
 */
#include "base/name.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/xalloc.h"
#include "base/banned.h"

/*
 * Compatibility decomposition, full case folding, marks and default
 * ignorables stripped. STABLE keeps the result the same across Unicode
 * versions for assigned characters. utf8proc_decompose applies the same
 * transformation as utf8proc_map with these flags, but hands back code
 * points, which is what the filtering step needs, and allocates nothing.
 */
#define NAME_UTF8PROC_OPTIONS                                                  \
	((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT |               \
			     UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |          \
			     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE))

/* Code points that decomposition expands a name to before we need the
 * heap; most names stay far below it. */
#define STACK_CODEPOINTS 1024

/*
 * Apostrophes and full stops: removed without leaving a space, so that
 * "O'Brien" and "OBrien", "St. John" and "St John" normalise alike. Both
 * the input and the decomposed text are checked, because some appear only
 * before decomposition (´ decomposes to a space and a mark) and some only
 * after (fullwidth ＇ and ． decompose to ' and .).
 */
static const utf8proc_int32_t removed[] = {
	0x0027, /* ' apostrophe */
	0x0060, /* ` grave accent, typed for an apostrophe */
	0x00B4, /* ´ acute accent, typed for an apostrophe */
	0x2018, /* ‘ left single quotation mark */
	0x2019, /* ’ right single quotation mark (typographic apostrophe) */
	0x201B, /* ‛ single high-reversed-9 quotation mark */
	0x2032, /* ′ prime */
	0x02B9, /* ʹ modifier letter prime */
	0x02BB, /* ʻ modifier letter turned comma (okina) */
	0x02BC, /* ʼ modifier letter apostrophe */
	0x02BD, /* ʽ modifier letter reversed comma */
	0xFF07, /* ＇ fullwidth apostrophe */
	0x002E, /* . full stop */
	0xFF0E, /* ． fullwidth full stop */
	0x2024, /* ․ one dot leader */
	0x00B7, /* · middle dot (Catalan l·l) */
};

static bool is_removed(utf8proc_int32_t cp)
{
	for (size_t i = 0; i < sizeof(removed) / sizeof(removed[0]); i++)
		if (removed[i] == cp)
			return true;
	return false;
}

/* Letters and numbers are kept; everything else separates words. */
static bool is_kept(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/*
 * Copies the len bytes at s to dst (at least len bytes) without the
 * characters of `removed`, checking that they are valid UTF-8 on the way.
 * Sets *dst_len. Fails with CG_INVALID at the first invalid byte.
 */
static enum cg_status strip_removed(const char *s, size_t len, char *dst,
				    size_t *dst_len, struct cg_error *err)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0, o = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(
			p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return cg_fail(err, CG_INVALID,
				       "invalid UTF-8 at byte %zu", i + 1);
		if (!is_removed(cp)) {
			memcpy(dst + o, s + i, (size_t)n);
			o += (size_t)n;
		}
		i += (size_t)n;
	}
	*dst_len = o;
	return CG_OK;
}

/* Decomposes `len` bytes of valid UTF-8 into *cps (stack or heap: the
 * caller frees *cps if it is not `stack`). Returns the count or -1. */
static utf8proc_ssize_t decompose(const char *s, size_t len,
				  utf8proc_int32_t *stack,
				  utf8proc_int32_t **cps)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n;

	*cps = stack;
	n = utf8proc_decompose(p, (utf8proc_ssize_t)len, stack,
			       STACK_CODEPOINTS, NAME_UTF8PROC_OPTIONS);
	if (n <= STACK_CODEPOINTS)
		return n;
	/* Too many for the stack: n is the exact count needed. */
	*cps = cg_xcalloc((size_t)n, sizeof(**cps));
	return utf8proc_decompose(p, (utf8proc_ssize_t)len, *cps, n,
				  NAME_UTF8PROC_OPTIONS);
}

/* The work of cg_name_normalise (keep_spaces) and cg_name_key. */
static enum cg_status normalise(const char *s, size_t len, bool keep_spaces,
				struct cg_buf *out, struct cg_error *err)
{
	char stripped[CG_NAME_MAX];
	size_t stripped_len = 0;
	utf8proc_int32_t stack[STACK_CODEPOINTS];
	utf8proc_int32_t *cps = NULL;
	utf8proc_ssize_t n;
	struct cg_buf result = CG_BUF_INIT;
	bool pending_space = false;
	enum cg_status rc;

	if (len > CG_NAME_MAX)
		return cg_fail(err, CG_LIMIT,
			       "name of %zu bytes is longer than the %d "
			       "allowed",
			       len, CG_NAME_MAX);
	rc = strip_removed(s, len, stripped, &stripped_len, err);
	if (rc)
		return rc;
	if (stripped_len == 0)
		return CG_OK;

	n = decompose(stripped, stripped_len, stack, &cps);
	if (n < 0) {
		rc = cg_fail(err, CG_INTERNAL, "utf8proc could not normalise "
			     "a name: %s", utf8proc_errmsg(n));
		goto out;
	}
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		utf8proc_uint8_t bytes[4];
		utf8proc_ssize_t nb;

		if (is_removed(cps[i]))
			continue;
		if (!is_kept(cps[i])) {
			pending_space = true;
			continue;
		}
		if (pending_space && keep_spaces && result.len)
			cg_buf_addch(&result, ' ', NULL);
		pending_space = false;
		nb = utf8proc_encode_char(cps[i], bytes);
		cg_buf_add(&result, bytes, (size_t)nb, NULL);
	}
	rc = cg_buf_add(out, result.data, result.len, err);
out:
	if (cps != stack)
		free(cps);
	cg_buf_release(&result);
	return rc;
}

enum cg_status cg_name_normalise(const char *s, size_t len, struct cg_buf *out,
				 struct cg_error *err)
{
	return normalise(s, len, true, out, err);
}

enum cg_status cg_name_key(const char *s, size_t len, struct cg_buf *out,
			   struct cg_error *err)
{
	return normalise(s, len, false, out, err);
}
