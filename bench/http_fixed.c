/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * http_fixed.c - the yardstick of bench/http.sh (issue 8): a minimal
 * libmicrohttpd server that answers every request with one fixed body,
 * started with the thread-pool settings `cg serve` uses (src/http/server.c:
 * internal polling threads in a pool, one event loop per worker, the same
 * connection timeout, memory and connection limits). What it costs is
 * libmicrohttpd and the kernel; what `cg serve` costs beyond it is ours.
 *
 * usage: bench_http_fixed PORT THREADS BODY_FILE
 *   Listens on 127.0.0.1:PORT (0: a free port), prints "listening on
 *   http://127.0.0.1:PORT" and serves BODY_FILE as application/json until
 *   SIGTERM or SIGINT.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As src/http/server.c and http.h. */
#define CONNECTION_MEMORY ((size_t)64 << 10)
#define CONNECTION_LIMIT 512
#define TIMEOUT_SECONDS 30

static char *body;
static size_t body_len;

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_size, void **con_cls)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	(void)upload_data;
	/* first call: headers only (as cg serve, which waits for a body) */
	if (!*con_cls) {
		*con_cls = (void *)1;
		return MHD_YES;
	}
	*upload_size = 0;
	r = MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

int main(int argc, char **argv)
{
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t stop;
	int sig = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_http_fixed PORT THREADS BODY_FILE\n");
		return 2;
	}
	unsigned port = (unsigned)strtoul(argv[1], NULL, 10);
	unsigned threads = (unsigned)strtoul(argv[2], NULL, 10);
	body = read_file(argv[3], &body_len);
	if (!body || port > 65535 || threads < 1 || threads > 64) {
		fprintf(stderr, "bench_http_fixed: bad port, thread count or body file\n");
		return 2;
	}
	/* signals only to sigwait below, as cg serve does */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_OptionItem opts[] = {
		{ MHD_OPTION_SOCK_ADDR, 0, &addr },
		{ MHD_OPTION_CONNECTION_TIMEOUT, TIMEOUT_SECONDS, NULL },
		{ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)CONNECTION_MEMORY, NULL },
		{ MHD_OPTION_CONNECTION_LIMIT, CONNECTION_LIMIT, NULL },
		{ threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, (intptr_t)threads,
		  NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
				     MHD_USE_ERROR_LOG,
			     0, NULL, NULL, answer, NULL, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bench_http_fixed: could not listen on 127.0.0.1:%u\n", port);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://127.0.0.1:%u\n", info ? (unsigned)info->port : port);
	fflush(stdout);
	while (sigwait(&stop, &sig) != 0)
		;
	MHD_stop_daemon(d);
	free(body);
	return 0;
}
