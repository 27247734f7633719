/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * http.h - the HTTP front end: `cg serve` (http layer).
 *
 * Serves the library as a JSON API under /api/v1 with libmicrohttpd: a
 * pool of worker threads, each with its own store connection (SQLite in
 * WAL mode lets them read in parallel; writers queue on the store's busy
 * timeout); sessions by cookie (with a CSRF token) or bearer token; the
 * justification for consultations with each request; security headers on
 * every response; optional TLS. docs/api.md describes the API for its
 * users and docs/openapi.yaml every route.
 *
 * Like the command line, this layer parses, calls the library and serves
 * the result; it holds no rule of its own about who may see what.
 */
#ifndef CG_HTTP_HTTP_H
#define CG_HTTP_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include "base/error.h"

#define CG_HTTP_LISTEN_DEFAULT "127.0.0.1:8080"
#define CG_HTTP_THREADS_DEFAULT 4
#define CG_HTTP_THREADS_MAX 64
/* Largest request body accepted: bigger ones are answered 413. */
#define CG_HTTP_BODY_MAX ((size_t)1 << 20)
/* Seconds an idle connection is kept. */
#define CG_HTTP_TIMEOUT_DEFAULT 30
/* Longest wait for requests in flight at shutdown before they are cut. */
#define CG_HTTP_DRAIN_SECONDS 30
/* Largest PEM file (certificate chain or key) read for TLS. */
#define CG_HTTP_PEM_MAX ((size_t)1 << 20)

struct cg_http_config {
	const char *db;            /* the store's location (cg_store_open) */
	const char *listen;        /* "HOST:PORT", HOST an IPv4 address or [IPv6];
				    * NULL: CG_HTTP_LISTEN_DEFAULT. Port 0 picks a free one. */
	unsigned threads;          /* worker threads, 1..CG_HTTP_THREADS_MAX; 0: default */
	const char *tls_cert_pem;  /* PEM text of the certificate (chain), or NULL */
	const char *tls_key_pem;   /* PEM text of its private key, or NULL */
	size_t body_max;           /* 0: CG_HTTP_BODY_MAX */
	unsigned timeout_seconds;  /* 0: CG_HTTP_TIMEOUT_DEFAULT */
	FILE *out;                 /* gets "listening on URL" once ready (flushed) */
	FILE *log;                 /* server-side failures, one line each */
};

/*
 * Runs the server until SIGTERM or SIGINT. Checks the store first (it
 * must be at this build's schema version), binds where told, prints
 * "listening on http://HOST:PORT" (https with TLS) to cfg->out, then waits
 * for a signal in this thread with both signals blocked in every thread.
 * On the signal it stops accepting connections, lets the requests in
 * flight finish (at most CG_HTTP_DRAIN_SECONDS), stops the workers, whose
 * store connections close as they exit, and returns CG_OK. Ignores
 * SIGPIPE for the process. CG_USAGE for a bad address or thread count,
 * CG_IO when the address cannot be bound or TLS is not available, store
 * errors as cg_store_open.
 */
enum cg_status cg_http_serve(const struct cg_http_config *cfg, struct cg_error *err);

/* Prints every registered route as "METHOD PATH", one per line, in table
 * order. */
void cg_http_print_routes(FILE *f);

#endif
