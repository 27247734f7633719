/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * http_internal.h - what the files of src/http/ share (http front end).
 *
 * The server (server.c) is the only file that speaks libmicrohttpd. It
 * turns each request into a `struct http_call` and hands it to the
 * dispatcher (dispatch.c), which does everything a handler must not be
 * able to forget, in this order: find the route (404, or 405 with Allow),
 * authenticate (401), check the CSRF token of a cookie-authenticated
 * state-changing request (403), check the query parameters and the JSON
 * body against the route's row (400 naming the field), set up the library
 * context with the justification, run the handler, and turn its status
 * into a JSON error. Handlers (h_*.c) only read the call, call the
 * library and put a JSON reply into the call: the rules (visibility,
 * roles, audit, validation of content) stay in the library.
 *
 * One route is one row of http_routes[] (routes.c) and one handler; the
 * same table answers `cg serve --routes`, which a test compares with
 * docs/openapi.yaml both ways.
 */
#ifndef CG_HTTP_INTERNAL_H
#define CG_HTTP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <sys/socket.h>

#include "access/account.h"
#include "access/context.h"
#include "base/buf.h"
#include "base/error.h"
#include "store/store.h"

/* Methods as bits, so a path's methods can be gathered for Allow. */
enum http_method {
	HTTP_GET = 1 << 0,
	HTTP_POST = 1 << 1,
	HTTP_PUT = 1 << 2,
	HTTP_PATCH = 1 << 3,
	HTTP_DELETE = 1 << 4,
};

/* The method's bit for its name ("GET"), 0 for any other method. */
unsigned http_method_parse(const char *name);
/* "GET", ... for one bit. */
const char *http_method_name(unsigned method);
/* Safe methods (RFC 9110) change nothing; every other one may. This is
 * the table's "changes state" column: it decides where CSRF applies. */
bool http_method_changes_state(unsigned method);

/* JSON types a body field may have; null always counts as absent. */
enum http_type { HTTP_T_STRING, HTTP_T_INT, HTTP_T_BOOL, HTTP_T_ARRAY, HTTP_T_OBJECT };

/* One field a route's JSON body may carry. */
struct http_field {
	const char *name;
	enum http_type type;
};

struct http_call;
typedef enum cg_status (*http_handler)(struct http_call *c, struct cg_error *err);

/* Route flags. */
enum {
	HTTP_PUBLIC = 1 << 0, /* no session needed (logging in) */
};

/*
 * One route. `path` is literal segments and parameters: {id} matches a
 * positive decimal id (into call->id), {name} any non-empty segment (into
 * call->name). A literal segment wins over a parameter, and an {id} never
 * matches "search", so the table has no ambiguity. `query` and `body` list
 * what the route accepts; anything else is refused, naming it. Every body
 * may also carry "justification".
 */
struct http_route {
	unsigned method;                 /* one enum http_method bit */
	const char *path;                /* "/api/v1/persons/{id}" */
	http_handler run;
	unsigned flags;                  /* HTTP_PUBLIC */
	unsigned roles;                  /* enum cg_role bits, one of which the user must
					  * hold where the library has no rule of its own;
					  * 0: any user (the library decides) */
	const char *const *query;        /* accepted query parameters, NULL-terminated; NULL: none */
	const struct http_field *body;   /* accepted body fields, name NULL ends; NULL: no body */
};

extern const struct http_route http_routes[];

/* The routes' fields, parameters and names of library fields: the words a
 * library message starts with, mapped to the JSON field they came from. */
#define HTTP_PARAMS_MAX 32

/* A path parameter or query parameter, borrowed for the request. */
struct http_param {
	const char *key;
	const char *value;
};

/*
 * One request as the dispatcher and handlers see it. The server fills the
 * request part; the dispatcher the route, parameters, store and context;
 * the handler the reply. Everything borrowed lives until the reply is sent.
 */
struct http_call {
	/* the request (server.c) */
	const char *method;              /* as sent */
	const char *path;                /* decoded path, no query */
	struct http_param query[HTTP_PARAMS_MAX];
	size_t nquery;
	bool query_overflow;             /* more than HTTP_PARAMS_MAX parameters */
	const char *content_type;        /* NULL when absent */
	const char *authorization;       /* Authorization header or NULL */
	const char *cookie_token;        /* the cg_session cookie or NULL */
	const char *csrf_header;         /* X-CSRF-Token or NULL */
	const char *justification_header; /* X-Justification or NULL */
	const char *if_none_match;       /* If-None-Match or NULL (static files) */
	const char *body_text;           /* the body, NUL-terminated ("" when none) */
	size_t body_len;
	bool tls;                        /* the connection is HTTPS */
	struct cg_store *store;          /* this thread's store */
	const unsigned char *csrf_key;   /* the server's CSRF key (HTTP_CSRF_KEY_BYTES) */
	FILE *log;                       /* server-side failures go here; may be NULL */

	/* set by the dispatcher */
	const struct http_route *route;
	int64_t id;                      /* {id}; 0 when the route has none */
	const char *name;                /* {name}; NULL when none */
	char name_buf[128];              /* storage for name */
	json_t *body;                    /* the parsed body object; NULL without one */
	const char *token;               /* the session token presented; NULL on public routes */
	bool via_cookie;                 /* authenticated by cookie (so CSRF applies) */
	struct cg_ctx ctx;               /* the principal and justification */
	bool has_ctx;

	/* the answer (handlers and dispatcher) */
	int status;                      /* HTTP status; 0 until decided */
	json_t *reply;                   /* owned: the JSON body sent */
	const char *field;               /* the field an error is about, or NULL */
	char field_buf[80];              /* storage for a field name built at run time */
	char set_cookie[256];            /* Set-Cookie value, "" for none */
	unsigned allow;                  /* 405: the methods the path has */
	const char *error_code;          /* an error code outside the table
					  * (METHOD_NOT_ALLOWED, ...), or NULL */
	/* a file of the web UI instead of JSON (static.c); all static storage */
	const char *raw;                 /* the body, or NULL for the JSON reply */
	size_t raw_len;
	const char *raw_type;            /* its Content-Type */
	const char *etag;                /* its ETag, quoted */
	/* or a file made for this request (a network export, h_graph_export.c):
	 * raw malloc'd, freed by http_call_release, no ETag */
	bool raw_free;
	char disposition[96];            /* Content-Disposition, "" for none */
};

/* ---- dispatch.c ---- */

/* Runs the call through the steps above; always leaves call->status and
 * call->reply set (an error reply on failure). */
void http_dispatch(struct http_call *c);

/* Frees what the dispatcher and handler left in the call. */
void http_call_release(struct http_call *c);

/* ---- static.c ---- */

/* Is `path` under /api/ (the JSON API), not the web UI's files? */
bool http_is_api_path(const char *path);

/* Answers a GET or HEAD of the web UI's embedded files: the file, or
 * index.html for a path without a file extension, with its type and
 * ETag (304 when If-None-Match names it); 404 for an unknown file, 405
 * for other methods. Needs no session and no store. */
void http_static(struct http_call *c);

/* ---- router.c ---- */

/*
 * Finds the route for method and path. On a match returns it and sets *id
 * and `name` (name_size bytes; "" when the route has no {name}) from the
 * path's parameters. Otherwise returns NULL and sets *allow to the methods
 * the path has under other methods (0: no such path).
 */
const struct http_route *http_route_find(const char *method, const char *path, int64_t *id,
					 char *name, size_t name_size, unsigned *allow);

/* Writes "GET, POST" for a set of methods into buf. */
void http_allow_text(unsigned methods, char *buf, size_t size);

/* ---- body.c ---- */

/*
 * Parses `text` (len bytes) as the JSON object a route accepts. Malformed
 * JSON is CG_INVALID with jansson's line, column and reason; a body that
 * is not an object, a field the route does not list and a field of the
 * wrong type are CG_INVALID naming the field in *field (static or into
 * field_buf). `fields` NULL: the route takes no body, so any non-empty
 * text is refused. An empty text is an empty object. *out receives a new
 * reference (NULL when fields is NULL).
 */
enum cg_status http_body_parse(const char *text, size_t len, const struct http_field *fields,
			       json_t **out, const char **field, char *field_buf,
			       size_t field_size, struct cg_error *err);

/* Is `name` one of the route's query parameters? */
bool http_query_allowed(const struct http_route *r, const char *name);

/* ---- reply.c ---- */

/* A header every response carries (or only /api/ ones, or only HTTPS). */
struct http_header {
	const char *name;
	const char *value;
	unsigned when; /* HTTP_HDR_ALWAYS, HTTP_HDR_API, HTTP_HDR_TLS */
};
enum { HTTP_HDR_ALWAYS = 0, HTTP_HDR_API = 1, HTTP_HDR_TLS = 2 };
extern const struct http_header http_security_headers[];

/*
 * Makes call's reply the JSON error for `rc` and err: the status from the
 * error table (or call->error_code's own), {"error": {"code", "message",
 * "field"}}. The field is call->field, or else the JSON field a library
 * message names ("source evaluation: ..." -> "source_evaluation") when the
 * route accepts such a field. Messages of server-side failures (5xx) are
 * replaced by the table's generic text; the detail goes to `log`.
 */
void http_error_reply(struct http_call *c, enum cg_status rc, const struct cg_error *err,
		      FILE *log);

/* The field or query parameter of route `r` a library message is about:
 * its words before the first ':' in snake case when the route has such a
 * field, else the field reply.c's table of aliases gives for those words
 * ("source evaluation" -> "source" on GET /intel); NULL when the route has
 * neither. Writes into buf. */
const char *http_field_from_message(const char *message, const struct http_route *r,
				    char *buf, size_t size);

/* ---- auth.c ---- */

#define HTTP_CSRF_KEY_BYTES 32
/* base64url of a 32-byte BLAKE2b hash, no padding, and a NUL */
#define HTTP_CSRF_TOKEN_SIZE 44

/* The CSRF token of a session token under the server's key. */
void http_csrf_token(const unsigned char key[HTTP_CSRF_KEY_BYTES], const char *session_token,
		     char out[HTTP_CSRF_TOKEN_SIZE]);

/* Does `presented` equal the session's CSRF token (constant time)? */
bool http_csrf_check(const unsigned char key[HTTP_CSRF_KEY_BYTES], const char *session_token,
		     const char *presented);

/* The token of "Authorization: Bearer TOKEN" (scheme case-insensitive),
 * or NULL. Points into `header`. */
const char *http_bearer_token(const char *header);

/* The principal as JSON: user, agency, agency_type, roles, clearance,
 * compartments (new reference). */
json_t *http_principal_json(const struct cg_principal *p);

/* ---- helpers for handlers (handlers.c) ---- */

/* The value of query parameter `key`, or NULL. */
const char *http_query(const struct http_call *c, const char *key);

/* Query parameter `key` as a whole number in [min, max]; leaves *out
 * alone when absent. CG_INVALID naming the parameter otherwise. */
enum cg_status http_query_uint(struct http_call *c, const char *key, uint64_t min, uint64_t max,
			       uint64_t *out, struct cg_error *err);

/* A string member of the body, or NULL (absent or null). */
const char *http_body_str(const struct http_call *c, const char *key);

/* Sets the reply (taking the reference) and status. Returns CG_OK. */
enum cg_status http_reply(struct http_call *c, int status, json_t *reply);

/* Records the field an error is about and returns `rc` through cg_fail. */
enum cg_status http_fail_field(struct http_call *c, const char *field, enum cg_status rc,
			       struct cg_error *err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* {"agency", "agency_name", "contact"} for each flag, as the CLI prints
 * them (new reference). */
struct cg_flag;
json_t *http_flags_json(const struct cg_flag *flags, size_t n);

/* ---- listen.c ---- */

/* Where to listen, as parsed from "HOST:PORT". */
struct http_listen {
	struct sockaddr_storage addr; /* AF_INET or AF_INET6, with the port */
	bool ipv6;
	char host[64];                /* as given, brackets removed */
};

/*
 * Parses "HOST:PORT": HOST a numeric IPv4 address or a bracketed numeric
 * IPv6 address ("[::1]"), PORT 0 to 65535 (0: any free port). Names are
 * refused: the operator says exactly which interface is exposed.
 * CG_USAGE naming the problem otherwise.
 */
enum cg_status http_listen_parse(const char *text, struct http_listen *out,
				 struct cg_error *err);

/* ---- the handlers (h_*.c), in table order ---- */
#define HTTP_HANDLER(fn) enum cg_status fn(struct http_call *c, struct cg_error *err)
HTTP_HANDLER(h_session_login);
HTTP_HANDLER(h_session_logout);
HTTP_HANDLER(h_session_me);
HTTP_HANDLER(h_person_show);
HTTP_HANDLER(h_person_risk);
HTTP_HANDLER(h_person_risk_history);
HTTP_HANDLER(h_record_search);
HTTP_HANDLER(h_record_show);
HTTP_HANDLER(h_intel_search);
HTTP_HANDLER(h_intel_show);
HTTP_HANDLER(h_intel_add);
HTTP_HANDLER(h_intel_approve);
HTTP_HANDLER(h_intel_reject);
HTTP_HANDLER(h_ocg_list);
HTTP_HANDLER(h_ocg_show);
HTTP_HANDLER(h_link_review_list);
HTTP_HANDLER(h_link_review_decide);
HTTP_HANDLER(h_audit_consulted);
HTTP_HANDLER(h_audit_subject);
HTTP_HANDLER(h_audit_record);
HTTP_HANDLER(h_audit_user);
HTTP_HANDLER(h_audit_verify);
/* network analysis (h_graph*.c) */
HTTP_HANDLER(h_graph_summary);
HTTP_HANDLER(h_graph_metrics);
HTTP_HANDLER(h_graph_links);
HTTP_HANDLER(h_graph_communities);
HTTP_HANDLER(h_graph_path);
HTTP_HANDLER(h_graph_neighbourhood);
HTTP_HANDLER(h_graph_connect);
HTTP_HANDLER(h_graph_brokers);
HTTP_HANDLER(h_graph_crossovers);
HTTP_HANDLER(h_graph_recruitment);
HTTP_HANDLER(h_graph_disrupt);
HTTP_HANDLER(h_graph_export);
HTTP_HANDLER(h_graph_networks);
HTTP_HANDLER(h_ocg_network);
HTTP_HANDLER(h_ocg_crossovers);

/* ---- shared by the network analysis routes (h_graph.c) ---- */

/* The network filter's query parameters (graph/filter_parse.h), which
 * every route that builds a network accepts. */
#define HTTP_GRAPH_FILTER_QUERY                                                \
	"types", "from", "to", "min_grading", "agency", "ocg", "setting", "weight", "network"

struct cg_net_filter_spec;
struct cg_network;

/* The filter of the query into *spec (release it with
 * cg_net_filter_spec_release, also after a failure): CG_INVALID naming
 * the parameter for a malformed value. */
enum cg_status http_graph_parse(struct http_call *c, struct cg_net_filter_spec *spec,
				struct cg_error *err);
/* Builds the network the principal may see under spec (agency codes
 * resolved first) into *net; a failure about a filter names its
 * parameter. Building is the audited consultation. */
enum cg_status http_graph_build(struct http_call *c, struct cg_net_filter_spec *spec,
				struct cg_network **net, struct cg_error *err);
/* http_graph_parse, then http_graph_build. */
enum cg_status http_graph_network(struct http_call *c, struct cg_network **net,
				  struct cg_error *err);

/* Query parameter `key` as true/false (also 1/0); leaves *out alone when
 * absent. CG_INVALID naming it otherwise. */
enum cg_status http_query_bool(struct http_call *c, const char *key, bool *out,
			       struct cg_error *err);
/* Query parameter `key` as a number in [min, max]; leaves *out alone when
 * absent. CG_INVALID naming it otherwise. */
enum cg_status http_query_real(struct http_call *c, const char *key, double min, double max,
			       double *out, struct cg_error *err);

#endif
