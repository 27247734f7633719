/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * router.c - matching a request's method and path against the route table
 * (http layer). Paths are compared segment by segment; see struct
 * http_route for the parameter syntax. No allocation, no libmicrohttpd, so
 * the unit tests drive it directly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "http/http_internal.h"
#include "base/banned.h"

static const struct {
	unsigned bit;
	const char *name;
} methods[] = {
	{ HTTP_GET, "GET" },     { HTTP_POST, "POST" },     { HTTP_PUT, "PUT" },
	{ HTTP_PATCH, "PATCH" }, { HTTP_DELETE, "DELETE" },
};
#define NMETHODS (sizeof(methods) / sizeof(methods[0]))

unsigned http_method_parse(const char *name)
{
	for (size_t i = 0; name && i < NMETHODS; i++)
		if (strcmp(name, methods[i].name) == 0)
			return methods[i].bit;
	return 0;
}

const char *http_method_name(unsigned method)
{
	for (size_t i = 0; i < NMETHODS; i++)
		if (methods[i].bit == method)
			return methods[i].name;
	return "?";
}

bool http_method_changes_state(unsigned method)
{
	return method != HTTP_GET;
}

/* A positive decimal id of at most 18 digits (no sign, no leading zero). */
static bool parse_id(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	if (len == 0 || len > 18 || s[0] == '0')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/*
 * Does `path` match `pattern`? Sets *id and the {name} segment (start and
 * length) on a match. Both start with '/'; a trailing '/' on the path is
 * not the same path.
 */
static bool match(const char *pattern, const char *path, int64_t *id, const char **name,
		  size_t *name_len)
{
	const char *p = pattern, *q = path;

	while (*p && *q) {
		if (*p != '/' || *q != '/')
			return false;
		p++;
		q++;
		size_t plen = strcspn(p, "/"), qlen = strcspn(q, "/");
		if (plen == 4 && memcmp(p, "{id}", 4) == 0) {
			if (!parse_id(q, qlen, id))
				return false;
		} else if (plen == 6 && memcmp(p, "{name}", 6) == 0) {
			if (qlen == 0)
				return false;
			*name = q;
			*name_len = qlen;
		} else if (plen != qlen || memcmp(p, q, plen) != 0) {
			return false;
		}
		p += plen;
		q += qlen;
	}
	return *p == '\0' && *q == '\0';
}

const struct http_route *http_route_find(const char *method, const char *path, int64_t *id,
					 char *name, size_t name_size, unsigned *allow)
{
	unsigned m = http_method_parse(method);

	*id = 0;
	name[0] = '\0';
	*allow = 0;
	for (const struct http_route *r = http_routes; r->path; r++) {
		int64_t rid = 0;
		const char *nm = NULL;
		size_t nlen = 0;
		if (!match(r->path, path, &rid, &nm, &nlen))
			continue;
		if (r->method != m) {
			*allow |= r->method;
			continue;
		}
		/* No name is that long: no such resource. */
		if (nm && nlen >= name_size)
			continue;
		if (nm) {
			memcpy(name, nm, nlen);
			name[nlen] = '\0';
		}
		*id = rid;
		*allow = 0;
		return r;
	}
	return NULL;
}

void http_allow_text(unsigned set, char *buf, size_t size)
{
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < NMETHODS; i++) {
		if (!(set & methods[i].bit))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", methods[i].name);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}

void cg_http_print_routes(FILE *f)
{
	for (const struct http_route *r = http_routes; r->path; r++)
		fprintf(f, "%s %s\n", http_method_name(r->method), r->path);
}
