/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_graph_export.c - unit tests for graph/export: a hand-built network
 * whose names hold XML, CSV and JSON special characters and UTF-8 comes
 * out escaped in every format, JSON reads back to the same strings,
 * edges sum their links' weights, types and dates, extra node attributes
 * appear (NaN as absent), bad attribute names are refused, and a failed
 * write is an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "graph/export.h"

#define NAME_XML "Tom & \"Jerry\" <b>O'Neil</b>"
#define NAME_CSV "Smith, John \"Jack\""
#define NAME_UTF8 "Ó Briain Séamus – 张伟"
#define KEY_CTRL "k\001ey"

static int32_t day(const char *iso)
{
	struct cg_date d;
	assert_int_equal(cg_date_parse_iso(iso, &d, NULL), CG_OK);
	return (int32_t)cg_date_to_days(d);
}

/* Nodes: 0 "p1" (NAME_XML, OCGs 7 and 9, tier 2), 1 "a,b" (NAME_CSV,
 * group "g<1>"), 2 "p3" (NAME_UTF8), 3 KEY_CTRL (an isolate, no label).
 * Links: 0-1 family (undated) and visit 2024-03-01, 2024-03-01;
 * 0-1 visit again 2023-01-05; 1-2 same_wing 2022-06-01..2022-07-01. */
static struct cg_network *sample(void)
{
	struct cg_network *net = cg_net_new();
	uint32_t family = cg_net_type(net, "family", 1.5, false);
	uint32_t visit = cg_net_type(net, "visit", 0.25, true);
	uint32_t wing = cg_net_type(net, "same_wing", 2, true);
	uint32_t a = cg_net_node(net, 11, "p1", NAME_XML);
	uint32_t b = cg_net_node(net, 12, "a,b", NAME_CSV);
	uint32_t c = cg_net_node(net, 13, "p3", NAME_UTF8);
	(void)cg_net_node(net, 0, KEY_CTRL, NULL);
	cg_net_node_ocg(net, a, 7);
	cg_net_node_ocg(net, a, 9);
	net->nodes[a].tier = 2;
	cg_net_node_group(net, b, "g<1>");
	struct cg_net_link l = { .a = a, .b = b, .type = family, .from = CG_NET_NO_DATE,
				 .to = CG_NET_NO_DATE, .origin = CG_NET_ASSOCIATION,
				 .owner_agency_id = 3, .row_id = 100, .weight = -1 };
	cg_net_link_add(net, &l);
	l = (struct cg_net_link){ .a = b, .b = a, .type = visit, .from = day("2024-03-01"),
				  .to = day("2024-03-01"), .origin = CG_NET_EVENT,
				  .owner_agency_id = 4, .row_id = 200, .weight = -1 };
	cg_net_link_add(net, &l);
	l.from = l.to = day("2023-01-05");
	l.row_id = 201;
	cg_net_link_add(net, &l);
	l = (struct cg_net_link){ .a = b, .b = c, .type = wing, .from = day("2022-06-01"),
				  .to = day("2022-07-01"), .origin = CG_NET_CUSTODY,
				  .grading = "", .owner_agency_id = 4, .row_id = 300,
				  .row_id2 = 301, .via = 55, .weight = -1 };
	cg_net_link_add(net, &l);
	cg_net_via_name_set(net, true, 55, "HMP Example & wing <A>");
	cg_net_finish(net);
	cg_net_describe(net, "principal", "ana (WMP) & <friends>");
	return net;
}

/* Runs one format into a string (free it). */
static char *export(const struct cg_network *net, enum cg_net_format f,
		    const struct cg_net_attr *attrs, size_t nattrs)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(cg_net_export(net, f, attrs, nattrs, out, NULL), CG_OK);
	fclose(out);
	return text;
}

static void graphml_escapes_every_string(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	char *x = export(net, CG_NET_FORMAT_GRAPHML, NULL, 0);

	assert_non_null(strstr(x, "<data key=\"label\">Tom &amp; &quot;Jerry&quot; "
				  "&lt;b&gt;O&apos;Neil&lt;/b&gt;</data>"));
	assert_non_null(strstr(x, "<node id=\"a,b\">"));
	assert_non_null(strstr(x, "<data key=\"group\">g&lt;1&gt;</data>"));
	assert_non_null(strstr(x, NAME_UTF8));
	/* a control character cannot be in XML 1.0 at all */
	assert_non_null(strstr(x, "<node id=\"k\xEF\xBF\xBD" "ey\">"));
	assert_null(strstr(x, "\001"));
	assert_null(strstr(x, "<b>"));
	assert_non_null(strstr(x, "<desc>principal: ana (WMP) &amp; &lt;friends&gt;&#10;</desc>"));
	/* the p1 - a,b edge: family 1.5 + two visits 0.25 */
	assert_non_null(strstr(x, "<edge source=\"p1\" target=\"a,b\">\n"
				  "      <data key=\"weight\">2</data>\n"
				  "      <data key=\"types\">family;visit</data>\n"
				  "      <data key=\"links\">3</data>\n"
				  "      <data key=\"first\">2023-01-05</data>\n"
				  "      <data key=\"last\">2024-03-01</data>\n"));
	assert_non_null(strstr(x, "<data key=\"ocgs\">7;9</data>"));
	assert_non_null(strstr(x, "<data key=\"tier\">2</data>"));
	free(x);
	cg_net_free(net);
}

static void gexf_escapes_every_string(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	char *x = export(net, CG_NET_FORMAT_GEXF, NULL, 0);

	assert_non_null(strstr(x, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">"));
	assert_non_null(strstr(x, "<node id=\"p1\" label=\"Tom &amp; &quot;Jerry&quot; "
				  "&lt;b&gt;O&apos;Neil&lt;/b&gt;\">"));
	assert_non_null(strstr(x, "<attvalue for=\"group\" value=\"g&lt;1&gt;\"/>"));
	assert_non_null(strstr(x, "source=\"a,b\" target=\"p3\" weight=\"2\">"));
	assert_non_null(strstr(x, "<attvalue for=\"first\" value=\"2022-06-01\"/>"));
	assert_non_null(strstr(x, "<attvalue for=\"last\" value=\"2022-07-01\"/>"));
	assert_null(strstr(x, "<b>"));
	assert_null(strstr(x, "\001"));
	free(x);
	cg_net_free(net);
}

static void csv_quotes_as_rfc4180(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	char *x = export(net, CG_NET_FORMAT_CSV, NULL, 0);

	assert_string_equal(x, "source,target,weight,types,links,first,last\n"
			       "p1,\"a,b\",2,family;visit,3,2023-01-05,2024-03-01\n"
			       "\"a,b\",p3,2,same_wing,1,2022-06-01,2022-07-01\n");
	free(x);
	cg_net_free(net);
}

static void json_reads_back_the_same_strings(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	double score[4] = { 0.5, NAN, 1.0 / 3.0, 0 };
	struct cg_net_attr attr = { "betweenness", score };
	char *x = export(net, CG_NET_FORMAT_JSON, &attr, 1);
	json_error_t jerr;
	json_t *j = json_loads(x, JSON_REJECT_DUPLICATES, &jerr);

	assert_non_null(j);
	json_t *nodes = json_object_get(j, "nodes"), *edges = json_object_get(j, "edges");
	assert_int_equal(json_array_size(nodes), 4);
	assert_int_equal(json_array_size(edges), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "network"), 0)),
			    "principal: ana (WMP) & <friends>");
	json_t *n0 = json_array_get(nodes, 0), *n1 = json_array_get(nodes, 1);
	assert_string_equal(json_string_value(json_object_get(n0, "label")), NAME_XML);
	assert_string_equal(json_string_value(json_object_get(n1, "label")), NAME_CSV);
	assert_string_equal(json_string_value(json_object_get(json_array_get(nodes, 2), "label")),
			    NAME_UTF8);
	/* JSON can carry a control character: it is kept, escaped */
	assert_string_equal(json_string_value(json_object_get(json_array_get(nodes, 3), "key")),
			    KEY_CTRL);
	assert_true(json_is_null(json_object_get(json_array_get(nodes, 3), "label")));
	assert_int_equal(json_integer_value(json_object_get(n0, "tier")), 2);
	assert_true(json_is_null(json_object_get(n1, "tier")));
	assert_int_equal(json_array_size(json_object_get(n0, "ocgs")), 2);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(n0, "ocgs"), 1)), 9);
	assert_string_equal(json_string_value(json_object_get(n1, "group")), "g<1>");
	/* extra attributes: exact doubles, NaN as null */
	assert_true(json_real_value(json_object_get(n0, "betweenness")) == 0.5);
	assert_true(json_is_null(json_object_get(n1, "betweenness")));
	assert_true(json_real_value(json_object_get(json_array_get(nodes, 2), "betweenness")) ==
		    1.0 / 3.0);

	json_t *e1 = json_array_get(edges, 1), *links = json_object_get(e1, "links");
	assert_int_equal(json_integer_value(json_object_get(e1, "source")), 1);
	assert_int_equal(json_integer_value(json_object_get(e1, "target")), 2);
	assert_true(json_real_value(json_object_get(e1, "weight")) == 2.0);
	assert_int_equal(json_array_size(links), 1);
	json_t *l = json_array_get(links, 0);
	assert_string_equal(json_string_value(json_object_get(l, "type")), "same_wing");
	assert_string_equal(json_string_value(json_object_get(l, "origin")), "custody");
	assert_string_equal(json_string_value(json_object_get(l, "from")), "2022-06-01");
	assert_string_equal(json_string_value(json_object_get(l, "to")), "2022-07-01");
	assert_true(json_is_null(json_object_get(l, "grading")));
	assert_int_equal(json_integer_value(json_object_get(l, "row_id2")), 301);
	assert_int_equal(json_integer_value(json_object_get(l, "via")), 55);
	assert_string_equal(json_string_value(json_object_get(l, "via_name")),
			    "HMP Example & wing <A>");
	json_t *e0 = json_array_get(edges, 0);
	assert_int_equal(json_array_size(json_object_get(e0, "links")), 3);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(e0, "links"), 0),
						 "from")));
	json_decref(j);

	/* the in-memory form says the same as the stream */
	j = cg_net_json(net, &attr, 1);
	char *again = json_dumps(j, JSON_COMPACT);
	json_t *back = json_loads(x, 0, NULL);
	char *streamed = json_dumps(back, JSON_COMPACT);
	assert_string_equal(again, streamed);
	free(again);
	free(streamed);
	json_decref(back);
	json_decref(j);
	free(x);
	cg_net_free(net);
}

static void extra_attributes_in_xml(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	double pr[4] = { 0.1, 0.2, NAN, 1e-300 };
	struct cg_net_attr attr = { "pagerank", pr };
	char *g = export(net, CG_NET_FORMAT_GRAPHML, &attr, 1);
	char *x = export(net, CG_NET_FORMAT_GEXF, &attr, 1);

	assert_non_null(strstr(g, "<key id=\"pagerank\" for=\"node\" attr.name=\"pagerank\" "
				  "attr.type=\"double\"/>"));
	assert_non_null(strstr(g, "<data key=\"pagerank\">0.1</data>"));
	assert_non_null(strstr(g, "<data key=\"pagerank\">1e-300</data>"));
	/* NaN: no value for node 2 */
	const char *p3 = strstr(g, "<node id=\"p3\">");
	assert_non_null(p3);
	assert_true(strstr(p3, "pagerank") > strstr(p3, "</node>"));
	assert_non_null(strstr(x, "<attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>"));
	assert_non_null(strstr(x, "<attvalue for=\"pagerank\" value=\"0.2\"/>"));
	free(g);
	free(x);
	cg_net_free(net);
}

static void bad_attribute_names_are_refused(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	double v[4] = { 0 };
	const char *bad[] = { "", "label", "tier", "a b", "x\"y", "<z>" };
	FILE *out = fopen("/dev/null", "w");
	struct cg_error err = CG_ERROR_INIT;

	assert_non_null(out);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cg_net_attr a = { bad[i], v };
		for (int f = CG_NET_FORMAT_GRAPHML; f <= CG_NET_FORMAT_JSON; f++)
			if (f != CG_NET_FORMAT_CSV)
				assert_int_equal(cg_net_export(net, (enum cg_net_format)f, &a, 1, out,
							       &err), CG_INVALID);
	}
	struct cg_net_attr twice[2] = { { "x", v }, { "x", v } };
	assert_int_equal(cg_net_export(net, CG_NET_FORMAT_JSON, twice, 2, out, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "twice"));
	fclose(out);
	cg_net_free(net);
}

static void formats_by_name(void **state)
{
	(void)state;
	enum cg_net_format f;
	struct cg_error err = CG_ERROR_INIT;
	for (int i = CG_NET_FORMAT_GRAPHML; i <= CG_NET_FORMAT_JSON; i++) {
		assert_int_equal(cg_net_format_parse(cg_net_format_name((enum cg_net_format)i), &f,
						     NULL), CG_OK);
		assert_int_equal(f, i);
	}
	assert_int_equal(cg_net_format_parse("dot", &f, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "graphml, gexf, csv, json"));
}

static void a_failed_write_is_an_error(void **state)
{
	(void)state;
	struct cg_network *net = sample();
	FILE *out = fopen("/dev/full", "w");
	if (!out)
		skip();
	for (int f = CG_NET_FORMAT_GRAPHML; f <= CG_NET_FORMAT_JSON; f++) {
		struct cg_error err = CG_ERROR_INIT;
		assert_int_equal(cg_net_export(net, (enum cg_net_format)f, NULL, 0, out, &err), CG_IO);
		clearerr(out);
	}
	fclose(out);
	cg_net_free(net);
}

static void an_empty_network_is_valid(void **state)
{
	(void)state;
	struct cg_network *net = cg_net_new();
	cg_net_finish(net);
	char *x = export(net, CG_NET_FORMAT_JSON, NULL, 0);
	json_t *j = json_loads(x, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "nodes")), 0);
	json_decref(j);
	free(x);
	x = export(net, CG_NET_FORMAT_CSV, NULL, 0);
	assert_string_equal(x, "source,target,weight,types,links,first,last\n");
	free(x);
	x = export(net, CG_NET_FORMAT_GRAPHML, NULL, 0);
	assert_non_null(strstr(x, "</graphml>\n"));
	free(x);
	cg_net_free(net);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(graphml_escapes_every_string),
		cmocka_unit_test(gexf_escapes_every_string),
		cmocka_unit_test(csv_quotes_as_rfc4180),
		cmocka_unit_test(json_reads_back_the_same_strings),
		cmocka_unit_test(extra_attributes_in_xml),
		cmocka_unit_test(bad_attribute_names_are_refused),
		cmocka_unit_test(formats_by_name),
		cmocka_unit_test(a_failed_write_is_an_error),
		cmocka_unit_test(an_empty_network_is_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
