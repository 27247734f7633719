/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * banned.h - functions Common Ground must not call (base layer).
 *
 * Every .c file includes it after all other headers, as git does, so a use
 * of any of these becomes a compile error naming the function (the system
 * headers' own declarations come first and stay untouched). The lint test
 * tests/lint/check-sources.sh fails on a source file that does not include
 * it. Each has a safer replacement:
 *   strcpy/strcat/strncpy/strncat -> cg_buf, memcpy with a known length
 *   sprintf/vsprintf              -> snprintf, cg_buf_printf
 *   strtok                        -> explicit scanning
 *   atoi/atol/atoll               -> cg_parse_int64 (reports errors)
 *   gmtime/localtime/ctime/asctime -> base/date.h (reentrant, UTC)
 */
#ifndef CG_BASE_BANNED_H
#define CG_BASE_BANNED_H

#define CG_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) CG_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CG_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) CG_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) CG_BANNED(strncat)
#undef sprintf
#define sprintf(...) CG_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CG_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) CG_BANNED(strtok)
#undef atoi
#define atoi(x) CG_BANNED(atoi)
#undef atol
#define atol(x) CG_BANNED(atol)
#undef atoll
#define atoll(x) CG_BANNED(atoll)
#undef gmtime
#define gmtime(t) CG_BANNED(gmtime)
#undef localtime
#define localtime(t) CG_BANNED(localtime)
#undef ctime
#define ctime(t) CG_BANNED(ctime)
#undef asctime
#define asctime(t) CG_BANNED(asctime)

#endif
