/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * strmap.h - a map from byte strings to 64-bit integers (base layer).
 *
 * Open addressing with linear probing; keys are copied into blocks the map
 * owns, so callers may pass views into buffers that change. Meant for
 * caches (an importer remembering which record an id resolved to): it
 * holds at most the `max_entries` given at init, and cg_strmap_put on a
 * full map empties it first, so memory stays bounded however long the
 * input. Out-of-memory aborts (see xalloc.h).
 *
 *     struct cg_strmap m;
 *     cg_strmap_init(&m, 1 << 20);
 *     cg_strmap_put(&m, "A1234BC", 7, 42);
 *     int64_t v;
 *     if (cg_strmap_get(&m, "A1234BC", 7, &v)) ...
 *     cg_strmap_release(&m);
 */
#ifndef CG_BASE_STRMAP_H
#define CG_BASE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cg_strmap_slot;
struct cg_strmap_block;

struct cg_strmap {
	struct cg_strmap_slot *slots; /* capacity entries; NULL until the first put */
	size_t capacity;              /* a power of two */
	size_t count;                 /* entries held */
	size_t max_entries;           /* the bound: a put beyond it clears the map */
	struct cg_strmap_block *blocks; /* key storage */
};

void cg_strmap_init(struct cg_strmap *m, size_t max_entries);
void cg_strmap_release(struct cg_strmap *m);
/* Forgets every entry (keeps the slot array). */
void cg_strmap_clear(struct cg_strmap *m);

/* Looks a key up; true and *value set when present. */
bool cg_strmap_get(const struct cg_strmap *m, const char *key, size_t len, int64_t *value);

/* Adds or replaces a key. */
void cg_strmap_put(struct cg_strmap *m, const char *key, size_t len, int64_t value);

#endif
