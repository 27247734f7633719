/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_score.c - unit tests for risk/score: a small case computed by hand
 * gives the exact points, items, score and tier; windows, grading (E counts
 * nothing), whole-word terms, network measures, group scores, and the same
 * input always giving the same result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "risk/score.h"

#define POLICY                                                                 \
	"name = test\n[tiers]\nhigh = 20\nmedium = 10\n"                           \
	"[grading]\nsource.1 = 1\nsource.2 = 0.6\nsource.3 = 0.3\n"                \
	"assessment.A = 1\nassessment.B = 0.8\nassessment.C = 0.6\n"               \
	"assessment.D = 0.3\nassessment.E = 0\n"                                   \
	"[factor role]\nmeasure = ocg_role\nvalues = principal:10, significant:6, peripheral:2\n" \
	"weight = 1\ncap = 10\ndescription = role\n"                               \
	"[factor weapons]\nmeasure = intel_terms\nterms = knife, firearm\n"        \
	"weight = 5\ncap = 8\nwindow = 365\ndescription = weapons\n"               \
	"[factor volume]\nmeasure = intel_volume\nweight = 2\ncap = 3\nwindow = 365\n" \
	"description = volume\n"                                                   \
	"[factor release]\nmeasure = release\nweight = 4\ncap = 4\nwindow = 30\n"  \
	"description = release\n"                                                  \
	"[factor links]\nmeasure = ocg_links\nweight = 3\ncap = 9\nwindow = 0\n"   \
	"description = links\n"                                                    \
	"[factor broker]\nmeasure = brokerage\nweight = 1\ncap = 5\nwindow = 0\n"  \
	"description = broker\n"                                                   \
	"[factor recruit]\nmeasure = recruitment\nweight = 2\ncap = 6\nwindow = 365\n" \
	"description = recruit\n"                                                  \
	"[group]\ntop_members = 2\nactivities = firearms:5\nactivity_cap = 5\n"    \
	"high = 20\nmedium = 10\n"

enum { ROLE, WEAPONS, VOLUME, RELEASE, LINKS, BROKER, RECRUIT };

#define AS_OF 20000 /* days since 1970 */

static struct cg_policy policy;

/* Three persons, two groups:
 *  0: principal of group 0 (firearms); reports: 1A "knife" 10 days ago,
 *     2B "Firearm." 100 days ago, 1A "knife" 400 days ago (outside the
 *     window), 3E "knife" (counts nothing), 2C "knifed" (not the word);
 *     released 5 days ago.
 *  1: peripheral of group 0 since 50 days ago, associated with 0 from 80
 *     days ago (a recruit of 0's).
 *  2: member of group 1, associated with 0 (undated). */
static struct risk_membership mem[] = {
	{ 101, 0, RISK_PRINCIPAL, RISK_DAY_MIN, RISK_DAY_MAX },
	{ 102, 0, RISK_PERIPHERAL, AS_OF - 50, RISK_DAY_MAX },
	{ 103, 1, RISK_SIGNIFICANT, RISK_DAY_MIN, RISK_DAY_MAX },
};
static struct risk_intel intel[5];
static struct risk_event events[] = { { 301, RISK_EVENT_RELEASE, AS_OF - 5, 0 } };
static struct risk_assoc assoc[] = {
	{ 401, 1, AS_OF - 80 },   /* 0 - 1 */
	{ 402, 2, RISK_DAY_MIN }, /* 0 - 2 */
	{ 401, 0, AS_OF - 80 },   /* 1 - 0 */
	{ 402, 0, RISK_DAY_MIN }, /* 2 - 0 */
};
static int64_t person_ids[] = { 1, 2, 3 };
static size_t mem_at[] = { 0, 1, 2, 3 }, intel_at[] = { 0, 5, 5, 5 },
	      event_at[] = { 0, 1, 1, 1 }, assoc_at[] = { 0, 2, 3, 4 };
static struct risk_ocg ocgs[2] = { { .id = 11 }, { .id = 12 } };
static struct risk_data data = { 3, person_ids, mem_at, intel_at, event_at, assoc_at,
				 mem, intel, events, assoc, 2, ocgs };

static int setup(void **state)
{
	const char *texts[] = { "Seen with a knife on Monday", "Has a Firearm.",
				"Old: carried a knife", "Malicious: knife", "He knifed nobody" };
	const char grades[][2] = { { '1', 'A' }, { '2', 'B' }, { '1', 'A' }, { '3', 'E' },
				   { '2', 'C' } };
	const int32_t days[] = { AS_OF - 10, AS_OF - 100, AS_OF - 400, AS_OF - 1, AS_OF - 2 };
	struct cg_error err = CG_ERROR_INIT;
	(void)state;
	assert_int_equal(cg_policy_parse(POLICY, strlen(POLICY), "t", &policy, &err), CG_OK);
	for (int i = 0; i < 5; i++)
		intel[i] = (struct risk_intel){
			201 + i, cg_policy_grading_weight(&policy, grades[i][0], grades[i][1]),
			days[i], risk_text_terms(&policy, CG_MEASURE_INTEL_TERMS, texts[i])
		};
	ocgs[0].acts[CG_POLICY_MAX_FACTORS] = 1; /* firearms */
	return 0;
}

static double item_points(const struct risk_result *r, uint32_t factor, int64_t id)
{
	for (size_t k = 0; k < r->items.len; k++)
		if (r->items.items[k].factor == factor && r->items.items[k].id == id)
			return r->items.items[k].points;
	return -1;
}

static void hand_computed_case(void **state)
{
	struct risk_result r = { 0 };
	(void)state;
	risk_score_person(&policy, &data, 0, AS_OF, &r);
	/* role: principal 10. weapons: (1 + 0.48) x 5 = 7.4 (cap 8).
	 * volume: the 2C report counts too: (1 + 0.48 + 0.36) x 2 = 3.68, capped
	 * at 3. release: 4. links: group 1 through
	 * association 402: 1 x 3 = 3. broker: groups 0 and 1: 1 pair = 1.
	 * recruit: person 1 joined group 0 below a principal after meeting: 2.
	 * Total 30.4: high. */
	assert_true(fabs(r.points[ROLE] - 10) < 1e-9);
	assert_true(fabs(r.points[WEAPONS] - 7.4) < 1e-9);
	assert_true(fabs(r.points[VOLUME] - 3) < 1e-9);
	assert_true(fabs(r.points[RELEASE] - 4) < 1e-9);
	assert_true(fabs(r.points[LINKS] - 3) < 1e-9);
	assert_true(fabs(r.points[BROKER] - 1) < 1e-9);
	assert_true(fabs(r.points[RECRUIT] - 2) < 1e-9);
	assert_true(fabs(r.score - 30.4) < 1e-9);
	assert_int_equal(r.tier, RISK_HIGH);
	/* Each item's share: the 1A report 5 of weapons, the 2B 2.4. */
	assert_true(fabs(item_points(&r, WEAPONS, 201) - 5.0) < 1e-9);
	assert_true(fabs(item_points(&r, WEAPONS, 202) - 2.4) < 1e-9);
	assert_true(fabs(item_points(&r, VOLUME, 201) - 3 / 1.84) < 1e-9);
	assert_true(item_points(&r, WEAPONS, 203) < 0); /* outside the window */
	assert_true(item_points(&r, VOLUME, 204) < 0);  /* E counts nothing */
	assert_true(item_points(&r, WEAPONS, 205) < 0); /* "knifed" is not "knife" */
	assert_true(fabs(item_points(&r, ROLE, 101) - 10) < 1e-9);
	assert_true(fabs(item_points(&r, RECRUIT, 102) - 2) < 1e-9);
	assert_true(fabs(item_points(&r, LINKS, 402) - 3) < 1e-9);
	double sum = 0;
	for (size_t k = 0; k < r.items.len; k++)
		sum += r.items.items[k].points;
	assert_true(fabs(sum - r.score) < 1e-9);
	risk_result_release(&r);
}

static void others_and_groups(void **state)
{
	struct risk_result r = { 0 };
	double scores[2];
	enum risk_tier band;
	(void)state;
	/* Person 1: peripheral 2; links: none (0's group is their own). */
	risk_score_person(&policy, &data, 1, AS_OF, &r);
	assert_true(fabs(r.score - 2) < 1e-9);
	assert_int_equal(r.tier, RISK_LOW);
	scores[1] = r.score;
	/* Person 2: significant 6; links: group 0 through 402 = 3; broker 1. */
	risk_score_person(&policy, &data, 2, AS_OF, &r);
	assert_true(fabs(r.score - 10) < 1e-9);
	assert_int_equal(r.tier, RISK_MEDIUM);
	/* Before person 1 joined, person 0 recruited nobody and person 1 is
	 * not a member. */
	risk_score_person(&policy, &data, 0, AS_OF - 60, &r);
	assert_true(r.points[RECRUIT] == 0);
	/* The release 5 days before today is 55 days after that date: outside
	 * the 30-day window on both sides. */
	assert_true(r.points[RELEASE] == 0);
	/* Group 0: mean of the top two (30.4, 2) + firearms 5 = 21.2: high. */
	scores[0] = 30.4;
	assert_true(fabs(risk_score_group(&policy, &ocgs[0], scores, 2, &band) - 21.2) < 1e-9);
	assert_int_equal(band, RISK_HIGH);
	risk_result_release(&r);
}

static void same_input_same_result(void **state)
{
	struct risk_result a = { 0 }, b = { 0 };
	(void)state;
	risk_score_person(&policy, &data, 0, AS_OF, &a);
	risk_score_person(&policy, &data, 0, AS_OF, &b);
	assert_true(a.score == b.score);
	assert_int_equal(a.items.len, b.items.len);
	assert_memory_equal(a.items.items, b.items.items, a.items.len * sizeof(*a.items.items));
	risk_result_release(&a);
	risk_result_release(&b);
}

static void terms_are_whole_words(void **state)
{
	(void)state;
	assert_int_equal(risk_text_terms(&policy, CG_MEASURE_INTEL_TERMS, "KNIFE!"), 1u << WEAPONS);
	assert_int_equal(risk_text_terms(&policy, CG_MEASURE_INTEL_TERMS, "penknife"), 0);
	assert_int_equal(risk_text_terms(&policy, CG_MEASURE_INTEL_TERMS, "firearms"), 0);
	assert_int_equal(risk_text_terms(&policy, CG_MEASURE_INTEL_TERMS, ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_computed_case),
		cmocka_unit_test(others_and_groups),
		cmocka_unit_test(same_input_same_result),
		cmocka_unit_test(terms_are_whole_words),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
