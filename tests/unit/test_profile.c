/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile.c - unit tests for ingest/profile: the mapping profile
 * parser, its checks and the built-in profiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ingest/profile.h"

#define GLOBALS \
	"source_system = SYS\nclassification = OFFICIAL\nhandling = P\n" \
	"subject_category = other\nstatement_basis = fact\n"

static enum cg_status parse(const char *text, struct cg_profile **p, struct cg_error *err)
{
	return cg_profile_parse("t.profile", text, strlen(text), p, err);
}

static void expect_error(const char *text, const char *message)
{
	struct cg_profile *p = NULL;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(parse(text, &p, &err), CG_INVALID);
	assert_null(p);
	if (!strstr(err.message, message))
		fail_msg("error '%s' lacks '%s'", err.message, message);
}

static void parses_a_profile(void **state)
{
	struct cg_profile *p = NULL;
	struct cg_error err = CG_ERROR_INIT;
	const char *text = "# comment\n" GLOBALS "date_format = DD/MM/YYYY\n\n"
			   "[people]\nkind = person\nmatch = *.csv\nid = Ref No\n"
			   "forenames = FIRST + MIDDLE\nidentifier.pnc = PNC\n"
			   "[visits]\r\nkind = event\r\nmatch = v*.csv\r\nid = V\r\nperson = Ref No\r\n"
			   "event_type = visit\r\ndate = When\r\n";
	assert_int_equal(parse(text, &p, &err), CG_OK);
	assert_int_equal(p->ntables, 2);
	assert_string_equal(cg_profile_global(p, "date_format", NULL), "DD/MM/YYYY");
	assert_string_equal(cg_profile_global(p, "format", "csv"), "csv");
	assert_int_equal(p->tables[0].kind, CG_TABLE_PERSON);
	assert_string_equal(cg_profile_value(&p->tables[0], "id"), "Ref No");
	assert_string_equal(cg_profile_value(&p->tables[0], "forenames"), "FIRST + MIDDLE");
	assert_int_equal(cg_profile_line(&p->tables[0], "id"), 12);
	assert_int_equal(p->tables[1].kind, CG_TABLE_EVENT);
	assert_string_equal(cg_profile_value(&p->tables[1], "date"), "When");
	assert_null(cg_profile_value(&p->tables[1], "end_date"));
	cg_profile_free(p);
}

static void errors_name_line_and_reason(void **state)
{
	expect_error(GLOBALS "[t]\nkind = person\nmatch = *\nid = a\nsurnme = b\n",
		     "t.profile:10: a person table takes no key 'surnme'");
	expect_error(GLOBALS "[t]\nkind = edge\nmatch = *\nsource = a\ntarget = b\nkey = k\n",
		     "t.profile:11: an edge table takes no key 'key'");
	expect_error(GLOBALS "[t]\nkind = node\nmatch = *\nkey = k\nwhen = type=node\n",
		     "t.profile:10: 'when' picks JSON Lines rows: it needs format = jsonl");
	expect_error(GLOBALS "format = jsonl\n[t]\nkind = node\nmatch = *\nkey = k\nwhen = node\n",
		     "t.profile:11: 'when' must be FIELD=VALUE, not 'node'");
	expect_error(GLOBALS "[t]\nkind = person\nmatch = *\nsurname = b\n",
		     "t.profile:6: table [t] needs 'id'");
	expect_error(GLOBALS "[t]\nkind = pet\nmatch = *\n", "t.profile:6: kind 'pet'");
	expect_error(GLOBALS "[t]\nmatch = *\n", "has no 'kind'");
	expect_error(GLOBALS "[t]\nkind = person\nmatch = *\nid = a\n",
		     "needs 'surname' or 'forenames'");
	expect_error(GLOBALS "[t]\nkind = event\nmatch = *\nid = a\nperson = p\ndate = d\n",
		     "needs 'event_type' or 'type'");
	expect_error(GLOBALS "[t\n", "t.profile:6: a table name must end with ']'");
	expect_error(GLOBALS "just text\n", "t.profile:6: expected 'key = value'");
	expect_error(GLOBALS "colour = red\n", "t.profile:6: unknown global key 'colour'");
	expect_error(GLOBALS "format = xml\n[t]\nkind = person\nmatch = *\nid = a\nsurname = s\n",
		     "t.profile:6: format 'xml' is not allowed");
	expect_error(GLOBALS "delimiter = ;;\n[t]\nkind = person\nmatch = *\nid = a\nsurname = s\n",
		     "delimiter must be one character");
	expect_error(GLOBALS "[t]\nkind = person\nkind = event\n", "t.profile:8: 'kind' is set twice");
	expect_error(GLOBALS "[t]\nkind = person\nmatch = *\nid = a\nsurname = s\n[t]\n",
		     "table [t] appears twice");
	expect_error("source_system = S\n[t]\nkind = person\nmatch = *\nid = a\nsurname = s\n",
		     "global setting 'classification' is missing");
	expect_error(GLOBALS, "the profile has no [table]");
	expect_error(GLOBALS "id =\n", "key 'id' has no value");
}

static void builtin_profiles_are_valid(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	for (const char *const *name = cg_builtin_profiles; *name; name++) {
		struct cg_profile *p = NULL;
		if (cg_profile_load(*name, &p, &err) != CG_OK)
			fail_msg("%s: %s", *name, err.message);
		assert_true(p->ntables >= 2);
		cg_profile_free(p);
	}
	struct cg_profile *p = NULL;
	assert_int_equal(cg_profile_load("nosuch", &p, &err), CG_NOT_FOUND);
	assert_int_equal(cg_profile_load("/nonexistent/x.profile", &p, &err), CG_IO);
}

static void documented_keys_cover_the_tables(void **state)
{
	struct cg_profile_key k;
	size_t n = 0, globals = 0;
	while (cg_profile_key_at(n, &k)) {
		assert_non_null(k.what);
		globals += k.global;
		n++;
	}
	assert_true(n > 40);
	assert_true(globals >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_profile),
		cmocka_unit_test(errors_name_line_and_reason),
		cmocka_unit_test(builtin_profiles_are_valid),
		cmocka_unit_test(documented_keys_cover_the_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
