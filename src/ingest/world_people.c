/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_people.c - the people of the synthetic world: households, names,
 * dates of birth and addresses (ingest layer).
 *
 * People are made a household at a time, so that relatives sit next to
 * each other in the people array: singles, couples, families with one to
 * three grown-up children (16 or over: the world holds no younger
 * children) and lone parents. A household shares an origin (which naming
 * tradition its names come from), usually a surname, and an address;
 * everyone also has an earlier address, which records may still show.
 * The origin mix is roughly the West Midlands' (about 62% English/Welsh,
 * 20% South Asian, 9% Black British, 5% Eastern European, 4% Irish).
 *
 * Also the small helpers every phase uses for days, names and addresses.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

/* Letters used in the inward part of a postcode (never C I K M O V). */
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

/* Share of households of each origin, per thousand, enum order. */
static const uint32_t origin_share[ORIGIN_COUNT] = { 620, 40, 200, 90, 50 };

int32_t world_day(int year, int month, int day)
{
	struct cg_date d = { year, month, day };
	return (int32_t)cg_date_to_days(d);
}

int32_t world_add_years(int32_t day, int years)
{
	struct cg_date d = cg_date_from_days(day);
	d.year += years;
	if (d.month == 2 && d.day == 29 && !cg_date_is_leap_year(d.year))
		d.day = 28;
	return (int32_t)cg_date_to_days(d);
}

int world_age(int32_t dob, int32_t day)
{
	struct cg_date b = cg_date_from_days(dob), t = cg_date_from_days(day);
	int age = t.year - b.year;
	if (t.month < b.month || (t.month == b.month && t.day < b.day))
		age--;
	return age;
}

static const struct world_name_list *forenames(const struct world *w, uint8_t sex)
{
	return sex ? &w->data.female : &w->data.male;
}

const char *world_forename(const struct world *w, const struct world_person *p)
{
	return forenames(w, p->sex)->names[p->forename].text;
}

const char *world_middle(const struct world *w, const struct world_person *p)
{
	return p->middle == WORLD_NONE ? "" : forenames(w, p->sex)->names[p->middle].text;
}

const char *world_surname(const struct world *w, const struct world_person *p)
{
	return w->data.surnames.names[p->surname].text;
}

void world_full_surname(const struct world *w, const struct world_person *p,
			struct world_str *out)
{
	ws_add(out, world_surname(w, p));
	if (p->surname2 != WORLD_NONE) {
		ws_addc(out, '-');
		ws_add(out, w->data.surnames.names[p->surname2].text);
	}
}

const struct world_town *world_town_of(const struct world *w,
				       const struct world_addr *a)
{
	return &w->data.towns[w->data.districts[a->district].town];
}

/* "14 Soho Road" */
void world_address_line(const struct world *w, const struct world_addr *a,
			struct world_str *out)
{
	ws_uint(out, a->number, 1);
	ws_addc(out, ' ');
	ws_add(out, w->data.streets[a->street]);
}

/* "B12 3AB" */
void world_postcode(const struct world *w, const struct world_addr *a,
		    struct world_str *out)
{
	ws_add(out, w->data.districts[a->district].code);
	ws_addc(out, ' ');
	ws_addc(out, (char)('0' + a->inward / 400));
	ws_addc(out, inward_letters[a->inward / 20 % 20]);
	ws_addc(out, inward_letters[a->inward % 20]);
}

/*
 * A new address: in `district`, or in a town drawn by population when
 * district is WORLD_NONE. House numbers favour low numbers, as streets do.
 */
struct world_addr world_new_address(struct world *w, struct world_rng *r,
				    uint16_t district)
{
	struct world_addr a;
	if (district == WORLD_NONE) {
		const struct world_town *t =
			&w->data.towns[world_sample(&w->data.town_sampler, r)];
		district = (uint16_t)(t->first_district + world_rng_below(r, t->ndistricts));
	}
	a.district = district;
	a.street = (uint16_t)world_rng_below(r, w->data.nstreets);
	a.number = (uint16_t)(1 + world_rng_below(r, 1 + world_rng_below(r, 220)));
	a.inward = (uint16_t)world_rng_below(r, 4000);
	return a;
}

/* A district in the same town as `a`. */
static uint16_t district_in_town(struct world *w, struct world_rng *r,
				 const struct world_addr *a)
{
	const struct world_town *t = world_town_of(w, a);
	return (uint16_t)(t->first_district + world_rng_below(r, t->ndistricts));
}

/* A day of birth for someone `age` years old on w->today. */
static int32_t dob_for_age(struct world *w, struct world_rng *r, int age)
{
	return world_add_years(w->today, -age) - world_rng_range(r, 0, 364);
}

/* A forename of `sex` from the `origin` group, by frequency. */
static uint16_t draw_forename(struct world *w, struct world_rng *r, uint8_t sex,
			      uint8_t origin)
{
	return (uint16_t)world_sample(&forenames(w, sex)->by_origin[origin], r);
}

/* A surname from the `origin` group, by frequency. */
static uint16_t draw_surname(struct world *w, struct world_rng *r, uint8_t origin)
{
	return (uint16_t)world_sample(&w->data.surnames.by_origin[origin], r);
}

/* Fills the person-level fields of a household member. */
static void make_person(struct world *w, struct world_rng *r, uint32_t i,
			uint8_t sex, int age, uint8_t role)
{
	struct world_person *p = &w->people[i];
	p->sex = sex;
	p->dob = dob_for_age(w, r, age);
	p->hh_role = role;
	p->forename = draw_forename(w, r, sex, p->origin);
	p->middle = WORLD_NONE;
	if (world_rng_chance(r, 0.55)) {
		uint16_t m = draw_forename(w, r, sex, p->origin);
		if (m != p->forename)
			p->middle = m;
	}
}

/* Age of a single adult: half spread evenly over 18-57, half skewed
 * young (the people agencies hold are mostly young adults). */
static int single_age(struct world_rng *r)
{
	uint32_t a, b;
	if (world_rng_chance(r, 0.5))
		return 18 + (int)world_rng_below(r, 40);
	a = world_rng_below(r, 53); /* one draw per statement */
	b = world_rng_below(r, 53);
	return 18 + (int)(a * b / 52);
}

/* Makes the household starting at person `first` with at most `room`
 * members; returns its size. */
static uint32_t make_household(struct world *w, struct world_rng *r,
			       const struct world_sampler *origins,
			       uint32_t first, uint32_t room)
{
	double u = world_rng_unit(r);
	uint8_t origin = (uint8_t)world_sample(origins, r);
	uint16_t surname = draw_surname(w, r, origin), surname2 = WORLD_NONE;
	struct world_addr addr = world_new_address(w, r, WORLD_NONE), prev;
	uint32_t size, adults, children;
	int adult_age, partner_age = 0;
	uint8_t first_sex;

	prev = world_new_address(w, r, world_rng_chance(r, 0.75) ?
				 district_in_town(w, r, &addr) : WORLD_NONE);
	if (origin == ORIGIN_EN && world_rng_chance(r, 0.015)) {
		surname2 = draw_surname(w, r, origin);
		if (surname2 == surname)
			surname2 = WORLD_NONE;
	}
	if (u < 0.36) {                 /* single */
		adults = 1;
		children = 0;
		first_sex = world_rng_chance(r, 0.55) ? 0 : 1;
		adult_age = single_age(r);
	} else if (u < 0.54) {          /* couple */
		adults = 2;
		children = 0;
		first_sex = 0;
		adult_age = 20 + (int)world_rng_below(r, 56);
		partner_age = adult_age + world_rng_range(r, -6, 4);
	} else if (u < 0.84) {          /* couple with grown-up children */
		adults = 2;
		children = 1 + world_rng_below(r, 3);
		first_sex = 0;
		adult_age = 38 + (int)world_rng_below(r, 25);
		partner_age = adult_age + world_rng_range(r, -5, 2);
	} else {                        /* lone parent */
		adults = 1;
		children = 1 + world_rng_below(r, 3);
		first_sex = world_rng_chance(r, 0.85) ? 1 : 0;
		adult_age = 36 + (int)world_rng_below(r, 25);
	}
	if (partner_age < 18)
		partner_age = 18;
	size = adults + children;
	if (size > room)
		size = room;
	for (uint32_t k = 0; k < size; k++) {
		struct world_person *p = &w->people[first + k];
		p->household = (int32_t)first;
		p->hh_size = (uint8_t)size;
		p->origin = origin;
		p->surname = surname;
		p->surname2 = surname2;
		p->addr = addr;
		p->prev = prev;
		p->ocg = -1;
		p->first_stay = -1;
		if (k == 0) {
			make_person(w, r, first, first_sex, adult_age, HH_ADULT);
		} else if (k < adults) {
			make_person(w, r, first + k, 1, partner_age, HH_ADULT);
			if (world_rng_chance(r, 0.25)) {
				/* kept her own surname */
				p->surname = draw_surname(w, r, origin);
				p->surname2 = WORLD_NONE;
			}
		} else {
			int youngest_parent = adults == 2 && partner_age < adult_age ?
					      partner_age : adult_age;
			int max_age = youngest_parent - 18;
			if (max_age > 34)
				max_age = 34;
			if (max_age < 16)
				max_age = 16;
			/* the age is drawn before the sex: two draws in one
			 * argument list would leave the order to the compiler */
			int age = world_rng_range(r, 16, max_age);
			uint8_t sex = world_rng_chance(r, 0.5) ? 0 : 1;
			make_person(w, r, first + k, sex, age, HH_CHILD);
		}
	}
	return size;
}

/*
 * Allocates w->people (w->n entries) and fills them a household at a
 * time. Nobody belongs to a group or an agency yet.
 */
void world_people_generate(struct world *w)
{
	struct world_rng r;
	struct world_sampler origins;
	uint32_t items[ORIGIN_COUNT];
	uint64_t cum[ORIGIN_COUNT], sum = 0;

	for (int o = 0; o < ORIGIN_COUNT; o++) {
		items[o] = (uint32_t)o;
		sum += origin_share[o];
		cum[o] = sum;
	}
	origins.items = items;
	origins.cum = cum;
	origins.len = ORIGIN_COUNT;

	world_rng_seed(&r, w->opt->seed, STREAM_PEOPLE);
	w->people = cg_xcalloc(w->n, sizeof(struct world_person));
	for (uint32_t i = 0; i < w->n;)
		i += make_household(w, &r, &origins, i, w->n - i);
}
