/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * body.c - reading a request's JSON body and query parameters against the
 * route's row (http layer).
 *
 * jansson parses (duplicate keys refused, NUL bytes in strings refused, so
 * every string can go to the library as a C string); this file checks the
 * shape: an object, only the fields the route lists (plus
 * "justification"), each of its type. Values are the library's business:
 * it validates content and names the field that failed.
 */
#include <string.h>

#include "http/http_internal.h"
#include "base/banned.h"

static const char *type_name(enum http_type t)
{
	switch (t) {
	case HTTP_T_STRING: return "a string";
	case HTTP_T_INT: return "a whole number";
	case HTTP_T_BOOL: return "true or false";
	case HTTP_T_ARRAY: return "an array";
	case HTTP_T_OBJECT: return "an object";
	}
	return "?";
}

static bool has_type(const json_t *v, enum http_type t)
{
	switch (t) {
	case HTTP_T_STRING: return json_is_string(v);
	case HTTP_T_INT: return json_is_integer(v);
	case HTTP_T_BOOL: return json_is_boolean(v);
	case HTTP_T_ARRAY: return json_is_array(v);
	case HTTP_T_OBJECT: return json_is_object(v);
	}
	return false;
}

/* Every body may carry the justification for what it asks. */
static const struct http_field justification_field = { "justification", HTTP_T_STRING };

static const struct http_field *find_field(const struct http_field *fields, const char *key)
{
	if (strcmp(key, justification_field.name) == 0)
		return &justification_field;
	for (; fields->name; fields++)
		if (strcmp(fields->name, key) == 0)
			return fields;
	return NULL;
}

/* Copies a field name for the error (a client's key, so bounded). */
static const char *name_copy(const char *key, char *buf, size_t size)
{
	snprintf(buf, size, "%s", key);
	return buf;
}

enum cg_status http_body_parse(const char *text, size_t len, const struct http_field *fields,
			       json_t **out, const char **field, char *field_buf,
			       size_t field_size, struct cg_error *err)
{
	json_error_t jerr;
	json_t *body, *v;
	const char *key;

	*out = NULL;
	*field = NULL;
	if (!fields) {
		if (len)
			return cg_fail(err, CG_INVALID, "this request takes no body");
		return CG_OK;
	}
	if (len == 0) {
		*out = json_object();
		return CG_OK;
	}
	body = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!body)
		return cg_fail(err, CG_INVALID, "malformed JSON at line %d, column %d: %s",
			       jerr.line, jerr.column, jerr.text);
	if (!json_is_object(body)) {
		json_decref(body);
		return cg_fail(err, CG_INVALID, "the body must be a JSON object");
	}
	json_object_foreach(body, key, v) {
		const struct http_field *f = find_field(fields, key);
		if (!f) {
			*field = name_copy(key, field_buf, field_size);
			cg_fail(err, CG_INVALID, "%s: unknown field", field_buf);
			json_decref(body);
			return CG_INVALID;
		}
		if (!json_is_null(v) && !has_type(v, f->type)) {
			*field = f->name;
			cg_fail(err, CG_INVALID, "%s: must be %s", f->name, type_name(f->type));
			json_decref(body);
			return CG_INVALID;
		}
	}
	*out = body;
	return CG_OK;
}

bool http_query_allowed(const struct http_route *r, const char *name)
{
	for (const char *const *q = r->query; q && *q; q++)
		if (strcmp(*q, name) == 0)
			return true;
	return false;
}
