/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_http_static.c - unit tests for the web UI's embedded files
 * (src/http/static.c): which file a path gets, its Content-Type and ETag,
 * 304 on If-None-Match, 404 and 405; and that the UI's own files keep to
 * the rules the Content-Security-Policy and the "no HTML strings" rule of
 * web/dom.js rely on. tests/browser/ui.test.mjs drives the real thing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/embedded.h"
#include "http/http_internal.h"

/* A GET (or `method`) of `path` through the static file server. */
static void serve(struct http_call *c, const char *method, const char *path,
		  const char *if_none_match)
{
	memset(c, 0, sizeof(*c));
	c->method = method;
	c->path = path;
	c->if_none_match = if_none_match;
	http_static(c);
}

static const struct cg_embedded *file(const char *name)
{
	for (const struct cg_embedded *f = cg_web_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void the_ui_and_cytoscape_are_embedded(void **state)
{
	assert_non_null(file("index.html"));
	assert_non_null(file("app.js"));
	assert_non_null(file("app.css"));
	assert_non_null(file("cytoscape.min.js"));
}

static void paths_without_extension_get_the_application(void **state)
{
	const char *paths[] = { "/", "/person/12", "/network", "/a/b/c" };
	struct http_call c;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		serve(&c, "GET", paths[i], NULL);
		assert_int_equal(c.status, 200);
		assert_ptr_equal(c.raw, file("index.html")->data);
		assert_int_equal(c.raw_len, file("index.html")->size);
		assert_string_equal(c.raw_type, "text/html; charset=utf-8");
		assert_non_null(c.etag);
		assert_null(c.reply);
	}
	serve(&c, "HEAD", "/", NULL);
	assert_int_equal(c.status, 200);
}

static void files_get_their_type(void **state)
{
	struct http_call c;

	serve(&c, "GET", "/app.js", NULL);
	assert_int_equal(c.status, 200);
	assert_ptr_equal(c.raw, file("app.js")->data);
	assert_string_equal(c.raw_type, "text/javascript; charset=utf-8");
	serve(&c, "GET", "/app.css", NULL);
	assert_string_equal(c.raw_type, "text/css; charset=utf-8");
	serve(&c, "GET", "/cytoscape.min.js", NULL);
	assert_string_equal(c.raw_type, "text/javascript; charset=utf-8");
}

static void etags_revalidate(void **state)
{
	struct http_call c;
	char etag[32], both[80];

	serve(&c, "GET", "/app.js", NULL);
	snprintf(etag, sizeof(etag), "%s", c.etag);
	assert_int_equal(etag[0], '"');
	serve(&c, "GET", "/app.js", etag);
	assert_int_equal(c.status, 304);
	snprintf(both, sizeof(both), "\"0000000000000000\", %s", etag);
	serve(&c, "GET", "/app.js", both);
	assert_int_equal(c.status, 304);
	serve(&c, "GET", "/app.js", "*");
	assert_int_equal(c.status, 304);
	serve(&c, "GET", "/app.js", "\"0000000000000000\"");
	assert_int_equal(c.status, 200);
	/* another file, another tag */
	serve(&c, "GET", "/app.css", NULL);
	assert_string_not_equal(c.etag, etag);
}

static void unknown_files_and_methods_are_refused(void **state)
{
	const char *missing[] = { "/nothing.js", "/js/app.js", "/../app.js", "/app.js.map" };
	struct http_call c;

	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		serve(&c, "GET", missing[i], NULL);
		assert_int_equal(c.status, 404);
		assert_null(c.raw);
		assert_non_null(c.reply);
		http_call_release(&c);
	}
	serve(&c, "POST", "/", NULL);
	assert_int_equal(c.status, 405);
	assert_int_equal(c.allow, HTTP_GET);
	assert_string_equal(c.error_code, "METHOD_NOT_ALLOWED");
	http_call_release(&c);
}

static void api_paths_are_not_files(void **state)
{
	assert_true(http_is_api_path("/api/v1/persons/1"));
	assert_true(http_is_api_path("/api/"));
	assert_true(http_is_api_path("/api"));
	assert_false(http_is_api_path("/"));
	assert_false(http_is_api_path("/apiary"));
	assert_false(http_is_api_path("/app.js"));
}

/* Does `text` (size bytes) hold `needle`? */
static bool holds(const char *text, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(text + i, needle, n) == 0)
			return true;
	return false;
}

/*
 * The CSP refuses inline script and style, so the UI must not rely on
 * them; and no datum may be parsed as HTML, so no innerHTML or
 * document.write anywhere in our own files (Cytoscape.js is not ours).
 */
static void our_files_keep_to_the_csp(void **state)
{
	const struct cg_embedded *index = file("index.html");
	size_t scripts = 0;

	for (size_t i = 0; i + 7 <= index->size; i++)
		if (memcmp(index->data + i, "<script", 7) == 0) {
			const char *end = memchr(index->data + i, '>', index->size - i);
			assert_non_null(end);
			assert_true(holds(index->data + i, (size_t)(end - (index->data + i)), " src="));
			scripts++;
		}
	assert_true(scripts >= 1);
	for (const struct cg_embedded *f = cg_web_files; f->name; f++) {
		if (strcmp(f->name, "cytoscape.min.js") == 0)
			continue;
		assert_false(holds(f->data, f->size, "innerHTML"));
		assert_false(holds(f->data, f->size, "outerHTML"));
		assert_false(holds(f->data, f->size, "insertAdjacentHTML"));
		assert_false(holds(f->data, f->size, "document.write"));
		assert_false(holds(f->data, f->size, "eval("));
		assert_false(holds(f->data, f->size, " style=\""));
		assert_false(holds(f->data, f->size, "<style"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_ui_and_cytoscape_are_embedded),
		cmocka_unit_test(paths_without_extension_get_the_application),
		cmocka_unit_test(files_get_their_type),
		cmocka_unit_test(etags_revalidate),
		cmocka_unit_test(unknown_files_and_methods_are_refused),
		cmocka_unit_test(api_paths_are_not_files),
		cmocka_unit_test(our_files_keep_to_the_csp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
