/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_intel.c - intelligence reports of the synthetic world (ingest
 * layer): police/intelligence.csv.
 *
 * Reports are mostly about group members (principals most of all), dated
 * after they joined, with one to three subjects from the group, graded
 * 3x5x2 (source evaluation 1-3, intelligence assessment A-E, handling code
 * P or C with conditions). The text follows the group's activities and
 * names the subjects the police way ("SMITH John"), their numbers, places
 * and rival groups; reports about a member in custody on the day speak of
 * an illicit phone inside. Texts hold commas, double quotes and, in one
 * report in six, a line break, as free text does. A few reports are about
 * other nominals.
 */
#include <string.h>

#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const drugs[] = { "crack cocaine", "heroin", "cocaine",
				     "cannabis", "ketamine", "MDMA" };
static const char *const county_towns[] = {
	"Shrewsbury", "Hereford", "Aberystwyth", "Stoke-on-Trent", "Gloucester",
	"Llandudno", "Kidderminster", "Swansea", "Ludlow", "Newtown",
};
static const char *const businesses[] = {
	"a hand car wash", "a barber's shop", "a takeaway", "a vape shop",
	"a mini-market", "a phone repair shop",
};
static const char *const cars[] = { "black Audi A3", "grey BMW 3 Series",
				    "white Mercedes van", "silver VW Golf",
				    "blue Ford Transit" };

#define PICK(r, a) ((a)[world_rng_below((r), sizeof(a) / sizeof((a)[0]))])

/* "SMITH John" */
static void subject_name(const struct world *w, uint32_t i, struct world_str *out)
{
	struct world_str s;
	ws_reset(&s);
	world_full_surname(w, &w->people[i], &s);
	ws_upper(out, s.b);
	ws_addc(out, ' ');
	ws_add(out, world_forename(w, &w->people[i]));
}

/* The establishment holding person i on `day`, or -1. */
static int in_custody(const struct world *w, uint32_t i, int32_t day)
{
	const struct world_person *p = &w->people[i];
	for (uint32_t k = 0; k < p->nstays && p->first_stay >= 0; k++) {
		const struct world_stay *s = &w->stays.items[p->first_stay + (int32_t)k];
		if (s->from <= day && s->to > day)
			return s->est;
	}
	return -1;
}

/*
 * What the reports say, one text per activity (indexed as
 * world_activity_names), then the text about a member in custody and the
 * one about a nominal outside any group. report_text fills the slots:
 *   {s1} {s2}      the first and second subject, "SMITH John" (s2 may be
 *                  "an unknown male");
 *   {forename}     the first subject's forename;
 *   {town} {locality} {district}
 *                  the first subject's town, a locality in it and the
 *                  district code of their address;
 *   {phone}        a group phone or the first subject's own;
 *   {prison}       the establishment holding the first subject;
 *   {rival}        the group's first rival, or "another group";
 *   {he}           "he" or "she";
 *   {county_town} {business} {drug}
 *                  one drawn from its list;
 *   {thousands}    a number drawn from 5..94.
 * Slots are filled from left to right, so the draws come in text order.
 */
static const char *const activity_text[ACTIVITY_COUNT] = {
	"{s1} is supplying {drug} in the {locality} area of {town}, taking orders "
	"on {phone}, with {s2} delivering.",
	"{s1} and {s2} are running a county line, the \"{forename}\" line, from "
	"{town} to {county_town}; young people from {locality} carry the drugs, "
	"and the line phone is {phone}.",
	"{s1} has access to a firearm, believed to be a handgun, kept at an "
	"address in {district}. {s1} has said \"nobody touches us\".",
	"{s1} is laundering cash through {business} in {town}; \xc2\xa3{thousands},000 "
	"was moved last month, some of it to {s2}.",
	"{s1} is committing bank fraud with {s2}, using accounts opened in other "
	"people's names.",
	"{s1} and {s2} are stealing high-value cars, mainly Range Rovers, and "
	"taking them to a unit in {town}.",
	"{s1} is housing workers at an address in {locality} who are made to work "
	"without pay; they are told they are \"paying off a debt\".",
	"{s1} is in dispute with {rival} over territory; violence is expected, and "
	"{s1} was heard saying \"it ends this week\".",
	"{s1} is running a cannabis grow at a house in {locality}, with the "
	"electricity bypassed.",
};
static const char custody_text[] =
	"Whilst in custody at {prison}, {s1} has been using an illicit mobile "
	"phone, {phone}, to contact {s2} and direct the group's business outside.";
static const char no_group_text[] =
	"{s1} has been seen in the company of known drug users in {town}, and was "
	"stopped with a large amount of cash, which {he} said was \"for a car\".";

/* What report_text knows when it fills a text's slots. */
struct text_slots {
	const struct world_person *p; /* the first subject */
	const struct world_town *town;
	const char *locality;
	const char *s1, *s2, *phone;
	int est;                      /* establishment holding p, or -1 */
	int32_t g;                    /* the group, or -1 */
};

/* Appends `text` to t with its {slots} filled from `v` (see
 * activity_text). An unknown slot is a bug in the texts above. */
static void fill_text(struct world *w, struct world_rng *r, const char *text,
		      const struct text_slots *v, struct world_str *t)
{
	const char *open;

	while ((open = strchr(text, '{'))) {
		const char *close = strchr(open, '}');
		char name[16];
		size_t len;

		CG_ASSERT(close && (size_t)(close - open) <= sizeof(name));
		ws_addn(t, text, (size_t)(open - text));
		len = (size_t)(close - open - 1);
		memcpy(name, open + 1, len);
		name[len] = '\0';
		text = close + 1;
		if (!strcmp(name, "s1"))
			ws_add(t, v->s1);
		else if (!strcmp(name, "s2"))
			ws_add(t, v->s2);
		else if (!strcmp(name, "forename"))
			ws_add(t, world_forename(w, v->p));
		else if (!strcmp(name, "town"))
			ws_add(t, v->town->name);
		else if (!strcmp(name, "locality"))
			ws_add(t, v->locality);
		else if (!strcmp(name, "district"))
			ws_add(t, w->data.districts[v->p->addr.district].code);
		else if (!strcmp(name, "phone"))
			ws_add(t, v->phone);
		else if (!strcmp(name, "prison"))
			ws_add(t, world_establishments[v->est].name);
		else if (!strcmp(name, "rival"))
			ws_add(t, w->ocgs.items[v->g].nrivals ?
				  world_ocg_name(w, (uint32_t)w->ocgs.items[v->g].rivals[0]) :
				  "another group");
		else if (!strcmp(name, "he"))
			ws_add(t, v->p->sex ? "she" : "he");
		else if (!strcmp(name, "county_town"))
			ws_add(t, PICK(r, county_towns));
		else if (!strcmp(name, "business"))
			ws_add(t, PICK(r, businesses));
		else if (!strcmp(name, "drug"))
			ws_add(t, PICK(r, drugs));
		else { /* an unknown slot is a bug in the texts */
			CG_ASSERT(!strcmp(name, "thousands"));
			ws_uint(t, 5 + world_rng_below(r, 90), 1);
		}
	}
	ws_add(t, text);
}

/* The text of a report about subjects[0..n-1] of group g (or -1). */
static void report_text(struct world *w, struct world_rng *r, const uint32_t *subj,
			uint32_t n, int32_t g, int32_t day, struct world_str *t)
{
	const struct world_person *p = &w->people[subj[0]];
	const struct world_town *town = world_town_of(w, &p->addr);
	const char *locality = w->data.localities[town->first_locality +
						  world_rng_below(r, town->nlocalities)];
	struct world_str s1, s2, phone;
	struct text_slots v;
	uint32_t act = 0;

	ws_reset(&s1);
	subject_name(w, subj[0], &s1);
	ws_reset(&s2);
	if (n > 1)
		subject_name(w, subj[1], &s2);
	else
		ws_add(&s2, "an unknown male");
	ws_reset(&phone);
	if (g >= 0 && w->ocgs.items[g].nphones && world_rng_chance(r, 0.5))
		world_phone_shared(w, w->ocgs.items[g].first_phone, &phone);
	else
		world_phone_personal(w, subj[0], &phone);
	if (g >= 0) {
		uint16_t mask = w->ocgs.items[g].activities;
		do
			act = world_rng_below(r, ACTIVITY_COUNT);
		while (!(mask & (1u << act)));
	}

	v = (struct text_slots){ .p = p, .town = town, .locality = locality,
				 .s1 = s1.b, .s2 = s2.b, .phone = phone.b,
				 .est = in_custody(w, subj[0], day), .g = g };
	fill_text(w, r, v.est >= 0 ? custody_text :
			g < 0 ? no_group_text : activity_text[act], &v, t);
	if (world_rng_chance(r, 0.17)) {
		const char *nick = world_nickname(w, r, p->sex, p->forename);
		ws_add(t, "\nThe source adds that ");
		ws_add(t, s1.b);
		if (nick) {
			ws_add(t, ", known as \"");
			ws_add(t, nick);
			ws_add(t, "\",");
		}
		ws_add(t, " drives a ");
		ws_add(t, PICK(r, cars));
		ws_add(t, ".");
	}
}

/* Writes one report about subjects[0..n-1] of group g (or -1). */
static void report(struct world *w, struct world_rng *r, const uint32_t *subj,
		   uint32_t n, int32_t g, int32_t day)
{
	struct world_file *f = &w->files[WF_INTELLIGENCE];
	static const char *const conditions[] = { "type:prison,type:probation",
						  "type:prison", "agency:HMPPS" };
	struct world_str s;
	double u;

	wf_ref(f, "WMP-IR-", ++w->next_intel, 6);
	wf_date(f, day, DATE_DMY);
	u = world_rng_unit(r);
	wf_field(f, u < 0.25 ? "1" : u < 0.85 ? "2" : "3");
	u = world_rng_unit(r);
	wf_field(f, u < 0.10 ? "A" : u < 0.45 ? "B" : u < 0.85 ? "C" : u < 0.97 ? "D" : "E");
	if (world_rng_chance(r, 0.2)) {
		wf_field(f, "C");
		wf_field(f, PICK(r, conditions));
	} else {
		wf_field(f, "P");
		wf_empty(f);
	}
	u = world_rng_unit(r);
	wf_field(f, u < 0.15 ? "SECRET" : u < 0.85 ? "OFFICIAL-SENSITIVE" : "OFFICIAL");
	ws_reset(&s);
	for (uint32_t k = 0; k < n; k++) {
		const struct world_person *p = &w->people[subj[k]];
		if (k)
			ws_addc(&s, ';');
		world_nominal_ref(p->nominal_dup && world_rng_chance(r, 0.3) ?
				  p->nominal_dup : p->nominal, &s);
	}
	wf_ws(f, &s);
	ws_reset(&s);
	report_text(w, r, subj, n, g, day, &s);
	wf_ws(f, &s);
	wf_end(f);
}

/* Writes police/intelligence.csv. Needs the nominals numbered. */
void world_intel_generate(struct world *w)
{
	struct world_rng r;
	int32_t earliest = world_day(2012, 1, 1);

	world_rng_seed(&r, w->opt->seed, STREAM_INTEL);
	for (uint32_t g = 0; g < w->ocgs.len; g++) {
		const struct world_ocg *o = &w->ocgs.items[g];
		const uint32_t *m = w->members.items + o->first_member;
		for (uint32_t k = 0; k < o->nmembers; k++) {
			const struct world_person *p = &w->people[m[k]];
			uint32_t count = p->role == ROLE_PRINCIPAL ? 2 + world_rng_below(&r, 4) :
					 p->role == ROLE_SIGNIFICANT ? 1 + world_rng_below(&r, 3) :
					 world_rng_below(&r, 3);
			if (!p->nominal)
				continue;
			for (uint32_t c = 0; c < count; c++) {
				uint32_t subj[3] = { m[k], 0, 0 }, n = 1;
				int32_t day = world_rng_day(&r, p->joined > earliest ? p->joined
									: earliest, w->today);
				for (uint32_t e = world_rng_below(&r, 3); e > 0; e--) {
					uint32_t x = m[world_rng_below(&r, o->nmembers)];
					bool again = false;
					for (uint32_t j = 0; j < n; j++)
						again |= subj[j] == x;
					if (!again && w->people[x].nominal &&
					    w->people[x].joined <= day)
						subj[n++] = x;
				}
				report(w, &r, subj, n, (int32_t)g, day);
			}
		}
	}
	for (size_t k = 0; k < w->nominals.len; k++) {
		const struct world_rec *rec = &w->nominals.items[k];
		if (rec->dup || w->people[rec->person].ocg >= 0 ||
		    !world_rng_chance(&r, 0.08))
			continue;
		report(w, &r, &rec->person, 1, -1, world_rng_day(&r, earliest, w->today));
	}
}
