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

/* The text of a report about subjects[0..n-1] of group g (or -1). */
static void report_text(struct world *w, struct world_rng *r, const uint32_t *subj,
			uint32_t n, int32_t g, int32_t day, struct world_str *t)
{
	const struct world_person *p = &w->people[subj[0]];
	const struct world_town *town = world_town_of(w, &p->addr);
	const char *locality = w->data.localities[town->first_locality +
						  world_rng_below(r, town->nlocalities)];
	struct world_str s1, s2, phone;
	int est = in_custody(w, subj[0], day);
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

	if (est >= 0) {
		ws_add(t, "Whilst in custody at ");
		ws_add(t, world_establishments[est].name);
		ws_add(t, ", ");
		ws_add(t, s1.b);
		ws_add(t, " has been using an illicit mobile phone, ");
		ws_add(t, phone.b);
		ws_add(t, ", to contact ");
		ws_add(t, s2.b);
		ws_add(t, " and direct the group's business outside.");
	} else if (g < 0) {
		ws_add(t, s1.b);
		ws_add(t, " has been seen in the company of known drug users in ");
		ws_add(t, town->name);
		ws_add(t, ", and was stopped with a large amount of cash, which ");
		ws_add(t, p->sex ? "she" : "he");
		ws_add(t, " said was \"for a car\".");
	} else switch (act) {
	case 1:
		ws_add(t, s1.b);
		ws_add(t, " and ");
		ws_add(t, s2.b);
		ws_add(t, " are running a county line, the \"");
		ws_add(t, world_forename(w, p));
		ws_add(t, "\" line, from ");
		ws_add(t, town->name);
		ws_add(t, " to ");
		ws_add(t, PICK(r, county_towns));
		ws_add(t, "; young people from ");
		ws_add(t, locality);
		ws_add(t, " carry the drugs, and the line phone is ");
		ws_add(t, phone.b);
		ws_add(t, ".");
		break;
	case 2:
		ws_add(t, s1.b);
		ws_add(t, " has access to a firearm, believed to be a handgun, kept at an address in ");
		ws_add(t, w->data.districts[p->addr.district].code);
		ws_add(t, ". ");
		ws_add(t, s1.b);
		ws_add(t, " has said \"nobody touches us\".");
		break;
	case 3:
		ws_add(t, s1.b);
		ws_add(t, " is laundering cash through ");
		ws_add(t, PICK(r, businesses));
		ws_add(t, " in ");
		ws_add(t, town->name);
		ws_add(t, "; \xc2\xa3");
		ws_uint(t, 5 + world_rng_below(r, 90), 1);
		ws_add(t, ",000 was moved last month, some of it to ");
		ws_add(t, s2.b);
		ws_add(t, ".");
		break;
	case 4:
		ws_add(t, s1.b);
		ws_add(t, " is committing bank fraud with ");
		ws_add(t, s2.b);
		ws_add(t, ", using accounts opened in other people's names.");
		break;
	case 5:
		ws_add(t, s1.b);
		ws_add(t, " and ");
		ws_add(t, s2.b);
		ws_add(t, " are stealing high-value cars, mainly Range Rovers, and "
			  "taking them to a unit in ");
		ws_add(t, town->name);
		ws_add(t, ".");
		break;
	case 6:
		ws_add(t, s1.b);
		ws_add(t, " is housing workers at an address in ");
		ws_add(t, locality);
		ws_add(t, " who are made to work without pay; they are told they are "
			  "\"paying off a debt\".");
		break;
	case 7:
		ws_add(t, s1.b);
		ws_add(t, " is in dispute with ");
		if (w->ocgs.items[g].nrivals)
			ws_add(t, world_ocg_name(w, (uint32_t)w->ocgs.items[g].rivals[0]));
		else
			ws_add(t, "another group");
		ws_add(t, " over territory; violence is expected, and ");
		ws_add(t, s1.b);
		ws_add(t, " was heard saying \"it ends this week\".");
		break;
	case 8:
		ws_add(t, s1.b);
		ws_add(t, " is running a cannabis grow at a house in ");
		ws_add(t, locality);
		ws_add(t, ", with the electricity bypassed.");
		break;
	default:
		ws_add(t, s1.b);
		ws_add(t, " is supplying ");
		ws_add(t, PICK(r, drugs));
		ws_add(t, " in the ");
		ws_add(t, locality);
		ws_add(t, " area of ");
		ws_add(t, town->name);
		ws_add(t, ", taking orders on ");
		ws_add(t, phone.b);
		ws_add(t, ", with ");
		ws_add(t, s2.b);
		ws_add(t, " delivering.");
		break;
	}
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
