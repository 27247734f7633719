/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xalloc.h - allocation that aborts on out-of-memory (base layer).
 *
 * Small internal allocations cannot usefully fail in this program: like git,
 * Redis and h2o we abort with a message instead of threading ENOMEM through
 * every caller. Sizes that input controls must be capped by the caller
 * before they reach these functions (see cg_buf's maximum).
 */
#ifndef CG_BASE_XALLOC_H
#define CG_BASE_XALLOC_H

#include <stddef.h>

/* Each returns memory owned by the caller (release with free()); never NULL. */
void *cg_xmalloc(size_t size);
void *cg_xcalloc(size_t count, size_t size);     /* checks count*size overflow */
void *cg_xrealloc(void *ptr, size_t size);
char *cg_xstrdup(const char *s);
char *cg_xstrndup(const char *s, size_t len);   /* copies len bytes, adds NUL */

/*
 * Grows an array's capacity so it holds at least `need` items of `item_size`
 * bytes: doubles, starting at 8. Updates *cap, returns the (maybe moved)
 * array. Aborts on overflow or out-of-memory.
 */
void *cg_grow(void *items, size_t item_size, size_t need, size_t *cap);

#endif
