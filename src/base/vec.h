/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vec.h - typed growable arrays (base layer).
 *
 *     CG_VEC(int) ids = CG_VEC_INIT;
 *     cg_vec_push(&ids, 42);
 *     for (size_t i = 0; i < ids.len; i++) use(ids.items[i]);
 *     cg_vec_release(&ids);
 *
 * The array owns `items`; pushing may move it, so never keep a pointer to an
 * element across a push. Out-of-memory aborts (see xalloc.h).
 */
#ifndef CG_BASE_VEC_H
#define CG_BASE_VEC_H

#include <stdlib.h>

#include "base/xalloc.h"

#define CG_VEC(type)                                                           \
	struct {                                                               \
		type *items; /* NULL while empty */                            \
		size_t len;  /* items in use */                                \
		size_t cap;  /* items allocated */                             \
	}

#define CG_VEC_INIT { NULL, 0, 0 }

/* Appends `value` (an expression of the element type). */
#define cg_vec_push(vec, value)                                                \
	do {                                                                   \
		(vec)->items = cg_grow((vec)->items, sizeof(*(vec)->items),    \
				       (vec)->len + 1, &(vec)->cap);           \
		(vec)->items[(vec)->len++] = (value);                          \
	} while (0)

/* Frees the array (not what its elements point to) and empties it. */
#define cg_vec_release(vec)                                                    \
	do {                                                                   \
		free((vec)->items);                                            \
		(vec)->items = NULL;                                           \
		(vec)->len = (vec)->cap = 0;                                   \
	} while (0)

#endif
