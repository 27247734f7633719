/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build.c - building the network a principal may see (graph layer): the
 * order of the steps, the description every result names, and the one
 * audit entry. See build.h for the contract and build_internal.h for the
 * steps.
 *
 * Building is the consultation: it reads, through the visibility rule,
 * every person and link the principal may see, so it needs a
 * justification and writes one "consultation" entry naming the filters
 * and how much was returned. The entry lists the OCGs the filter named;
 * it does not list the persons, which may be a hundred thousand: the
 * filters and the time are what let an auditor rebuild exactly what was
 * seen. Analysis over the built network reads nothing more and is not
 * audited again.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "graph/build_internal.h"
#include "graph/external.h"
#include "base/banned.h"

static const struct cg_net_filter no_filter;

static void builder_release(struct builder *b)
{
	cg_strmap_release(&b->vis);
	cg_strmap_release(&b->type_index);
	cg_strmap_release(&b->kinds_seen);
	cg_buf_release(&b->key);
	free(b->agency_code);
	free(b->agency_prison);
	free(b->rec_node);
	free(b->person_node);
	free(b->type_links);
	free(b->type_custody);
	cg_vec_release(&b->uses);
}

/* Appends the filter's type names as "a, b, c". */
static void join_types(struct cg_buf *o, const struct cg_net_filter *f)
{
	for (size_t i = 0; i < f->ntypes; i++)
		(void)cg_buf_printf(o, NULL, "%s%s", i ? ", " : "", f->types[i]);
}

static void describe(struct builder *b)
{
	const struct cg_net_filter *f = b->f;
	struct cg_network *net = b->net;
	struct cg_buf o = CG_BUF_INIT;
	char today[CG_TIMESTAMP_ISO_SIZE], day[CG_DATE_ISO_SIZE];

	cg_net_describe(net, "principal", "%s (%s)", b->ctx->who.username,
			b->ctx->who.agency_code[0] ? b->ctx->who.agency_code : "no agency");
	if (cg_timestamp_format_iso(cg_now(), today) != CG_OK)
		today[0] = '\0';
	cg_net_describe(net, "built at", "%.10s", today);
	if (!f->from && !f->to)
		cg_net_describe(net, "window", "all dates");
	else
		cg_net_describe(net, "window", "%s to %s (links dated outside it left out;"
			        " undated links kept)", f->from ? f->from : "the start",
				f->to ? f->to : "the end");
	join_types(&o, f);
	cg_net_describe(net, "types", "%s", f->ntypes ? o.data : "all but same_wing and same_establishment");
	if (f->min_grading)
		cg_net_describe(net, "minimum grading", "%s (ungraded records of fact kept)",
				f->min_grading);
	else
		cg_net_describe(net, "minimum grading", "none");
	cg_buf_reset(&o);
	for (size_t i = 0; i < f->nagencies; i++) {
		int64_t id = f->agencies[i];
		if (id > 0 && (uint64_t)id < b->nagency && b->agency_code[id][0])
			(void)cg_buf_printf(&o, NULL, "%s%s", i ? ", " : "", b->agency_code[id]);
		else
			(void)cg_buf_printf(&o, NULL, "%sagency %" PRId64, i ? ", " : "", id);
	}
	cg_net_describe(net, "agencies", "%s", f->nagencies ? o.data : "all");
	cg_buf_reset(&o);
	for (size_t i = 0; i < f->nocgs; i++)
		(void)cg_buf_printf(&o, NULL, "%s%" PRId64, i ? ", " : "", f->ocgs[i]);
	cg_net_describe(net, "OCGs", "%s", f->nocgs ? o.data : "all persons");
	cg_net_describe(net, "setting", "%s",
			f->setting == CG_NET_CUSTODY_ONLY     ? "custody only"
			: f->setting == CG_NET_COMMUNITY_ONLY ? "community only"
							      : "custody and community");
	cg_buf_reset(&o);
	for (size_t i = 0; i < f->nweights; i++)
		(void)cg_buf_printf(&o, NULL, "%s%s=%g", i ? ", " : "", f->weights[i].type,
				    f->weights[i].weight);
	cg_net_describe(net, "weights changed", "%s", f->nweights ? o.data : "none");
	cg_net_day_text(b->export_day, day);
	cg_net_describe(net, "custody stays open until", "%s (the latest event in the store)",
			day[0] ? day : "?");
	cg_net_describe(net, "nodes", "%zu", net->nnodes);
	cg_net_describe(net, "links", "%zu", net->nlinks);
	cg_net_describe(net, "edges", "%zu", net->nedges);
	cg_net_describe(net, "objects skipped", "%zu (used by more than %d persons)",
			b->objects_skipped, CG_NET_OBJECT_FANOUT);
	cg_net_describe(net, "reports skipped", "%zu (more than %d subjects)", b->reports_skipped,
			CG_NET_OBJECT_FANOUT);
	cg_buf_release(&o);
}

/* One consultation entry: the description on one line, the OCGs named. */
static enum cg_status audit(struct builder *b, struct cg_error *err)
{
	const struct cg_network *net = b->net;
	struct cg_buf detail = CG_BUF_INIT;
	struct cg_audit_ref *refs = cg_xcalloc(b->f->nocgs ? b->f->nocgs : 1, sizeof(*refs));
	struct cg_audit_event ev = { CG_AUDIT_CONSULTATION, refs, b->f->nocgs, NULL, NULL };
	enum cg_status rc;

	(void)cg_buf_addstr(&detail, "graph network: ", NULL);
	for (size_t i = 0; i < net->description.len; i++) {
		char c = net->description.data[i];
		if (c != '\n')
			(void)cg_buf_addch(&detail, c, NULL);
		else if (i + 1 < net->description.len)
			(void)cg_buf_addstr(&detail, "; ", NULL);
	}
	for (size_t i = 0; i < b->f->nocgs; i++)
		refs[i] = (struct cg_audit_ref){ "ocg", b->f->ocgs[i] };
	ev.detail = detail.data;
	rc = cg_audit_append(b->ctx, &ev, NULL, err);
	free(refs);
	cg_buf_release(&detail);
	return rc;
}

static enum cg_status build_store(struct builder *b, struct cg_error *err)
{
	enum cg_status rc = build_filter_check(b, err);
	if (rc)
		return rc;
	build_types_init(b);
	if ((rc = build_nodes(b, err)) || (rc = build_associations(b, err)) ||
	    (rc = build_filter_check_types(b, err)) || (rc = build_events(b, err)) ||
	    (rc = build_objects(b, err)) || (rc = build_intel(b, err)) ||
	    (rc = build_custody(b, err)))
		return rc;
	if (b->too_many)
		return cg_fail(err, CG_LIMIT,
			       "network: more than %zu links; narrow it with --types, --from/--to,"
			       " --agency or --ocg", BUILD_LINKS_MAX);
	build_types_settle(b);
	cg_net_finish(b->net);
	describe(b);
	return audit(b, err);
}

enum cg_status cg_net_build(struct cg_ctx *ctx, const struct cg_net_filter *f,
			    struct cg_network **out, struct cg_error *err)
{
	struct builder b = { .ctx = ctx, .f = f ? f : &no_filter, .uses = CG_VEC_INIT };
	enum cg_status rc;

	*out = NULL;
	rc = cg_ctx_require_justification(ctx, "graph: building a network", err);
	if (rc)
		return rc;
	/* an imported edge list instead of the store's persons: its own rules
	 * and its own audit entry (external.h) */
	if (b.f->network)
		return cg_net_build_external(ctx, b.f->network, b.f, out, err);
	b.net = cg_net_new();
	cg_strmap_init(&b.vis, SIZE_MAX);
	cg_strmap_init(&b.type_index, SIZE_MAX);
	cg_strmap_init(&b.kinds_seen, SIZE_MAX);
	cg_buf_init(&b.key, 0);
	rc = build_store(&b, err);
	builder_release(&b);
	if (rc) {
		cg_net_free(b.net);
		return rc;
	}
	*out = b.net;
	return CG_OK;
}
