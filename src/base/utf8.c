/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.c - strict UTF-8 validation (base layer).
 *
 * A word-at-a-time skip over ASCII, then the well-formed byte sequences of
 * Unicode's Table 3-7 checked byte by byte: the lead byte fixes the length
 * and the allowed range of the second byte (which is where overlongs,
 * surrogates and values above U+10FFFF are excluded); later bytes need only
 * be continuation bytes.
 */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

#define HIGH_BITS UINT64_C(0x8080808080808080)

bool cg_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *start = (const unsigned char *)s;
	const unsigned char *p = start;
	const unsigned char *e = start + len;

	while (p < e) {
		unsigned c = *p;
		unsigned lo = 0x80, hi = 0xbf;
		size_t more;

		if (c < 0x80) {
			uint64_t w;
			/* memcpy: the input need not be aligned. */
			while (e - p >= 8) {
				memcpy(&w, p, sizeof(w));
				if (w & HIGH_BITS)
					break;
				p += 8;
			}
			while (p < e && *p < 0x80)
				p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
		} else if (c == 0xe0) {
			more = 2;
			lo = 0xa0; /* E0 80..9F would be overlong */
		} else if (c == 0xed) {
			more = 2;
			hi = 0x9f; /* ED A0..BF are the surrogates D800..DFFF */
		} else if (c >= 0xe1 && c <= 0xef) {
			more = 2;
		} else if (c == 0xf0) {
			more = 3;
			lo = 0x90; /* F0 80..8F would be overlong */
		} else if (c >= 0xf1 && c <= 0xf3) {
			more = 3;
		} else if (c == 0xf4) {
			more = 3;
			hi = 0x8f; /* F4 90.. is above U+10FFFF */
		} else {
			goto bad; /* 80..BF stray continuation, C0/C1 overlong, F5..FF */
		}
		if ((size_t)(e - p) <= more)
			goto bad; /* cut short by the end of the input */
		if (p[1] < lo || p[1] > hi)
			goto bad;
		for (size_t i = 2; i <= more; i++)
			if ((p[i] & 0xc0) != 0x80)
				goto bad;
		p += more + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = (size_t)(p - start);
	return false;
}
