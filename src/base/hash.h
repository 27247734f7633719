/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hash.h - a fast non-cryptographic hash for in-memory tables (base layer).
 *
 * FNV-1a, 64 bits: good spread for short keys such as identifiers, names and
 * SQL text. Never for anything an attacker must not forge or predict: the
 * audit chain and content hashes use BLAKE2b (libsodium).
 */
#ifndef CG_BASE_HASH_H
#define CG_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t cg_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#endif
