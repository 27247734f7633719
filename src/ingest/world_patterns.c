/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_patterns.c - the patterns planted in the synthetic world for later
 * analysis to find, and truth/patterns.csv (ingest layer).
 *
 * Three kinds, each a row `pattern,detail` whose detail is `key=value`
 * pairs separated by ';' (lists inside a value separated by '|'):
 *
 *   recruitment  a person who was not yet a member shared a wing with a
 *                member of a group, and joined that group afterwards:
 *                person, ocg, recruiter, establishment, wing, from, to
 *                (last day together), joined. Planted in about half the
 *                groups of six or more members; every one is listed.
 *   crossover    members of two rival groups on the same wing at the same
 *                time, both already members: person_a, ocg_a, person_b,
 *                ocg_b, establishment, wing, from, to (last day together,
 *                at most the day of the exports). About half of all rival
 *                pairs get one planted; the list is every such episode in
 *                the world, planted or not, found by a sweep over the
 *                stays of members.
 *   broker       a person with links into two or three groups: person,
 *                ocgs, member_of (the broker's own group, or empty). The
 *                links themselves are made by world_links.c; every
 *                planted broker is listed.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

/* A random member of group g with at least one stay and, if `leaders`, a
 * principal or significant member; -1 if none turned up. */
static int64_t member_in_custody(struct world *w, struct world_rng *r, uint32_t g,
				 bool leaders)
{
	const struct world_ocg *o = &w->ocgs.items[g];
	for (int t = 0; t < 20; t++) {
		uint32_t i = w->members.items[o->first_member + world_rng_below(r, o->nmembers)];
		const struct world_person *p = &w->people[i];
		if (p->first_stay < 0 || (leaders && p->role == ROLE_PERIPHERAL))
			continue;
		return i;
	}
	return -1;
}

/* True if person i has no stay between from and to. */
static bool free_between(const struct world *w, uint32_t i, int32_t from, int32_t to)
{
	const struct world_person *p = &w->people[i];
	for (uint32_t k = 0; k < p->nstays && p->first_stay >= 0; k++) {
		const struct world_stay *s = &w->stays.items[p->first_stay + (int32_t)k];
		if (s->from < to && s->to > from)
			return false;
	}
	return true;
}

/* Tries once to plant a recruitment into group g. */
static bool plant_recruitment(struct world *w, struct world_rng *r, uint32_t g)
{
	const struct world_ocg *o = &w->ocgs.items[g];
	int64_t m = member_in_custody(w, r, g, true);
	const struct world_person *pm;
	struct world_person *pr;
	const struct world_stay *s;
	struct world_stay added = { 0 };
	struct world_recruit rec = { 0 };
	int32_t x, y, end;
	uint32_t recruit;

	if (m < 0)
		return false;
	pm = &w->people[m];
	s = &w->stays.items[pm->first_stay + (int32_t)world_rng_below(r, pm->nstays)];
	end = s->to < w->today ? s->to : w->today;
	if (s->from < pm->joined || end - s->from < 40 || s->from > w->today - 240)
		return false;
	x = s->from + world_rng_range(r, 0, end - s->from - 35);
	y = x + world_rng_range(r, 30, 180);
	if (y > end)
		y = end;
	if (y - x < 21)
		return false;
	recruit = w->members.items[o->first_member + world_rng_below(r, o->nmembers)];
	pr = &w->people[recruit];
	if (recruit == (uint32_t)m || pr->role != ROLE_PERIPHERAL ||
	    pr->sex != pm->sex || world_age(pr->dob, x) < 18 ||
	    !free_between(w, recruit, x - 60, y + 400))
		return false;
	for (size_t k = 0; k < w->recruits.len; k++)
		if (w->recruits.items[k].person == recruit)
			return false;
	rec.joined = y + world_rng_range(r, 30, 365);
	if (rec.joined > w->today - 10)
		return false;

	added.person = (int32_t)recruit;
	added.from = x;
	added.to = y;
	added.est = s->est;
	added.wing = s->wing;
	added.start = STAY_ADM;
	added.flags = STAY_RELEASED;
	rec.person = recruit;
	rec.recruiter = (uint32_t)m;
	rec.ocg = g;
	rec.from = x;
	rec.to = y;
	rec.est = s->est;
	rec.wing = s->wing;
	cg_vec_push(&w->stays, added); /* may move the stays: s is stale now */
	cg_vec_push(&w->recruits, rec);
	world_period_add(w, recruit, y, y + (y - x < 120 ? 120 : y - x), PERIOD_LICENCE);
	pr->flags |= PF_PRISONER;
	pr->joined = rec.joined;
	return true;
}

/* Tries once to put members of rival groups g and h on one wing. */
static bool plant_crossover(struct world *w, struct world_rng *r, uint32_t g, uint32_t h)
{
	int64_t a = member_in_custody(w, r, g, false), b = member_in_custody(w, r, h, false);
	const struct world_person *pa, *pb;
	int32_t since;

	if (a < 0 || b < 0)
		return false;
	pa = &w->people[a];
	pb = &w->people[b];
	if (pa->sex != pb->sex)
		return false;
	since = pa->joined > pb->joined ? pa->joined : pb->joined;
	for (uint32_t i = 0; i < pa->nstays; i++) {
		struct world_stay *sa = &w->stays.items[pa->first_stay + (int32_t)i];
		for (uint32_t j = 0; j < pb->nstays; j++) {
			const struct world_stay *sb = &w->stays.items[pb->first_stay + (int32_t)j];
			int32_t from = sa->from > sb->from ? sa->from : sb->from;
			int32_t to = sa->to < sb->to ? sa->to : sb->to;
			if (from < since)
				from = since;
			if (to > w->today)
				to = w->today;
			if (to - from >= 14) {
				sa->est = sb->est;
				sa->wing = sb->wing;
				return true;
			}
		}
	}
	return false;
}

/*
 * Plants recruitments and crossovers into the custody histories. Needs
 * the stays indexed (world_custody_index) and leaves them unindexed: new
 * stays are appended, so index again afterwards.
 */
void world_patterns_plant(struct world *w)
{
	struct world_rng r;
	uint32_t n = (uint32_t)w->ocgs.len;

	world_rng_seed(&r, w->opt->seed, STREAM_PATTERNS);
	for (uint32_t g = 0; g < n; g++) {
		for (uint32_t k = 0; k < w->ocgs.items[g].nrivals; k++) {
			uint32_t h = (uint32_t)w->ocgs.items[g].rivals[k];
			if (h < g || !world_rng_chance(&r, 0.5))
				continue;
			for (int t = 0; t < 30 && !plant_crossover(w, &r, g, h); t++)
				;
		}
	}
	/* last, as it appends stays: the indexes above stay valid until here */
	for (uint32_t g = 0; g < n; g++) {
		if (w->ocgs.items[g].nmembers < 6 || !world_rng_chance(&r, 0.5))
			continue;
		for (int t = 0; t < 40 && !plant_recruitment(w, &r, g); t++)
			;
	}
}

/* Appends "key=P0000123". */
static void detail_person(struct world_str *s, const char *key, uint32_t person)
{
	ws_add(s, key);
	ws_addc(s, '=');
	world_person_id(person, s);
}

/* Appends "key=G0012", or "key=" for no group. */
static void detail_ocg(struct world_str *s, const char *key, int32_t ocg)
{
	ws_add(s, key);
	ws_addc(s, '=');
	if (ocg >= 0)
		world_ocg_id((uint32_t)ocg, s);
}

/* Appends ";establishment=..;wing=..;from=..;to=.." (`last` inclusive). */
static void detail_place(struct world_str *s, uint8_t est, uint8_t wing,
			 int32_t from, int32_t last)
{
	ws_add(s, ";establishment=");
	ws_add(s, world_establishments[est].code);
	ws_add(s, ";wing=");
	ws_addc(s, world_establishments[est].wings[2 * wing]);
	ws_add(s, ";from=");
	ws_date(s, from, DATE_ISO);
	ws_add(s, ";to=");
	ws_date(s, last, DATE_ISO);
}

/* Writes one row of truth/patterns.csv. */
static void write_pattern(struct world *w, const char *pattern,
			  const struct world_str *detail)
{
	struct world_file *f = &w->files[WF_T_PATTERNS];
	wf_field(f, pattern);
	wf_ws(f, detail);
	wf_end(f);
}

/* Ascending order of packed 64-bit sort keys. */
static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Writes a crossover row for stays a and b if their members were rivals
 * and both members while together. */
static void crossover(struct world *w, const struct world_stay *a,
		      const struct world_stay *b)
{
	const struct world_person *pa = &w->people[a->person], *pb = &w->people[b->person];
	int32_t from = a->from > b->from ? a->from : b->from;
	int32_t to = a->to < b->to ? a->to : b->to;
	struct world_str s;

	if (!world_rivals(w, pa->ocg, pb->ocg))
		return;
	if (from < pa->joined)
		from = pa->joined;
	if (from < pb->joined)
		from = pb->joined;
	if (to > w->today + 1)
		to = w->today + 1;
	if (to <= from)
		return;
	ws_reset(&s);
	detail_person(&s, "person_a", (uint32_t)a->person);
	ws_addc(&s, ';');
	detail_ocg(&s, "ocg_a", pa->ocg);
	ws_addc(&s, ';');
	detail_person(&s, "person_b", (uint32_t)b->person);
	ws_addc(&s, ';');
	detail_ocg(&s, "ocg_b", pb->ocg);
	detail_place(&s, a->est, a->wing, from, to - 1);
	write_pattern(w, "crossover", &s);
}

/* Every crossover: sweep the members' stays wing by wing in date order,
 * keeping the stays still running. */
static void write_crossovers(struct world *w)
{
	CG_VEC(uint64_t) keys = CG_VEC_INIT;
	CG_VEC(uint32_t) active = CG_VEC_INIT;
	uint32_t current_wing = UINT32_MAX;

	for (size_t i = 0; i < w->stays.len; i++) {
		const struct world_stay *s = &w->stays.items[i];
		uint64_t wing = (uint64_t)s->est * WORLD_WINGS_MAX + s->wing;
		if (w->people[s->person].ocg < 0)
			continue;
		cg_vec_push(&keys, wing << 58 | (uint64_t)(uint32_t)s->from << 26 | i);
	}
	if (keys.len)
		qsort(keys.items, keys.len, sizeof(uint64_t), cmp_u64);
	for (size_t k = 0; k < keys.len; k++) {
		uint32_t wing = (uint32_t)(keys.items[k] >> 58);
		uint32_t idx = (uint32_t)(keys.items[k] & ((1u << 26) - 1));
		const struct world_stay *s = &w->stays.items[idx];
		size_t kept = 0;
		if (wing != current_wing) {
			active.len = 0;
			current_wing = wing;
		}
		for (size_t j = 0; j < active.len; j++) {
			const struct world_stay *a = &w->stays.items[active.items[j]];
			if (a->to <= s->from)
				continue;
			active.items[kept++] = active.items[j];
			if (a->person != s->person)
				crossover(w, a, s);
		}
		active.len = kept;
		cg_vec_push(&active, idx);
	}
	cg_vec_release(&keys);
	cg_vec_release(&active);
}

/* Writes truth/patterns.csv: recruitments, brokers, then every crossover. */
void world_patterns_write(struct world *w)
{
	struct world_str s;

	for (size_t k = 0; k < w->recruits.len; k++) {
		const struct world_recruit *rc = &w->recruits.items[k];
		ws_reset(&s);
		detail_person(&s, "person", rc->person);
		ws_addc(&s, ';');
		detail_ocg(&s, "ocg", (int32_t)rc->ocg);
		ws_addc(&s, ';');
		detail_person(&s, "recruiter", rc->recruiter);
		detail_place(&s, rc->est, rc->wing, rc->from, rc->to - 1);
		ws_add(&s, ";joined=");
		ws_date(&s, rc->joined, DATE_ISO);
		write_pattern(w, "recruitment", &s);
	}
	for (size_t k = 0; k < w->brokers.len; k++) {
		const struct world_broker *b = &w->brokers.items[k];
		ws_reset(&s);
		detail_person(&s, "person", b->person);
		ws_add(&s, ";ocgs=");
		for (int j = 0; j < b->nocgs; j++) {
			if (j)
				ws_addc(&s, '|');
			world_ocg_id((uint32_t)b->ocgs[j], &s);
		}
		ws_addc(&s, ';');
		detail_ocg(&s, "member_of", w->people[b->person].ocg);
		write_pattern(w, "broker", &s);
	}
	write_crossovers(w);
}
