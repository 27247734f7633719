/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_graph_filter.c - unit tests for graph/filter_parse.h, the one
 * parser of network filters the command line and the API share: every
 * value lands in struct cg_net_filter; each malformed value is refused
 * naming the parameter in the API's spelling (field) and in the spelling
 * asked for (message); crossovers and recruitment add their types once;
 * brokers' default only applies to an unspecified filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "graph/filter_parse.h"
#include "graph/presets.h"

static void everything_parsed(void **state)
{
	(void)state;
	struct cg_net_filter_text t = {
		.types = "family,visit", .from = "2024-01-01", .to = "2024-12-31",
		.min_grading = "2B", .agencies = "WMP,HMPPS", .ocgs = "1,30",
		.setting = "custody", .weights = "family=2.5,visit=0.5", .network = NULL,
	};
	struct cg_net_filter_spec s;
	assert_int_equal(cg_net_filter_parse(&t, CG_FILTER_PARAMS, &s, NULL), CG_OK);
	assert_int_equal(s.f.ntypes, 2);
	assert_string_equal(s.f.types[1], "visit");
	assert_string_equal(s.f.from, "2024-01-01");
	assert_string_equal(s.f.min_grading, "2B");
	assert_int_equal(s.nagency_codes, 2);
	assert_string_equal(s.agency_codes[1], "HMPPS");
	assert_int_equal(s.f.nocgs, 2);
	assert_int_equal(s.f.ocgs[1], 30);
	assert_int_equal(s.f.setting, CG_NET_CUSTODY_ONLY);
	assert_int_equal(s.f.nweights, 2);
	assert_string_equal(s.f.weights[0].type, "family");
	assert_true(s.f.weights[0].weight == 2.5);
	assert_null(s.field);
	cg_net_filter_spec_release(&s);

	struct cg_net_filter_text none = { 0 };
	assert_int_equal(cg_net_filter_parse(&none, CG_FILTER_OPTIONS, &s, NULL), CG_OK);
	assert_int_equal(s.f.ntypes, 0);
	assert_int_equal(s.f.setting, CG_NET_ANYWHERE);
	assert_null(s.f.network);
	cg_net_filter_spec_release(&s);
}

/* One bad value: refused, its field named, the message in each spelling. */
static void refused(struct cg_net_filter_text t, const char *field, const char *option)
{
	struct cg_net_filter_spec s;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_net_filter_parse(&t, CG_FILTER_PARAMS, &s, &err), CG_INVALID);
	assert_non_null(s.field);
	assert_string_equal(s.field, field);
	assert_int_equal(strncmp(err.message, field, strlen(field)), 0);
	cg_net_filter_spec_release(&s);
	assert_int_equal(cg_net_filter_parse(&t, CG_FILTER_OPTIONS, &s, &err), CG_INVALID);
	assert_int_equal(strncmp(err.message, option, strlen(option)), 0);
	cg_net_filter_spec_release(&s);
}

static void bad_values_name_their_field(void **state)
{
	(void)state;
	refused((struct cg_net_filter_text){ .types = "family,,visit" }, "types", "--types");
	refused((struct cg_net_filter_text){ .types = "family," }, "types", "--types");
	refused((struct cg_net_filter_text){ .from = "2022-13-01" }, "from", "--from");
	refused((struct cg_net_filter_text){ .to = "yesterday" }, "to", "--to");
	refused((struct cg_net_filter_text){ .min_grading = "4A" }, "min_grading", "--min-grading");
	refused((struct cg_net_filter_text){ .min_grading = "2b" }, "min_grading", "--min-grading");
	refused((struct cg_net_filter_text){ .agencies = "WMP,,X" }, "agency", "--agency");
	refused((struct cg_net_filter_text){ .ocgs = "1,x" }, "ocg", "--ocg");
	refused((struct cg_net_filter_text){ .ocgs = "-3" }, "ocg", "--ocg");
	refused((struct cg_net_filter_text){ .setting = "prison" }, "setting", "--custody");
	refused((struct cg_net_filter_text){ .weights = "family" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=0" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=1001" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "=2" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=nan" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=inf" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=-1" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .weights = "family=2x" }, "weight", "--weight");
	refused((struct cg_net_filter_text){ .ocgs = "99999999999999999999" }, "ocg", "--ocg");
	refused((struct cg_net_filter_text){ .from = "2024-02-01", .to = "2024-01-01" }, "from",
		"--from");
	refused((struct cg_net_filter_text){ .network = "" }, "network", "--network");
}

static void analyses_adjust_the_filter(void **state)
{
	(void)state;
	struct cg_net_filter_spec s;
	struct cg_net_filter_text t = { .types = "family,same_cell" };

	assert_int_equal(cg_net_filter_parse(&t, CG_FILTER_PARAMS, &s, NULL), CG_OK);
	cg_crossovers_types(&s, CG_LEVEL_WING);
	cg_crossovers_types(&s, CG_LEVEL_WING);
	assert_int_equal(s.f.ntypes, 3);
	assert_string_equal(s.f.types[0], "family");
	assert_string_equal(s.f.types[1], "same_cell");
	assert_string_equal(s.f.types[2], "same_wing");
	assert_false(cg_recruitment_default_links(&s)); /* types were given */
	assert_false(cg_brokers_default_links(&s.f));
	cg_net_filter_spec_release(&s);

	struct cg_net_filter_text none = { 0 };
	assert_int_equal(cg_net_filter_parse(&none, CG_FILTER_PARAMS, &s, NULL), CG_OK);
	assert_true(cg_brokers_default_links(&s.f));
	assert_int_equal(s.f.setting, CG_NET_COMMUNITY_ONLY);
	cg_net_filter_spec_release(&s);

	assert_int_equal(cg_net_filter_parse(&none, CG_FILTER_PARAMS, &s, NULL), CG_OK);
	assert_true(cg_recruitment_default_links(&s));
	assert_int_equal(s.f.ntypes, 5);
	assert_string_equal(s.f.types[4], "shared_phone");
	assert_int_equal(s.f.setting, CG_NET_CUSTODY_ONLY);
	cg_net_filter_spec_release(&s);

	/* an external network has no custody to add */
	struct cg_net_filter_text ext = { .network = "case1" };
	assert_int_equal(cg_net_filter_parse(&ext, CG_FILTER_PARAMS, &s, NULL), CG_OK);
	cg_crossovers_types(&s, CG_LEVEL_ESTABLISHMENT);
	assert_int_equal(s.f.ntypes, 0);
	assert_false(cg_recruitment_default_links(&s));
	assert_false(cg_brokers_default_links(&s.f));
	cg_net_filter_spec_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everything_parsed),
		cmocka_unit_test(bad_values_name_their_field),
		cmocka_unit_test(analyses_adjust_the_filter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
