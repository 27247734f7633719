/* SPDX-License-Identifier: GPL-3.0-or-later */
/* quote.c - quoting untrusted values for error messages (base layer). */
#include "base/quote.h"

#include <string.h>

#include "base/banned.h"

const char *cg_quote(char buf[CG_QUOTE_SIZE], const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = len > CG_QUOTE_RAW_MAX ? CG_QUOTE_RAW_MAX : len;
	size_t o = 0;

	buf[o++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c >= 0x20 && c < 0x7f) {
			buf[o++] = (char)c;
		} else {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 0xf];
		}
	}
	if (n < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
