/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_links.c - the true links between people of the synthetic world,
 * and the police associations recorded from them (ingest layer).
 *
 * truth/links.csv holds one row per pair and type with the first day the
 * link was seen: family (everyone in a household), associate (members of
 * a group with their leaders and each other, brokers with the groups they
 * serve, and pairs of other police nominals), co_defendant (members of a
 * group, and pairs of former prisoners charged together), financial (money
 * from members to their leaders, and between brokers and groups),
 * shared_phone (people using one number), cell_mate (world_custody.c),
 * visit and call (world_events.c: person_a visited or called person_b).
 *
 * The police record a family, associate or co_defendant link as a row of
 * police/associations.csv when they hold both people, with a probability
 * per kind (they do not know every link), now and then naming a
 * duplicate nominal instead of the primary one.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const link_names[LINK_TYPE_COUNT] = {
	[LINK_FAMILY] = "family", [LINK_ASSOCIATE] = "associate",
	[LINK_CO_DEFENDANT] = "co_defendant", [LINK_CELL_MATE] = "cell_mate",
	[LINK_VISIT] = "visit", [LINK_CALL] = "call",
	[LINK_SHARED_PHONE] = "shared_phone", [LINK_FINANCIAL] = "financial",
};

/* Visits and calls have a direction; the others do not. */
static bool symmetric(enum world_link_type t)
{
	return t != LINK_VISIT && t != LINK_CALL;
}

/* Adds key (never 0); false if present. Grows at half full. */
static bool pairset_add(struct world_pairset *s, uint64_t key)
{
	size_t i;
	if (2 * (s->len + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		uint64_t *slots = cg_xcalloc(cap, sizeof(uint64_t));
		for (size_t k = 0; k < s->cap; k++) {
			uint64_t v = s->slots[k];
			if (!v)
				continue;
			i = (size_t)((v * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);
			while (slots[i])
				i = (i + 1) & (cap - 1);
			slots[i] = v;
		}
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (s->cap - 1);
	while (s->slots[i]) {
		if (s->slots[i] == key)
			return false;
		i = (i + 1) & (s->cap - 1);
	}
	s->slots[i] = key;
	s->len++;
	return true;
}

void world_pairset_release(struct world_pairset *s)
{
	free(s->slots);
	s->slots = NULL;
	s->cap = s->len = 0;
}

void world_link_write(struct world *w, uint32_t a, uint32_t b,
		      enum world_link_type type, int32_t day)
{
	struct world_file *f = &w->files[WF_T_LINKS];
	struct world_str s;
	ws_reset(&s);
	world_person_id(a, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	world_person_id(b, &s);
	wf_ws(f, &s);
	wf_field(f, link_names[type]);
	wf_date(f, day > w->today ? w->today : day, DATE_ISO);
	wf_end(f);
}

/* The nominal ref the police use for person i: now and then the duplicate. */
static void police_ref(const struct world *w, struct world_rng *r, uint32_t i,
		       struct world_str *out)
{
	const struct world_person *p = &w->people[i];
	bool dup = p->nominal_dup && world_rng_chance(r, 0.3);
	world_nominal_ref(dup ? p->nominal_dup : p->nominal, out);
}

/* Writes one row of police/associations.csv. */
static void police_association(struct world *w, struct world_rng *r, uint32_t a,
			       uint32_t b, enum world_link_type type, int32_t day)
{
	struct world_file *f = &w->files[WF_ASSOCIATIONS];
	struct world_str s;
	wf_ref(f, "WMP-A", ++w->next_association, 6);
	ws_reset(&s);
	police_ref(w, r, a, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	police_ref(w, r, b, &s);
	wf_ws(f, &s);
	wf_field(f, link_names[type]);
	wf_date(f, day > w->today ? w->today : day, DATE_DMY);
	wf_end(f);
}

/*
 * Records a true link once per pair and type (family links are unique by
 * construction and skip the check), and the police association with
 * probability `police` when both are police nominals.
 */
void world_link(struct world *w, struct world_rng *r, uint32_t a, uint32_t b,
		enum world_link_type type, int32_t day, double police)
{
	if (a == b)
		return;
	if (symmetric(type) && a > b) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	if (type != LINK_FAMILY &&
	    !pairset_add(&w->seen, (((uint64_t)a << 24 | b) << 4 | type) + 1))
		return;
	world_link_write(w, a, b, type, day);
	if (police > 0 && (type == LINK_FAMILY || type == LINK_ASSOCIATE ||
			   type == LINK_CO_DEFENDANT) &&
	    (w->people[a].flags & w->people[b].flags & PF_NOMINAL) &&
	    world_rng_chance(r, police))
		police_association(w, r, a, b, type, day);
}

/* The later of two days. */
static int32_t later(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

/* Links inside one group: leaders, random pairs, co-defendants, money. */
static void group_links(struct world *w, struct world_rng *r, uint32_t g)
{
	const struct world_ocg *o = &w->ocgs.items[g];
	const uint32_t *m = w->members.items + o->first_member;
	uint32_t n = o->nmembers, leaders = n < 3 ? n : 3;

	for (uint32_t k = 1; k < n; k++) {
		uint32_t a = m[k], b = m[world_rng_below(r, leaders)];
		uint32_t c = m[world_rng_below(r, n)];
		int32_t since = later(w->people[a].joined, w->people[b].joined);
		world_link(w, r, a, b, LINK_ASSOCIATE, since + world_rng_range(r, 0, 365), 0.75);
		since = later(w->people[a].joined, w->people[c].joined);
		world_link(w, r, a, c, LINK_ASSOCIATE, since + world_rng_range(r, 0, 365), 0.75);
		if (w->people[a].role == ROLE_SIGNIFICANT ||
		    world_rng_chance(r, 0.25))
			world_link(w, r, a, b, LINK_FINANCIAL,
				   later(w->people[a].joined, w->people[b].joined) +
				   world_rng_range(r, 30, 500), 0);
	}
	for (uint32_t k = 0; k < n / 4; k++) {
		uint32_t a = m[world_rng_below(r, n)], b = m[world_rng_below(r, n)];
		int32_t since = later(w->people[a].joined, w->people[b].joined);
		world_link(w, r, a, b, LINK_CO_DEFENDANT, since + world_rng_range(r, 0, 700), 0.9);
	}
}

/* A random person with all of `flags`, preferably in the town of person
 * `near`; -1 after a few misses. */
static int64_t someone(struct world *w, struct world_rng *r, uint32_t flags,
		       uint32_t near)
{
	for (int t = 0; t < 12; t++) {
		uint32_t i = world_rng_below(r, w->n);
		if ((w->people[i].flags & flags) != flags || i == near)
			continue;
		if (world_town_of(w, &w->people[i].addr) ==
			    world_town_of(w, &w->people[near].addr) ||
		    world_rng_chance(r, 0.2))
			return i;
	}
	return -1;
}

/* A broker's links into each group it serves. */
static void broker_links(struct world *w, struct world_rng *r,
			 const struct world_broker *b)
{
	const struct world_person *pb = &w->people[b->person];
	for (int j = 0; j < b->nocgs; j++) {
		const struct world_ocg *o = &w->ocgs.items[b->ocgs[j]];
		uint32_t contacts = 2 + world_rng_below(r, 2);
		if (b->ocgs[j] == pb->ocg)
			continue;
		for (uint32_t k = 0; k < contacts; k++) {
			uint32_t leaders = o->nmembers < 4 ? o->nmembers : 4;
			uint32_t m = w->members.items[o->first_member + world_rng_below(r, leaders)];
			int32_t since = later(w->people[m].joined,
					      pb->ocg >= 0 ? pb->joined : o->founded);
			world_link(w, r, b->person, m, LINK_ASSOCIATE,
				   since + world_rng_range(r, 0, 400), 0.6);
			if (world_rng_chance(r, 0.6))
				world_link(w, r, m, b->person, LINK_FINANCIAL,
					   since + world_rng_range(r, 30, 600), 0);
		}
	}
}

/* Shared phones: links between the users, and truth/phones.csv rows. */
static void phone_links(struct world *w, struct world_rng *r)
{
	struct world_file *f = &w->files[WF_T_PHONES];
	for (size_t k = 0; k < w->phones.len; k++) {
		const struct world_phone *ph = &w->phones.items[k];
		const uint32_t *u = w->phone_users.items + ph->first_user;
		struct world_str num;
		ws_reset(&num);
		world_phone_shared(w, (uint32_t)k, &num);
		for (uint32_t i = 0; i < ph->nusers; i++) {
			struct world_str id;
			ws_reset(&id);
			world_person_id(u[i], &id);
			wf_ws(f, &num);
			wf_ws(f, &id);
			wf_field(f, "shared");
			wf_end(f);
			for (uint32_t j = i + 1; j < ph->nusers; j++)
				world_link(w, r, u[i], u[j], LINK_SHARED_PHONE,
					   later(ph->from, later(w->people[u[i]].joined,
								 w->people[u[j]].joined)), 0);
		}
	}
}

/*
 * Writes the family, group, broker, other associate and co-defendant,
 * financial and shared-phone links (and the police associations among
 * them). Needs the police nominals numbered (world_records_assign).
 */
void world_links_generate(struct world *w)
{
	struct world_rng r;
	uint64_t nominals = w->nominals.len, prisoners = w->prisoners.len;

	world_rng_seed(&r, w->opt->seed, STREAM_LINKS);
	for (uint32_t h = 0; h < w->n;) {
		uint32_t size = w->people[h].hh_size ? w->people[h].hh_size : 1;
		for (uint32_t i = h; i < h + size; i++)
			for (uint32_t j = i + 1; j < h + size; j++)
				world_link(w, &r, i, j, LINK_FAMILY,
					   later(w->people[i].dob, w->people[j].dob), 0.7);
		h += size;
	}
	for (uint32_t g = 0; g < w->ocgs.len; g++)
		group_links(w, &r, g);
	for (size_t k = 0; k < w->brokers.len; k++)
		broker_links(w, &r, &w->brokers.items[k]);
	/* associates among the other nominals */
	for (uint64_t k = 0; k < nominals / 10; k++) {
		const struct world_rec *rec = &w->nominals.items[world_rng_below(&r, (uint32_t)nominals)];
		int64_t b = someone(w, &r, PF_NOMINAL, rec->person);
		if (b >= 0)
			world_link(w, &r, rec->person, (uint32_t)b, LINK_ASSOCIATE,
				   world_rng_day(&r, w->history_from, w->today), 0.8);
	}
	/* former prisoners charged together: the day the first went in */
	for (uint64_t k = 0; k < prisoners / 20; k++) {
		const struct world_rec *rec = &w->prisoners.items[world_rng_below(&r, (uint32_t)prisoners)];
		const struct world_person *p = &w->people[rec->person];
		int64_t b = someone(w, &r, PF_PRISONER, rec->person);
		if (b >= 0 && p->first_stay >= 0)
			world_link(w, &r, rec->person, (uint32_t)b, LINK_CO_DEFENDANT,
				   w->stays.items[p->first_stay].from, 0.9);
	}
	phone_links(w, &r);
}
