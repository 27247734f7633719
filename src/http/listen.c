/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * listen.c - parsing --listen HOST:PORT into a socket address (http
 * layer). Numeric addresses only, so what is exposed never depends on
 * name resolution.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_internal.h"
#include "base/banned.h"

static bool parse_port(const char *s, unsigned *port)
{
	unsigned v = 0;
	if (!*s || strlen(s) > 5)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > 65535)
		return false;
	*port = v;
	return true;
}

enum cg_status http_listen_parse(const char *text, struct http_listen *out,
				 struct cg_error *err)
{
	const char *colon, *host = text;
	size_t hlen;
	unsigned port = 0;

	memset(out, 0, sizeof(*out));
	if (!text || !*text)
		goto bad;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close || close[1] != ':')
			goto bad;
		host = text + 1;
		hlen = (size_t)(close - host);
		colon = close + 1;
		out->ipv6 = true;
	} else {
		colon = strrchr(text, ':');
		if (!colon)
			goto bad;
		hlen = (size_t)(colon - text);
	}
	if (hlen == 0 || hlen >= sizeof(out->host) || !parse_port(colon + 1, &port))
		goto bad;
	memcpy(out->host, host, hlen);
	out->host[hlen] = '\0';
	if (out->ipv6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&out->addr;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, out->host, &a->sin6_addr) != 1)
			goto bad;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&out->addr;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, out->host, &a->sin_addr) != 1)
			goto bad;
	}
	return CG_OK;
bad:
	return cg_fail(err, CG_USAGE,
		       "--listen '%.80s': expected HOST:PORT with a numeric address, "
		       "e.g. 127.0.0.1:8080 or [::1]:8080 (port 0: any free port)",
		       text ? text : "");
}
