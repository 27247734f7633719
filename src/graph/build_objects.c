/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_objects.c - persons who used one object (graph layer): two
 * prisoners who rang the same number, two persons on one bank account.
 * See build_internal.h.
 *
 * The uses collected from associations and events (already checked
 * against visibility, agencies, grading and the window) are sorted by
 * object and person; each object then links every pair of its users with
 * one shared_<kind> link, whatever the number of calls, dated from the
 * pair's first to their last use. An object used by more than
 * CG_NET_OBJECT_FANOUT persons (a switchboard, a solicitor's office, a
 * prison's own number) links nobody and is counted: such a number says
 * nothing about who knows whom, and would add thousands of links. Users
 * are counted among the persons the principal sees, so the cut never
 * depends on what they may not see.
 *
 * Provenance: row_id and row_id2 are the first use of each person (event
 * ids; association ids when both used it through associations, with
 * origin CG_NET_ASSOCIATION; a pair of one association and one event has
 * origin CG_NET_ASSOCIATION, row_id the association and row_id2 0); via
 * is the object, named "phone 07700900123".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/build_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* The objects' kinds and values, by id. */
struct objects {
	uint8_t *kind;      /* index into kinds[] + 1; 0 no such object */
	size_t *value;      /* offset of the value in pool */
	size_t n;           /* ids 0 .. n-1 */
	struct cg_buf pool;
};

static const char *const kinds[] = {
	"phone", "handset", "vehicle", "bank_account", "address", "email", "other",
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* One person's uses of the current object, folded. */
struct user {
	uint32_t node;
	int32_t from, to;
	const struct build_use *first;
	bool custody;          /* every use a call from prison */
	char grading[3];       /* the weakest grading among the uses */
};

static enum cg_status load_objects(struct builder *b, struct objects *o, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	enum cg_status rc = cg_store_prepare_query(b->ctx->store, CG_Q_GRAPH_OBJECTS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, 0);
		const char *kind = cg_stmt_text(s, 1);
		uint8_t k = 0;
		if (id <= 0 || id > INT32_MAX)
			continue;
		for (size_t i = 0; i < NKINDS && !k; i++)
			if (strcmp(kinds[i], kind) == 0)
				k = (uint8_t)(i + 1);
		if ((size_t)id >= o->n) {
			size_t old = cap;
			o->kind = cg_grow(o->kind, sizeof(*o->kind), (size_t)id + 1, &cap);
			o->value = cg_xrealloc(o->value, cap * sizeof(*o->value));
			memset(o->kind + old, 0, cap - old);
			o->n = (size_t)id + 1;
		}
		o->kind[id] = k;
		o->value[id] = o->pool.len;
		(void)cg_buf_addstr(&o->pool, cg_stmt_text(s, 2), NULL);
		(void)cg_buf_addch(&o->pool, '\0', NULL);
	}
	cg_stmt_done(s);
	return rc;
}

static int use_order(const void *x, const void *y)
{
	const struct build_use *p = x, *q = y;
	if (p->object != q->object)
		return p->object < q->object ? -1 : 1;
	if (p->node != q->node)
		return p->node < q->node ? -1 : 1;
	if (p->from != q->from)
		return p->from < q->from ? -1 : 1;
	if (p->association != q->association)
		return p->association ? -1 : 1;
	return p->row < q->row ? -1 : p->row > q->row;
}

static int32_t day_min(int32_t a, int32_t b)
{
	return a == CG_NET_NO_DATE ? b : b == CG_NET_NO_DATE ? a : a < b ? a : b;
}

static int32_t day_max(int32_t a, int32_t b)
{
	return a == CG_NET_NO_DATE ? b : b == CG_NET_NO_DATE ? a : a > b ? a : b;
}

/* The weaker of two gradings ("" counts as none). */
static void grading_weaker(char *g, const char *h)
{
	if (!h[0])
		return;
	if (!g[0] || h[0] > g[0])
		g[0] = h[0];
	if (h[1] > g[1])
		g[1] = h[1];
	g[2] = '\0';
}

/* Folds uses[0..n) (one object, sorted by person) into users. */
static size_t fold_users(const struct build_use *u, size_t n, struct user *users)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || u[i].node != u[i - 1].node) {
			users[k++] = (struct user){ u[i].node, u[i].from, u[i].to, &u[i], u[i].custody,
						    { 0 } };
		} else {
			struct user *p = &users[k - 1];
			p->from = day_min(p->from, u[i].from);
			p->to = day_max(p->to, day_max(u[i].from, u[i].to));
			p->custody = p->custody && u[i].custody;
		}
		grading_weaker(users[k - 1].grading, u[i].grading);
	}
	return k;
}

static void pair_links(struct builder *b, const struct user *users, size_t n, int64_t type,
		       int64_t object)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			const struct user *p = &users[i], *q = &users[k];
			const struct build_use *first = p->first, *second = q->first;
			bool assoc = first->association || second->association;
			struct cg_net_link l = {
				.a = p->node, .b = q->node, .type = (uint32_t)type,
				.from = day_min(p->from, q->from), .to = day_max(p->to, q->to),
				.origin = assoc ? CG_NET_ASSOCIATION : CG_NET_OBJECT,
				.via = object, .weight = -1,
			};
			if (assoc && !first->association) {
				const struct build_use *t = first;
				first = second;
				second = t;
			}
			l.owner_agency_id = first->owner;
			l.row_id = first->row;
			l.row_id2 = assoc && !second->association ? 0 : second->row;
			memcpy(l.grading, p->grading, sizeof(l.grading));
			grading_weaker(l.grading, q->grading);
			build_link(b, &l, p->custody && q->custody);
		}
}

enum cg_status build_objects(struct builder *b, struct cg_error *err)
{
	struct objects o = { 0 };
	struct user *users = NULL;
	size_t cap_users = 0;
	enum cg_status rc;

	if (!b->uses.len)
		return CG_OK;
	cg_buf_init(&o.pool, SIZE_MAX);
	rc = load_objects(b, &o, err);
	qsort(b->uses.items, b->uses.len, sizeof(*b->uses.items), use_order);
	for (size_t i = 0, j; rc == CG_OK && i < b->uses.len; i = j) {
		int64_t object = b->uses.items[i].object;
		char type_name[32];
		int64_t type;
		size_t n;
		for (j = i + 1; j < b->uses.len && b->uses.items[j].object == object; j++)
			;
		if (object <= 0 || (size_t)object >= o.n || !o.kind[object])
			continue;
		snprintf(type_name, sizeof(type_name), "shared_%s", kinds[o.kind[object] - 1]);
		type = build_type(b, type_name);
		if (type < 0)
			continue;
		users = cg_grow(users, sizeof(*users), j - i, &cap_users);
		n = fold_users(&b->uses.items[i], j - i, users);
		if (n < 2)
			continue;
		if (n > CG_NET_OBJECT_FANOUT) {
			b->objects_skipped++;
			continue;
		}
		char name[160];
		snprintf(name, sizeof(name), "%s %s", kinds[o.kind[object] - 1],
			 o.pool.data + o.value[object]);
		cg_net_via_name_set(b->net, false, object, name);
		pair_links(b, users, n, type, object);
	}
	free(users);
	free(o.kind);
	free(o.value);
	cg_buf_release(&o.pool);
	return rc;
}
