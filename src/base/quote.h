/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quote.h - quoting untrusted values for error messages (base layer).
 */
#ifndef CG_BASE_QUOTE_H
#define CG_BASE_QUOTE_H

#include <stddef.h>

/* At most CG_QUOTE_RAW_MAX bytes of the value are shown, each at most 4
 * bytes once escaped, plus quotes, "..." and the NUL. */
#define CG_QUOTE_RAW_MAX 40
#define CG_QUOTE_SIZE (CG_QUOTE_RAW_MAX * 4 + 8)

/*
 * Writes `s` (len bytes) into buf as a double-quoted string for a message:
 * printable ASCII as is, `"` and `\` backslash-escaped, any other byte as
 * \xHH, cut after CG_QUOTE_RAW_MAX bytes with "..." so one bad value cannot
 * flood a message or a terminal. Returns buf.
 */
const char *cg_quote(char buf[CG_QUOTE_SIZE], const char *s, size_t len);

#endif
