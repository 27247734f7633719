/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_links.c - links read straight from rows (graph layer):
 * associations between two records, events with two persons, and the
 * subjects of one intelligence report. Uses of objects are collected here
 * and turned into links by build_objects.c. See build_internal.h.
 *
 * Every link comes from a row the principal sees in full, between records
 * the principal sees in full (a record they may not see does not carry a
 * link to its person, even when the person is visible through another
 * record), and passes the filter's agencies, grading and window.
 */
#include <stdlib.h>
#include <string.h>

#include "access/principal.h"
#include "graph/build_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of GRAPH_ASSOCIATIONS, GRAPH_EVENT_PARTIES, GRAPH_INTEL_SUBJECTS. */
enum { A_ID, A_KIND, A_FROM, A_TO_RECORD, A_TO_OBJECT, A_VALID_FROM, A_VALID_TO, A_SE, A_IA,
       A_LABEL };
enum { E_ID, E_KIND, E_DATE, E_SUBJECT, E_RECORD, E_OBJECT, E_LABEL };
enum { I_ID, I_STATUS, I_RELATES, I_SE, I_IA, I_LABEL, I_KIND = I_LABEL + 7, I_SUBJECT };

static void grading_of(const char *se, const char *ia, char out[3])
{
	out[0] = out[1] = out[2] = '\0';
	if (se[0] && ia[0]) {
		out[0] = se[0];
		out[1] = ia[0];
	}
}

enum cg_status build_associations(struct builder *b, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, full;
	int64_t owner;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_ASSOCIATIONS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		char grading[3];
		rc = build_sees(b, s, A_LABEL, &full, &owner, err);
		if (rc || !full)
			continue;
		const char *kind = cg_stmt_text(s, A_KIND);
		cg_strmap_put(&b->kinds_seen, kind, strlen(kind), 1);
		grading_of(cg_stmt_text(s, A_SE), cg_stmt_text(s, A_IA), grading);
		int32_t from = build_day(cg_stmt_text(s, A_VALID_FROM));
		int32_t to = build_day(cg_stmt_text(s, A_VALID_TO));
		int32_t a = build_record_node(b, cg_stmt_int64(s, A_FROM));
		int64_t to_record = cg_stmt_int64(s, A_TO_RECORD), object = cg_stmt_int64(s, A_TO_OBJECT);
		if (a < 0 || !build_row_passes(b, owner, grading) || !build_in_window(b, from, to))
			continue;
		if (object) {
			struct build_use u = { object, (uint32_t)a, from, to, cg_stmt_int64(s, A_ID),
					       owner, true, false, { 0 } };
			memcpy(u.grading, grading, sizeof(u.grading));
			cg_vec_push(&b->uses, u);
			continue;
		}
		int32_t other = build_record_node(b, to_record);
		int64_t type = build_type(b, kind);
		if (other < 0 || type < 0)
			continue;
		struct cg_net_link l = {
			.a = (uint32_t)a, .b = (uint32_t)other, .type = (uint32_t)type,
			.from = from, .to = to, .origin = CG_NET_ASSOCIATION,
			.owner_agency_id = owner, .row_id = cg_stmt_int64(s, A_ID), .weight = -1,
		};
		memcpy(l.grading, grading, sizeof(l.grading));
		build_link(b, &l, false);
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status build_events(struct builder *b, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, full;
	int64_t owner;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_EVENT_PARTIES, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		rc = build_sees(b, s, E_LABEL, &full, &owner, err);
		if (rc || !full)
			continue;
		const char *kind = cg_stmt_text(s, E_KIND);
		int32_t day = build_day(cg_stmt_text(s, E_DATE));
		int32_t a = build_record_node(b, cg_stmt_int64(s, E_SUBJECT));
		int64_t record = cg_stmt_int64(s, E_RECORD), object = cg_stmt_int64(s, E_OBJECT);
		/* what a prison records of visits and calls happened in custody */
		bool prison = build_agency_prison(b, owner);
		bool call = strcmp(kind, "call") == 0;
		if (a < 0 || !build_row_passes(b, owner, "") || !build_in_window(b, day, day))
			continue;
		if (object) {
			struct build_use u = { object, (uint32_t)a, day, day, cg_stmt_int64(s, E_ID),
					       owner, false, prison && call, { 0 } };
			cg_vec_push(&b->uses, u);
			continue;
		}
		int32_t other = build_record_node(b, record);
		int64_t type = build_type(b, kind);
		if (other < 0 || type < 0)
			continue;
		struct cg_net_link l = {
			.a = (uint32_t)a, .b = (uint32_t)other, .type = (uint32_t)type,
			.from = day, .to = day, .origin = CG_NET_EVENT,
			.owner_agency_id = owner, .row_id = cg_stmt_int64(s, E_ID), .weight = -1,
		};
		build_link(b, &l, prison && (call || strcmp(kind, "visit") == 0));
	}
	cg_stmt_done(s);
	return rc;
}

/* One report's subjects while its rows are read. */
struct report {
	int64_t id;
	bool keep;             /* seen in full and passes the filter */
	int32_t day;
	int64_t owner;
	char grading[3];
	CG_VEC(uint32_t) nodes;
};

static int node_order(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	return p < q ? -1 : p > q;
}

/* Links every pair of the report's subjects (each person once). */
static void report_links(struct builder *b, struct report *r, int64_t type)
{
	size_t n = 0;
	if (!r->keep || r->nodes.len < 2)
		return;
	qsort(r->nodes.items, r->nodes.len, sizeof(*r->nodes.items), node_order);
	for (size_t i = 0; i < r->nodes.len; i++)
		if (i == 0 || r->nodes.items[i] != r->nodes.items[i - 1])
			r->nodes.items[n++] = r->nodes.items[i];
	if (n > CG_NET_OBJECT_FANOUT) {
		/* a report naming a whole estate says nothing about who knows whom */
		b->reports_skipped++;
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			struct cg_net_link l = {
				.a = r->nodes.items[i], .b = r->nodes.items[k], .type = (uint32_t)type,
				.from = r->day, .to = r->day, .origin = CG_NET_INTEL,
				.owner_agency_id = r->owner, .row_id = r->id, .weight = -1,
			};
			memcpy(l.grading, r->grading, sizeof(l.grading));
			build_link(b, &l, false);
		}
}

/* As model/intel.c decides (intel_view): an erased report shows nothing;
 * one not yet approved is its owner agency's alone; otherwise the
 * visibility rule. Only a report seen in full links its subjects. */
static enum cg_status start_report(struct builder *b, struct cg_stmt *s, struct report *r,
				   struct cg_error *err)
{
	const char *status = cg_stmt_text(s, I_STATUS);
	bool full = false;
	enum cg_status rc = build_sees(b, s, I_LABEL, &full, &r->owner, err);

	r->id = cg_stmt_int64(s, I_ID);
	r->nodes.len = 0;
	r->day = build_day(cg_stmt_text(s, I_RELATES));
	grading_of(cg_stmt_text(s, I_SE), cg_stmt_text(s, I_IA), r->grading);
	r->keep = rc == CG_OK && full && strcmp(status, "erased") != 0 &&
		  (strcmp(status, "approved") == 0 || r->owner == b->ctx->who.agency_id) &&
		  build_row_passes(b, r->owner, r->grading) && build_in_window(b, r->day, r->day);
	return rc;
}

enum cg_status build_intel(struct builder *b, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct report r = { .id = 0, .nodes = CG_VEC_INIT };
	bool row = false;
	int64_t type = build_type(b, "intel_co_subject");
	enum cg_status rc = CG_OK;

	if (type < 0)
		return CG_OK;
	rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_INTEL_SUBJECTS, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, I_ID), subject = cg_stmt_int64(s, I_SUBJECT);
		int32_t v;
		if (id != r.id) {
			report_links(b, &r, type);
			rc = start_report(b, s, &r, err);
		}
		if (rc || !r.keep)
			continue;
		if (strcmp(cg_stmt_text(s, I_KIND), "record") == 0)
			v = build_record_node(b, subject);
		else
			v = subject > 0 && (uint64_t)subject < b->nperson ? b->person_node[subject] : -1;
		if (v >= 0)
			cg_vec_push(&r.nodes, (uint32_t)v);
	}
	if (rc == CG_OK)
		report_links(b, &r, type);
	cg_stmt_done(s);
	cg_vec_release(&r.nodes);
	return rc;
}
