/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_cluster.c - turning scored pairs into persons (link layer): union-find
 * over the pairs above the threshold, analyst decisions first, and the
 * split of any cluster that would hold two different hard identifiers of
 * one kind. See docs/linking.md.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access/audit.h"
#include "base/date.h"
#include "base/strmap.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "link/link.h"
#include "link/link_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* ---- clustering ---- */

struct edge {
	uint32_t a, b;
	float w;
	uint8_t cls; /* enum link_method: lower is stronger */
};


struct uf {
	uint32_t *parent, *size;
	cons_vec *cons;       /* per root: hard identifiers and reject tokens */
};

static uint32_t uf_find(struct uf *u, uint32_t x)
{
	while (u->parent[x] != x) {
		u->parent[x] = u->parent[u->parent[x]];
		x = u->parent[x];
	}
	return x;
}

/*
 * Dates of birth are a soft constraint on clusters: two records whose
 * dates differ in more than one field and in the year (level DIFFERENT)
 * are not one person, however a third record without a date ties them.
 * Entered as constraints of this kind with the date as value.
 */
#define DOB_KIND 0x40000000u

static bool cons_clash(struct cons x, struct cons y)
{
	if (x.kind != y.kind)
		return false;
	if (x.kind == DOB_KIND)
		return cg_compare_dob((int32_t)x.value, (int32_t)y.value) == CG_DOB_DIFFERENT;
	return x.value != y.value;
}

static void cons_add(cons_vec *v, struct cons c)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i].kind == c.kind && v->items[i].value == c.value)
			return;
	cg_vec_push(v, c);
}

static void uf_union(struct uf *u, uint32_t ra, uint32_t rb)
{
	if (u->size[ra] < u->size[rb]) {
		uint32_t t = ra;
		ra = rb;
		rb = t;
	}
	u->parent[rb] = ra;
	u->size[ra] += u->size[rb];
	for (size_t i = 0; i < u->cons[rb].len; i++)
		cons_add(&u->cons[ra], u->cons[rb].items[i]);
	cg_vec_release(&u->cons[rb]);
}

static int cmp_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

#define REJECT_KIND 0x80000000u


enum cg_status link_load_decisions(struct linker *L, decision_vec *out, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(L->ctx->store, CG_Q_LINK_DECISIONS, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		const char *k = cg_stmt_text(s, 1);
		size_t a = link_find_rec(L, cg_stmt_int64(s, 2)), b = link_find_rec(L, cg_stmt_int64(s, 3));
		struct decision d = { cg_stmt_int64(s, 0), k[0] == 'm' ? 'c' : k[0], 0, 0 };
		if (a == SIZE_MAX || (d.kind != 's' && b == SIZE_MAX))
			continue; /* a record no longer current */
		d.a = (uint32_t)a;
		d.b = d.kind == 's' ? 0 : (uint32_t)b;
		/* a later decision on the same pair replaces an earlier one */
		for (size_t i = 0; d.kind != 's' && i < out->len; i++) {
			struct decision *o = &out->items[i];
			if (o->kind != 's' && ((o->a == d.a && o->b == d.b) || (o->a == d.b && o->b == d.a)))
				o->kind = 0;
		}
		cg_vec_push(out, d);
	}
	cg_stmt_done(s);
	return rc;
}


/* True when the component's constraints hold one kind with two values. */
static bool self_conflict(const cons_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		for (size_t j = i + 1; j < v->len; j++)
			if (cons_clash(v->items[i], v->items[j]))
				return true;
	return false;
}

/* A pair inside a conflicted component. */
struct inner {
	uint32_t root;   /* the component (phase 1) */
	uint32_t a, b;   /* record indexes */
	float w;         /* model weight (analyst edges: huge) */
	bool accepted;   /* an edge that would link on its own */
};

static int cmp_inner(const void *x, const void *y)
{
	const struct inner *a = x, *b = y;
	return a->root < b->root ? -1 : a->root > b->root;
}

/* Joins group bj into group bi (split_component). */
static void merge_groups(double *S, bool *E, bool *alive, uint32_t *label, cons_vec *cons,
			 size_t k, size_t bi, size_t bj)
{
	alive[bj] = false;
	for (size_t x = 0; x < k; x++) {
		S[bi * k + x] += S[bj * k + x];
		S[x * k + bi] = S[bi * k + x];
		E[bi * k + x] = E[bi * k + x] || E[bj * k + x];
		E[x * k + bi] = E[bi * k + x];
	}
	for (size_t x = 0; x < cons[bj].len; x++)
		cons_add(&cons[bi], cons[bj].items[x]);
	for (size_t x = 0; x < k; x++)
		if (label[x] == bj)
			label[x] = (uint32_t)bi;
}

/*
 * Splits one component whose records hold two different hard identifiers
 * of a kind (or both sides of a rejected pair). Agglomerative: start from
 * single records, and repeatedly join the two groups with the largest sum
 * of pair weights between them that share at least one accepted edge and
 * do not conflict. Summing every compared pair, not only the strongest,
 * keeps the records that most evidence ties together, so the record that
 * carries the second identifier (a duplicate) is the one left out.
 */
static void split_component(struct linker *L, const struct inner *in, size_t nin,
			    const uint32_t *members, size_t k, struct clustering *cl)
{
	double *S = cg_xcalloc(k * k, sizeof(*S));
	bool *E = cg_xcalloc(k * k, sizeof(*E));
	bool *alive = cg_xcalloc(k, sizeof(*alive));
	uint32_t *label = cg_xcalloc(k, sizeof(*label));
	cons_vec *cons = cg_xcalloc(k, sizeof(*cons));

	for (size_t i = 0; i < k; i++) {
		const struct lrec *r = &L->recs[members[i]];
		alive[i] = true;
		label[i] = (uint32_t)i;
		for (size_t x = 0; x < r->nident; x++) {
			const struct cg_link_ident *id = &L->idents[r->ident_at + x];
			if (id->hard) {
				struct cons c = { id->kind, id->value };
				cons_add(&cons[i], c);
			}
		}
		for (size_t x = 0; x < cl->extra[members[i]].len; x++)
			cons_add(&cons[i], cl->extra[members[i]].items[x]);
		if (r->dob) {
			struct cons c = { DOB_KIND, (uint32_t)r->dob };
			cons_add(&cons[i], c);
		}
	}
	for (size_t p = 0; p < nin; p++) {
		size_t i = 0, j = 0;
		while (members[i] != in[p].a)
			i++;
		while (members[j] != in[p].b)
			j++;
		double w = in[p].w > 1e6f ? 1e6 : (double)in[p].w;
		S[i * k + j] += w;
		S[j * k + i] += w;
		if (in[p].accepted)
			E[i * k + j] = E[j * k + i] = true;
	}
	/* analyst confirmations first: they win over dates of birth, never
	 * over hard identifiers */
	for (size_t p = 0; p < nin; p++) {
		if (in[p].w < 1e6f)
			continue;
		size_t i = 0, j = 0;
		while (members[i] != in[p].a)
			i++;
		while (members[j] != in[p].b)
			j++;
		i = label[i];
		j = label[j];
		if (i == j)
			continue;
		bool bad = false;
		for (size_t x = 0; x < cons[i].len && !bad; x++)
			for (size_t y = 0; y < cons[j].len && !bad; y++)
				bad = cons[i].items[x].kind != DOB_KIND &&
				      cons_clash(cons[i].items[x], cons[j].items[y]);
		if (bad)
			continue;
		if (j < i) {
			size_t t = i;
			i = j;
			j = t;
		}
		merge_groups(S, E, alive, label, cons, k, i, j);
	}
	for (;;) {
		size_t bi = 0, bj = 0;
		double best = -1e300;
		bool found = false;
		for (size_t i = 0; i < k; i++) {
			if (!alive[i])
				continue;
			for (size_t j = i + 1; j < k; j++) {
				if (!alive[j] || !E[i * k + j] || S[i * k + j] <= best)
					continue;
				bool bad = false;
				for (size_t x = 0; x < cons[i].len && !bad; x++)
					for (size_t y = 0; y < cons[j].len && !bad; y++)
						bad = cons_clash(cons[i].items[x], cons[j].items[y]);
				if (bad)
					continue;
				best = S[i * k + j];
				bi = i;
				bj = j;
				found = true;
			}
		}
		if (!found)
			break;
		merge_groups(S, E, alive, label, cons, k, bi, bj);
	}
	/* each group's representative is its first member */
	for (size_t i = 0; i < k; i++) {
		size_t first = 0;
		while (label[first] != label[i])
			first++;
		cl->root[members[i]] = members[first];
	}
	/* report the accepted edges the split cut */
	for (size_t p = 0; p < nin; p++) {
		if (!in[p].accepted || cl->root[in[p].a] == cl->root[in[p].b])
			continue;
		struct cg_link_conflict c = { L->recs[in[p].a].id, L->recs[in[p].b].id, "" };
		const struct lrec *ra = &L->recs[in[p].a], *rb = &L->recs[in[p].b];
		bool rejected = false;
		for (size_t x = 0; x < cl->extra[in[p].a].len; x++)
			for (size_t y = 0; y < cl->extra[in[p].b].len; y++)
				rejected = rejected ||
					   cl->extra[in[p].a].items[x].kind == cl->extra[in[p].b].items[y].kind;
		if (rejected)
			continue;
		snprintf(c.kind, sizeof(c.kind), "%s",
			 cg_compare_dob(ra->dob, rb->dob) == CG_DOB_DIFFERENT ? "date of birth"
									     : "hard identifiers");
		for (size_t x = 0; x < ra->nident; x++)
			for (size_t y = 0; y < rb->nident; y++) {
				const struct cg_link_ident *ia = &L->idents[ra->ident_at + x],
							   *ib = &L->idents[rb->ident_at + y];
				if (ia->hard && ib->hard && ia->kind == ib->kind && ia->value != ib->value)
					snprintf(c.kind, sizeof(c.kind), "%s", L->kind.text.items[ia->kind]);
			}
		cl->nconflicts++;
		cg_vec_push(&cl->conflicts, c);
	}
	for (size_t i = 0; i < k; i++)
		cg_vec_release(&cons[i]);
	free(cons);
	free(S);
	free(E);
	free(alive);
	free(label);
}

void link_cluster(struct linker *L, const struct cg_link_options *o, const decision_vec *dv,
		    struct clustering *cl, struct cg_link_summary *sum)
{
	struct uf u;
	CG_VEC(struct edge) edges = CG_VEC_INIT;
	CG_VEC(struct inner) inner = CG_VEC_INIT;
	uint32_t n = (uint32_t)L->n;
	bool *conflicted;

	u.parent = cg_xcalloc(n ? n : 1, sizeof(*u.parent));
	u.size = cg_xcalloc(n ? n : 1, sizeof(*u.size));
	u.cons = cg_xcalloc(n ? n : 1, sizeof(*u.cons));
	cl->extra = cg_xcalloc(n ? n : 1, sizeof(*cl->extra));
	for (uint32_t i = 0; i < n; i++) {
		const struct lrec *r = &L->recs[i];
		u.parent[i] = i;
		u.size[i] = 1;
		if (r->dob) {
			struct cons c = { DOB_KIND, (uint32_t)r->dob };
			cons_add(&u.cons[i], c);
		}
		for (size_t k = 0; k < r->nident; k++) {
			const struct cg_link_ident *x = &L->idents[r->ident_at + k];
			if (x->hard) {
				struct cons c = { x->kind, x->value };
				cons_add(&u.cons[i], c);
			}
		}
	}
	for (size_t i = 0; i < dv->len; i++) {
		const struct decision *d = &dv->items[i];
		if (d->kind == 'c') {
			struct edge e = { d->a, d->b, 1e30f, M_ANALYST };
			cg_vec_push(&edges, e);
			sum->decisions++;
		} else if (d->kind == 'r') {
			struct cons ca = { REJECT_KIND | (uint32_t)i, 1 }, cb = { REJECT_KIND | (uint32_t)i, 2 };
			cons_add(&u.cons[d->a], ca);
			cons_add(&u.cons[d->b], cb);
			cg_vec_push(&cl->extra[d->a], ca);
			cg_vec_push(&cl->extra[d->b], cb);
			sum->decisions++;
		} else if (d->kind == 's') {
			L->recs[d->a].flags |= REC_SPLIT;
			sum->decisions++;
		}
	}
	if (o->incremental) {
		/* the persons already formed hold together */
		CG_VEC(uint64_t) by = CG_VEC_INIT;
		for (uint32_t i = 0; i < n; i++)
			if (L->recs[i].person)
				cg_vec_push(&by, ((uint64_t)L->recs[i].person << 32) | i);
		link_sort_u64(by.items, by.len);
		for (size_t k = 1; k < by.len; k++)
			if (by.items[k] >> 32 == by.items[k - 1] >> 32) {
				struct edge e = { (uint32_t)by.items[k - 1], (uint32_t)by.items[k], 1e29f,
						  M_EXISTING };
				cg_vec_push(&edges, e);
			}
		cg_vec_release(&by);
	}
	for (size_t k = 0; k < L->npairs; k++) {
		struct edge e = { (uint32_t)(L->pairs[k] >> 32), (uint32_t)(L->pairs[k] & 0xFFFFFFFFu),
				  L->weight[k], M_MODEL };
		if (L->gamma[k] & G_HARD)
			e.cls = M_HARD;
		else if (e.w < o->threshold)
			continue;
		cg_vec_push(&edges, e);
	}
	link_sort_items(edges.items, edges.len, sizeof(struct edge), cmp_edge);

	/* phase 1: every accepted edge */
	for (size_t k = 0; k < edges.len; k++) {
		const struct edge *e = &edges.items[k];
		uint32_t ra = uf_find(&u, e->a), rb = uf_find(&u, e->b);
		if (e->cls != M_ANALYST && ((L->recs[e->a].flags | L->recs[e->b].flags) & REC_SPLIT))
			continue;
		if (ra != rb)
			uf_union(&u, ra, rb);
	}
	cl->root = cg_xcalloc(n ? n : 1, sizeof(*cl->root));
	cl->method = cg_xcalloc(n ? n : 1, sizeof(*cl->method));
	cl->mweight = cg_xcalloc(n ? n : 1, sizeof(*cl->mweight));
	conflicted = cg_xcalloc(n ? n : 1, sizeof(*conflicted));
	for (uint32_t i = 0; i < n; i++) {
		cl->root[i] = uf_find(&u, i);
		if (cl->root[i] == i && self_conflict(&u.cons[i]))
			conflicted[i] = true;
	}

	/* phase 2: split the components that break a hard identifier or a
	 * rejection, using every compared pair inside them */
	for (size_t k = 0; k < edges.len; k++) {
		const struct edge *e = &edges.items[k];
		if (e->cls == M_ANALYST && conflicted[cl->root[e->a]]) {
			struct inner x = { cl->root[e->a], e->a, e->b, e->w, true };
			cg_vec_push(&inner, x);
		}
	}
	for (size_t k = 0; k < L->npairs; k++) {
		uint32_t a = (uint32_t)(L->pairs[k] >> 32), b = (uint32_t)(L->pairs[k] & 0xFFFFFFFFu);
		if (cl->root[a] != cl->root[b] || !conflicted[cl->root[a]])
			continue;
		bool split = (L->recs[a].flags | L->recs[b].flags) & REC_SPLIT;
		struct inner x = { cl->root[a], a, b, L->weight[k],
				   !split && ((L->gamma[k] & G_HARD) || L->weight[k] >= o->threshold) };
		cg_vec_push(&inner, x);
	}
	link_sort_items(inner.items, inner.len, sizeof(struct inner), cmp_inner);
	{
		CG_VEC(uint32_t) members = CG_VEC_INIT;
		uint32_t *order = cg_xcalloc(n ? n : 1, sizeof(*order));
		/* members of each conflicted component, in record order */
		CG_VEC(uint64_t) bykey = CG_VEC_INIT;
		for (uint32_t i = 0; i < n; i++)
			if (conflicted[cl->root[i]])
				cg_vec_push(&bykey, ((uint64_t)cl->root[i] << 32) | i);
		link_sort_u64(bykey.items, bykey.len);
		size_t p = 0;
		for (size_t s = 0, e; s < bykey.len; s = e) {
			uint32_t root = (uint32_t)(bykey.items[s] >> 32);
			members.len = 0;
			for (e = s; e < bykey.len && bykey.items[e] >> 32 == root; e++)
				cg_vec_push(&members, (uint32_t)bykey.items[e]);
			while (p < inner.len && inner.items[p].root < root)
				p++;
			size_t q = p;
			while (q < inner.len && inner.items[q].root == root)
				q++;
			split_component(L, inner.items + p, q - p, members.items, members.len, cl);
			p = q;
		}
		cg_vec_release(&members);
		cg_vec_release(&bykey);
		free(order);
	}

	/* how each record joined: the strongest accepted edge inside its person */
	for (size_t k = 0; k < edges.len; k++) {
		const struct edge *e = &edges.items[k];
		if (cl->root[e->a] != cl->root[e->b])
			continue;
		if (e->cls != M_ANALYST && ((L->recs[e->a].flags | L->recs[e->b].flags) & REC_SPLIT))
			continue;
		for (int s = 0; s < 2; s++) {
			uint32_t r = s ? e->b : e->a;
			if (cl->method[r] == M_NONE) {
				cl->method[r] = e->cls;
				cl->mweight[r] = e->cls == M_MODEL ? e->w : 0;
			}
		}
	}
	{
		uint32_t *size = cg_xcalloc(n ? n : 1, sizeof(*size));
		for (uint32_t i = 0; i < n; i++)
			size[cl->root[i]]++;
		for (uint32_t i = 0; i < n; i++) {
			if (cl->method[i] == M_EXISTING)
				cl->method[i] = L->recs[i].old_method ? L->recs[i].old_method : M_SINGLETON;
			if (cl->method[i] == M_NONE || size[cl->root[i]] == 1)
				cl->method[i] = M_SINGLETON;
			if (cl->method[i] == M_HARD)
				sum->hard_links++;
			else if (cl->method[i] == M_MODEL)
				sum->model_links++;
			else if (cl->method[i] == M_ANALYST)
				sum->analyst_links++;
		}
		free(size);
	}
	sum->conflicts = cl->nconflicts;
	for (uint32_t i = 0; i < n; i++)
		cg_vec_release(&u.cons[i]);
	free(u.cons);
	free(u.parent);
	free(u.size);
	free(conflicted);
	cg_vec_release(&edges);
	cg_vec_release(&inner);
}
