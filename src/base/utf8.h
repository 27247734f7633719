/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.h - strict UTF-8 validation (base layer).
 *
 * Everything Common Ground stores is UTF-8. Input readers (src/ingest/) pass
 * each imported value through cg_utf8_valid before it goes further, so a
 * file in another encoding is rejected with the field and byte offset
 * instead of being stored as mojibake.
 */
#ifndef CG_BASE_UTF8_H
#define CG_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Returns true if the `len` bytes at `s` are well-formed UTF-8 as Unicode
 * (Table 3-7) and RFC 3629 define it: no overlong forms (C0, C1, E0 80..9F,
 * F0 80..8F), no UTF-16 surrogates (ED A0..BF), nothing above U+10FFFF
 * (F4 90.., F5..FF), no stray continuation bytes and no sequence cut short
 * by the end of the input. NUL bytes are valid (U+0000); callers that need
 * C strings check for them separately.
 *
 * On false, if `bad_offset` is not NULL, it receives the offset of the first
 * byte of the first ill-formed sequence; on true it is left untouched.
 * `s` may be NULL when `len` is 0. Runs eight bytes at a time over ASCII.
 * Pure function: thread-safe.
 */
bool cg_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
