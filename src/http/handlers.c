/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * handlers.c - small helpers the route handlers share: reading query
 * parameters and body fields, setting the reply, naming the field of an
 * error (http layer).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_internal.h"
#include "model/label.h"
#include "base/banned.h"

const char *http_query(const struct http_call *c, const char *key)
{
	for (size_t i = 0; i < c->nquery; i++)
		if (strcmp(c->query[i].key, key) == 0)
			return c->query[i].value;
	return NULL;
}

enum cg_status http_query_uint(struct http_call *c, const char *key, uint64_t min, uint64_t max,
			       uint64_t *out, struct cg_error *err)
{
	const char *s = http_query(c, key);
	char *end = NULL;
	unsigned long long v;

	if (!s)
		return CG_OK;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || *s == '+' || v < min || v > max)
		return http_fail_field(c, key, CG_INVALID, err,
				       "%s: expected a whole number from %" PRIu64 " to %" PRIu64, key,
				       min, max);
	*out = v;
	return CG_OK;
}

const char *http_body_str(const struct http_call *c, const char *key)
{
	return c->body ? json_string_value(json_object_get(c->body, key)) : NULL;
}

enum cg_status http_reply(struct http_call *c, int status, json_t *reply)
{
	json_decref(c->reply);
	c->reply = reply;
	c->status = status;
	return CG_OK;
}

enum cg_status http_fail_field(struct http_call *c, const char *field, enum cg_status rc,
			       struct cg_error *err, const char *fmt, ...)
{
	va_list ap;

	snprintf(c->field_buf, sizeof(c->field_buf), "%s", field);
	c->field = c->field_buf;
	va_start(ap, fmt);
	cg_failv(err, rc, fmt, ap);
	va_end(ap);
	return rc;
}

json_t *http_flags_json(const struct cg_flag *flags, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "agency", flags[i].agency_code,
						     "agency_name", flags[i].agency_name, "contact",
						     flags[i].contact));
	return arr;
}
