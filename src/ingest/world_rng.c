/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_rng.c - seeded random numbers for the synthetic world (ingest
 * layer).
 *
 * xoshiro256** (Blackman and Vigna), seeded through splitmix64 from the
 * world's seed and a stream number per phase, so that a change in one
 * phase's draws does not shift every later phase. Everything is integer
 * arithmetic except world_rng_unit, whose 53-bit result is exact in an
 * IEEE double; comparisons against it are therefore the same on every
 * platform. Never rand(): its sequence differs between C libraries.
 */
#include "ingest/world_internal.h"

#include "base/banned.h"

/* splitmix64: expands one 64-bit value into a well-mixed sequence. */
static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Rotates x left by k bits (0 < k < 64). */
static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/*
 * Seeds r for `stream` of `seed`: the state is four splitmix64 outputs
 * from seed mixed with the stream number (never all zero, which
 * xoshiro256** cannot leave).
 */
void world_rng_seed(struct world_rng *r, uint64_t seed, enum world_stream stream)
{
	uint64_t x = seed ^ ((uint64_t)stream * 0xd1342543de82ef95ull);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
		r->s[0] = 1;
}

/* The next 64 random bits (xoshiro256**). */
uint64_t world_rng_next(struct world_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/*
 * Uniform in 0..n-1 without modulo bias (Lemire: multiply 32 random bits
 * by n, reject the few low products that would favour small results).
 */
uint32_t world_rng_below(struct world_rng *r, uint32_t n)
{
	uint64_t m = (world_rng_next(r) >> 32) * (uint64_t)n;
	uint32_t low = (uint32_t)m;

	CG_ASSERT(n > 0);
	if (low < n) {
		uint32_t threshold = (uint32_t)(-n) % n;
		while (low < threshold) {
			m = (world_rng_next(r) >> 32) * (uint64_t)n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* Uniform in lo..hi inclusive. */
int32_t world_rng_range(struct world_rng *r, int32_t lo, int32_t hi)
{
	CG_ASSERT(hi >= lo);
	return lo + (int32_t)world_rng_below(r, (uint32_t)(hi - lo) + 1);
}

/* Uniform in [0, 1) with 53 bits of precision. */
double world_rng_unit(struct world_rng *r)
{
	return (double)(world_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* True with probability p. One draw is made whatever p is, so that the
 * sequence does not depend on the rates chosen for other draws. */
bool world_rng_chance(struct world_rng *r, double p)
{
	double u = world_rng_unit(r);
	return u < p;
}

/* Shuffles a[0..n-1] in place (Fisher-Yates, from the end). */
void world_rng_shuffle(struct world_rng *r, uint32_t *a, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = world_rng_below(r, (uint32_t)i);
		uint32_t t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

/* A uniform day in [from, to]. */
int32_t world_rng_day(struct world_rng *r, int32_t from, int32_t to)
{
	if (to <= from)
		return from;
	return world_rng_range(r, from, to);
}

/* Weighted draw: binary search of a uniform value in the cumulative
 * weights. */
uint32_t world_sample(const struct world_sampler *s, struct world_rng *r)
{
	uint64_t total, x;
	uint32_t lo = 0, hi;

	CG_ASSERT(s->len > 0);
	total = s->cum[s->len - 1];
	x = world_rng_next(r) % total; /* total < 2^32: bias below 2^-32 */
	hi = s->len - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return s->items[lo];
}
