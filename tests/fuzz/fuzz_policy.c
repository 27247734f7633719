/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_policy.c - libFuzzer target for the shared risk protocol parser
 * (src/risk/policy.c).
 *
 * Built only with -DCG_FUZZ=ON and clang (tests/fuzz/CMakeLists.txt); run
 * with `make check-fuzz`. Each input is parsed as policy text. A failure
 * must be CG_INVALID with a message "fuzz:LINE: reason" whose line lies
 * within the input; a success must hold what the parser promises (names of
 * a-z, 0-9 and _, counts within their limits, 0 < medium < high, grading
 * within 0..1 with E at 0, caps above 0), and parsing the same bytes again
 * must give the same policy.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz_policy: %s:%d: %s\n", __FILE__,  \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

static struct cg_policy a, b;

static void check_name(const char *s)
{
	CHECK(*s);
	CHECK(strlen(s) < CG_POLICY_NAME_MAX);
	for (; *s; s++)
		CHECK((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == ' ');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_error err = CG_ERROR_INIT;
	const char *text = (const char *)data;
	enum cg_status rc = cg_policy_parse(text, size, "fuzz", &a, &err);

	if (rc != CG_OK) {
		size_t lines = 1;
		long line = 0;
		char *end = NULL;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n';
		CHECK(rc == CG_INVALID && err.code == CG_INVALID);
		CHECK(strncmp(err.message, "fuzz:", 5) == 0);
		line = strtol(err.message + 5, &end, 10);
		CHECK(end && *end == ':' && line >= 1 && (size_t)line <= lines);
		return 0;
	}
	CHECK(a.name[0]);
	CHECK(a.tier_medium > 0 && a.tier_medium < a.tier_high);
	CHECK(a.group_medium > 0 && a.group_medium < a.group_high);
	CHECK(a.group_top_members >= 1 && a.group_activity_cap > 0);
	for (int i = 0; i < 3; i++)
		CHECK(a.source_weight[i] >= 0 && a.source_weight[i] <= 1);
	for (int i = 0; i < 5; i++)
		CHECK(a.assessment_weight[i] >= 0 && a.assessment_weight[i] <= 1);
	CHECK(a.assessment_weight[4] == 0);
	CHECK(a.nfactors >= 1 && a.nfactors <= CG_POLICY_MAX_FACTORS);
	CHECK(a.ngroup_activities <= CG_POLICY_MAX_ITEMS);
	for (size_t i = 0; i < a.ngroup_activities; i++)
		check_name(a.group_activities[i].key);
	for (size_t i = 0; i < a.nfactors; i++) {
		const struct cg_policy_factor *f = &a.factors[i];
		check_name(f->name);
		CHECK((unsigned)f->measure < CG_MEASURE_COUNT);
		CHECK(f->weight >= 0 && f->cap > 0 && f->window_days >= 0);
		CHECK(f->nitems <= CG_POLICY_MAX_ITEMS);
		CHECK(f->description[0]);
		for (size_t k = 0; k < f->nitems; k++)
			check_name(f->items[k].key);
	}
	CHECK(cg_policy_parse(text, size, "fuzz", &b, NULL) == CG_OK);
	CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	return 0;
}
