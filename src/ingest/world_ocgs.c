/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_ocgs.c - organised crime groups of the synthetic world (ingest
 * layer).
 *
 * About one group per 150 people, 5 to 40 members each (most small, a few
 * large), so that roughly one person in twelve belongs to one. A group has
 * a home postcode district, a name taken from a locality of its town (or
 * from its principal's family), one to four activities, one to three
 * principals (the oldest members), about a quarter significant members and
 * peripheral members for the rest. Members are mostly young men living in
 * the group's town; some move to its home district (their old address
 * becomes their previous one) and some bring a brother or sister along.
 * Groups of the same town are more often rivals or allies than groups of
 * different towns. Each group shares one to three phone numbers among a
 * few members, and brokers tie groups together: a significant member with
 * links into an allied group, or an outsider (a money launderer, an
 * armourer) serving two or three groups.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest/world_internal.h"
#include "base/banned.h"

const char *const world_activity_names[ACTIVITY_COUNT] = {
	"drug_supply", "county_lines", "firearms", "money_laundering", "fraud",
	"organised_acquisitive_crime", "modern_slavery", "violence",
	"cannabis_cultivation",
};

/* Chance that a group carries each activity (drug supply dominates). */
static const double activity_chance[ACTIVITY_COUNT] = {
	0.75, 0.40, 0.20, 0.25, 0.10, 0.12, 0.05, 0.25, 0.12,
};

static const char *const suffixes[] = {
	"Crew", "Boys", "Firm", "Gang", "Mob", "Network", "Posse", "Mandem",
	"Clan", "Syndicate", "Youngers", "Organisation", "Squad", "Cartel",
};
#define NSUFFIXES (sizeof(suffixes) / sizeof(suffixes[0]))

/* Hashes of the names given so far (open addressing, 0 = empty). */
struct name_set {
	uint64_t *slots;
	size_t cap;
};

/* FNV-1a hash of a string, never 0 (0 marks an empty slot). */
static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	return h ? h : 1;
}

/* Adds the name's hash; false if it was there already. */
static bool name_set_add(struct name_set *s, const char *name)
{
	uint64_t h = fnv1a(name);
	size_t i = h & (s->cap - 1);
	while (s->slots[i]) {
		if (s->slots[i] == h)
			return false;
		i = (i + 1) & (s->cap - 1);
	}
	s->slots[i] = h;
	return true;
}

/* The town a postcode district belongs to. */
static uint16_t town_of_district(const struct world *w, uint16_t district)
{
	return w->data.districts[district].town;
}

/* Names group g: "<locality> <suffix>" or "<surname> Family", unique. */
static void name_group(struct world *w, struct world_rng *r, uint32_t g,
		       struct name_set *used)
{
	struct world_ocg *o = &w->ocgs.items[g];
	const struct world_town *t = &w->data.towns[town_of_district(w, o->district)];
	struct world_str s;
	bool ok = false;

	for (int attempt = 0; attempt < 8 && !ok; attempt++) {
		ws_reset(&s);
		if (attempt == 0 && world_rng_chance(r, 0.12)) {
			const struct world_person *p =
				&w->people[w->members.items[o->first_member]];
			ws_add(&s, world_surname(w, p));
			ws_add(&s, world_rng_chance(r, 0.5) ? " Family" : " Brothers");
		} else {
			ws_add(&s, w->data.localities[t->first_locality +
						      world_rng_below(r, t->nlocalities)]);
			ws_addc(&s, ' ');
			ws_add(&s, suffixes[world_rng_below(r, NSUFFIXES)]);
		}
		ok = name_set_add(used, s.b);
	}
	if (!ok) {
		ws_addc(&s, ' ');
		ws_add(&s, w->data.districts[o->district].code);
		if (!name_set_add(used, s.b)) {
			ws_addc(&s, ' ');
			ws_uint(&s, g + 1, 1);
			name_set_add(used, s.b);
		}
	}
	o->name = (uint32_t)w->names.len;
	for (size_t i = 0; i <= s.n; i++)
		cg_vec_push(&w->names, s.b[i]);
}

/* Sorts members oldest first, ties by index (insertion sort: a group has
 * at most 40 members, and qsort has no context argument in C11). */
static void sort_by_age(const struct world *w, uint32_t *m, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = m[i], j = i;
		while (j > 0 && (w->people[m[j - 1]].dob > w->people[x].dob ||
				 (w->people[m[j - 1]].dob == w->people[x].dob &&
				  m[j - 1] > x))) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = x;
	}
}

/* Can person i join a group from `home_town`? */
static bool recruitable(struct world *w, struct world_rng *r, uint32_t i,
			uint16_t home_town)
{
	const struct world_person *p = &w->people[i];
	int age;
	if (p->ocg >= 0)
		return false;
	age = world_age(p->dob, w->today);
	if (age < 17 || age > 58)
		return false;
	if (!world_rng_chance(r, p->sex ? 0.08 : 0.9))
		return false;
	return town_of_district(w, p->addr.district) == home_town ||
	       world_rng_chance(r, 0.15);
}

/* Adds person i to group g (the member list grows at the end). */
static void join(struct world *w, uint32_t g, uint32_t i)
{
	w->people[i].ocg = (int32_t)g;
	cg_vec_push(&w->members, i);
	w->ocgs.items[g].nmembers++;
}

/* Picks up to `size` members for group g. */
static void recruit_members(struct world *w, struct world_rng *r, uint32_t g,
			    uint32_t size)
{
	struct world_ocg *o = &w->ocgs.items[g];
	uint16_t home_town = town_of_district(w, o->district);
	uint64_t tries = 0, max_tries = (uint64_t)size * 400;

	while (o->nmembers < size && tries++ < max_tries) {
		uint32_t i = world_rng_below(r, w->n);
		const struct world_person *p;
		if (!recruitable(w, r, i, home_town))
			continue;
		join(w, g, i);
		p = &w->people[i];
		/* a brother or sister from the same household */
		if (p->hh_size > 1 && o->nmembers < size && world_rng_chance(r, 0.25)) {
			uint32_t j = (uint32_t)p->household + world_rng_below(r, p->hh_size);
			int age = world_age(w->people[j].dob, w->today);
			if (w->people[j].ocg < 0 && age >= 17 && age <= 58)
				join(w, g, j);
		}
	}
}

/* Sets roles (principals are the oldest), joining days and moves. */
static void organise(struct world *w, struct world_rng *r, uint32_t g)
{
	struct world_ocg *o = &w->ocgs.items[g];
	uint32_t *m = w->members.items + o->first_member, n = o->nmembers;
	uint32_t np = n < 10 ? 1 : n < 25 ? 2 : 3, ns;

	sort_by_age(w, m, n);
	if (np > 1 && world_rng_chance(r, 0.3))
		np--;
	ns = (n * 25 + 50) / 100;
	if (np + ns > n)
		ns = n - np;
	/* the significant members: drawn from all but the principals */
	world_rng_shuffle(r, m + np, n - np);
	for (uint32_t k = 0; k < n; k++) {
		struct world_person *p = &w->people[m[k]];
		int32_t latest = w->today - 30;
		if (k < np) {
			p->role = ROLE_PRINCIPAL;
			p->joined = o->founded;
		} else if (k < np + ns) {
			p->role = ROLE_SIGNIFICANT;
			p->joined = world_rng_day(r, o->founded, o->founded + 730);
		} else {
			p->role = ROLE_PERIPHERAL;
			p->joined = world_rng_day(r, o->founded, latest);
		}
		if (p->joined > latest)
			p->joined = latest;
		if (p->addr.district != o->district && world_rng_chance(r, 0.5)) {
			p->prev = p->addr;
			p->addr = world_new_address(w, r, o->district);
		}
	}
}

/* Is group h already a rival or an ally of group o? */
static bool related(const struct world_ocg *o, int32_t h)
{
	for (int k = 0; k < o->nrivals; k++)
		if (o->rivals[k] == h)
			return true;
	for (int k = 0; k < o->nallies; k++)
		if (o->allies[k] == h)
			return true;
	return false;
}

const char *world_ocg_name(const struct world *w, uint32_t ocg)
{
	return w->names.items + w->ocgs.items[ocg].name;
}

bool world_rivals(const struct world *w, int32_t a, int32_t b)
{
	const struct world_ocg *o;
	if (a < 0 || b < 0 || a == b)
		return false;
	o = &w->ocgs.items[a];
	for (int k = 0; k < o->nrivals; k++)
		if (o->rivals[k] == b)
			return true;
	return false;
}

/* Makes g a rival (or ally) of another group, preferring its own town. */
static void relate(struct world *w, struct world_rng *r, uint32_t g, bool rival)
{
	uint32_t n = (uint32_t)w->ocgs.len;
	for (int t = 0; t < 40; t++) {
		uint32_t h = world_rng_below(r, n);
		struct world_ocg *a = &w->ocgs.items[g], *b = &w->ocgs.items[h];
		bool same_town = town_of_district(w, a->district) ==
				 town_of_district(w, b->district);
		if (h == g || related(a, (int32_t)h))
			continue;
		if (!same_town && !world_rng_chance(r, 0.25))
			continue;
		if (rival && a->nrivals < 3 && b->nrivals < 3) {
			a->rivals[a->nrivals++] = (int32_t)h;
			b->rivals[b->nrivals++] = (int32_t)g;
			return;
		}
		if (!rival && a->nallies < 3 && b->nallies < 3) {
			a->allies[a->nallies++] = (int32_t)h;
			b->allies[b->nallies++] = (int32_t)g;
			return;
		}
	}
}

/* Shared numbers of group g, each used by two to five members. */
static void group_phones(struct world *w, struct world_rng *r, uint32_t g)
{
	struct world_ocg *o = &w->ocgs.items[g];
	uint32_t count = 1 + (o->nmembers > 15) + world_rng_chance(r, 0.4);

	o->first_phone = (uint32_t)w->phones.len;
	for (uint32_t k = 0; k < count; k++) {
		struct world_phone ph = { 0 };
		uint32_t users = 2 + world_rng_below(r, 4);
		uint32_t *m = w->members.items + o->first_member;
		if (users > o->nmembers)
			users = o->nmembers;
		ph.ocg = g;
		ph.first_user = (uint32_t)w->phone_users.len;
		ph.nusers = users;
		ph.from = world_rng_day(r, o->founded, o->founded + 700);
		if (ph.from > w->today - 60)
			ph.from = w->today - 60;
		/* the first user is a leader, the rest anyone */
		cg_vec_push(&w->phone_users, m[world_rng_below(r, o->nmembers < 3 ? o->nmembers : 3)]);
		while (w->phone_users.len - ph.first_user < users) {
			uint32_t cand = m[world_rng_below(r, o->nmembers)];
			bool dup = false;
			for (size_t j = ph.first_user; j < w->phone_users.len; j++)
				dup |= w->phone_users.items[j] == cand;
			if (!dup)
				cg_vec_push(&w->phone_users, cand);
		}
		cg_vec_push(&w->phones, ph);
		o->nphones++;
	}
}

/* Brokers: a significant member reaching into an allied (or any other)
 * group, or an outsider serving two or three groups. */
static void choose_brokers(struct world *w, struct world_rng *r)
{
	uint32_t n = (uint32_t)w->ocgs.len, want;
	if (n < 2)
		return;
	want = n / 8 > 1 ? n / 8 : 1;
	for (uint32_t k = 0, tries = 0; k < want && tries < want * 50; tries++) {
		struct world_broker b = { 0 };
		uint32_t g = world_rng_below(r, n);
		const struct world_ocg *o = &w->ocgs.items[g];
		bool taken = false;
		if (world_rng_chance(r, 0.6)) {
			uint32_t leaders = o->nmembers < 4 ? o->nmembers : 4;
			b.person = w->members.items[o->first_member + world_rng_below(r, leaders)];
			b.ocgs[0] = (int32_t)g;
			b.ocgs[1] = o->nallies ? o->allies[world_rng_below(r, o->nallies)]
					       : (int32_t)world_rng_below(r, n);
			b.nocgs = 2;
		} else {
			int age;
			b.person = world_rng_below(r, w->n);
			age = world_age(w->people[b.person].dob, w->today);
			if (w->people[b.person].ocg >= 0 || age < 25 || age > 65)
				continue;
			b.nocgs = (uint8_t)(2 + world_rng_chance(r, 0.4));
			b.ocgs[0] = (int32_t)g;
			for (int j = 1; j < b.nocgs; j++)
				b.ocgs[j] = (int32_t)world_rng_below(r, n);
		}
		for (int j = 1; j < b.nocgs; j++)
			for (int i = 0; i < j; i++)
				taken |= b.ocgs[i] == b.ocgs[j];
		for (size_t j = 0; j < w->brokers.len; j++)
			taken |= w->brokers.items[j].person == b.person;
		if (taken)
			continue;
		cg_vec_push(&w->brokers, b);
		k++;
	}
}

/*
 * Creates the groups, their members, roles and joining days, rivalries,
 * alliances, shared phones and brokers. A world of fewer than 100 people
 * has no groups; one of 100 to 299 has two.
 */
void world_ocgs_generate(struct world *w)
{
	struct world_rng r;
	struct name_set used = { NULL, 0 };
	uint32_t want = w->n / 150, cap_members = w->n / 6, total = 0;

	world_rng_seed(&r, w->opt->seed, STREAM_OCGS);
	if (w->n >= 100 && want < 2)
		want = 2;
	used.cap = 64;
	while (used.cap < (size_t)want * 4)
		used.cap *= 2;
	used.slots = cg_xcalloc(used.cap, sizeof(uint64_t));
	for (uint32_t g = 0; g < want; g++) {
		struct world_ocg o = { 0 };
		double u = world_rng_unit(&r);
		uint32_t size = 5 + (uint32_t)(35.0 * u * u * u);
		const struct world_town *t;
		if (total + size > cap_members)
			break;
		t = &w->data.towns[world_sample(&w->data.town_sampler, &r)];
		o.district = (uint16_t)(t->first_district + world_rng_below(&r, t->ndistricts));
		o.founded = world_rng_day(&r, world_day(2008, 1, 1), world_day(2021, 12, 31));
		for (int a = 0; a < ACTIVITY_COUNT; a++) {
			bool on = world_rng_chance(&r, activity_chance[a]);
			if (a == 1 && !(o.activities & 1))
				on = false; /* county lines are drug supply */
			if (on)
				o.activities |= (uint16_t)(1u << a);
		}
		if (!o.activities)
			o.activities = 1;
		o.first_member = (uint32_t)w->members.len;
		cg_vec_push(&w->ocgs, o);
		recruit_members(w, &r, g, size);
		if (w->ocgs.items[g].nmembers < 3) {
			/* too few recruits: give them back */
			for (uint32_t k = 0; k < w->ocgs.items[g].nmembers; k++)
				w->people[w->members.items[o.first_member + k]].ocg = -1;
			w->members.len = o.first_member;
			w->ocgs.len--;
			break;
		}
		total += w->ocgs.items[g].nmembers;
		organise(w, &r, g);
		name_group(w, &r, g, &used);
	}
	for (uint32_t g = 0; g < w->ocgs.len; g++) {
		if (world_rng_chance(&r, 0.55))
			relate(w, &r, g, true);
		if (world_rng_chance(&r, 0.35))
			relate(w, &r, g, false);
		group_phones(w, &r, g);
	}
	choose_brokers(w, &r);
	free(used.slots);
}
