/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * static.c - the web UI's files, compiled into the binary (http layer).
 *
 * cmake/embed.cmake puts the .html, .css and .js files of web/ and
 * Cytoscape.js from web/node_modules into cg_web_files (base/embedded.h),
 * so the one `cg` binary is the whole deployment. Every path outside /api/ is answered
 * from that table before the route table is consulted: "/" and any path
 * without a file extension get index.html (the UI routes on the URL's
 * #fragment, which the browser never sends, so a bookmarked or reloaded
 * page still opens the application), a known file name gets that file,
 * and any other name with an extension is 404, so a missing script fails
 * loudly instead of arriving as HTML.
 *
 * No session is needed: the files hold no data, and every datum the UI
 * shows comes from /api/ under the same rules as any client. Answers carry
 * the security headers of every answer (reply.c; the CSP forbids inline
 * scripts and styles, which is why the UI has none), an ETag (FNV-1a of
 * the content) and Cache-Control: no-cache, so a browser revalidates with
 * If-None-Match and gets 304 until a new binary serves new files.
 */
#include <pthread.h>
#include <string.h>

#include "base/embedded.h"
#include "base/hash.h"
#include "http/http_internal.h"
#include "base/banned.h"

/* More files than this is a build mistake (the ETag table is static). */
#define STATIC_FILES_MAX 64

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
};

static char etags[STATIC_FILES_MAX][24];
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

/* Once per process: the embedded files do not change while it runs. */
static void compute_etags(void)
{
	for (size_t i = 0; cg_web_files[i].name; i++) {
		CG_ASSERT(i < STATIC_FILES_MAX);
		snprintf(etags[i], sizeof(etags[i]), "\"%016llx\"",
			 (unsigned long long)cg_fnv1a(cg_web_files[i].data, cg_web_files[i].size));
	}
}

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* The table's row for `name` (no directory), or -1. */
static int find(const char *name, size_t len)
{
	for (int i = 0; cg_web_files[i].name; i++)
		if (strlen(cg_web_files[i].name) == len && memcmp(cg_web_files[i].name, name, len) == 0)
			return i;
	return -1;
}

/* Does If-None-Match (a list of tags, or "*") name `etag`? */
static bool matches(const char *if_none_match, const char *etag)
{
	if (!if_none_match)
		return false;
	if (strcmp(if_none_match, "*") == 0)
		return true;
	return strstr(if_none_match, etag) != NULL;
}

bool http_is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

void http_static(struct http_call *c)
{
	struct cg_error err = CG_ERROR_INIT;
	const char *name = c->path + 1;
	size_t len = strlen(name);
	bool has_ext = len && strchr(name, '.') != NULL;
	int i;

	pthread_once(&etags_once, compute_etags);
	if (strcmp(c->method, "GET") != 0 && strcmp(c->method, "HEAD") != 0) {
		c->status = 405;
		c->allow = HTTP_GET;
		c->error_code = "METHOD_NOT_ALLOWED";
		cg_fail(&err, CG_INVALID, "%s is not allowed here; allowed: GET", c->method);
		http_error_reply(c, CG_INVALID, &err, c->log);
		return;
	}
	/* Files live at the top level only; a '/' in a name is never one. */
	i = has_ext && !strchr(name, '/') ? find(name, len) : -1;
	if (!has_ext)
		i = find("index.html", strlen("index.html"));
	if (i < 0) {
		cg_fail(&err, CG_NOT_FOUND, "no such file: %.200s", c->path);
		http_error_reply(c, CG_NOT_FOUND, &err, c->log);
		return;
	}
	c->raw = cg_web_files[i].data;
	c->raw_len = cg_web_files[i].size;
	c->raw_type = content_type(cg_web_files[i].name);
	c->etag = etags[i];
	c->status = matches(c->if_none_match, etags[i]) ? 304 : 200;
}
