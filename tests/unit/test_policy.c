/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_policy.c - unit tests for risk/policy: the shared risk protocol
 * parser (the default policy, a table of malformed files each failing at
 * an exact line with its reason), the content hash and grading weights. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk/policy.h"

/* A small valid policy; line numbers below count from its first line. */
#define HEAD "name = test\n"                                    /* 1 */
#define TIERS "[tiers]\nhigh = 50\nmedium = 20\n"              /* 2-4 */
#define GRADING                                                                \
	"[grading]\nsource.1 = 1\nsource.2 = 0.6\nsource.3 = 0.3\n"           \
	"assessment.A = 1\nassessment.B = 0.8\nassessment.C = 0.6\n"          \
	"assessment.D = 0.3\nassessment.E = 0\n"               /* 5-13 */
#define FACTOR                                                                 \
	"[factor role]\nmeasure = ocg_role\nvalues = principal:30, peripheral:8\n" \
	"weight = 1\ncap = 30\ndescription = Role in a group\n" /* 14-19 */
#define GROUP                                                                  \
	"[group]\ntop_members = 3\nactivities = firearms:20, drug_supply:10\n" \
	"activity_cap = 30\nhigh = 60\nmedium = 30\n"          /* 20-25 */
#define VALID HEAD TIERS GRADING FACTOR GROUP

static struct cg_policy policy;

static enum cg_status parse(const char *text, struct cg_error *err)
{
	return cg_policy_parse(text, strlen(text), "t.policy", &policy, err);
}

static void parses_a_small_policy(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	enum cg_status rc = parse("# a comment\n" VALID, &err);
	if (rc != CG_OK)
		fail_msg("%s", err.message);
	assert_string_equal(policy.name, "test");
	assert_true(policy.tier_high == 50 && policy.tier_medium == 20);
	assert_true(policy.source_weight[1] == 0.6 && policy.assessment_weight[3] == 0.3);
	assert_int_equal(policy.nfactors, 1);
	assert_string_equal(policy.factors[0].name, "role");
	assert_int_equal(policy.factors[0].line, 15);
	assert_int_equal(policy.factors[0].measure, CG_MEASURE_OCG_ROLE);
	assert_int_equal(policy.factors[0].nitems, 2);
	assert_string_equal(policy.factors[0].items[1].key, "peripheral");
	assert_true(policy.factors[0].items[1].value == 8);
	assert_true(policy.factors[0].cap == 30);
	assert_int_equal(policy.group_top_members, 3);
	assert_int_equal(policy.ngroup_activities, 2);
	assert_string_equal(policy.group_activities[0].key, "firearms");
	assert_true(policy.group_high == 60 && policy.group_medium == 30);
}

static void tolerates_layout(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	/* CRLF, tabs, comments after values and on section lines, no final
	 * newline, a term phrase, sections in another order. */
	const char *text =
		"name = layout test # trailing\r\n"
		"[ group ]  # the group\r\n\ttop_members\t=\t1\r\nactivities = a:1\r\n"
		"activity_cap = 1\r\nhigh = 2\r\nmedium = 1.5\r\n"
		"[factor  lines ]\nmeasure = intel_terms\nterms = county line,  knife\n"
		"weight = 0\ncap = 0.5\nwindow = 0\ndescription = d\n"
		TIERS GRADING "[factor rel]\nmeasure = release\nwindow = 90\nweight = 8\n"
		"cap = 8\ndescription = release";
	enum cg_status rc = parse(text, &err);
	if (rc != CG_OK)
		fail_msg("%s", err.message);
	assert_string_equal(policy.name, "layout test");
	assert_int_equal(policy.nfactors, 2);
	assert_string_equal(policy.factors[0].name, "lines");
	assert_string_equal(policy.factors[0].items[0].key, "county line");
	assert_string_equal(policy.factors[0].items[1].key, "knife");
	assert_true(policy.factors[0].items[0].value == 1);
	assert_int_equal(policy.factors[1].window_days, 90);
	assert_string_equal(policy.factors[1].description, "release");
}

struct bad_case {
	const char *text;
	int line;
	const char *reason;
};

/* Replaces the first `from` of VALID by `to`. */
static char *valid_with(const char *from, const char *to)
{
	const char *v = VALID, *at = strstr(v, from);
	size_t n = strlen(v) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - v), v, to, at + strlen(from));
	return out;
}

static void expect_error(const char *text, int line, const char *reason)
{
	struct cg_error err = CG_ERROR_INIT;
	char prefix[64];
	assert_int_equal(parse(text, &err), CG_INVALID);
	assert_int_equal(err.code, CG_INVALID);
	snprintf(prefix, sizeof(prefix), "t.policy:%d: ", line);
	if (strncmp(err.message, prefix, strlen(prefix)) != 0 || !strstr(err.message, reason))
		fail_msg("error '%s' is not '%s...%s'", err.message, prefix, reason);
}

static void malformed_files_name_line_and_reason(void **state)
{
	/* Edits of VALID: {from, to, line, reason}. */
	static const struct {
		const char *from, *to;
		int line;
		const char *reason;
	} edits[] = {
		{ "[tiers]", "[tier]", 2, "unknown section [tier]" },
		{ "[factor role]", "[factor]", 14, "[factor] needs a name" },
		{ "[factor role]", "[factor Role]", 14, "factor name 'Role'" },
		{ "[factor role]", "[factor role", 14, "must end with ']'" },
		{ "high = 50\n", "high = 50\nlow = 5\n", 4, "unknown key 'low' in [tiers] (keys: high, medium)" },
		{ "weight = 1\n", "weight = 1\nweight = 2\n", 18, "'weight' is set twice (first on line 17)" },
		{ "weight = 1\n", "weight = -1\n", 17, "weight: '-1' is not a number" },
		{ "weight = 1\n", "weight = 1e3\n", 17, "weight: '1e3' is not a number" },
		{ "weight = 1\n", "weight = .5\n", 17, "weight: '.5' is not a number" },
		{ "weight = 1\n", "weight = 1.\n", 17, "weight: '1.' is not a number" },
		{ "weight = 1\n", "weight =\n", 17, "'weight' has no value" },
		{ "weight = 1\n", "weight = 2000000\n", 17, "weight: must be at most 1e+06" },
		{ "cap = 30\n", "cap = 0\n", 18, "cap: must be more than 0" },
		{ "source.2 = 0.6", "source.2 = 1.5", 7, "source.2: must be at most 1" },
		{ "assessment.E = 0\n", "assessment.E = 0.1\n", 13, "assessment.E: must be 0" },
		{ "assessment.D = 0.3\n", "", 5, "[grading] needs 'assessment.D'" },
		{ "medium = 20\n", "medium = 50\n", 4, "medium: 50 must be below high (50)" },
		{ "high = 50\n", "", 2, "[tiers] needs 'high'" },
		{ "measure = ocg_role\n", "measure = ocg_rank\n", 15, "measure: 'ocg_rank' is not one of" },
		{ "measure = ocg_role\n", "", 14, "[factor role] needs 'measure'" },
		{ "description = Role in a group\n", "", 14, "[factor role] needs 'description'" },
		{ "values = principal:30, peripheral:8\n", "", 14, "[factor role] needs 'values' for measure ocg_role" },
		{ "principal:30, peripheral:8", "principal:30, boss:8", 16, "values: 'boss' is not a role" },
		{ "principal:30, peripheral:8", "principal:30, principal:8", 16, "values: 'principal' appears twice" },
		{ "principal:30, peripheral:8", "principal:30,, peripheral:8", 16, "values: empty item" },
		{ "principal:30, peripheral:8", "principal:30, peripheral:8,", 16, "values: empty item" },
		{ "principal:30, peripheral:8", "principal:30, peripheral", 16, "values: 'peripheral' is not NAME:NUMBER" },
		{ "principal:30, peripheral:8", "principal:x", 16, "values: 'principal' has no number" },
		{ "principal:30, peripheral:8", "Principal:3", 16, "values: 'Principal' is not a name" },
		{ "weight = 1\n", "weight = 1\nwindow = 30\n", 18, "window: not meaningful for measure ocg_role" },
		{ "weight = 1\n", "weight = 1\nterms = knife\n", 18, "terms: a factor takes values or terms, not both" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_volume\nvalues = principal:30, peripheral:8\nwindow = 30\n", 16,
		  "values: not meaningful for measure intel_volume" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_volume\nterms = knife\nwindow = 30\n", 16,
		  "terms: not meaningful for measure intel_volume" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_volume\n", 14, "[factor role] needs 'window' for measure intel_volume" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_terms\nwindow = 30\n", 14, "[factor role] needs 'terms' for measure intel_terms" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_terms\nterms = knife, knife\nwindow = 30\n", 16, "terms: 'knife' appears twice" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_terms\nterms = county_line\nwindow = 30\n", 16, "terms: 'county_line': intelligence terms" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_terms\nterms = Knife\nwindow = 30\n", 16, "terms: 'Knife' is not a term" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = intel_terms\nterms = county  line\nwindow = 30\n", 16, "terms: 'county  line' is not a term" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = custody_incidents\nterms = mobile phone\nwindow = 30\n", 16,
		  "terms: 'mobile phone': custody incident categories are single names" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = release\nwindow = 0\n", 16, "window: must be more than 0 for measure release" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = release\nwindow = 1.5\n", 16, "window: '1.5' is not a whole number" },
		{ "measure = ocg_role\nvalues = principal:30, peripheral:8\n",
		  "measure = release\nwindow = 40000\n", 16, "window: must be at most 36500" },
		{ "top_members = 3", "top_members = 0", 21, "top_members: must be at least 1" },
		{ "activity_cap = 30\n", "", 20, "[group] needs 'activity_cap'" },
		{ "activities = firearms:20", "activities = firearms:20, firearms:1", 22, "activities: 'firearms' appears twice" },
		{ "high = 60\nmedium = 30\n", "high = 60\nmedium = 60\n", 25, "medium: 60 must be below high (60)" },
		{ "[group]", "[tiers]", 20, "section [tiers] appears twice (first on line 2)" },
		{ "[group]", "[factor role]", 20, "factor 'role' is defined twice (first on line 14)" },
		{ "name = test\n", "", 1, "'name = ...' must come first" },
		{ "name = test\n", "name = test\nweight = 1\n", 2, "unknown key 'weight' at the top of the file" },
		{ "name = test\n", "name = te\001st\n", 1, "name: holds a control character" },
		{ "name = test\n", "name = test\nname = again\n", 2, "'name' is set twice (first on line 1)" },
		{ "[tiers]\n", "[tiers]\nhigh 50\n", 3, "expected 'key = value' or '[section]'" },
		{ "description = Role in a group\n", "description = caf\xc3\n", 19, "not valid UTF-8" },
	};
	/* Whole files: {text, line, reason}. */
	static const struct bad_case whole[] = {
		{ "", 1, "'name = ...' is missing" },
		{ "# only a comment\n", 1, "'name = ...' is missing" },
		{ HEAD, 1, "no [tiers] section" },
		{ HEAD TIERS, 4, "no [grading] section" },
		{ HEAD TIERS GRADING GROUP, 19, "no [factor NAME] section" },
		{ HEAD TIERS GRADING FACTOR, 19, "no [group] section" },
		{ HEAD TIERS GRADING FACTOR GROUP "[factor x]\nmeasure = ocg_role\nweight = 1\ncap = 1\n"
		  "description = d\n", 26,
		  "[factor x] needs 'values'" },
	};
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char *text = valid_with(edits[i].from, edits[i].to);
		expect_error(text, edits[i].line, edits[i].reason);
		free(text);
	}
	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		expect_error(whole[i].text, whole[i].line, whole[i].reason);
}

static void limits_are_errors(void **state)
{
	char name[80], *text, *p;
	size_t size = 64 * 1024;

	/* An over-long factor name. */
	memset(name, 'a', 64);
	name[64] = '\0';
	text = malloc(size);
	snprintf(text, size, HEAD TIERS GRADING "[factor %s]\n", name);
	expect_error(text, 14, "factor name");

	/* 33 factors: the 33rd header is refused. */
	p = text + snprintf(text, size, HEAD TIERS GRADING);
	for (int i = 0; i < 33; i++)
		p += snprintf(p, size - (size_t)(p - text),
			      "[factor f%d]\nmeasure = intel_volume\nweight = 1\ncap = 1\n"
			      "window = 1\ndescription = d\n", i);
	expect_error(text, 14 + 32 * 6, "more than 32 factors");

	/* 33 terms. */
	p = text + snprintf(text, size, HEAD TIERS GRADING "[factor t]\nterms = w0");
	for (int i = 1; i < 33; i++)
		p += snprintf(p, size - (size_t)(p - text), ", w%d", i);
	snprintf(p, size - (size_t)(p - text), "\n");
	expect_error(text, 15, "terms: more than 32 items");

	/* A 64-byte term and a 256-byte description. */
	snprintf(text, size, HEAD TIERS GRADING "[factor t]\nterms = %s\n", name);
	expect_error(text, 15, "is not a term");
	p = text + snprintf(text, size, HEAD TIERS GRADING "[factor t]\ndescription = ");
	memset(p, 'd', 256);
	p[256] = '\n';
	p[257] = '\0';
	expect_error(text, 15, "description: longer than 255 bytes");

	/* A NUL byte, and a file over the size limit. */
	assert_int_equal(cg_policy_parse("name = a\n\0\n", 11, "t.policy", &policy, NULL),
			 CG_INVALID);
	free(text);
	text = malloc(CG_POLICY_MAX_BYTES + 100);
	memset(text, '#', CG_POLICY_MAX_BYTES + 99);
	for (size_t i = 100; i < CG_POLICY_MAX_BYTES + 99; i += 100)
		text[i] = '\n';
	text[CG_POLICY_MAX_BYTES + 99] = '\0';
	expect_error(text, CG_POLICY_MAX_BYTES / 100 + 1, "longer than 262144 bytes");
	free(text);
}

static void default_policy_is_valid(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	size_t len = 0;
	const char *text = cg_policy_default(&len);
	bool seen[CG_MEASURE_COUNT] = { 0 };

	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	if (cg_policy_parse(text, len, "policy/default.policy", &policy, &err) != CG_OK)
		fail_msg("%s", err.message);
	/* Every measure is used, so the default encodes every factor of issue 6. */
	for (size_t i = 0; i < policy.nfactors; i++)
		seen[policy.factors[i].measure] = true;
	for (int m = 0; m < CG_MEASURE_COUNT; m++)
		if (!seen[m])
			fail_msg("the default policy does not use measure %s",
				 cg_risk_measure_name((enum cg_risk_measure)m));
	assert_true(policy.tier_medium > 0 && policy.tier_medium < policy.tier_high);
}

static void hash_is_stable(void **state)
{
	char a[65], b[65], c[65];
	cg_policy_hash("", 0, a);
	/* BLAKE2b-256 of the empty string. */
	assert_string_equal(a, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	cg_policy_hash(VALID, strlen(VALID), a);
	cg_policy_hash(VALID, strlen(VALID), b);
	cg_policy_hash(VALID " ", strlen(VALID) + 1, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 64);
	for (int i = 0; i < 64; i++)
		assert_true((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'f'));
}

static void grading_weights(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(parse(VALID, &err), CG_OK);
	assert_true(cg_policy_grading_weight(&policy, '1', 'A') == 1.0);
	assert_true(cg_policy_grading_weight(&policy, '2', 'B') == 0.6 * 0.8);
	assert_true(cg_policy_grading_weight(&policy, '3', 'C') == 0.3 * 0.6);
	assert_true(cg_policy_grading_weight(&policy, '1', 'A') >
		    cg_policy_grading_weight(&policy, '3', 'C'));
	assert_true(cg_policy_grading_weight(&policy, '1', 'E') == 0);
	assert_true(cg_policy_grading_weight(&policy, '0', 'A') == 0);
	assert_true(cg_policy_grading_weight(&policy, '4', 'A') == 0);
	assert_true(cg_policy_grading_weight(&policy, '1', 'F') == 0);
	assert_true(cg_policy_grading_weight(&policy, '1', 'a') == 0);
}

static void measure_names(void **state)
{
	assert_string_equal(cg_risk_measure_name(CG_MEASURE_OCG_ROLE), "ocg_role");
	assert_string_equal(cg_risk_measure_name(CG_MEASURE_CUSTODY_INCIDENTS), "custody_incidents");
	assert_string_equal(cg_risk_measure_name(CG_MEASURE_RELEASE), "release");
	assert_string_equal(cg_risk_measure_name(CG_MEASURE_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_small_policy),
		cmocka_unit_test(tolerates_layout),
		cmocka_unit_test(malformed_files_name_line_and_reason),
		cmocka_unit_test(limits_are_errors),
		cmocka_unit_test(default_policy_is_valid),
		cmocka_unit_test(hash_is_stable),
		cmocka_unit_test(grading_weights),
		cmocka_unit_test(measure_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
