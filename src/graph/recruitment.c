/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recruitment.c - people with no recorded group who gain custody-setting
 * links with members, ordered by how strong and recent those links are
 * (graph layer). See groups.h for the score.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/groups.h"
#include "base/banned.h"

/* The points of link l as of `as_of`, or -1 if it had not begun. */
static double link_points(const struct cg_net_link *l, int32_t as_of, double half_life)
{
	int32_t last = l->to != CG_NET_NO_DATE ? l->to : l->from;
	double age;
	if (l->from != CG_NET_NO_DATE && l->from > as_of)
		return -1;
	if (last == CG_NET_NO_DATE)
		age = half_life; /* cannot be placed: one half-life old */
	else
		age = last >= as_of ? 0 : (double)as_of - (double)last;
	return l->weight * pow(0.5, age / half_life);
}

static int tie_order(const void *x, const void *y)
{
	const struct cg_recruit_tie *p = x, *q = y;
	if (p->points != q->points)
		return p->points > q->points ? -1 : 1;
	return (p->link > q->link) - (p->link < q->link);
}

static int group_order(const void *x, const void *y)
{
	const struct cg_recruit_group *p = x, *q = y;
	if (p->points != q->points)
		return p->points > q->points ? -1 : 1;
	return (p->ocg > q->ocg) - (p->ocg < q->ocg);
}

static int recruit_order(const void *x, const void *y)
{
	const struct cg_recruit *p = x, *q = y;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->last != q->last)
		return p->last > q->last ? -1 : 1;
	return (p->node > q->node) - (p->node < q->node);
}

/* Adds the points of one tie to the person's group `ocg`; `new_member`
 * when this member was not counted for the group yet. */
static void add_group(struct cg_recruit *r, int64_t ocg, double points, bool new_member)
{
	size_t i = 0;
	while (i < r->ngroups && r->groups[i].ocg != ocg)
		i++;
	if (i == r->ngroups) {
		r->groups = cg_xrealloc(r->groups, (r->ngroups + 1) * sizeof(*r->groups));
		r->groups[r->ngroups++] = (struct cg_recruit_group){ .ocg = ocg };
	}
	r->groups[i].points += points;
	r->groups[i].nmembers += new_member;
}

/* Collects non-member v's custody-setting links with members; false if
 * there are none. */
static bool collect(const struct cg_network *net, uint32_t v, const bool *custody,
		    int32_t as_of, double half_life, struct cg_recruit *r)
{
	size_t cap = 0;
	*r = (struct cg_recruit){ .node = v, .last = CG_NET_NO_DATE };
	for (size_t i = net->adj_start[v]; i < net->adj_start[v + 1]; i++) {
		const struct cg_net_edge *e = &net->edges[net->adj_edge[i]];
		uint32_t m = e->a == v ? e->b : e->a;
		const struct cg_net_node *mn = &net->nodes[m];
		bool first_tie = true;
		if (!mn->nocgs)
			continue;
		for (size_t k = e->first; k < e->first + e->count; k++) {
			const struct cg_net_link *l = &net->links[k];
			double points;
			if (!custody[l->type])
				continue;
			points = link_points(l, as_of, half_life);
			if (points < 0)
				continue;
			r->ties = cg_grow(r->ties, sizeof(*r->ties), r->nties + 1, &cap);
			r->ties[r->nties++] = (struct cg_recruit_tie){ k, m, points };
			r->score += points;
			int32_t last = l->to != CG_NET_NO_DATE ? l->to : l->from;
			if (last != CG_NET_NO_DATE && last > as_of)
				last = as_of;
			if (last > r->last)
				r->last = last;
			for (size_t g = 0; g < mn->nocgs; g++)
				add_group(r, mn->ocgs[g], points, first_tie);
			first_tie = false;
		}
	}
	if (!r->nties)
		return false;
	qsort(r->ties, r->nties, sizeof(*r->ties), tie_order);
	qsort(r->groups, r->ngroups, sizeof(*r->groups), group_order);
	return true;
}

static void recruit_release(struct cg_recruit *r)
{
	free(r->ties);
	free(r->groups);
}

enum cg_status cg_recruitment(const struct cg_network *net, const struct cg_recruit_options *opt,
			      struct cg_recruit_result *out, struct cg_error *err)
{
	double half_life = opt->half_life ? opt->half_life : CG_RECRUIT_DEFAULT_HALF_LIFE;
	struct cg_recruit *items = NULL;
	size_t n = 0, cap = 0;
	bool *custody;

	CG_ASSERT(net->finished);
	cg_recruit_result_release(out);
	if (!isfinite(half_life) || half_life <= 0)
		return cg_fail(err, CG_INVALID, "half-life %g: must be a positive number of days",
			       half_life);
	custody = cg_xcalloc(net->ntypes ? net->ntypes : 1, sizeof(*custody));
	for (size_t t = 0; t < net->ntypes; t++)
		custody[t] = net->types[t].custody;
	for (size_t v = 0; v < net->nnodes; v++) {
		struct cg_recruit r;
		if (net->nodes[v].nocgs)
			continue;
		if (!collect(net, (uint32_t)v, custody, opt->as_of, half_life, &r)) {
			recruit_release(&r);
			continue;
		}
		items = cg_grow(items, sizeof(*items), n + 1, &cap);
		items[n++] = r;
	}
	if (n)
		qsort(items, n, sizeof(*items), recruit_order);
	if (opt->top && opt->top < n) {
		for (size_t i = opt->top; i < n; i++)
			recruit_release(&items[i]);
		n = opt->top;
	}
	out->items = items;
	out->n = n;
	out->as_of = opt->as_of;
	out->half_life = half_life;
	free(custody);
	return CG_OK;
}

void cg_recruit_result_release(struct cg_recruit_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		recruit_release(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof(*r));
}
