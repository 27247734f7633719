/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_records.c - which agency holds whom in the synthetic world, record
 * numbers and identifiers (ingest layer).
 *
 * The police hold a nominal for nine in ten group members, nearly every
 * former prisoner and one in ten other adults; a third of the nominals who
 * never went to prison, and some prisoners before their first spell, had a
 * community order or a suspended sentence, so probation holds them too. Whoever was arrested has a PNC ID (issued in
 * the year of the first arrest), and most of the convicted a CRO number.
 *
 * Record numbers are given in a shuffled order, so that neither a record's
 * number nor its place in a file says which person it is or which records
 * of other agencies belong with it; duplicate records (the same person
 * twice in one system) are shuffled in among the rest.
 *
 * Identifiers are keyed permutations of counters (the key comes from the
 * seed), so they are unique within a world, look unrelated from one record
 * to the next and differ between seeds: PNC and CRO serials count per year
 * of issue, prison numbers, CRNs and contact ids per record, phone numbers
 * per person.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char check_alphabet[] = "ZABCDEFGHJKLMNPQRTUVWXY";

#define PNC_SERIALS 10000000u
#define CRO_SERIALS 1000000u
#define NOMS_SPACE 13520000u   /* 2 first letters * 10^4 * 26^2 */
#define CRN_SPACE 6000000u     /* 6 letters * 10^6 */
#define PHONE_SPACE 500000000u /* 074..078 + 7 digits */
#define CONTACT_SPACE 9999999u  /* C0000001..C9999999 */

/*
 * A keyed permutation of 0..space-1: a four-round Feistel network on the
 * smallest even number of bits that holds `space`, walking the cycle until
 * the value falls inside (at most a few steps, as the bit range is under
 * four times the space). Unlike an affine map, consecutive inputs give
 * unrelated outputs, so identifiers issued one after the other do not
 * betray their order.
 */
static uint32_t scramble(uint64_t k, uint64_t salt, uint32_t space)
{
	int half = 1;
	uint64_t x = k % space, mask;

	while ((1ull << (2 * half)) < space)
		half++;
	mask = (1ull << half) - 1;
	do {
		uint64_t hi = x >> half, lo = x & mask;
		for (uint64_t round = 0; round < 4; round++) {
			uint64_t f = (lo + salt + round * 0x9e3779b97f4a7c15ull) *
				     0xbf58476d1ce4e5b9ull;
			f ^= f >> 29;
			uint64_t t = lo;
			lo = hi ^ (f & mask);
			hi = t;
		}
		x = hi << half | lo;
	} while (x >= space);
	return (uint32_t)x;
}

void world_person_id(uint32_t person, struct world_str *out)
{
	ws_addc(out, 'P');
	ws_uint(out, (uint64_t)person + 1, 7);
}

void world_ocg_id(uint32_t ocg, struct world_str *out)
{
	ws_addc(out, 'G');
	ws_uint(out, (uint64_t)ocg + 1, 4);
}

void world_nominal_ref(uint32_t record, struct world_str *out)
{
	ws_add(out, "WMP-N");
	ws_uint(out, record, 7);
}

uint32_t world_contact_number(const struct world *w, uint32_t record)
{
	return 1 + scramble(record, w->id_salt >> 3, CONTACT_SPACE);
}

void world_contact_ref(const struct world *w, uint32_t record, struct world_str *out)
{
	ws_addc(out, 'C');
	ws_uint(out, world_contact_number(w, record), 7);
}

/* "YYYY/NNNNNNNC", or "YY/NNNNNNNC" in short form. */
void world_pnc(const struct world_person *p, bool short_form, struct world_str *out)
{
	uint64_t yy = p->pnc_year % 100;
	ws_uint(out, short_form ? yy : p->pnc_year, short_form ? 2 : 4);
	ws_addc(out, '/');
	ws_uint(out, p->pnc_serial, 7);
	ws_addc(out, check_alphabet[(yy * PNC_SERIALS + p->pnc_serial) % 23]);
}

/* "NNNNNN/YYC" */
void world_cro(const struct world_person *p, struct world_str *out)
{
	ws_uint(out, p->cro_serial, 6);
	ws_addc(out, '/');
	ws_uint(out, p->cro_yy, 2);
	ws_addc(out, check_alphabet[((uint64_t)p->cro_yy * CRO_SERIALS + p->cro_serial) % 23]);
}

/* "A1234BC" (first letter A or G, as NOMIS numbers mostly have). */
void world_prison_number(const struct world *w, uint32_t record, struct world_str *out)
{
	uint32_t x = scramble(record, w->id_salt, NOMS_SPACE), rest = x % 6760000u;
	ws_addc(out, x < 6760000u ? 'A' : 'G');
	ws_uint(out, rest / 676, 4);
	ws_addc(out, (char)('A' + rest % 676 / 26));
	ws_addc(out, (char)('A' + rest % 26));
}

/* "X123456" */
void world_crn(const struct world *w, uint32_t record, struct world_str *out)
{
	uint32_t x = scramble(record, w->id_salt >> 7, CRN_SPACE);
	ws_addc(out, "XDEFGH"[x / 1000000u]);
	ws_uint(out, x % 1000000u, 6);
}

/* "07" and nine digits: number k of the world's keyed numbering. */
static void phone(const struct world *w, uint64_t k, struct world_str *out)
{
	ws_add(out, "07");
	ws_uint(out, 400000000u + scramble(k, w->id_salt >> 13, PHONE_SPACE), 9);
}

void world_phone_personal(const struct world *w, uint32_t person, struct world_str *out)
{
	phone(w, person, out);
}

void world_phone_shared(const struct world *w, uint32_t k, struct world_str *out)
{
	phone(w, (uint64_t)w->n + k, out);
}

void world_phone_outside(const struct world *w, uint32_t k, struct world_str *out)
{
	phone(w, (uint64_t)w->n + w->phones.len + k % 100000000u, out);
}

/* Year of the first sentence (`first`, a day), capped at the exports'. */
static int first_year(const struct world *w, int32_t first)
{
	return cg_date_from_days(first < w->today ? first : w->today).year;
}

/* Issues a PNC ID (and maybe a CRO number) to person p. */
static void issue_ids(struct world *w, struct world_rng *r, struct world_person *p,
		      bool convicted, int32_t first, uint32_t *pnc_count,
		      uint32_t *cro_count)
{
	int born = cg_date_from_days(p->dob).year, hi = first_year(w, first);
	int lo = born + 16 < 1975 ? 1975 : born + 16, year;

	if (hi > 2024)
		hi = 2024;
	if (lo > hi)
		lo = hi;
	year = world_rng_range(r, lo, hi);
	p->flags |= PF_PNC;
	p->pnc_year = (uint16_t)year;
	p->pnc_serial = scramble(pnc_count[year - 1900]++, w->id_salt + (uint64_t)year,
				 PNC_SERIALS);
	if (!convicted || !world_rng_chance(r, 0.8))
		return;
	year = world_rng_range(r, year, hi);
	while (cro_count[year - 1900] >= CRO_SERIALS - 1 && year > 1975)
		year--;
	p->flags |= PF_CRO;
	p->cro_yy = (uint8_t)(year % 100);
	p->cro_serial = scramble(cro_count[year - 1900]++, w->id_salt ^ (uint64_t)year,
				 CRO_SERIALS);
}

/*
 * Numbers the records of one system: every person with `flag`, plus a
 * duplicate for a share of them, shuffled; the numbers go to the person
 * fields at `primary` and `dup` (offsets into struct world_person).
 */
static void number(struct world *w, struct world_rng *r, uint32_t flag,
		   size_t primary, size_t dup, struct world_recs *recs)
{
	CG_VEC(uint32_t) order = CG_VEC_INIT;

	for (uint32_t i = 0; i < w->n; i++) {
		bool twice;
		if (!(w->people[i].flags & flag))
			continue;
		twice = world_rng_chance(r, w->opt->noise.duplicate);
		cg_vec_push(&order, i << 1);
		if (twice)
			cg_vec_push(&order, i << 1 | 1);
	}
	world_rng_shuffle(r, order.items, order.len);
	for (size_t k = 0; k < order.len; k++) {
		struct world_rec rec = { order.items[k] >> 1, (uint8_t)(order.items[k] & 1) };
		char *p = (char *)&w->people[rec.person];
		uint32_t no = (uint32_t)k + 1;
		memcpy(p + (rec.dup ? dup : primary), &no, sizeof(no));
		cg_vec_push(recs, rec);
	}
	cg_vec_release(&order);
}

/* A second prison number takes over from the second spell on. */
static void split_prison_duplicates(struct world *w)
{
	for (uint32_t i = 0; i < w->n; i++) {
		const struct world_person *p = &w->people[i];
		int spells = 0;
		if (!p->prisoner_dup || p->first_stay < 0)
			continue;
		for (uint32_t k = 0; k < p->nstays; k++) {
			struct world_stay *s = &w->stays.items[p->first_stay + (int32_t)k];
			if (s->start == STAY_ADM)
				spells++;
			if (spells >= 2)
				s->flags |= STAY_DUP;
		}
	}
}

/*
 * Decides who the police hold and who had a community sentence, issues
 * PNC IDs and CRO numbers, and numbers the police, prison and probation
 * records. Prison contacts are numbered later, as visits first need them.
 */
void world_records_assign(struct world *w)
{
	struct world_rng r;
	uint32_t *pnc_count = cg_xcalloc(201, sizeof(uint32_t));
	uint32_t *cro_count = cg_xcalloc(201, sizeof(uint32_t));
	int32_t *first = cg_xcalloc(w->n, sizeof(int32_t)); /* first sentence */

	world_rng_seed(&r, w->opt->seed, STREAM_RECORDS);
	w->id_salt = world_rng_next(&r) >> 16;
	for (uint32_t i = 0; i < w->n; i++) {
		struct world_person *p = &w->people[i];
		bool member = p->ocg >= 0, prisoner = p->flags & PF_PRISONER;
		double c = member ? 0.9 : prisoner ? 0.97 : 0.10;
		int32_t adult = world_add_years(p->dob, 18), start, until;
		enum world_period_type kind;
		first[i] = prisoner ? w->stays.items[p->first_stay].from : w->today;
		if (!world_rng_chance(&r, c))
			continue;
		p->flags |= PF_NOMINAL;
		/* a community sentence: for a third of the nominals who never
		 * went inside, and for some prisoners before their first spell */
		until = prisoner ? first[i] - 400 : w->today - 30;
		if (adult < world_day(2010, 1, 1))
			adult = world_day(2010, 1, 1);
		if (!world_rng_chance(&r, prisoner ? 0.3 : 0.35) || until <= adult)
			continue;
		start = world_rng_day(&r, adult, until);
		/* the kind is drawn before the length, each in its own
		 * statement: argument order is the compiler's choice */
		kind = world_rng_chance(&r, 0.7) ? PERIOD_COMMUNITY : PERIOD_SUSPENDED;
		world_period_add(w, i, start, start + world_rng_range(&r, 365, 1095), kind);
		p->flags |= PF_COMMUNITY;
		if (start < first[i])
			first[i] = start;
	}
	for (uint32_t i = 0; i < w->n; i++) {
		struct world_person *p = &w->people[i];
		bool convicted = p->flags & (PF_PRISONER | PF_COMMUNITY);
		double c = convicted ? 1.0 : p->ocg >= 0 ? 0.85 : 0.6;
		if (!(p->flags & (PF_NOMINAL | PF_PRISONER)))
			continue;
		if (world_rng_chance(&r, c))
			issue_ids(w, &r, p, convicted, first[i], pnc_count, cro_count);
	}
	number(w, &r, PF_NOMINAL, offsetof(struct world_person, nominal),
	       offsetof(struct world_person, nominal_dup), &w->nominals);
	number(w, &r, PF_PRISONER, offsetof(struct world_person, prisoner),
	       offsetof(struct world_person, prisoner_dup), &w->prisoners);
	number(w, &r, PF_PROBATION, offsetof(struct world_person, offender),
	       offsetof(struct world_person, offender_dup), &w->offenders);
	split_prison_duplicates(w);
	free(pnc_count);
	free(cro_count);
	free(first);
}
