/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_truth.c - the truth files of the synthetic world that are not
 * written on the way by another phase (ingest layer): truth/people.csv,
 * truth/ocgs.csv and the personal numbers of truth/phones.csv.
 *
 * (truth/records.csv and truth/noise.csv are written with each exported
 * record, truth/links.csv with each link, truth/patterns.csv by
 * world_patterns.c and the shared numbers of truth/phones.csv by
 * world_links.c.) The importer never reads truth/: tests and benchmarks
 * score linking and analysis against it.
 */
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const role_names[] = { "", "principal", "significant", "peripheral" };

/* Writes person i's row of truth/people.csv. */
static void write_person(struct world *w, uint32_t i)
{
	struct world_file *f = &w->files[WF_T_PEOPLE];
	const struct world_person *p = &w->people[i];
	struct world_str s;

	ws_reset(&s);
	world_person_id(i, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	ws_add(&s, world_forename(w, p));
	if (p->middle != WORLD_NONE) {
		ws_addc(&s, ' ');
		ws_add(&s, world_middle(w, p));
	}
	wf_ws(f, &s);
	ws_reset(&s);
	world_full_surname(w, p, &s);
	wf_ws(f, &s);
	wf_field(f, p->sex ? "F" : "M");
	wf_date(f, p->dob, DATE_ISO);
	ws_reset(&s);
	world_postcode(w, &p->addr, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if (p->ocg >= 0)
		world_ocg_id((uint32_t)p->ocg, &s);
	wf_ws(f, &s);
	wf_field(f, role_names[p->role]);
	wf_end(f);
}

/* Appends group ids separated by ';'. */
static void group_list(const int32_t *ids, uint8_t n, struct world_str *out)
{
	for (uint8_t k = 0; k < n; k++) {
		if (k)
			ws_addc(out, ';');
		world_ocg_id((uint32_t)ids[k], out);
	}
}

/* Writes group g's row of truth/ocgs.csv. */
static void write_ocg(struct world *w, uint32_t g)
{
	struct world_file *f = &w->files[WF_T_OCGS];
	const struct world_ocg *o = &w->ocgs.items[g];
	struct world_str s;

	ws_reset(&s);
	world_ocg_id(g, &s);
	wf_ws(f, &s);
	wf_field(f, world_ocg_name(w, g));
	ws_reset(&s);
	world_ocg_activities(o, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	group_list(o->rivals, o->nrivals, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	group_list(o->allies, o->nallies, &s);
	wf_ws(f, &s);
	wf_end(f);
}

/* Writes truth/people.csv, truth/ocgs.csv and the personal numbers that
 * were called from prison. Run after world_events_generate. */
void world_truth_write(struct world *w)
{
	struct world_file *phones = &w->files[WF_T_PHONES];

	for (uint32_t i = 0; i < w->n; i++)
		write_person(w, i);
	for (uint32_t g = 0; g < w->ocgs.len; g++)
		write_ocg(w, g);
	for (uint32_t i = 0; i < w->n; i++) {
		struct world_str s;
		if (!(w->people[i].flags & PF_DIALLED))
			continue;
		ws_reset(&s);
		world_phone_personal(w, i, &s);
		wf_ws(phones, &s);
		ws_reset(&s);
		world_person_id(i, &s);
		wf_ws(phones, &s);
		wf_field(phones, "personal");
		wf_end(phones);
	}
}
