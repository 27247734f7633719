/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_prison.c - the prison export of the synthetic world (ingest
 * layer): prisoners, contacts, movements and establishments (visits and
 * calls are written by world_events.c).
 *
 * HM Prison and Probation Service (agency HMPPS, system NOMIS) write names
 * in upper case with the middle names apart, dates as YYYY-MM-DD, gender
 * as a word, and record the PNC ID only now and then (missing at the
 * missing_id rate) and then often in the short form YY/NNNNNNNC. A
 * duplicate prisoner record is a second prison number given on a later
 * reception: it carries that spell's movements. Movements are numbered in
 * date order, as a system that records them as they happen would.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

/* Writes `s` upper-cased as a field, as NOMIS holds text. */
static void upper_field(struct world_file *f, const char *s)
{
	struct world_str u;
	ws_reset(&u);
	ws_upper(&u, s);
	wf_ws(f, &u);
}

/* Writes prisoner `record` (and its truth and noise rows). */
static void write_prisoner(struct world *w, struct world_rng *r, uint32_t record,
			   const struct world_rec *rec)
{
	struct world_file *f = &w->files[WF_PRISONERS];
	const struct world_person *p = &w->people[rec->person];
	struct world_view v;
	struct world_str noms, s;

	ws_reset(&noms);
	world_prison_number(w, record, &noms);
	world_noise_view(w, r, rec->person, "HMPPS", noms.b, rec->dup, &v);
	wf_ws(f, &noms);
	upper_field(f, v.surname);
	upper_field(f, v.forename);
	upper_field(f, v.middle);
	wf_date(f, v.dob, DATE_ISO);
	wf_field(f, p->sex ? "Female" : "Male");
	ws_reset(&s);
	if ((p->flags & PF_PNC) && !world_noise_missing(w, r, "HMPPS", noms.b, "pnc"))
		world_pnc(p, world_rng_chance(r, 0.4), &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if ((p->flags & PF_CRO) && !world_noise_missing(w, r, "HMPPS", noms.b, "cro"))
		world_cro(p, &s);
	wf_ws(f, &s);
	wf_end(f);
}

/* Writes contact `record` (and its truth and noise rows). */
static void write_contact(struct world *w, struct world_rng *r, uint32_t record,
			  const struct world_rec *rec)
{
	struct world_file *f = &w->files[WF_CONTACTS];
	struct world_view v;
	struct world_str id, s;

	ws_reset(&id);
	world_contact_ref(w, record, &id);
	world_noise_view(w, r, rec->person, "HMPPS", id.b, rec->dup, &v);
	wf_ws(f, &id);
	upper_field(f, v.surname);
	upper_field(f, v.forename);
	if (world_noise_missing(w, r, "HMPPS", id.b, "dob"))
		wf_empty(f);
	else
		wf_date(f, v.dob, DATE_ISO);
	ws_reset(&s);
	world_address_line(w, v.addr, &s);
	ws_add(&s, ", ");
	ws_add(&s, world_town_of(w, v.addr)->name);
	upper_field(f, s.b);
	ws_reset(&s);
	world_postcode(w, v.addr, &s);
	wf_ws(f, &s);
	wf_end(f);
}

/* Ascending order of packed 64-bit sort keys. */
static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Contacts in CONTACT_ID order. */
static void write_contacts(struct world *w, struct world_rng *r)
{
	size_t n = w->contacts.len;
	uint64_t *order = cg_xcalloc(n ? n : 1, sizeof(uint64_t));

	for (size_t k = 0; k < n; k++)
		order[k] = (uint64_t)world_contact_number(w, (uint32_t)k + 1) << 32 | k;
	qsort(order, n, sizeof(uint64_t), cmp_u64);
	for (size_t k = 0; k < n; k++) {
		uint32_t idx = (uint32_t)order[k];
		write_contact(w, r, idx + 1, &w->contacts.items[idx]);
	}
	free(order);
}

/* One movement: the start of stay `idx`, or its release. */
static void write_movement(struct world *w, uint64_t id, uint32_t idx, bool release)
{
	struct world_file *f = &w->files[WF_MOVEMENTS];
	const struct world_stay *s = &w->stays.items[idx];
	const struct world_person *p = &w->people[s->person];
	const char *type;
	struct world_str str;

	if (release)
		type = "REL";
	else if (s->start == STAY_ADM)
		type = "ADM";
	else if (s->start == STAY_RCL)
		type = "RCL";
	else
		type = idx > 0 && w->stays.items[idx - 1].est != s->est ? "TRN" : "WNG";
	wf_ref(f, "M", id, 8);
	ws_reset(&str);
	world_prison_number(w, s->flags & STAY_DUP ? p->prisoner_dup : p->prisoner, &str);
	wf_ws(f, &str);
	wf_date(f, release ? s->to : s->from, DATE_ISO);
	wf_field(f, type);
	if (release) {
		wf_empty(f);
		wf_empty(f);
		wf_empty(f);
	} else {
		wf_field(f, world_establishments[s->est].code);
		ws_reset(&str);
		ws_addc(&str, world_establishments[s->est].wings[2 * s->wing]);
		wf_ws(f, &str);
		ws_reset(&str);
		world_cell_label(w, s, &str);
		wf_ws(f, &str);
	}
	wf_end(f);
}

/* Every movement in date order: receptions, transfers, wing moves and
 * recalls on the day a stay starts, releases on the day it ends. */
static void write_movements(struct world *w)
{
	CG_VEC(uint64_t) events = CG_VEC_INIT;

	for (size_t i = 0; i < w->stays.len; i++) {
		const struct world_stay *s = &w->stays.items[i];
		cg_vec_push(&events, (uint64_t)(uint32_t)s->from << 32 | (uint64_t)i << 1);
		if (s->flags & STAY_RELEASED)
			cg_vec_push(&events, (uint64_t)(uint32_t)s->to << 32 | (uint64_t)i << 1 | 1);
	}
	if (events.len)
		qsort(events.items, events.len, sizeof(uint64_t), cmp_u64);
	for (size_t k = 0; k < events.len; k++) {
		uint32_t low = (uint32_t)events.items[k];
		write_movement(w, k + 1, low >> 1, low & 1);
	}
	cg_vec_release(&events);
}

/* Writes prison/prisoners.csv, contacts.csv (with their truth rows),
 * movements.csv and establishments.csv. */
void world_prison_write(struct world *w)
{
	struct world_rng r;
	struct world_file *f = &w->files[WF_ESTABLISHMENTS];

	world_rng_seed(&r, w->opt->seed, STREAM_NOISE_PRISON);
	for (size_t k = 0; k < w->prisoners.len; k++)
		write_prisoner(w, &r, (uint32_t)k + 1, &w->prisoners.items[k]);
	world_rng_seed(&r, w->opt->seed, STREAM_NOISE_CONTACTS);
	write_contacts(w, &r);
	write_movements(w);
	for (int e = 0; e < WORLD_ESTABLISHMENTS; e++) {
		wf_field(f, world_establishments[e].code);
		wf_field(f, world_establishments[e].name);
		wf_field(f, world_establishments[e].wings);
		wf_end(f);
	}
}
