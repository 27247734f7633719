/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_events.c - prison visits, visitors and calls in the synthetic
 * world (ingest layer).
 *
 * For every spell in custody: relatives from the prisoner's household
 * visit (a partner most often), fellow group members visit members, and
 * now and then a friend; each visitor becomes a prison contact (one
 * record per person, sometimes two) the first time they visit. Many
 * visitors are police nominals themselves, which is the signal that ties
 * prison records to police ones.
 *
 * Prisoners call their relatives' numbers; members also call fellow
 * members, the group's shared numbers and, now and then, a member of
 * another group (a crossover between groups); others call friends; and
 * everyone calls a few numbers that belong to nobody in the world.
 *
 * Every visit and call is dated inside the spell (never after the day of
 * the exports) at the establishment where the prisoner was that day. The
 * true links (visit, call) carry the first day seen.
 */
#include <stdlib.h>

#include "ingest/world_internal.h"
#include "base/banned.h"

/* What one prisoner's spells have linked so far (to write each link once). */
struct seen_list {
	CG_VEC(uint64_t) keys;
};

/* Records (person, type) for this prisoner; false if already there. */
static bool seen_add(struct seen_list *s, uint32_t person, enum world_link_type t)
{
	uint64_t key = (uint64_t)person << 4 | t;
	for (size_t i = 0; i < s->keys.len; i++)
		if (s->keys.items[i] == key)
			return false;
	cg_vec_push(&s->keys, key);
	return true;
}

/* A spell: stays first..last (inclusive) of one person. */
struct spell {
	const struct world_stay *stays;
	uint32_t count;
	int32_t from, last_day; /* last_day: the last day inside, at most today */
	bool dup;               /* recorded under the duplicate prison number */
};

/* The stay holding the prisoner on `day`. */
static const struct world_stay *stay_on(const struct spell *sp, int32_t day)
{
	for (uint32_t k = 0; k < sp->count; k++)
		if (sp->stays[k].to > day)
			return &sp->stays[k];
	return &sp->stays[sp->count - 1];
}

/* A member of the prisoner's group on `day`. */
static bool member_on(const struct world_person *p, int32_t day)
{
	return p->ocg >= 0 && p->joined <= day;
}

/* What the visitor is to the prisoner, as NOMIS records it. */
static const char *relationship(const struct world *w, struct world_rng *r,
				uint32_t visitor, uint32_t prisoner)
{
	const struct world_person *v = &w->people[visitor], *p = &w->people[prisoner];
	if (v->household != p->household)
		return "FRIEND";
	if (v->hh_role == HH_ADULT && p->hh_role == HH_ADULT)
		return world_rng_chance(r, 0.4) ? (v->sex ? "WIFE" : "HUSBAND") : "PARTNER";
	if (v->hh_role == HH_ADULT)
		return v->sex ? "MOTHER" : "FATHER";
	if (p->hh_role == HH_ADULT)
		return v->sex ? "DAUGHTER" : "SON";
	return v->sex ? "SISTER" : "BROTHER";
}

/* The contact record for a visitor, made on the first visit. */
static uint32_t contact_of(struct world *w, struct world_rng *r, uint32_t v)
{
	struct world_person *p = &w->people[v];
	if (!p->contact) {
		struct world_rec rec = { v, 0 };
		cg_vec_push(&w->contacts, rec);
		p->contact = (uint32_t)w->contacts.len;
		p->flags |= PF_CONTACT;
		if (world_rng_chance(r, w->opt->noise.duplicate)) {
			rec.dup = 1;
			cg_vec_push(&w->contacts, rec);
			p->contact_dup = (uint32_t)w->contacts.len;
		}
	}
	if (p->contact_dup && world_rng_chance(r, 0.5))
		return p->contact_dup;
	return p->contact;
}

/* `count` visits by person v to the prisoner during the spell. */
static void visits(struct world *w, struct world_rng *r, const struct spell *sp,
		   const struct world_str *noms, uint32_t prisoner, uint32_t v,
		   uint32_t count, struct seen_list *seen)
{
	struct world_file *f = &w->files[WF_VISITS];
	const char *rel = relationship(w, r, v, prisoner);
	int32_t first = INT32_MAX;

	for (uint32_t k = 0; k < count; k++) {
		int32_t day = world_rng_day(r, sp->from, sp->last_day);
		const struct world_stay *s = stay_on(sp, day);
		struct world_str id;
		if (day < first)
			first = day;
		wf_ref(f, "V", ++w->next_visit, 8);
		wf_ws(f, noms);
		ws_reset(&id);
		world_contact_ref(w, contact_of(w, r, v), &id);
		wf_ws(f, &id);
		wf_date(f, day, DATE_ISO);
		wf_field(f, world_establishments[s->est].code);
		wf_field(f, rel);
		wf_end(f);
	}
	if (count && seen_add(seen, v, LINK_VISIT))
		world_link_write(w, v, prisoner, LINK_VISIT, first);
}

/* `count` calls from the prisoner to `number`, owned by `owner` (or -1). */
static void calls(struct world *w, struct world_rng *r, const struct spell *sp,
		  const struct world_str *noms, uint32_t prisoner,
		  const struct world_str *number, int64_t owner, uint32_t count,
		  struct seen_list *seen)
{
	struct world_file *f = &w->files[WF_CALLS];
	int32_t first = INT32_MAX;

	for (uint32_t k = 0; k < count; k++) {
		int32_t day = world_rng_day(r, sp->from, sp->last_day);
		if (day < first)
			first = day;
		wf_ref(f, "CL", ++w->next_call, 8);
		wf_ws(f, noms);
		wf_date(f, day, DATE_ISO);
		wf_ws(f, number);
		wf_uint(f, (uint64_t)world_rng_range(r, 15, 600));
		wf_end(f);
	}
	if (count && owner >= 0 && seen_add(seen, (uint32_t)owner, LINK_CALL))
		world_link_write(w, prisoner, (uint32_t)owner, LINK_CALL, first);
}

/* Calls to a person's own number (which truth/phones.csv then lists). */
static void call_person(struct world *w, struct world_rng *r, const struct spell *sp,
			const struct world_str *noms, uint32_t prisoner, uint32_t owner,
			uint32_t count, struct seen_list *seen)
{
	struct world_str num;
	ws_reset(&num);
	world_phone_personal(w, owner, &num);
	w->people[owner].flags |= PF_DIALLED;
	calls(w, r, sp, noms, prisoner, &num, owner, count, seen);
}

/* A random person living in the prisoner's town (any, after misses). */
static uint32_t friend_of(struct world *w, struct world_rng *r, uint32_t i)
{
	uint32_t j = 0;
	for (int t = 0; t < 10; t++) {
		j = world_rng_below(r, w->n);
		if (j != i && world_age(w->people[j].dob, w->today) >= 18 &&
		    world_town_of(w, &w->people[j].addr) == world_town_of(w, &w->people[i].addr))
			break;
	}
	return j;
}

/* A member of some other group than g, favouring rivals and allies. */
static int64_t other_member(struct world *w, struct world_rng *r, int32_t g)
{
	const struct world_ocg *o = &w->ocgs.items[g];
	int32_t h;
	if (o->nallies && world_rng_chance(r, 0.5))
		h = o->allies[world_rng_below(r, o->nallies)];
	else if (o->nrivals && world_rng_chance(r, 0.3))
		h = o->rivals[world_rng_below(r, o->nrivals)];
	else
		h = (int32_t)world_rng_below(r, (uint32_t)w->ocgs.len);
	if (h == g)
		return -1;
	o = &w->ocgs.items[h];
	return w->members.items[o->first_member + world_rng_below(r, o->nmembers)];
}

/* Visits and calls of one spell. */
static void spell_events(struct world *w, struct world_rng *r, uint32_t i,
			 const struct spell *sp, struct seen_list *seen)
{
	const struct world_person *p = &w->people[i];
	bool member = member_on(p, sp->last_day);
	struct world_str noms;
	uint32_t hh = (uint32_t)p->household;

	ws_reset(&noms);
	world_prison_number(w, sp->dup ? p->prisoner_dup : p->prisoner, &noms);
	for (uint32_t j = hh; j < hh + p->hh_size; j++) {
		bool partner = p->hh_role == HH_ADULT && w->people[j].hh_role == HH_ADULT;
		if (j == i || world_age(w->people[j].dob, sp->from) < 16)
			continue;
		if (world_rng_chance(r, partner ? 0.85 : 0.55))
			visits(w, r, sp, &noms, i, j, 1 + world_rng_below(r, 5), seen);
		if (world_rng_chance(r, 0.7))
			call_person(w, r, sp, &noms, i, j, 1 + world_rng_below(r, 5), seen);
	}
	if (member) {
		const struct world_ocg *o = &w->ocgs.items[p->ocg];
		const uint32_t *m = w->members.items + o->first_member;
		for (int k = 0; k < 3; k++) {
			uint32_t c = m[world_rng_below(r, o->nmembers)];
			if (c == i)
				continue;
			if (k < 2 && world_rng_chance(r, 0.45))
				visits(w, r, sp, &noms, i, c, 1 + world_rng_below(r, 2), seen);
			if (world_rng_chance(r, 0.6))
				call_person(w, r, sp, &noms, i, c, 1 + world_rng_below(r, 4), seen);
		}
		for (uint32_t k = 0; k < o->nphones; k++) {
			struct world_phone *ph = &w->phones.items[o->first_phone + k];
			struct world_str num;
			if (ph->from > sp->last_day || !world_rng_chance(r, 0.5))
				continue;
			ws_reset(&num);
			world_phone_shared(w, o->first_phone + k, &num);
			ph->dialled = true;
			calls(w, r, sp, &noms, i, &num,
			      w->phone_users.items[ph->first_user],
			      2 + world_rng_below(r, 5), seen);
		}
		if (w->ocgs.len > 1 && world_rng_chance(r, 0.15)) {
			int64_t x = other_member(w, r, p->ocg);
			if (x >= 0)
				call_person(w, r, sp, &noms, i, (uint32_t)x,
					    1 + world_rng_below(r, 4), seen);
		}
	} else {
		for (uint32_t k = world_rng_below(r, 3); k > 0; k--) {
			uint32_t times = 1 + world_rng_below(r, 3);
			call_person(w, r, sp, &noms, i, friend_of(w, r, i), times, seen);
		}
	}
	if (world_rng_chance(r, 0.3)) {
		/* drawn before the friend, as the calls above are: one draw
		 * per argument list keeps the order the compiler's choice */
		uint32_t times = 1 + world_rng_below(r, 2);
		visits(w, r, sp, &noms, i, friend_of(w, r, i), times, seen);
	}
	for (uint32_t k = world_rng_below(r, 3); k > 0; k--) {
		struct world_str num;
		ws_reset(&num);
		world_phone_outside(w, world_rng_below(r, 100000000u), &num);
		calls(w, r, sp, &noms, i, &num, -1, 1 + world_rng_below(r, 2), seen);
	}
}

/*
 * Writes prison/visits.csv and prison/calls.csv, numbering the contacts on
 * the way, prisoner by prisoner in prison-number order. Needs the stays
 * indexed and the prison records numbered.
 */
void world_events_generate(struct world *w)
{
	struct world_rng r;
	struct seen_list seen = { CG_VEC_INIT };

	world_rng_seed(&r, w->opt->seed, STREAM_EVENTS);
	for (size_t k = 0; k < w->prisoners.len; k++) {
		const struct world_rec *rec = &w->prisoners.items[k];
		const struct world_person *p = &w->people[rec->person];
		const struct world_stay *stays;
		uint32_t start = 0;
		if (rec->dup || p->first_stay < 0)
			continue;
		stays = &w->stays.items[p->first_stay];
		seen.keys.len = 0;
		for (uint32_t s = 1; s <= p->nstays; s++) {
			struct spell sp;
			if (s < p->nstays && stays[s].start == STAY_MOVE)
				continue;
			sp.stays = stays + start;
			sp.count = s - start;
			sp.from = stays[start].from;
			sp.last_day = stays[s - 1].to - 1;
			if (sp.last_day > w->today)
				sp.last_day = w->today;
			if (sp.last_day < sp.from)
				sp.last_day = sp.from;
			sp.dup = stays[start].flags & STAY_DUP;
			spell_events(w, &r, rec->person, &sp, &seen);
			start = s;
		}
	}
	cg_vec_release(&seen.keys);
}
