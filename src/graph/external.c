/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * external.c - reading an imported external network back as a network to
 * analyse, and listing the external networks a principal sees (graph
 * layer). See external.h.
 */
#include "graph/external.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "model/label.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of CG_NETWORK_COLUMNS (store/q_network.h). */
enum { C_ID, C_NAME, C_DESCRIPTION, C_CREATED, C_UPDATED, C_OWNER, C_LABEL };

/* The network found for a name, copied out of its row. */
struct found {
	int64_t id;
	char name[128];
	char owner[32];
	char updated_at[32];
};

static bool sees(struct cg_ctx *ctx, struct cg_stmt *s, struct cg_error *err,
		 enum cg_status *rc)
{
	struct cg_label label;
	*rc = cg_label_read(s, C_LABEL, &label, err);
	return *rc == CG_OK && cg_visibility(&ctx->who, &label) == CG_SEE_FULL;
}

/*
 * Finds the network `spec` ("NAME" or "CODE/NAME") among those the
 * principal sees in full. The principal's own agency's network of that
 * name comes first; otherwise the name must be one agency's only.
 * Networks the principal may not see are never named in a message.
 */
static enum cg_status find_network(struct cg_ctx *ctx, const char *spec, struct found *out,
				   struct cg_error *err)
{
	const char *slash = strchr(spec, '/');
	const char *name = slash ? slash + 1 : spec;
	char code[32] = "", others[200] = "";
	struct cg_stmt *s = NULL;
	bool row = false;
	int seen = 0;
	enum cg_status rc;

	if (slash && (size_t)(slash - spec) < sizeof(code))
		snprintf(code, sizeof(code), "%.*s", (int)(slash - spec), spec);
	else if (slash)
		return cg_fail(err, CG_NOT_FOUND, "no external network %.140s", spec);
	rc = cg_store_prepare_query(ctx->store, CG_Q_NETWORK_BY_NAME, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, name);
	cg_stmt_bind_int64(s, 2, ctx->who.agency_id);
	while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		if (code[0] && strcmp(code, cg_stmt_text(s, C_OWNER)) != 0)
			continue;
		if (!sees(ctx, s, err, &rc)) {
			if (rc)
				break;
			continue;
		}
		if (seen++ == 0) {
			out->id = cg_stmt_int64(s, C_ID);
			snprintf(out->name, sizeof(out->name), "%s", cg_stmt_text(s, C_NAME));
			snprintf(out->owner, sizeof(out->owner), "%s", cg_stmt_text(s, C_OWNER));
			snprintf(out->updated_at, sizeof(out->updated_at), "%s",
				 cg_stmt_text(s, C_UPDATED));
			/* rows are ordered own agency first: its network wins */
			if (cg_stmt_int64(s, C_LABEL) == ctx->who.agency_id)
				break;
		}
		snprintf(others + strlen(others), sizeof(others) - strlen(others), "%s%s",
			 others[0] ? ", " : "", cg_stmt_text(s, C_OWNER));
	}
	cg_stmt_done(s);
	if (rc)
		return rc;
	if (seen == 0)
		return cg_fail(err, CG_NOT_FOUND, "no external network %.140s", spec);
	if (seen > 1)
		return cg_fail(err, CG_INVALID,
			       "several agencies have an external network called %.100s (%s): "
			       "say which as CODE/%.100s", name, others, name);
	return CG_OK;
}

/* What the filter asks of an external network, checked. */
struct ext_filter {
	int64_t from, to;   /* window in days; INT64_MIN / INT64_MAX when open */
	double scale;       /* the weight of type "external" */
};

static enum cg_status day_of(const char *what, const char *iso, int64_t *days,
			     struct cg_error *err)
{
	struct cg_date d;
	if (cg_date_parse_iso(iso, &d, err))
		return cg_error_prefix(err, "%s", what);
	*days = cg_date_to_days(d);
	return CG_OK;
}

static enum cg_status check_filter(const struct cg_net_filter *f, struct ext_filter *x,
				   struct cg_error *err)
{
	*x = (struct ext_filter){ INT64_MIN, INT64_MAX, 1.0 };
	if (!f)
		return CG_OK;
	for (size_t i = 0; i < f->ntypes; i++)
		if (strcmp(f->types[i], CG_NET_EXTERNAL_TYPE) != 0)
			return cg_fail(err, CG_INVALID,
				       "types: an external network has only links of type %s, not "
				       "%.40s", CG_NET_EXTERNAL_TYPE, f->types[i]);
	if (f->min_grading)
		return cg_fail(err, CG_INVALID,
			       "minimum grading: an external network's links are not graded");
	if (f->nagencies)
		return cg_fail(err, CG_INVALID,
			       "agencies: an external network's rows all belong to the network");
	if (f->nocgs)
		return cg_fail(err, CG_INVALID,
			       "OCGs: an external network's nodes have no OCG memberships");
	if (f->setting == CG_NET_CUSTODY_ONLY)
		return cg_fail(err, CG_INVALID,
			       "custody only: an external network has no custody links");
	if (f->from && day_of("from", f->from, &x->from, err))
		return CG_INVALID;
	if (f->to && day_of("to", f->to, &x->to, err))
		return CG_INVALID;
	if (x->from > x->to)
		return cg_fail(err, CG_INVALID, "window: from %s is after to %s", f->from, f->to);
	for (size_t i = 0; i < f->nweights; i++) {
		const struct cg_net_weight *w = &f->weights[i];
		if (strcmp(w->type, CG_NET_EXTERNAL_TYPE) != 0)
			return cg_fail(err, CG_INVALID,
				       "weights: an external network has only links of type %s, "
				       "not %.40s", CG_NET_EXTERNAL_TYPE, w->type);
		if (!isfinite(w->weight) || w->weight <= 0)
			return cg_fail(err, CG_INVALID, "weights: %s must be a positive number",
				       w->type);
		x->scale = w->weight;
	}
	return CG_OK;
}

static int id_order(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* The index of node row `id` among the network's (ids sorted), or -1. */
static int64_t node_index(const int64_t *ids, size_t n, int64_t id)
{
	const int64_t *at = bsearch(&id, ids, n, sizeof(*ids), id_order);
	return at ? at - ids : -1;
}

static enum cg_status read_nodes(struct cg_store *st, int64_t network, struct cg_network *net,
				 int64_t **ids, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_NETWORK_NODES, &s, err);

	*ids = NULL;
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, network);
	while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		uint32_t v = cg_net_node(net, 0, cg_stmt_text(s, 1),
					 cg_stmt_is_null(s, 2) ? NULL : cg_stmt_text(s, 2));
		if (!cg_stmt_is_null(s, 3))
			cg_net_node_group(net, v, cg_stmt_text(s, 3));
		*ids = cg_grow(*ids, sizeof(**ids), net->nnodes, &cap);
		(*ids)[v] = cg_stmt_int64(s, 0); /* in id order: sorted */
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status read_edges(struct cg_store *st, int64_t network, const int64_t *ids,
				 const struct ext_filter *x, uint32_t type,
				 struct cg_network *net, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_NETWORK_EDGES, &s, err);

	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, network);
	while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t a = node_index(ids, net->nnodes, cg_stmt_int64(s, 1));
		int64_t b = node_index(ids, net->nnodes, cg_stmt_int64(s, 2));
		int64_t day = CG_NET_NO_DATE;
		if (a < 0 || b < 0) {
			rc = cg_fail(err, CG_CORRUPT, "external edge %lld names no node of its network",
				     (long long)cg_stmt_int64(s, 0));
			break;
		}
		if (!cg_stmt_is_null(s, 4)) {
			rc = day_of("external edge date", cg_stmt_text(s, 4), &day, err);
			if (rc)
				break;
			/* an undated edge cannot be placed in a window: it stays */
			if (day < x->from || day > x->to)
				continue;
		}
		struct cg_net_link l = {
			.a = (uint32_t)a,
			.b = (uint32_t)b,
			.type = type,
			.from = (int32_t)day,
			.to = (int32_t)day,
			.origin = CG_NET_EXTERNAL,
			.row_id = cg_stmt_int64(s, 0),
			.weight = cg_stmt_double(s, 3) * x->scale,
		};
		cg_net_link_add(net, &l);
	}
	cg_stmt_done(s);
	return rc;
}

/* How big the stored network is (all of it, before the window). */
static enum cg_status counts(struct cg_store *st, int64_t network, int64_t *nodes,
			     int64_t *edges, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_NETWORK_COUNTS, &s, err);

	*nodes = *edges = 0;
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, network);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row) {
		*nodes = cg_stmt_int64(s, 0);
		*edges = cg_stmt_int64(s, 1);
	}
	cg_stmt_done(s);
	return rc;
}

/* The description every result names (the store's network has the same
 * lines, graph/build.c). Called on the finished network. */
static void describe(struct cg_ctx *ctx, struct cg_network *net, const struct found *n,
		     int64_t nodes, int64_t edges, const struct cg_net_filter *f,
		     const struct ext_filter *x)
{
	char today[CG_TIMESTAMP_ISO_SIZE];

	if (cg_timestamp_format_iso(cg_now(), today) != CG_OK)
		today[0] = '\0';
	cg_net_describe(net, "network", "%s (external, owner %s, last imported %s, %lld nodes, "
			"%lld edges stored)", n->name, n->owner, n->updated_at, (long long)nodes,
			(long long)edges);
	cg_net_describe(net, "principal", "%s (%s)", ctx->who.username, ctx->who.agency_code);
	cg_net_describe(net, "built at", "%.10s", today);
	if (f && (f->from || f->to))
		cg_net_describe(net, "window", "%s to %s (edges dated outside it left out; undated "
				"edges kept)", f->from ? f->from : "the start",
				f->to ? f->to : "the end");
	else
		cg_net_describe(net, "window", "all dates");
	cg_net_describe(net, "types", "%s (weight %g)", CG_NET_EXTERNAL_TYPE, x->scale);
	if (f && f->setting == CG_NET_COMMUNITY_ONLY)
		cg_net_describe(net, "setting", "community only (every external link)");
	cg_net_describe(net, "nodes", "%zu", net->nnodes);
	cg_net_describe(net, "links", "%zu", net->nlinks);
	cg_net_describe(net, "edges", "%zu", net->nedges);
}

enum cg_status cg_net_build_external(struct cg_ctx *ctx, const char *name,
				     const struct cg_net_filter *f, struct cg_network **out,
				     struct cg_error *err)
{
	struct ext_filter x;
	struct found n = { 0 };
	struct cg_network *net = NULL;
	int64_t *ids = NULL, nodes = 0, edges = 0;
	char detail[400];
	enum cg_status rc;

	*out = NULL;
	rc = cg_ctx_require_justification(ctx, "graph (external network)", err);
	if (rc == CG_OK)
		rc = check_filter(f, &x, err);
	if (rc == CG_OK)
		rc = find_network(ctx, name ? name : "", &n, err);
	if (rc == CG_OK)
		rc = counts(ctx->store, n.id, &nodes, &edges, err);
	if (rc)
		return rc;
	net = cg_net_new();
	uint32_t type = cg_net_type(net, CG_NET_EXTERNAL_TYPE, x.scale, false);
	rc = read_nodes(ctx->store, n.id, net, &ids, err);
	if (rc == CG_OK)
		rc = read_edges(ctx->store, n.id, ids, &x, type, net, err);
	free(ids);
	if (rc == CG_OK) {
		struct cg_audit_ref ref = { "external_network", n.id };
		struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, &ref, 1, detail, NULL };
		char window[64] = "";
		if (f && (f->from || f->to))
			snprintf(window, sizeof(window), ", window %.12s to %.12s",
				 f->from ? f->from : "open", f->to ? f->to : "open");
		snprintf(detail, sizeof(detail),
			 "graph network %.100s (external, owner %s): %zu nodes, %zu links%s",
			 n.name, n.owner, net->nnodes, net->nlinks, window);
		rc = cg_audit_append(ctx, &ev, NULL, err);
	}
	if (rc) {
		cg_net_free(net);
		return rc;
	}
	cg_net_finish(net);
	describe(ctx, net, &n, nodes, edges, f, &x);
	*out = net;
	return CG_OK;
}

void cg_net_external_list_release(struct cg_net_external_list *l)
{
	for (size_t i = 0; i < l->len; i++) {
		struct cg_net_external *e = &l->items[i];
		free(e->name);
		free(e->owner);
		free(e->description);
		free(e->created_at);
		free(e->updated_at);
		free(e->classification);
	}
	free(l->items);
	l->items = NULL;
	l->len = 0;
}

enum cg_status cg_net_external_list(struct cg_ctx *ctx, struct cg_net_external_list *out,
				    struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_audit_ref *refs = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_ctx_require_justification(ctx, "graph networks", err);

	*out = (struct cg_net_external_list){ 0 };
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_NETWORK_LIST, &s, err);
	if (rc)
		return rc;
	while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		if (!sees(ctx, s, err, &rc)) {
			if (rc)
				break;
			continue;
		}
		out->items = cg_grow(out->items, sizeof(*out->items), out->len + 1, &cap);
		out->items[out->len++] = (struct cg_net_external){
			.id = cg_stmt_int64(s, C_ID),
			.name = cg_xstrdup(cg_stmt_text(s, C_NAME)),
			.owner = cg_xstrdup(cg_stmt_text(s, C_OWNER)),
			.description = cg_xstrdup(cg_stmt_text(s, C_DESCRIPTION)),
			.created_at = cg_xstrdup(cg_stmt_text(s, C_CREATED)),
			.updated_at = cg_xstrdup(cg_stmt_text(s, C_UPDATED)),
			.classification = cg_xstrdup(cg_stmt_text(s, C_LABEL + 1)),
			.handling = cg_stmt_text(s, C_LABEL + 2)[0],
		};
	}
	cg_stmt_done(s);
	for (size_t i = 0; rc == CG_OK && i < out->len; i++)
		rc = counts(ctx->store, out->items[i].id, &out->items[i].nodes,
			    &out->items[i].edges, err);
	if (rc == CG_OK) {
		char detail[80];
		refs = cg_xcalloc(out->len ? out->len : 1, sizeof(*refs));
		for (size_t i = 0; i < out->len; i++)
			refs[i] = (struct cg_audit_ref){ "external_network", out->items[i].id };
		snprintf(detail, sizeof(detail), "graph networks: %zu external networks", out->len);
		struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, out->len, detail, NULL };
		rc = cg_audit_append(ctx, &ev, NULL, err);
		free(refs);
	}
	if (rc)
		cg_net_external_list_release(out);
	return rc;
}
