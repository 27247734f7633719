/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reply.c - what every response carries and how a failure is answered
 * (http layer).
 *
 * Errors are one JSON shape, {"error": {"code", "message", "field"}}, with
 * the status from base/error.h's table, so the command line's exit status
 * and the API's HTTP status can never disagree about a failure. The
 * library names the field an input error is about at the start of its
 * message ("source evaluation: '4' is not 1, 2 or 3"); the route's row
 * says which JSON fields exist, so the same words become "field":
 * "source_evaluation" without a second list of messages.
 *
 * A failure on the server's side (store, input/output, internal) is logged
 * in full and answered with the table's generic text: its detail (SQL,
 * file names) is for the operator, not the client.
 */
#include <ctype.h>
#include <string.h>

#include "http/http_internal.h"
#include "base/banned.h"

/*
 * The Content-Security-Policy allows scripts, styles and images only from
 * the server itself (no inline script, so an injected <script> cannot
 * run), no plugins, no framing by any site (clickjacking) and no <base>
 * rewriting. no-store keeps API answers, which hold personal data, out of
 * browser and proxy caches. HSTS only over HTTPS (RFC 6797 ignores it on
 * plain HTTP).
 */
const struct http_header http_security_headers[] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
	  HTTP_HDR_ALWAYS },
	{ "X-Content-Type-Options", "nosniff", HTTP_HDR_ALWAYS },
	{ "X-Frame-Options", "DENY", HTTP_HDR_ALWAYS },
	{ "Referrer-Policy", "no-referrer", HTTP_HDR_ALWAYS },
	{ "Cache-Control", "no-store", HTTP_HDR_API },
	{ "Strict-Transport-Security", "max-age=31536000", HTTP_HDR_TLS },
	{ NULL, NULL, 0 },
};

/*
 * Library words that do not become the route's field by snake case alone,
 * tried in order where the route has no field of the words' own name. A
 * row matches the words or their start ("session lifetime 0 s" starts
 * with "session lifetime"), and only where the route has its field.
 */
static const struct {
	const char *words; /* in snake case */
	const char *field;
} field_aliases[] = {
	{ "intelligence_assessment", "intel_assessment" }, /* POST /intel */
	{ "intelligence_assessment", "assessment" },       /* GET /intel */
	{ "source_evaluation", "source" },                 /* GET /intel */
	{ "session_lifetime", "ttl" },                     /* POST /session */
	{ "why", "reason" },
	/* the network builder's words for its filters (graph/external.c) */
	{ "window", "from" },
	{ "minimum_grading", "min_grading" },
	{ "ocgs", "ocg" },
	{ "agencies", "agency" },
	{ "weights", "weight" },
	{ "custody_only", "setting" },
};

/* Are `snake`'s first words `words`? */
static bool starts_with_words(const char *snake, const char *words)
{
	size_t n = strlen(words);
	return strncmp(snake, words, n) == 0 && (snake[n] == '\0' || snake[n] == '_');
}

static bool route_has_field(const struct http_route *r, const char *name)
{
	if (strcmp(name, "justification") == 0)
		return true;
	for (const struct http_field *f = r && r->body ? r->body : NULL; f && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return true;
	return r && http_query_allowed(r, name);
}

const char *http_field_from_message(const char *message, const struct http_route *r, char *buf,
				    size_t size)
{
	size_t n = strcspn(message, ":");

	if (message[n] != ':' || n == 0 || n >= size)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)message[i];
		if (ch == ' ' || ch == '-')
			buf[i] = '_';
		else if (isalnum(ch) || ch == '_')
			buf[i] = (char)tolower(ch);
		else
			return NULL;
	}
	buf[n] = '\0';
	if (route_has_field(r, buf))
		return buf;
	for (size_t i = 0; i < sizeof(field_aliases) / sizeof(field_aliases[0]); i++)
		if (starts_with_words(buf, field_aliases[i].words) &&
		    route_has_field(r, field_aliases[i].field)) {
			snprintf(buf, size, "%s", field_aliases[i].field);
			return buf;
		}
	return NULL;
}

/* The command line's wording of where a justification goes, for HTTP. */
static void http_wording(char *msg, size_t size)
{
	static const char cli[] = "(--reason)";
	char *at = strstr(msg, cli);
	if (at)
		snprintf(at, size - (size_t)(at - msg), "(X-Justification header)");
}

/* A JSON string of text that may hold bytes from the client: when they
 * are not UTF-8, the bytes beyond ASCII become '?'. Never NULL. */
static json_t *safe_string(const char *text)
{
	char copy[CG_ERROR_MESSAGE_MAX];
	json_t *j = json_string(text);
	size_t i;

	if (j)
		return j;
	for (i = 0; text[i] && i < sizeof(copy) - 1; i++)
		copy[i] = (unsigned char)text[i] < 0x80 ? text[i] : '?';
	copy[i] = '\0';
	return json_string(copy);
}

void http_error_reply(struct http_call *c, enum cg_status rc, const struct cg_error *err,
		      FILE *log)
{
	char message[CG_ERROR_MESSAGE_MAX];
	int status = c->status >= 400 ? c->status : cg_status_http(rc);
	const char *code = c->error_code ? c->error_code : cg_status_name(rc);
	const char *field = c->field;

	snprintf(message, sizeof(message), "%s",
		 err && err->message[0] ? err->message : cg_status_message(rc));
	if (status >= 500) {
		if (log)
			fprintf(log, "cg serve: %s %s: %s: %s\n", c->method, c->path, code, message);
		snprintf(message, sizeof(message), "%s", cg_status_message(rc));
		field = NULL;
	} else {
		http_wording(message, sizeof(message));
		/* A consultation without a justification: the library's check
		 * names it in prose; the client needs the field. */
		if (!field && rc == CG_INVALID && c->has_ctx && !c->ctx.justification &&
		    strstr(message, "justification"))
			field = "justification";
		if (!field)
			field = http_field_from_message(message, c->route, c->field_buf,
							sizeof(c->field_buf));
	}
	json_decref(c->reply);
	c->status = status;
	c->reply = json_pack("{s:{s:s, s:o, s:o}}", "error", "code", code, "message",
			     safe_string(message), "field", field ? safe_string(field) : json_null());
}
