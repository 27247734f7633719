/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_probation.c - the probation export of the synthetic world (ingest
 * layer): offenders and supervision periods.
 *
 * The Probation Service (agency PROB, system nDelius) holds everyone
 * released on licence and everyone given a community order or a suspended
 * sentence. It writes names in title case in three columns, dates as
 * DD-MON-YYYY ("03-JAN-1985"), the PNC ID in the long form and the prison
 * number when it knows them (each missing at the missing_id rate), the
 * current address in three columns and often the previous postcode. A
 * duplicate offender record is a second CRN that took over the case from
 * the second supervision period on.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const period_types[] = { "Licence", "Community Order",
					    "Suspended Sentence" };

/* Writes offender `record` (and its truth and noise rows). */
static void write_offender(struct world *w, struct world_rng *r, uint32_t record,
			   const struct world_rec *rec)
{
	struct world_file *f = &w->files[WF_OFFENDERS];
	const struct world_person *p = &w->people[rec->person];
	struct world_view v;
	struct world_str crn, s;

	ws_reset(&crn);
	world_crn(w, record, &crn);
	world_noise_view(w, r, rec->person, "PROB", crn.b, rec->dup, &v);
	wf_ws(f, &crn);
	wf_field(f, v.forename);
	wf_field(f, v.middle);
	wf_field(f, v.surname);
	wf_date(f, v.dob, DATE_DMON);
	wf_field(f, p->sex ? "Female" : "Male");
	ws_reset(&s);
	if ((p->flags & PF_PNC) && !world_noise_missing(w, r, "PROB", crn.b, "pnc"))
		world_pnc(p, false, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if (p->prisoner && !world_noise_missing(w, r, "PROB", crn.b, "noms"))
		world_prison_number(w, p->prisoner, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	world_address_line(w, v.addr, &s);
	wf_ws(f, &s);
	wf_field(f, world_town_of(w, v.addr)->name);
	ws_reset(&s);
	world_postcode(w, v.addr, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if (!v.stale && world_rng_chance(r, 0.6))
		world_postcode(w, &p->prev, &s);
	wf_ws(f, &s);
	wf_end(f);
}

/* Ascending order of packed 64-bit sort keys. */
static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Periods by offender record and start day; the periods after a person's
 * first go to the duplicate record when there is one. */
static void write_supervision(struct world *w)
{
	struct world_file *f = &w->files[WF_SUPERVISION];
	size_t n = w->periods.len;
	uint64_t *order = cg_xcalloc(n ? n : 1, sizeof(uint64_t));
	uint32_t last_person = UINT32_MAX;

	CG_ASSERT(n < ((size_t)1 << 25) && w->offenders.len < ((size_t)1 << 23));
	for (size_t k = 0; k < n; k++) {
		const struct world_period *pd = &w->periods.items[k];
		uint64_t off = w->people[pd->person].offender;
		order[k] = off << 41 | (uint64_t)(uint16_t)pd->start << 25 | k;
	}
	qsort(order, n, sizeof(uint64_t), cmp_u64);
	for (size_t k = 0; k < n; k++) {
		const struct world_period *pd = &w->periods.items[order[k] & ((1u << 25) - 1)];
		const struct world_person *p = &w->people[pd->person];
		bool later = pd->person == last_person;
		struct world_str crn;
		last_person = pd->person;
		wf_ref(f, "E", k + 1, 7);
		ws_reset(&crn);
		world_crn(w, later && p->offender_dup ? p->offender_dup : p->offender, &crn);
		wf_ws(f, &crn);
		wf_date(f, pd->start, DATE_DMON);
		if (pd->end > w->today)
			wf_empty(f);
		else
			wf_date(f, pd->end, DATE_DMON);
		wf_field(f, period_types[pd->type]);
		wf_field(f, world_town_of(w, &p->addr)->office);
		wf_end(f);
	}
	free(order);
}

/* Writes probation/offenders.csv (with their truth rows) and
 * probation/supervision.csv. */
void world_probation_write(struct world *w)
{
	struct world_rng r;

	world_rng_seed(&r, w->opt->seed, STREAM_NOISE_PROBATION);
	for (size_t k = 0; k < w->offenders.len; k++)
		write_offender(w, &r, (uint32_t)k + 1, &w->offenders.items[k]);
	write_supervision(w);
}
