/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dispatch.c - the steps every request goes through before and after its
 * handler (http layer), in one place so no handler can skip one (Redis's
 * processCommand). See http_internal.h for the order and why.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http/http_internal.h"
#include "base/banned.h"

/* Is the Content-Type JSON ("application/json", parameters allowed)? */
static bool is_json_type(const char *ct)
{
	size_t n = strlen("application/json");
	if (!ct || strncasecmp(ct, "application/json", n) != 0)
		return false;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/* Who is asking: the bearer token, else the session cookie. */
static enum cg_status authenticate(struct http_call *c, struct cg_error *err)
{
	const char *bearer = http_bearer_token(c->authorization);

	if (bearer) {
		c->token = bearer;
	} else if (c->cookie_token && *c->cookie_token) {
		c->token = c->cookie_token;
		c->via_cookie = true;
	} else {
		return cg_fail(err, CG_AUTH,
			       "log in first: send the session cookie or an Authorization: Bearer token");
	}
	memset(&c->ctx, 0, sizeof(c->ctx));
	c->ctx.store = c->store;
	cg_principal_init(&c->ctx.who);
	c->has_ctx = true;
	return cg_session_resolve(c->store, c->token, &c->ctx.who, err);
}

/*
 * Cookie-authenticated requests that change state must prove they come
 * from a page of ours (auth.c explains the token). Bearer requests cannot
 * be forged by another site, and safe methods change nothing.
 */
static enum cg_status check_csrf(struct http_call *c, struct cg_error *err)
{
	if (!c->via_cookie || !http_method_changes_state(c->route->method))
		return CG_OK;
	if (http_csrf_check(c->csrf_key, c->token, c->csrf_header))
		return CG_OK;
	c->field = "X-CSRF-Token";
	return cg_fail(err, CG_DENIED,
		       "missing or wrong X-CSRF-Token header: a request authenticated by the session "
		       "cookie that changes something must carry the csrf_token of the session");
}

/*
 * Every query parameter must be one the route lists, with a value
 * ("?limit" alone is not "no limit") and at most once: handlers read the
 * first occurrence, so a second one would be silently ignored.
 */
static enum cg_status check_query(struct http_call *c, struct cg_error *err)
{
	if (c->query_overflow)
		return cg_fail(err, CG_LIMIT, "more than %d query parameters", HTTP_PARAMS_MAX);
	for (size_t i = 0; i < c->nquery; i++) {
		const char *key = c->query[i].key, *problem = NULL;
		if (!http_query_allowed(c->route, key))
			problem = "unknown query parameter";
		else if (!c->query[i].value)
			problem = "needs a value (KEY=VALUE)";
		for (size_t j = 0; !problem && j < i; j++)
			if (strcmp(c->query[j].key, key) == 0)
				problem = "given more than once";
		if (problem)
			return http_fail_field(c, key, CG_INVALID, err, "%.60s: %s", key, problem);
	}
	return CG_OK;
}

static enum cg_status read_body(struct http_call *c, struct cg_error *err)
{
	if (c->body_len && c->route->body && !is_json_type(c->content_type)) {
		c->status = 415;
		c->error_code = "UNSUPPORTED_MEDIA_TYPE";
		c->field = "Content-Type";
		return cg_fail(err, CG_INVALID, "the body must be JSON: Content-Type: application/json");
	}
	return http_body_parse(c->body_text, c->body_len, c->route->body, &c->body, &c->field,
			       c->field_buf, sizeof(c->field_buf), err);
}

/* The justification: header X-Justification, else the body's field. */
static enum cg_status justify(struct http_call *c, struct cg_error *err)
{
	const char *why = c->justification_header;
	enum cg_status rc;

	if (!why || !*why)
		why = http_body_str(c, "justification");
	rc = cg_ctx_set_justification(&c->ctx, why, err);
	if (rc)
		c->field = "justification";
	return rc;
}

void http_dispatch(struct http_call *c)
{
	struct cg_error err = CG_ERROR_INIT;
	enum cg_status rc = CG_OK;
	char allow[64];

	/* Outside /api/ are only the web UI's files, which hold no data:
	 * no session, no route table (static.c). */
	if (!http_is_api_path(c->path)) {
		http_static(c);
		return;
	}
	c->route = http_route_find(c->method, c->path, &c->id, c->name_buf, sizeof(c->name_buf),
				   &c->allow);
	if (!c->route && c->allow) {
		http_allow_text(c->allow, allow, sizeof(allow));
		c->status = 405;
		c->error_code = "METHOD_NOT_ALLOWED";
		rc = cg_fail(&err, CG_INVALID, "%s is not allowed here; allowed: %s", c->method, allow);
	} else if (!c->route) {
		rc = cg_fail(&err, CG_NOT_FOUND, "no such resource: %.200s", c->path);
	}
	if (rc == CG_OK) {
		c->name = c->name_buf[0] ? c->name_buf : NULL;
		if (!(c->route->flags & HTTP_PUBLIC)) {
			rc = authenticate(c, &err);
			if (rc == CG_OK)
				rc = check_csrf(c, &err);
			if (rc == CG_OK && c->route->roles)
				rc = cg_ctx_require_role(&c->ctx, c->route->roles, c->path, &err);
		}
	}
	if (rc == CG_OK)
		rc = check_query(c, &err);
	if (rc == CG_OK)
		rc = read_body(c, &err);
	if (rc == CG_OK && c->has_ctx)
		rc = justify(c, &err);
	if (rc == CG_OK) {
		c->status = 200;
		rc = c->route->run(c, &err);
	}
	/* Nothing half-done stays behind a request: the library commits or
	 * rolls back its own transactions, so one still open is a bug. */
	CG_ASSERT(cg_store_tx_depth(c->store) == 0);
	/* Every handler answers a body; none means building it failed. */
	if (rc == CG_OK && !c->reply && !c->raw)
		rc = cg_fail(&err, CG_INTERNAL, "could not build the JSON answer");
	if (rc != CG_OK)
		http_error_reply(c, rc, &err, c->log);
}

void http_call_release(struct http_call *c)
{
	if (c->has_ctx)
		cg_ctx_release(&c->ctx);
	c->has_ctx = false;
	json_decref(c->body);
	c->body = NULL;
	json_decref(c->reply);
	c->reply = NULL;
	if (c->raw_free)
		free((void *)c->raw);
	c->raw = NULL;
	c->raw_free = false;
}
