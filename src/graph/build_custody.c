/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_custody.c - who was held with whom (graph layer): same_cell,
 * same_wing and same_establishment links from custody movements. See
 * build_internal.h.
 *
 * Stays. A prisoner record's custody events (reception, transfer,
 * wing_move, recall) each start a stay at the event's place, which lasts
 * until that record's next custody event (a release ends it without
 * starting another). A record's last stay, still open, lasts until the
 * export date: the latest day any event in the store happened on, since
 * that is as far as the data reaches (a store loaded from last month's
 * exports should not place anyone in a cell today). Every custody event
 * of the record ends the stay before it, seen or not, so a movement the
 * principal may not see cannot stretch a stay they may; only stays whose
 * starting event the principal sees in full (and the filter's agencies
 * keep) make links.
 *
 * Places. An event's location is a cell (whose parent is a wing, whose
 * parent is the establishment), a wing, or an establishment; other places
 * (areas, addresses) are not custody.
 *
 * Links. Two stays of different persons that overlap by at least one day
 * make one link of the finest place they shared: same_cell when both name
 * the same cell, else same_wing when the same wing, else (only when that
 * type is asked for) same_establishment. from..to is the overlap; row_id
 * and row_id2 the events that started the earlier and the later stay; via
 * the shared place ("BMI cell F-1-002", "BMI wing F", "HMP Birmingham").
 *
 * Pairs are found by a sweep per place: stays sorted by start, a list of
 * those still running, each new stay paired with the running ones. The
 * cost is the number of pairs, not the square of the stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "graph/build_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of GRAPH_CUSTODY_EVENTS and GRAPH_LOCATIONS. */
enum { C_ID, C_RECORD, C_KIND, C_DATE, C_LOCATION, C_LABEL };
enum { L_ID, L_KIND, L_CODE, L_NAME, L_PARENT };

enum place_kind { PLACE_OTHER, PLACE_ESTABLISHMENT, PLACE_WING, PLACE_CELL };

struct places {
	uint8_t *kind;      /* enum place_kind by id */
	int64_t *parent;
	size_t *code, *name; /* offsets into pool */
	bool *named;        /* via name set */
	size_t n;
	struct cg_buf pool;
};

struct custody_event {
	int64_t id, record, location, owner;
	int32_t day;
	bool release;
	bool usable;        /* seen in full and kept by the agency filter */
};

struct stay {
	uint32_t node;
	int32_t from, to;
	int64_t cell, wing, est; /* 0 unknown */
	int64_t event, owner;
};

typedef CG_VEC(struct custody_event) event_vec;
typedef CG_VEC(struct stay) stay_vec;

/* Every event kind in the schema, to find the export date one index
 * probe a kind. */
static const char *const event_kinds[] = {
	"reception", "transfer", "wing_move", "release", "recall", "visit", "call",
	"transaction", "incident", "arrest", "conviction", "supervision_start",
	"supervision_end", "other",
};

static enum cg_status export_day(struct builder *b, struct cg_error *err)
{
	enum cg_status rc = CG_OK;
	b->export_day = CG_NET_NO_DATE;
	for (size_t i = 0; rc == CG_OK && i < sizeof(event_kinds) / sizeof(event_kinds[0]); i++) {
		struct cg_stmt *s = NULL;
		bool row = false;
		rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_LATEST_EVENT, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_str(s, 1, event_kinds[i]);
			rc = cg_stmt_step(s, &row, err);
		}
		if (rc == CG_OK && row && !cg_stmt_is_null(s, 0)) {
			int32_t d = build_day(cg_stmt_text(s, 0));
			if (d != CG_NET_NO_DATE && (b->export_day == CG_NET_NO_DATE || d > b->export_day))
				b->export_day = d;
		}
		cg_stmt_done(s);
	}
	return rc;
}

static enum cg_status load_places(struct builder *b, struct places *p, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_LOCATIONS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, L_ID);
		const char *kind = cg_stmt_text(s, L_KIND);
		if (id <= 0 || id > INT32_MAX)
			continue;
		if ((size_t)id >= p->n) {
			size_t old = cap;
			p->kind = cg_grow(p->kind, sizeof(*p->kind), (size_t)id + 1, &cap);
			p->parent = cg_xrealloc(p->parent, cap * sizeof(*p->parent));
			p->code = cg_xrealloc(p->code, cap * sizeof(*p->code));
			p->name = cg_xrealloc(p->name, cap * sizeof(*p->name));
			p->named = cg_xrealloc(p->named, cap * sizeof(*p->named));
			memset(p->kind + old, 0, cap - old);
			memset(p->named + old, 0, (cap - old) * sizeof(*p->named));
			p->n = (size_t)id + 1;
		}
		p->kind[id] = strcmp(kind, "cell") == 0		 ? PLACE_CELL
			      : strcmp(kind, "wing") == 0	 ? PLACE_WING
			      : strcmp(kind, "establishment") == 0 ? PLACE_ESTABLISHMENT
								   : PLACE_OTHER;
		p->parent[id] = cg_stmt_int64(s, L_PARENT);
		p->code[id] = p->pool.len;
		(void)cg_buf_addstr(&p->pool, cg_stmt_text(s, L_CODE), NULL);
		(void)cg_buf_addch(&p->pool, '\0', NULL);
		p->name[id] = p->pool.len;
		(void)cg_buf_addstr(&p->pool, cg_stmt_text(s, L_NAME), NULL);
		(void)cg_buf_addch(&p->pool, '\0', NULL);
	}
	cg_stmt_done(s);
	return rc;
}

static void places_release(struct places *p)
{
	free(p->kind);
	free(p->parent);
	free(p->code);
	free(p->name);
	free(p->named);
	cg_buf_release(&p->pool);
}

static enum place_kind place_kind(const struct places *p, int64_t id)
{
	return id > 0 && (size_t)id < p->n ? (enum place_kind)p->kind[id] : PLACE_OTHER;
}

/* Fills the stay's cell, wing and establishment from its location;
 * false when the location is not a custody place. */
static bool place_stay(const struct places *p, int64_t loc, struct stay *st)
{
	st->cell = st->wing = st->est = 0;
	if (place_kind(p, loc) == PLACE_CELL) {
		st->cell = loc;
		loc = p->parent[loc];
	}
	if (place_kind(p, loc) == PLACE_WING) {
		st->wing = loc;
		loc = p->parent[loc];
	}
	if (place_kind(p, loc) == PLACE_ESTABLISHMENT)
		st->est = loc;
	/* a cell or wing must hang off an establishment to be placed */
	return st->est != 0;
}

static enum cg_status load_events(struct builder *b, event_vec *out,
				  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false, full;
	int64_t owner;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_CUSTODY_EVENTS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct custody_event e;
		rc = build_sees(b, s, C_LABEL, &full, &owner, err);
		if (rc)
			break;
		e.id = cg_stmt_int64(s, C_ID);
		e.record = cg_stmt_int64(s, C_RECORD);
		e.location = cg_stmt_int64(s, C_LOCATION);
		e.owner = owner;
		e.day = build_day(cg_stmt_text(s, C_DATE));
		e.release = strcmp(cg_stmt_text(s, C_KIND), "release") == 0;
		e.usable = full && build_row_passes(b, owner, "");
		if (e.day != CG_NET_NO_DATE)
			cg_vec_push(out, e);
	}
	cg_stmt_done(s);
	return rc;
}

static int event_order(const void *x, const void *y)
{
	const struct custody_event *p = x, *q = y;
	if (p->record != q->record)
		return p->record < q->record ? -1 : 1;
	if (p->day != q->day)
		return p->day < q->day ? -1 : 1;
	return p->id < q->id ? -1 : p->id > q->id;
}

/* Turns each record's events (sorted) into the stays that may link. */
static void make_stays(const struct builder *b, const struct places *p,
		       const struct custody_event *e, size_t n, stay_vec *out)
{
	for (size_t i = 0; i < n; i++) {
		bool last = i + 1 == n || e[i + 1].record != e[i].record;
		int32_t node = build_record_node(b, e[i].record);
		struct stay st = { 0 };
		if (e[i].release || !e[i].usable || node < 0)
			continue;
		st.node = (uint32_t)node;
		st.from = e[i].day;
		st.to = last ? b->export_day : e[i + 1].day;
		st.event = e[i].id;
		st.owner = e[i].owner;
		/* a stay shorter than a day overlaps nobody by a day; one wholly
		 * outside the window can make no link inside it */
		if (st.to == CG_NET_NO_DATE || st.to - st.from < 1 ||
		    !build_in_window(b, st.from, st.to) || !place_stay(p, e[i].location, &st))
			continue;
		cg_vec_push(out, st);
	}
}

enum level { BY_CELL, BY_WING, BY_ESTABLISHMENT };

struct sweep {
	struct builder *b;
	struct places *p;
	struct stay *stays;
	enum level level;
	int64_t t_cell, t_wing, t_est; /* type indexes, -1 not wanted */
};

static int64_t group_of(const struct stay *s, enum level level)
{
	return level == BY_CELL ? s->cell : level == BY_WING ? s->wing : s->est;
}

/* Stays by place (of the sweep's level), then start, end and event. */
static int stay_order(const struct stay *p, const struct stay *q, int64_t gp, int64_t gq)
{
	if (gp != gq)
		return gp < gq ? -1 : 1;
	if (p->from != q->from)
		return p->from < q->from ? -1 : 1;
	if (p->to != q->to)
		return p->to < q->to ? -1 : 1;
	return p->event < q->event ? -1 : p->event > q->event;
}

static int by_cell(const void *x, const void *y)
{
	const struct stay *p = x, *q = y;
	return stay_order(p, q, p->cell, q->cell);
}

static int by_wing(const void *x, const void *y)
{
	const struct stay *p = x, *q = y;
	return stay_order(p, q, p->wing, q->wing);
}

static int by_establishment(const void *x, const void *y)
{
	const struct stay *p = x, *q = y;
	return stay_order(p, q, p->est, q->est);
}

static void name_place(struct sweep *w, int64_t loc, enum place_kind kind, int64_t est)
{
	struct places *p = w->p;
	char name[256];
	if (p->named[loc])
		return;
	p->named[loc] = true;
	if (kind == PLACE_ESTABLISHMENT)
		snprintf(name, sizeof(name), "%s", p->pool.data + p->name[loc]);
	else
		snprintf(name, sizeof(name), "%s %s %s",
			 p->pool.data[p->code[est]] ? p->pool.data + p->code[est]
						    : p->pool.data + p->name[est],
			 kind == PLACE_CELL ? "cell" : "wing", p->pool.data + p->code[loc]);
	cg_net_via_name_set(w->b->net, true, loc, name);
}

/* The link between running stay t and new stay s (t started first). */
static void pair(struct sweep *w, const struct stay *t, const struct stay *s)
{
	int32_t to = s->to < t->to ? s->to : t->to;
	int64_t type, via;
	enum place_kind kind;
	if (to - s->from < 1 || s->node == t->node || !build_in_window(w->b, s->from, to))
		return;
	if (s->cell && s->cell == t->cell) {
		type = w->t_cell, via = s->cell, kind = PLACE_CELL;
	} else if (s->wing && s->wing == t->wing) {
		type = w->t_wing, via = s->wing, kind = PLACE_WING;
	} else {
		type = w->t_est, via = s->est, kind = PLACE_ESTABLISHMENT;
	}
	/* each pair is made once, at the finest level it shared: the wing
	 * sweep makes cell and wing pairs, the establishment sweep the rest */
	if (type < 0 || (w->level == BY_ESTABLISHMENT && kind != PLACE_ESTABLISHMENT))
		return;
	name_place(w, via, kind, s->est);
	struct cg_net_link l = {
		.a = t->node, .b = s->node, .type = (uint32_t)type, .from = s->from, .to = to,
		.origin = CG_NET_CUSTODY, .owner_agency_id = t->owner, .row_id = t->event,
		.row_id2 = s->event, .via = via, .weight = -1,
	};
	build_link(w->b, &l, true);
}

static void sweep(struct sweep *w, size_t n)
{
	CG_VEC(uint32_t) running = CG_VEC_INIT;
	qsort(w->stays, n, sizeof(*w->stays),
	      w->level == BY_CELL ? by_cell : w->level == BY_WING ? by_wing : by_establishment);
	for (size_t i = 0; i < n && !w->b->too_many; i++) {
		const struct stay *s = &w->stays[i];
		int64_t g = group_of(s, w->level);
		size_t keep = 0;
		if (!g)
			continue;
		if (i > 0 && group_of(&w->stays[i - 1], w->level) != g)
			running.len = 0;
		/* stays are in order of start: one that ends within a day of
		 * this start cannot overlap this or any later stay by a day */
		for (size_t k = 0; k < running.len; k++)
			if (w->stays[running.items[k]].to - s->from >= 1)
				running.items[keep++] = running.items[k];
		running.len = keep;
		for (size_t k = 0; k < running.len; k++)
			pair(w, &w->stays[running.items[k]], s);
		cg_vec_push(&running, (uint32_t)i);
	}
	cg_vec_release(&running);
}

enum cg_status build_custody(struct builder *b, struct cg_error *err)
{
	event_vec events = CG_VEC_INIT;
	stay_vec stays = CG_VEC_INIT;
	struct places p = { 0 };
	struct sweep w = { b, &p, NULL, BY_WING, build_type(b, "same_cell"),
			   build_type(b, "same_wing"), build_type(b, "same_establishment") };
	enum cg_status rc;

	cg_buf_init(&p.pool, SIZE_MAX);
	rc = export_day(b, err);
	if (rc || (w.t_cell < 0 && w.t_wing < 0 && w.t_est < 0)) {
		places_release(&p);
		return rc;
	}
	rc = load_places(b, &p, err);
	if (rc == CG_OK)
		rc = load_events(b, &events, err);
	if (rc == CG_OK && events.len) {
		qsort(events.items, events.len, sizeof(*events.items), event_order);
		make_stays(b, &p, events.items, events.len, &stays);
	}
	w.stays = stays.items;
	if (rc == CG_OK && stays.len > UINT32_MAX)
		rc = cg_fail(err, CG_LIMIT, "custody: more than %u stays", UINT32_MAX);
	if (rc == CG_OK && stays.len) {
		if (w.t_wing >= 0 || w.t_cell >= 0) {
			/* without same_wing, cells alone are swept: far fewer pairs */
			w.level = w.t_wing >= 0 ? BY_WING : BY_CELL;
			sweep(&w, stays.len);
		}
		if (w.t_est >= 0) {
			w.level = BY_ESTABLISHMENT;
			sweep(&w, stays.len);
		}
	}
	cg_vec_release(&events);
	cg_vec_release(&stays);
	places_release(&p);
	return rc;
}
