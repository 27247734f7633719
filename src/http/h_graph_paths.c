/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_graph_paths.c - how people are joined, over HTTP (http layer): GET
 * /api/v1/graph/path, /graph/neighbourhood, /graph/connect and
 * /api/v1/ocgs/{id}/network, as `cg graph path`, `neighbours` and
 * `connect` answer them (graph/json_paths.c). Every edge in an answer
 * carries its links with their provenance, and holds only what the
 * principal's network holds: what they may not see was never built.
 *
 * The neighbourhood routes serve the web UI's network explorer: the
 * neighbourhood is bounded (max_nodes, graph/explore.h) and each person
 * carries the measures the explorer sizes and colours by.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/explore.h"
#include "graph/filter_parse.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "http/http_internal.h"
#include "model/ocg.h"
#include "base/banned.h"

/* The longest simple paths searched unless max_length= says. */
#define DEFAULT_SIMPLE_LENGTH 4
#define MAX_PATHS_MAX 100000

static const struct {
	const char *name;
	enum cg_path_kind kind;
} path_kinds[] = {
	{ "shortest", CG_PATH_SHORTEST },
	{ "all_shortest", CG_PATH_ALL_SHORTEST },
	{ "simple", CG_PATH_ALL_SIMPLE },
};

static enum cg_status path_opts(struct http_call *c, struct cg_path_opts *o, struct cg_error *err)
{
	const char *kind = http_query(c, "kind");
	uint64_t length = DEFAULT_SIMPLE_LENGTH, limit = CG_PATH_DEFAULT_MAX_PATHS;
	enum cg_status rc;
	bool known = !kind;

	*o = (struct cg_path_opts){ .kind = CG_PATH_SHORTEST };
	for (size_t i = 0; kind && i < sizeof(path_kinds) / sizeof(path_kinds[0]); i++)
		if (strcmp(kind, path_kinds[i].name) == 0) {
			o->kind = path_kinds[i].kind;
			known = true;
		}
	if (!known)
		return http_fail_field(c, "kind", CG_INVALID, err,
				       "kind: shortest, all_shortest or simple, not '%.40s'", kind);
	if (http_query(c, "max_length") && o->kind != CG_PATH_ALL_SIMPLE)
		return http_fail_field(c, "max_length", CG_INVALID, err,
				       "max_length: only for kind=simple");
	rc = http_query_uint(c, "max_length", 1, CG_PATH_MAX_LENGTH, &length, err);
	if (rc == CG_OK)
		rc = http_query_uint(c, "max_paths", 1, MAX_PATHS_MAX, &limit, err);
	if (rc == CG_OK)
		rc = http_query_bool(c, "hops", &o->hops, err);
	o->max_length = o->kind == CG_PATH_ALL_SIMPLE ? (unsigned)length : 0;
	o->max_paths = (size_t)limit;
	return rc;
}

/* The node of query parameter `param`'s key: 400 when it is missing, 404
 * when the principal's network has no such person. */
static enum cg_status find(struct http_call *c, const struct cg_network *net, const char *param,
			   uint32_t *v, struct cg_error *err)
{
	const char *key = http_query(c, param);
	enum cg_status rc;
	if (!key || !*key)
		return http_fail_field(c, param, CG_INVALID, err, "%s: required", param);
	rc = cg_net_find_key(net, key, v, err);
	if (rc)
		c->field = param;
	return rc;
}

HTTP_HANDLER(h_graph_path)
{
	struct cg_path_opts o;
	struct cg_network *net = NULL;
	struct cg_paths p = { 0 };
	struct cg_json_agencies ag = { 0 };
	uint32_t from = 0, to = 0;
	enum cg_status rc = path_opts(c, &o, err);

	if (rc == CG_OK && !http_query(c, "source"))
		rc = http_fail_field(c, "source", CG_INVALID, err, "source: required");
	if (rc == CG_OK && !http_query(c, "target"))
		rc = http_fail_field(c, "target", CG_INVALID, err, "target: required");
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc == CG_OK)
		rc = find(c, net, "source", &from, err);
	if (rc == CG_OK)
		rc = find(c, net, "target", &to, err);
	if (rc == CG_OK && from == to)
		rc = http_fail_field(c, "target", CG_INVALID, err,
				     "target: the same person as source");
	if (rc == CG_OK)
		rc = cg_net_paths(net, from, to, &o, &p, err);
	if (rc == CG_OK) {
		cg_json_agencies_load(&c->ctx, &ag);
		http_reply(c, 200, cg_paths_json(net, &ag, from, to, &p));
	}
	cg_paths_release(&p);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}

/*
 * The explorer's answer around `seeds` of `net`: hops= (1 ..
 * CG_NEIGHBOURHOOD_MAX_HOPS, default `hops`) and max_nodes=.
 */
static enum cg_status explore(struct http_call *c, const struct cg_network *net,
			      const uint32_t *seeds, size_t nseeds, const char *around,
			      uint64_t hops, uint64_t max_nodes, struct cg_error *err)
{
	struct cg_explore x;
	struct cg_json_agencies ag = { 0 };
	enum cg_status rc = cg_net_explore(net, seeds, nseeds, (unsigned)hops, (size_t)max_nodes,
					   &x, err);
	if (rc == CG_OK) {
		cg_json_agencies_load(&c->ctx, &ag);
		http_reply(c, 200, cg_explore_json(&x, &ag, around));
	}
	cg_explore_release(&x);
	cg_json_agencies_release(&ag);
	return rc;
}

/* hops= and max_nodes= of the neighbourhood routes. */
static enum cg_status explore_opts(struct http_call *c, uint64_t *hops, uint64_t *max_nodes,
				   struct cg_error *err)
{
	enum cg_status rc = http_query_uint(c, "hops", 1, CG_NEIGHBOURHOOD_MAX_HOPS, hops, err);
	if (rc == CG_OK)
		rc = http_query_uint(c, "max_nodes", 1, CG_EXPLORE_MAX_NODES, max_nodes, err);
	return rc;
}

HTTP_HANDLER(h_graph_neighbourhood)
{
	const char *person = http_query(c, "person"), *ocg_s = http_query(c, "ocg_members");
	const char *group = http_query(c, "group");
	uint64_t hops = 2, max_nodes = CG_EXPLORE_DEFAULT_NODES, ocg = 0;
	struct cg_network *net = NULL;
	uint32_t *seeds = NULL;
	size_t nseeds = 0;
	char around[200];
	enum cg_status rc = explore_opts(c, &hops, &max_nodes, err);

	if (rc == CG_OK && (person != NULL) + (ocg_s != NULL) + (group != NULL) != 1)
		rc = http_fail_field(c, "person", CG_INVALID, err,
				     "person: give one of person, ocg_members or group");
	if (rc == CG_OK && ocg_s)
		rc = http_query_uint(c, "ocg_members", 1, INT64_MAX, &ocg, err);
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc == CG_OK) {
		rc = cg_net_seeds(net, person, (int64_t)ocg, group, &seeds, &nseeds, err);
		if (rc)
			c->field = person ? "person" : ocg_s ? "ocg_members" : "group";
	}
	if (rc == CG_OK) {
		cg_net_seeds_name(net, person != NULL, seeds, nseeds, (int64_t)ocg, group, around,
				  sizeof(around));
		rc = explore(c, net, seeds, nseeds, around, hops, max_nodes, err);
	}
	free(seeds);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_ocg_network)
{
	uint64_t hops = 1, max_nodes = CG_EXPLORE_DEFAULT_NODES;
	struct cg_network *net = NULL;
	uint32_t *seeds = NULL;
	size_t nseeds = 0;
	char around[200];
	enum cg_status rc = explore_opts(c, &hops, &max_nodes, err);

	/* a group the principal may not see is not found, before anything
	 * is built */
	if (rc == CG_OK)
		rc = cg_ocg_check_visible(&c->ctx, c->id, err);
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc == CG_OK)
		rc = cg_net_seeds(net, NULL, c->id, NULL, &seeds, &nseeds, err);
	if (rc == CG_OK) {
		cg_net_seeds_name(net, false, seeds, nseeds, c->id, NULL, around, sizeof(around));
		rc = explore(c, net, seeds, nseeds, around, hops, max_nodes, err);
	}
	free(seeds);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_connect)
{
	const char *keys = http_query(c, "keys");
	char *list = NULL, *names[CG_CONNECT_MAX_NODES];
	uint32_t chosen[CG_CONNECT_MAX_NODES];
	size_t n = 0;
	bool hops = false;
	struct cg_network *net = NULL;
	struct cg_connecting cn = { 0 };
	struct cg_json_agencies ag = { 0 };
	enum cg_status rc = http_query_bool(c, "hops", &hops, err);

	if (rc == CG_OK && (!keys || !*keys))
		rc = http_fail_field(c, "keys", CG_INVALID, err, "keys: required (KEY,KEY,...)");
	if (rc)
		return rc;
	list = cg_xstrdup(keys);
	for (char *p = list; rc == CG_OK;) {
		size_t len = strcspn(p, ",");
		bool last = p[len] == '\0';
		p[len] = '\0';
		if (!len)
			rc = http_fail_field(c, "keys", CG_INVALID, err, "keys: empty item in the list");
		else if (n == CG_CONNECT_MAX_NODES)
			rc = http_fail_field(c, "keys", CG_LIMIT, err, "keys: at most %d people",
					     CG_CONNECT_MAX_NODES);
		for (size_t i = 0; rc == CG_OK && i < n; i++)
			if (strcmp(names[i], p) == 0)
				rc = http_fail_field(c, "keys", CG_INVALID, err,
						     "keys: '%.40s' is given twice", p);
		if (rc == CG_OK)
			names[n++] = p;
		if (last)
			break;
		p += len + 1;
	}
	if (rc == CG_OK && n < 2)
		rc = http_fail_field(c, "keys", CG_INVALID, err, "keys: give at least two people");
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	for (size_t i = 0; rc == CG_OK && i < n; i++) {
		rc = cg_net_find_key(net, names[i], &chosen[i], err);
		if (rc)
			c->field = "keys";
	}
	if (rc == CG_OK)
		rc = cg_net_connecting(net, chosen, n, hops, &cn, err);
	if (rc == CG_OK) {
		cg_json_agencies_load(&c->ctx, &ag);
		http_reply(c, 200, cg_connecting_json(net, &ag, &cn));
	}
	cg_connecting_release(&cn);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	free(list);
	return rc;
}
