/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_custody.c - custody histories of the synthetic world (ingest
 * layer).
 *
 * About 70% of group members and a quarter of other adults (mostly men)
 * have been in custody since 2010. A spell starts with a reception (ADM)
 * at a local prison (Birmingham or Hewell; Drake Hall for women); longer
 * sentences continue after a transfer (TRN) to a category C prison
 * (Oakwood, Featherstone, Stafford); long stays include wing moves (WNG).
 * A spell ends with release on licence (REL) for as long again; one
 * licence in seven ends in a recall (RCL) to a local prison and a second
 * release. Up to three spells per person, spaced out. Spells still running
 * on the day of the exports have no release.
 *
 * Each stay on a wing becomes one movement row. Cells are given out in
 * date order from two-bed cells, so cell-mates are real overlaps; the
 * number of cells on a wing follows its average population, so a world of
 * any size fills its wings about the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

const struct world_establishment world_establishments[WORLD_ESTABLISHMENTS] = {
	{ "BMI", "HMP Birmingham", "A;B;C;D;E;F;G", 7, EST_LOCAL },
	{ "HEI", "HMP Hewell", "A;B;C;D;E;F", 6, EST_LOCAL },
	{ "OWI", "HMP Oakwood", "A;B;C;D;E;F;G;H", 8, EST_CAT_C },
	{ "FSI", "HMP Featherstone", "A;B;C;D;E;F;G;H", 8, EST_CAT_C },
	{ "SFI", "HMP Stafford", "A;B;C;D;E;F;G", 7, EST_CAT_C },
	{ "DHI", "HMP/YOI Drake Hall", "A;B;C;D", 4, EST_FEMALE },
};
enum { EST_BMI, EST_HEI, EST_OWI, EST_FSI, EST_SFI, EST_DHI };

/* The reception prison for a person. */
static uint8_t local_prison(struct world_rng *r, bool female)
{
	if (female)
		return EST_DHI;
	return world_rng_chance(r, 0.6) ? EST_BMI : EST_HEI;
}

/* A wing of `est` other than `wing`, uniformly. */
static uint8_t other_wing(struct world_rng *r, uint8_t est, uint8_t wing)
{
	uint8_t n = world_establishments[est].nwings;
	return (uint8_t)((wing + 1 + world_rng_below(r, n - 1u)) % n);
}

/* Places a person in `est` from `from` to `to`, moving wings during long
 * stays; stays that would start after today are left out. */
static void place(struct world *w, struct world_rng *r, uint32_t person,
		  uint8_t est, int32_t from, int32_t to, uint8_t kind)
{
	uint8_t wing = (uint8_t)world_rng_below(r, world_establishments[est].nwings);
	int32_t cur = from;

	while (cur < to && cur <= w->today) {
		int32_t len = to - cur, piece = len;
		struct world_stay s = { 0 };
		if (len > 120 && world_rng_chance(r, 0.35))
			piece = world_rng_range(r, 45, len - 45);
		s.person = (int32_t)person;
		s.from = cur;
		s.to = cur + piece;
		s.est = est;
		s.wing = wing;
		s.start = kind;
		cg_vec_push(&w->stays, s);
		kind = STAY_MOVE;
		cur += piece;
		wing = other_wing(r, est, wing);
	}
}

void world_period_add(struct world *w, uint32_t person, int32_t start,
		      int32_t end, uint8_t type)
{
	struct world_period p = { person, start, end, type };
	cg_vec_push(&w->periods, p);
	w->people[person].flags |= PF_PROBATION;
}

/*
 * One spell from `start` for `duration` days: remand at the local prison,
 * then (for longer sentences of men) a category C prison. Marks the last
 * stay released when the spell ends by today. Returns the release day.
 */
static int32_t spell(struct world *w, struct world_rng *r, uint32_t person,
		     int32_t start, int32_t duration, uint8_t kind)
{
	bool female = w->people[person].sex == 1;
	uint8_t local = local_prison(r, female), later = local;
	int32_t end = start + duration;
	int32_t remand = start + world_rng_range(r, 14, 150);
	size_t first = w->stays.len;

	if (remand > end)
		remand = end;
	if (!female && duration > 240 && world_rng_chance(r, 0.65))
		later = (uint8_t)(EST_OWI + world_rng_below(r, 3));
	if (later == local) {
		place(w, r, person, local, start, end, kind);
	} else {
		place(w, r, person, local, start, remand, kind);
		place(w, r, person, later, remand, end, STAY_MOVE);
	}
	if (end <= w->today && w->stays.len > first)
		w->stays.items[w->stays.len - 1].flags |= STAY_RELEASED;
	return end;
}

/* Length of a sentence's time inside: short, medium or long. */
static int32_t custody_length(struct world_rng *r)
{
	double u = world_rng_unit(r);
	if (u < 0.4)
		return world_rng_range(r, 28, 180);
	if (u < 0.8)
		return world_rng_range(r, 181, 720);
	return world_rng_range(r, 721, 2200);
}

/*
 * A spell and the licence after it, with a possible recall. Returns the
 * day the person is free of custody and licence.
 */
static int32_t sentence(struct world *w, struct world_rng *r, uint32_t person,
			int32_t start)
{
	int32_t duration = custody_length(r);
	int32_t out = spell(w, r, person, start, duration, STAY_ADM);
	int32_t licence = duration < 120 ? 120 : duration > 1800 ? 1800 : duration;
	int32_t licence_end = out + licence;

	if (out > w->today)
		return out;
	if (world_rng_chance(r, 0.15)) {
		int32_t recall = out + world_rng_range(r, 20, licence - 20);
		if (recall <= w->today) {
			int32_t back;
			world_period_add(w, person, out, recall, PERIOD_LICENCE);
			back = spell(w, r, person, recall, world_rng_range(r, 28, 240),
				     STAY_RCL);
			if (back <= w->today && back < licence_end)
				world_period_add(w, person, back, licence_end, PERIOD_LICENCE);
			return back > licence_end ? back : licence_end;
		}
	}
	world_period_add(w, person, out, licence_end, PERIOD_LICENCE);
	return licence_end;
}

/* Chance that person p has a custody history. */
static double custody_chance(const struct world *w, const struct world_person *p)
{
	int age = world_age(p->dob, w->today);
	double c;
	if (age < 19)
		return 0;
	c = p->ocg >= 0 ? 0.7 : p->sex ? 0.07 : 0.6;
	if (age > 65)
		c *= 0.3;
	return c;
}

/*
 * Draws who has been in custody and generates their spells, stays and
 * licence periods, person by person in index order.
 */
void world_custody_generate(struct world *w)
{
	struct world_rng r;

	world_rng_seed(&r, w->opt->seed, STREAM_CUSTODY);
	for (uint32_t i = 0; i < w->n; i++) {
		struct world_person *p = &w->people[i];
		int32_t window = world_add_years(p->dob, 18), t;
		int spells;
		size_t before = w->stays.len;
		if (!world_rng_chance(&r, custody_chance(w, p)))
			continue;
		if (window < w->history_from)
			window = w->history_from;
		if (window > w->today - 30)
			continue;
		/* one draw per statement: C leaves the order of operands
		 * unspecified, and the world must not depend on the compiler */
		spells = 1 + world_rng_chance(&r, 0.4);
		spells += world_rng_chance(&r, 0.15);
		t = world_rng_day(&r, window, window + (w->today - window) * 3 / 4);
		for (int s = 0; s < spells && t < w->today - 7; s++) {
			t = sentence(w, &r, i, t);
			t += world_rng_range(&r, 30, 1400);
		}
		if (w->stays.len > before)
			p->flags |= PF_PRISONER;
	}
}

/* Orders stays by person, then start day, then end day (a total order
 * for stays that never overlap, so qsort's instability cannot show). */
static int cmp_stays(const void *a, const void *b)
{
	const struct world_stay *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->to > y->to) - (x->to < y->to);
}

/*
 * Sorts the stays by person and day, joins a stay to the one before it
 * when a planted change left both on the same wing back to back, and
 * points every person at their stays.
 */
void world_custody_index(struct world *w)
{
	size_t out = 0;

	if (w->stays.len)
		qsort(w->stays.items, w->stays.len, sizeof(struct world_stay), cmp_stays);
	for (size_t i = 0; i < w->stays.len; i++) {
		struct world_stay *s = &w->stays.items[i];
		if (out > 0) {
			struct world_stay *prev = &w->stays.items[out - 1];
			if (prev->person == s->person && s->start == STAY_MOVE &&
			    prev->to == s->from && prev->est == s->est &&
			    prev->wing == s->wing) {
				prev->to = s->to;
				prev->flags = s->flags;
				continue;
			}
		}
		w->stays.items[out++] = *s;
	}
	w->stays.len = out;
	for (uint32_t i = 0; i < w->n; i++) {
		w->people[i].first_stay = -1;
		w->people[i].nstays = 0;
	}
	for (size_t i = 0; i < w->stays.len; i++) {
		struct world_person *p = &w->people[w->stays.items[i].person];
		if (p->first_stay < 0)
			p->first_stay = (int32_t)i;
		if (p->nstays < UINT16_MAX)
			p->nstays++;
	}
}

/* Ascending order of packed 64-bit sort keys. */
static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* "B-2-014": wing, landing, cell on the landing. */
void world_cell_label(const struct world *w, const struct world_stay *s,
		      struct world_str *out)
{
	uint32_t cells = w->cells[s->est][s->wing];
	uint32_t landings = 1 + (cells ? cells - 1 : 0) / 120;
	uint32_t per = (cells + landings - 1) / landings;
	if (per == 0)
		per = 1;
	ws_addc(out, world_establishments[s->est].wings[2 * s->wing]);
	ws_addc(out, '-');
	ws_uint(out, s->cell / per + 1, 1);
	ws_addc(out, '-');
	ws_uint(out, s->cell % per + 1, 3);
}

/*
 * Gives every stay a cell. Each wing gets about 0.8 cells per prisoner it
 * holds on an average day, two beds a cell; stays are placed in order of
 * arrival into a free bed of a randomly probed cell (the fullest wings
 * overflow into three to a cell, as real ones do). Whoever shares the cell
 * at arrival is a cell-mate (truth/links.csv).
 */
void world_cells_assign(struct world *w)
{
	struct world_rng r;
	uint64_t days[WORLD_ESTABLISHMENTS][WORLD_WINGS_MAX] = { { 0 } };
	uint32_t offset[WORLD_ESTABLISHMENTS][WORLD_WINGS_MAX], total = 0;
	int32_t window = w->today - w->history_from + 1;
	uint64_t *order;
	int32_t *bed_free, *bed_stay;
	size_t n = w->stays.len;

	world_rng_seed(&r, w->opt->seed, STREAM_CELLS);
	for (size_t i = 0; i < n; i++) {
		const struct world_stay *s = &w->stays.items[i];
		int32_t to = s->to > w->today ? w->today : s->to;
		if (to > s->from)
			days[s->est][s->wing] += (uint64_t)(to - s->from);
	}
	for (int e = 0; e < WORLD_ESTABLISHMENTS; e++) {
		for (int g = 0; g < WORLD_WINGS_MAX; g++) {
			uint64_t c = days[e][g] * 8 / 10 / (uint64_t)window + 1;
			if (c < 8)
				c = 8;
			if (c > 60000)
				c = 60000;
			w->cells[e][g] = (uint32_t)c;
			offset[e][g] = total;
			total += (uint32_t)c * 2;
		}
	}
	bed_free = cg_xcalloc(total, sizeof(int32_t));
	bed_stay = cg_xcalloc(total, sizeof(int32_t));
	for (uint32_t b = 0; b < total; b++) {
		bed_free[b] = INT32_MIN;
		bed_stay[b] = -1;
	}
	/* arrival order: the day in the high half, the index (ties) low */
	order = cg_xcalloc(n ? n : 1, sizeof(uint64_t));
	for (size_t i = 0; i < n; i++)
		order[i] = (uint64_t)(uint32_t)w->stays.items[i].from << 32 | i;
	qsort(order, n, sizeof(uint64_t), cmp_u64);

	for (size_t k = 0; k < n; k++) {
		uint32_t idx = (uint32_t)order[k];
		struct world_stay *s = &w->stays.items[idx];
		uint32_t cells = w->cells[s->est][s->wing];
		uint32_t base = offset[s->est][s->wing];
		uint32_t c0 = world_rng_below(&r, cells), best = base + c0 * 2;
		bool found = false;
		for (uint32_t t = 0; t < 12 && !found; t++) {
			uint32_t c = (c0 + t) % cells;
			for (uint32_t b = 0; b < 2; b++) {
				uint32_t bed = base + c * 2 + b;
				if (bed_free[bed] <= s->from) {
					best = bed;
					found = true;
					break;
				}
				if (bed_free[bed] < bed_free[best])
					best = bed;
			}
		}
		s->cell = (uint16_t)((best - base) / 2);
		for (uint32_t b = 0; b < 2; b++) {
			uint32_t bed = base + s->cell * 2u + b;
			int32_t other = bed_stay[bed];
			if (other >= 0 && bed_free[bed] > s->from &&
			    w->stays.items[other].person != s->person)
				world_link(w, &r, (uint32_t)w->stays.items[other].person,
					   (uint32_t)s->person, LINK_CELL_MATE, s->from, 0);
		}
		bed_free[best] = s->to;
		bed_stay[best] = (int32_t)idx;
	}
	free(order);
	free(bed_free);
	free(bed_stay);
}
