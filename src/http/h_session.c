/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_session.c - POST, DELETE /api/v1/session and GET /api/v1/session/me
 * (http layer): logging in and out over HTTP with access/session.c.
 *
 * The session token goes to the browser only as a cookie it cannot read
 * from script (HttpOnly), that it never sends on a request another site
 * starts (SameSite=Strict), and over HTTPS only when the server has TLS
 * (Secure). An API client asks for the token in the body with
 * {"token": true} and sends it back as "Authorization: Bearer TOKEN".
 */
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "http/http_internal.h"
#include "base/banned.h"

/* The Set-Cookie value for a new session, or one that clears it (token
 * NULL). */
static void session_cookie(struct http_call *c, const char *token, int64_t max_age)
{
	snprintf(c->set_cookie, sizeof(c->set_cookie),
		 "cg_session=%s; Max-Age=%" PRId64 "; Path=/; HttpOnly; SameSite=Strict%s",
		 token ? token : "", token ? max_age : 0, c->tls ? "; Secure" : "");
}

/* The principal and the session's CSRF token, as login and me answer. */
static json_t *session_json(struct http_call *c, const struct cg_principal *who,
			    const char *token)
{
	char csrf[HTTP_CSRF_TOKEN_SIZE];
	json_t *o = http_principal_json(who);
	http_csrf_token(c->csrf_key, token, csrf);
	json_object_set_new(o, "csrf_token", json_string(csrf));
	sodium_memzero(csrf, sizeof(csrf));
	return o;
}

HTTP_HANDLER(h_session_login)
{
	const char *username = http_body_str(c, "username");
	const char *password = http_body_str(c, "password");
	json_t *ttl_value = json_object_get(c->body, "ttl");
	bool want_token = json_is_true(json_object_get(c->body, "token"));
	json_int_t ttl = json_is_integer(ttl_value) ? json_integer_value(ttl_value) : 0;
	char token[CG_SESSION_TOKEN_SIZE];
	struct cg_principal who;
	enum cg_status rc;

	if (!username || !*username)
		return http_fail_field(c, "username", CG_INVALID, err, "username: required");
	if (!password)
		return http_fail_field(c, "password", CG_INVALID, err, "password: required");
	rc = cg_login(c->store, username, password, (int64_t)ttl, token, err);
	if (rc)
		return rc;
	cg_principal_init(&who);
	rc = cg_session_resolve(c->store, token, &who, err);
	if (rc == CG_OK) {
		json_t *o = session_json(c, &who, token);
		if (want_token)
			json_object_set_new(o, "token", json_string(token));
		session_cookie(c, token, ttl ? (int64_t)ttl : CG_SESSION_DEFAULT_TTL);
		http_reply(c, 200, o);
	}
	cg_principal_release(&who);
	sodium_memzero(token, sizeof(token));
	return rc;
}

HTTP_HANDLER(h_session_logout)
{
	enum cg_status rc = cg_logout(c->store, c->token, err);
	if (rc)
		return rc;
	session_cookie(c, NULL, 0);
	return http_reply(c, 200, json_pack("{s:b}", "logged_out", 1));
}

HTTP_HANDLER(h_session_me)
{
	return http_reply(c, 200, session_json(c, &c->ctx.who, c->token));
}
