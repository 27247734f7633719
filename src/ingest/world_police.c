/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_police.c - the police export of the synthetic world: nominals and
 * the police's OCG mapping (ingest layer; the associations are written by
 * world_links.c and the intelligence by world_intel.c).
 *
 * West Midlands Police (agency WMP, system PNC) write surnames in upper
 * case, forenames in title case, dates as DD/MM/YYYY, PNC IDs in the long
 * form. A tenth of nominals (the alias rate) carry aliases as "SURNAME,
 * Forenames" separated by ';': a short form of the forename, another
 * surname, or a different name altogether. A duplicate nominal was made
 * when the person was not matched to their PNC record, so it carries no
 * PNC ID or CRO number (noted as missing_id:pnc). Group members' records are
 * more often OFFICIAL-SENSITIVE or SECRET, and some records may only be
 * shared on conditions (handling code C).
 *
 * The police map nine groups in ten that have at least two nominals, and
 * list nine in ten of those members, under their own group numbers and
 * sometimes with a role one step off the truth.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const conditions[] = {
	"type:prison,type:probation", "type:prison", "type:probation",
	"agency:HMPPS", "agency:PROB",
};

static const char *const roles[] = { "", "principal", "significant", "peripheral" };

/* Classification and handling of a record about person p. */
static void grading(struct world_rng *r, const struct world_person *p,
		    struct world_file *f)
{
	double u = world_rng_unit(r);
	const char *cls;
	if (p->role == ROLE_PRINCIPAL)
		cls = u < 0.3 ? "SECRET" : u < 0.9 ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
	else if (p->ocg >= 0)
		cls = u < 0.05 ? "SECRET" : u < 0.6 ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
	else
		cls = u < 0.15 ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
	wf_field(f, cls);
	if (world_rng_chance(r, p->ocg >= 0 ? 0.25 : 0.08)) {
		wf_field(f, "C");
		wf_field(f, conditions[world_rng_below(r, sizeof(conditions) / sizeof(conditions[0]))]);
	} else {
		wf_field(f, "P");
		wf_empty(f);
	}
}

/* One alias "SURNAME, Forename" of person p. */
static void alias(struct world *w, struct world_rng *r, const struct world_person *p,
		  const struct world_view *v, struct world_str *out)
{
	uint32_t how = world_rng_below(r, 3);
	const struct world_name_list *fl = p->sex ? &w->data.female : &w->data.male;
	const char *nick = world_nickname(w, r, p->sex, p->forename);

	if (how == 0 && nick) {
		ws_upper(out, v->surname);
		ws_add(out, ", ");
		ws_add(out, nick);
	} else if (how <= 1) {
		ws_upper(out, w->data.surnames.names[world_sample(
			&w->data.surnames.by_origin[p->origin], r)].text);
		ws_add(out, ", ");
		ws_add(out, v->forename);
	} else {
		ws_upper(out, w->data.surnames.names[world_sample(
			&w->data.surnames.by_origin[p->origin], r)].text);
		ws_add(out, ", ");
		ws_add(out, fl->names[world_sample(&fl->by_origin[p->origin], r)].text);
	}
}

/* Writes nominal `record` (and its truth and noise rows). */
static void write_nominal(struct world *w, struct world_rng *r, uint32_t record,
			  const struct world_rec *rec)
{
	struct world_file *f = &w->files[WF_NOMINALS];
	const struct world_person *p = &w->people[rec->person];
	struct world_view v;
	struct world_str ref, s;

	ws_reset(&ref);
	world_nominal_ref(record, &ref);
	world_noise_view(w, r, rec->person, "WMP", ref.b, rec->dup, &v);
	wf_ws(f, &ref);
	ws_reset(&s);
	if ((p->flags & PF_PNC) && rec->dup)
		world_noise_note(w, "WMP", ref.b, "missing_id:pnc");
	else if (p->flags & PF_PNC)
		world_pnc(p, false, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if ((p->flags & PF_CRO) && !rec->dup)
		world_cro(p, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	ws_upper(&s, v.surname);
	wf_ws(f, &s);
	ws_reset(&s);
	ws_add(&s, v.forename);
	if (v.middle[0]) {
		ws_addc(&s, ' ');
		ws_add(&s, v.middle);
	}
	wf_ws(f, &s);
	wf_date(f, v.dob, DATE_DMY);
	wf_field(f, p->sex ? "F" : "M");
	ws_reset(&s);
	world_address_line(w, v.addr, &s);
	ws_add(&s, ", ");
	ws_add(&s, world_town_of(w, v.addr)->name);
	wf_ws(f, &s);
	ws_reset(&s);
	world_postcode(w, v.addr, &s);
	wf_ws(f, &s);
	ws_reset(&s);
	if (world_rng_chance(r, w->opt->noise.alias)) {
		uint32_t count = 1 + world_rng_chance(r, 0.3);
		for (uint32_t k = 0; k < count; k++) {
			if (k)
				ws_addc(&s, ';');
			alias(w, r, p, &v, &s);
		}
		world_noise_note(w, "WMP", ref.b, "alias");
	}
	wf_ws(f, &s);
	grading(r, p, f);
	wf_end(f);
}

/* "drug_supply;firearms" */
static void activities(const struct world_ocg *o, struct world_str *out)
{
	bool first = true;
	for (int a = 0; a < ACTIVITY_COUNT; a++) {
		if (!(o->activities & (1u << a)))
			continue;
		if (!first)
			ws_addc(out, ';');
		ws_add(out, world_activity_names[a]);
		first = false;
	}
}

/* Numbers the groups the police map and writes their members. */
static void write_ocg_members(struct world *w, struct world_rng *r)
{
	struct world_file *f = &w->files[WF_OCG_MEMBERS];
	uint32_t n = (uint32_t)w->ocgs.len, known = 0;
	uint32_t *order = cg_xcalloc(n ? n : 1, sizeof(uint32_t));

	for (uint32_t g = 0; g < n; g++) {
		const struct world_ocg *o = &w->ocgs.items[g];
		uint32_t nominals = 0;
		for (uint32_t k = 0; k < o->nmembers; k++)
			nominals += w->people[w->members.items[o->first_member + k]].nominal != 0;
		if (world_rng_chance(r, 0.9) && nominals >= 2)
			order[known++] = g;
	}
	world_rng_shuffle(r, order, known);
	for (uint32_t k = 0; k < known; k++)
		w->ocgs.items[order[k]].police_no = k + 1;
	for (uint32_t k = 0; k < known; k++) {
		const struct world_ocg *o = &w->ocgs.items[order[k]];
		struct world_str act, ref;
		ws_reset(&act);
		activities(o, &act);
		for (uint32_t j = 0; j < o->nmembers; j++) {
			uint32_t i = w->members.items[o->first_member + j];
			const struct world_person *p = &w->people[i];
			uint8_t role = p->role;
			if (!p->nominal || !world_rng_chance(r, 0.9))
				continue;
			if (world_rng_chance(r, 0.1))
				role = role == ROLE_PERIPHERAL ? ROLE_SIGNIFICANT
				       : role == ROLE_SIGNIFICANT ? ROLE_PERIPHERAL : role;
			wf_ref(f, "WMP-OCG-", o->police_no, 4);
			wf_field(f, world_ocg_name(w, order[k]));
			wf_ws(f, &act);
			ws_reset(&ref);
			world_nominal_ref(p->nominal, &ref);
			wf_ws(f, &ref);
			wf_field(f, roles[role]);
			wf_end(f);
		}
	}
	free(order);
}

void world_ocg_activities(const struct world_ocg *o, struct world_str *out)
{
	activities(o, out);
}

/* Writes police/nominals.csv (with their truth rows) and
 * police/ocg_members.csv. */
void world_police_write(struct world *w)
{
	struct world_rng r;

	world_rng_seed(&r, w->opt->seed, STREAM_NOISE_POLICE);
	for (size_t k = 0; k < w->nominals.len; k++)
		write_nominal(w, &r, (uint32_t)k + 1, &w->nominals.items[k]);
	write_ocg_members(w, &r);
}
