/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_nodes.c - the persons of a network (graph layer): who is a node,
 * under which name, in which groups, at which risk tier. See
 * build_internal.h.
 *
 * A node is an active person of whom the principal sees at least one
 * current, not withdrawn source record in full. Its label is the name on
 * the lowest-numbered such record ("SURNAME Forenames" as recorded), so a
 * name comes only from a record the principal may read. Its groups are
 * those of memberships the principal sees in full, of groups they also see
 * in full. Its tier is the effective tier of the person's latest risk
 * assessment (a supervisor's confirmed tier wins): a tier is shown to
 * whoever may see the person, as cg_risk_show does.
 *
 * Records and persons are joined in memory through arrays indexed by id
 * (ids are the store's dense row ids), so each table is read once.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/build_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of GRAPH_RECORDS and GRAPH_MEMBERSHIPS. */
enum { R_ID, R_PERSON, R_SURNAME, R_FORENAMES, R_LABEL };
enum { M_ID, M_OCG, M_PERSON, M_RECORD, M_LABEL, M_OCG_LABEL = M_LABEL + 7 };

/* Merged persons are followed at most this far (a chain longer than this
 * is not made by cg link merge; a loop would be a bug elsewhere). */
#define MERGE_DEPTH 64

struct rec {
	int64_t id, person;
	size_t name; /* offset of its name in the pool */
};

struct membership {
	int64_t person, ocg;
};

struct nodes_state {
	CG_VEC(struct rec) recs;    /* visible records, in id order */
	struct cg_buf names;        /* "SURNAME Forenames\0" of each */
	int64_t *merged;            /* person id -> merged into, 0 none */
	int64_t *rec_person;        /* record id -> person, 0 none */
	CG_VEC(struct membership) members;
	int64_t max_person;
};

static void *zeroed(size_t n, size_t size)
{
	return cg_xcalloc(n ? n : 1, size);
}

static enum cg_status load_agencies(struct builder *b, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_AGENCIES, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, 0);
		size_t need = (size_t)id + 1;
		if (id <= 0 || id > INT32_MAX)
			continue;
		if (need > b->nagency) {
			b->agency_code = cg_xrealloc(b->agency_code, need * sizeof(*b->agency_code));
			b->agency_prison = cg_xrealloc(b->agency_prison, need * sizeof(*b->agency_prison));
			for (size_t i = b->nagency; i < need; i++) {
				b->agency_code[i][0] = '\0';
				b->agency_prison[i] = false;
			}
			b->nagency = need;
		}
		snprintf(b->agency_code[id], sizeof(b->agency_code[id]), "%s", cg_stmt_text(s, 1));
		b->agency_prison[id] = strcmp(cg_stmt_text(s, 2), "prison") == 0;
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status load_records(struct builder *b, struct nodes_state *st,
				   struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, full;
	int64_t owner;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_RECORDS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		rc = build_sees(b, s, R_LABEL, &full, &owner, err);
		if (rc || !full)
			continue;
		const char *sur = cg_stmt_text(s, R_SURNAME), *fore = cg_stmt_text(s, R_FORENAMES);
		struct rec r = { cg_stmt_int64(s, R_ID), cg_stmt_int64(s, R_PERSON), st->names.len };
		if (r.id <= 0 || r.person <= 0 || r.id > INT32_MAX || r.person > INT32_MAX)
			continue; /* not a row id this store makes */
		(void)cg_buf_printf(&st->names, NULL, "%s%s%s", sur, *sur && *fore ? " " : "", fore);
		(void)cg_buf_addch(&st->names, '\0', NULL);
		cg_vec_push(&st->recs, r);
		if (r.person > st->max_person)
			st->max_person = r.person;
		if ((size_t)r.id >= b->nrec)
			b->nrec = (size_t)r.id + 1;
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status load_merged(struct builder *b, struct nodes_state *st,
				  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	CG_VEC(int64_t) pairs = CG_VEC_INIT;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_MERGED_PERSONS, &s,
						   err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, 0), into = cg_stmt_int64(s, 1);
		if (id <= 0 || into <= 0 || id > INT32_MAX || into > INT32_MAX)
			continue;
		cg_vec_push(&pairs, id);
		cg_vec_push(&pairs, into);
		if (id > st->max_person)
			st->max_person = id;
		if (into > st->max_person)
			st->max_person = into;
	}
	cg_stmt_done(s);
	b->nperson = (size_t)st->max_person + 1;
	st->merged = zeroed(b->nperson, sizeof(*st->merged));
	for (size_t i = 0; rc == CG_OK && i < pairs.len; i += 2)
		st->merged[pairs.items[i]] = pairs.items[i + 1];
	cg_vec_release(&pairs);
	return rc;
}

/* The person `id` stands for now (itself unless merged away). */
static int64_t resolve(const struct nodes_state *st, int64_t id, size_t nperson)
{
	for (int i = 0; i < MERGE_DEPTH && id > 0 && (size_t)id < nperson && st->merged[id]; i++)
		id = st->merged[id];
	return id;
}

static enum cg_status load_memberships(struct builder *b, struct nodes_state *st,
				       struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, full, ocg_full;
	int64_t owner;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_MEMBERSHIPS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		rc = build_sees(b, s, M_LABEL, &full, &owner, err);
		if (rc == CG_OK && full)
			rc = build_sees(b, s, M_OCG_LABEL, &ocg_full, &owner, err);
		if (rc || !full || !ocg_full)
			continue;
		int64_t person = cg_stmt_int64(s, M_PERSON), record = cg_stmt_int64(s, M_RECORD);
		/* a membership of a record counts through a record the principal
		 * sees; one of a person directly */
		if (person)
			person = resolve(st, person, b->nperson);
		else if (record > 0 && (size_t)record < b->nrec)
			person = st->rec_person[record];
		/* a person beyond the largest with a visible record is no node */
		if (person > 0 && (size_t)person < b->nperson)
			cg_vec_push(&st->members, ((struct membership){ person, cg_stmt_int64(s, M_OCG) }));
	}
	cg_stmt_done(s);
	return rc;
}

static int membership_order(const void *x, const void *y)
{
	const struct membership *p = x, *q = y;
	if (p->person != q->person)
		return p->person < q->person ? -1 : 1;
	return p->ocg < q->ocg ? -1 : p->ocg > q->ocg;
}

/* Which persons the OCG filter keeps: members of any of its groups. */
static bool *kept_persons(const struct builder *b, const struct nodes_state *st)
{
	bool *keep = zeroed(b->nperson, sizeof(*keep));
	for (size_t i = 0; i < b->nperson; i++)
		keep[i] = b->f->nocgs == 0;
	for (size_t i = 0; i < st->members.len; i++)
		for (size_t k = 0; k < b->f->nocgs; k++)
			if (st->members.items[i].ocg == b->f->ocgs[k])
				keep[st->members.items[i].person] = true;
	return keep;
}

static void make_nodes(struct builder *b, struct nodes_state *st)
{
	int32_t *first = zeroed(b->nperson, sizeof(*first));
	bool *keep = kept_persons(b, st);
	char key[24];

	for (size_t i = 0; i < b->nperson; i++)
		first[i] = -1;
	/* records come in id order: the first seen is the lowest */
	for (size_t i = st->recs.len; i-- > 0;)
		first[st->recs.items[i].person] = (int32_t)i;
	b->person_node = zeroed(b->nperson, sizeof(*b->person_node));
	for (size_t p = 0; p < b->nperson; p++) {
		b->person_node[p] = -1;
		if (first[p] < 0 || !keep[p])
			continue;
		snprintf(key, sizeof(key), "%zu", p);
		b->person_node[p] = (int32_t)cg_net_node(b->net, (int64_t)p, key,
							 st->names.data + st->recs.items[first[p]].name);
	}
	/* intelligence and memberships may still name a merged person */
	for (size_t p = 0; p < b->nperson; p++)
		if (st->merged[p]) {
			int64_t to = resolve(st, (int64_t)p, b->nperson);
			b->person_node[p] = to > 0 && (size_t)to < b->nperson ? b->person_node[to] : -1;
		}
	b->rec_node = zeroed(b->nrec, sizeof(*b->rec_node));
	for (size_t r = 0; r < b->nrec; r++)
		b->rec_node[r] = -1;
	for (size_t i = 0; i < st->recs.len; i++)
		b->rec_node[st->recs.items[i].id] = b->person_node[st->recs.items[i].person];

	if (st->members.len)
		qsort(st->members.items, st->members.len, sizeof(*st->members.items),
		      membership_order);
	for (size_t i = 0; i < st->members.len; i++) {
		int32_t v = b->person_node[st->members.items[i].person];
		if (v >= 0)
			cg_net_node_ocg(b->net, (uint32_t)v, st->members.items[i].ocg);
	}
	free(first);
	free(keep);
}

static int tier_number(const char *t)
{
	return strcmp(t, "high") == 0 ? 2 : strcmp(t, "medium") == 0 ? 1
					  : strcmp(t, "low") == 0   ? 0
								    : -1;
}

static enum cg_status load_tiers(struct builder *b, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_TIERS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t p = cg_stmt_int64(s, 0);
		const char *confirmed = cg_stmt_text(s, 2);
		/* not a node, or merged into one that has its own assessment */
		if (p <= 0 || (size_t)p >= b->nperson || b->person_node[p] < 0 ||
		    b->net->nodes[b->person_node[p]].person_id != p)
			continue;
		b->net->nodes[b->person_node[p]].tier =
			tier_number(confirmed[0] ? confirmed : cg_stmt_text(s, 1));
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status build_nodes(struct builder *b, struct cg_error *err)
{
	struct nodes_state st = { .recs = CG_VEC_INIT, .members = CG_VEC_INIT };
	enum cg_status rc;

	cg_buf_init(&st.names, SIZE_MAX);
	rc = load_agencies(b, err);
	if (rc == CG_OK)
		rc = load_records(b, &st, err);
	if (rc == CG_OK)
		rc = load_merged(b, &st, err);
	if (rc == CG_OK) {
		st.rec_person = zeroed(b->nrec, sizeof(*st.rec_person));
		for (size_t i = 0; i < st.recs.len; i++)
			st.rec_person[st.recs.items[i].id] = st.recs.items[i].person;
		rc = load_memberships(b, &st, err);
	}
	if (rc == CG_OK) {
		make_nodes(b, &st);
		rc = load_tiers(b, err);
	}
	cg_vec_release(&st.recs);
	cg_vec_release(&st.members);
	cg_buf_release(&st.names);
	free(st.merged);
	free(st.rec_person);
	return rc;
}
