/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * auth.c - credentials as the server sees them: bearer tokens, CSRF tokens
 * and the principal shown to its user (http layer). Sessions themselves
 * (login, resolution, logout) are access/session.c's.
 *
 * CSRF. A browser sends the session cookie with every request to the
 * server, including requests another site makes it send. SameSite=Strict
 * already keeps the cookie off cross-site requests in current browsers;
 * as a second, independent defence every state-changing request
 * authenticated by the cookie must carry header X-CSRF-Token with a value
 * another site cannot know: the BLAKE2b hash of the session token keyed
 * with 32 random bytes drawn when the server starts (libsodium
 * crypto_generichash), as base64url. The value is derived, not stored, so
 * it needs no table and dies with the session; another site cannot compute
 * it without the token and the key, and reading it from a response is what
 * the same-origin policy forbids. A restart draws a new key, so clients
 * fetch the token again from GET /api/v1/session/me (which answers it).
 * Bearer requests need no CSRF token: a browser never adds an
 * Authorization header on its own.
 */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "access/trust.h"
#include "http/http_internal.h"
#include "base/banned.h"

_Static_assert(HTTP_CSRF_TOKEN_SIZE ==
		       sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	       "a CSRF token is 43 base64url characters and a NUL");

void http_csrf_token(const unsigned char key[HTTP_CSRF_KEY_BYTES], const char *session_token,
		     char out[HTTP_CSRF_TOKEN_SIZE])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)session_token,
			   strlen(session_token), key, HTTP_CSRF_KEY_BYTES);
	sodium_bin2base64(out, HTTP_CSRF_TOKEN_SIZE, h, sizeof(h),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(h, sizeof(h));
}

bool http_csrf_check(const unsigned char key[HTTP_CSRF_KEY_BYTES], const char *session_token,
		     const char *presented)
{
	char want[HTTP_CSRF_TOKEN_SIZE];
	bool ok;

	if (!presented || strlen(presented) != HTTP_CSRF_TOKEN_SIZE - 1)
		return false;
	http_csrf_token(key, session_token, want);
	ok = sodium_memcmp(want, presented, HTTP_CSRF_TOKEN_SIZE - 1) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

const char *http_bearer_token(const char *header)
{
	if (!header || strncasecmp(header, "Bearer ", 7) != 0)
		return NULL;
	header += 7;
	while (*header == ' ')
		header++;
	return *header ? header : NULL;
}

/* "a,b" into a JSON array of strings. */
static json_t *split_list(const char *s)
{
	json_t *arr = json_array();
	while (s && *s) {
		size_t n = strcspn(s, ",");
		if (n)
			json_array_append_new(arr, json_stringn(s, n));
		s += n + (s[n] == ',');
	}
	return arr;
}

json_t *http_principal_json(const struct cg_principal *p)
{
	json_t *roles = json_array();
	for (int i = 0; i < CG_ROLE_COUNT; i++)
		if (p->roles & (1u << i))
			json_array_append_new(roles, json_string(cg_role_name((enum cg_role)(1u << i))));
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:o}", "user", p->username, "agency",
			 p->agency_code, "agency_type", cg_agency_type_name(p->agency_type), "roles",
			 roles, "clearance", cg_classification_name(p->clearance), "compartments",
			 split_list(p->compartments));
}
