/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server.c - the HTTP server on libmicrohttpd (http layer); the only file
 * that includes <microhttpd.h>.
 *
 * Threads. A pool of worker threads each runs an event loop over its
 * connections (MHD_OPTION_THREAD_POOL_SIZE). A struct cg_store is for one
 * thread at a time, so each worker opens its own on its first request and
 * keeps it in thread-specific data, whose destructor closes it when the
 * worker exits at shutdown. SQLite in WAL mode lets the workers read in
 * parallel; writers (logins, audit entries, decisions) take the write lock
 * with BEGIN IMMEDIATE and wait on the store's busy timeout (5 s,
 * store/sqlite.c), so the audit chain, whose head is read inside that
 * lock, never forks.
 *
 * Limits. A body above cfg->body_max is read to its end and discarded,
 * then answered 413, so the client reads the answer instead of a reset
 * connection; a body declared or sent beyond BODY_DRAIN_MAX is not read
 * at all (answered at once, or the connection dropped). Idle connections
 * close after cfg->timeout_seconds; each connection's headers must fit in
 * CONNECTION_MEMORY.
 *
 * Shutdown. SIGTERM and SIGINT are blocked in every thread (the workers
 * inherit the mask) and the main thread waits for them with sigwait, so no
 * handler runs in signal context. On a signal the listening socket closes
 * (MHD_quiesce_daemon), answers from then on ask to close the connection,
 * the requests in flight finish (counted from their first call to the
 * end of their answer), and only then do the workers stop.
 */
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "http/http.h"
#include "http/http_internal.h"
#include "base/banned.h"

/* Beyond this a body is not even read to be discarded. */
#define BODY_DRAIN_MAX ((size_t)16 << 20)
/* Per-connection memory for headers and buffers (libmicrohttpd's pool). */
#define CONNECTION_MEMORY ((size_t)64 << 10)
/* Connections open at once, over all workers. */
#define CONNECTION_LIMIT 512

struct server {
	const struct cg_http_config *cfg;
	size_t body_max;
	bool tls;
	pthread_key_t store_key;
	unsigned char csrf_key[HTTP_CSRF_KEY_BYTES];
	atomic_int inflight;   /* requests between their first call and their end */
	atomic_bool stopping;  /* a signal came: answers close their connection */
	FILE *log;
};

/* One request while its body arrives. */
struct request {
	struct cg_buf body;  /* at most body_max bytes */
	size_t received;     /* bytes of body seen, kept or not */
	bool too_large;
};

/* ---- per-thread store ---- */

static void close_store(void *p)
{
	cg_store_close(p);
}

static enum cg_status thread_store(struct server *srv, struct cg_store **out,
				   struct cg_error *err)
{
	struct cg_store *st = pthread_getspecific(srv->store_key);
	enum cg_status rc = CG_OK;

	if (!st) {
		rc = cg_store_open(srv->cfg->db, CG_STORE_OPEN_EXISTING, &st, err);
		if (rc == CG_OK)
			rc = cg_store_require_current(st, err);
		if (rc == CG_OK && pthread_setspecific(srv->store_key, st) != 0)
			rc = cg_fail(err, CG_INTERNAL, "could not keep the worker's store");
		if (rc) {
			cg_store_close(st);
			st = NULL;
		}
	}
	*out = st;
	return rc;
}

/* ---- answering ---- */

static bool add_header(struct MHD_Response *r, const char *name, const char *value)
{
	return MHD_add_response_header(r, name, value) == MHD_YES;
}

static enum MHD_Result send_call(struct server *srv, struct MHD_Connection *conn,
				 const struct http_call *c)
{
	char *text = NULL;
	struct MHD_Response *r;
	bool api = c->path && http_is_api_path(c->path);
	bool ok = true;
	unsigned status = (unsigned)c->status;
	enum MHD_Result ret;

	if (c->raw) {
		/* A web UI file (static.c): static storage, sent as it is; a
		 * 304 carries no body. */
		r = MHD_create_response_from_buffer(status == 304 ? 0 : c->raw_len, (void *)c->raw,
						    c->raw_free ? MHD_RESPMEM_MUST_COPY
								: MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		ok = add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, c->raw_type);
		/* an export made for this request: no ETag; its name */
		if (ok && c->etag)
			ok = add_header(r, MHD_HTTP_HEADER_ETAG, c->etag) &&
			     add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
		if (ok && c->disposition[0])
			ok = add_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, c->disposition);
	} else {
		text = json_dumps(c->reply, JSON_COMPACT);
		if (!text) {
			text = cg_xstrdup("{\"error\":{\"code\":\"INTERNAL\",\"message\":"
					  "\"internal error\",\"field\":null}}");
			status = 500;
		}
		r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_COPY);
		free(text);
		if (!r)
			return MHD_NO;
		ok = add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	}
	for (const struct http_header *h = http_security_headers; ok && h->name; h++) {
		if ((h->when == HTTP_HDR_API && !api) || (h->when == HTTP_HDR_TLS && !srv->tls))
			continue;
		ok = add_header(r, h->name, h->value);
	}
	if (ok && c->set_cookie[0])
		ok = add_header(r, MHD_HTTP_HEADER_SET_COOKIE, c->set_cookie);
	/* RFC 6750: say how to authenticate (never Basic, which would make a
	 * browser prompt for a password outside the application). */
	if (ok && status == 401)
		ok = add_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"cg\"");
	if (ok && c->status == 405) {
		char allow[64];
		http_allow_text(c->allow, allow, sizeof(allow));
		ok = add_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	}
	if (ok && atomic_load(&srv->stopping))
		ok = add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = ok ? MHD_queue_response(conn, status, r) : MHD_NO;
	MHD_destroy_response(r);
	return ret;
}

/* An answer decided before the dispatcher runs (413, no store). */
static enum MHD_Result send_error(struct server *srv, struct MHD_Connection *conn,
				  const char *method, const char *url, enum cg_status rc,
				  const char *message)
{
	struct http_call c;
	struct cg_error err = CG_ERROR_INIT;
	enum MHD_Result ret;

	memset(&c, 0, sizeof(c));
	c.method = method;
	c.path = url;
	cg_fail(&err, rc, "%s", message);
	http_error_reply(&c, rc, &err, srv->log);
	ret = send_call(srv, conn, &c);
	http_call_release(&c);
	return ret;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct http_call *c = cls;
	(void)kind;
	if (c->nquery == HTTP_PARAMS_MAX) {
		c->query_overflow = true;
		return MHD_NO;
	}
	c->query[c->nquery].key = key;
	c->query[c->nquery].value = value;
	c->nquery++;
	return MHD_YES;
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result serve(struct server *srv, struct MHD_Connection *conn,
			     const char *url, const char *method, struct request *rq)
{
	struct http_call c;
	struct cg_error err = CG_ERROR_INIT;
	enum cg_status rc;
	enum MHD_Result ret;

	memset(&c, 0, sizeof(c));
	c.method = method;
	c.path = url;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &c);
	c.content_type = header(conn, MHD_HTTP_HEADER_CONTENT_TYPE);
	c.authorization = header(conn, MHD_HTTP_HEADER_AUTHORIZATION);
	c.cookie_token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "cg_session");
	c.csrf_header = header(conn, "X-CSRF-Token");
	c.justification_header = header(conn, "X-Justification");
	c.if_none_match = header(conn, MHD_HTTP_HEADER_IF_NONE_MATCH);
	c.body_text = rq->body.data;
	c.body_len = rq->body.len;
	c.tls = srv->tls;
	c.csrf_key = srv->csrf_key;
	c.log = srv->log;
	rc = thread_store(srv, &c.store, &err);
	if (rc == CG_OK)
		http_dispatch(&c);
	else
		http_error_reply(&c, rc, &err, srv->log);
	ret = send_call(srv, conn, &c);
	http_call_release(&c);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct request *rq = *con_cls;
	(void)version;

	if (!rq) {
		const char *length = header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH);
		rq = cg_xcalloc(1, sizeof(*rq));
		cg_buf_init(&rq->body, srv->body_max);
		*con_cls = rq;
		atomic_fetch_add(&srv->inflight, 1);
		/* Declared too big to be worth reading: answer now; the
		 * connection closes after the answer. */
		if (length && strtoull(length, NULL, 10) > BODY_DRAIN_MAX)
			return send_error(srv, conn, method, url, CG_LIMIT,
					  "the request body is larger than the server accepts");
		return MHD_YES;
	}
	if (*upload_size) {
		rq->received += *upload_size;
		if (!rq->too_large &&
		    cg_buf_add(&rq->body, upload_data, *upload_size, NULL) != CG_OK) {
			rq->too_large = true;
			cg_buf_release(&rq->body);
		}
		*upload_size = 0;
		/* A body without a declared length that goes on and on. */
		return rq->received > BODY_DRAIN_MAX ? MHD_NO : MHD_YES;
	}
	if (rq->too_large) {
		char message[96];
		snprintf(message, sizeof(message), "the request body is larger than %zu bytes",
			 srv->body_max);
		return send_error(srv, conn, method, url, CG_LIMIT, message);
	}
	return serve(srv, conn, url, method, rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct request *rq = *con_cls;
	(void)conn;
	(void)toe;
	if (!rq)
		return;
	cg_buf_release(&rq->body);
	free(rq);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct server *srv = cls;
	if (!srv->log)
		return;
	fprintf(srv->log, "cg serve: libmicrohttpd: ");
	vfprintf(srv->log, fmt, ap);
	if (fmt[0] && fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', srv->log);
}

/* ---- running ---- */

/* Checks the store once before binding, so a wrong --db fails at once. */
static enum cg_status check_store(const char *db, struct cg_error *err)
{
	struct cg_store *st = NULL;
	enum cg_status rc = cg_store_open(db, CG_STORE_OPEN_EXISTING, &st, err);
	if (rc == CG_OK)
		rc = cg_store_require_current(st, err);
	cg_store_close(st);
	return rc;
}

static struct MHD_Daemon *start(struct server *srv, const struct http_listen *where,
				struct cg_error *err)
{
	const struct cg_http_config *cfg = srv->cfg;
	unsigned threads = cfg->threads ? cfg->threads : CG_HTTP_THREADS_DEFAULT;
	unsigned timeout = cfg->timeout_seconds ? cfg->timeout_seconds : CG_HTTP_TIMEOUT_DEFAULT;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;
	struct MHD_OptionItem opts[12];
	size_t n = 0;
	struct MHD_Daemon *d;

	if (srv->tls)
		flags |= MHD_USE_TLS;
	if (where->ipv6)
		flags |= MHD_USE_IPv6;
	/* The logger first, so that no message goes to libmicrohttpd's own. */
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, srv };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, (void *)&where->addr };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)timeout, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT,
					     (intptr_t)CONNECTION_MEMORY, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, CONNECTION_LIMIT, NULL };
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed,
					     srv };
	if (threads > 1)
		opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads,
						     NULL };
	if (srv->tls) {
		opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0,
						     (void *)cfg->tls_key_pem };
		opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0,
						     (void *)cfg->tls_cert_pem };
	}
	opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_ARRAY, opts,
			     MHD_OPTION_END);
	if (!d)
		cg_fail(err, CG_IO,
			"could not serve on %s (address in use or not available, or a bad TLS "
			"certificate or key)",
			cfg->listen ? cfg->listen : CG_HTTP_LISTEN_DEFAULT);
	return d;
}

/* Waits while requests are in flight, at most CG_HTTP_DRAIN_SECONDS. */
static void drain(struct server *srv)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (int i = 0; i < CG_HTTP_DRAIN_SECONDS * 100 && atomic_load(&srv->inflight) > 0; i++)
		nanosleep(&tick, NULL);
}

enum cg_status cg_http_serve(const struct cg_http_config *cfg, struct cg_error *err)
{
	struct server srv;
	struct http_listen where;
	struct MHD_Daemon *d;
	struct sigaction ignore;
	sigset_t stop;
	const union MHD_DaemonInfo *info;
	int sig = 0;
	enum cg_status rc;

	memset(&srv, 0, sizeof(srv));
	srv.cfg = cfg;
	srv.body_max = cfg->body_max ? cfg->body_max : CG_HTTP_BODY_MAX;
	srv.tls = cfg->tls_cert_pem != NULL;
	srv.log = cfg->log;
	atomic_init(&srv.inflight, 0);
	atomic_init(&srv.stopping, false);
	if (cfg->threads > CG_HTTP_THREADS_MAX)
		return cg_fail(err, CG_USAGE, "--threads: at most %d", CG_HTTP_THREADS_MAX);
	if (!cfg->tls_cert_pem != !cfg->tls_key_pem)
		return cg_fail(err, CG_USAGE, "give both --tls-cert and --tls-key, or neither");
	rc = http_listen_parse(cfg->listen ? cfg->listen : CG_HTTP_LISTEN_DEFAULT, &where, err);
	if (rc)
		return rc;
	if (srv.tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return cg_fail(err, CG_IO, "this libmicrohttpd was built without TLS");
	if (sodium_init() < 0)
		return cg_fail(err, CG_INTERNAL, "libsodium could not start");
	/* jansson seeds its hash function on first use; do it before the
	 * workers race to. */
	json_object_seed(0);
	rc = check_store(cfg->db, err);
	if (rc)
		return rc;
	randombytes_buf(srv.csrf_key, sizeof(srv.csrf_key));
	if (pthread_key_create(&srv.store_key, close_store) != 0)
		return cg_fail(err, CG_INTERNAL, "could not create the workers' store key");

	/* A peer that goes away must not kill the server. */
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ignore, NULL);
	/* Blocked before the workers start, so they inherit it and the
	 * signals reach only sigwait below. Left blocked on return: a second
	 * signal during shutdown must not end the process mid-way. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	d = start(&srv, &where, err);
	if (!d) {
		pthread_key_delete(srv.store_key);
		return CG_IO;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(cfg->out, "listening on %s://%s%s%s:%u\n", srv.tls ? "https" : "http",
		where.ipv6 ? "[" : "", where.host, where.ipv6 ? "]" : "",
		info ? (unsigned)info->port : 0u);
	fflush(cfg->out);

	while (sigwait(&stop, &sig) != 0)
		;
	MHD_socket listener = MHD_quiesce_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	atomic_store(&srv.stopping, true);
	drain(&srv);
	if (atomic_load(&srv.inflight) > 0 && srv.log)
		fprintf(srv.log, "cg serve: %d requests still in flight after %d s; stopping\n",
			atomic_load(&srv.inflight), CG_HTTP_DRAIN_SECONDS);
	/* Joins the workers; their stores close as they exit. */
	MHD_stop_daemon(d);
	pthread_key_delete(srv.store_key);
	sodium_memzero(srv.csrf_key, sizeof(srv.csrf_key));
	return CG_OK;
}
