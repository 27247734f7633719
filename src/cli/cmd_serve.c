/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_serve.c - `cg serve`: the HTTP API (cli layer). Parses the options,
 * reads the TLS certificate and key into memory and hands over to
 * src/http/, which runs until SIGTERM or SIGINT.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "http/http.h"
#include "base/banned.h"

/* Reads a PEM file (at most CG_HTTP_PEM_MAX bytes) into buf. */
static enum cg_status read_pem(const char *opt, const char *path, struct cg_buf *buf,
			       struct cg_error *err)
{
	char chunk[4096];
	size_t n;
	enum cg_status rc = CG_OK;
	FILE *f = fopen(path, "rb");

	if (!f)
		return cg_fail(err, CG_IO, "--%s %s: cannot open", opt, path);
	cg_buf_init(buf, CG_HTTP_PEM_MAX);
	while (rc == CG_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = cg_buf_add(buf, chunk, n, NULL);
	if (rc == CG_OK && ferror(f))
		rc = cg_fail(err, CG_IO, "--%s %s: cannot read", opt, path);
	else if (rc)
		rc = cg_fail(err, CG_LIMIT, "--%s %s: larger than %zu bytes", opt, path,
			     CG_HTTP_PEM_MAX);
	else if (buf->len == 0 || strstr(buf->data, "-----BEGIN ") == NULL)
		rc = cg_fail(err, CG_INVALID, "--%s %s: not a PEM file", opt, path);
	fclose(f);
	return rc;
}

enum cg_status cmd_serve(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *listen = NULL, *threads = NULL, *cert = NULL, *key = NULL;
	bool routes = false;
	const struct cli_opt opts[] = {
		{ "listen", CLI_OPT_STRING, &listen, NULL },
		{ "threads", CLI_OPT_STRING, &threads, NULL },
		{ "tls-cert", CLI_OPT_STRING, &cert, NULL },
		{ "tls-key", CLI_OPT_STRING, &key, NULL },
		{ "routes", CLI_OPT_FLAG, NULL, &routes },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_buf cert_pem = CG_BUF_INIT, key_pem = CG_BUF_INIT;
	uint64_t nthreads = CG_HTTP_THREADS_DEFAULT;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_parse_uint("threads", threads, 1, CG_HTTP_THREADS_MAX, &nthreads, err);
	if (rc == CG_OK && !cert != !key)
		rc = cg_fail(err, CG_USAGE, "give both --tls-cert and --tls-key, or neither");
	if (rc)
		return rc;
	if (routes) {
		cg_http_print_routes(ctx->out);
		return CG_OK;
	}
	if (cert)
		rc = read_pem("tls-cert", cert, &cert_pem, err);
	if (rc == CG_OK && key)
		rc = read_pem("tls-key", key, &key_pem, err);
	if (rc == CG_OK) {
		struct cg_http_config cfg = {
			.db = ctx->db,
			.listen = listen,
			.threads = (unsigned)nthreads,
			.tls_cert_pem = cert ? cert_pem.data : NULL,
			.tls_key_pem = key ? key_pem.data : NULL,
			.out = ctx->out,
			.log = stderr,
		};
		rc = cg_http_serve(&cfg, err);
	}
	cg_buf_release(&cert_pem);
	/* The private key leaves no copy in freed memory. */
	if (key_pem.cap)
		sodium_memzero(key_pem.data, key_pem.cap);
	cg_buf_release(&key_pem);
	return rc;
}
