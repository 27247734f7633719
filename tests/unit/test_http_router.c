/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_http_router.c - unit tests for the HTTP layer's pure parts: the
 * route table and its matching (404 and 405 with Allow), the JSON body
 * checks that name the field, naming the field of a library message, CSRF
 * and bearer tokens, and --listen parsing. No server runs here;
 * tests/http/test_api.py drives the real one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <stdlib.h>

#include "http/http.h"
#include "http/http_internal.h"

static const struct http_route *find(const char *method, const char *path, int64_t *id,
				     char *name, unsigned *allow)
{
	char scratch[128];
	return http_route_find(method, path, id, name ? name : scratch, 128, allow);
}

static void table_rows_are_well_formed(void **state)
{
	size_t n = 0;
	for (const struct http_route *r = http_routes; r->path; r++, n++) {
		assert_non_null(r->run);
		assert_int_equal(strncmp(r->path, "/api/v1/", 8), 0);
		/* one method per row */
		assert_true(r->method && (r->method & (r->method - 1)) == 0);
		/* a GET changes nothing and so takes no body */
		if (r->method == HTTP_GET)
			assert_null(r->body);
		/* no two rows answer the same request */
		for (const struct http_route *q = http_routes; q != r; q++)
			assert_false(q->method == r->method && strcmp(q->path, r->path) == 0);
	}
	assert_true(n >= 20);
}

static void matches_literal_and_parameters(void **state)
{
	int64_t id = 0;
	unsigned allow = 0;
	char name[128];
	const struct http_route *r;

	r = find("GET", "/api/v1/persons/42", &id, NULL, &allow);
	assert_non_null(r);
	assert_string_equal(r->path, "/api/v1/persons/{id}");
	assert_int_equal(id, 42);
	r = find("GET", "/api/v1/persons/42/risk/history", &id, NULL, &allow);
	assert_non_null(r);
	assert_string_equal(r->path, "/api/v1/persons/{id}/risk/history");
	/* "search" is a literal segment, never an id */
	r = find("GET", "/api/v1/records/search", &id, NULL, &allow);
	assert_non_null(r);
	assert_string_equal(r->path, "/api/v1/records/search");
	assert_int_equal(id, 0);
	r = find("GET", "/api/v1/audit/users/dc.khan", &id, name, &allow);
	assert_non_null(r);
	assert_string_equal(name, "dc.khan");
	r = find("POST", "/api/v1/intel/7/approve", &id, NULL, &allow);
	assert_non_null(r);
	assert_int_equal(id, 7);
}

static void refuses_what_is_not_a_route(void **state)
{
	int64_t id = 0;
	unsigned allow = 0;
	const char *paths[] = {
		"/api/v1/persons/0", "/api/v1/persons/-1", "/api/v1/persons/abc",
		"/api/v1/persons/007", "/api/v1/persons/1234567890123456789",
		"/api/v1/persons/42/", "/api/v1/persons", "/api/v1/persons//risk",
		"/api/v2/intel", "/", "", "/api/v1/audit/users/",
	};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_null(find("GET", paths[i], &id, NULL, &allow));
		assert_int_equal(allow, 0);
	}
	/* a name longer than any username is no resource */
	char longer[300] = "/api/v1/audit/users/";
	memset(longer + strlen(longer), 'a', 200);
	assert_null(find("GET", longer, &id, NULL, &allow));
}

static void wrong_method_lists_the_allowed_ones(void **state)
{
	int64_t id = 0;
	unsigned allow = 0;
	char text[64];

	assert_null(find("PUT", "/api/v1/intel", &id, NULL, &allow));
	assert_int_equal(allow, HTTP_GET | HTTP_POST);
	http_allow_text(allow, text, sizeof(text));
	assert_string_equal(text, "GET, POST");
	assert_null(find("GET", "/api/v1/intel/3/approve", &id, NULL, &allow));
	assert_int_equal(allow, HTTP_POST);
	assert_null(find("BREW", "/api/v1/session", &id, NULL, &allow));
	assert_int_equal(allow, HTTP_POST | HTTP_DELETE);
	assert_true(http_method_changes_state(HTTP_DELETE));
	assert_false(http_method_changes_state(HTTP_GET));
}

static const struct http_field fields[] = {
	{ "text", HTTP_T_STRING }, { "mopi_group", HTTP_T_INT }, { "subjects", HTTP_T_ARRAY },
	{ "token", HTTP_T_BOOL },  { NULL, 0 },
};

static enum cg_status parse(const char *text, const struct http_field *f, json_t **out,
			    const char **field, struct cg_error *err)
{
	static char buf[80];
	return http_body_parse(text, strlen(text), f, out, field, buf, sizeof(buf), err);
}

static void body_shape_is_checked(void **state)
{
	struct cg_error err = CG_ERROR_INIT;
	const char *field = NULL;
	json_t *body = NULL;

	assert_int_equal(parse("", fields, &body, &field, &err), CG_OK);
	assert_true(json_is_object(body) && json_object_size(body) == 0);
	json_decref(body);
	assert_int_equal(parse("{\"text\": \"x\", \"mopi_group\": 3, \"subjects\": [],"
			       " \"token\": true, \"justification\": \"why\"}",
			       fields, &body, &field, &err),
			 CG_OK);
	assert_int_equal(json_object_size(body), 5);
	json_decref(body);
	/* null is absent, whatever the type */
	assert_int_equal(parse("{\"mopi_group\": null}", fields, &body, &field, &err), CG_OK);
	json_decref(body);

	assert_int_equal(parse("{\"text\": \"x\",\n \"mopi_group\": }", fields, &body, &field, &err),
			 CG_INVALID);
	assert_null(body);
	assert_non_null(strstr(err.message, "line 2, column"));
	assert_int_equal(parse("{\"a\": 1, \"a\": 2}", fields, &body, &field, &err), CG_INVALID);
	assert_int_equal(parse("[1]", fields, &body, &field, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "object"));
	assert_int_equal(parse("{\"text\": \"a\\u0000b\"}", fields, &body, &field, &err),
			 CG_INVALID);

	assert_int_equal(parse("{\"colour\": \"red\"}", fields, &body, &field, &err), CG_INVALID);
	assert_string_equal(field, "colour");
	assert_int_equal(parse("{\"mopi_group\": \"3\"}", fields, &body, &field, &err), CG_INVALID);
	assert_string_equal(field, "mopi_group");
	assert_non_null(strstr(err.message, "whole number"));
	assert_int_equal(parse("{\"mopi_group\": 3.5}", fields, &body, &field, &err), CG_INVALID);
	assert_int_equal(parse("{\"text\": 1}", fields, &body, &field, &err), CG_INVALID);
	assert_string_equal(field, "text");
	assert_int_equal(parse("{\"justification\": 1}", fields, &body, &field, &err), CG_INVALID);
	assert_string_equal(field, "justification");

	/* a route without a body refuses one */
	assert_int_equal(parse("", NULL, &body, &field, &err), CG_OK);
	assert_null(body);
	assert_int_equal(parse("{}", NULL, &body, &field, &err), CG_INVALID);
}

static const struct http_route *route_of(const char *method, const char *path)
{
	int64_t id;
	unsigned allow;
	return find(method, path, &id, NULL, &allow);
}

static void library_messages_name_the_field(void **state)
{
	const struct http_route *add = route_of("POST", "/api/v1/intel");
	const struct http_route *search = route_of("GET", "/api/v1/records/search");
	char buf[80];

	assert_string_equal(http_field_from_message("source evaluation: '4' is not 1, 2 or 3", add,
						    buf, sizeof(buf)),
			    "source_evaluation");
	assert_string_equal(http_field_from_message("intelligence assessment: required (A to E)",
						    add, buf, sizeof(buf)),
			    "intel_assessment");
	assert_string_equal(http_field_from_message("MoPI group: required, 1 to 4", add, buf,
						    sizeof(buf)),
			    "mopi_group");
	assert_string_equal(http_field_from_message("handling conditions: bad", add, buf,
						    sizeof(buf)),
			    "handling_conditions");
	assert_string_equal(http_field_from_message("dob: required (YYYY-MM-DD)", search, buf,
						    sizeof(buf)),
			    "dob");
	/* the same words name the route's own parameter elsewhere */
	const struct http_route *intel = route_of("GET", "/api/v1/intel");
	const struct http_route *login = route_of("POST", "/api/v1/session");
	const struct http_route *graph = route_of("GET", "/api/v1/graph/summary");
	assert_string_equal(http_field_from_message("source evaluation: give digits of 1, 2, 3",
						    intel, buf, sizeof(buf)),
			    "source");
	assert_string_equal(http_field_from_message("intelligence assessment: give letters of A-E",
						    intel, buf, sizeof(buf)),
			    "assessment");
	assert_string_equal(http_field_from_message("session lifetime -5 s: must be 1 to 9", login,
						    buf, sizeof(buf)),
			    "ttl");
	assert_string_equal(http_field_from_message("minimum grading: not graded", graph, buf,
						    sizeof(buf)),
			    "min_grading");
	assert_string_equal(http_field_from_message("agencies: one owner", graph, buf, sizeof(buf)),
			    "agency");
	/* an alias is only for a route that has its field; a word that
	 * merely starts like an alias is not one */
	assert_null(http_field_from_message("session lifetime 0 s: bad", add, buf, sizeof(buf)));
	assert_null(http_field_from_message("windows: open", graph, buf, sizeof(buf)));
	/* words that are no field of the route are no field */
	assert_null(http_field_from_message("record search: give a name", search, buf, sizeof(buf)));
	assert_null(http_field_from_message("text: required", search, buf, sizeof(buf)));
	assert_null(http_field_from_message("no colon here", add, buf, sizeof(buf)));
	assert_null(http_field_from_message("a/b: odd", add, buf, sizeof(buf)));
	assert_string_equal(http_field_from_message("justification: too long", NULL, buf,
						    sizeof(buf)),
			    "justification");
}

static void csrf_tokens_bind_key_and_session(void **state)
{
	unsigned char key[HTTP_CSRF_KEY_BYTES], other[HTTP_CSRF_KEY_BYTES];
	char a[HTTP_CSRF_TOKEN_SIZE], b[HTTP_CSRF_TOKEN_SIZE];

	memset(key, 1, sizeof(key));
	memset(other, 2, sizeof(other));
	http_csrf_token(key, "cgs_session-one", a);
	assert_int_equal(strlen(a), HTTP_CSRF_TOKEN_SIZE - 1);
	http_csrf_token(key, "cgs_session-one", b);
	assert_string_equal(a, b);
	assert_true(http_csrf_check(key, "cgs_session-one", a));
	assert_false(http_csrf_check(key, "cgs_session-two", a));
	assert_false(http_csrf_check(other, "cgs_session-one", a));
	assert_false(http_csrf_check(key, "cgs_session-one", NULL));
	assert_false(http_csrf_check(key, "cgs_session-one", ""));
	b[10] = b[10] == 'A' ? 'B' : 'A';
	assert_false(http_csrf_check(key, "cgs_session-one", b));
	a[HTTP_CSRF_TOKEN_SIZE - 2] = '\0';
	assert_false(http_csrf_check(key, "cgs_session-one", a));
}

static void bearer_tokens(void **state)
{
	assert_string_equal(http_bearer_token("Bearer cgs_x"), "cgs_x");
	assert_string_equal(http_bearer_token("bearer   cgs_x"), "cgs_x");
	assert_null(http_bearer_token("Basic dXNlcjpwYXNz"));
	assert_null(http_bearer_token("Bearer "));
	assert_null(http_bearer_token("Bearercgs_x"));
	assert_null(http_bearer_token(NULL));
}

static void listen_addresses(void **state)
{
	struct http_listen l;
	struct cg_error err = CG_ERROR_INIT;

	assert_int_equal(http_listen_parse("127.0.0.1:8080", &l, &err), CG_OK);
	assert_false(l.ipv6);
	assert_string_equal(l.host, "127.0.0.1");
	assert_int_equal(ntohs(((struct sockaddr_in *)&l.addr)->sin_port), 8080);
	assert_int_equal(http_listen_parse("127.0.0.1:0", &l, &err), CG_OK);
	assert_int_equal(http_listen_parse("[::1]:443", &l, &err), CG_OK);
	assert_true(l.ipv6);
	assert_string_equal(l.host, "::1");
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&l.addr)->sin6_port), 443);
	const char *bad[] = { "", "127.0.0.1", "localhost:80", "127.0.0.1:65536", ":80",
			      "127.0.0.1:-1", "127.0.0.1:8o", "[::1]80", "::1:80", "[::1]:",
			      "300.1.1.1:80", "127.0.0.1:123456" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(http_listen_parse(bad[i], &l, &err), CG_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_rows_are_well_formed),
		cmocka_unit_test(matches_literal_and_parameters),
		cmocka_unit_test(refuses_what_is_not_a_route),
		cmocka_unit_test(wrong_method_lists_the_allowed_ones),
		cmocka_unit_test(body_shape_is_checked),
		cmocka_unit_test(library_messages_name_the_field),
		cmocka_unit_test(csrf_tokens_bind_key_and_session),
		cmocka_unit_test(bearer_tokens),
		cmocka_unit_test(listen_addresses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
