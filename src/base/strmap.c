/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strmap.c - a bounded map from byte strings to integers (base layer). */
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define BLOCK_SIZE ((size_t)64 << 10)

struct cg_strmap_slot {
	const char *key; /* NULL: empty */
	size_t len;
	uint64_t hash;
	int64_t value;
};

struct cg_strmap_block {
	struct cg_strmap_block *next;
	size_t used;
	size_t size;
	char data[];
};

void cg_strmap_init(struct cg_strmap *m, size_t max_entries)
{
	memset(m, 0, sizeof(*m));
	m->max_entries = max_entries ? max_entries : 1;
}

static void free_blocks(struct cg_strmap *m)
{
	while (m->blocks) {
		struct cg_strmap_block *next = m->blocks->next;
		free(m->blocks);
		m->blocks = next;
	}
}

void cg_strmap_release(struct cg_strmap *m)
{
	free(m->slots);
	free_blocks(m);
	cg_strmap_init(m, m->max_entries);
}

void cg_strmap_clear(struct cg_strmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->capacity * sizeof(*m->slots));
	free_blocks(m);
	m->count = 0;
}

static const char *store_key(struct cg_strmap *m, const char *key, size_t len)
{
	struct cg_strmap_block *b = m->blocks;
	if (!b || b->size - b->used < len + 1) {
		size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
		b = cg_xmalloc(sizeof(*b) + size);
		b->next = m->blocks;
		b->used = 0;
		b->size = size;
		m->blocks = b;
	}
	char *p = b->data + b->used;
	memcpy(p, key, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

static struct cg_strmap_slot *find(const struct cg_strmap *m, const char *key, size_t len,
				   uint64_t h)
{
	size_t mask = m->capacity - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct cg_strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

static void grow(struct cg_strmap *m)
{
	struct cg_strmap_slot *old = m->slots;
	size_t old_cap = m->capacity;
	m->capacity = old_cap ? old_cap * 2 : 1024;
	m->slots = cg_xcalloc(m->capacity, sizeof(*m->slots));
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

bool cg_strmap_get(const struct cg_strmap *m, const char *key, size_t len, int64_t *value)
{
	const struct cg_strmap_slot *s;
	if (!m->slots)
		return false;
	s = find(m, key, len, cg_fnv1a(key, len));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

void cg_strmap_put(struct cg_strmap *m, const char *key, size_t len, int64_t value)
{
	uint64_t h = cg_fnv1a(key, len);
	struct cg_strmap_slot *s;

	if (m->count >= m->max_entries)
		cg_strmap_clear(m);
	/* Keep the table at most half full. */
	if ((m->count + 1) * 2 > m->capacity)
		grow(m);
	s = find(m, key, len, h);
	if (!s->key) {
		s->key = store_key(m, key, len);
		s->len = len;
		s->hash = h;
		m->count++;
	}
	s->value = value;
}
