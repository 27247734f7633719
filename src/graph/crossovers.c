/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * crossovers.c - members of different groups held together in custody,
 * ranked by risk tier (graph layer): the prison intelligence officer's
 * "who is networking in my prison". See groups.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/groups.h"
#include "base/banned.h"

static const char *const level_names[] = {
	[CG_LEVEL_CELL] = "cell",
	[CG_LEVEL_WING] = "wing",
	[CG_LEVEL_ESTABLISHMENT] = "establishment",
};
static const char *const level_types[] = {
	[CG_LEVEL_CELL] = "same_cell",
	[CG_LEVEL_WING] = "same_wing",
	[CG_LEVEL_ESTABLISHMENT] = "same_establishment",
};
#define NLEVELS (sizeof(level_names) / sizeof(level_names[0]))

const char *cg_custody_level_name(enum cg_custody_level l)
{
	return (size_t)l < NLEVELS ? level_names[l] : "?";
}

bool cg_custody_level_parse(const char *s, enum cg_custody_level *out)
{
	for (size_t i = 0; i < NLEVELS; i++)
		if (strcmp(s, level_names[i]) == 0) {
			*out = (enum cg_custody_level)i;
			return true;
		}
	return false;
}

bool cg_custody_level_of_type(const char *type, enum cg_custody_level *out)
{
	for (size_t i = 0; i < NLEVELS; i++)
		if (strcmp(type, level_types[i]) == 0) {
			*out = (enum cg_custody_level)i;
			return true;
		}
	return false;
}

/* True when `s` is a non-empty run of digits, with its value in *id. */
static bool location_id(const char *s, int64_t *id)
{
	int64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return true;
}

/* True when the link's place passes the establishment filter. */
static bool at_place(const struct cg_network *net, const struct cg_net_link *l, const char *want,
		     bool by_id, int64_t id)
{
	if (!want)
		return true;
	if (by_id)
		return l->via == id;
	const char *name = cg_net_via_name(net, l);
	size_t n = strlen(want);
	return name && strncmp(name, want, n) == 0 && (name[n] == '\0' || name[n] == ' ');
}

/* The latest day of a link for ranking; undated sorts last. */
static int32_t last_day(const struct cg_net_link *l)
{
	return l->to != CG_NET_NO_DATE ? l->to : l->from;
}

/* A crossover with what it is ranked by. */
struct ranked {
	struct cg_crossover c;
	int hi, lo;          /* tiers of a and b */
	int32_t last, first; /* the link's days */
};

static int ranked_order(const void *x, const void *y)
{
	const struct ranked *p = x, *q = y;
	if (p->hi != q->hi)
		return p->hi > q->hi ? -1 : 1;
	if (p->lo != q->lo)
		return p->lo > q->lo ? -1 : 1;
	if (p->last != q->last)
		return p->last > q->last ? -1 : 1;
	if (p->first != q->first)
		return p->first > q->first ? -1 : 1;
	return (p->c.link > q->c.link) - (p->c.link < q->c.link);
}

enum cg_status cg_crossovers(const struct cg_network *net,
			     const struct cg_crossover_options *opt,
			     struct cg_crossover_result *out, struct cg_error *err)
{
	static const struct cg_crossover_options all = { NULL, CG_LEVEL_ALL };
	enum cg_custody_level *level_of = NULL;
	bool *is_custody = NULL, by_id = false;
	int64_t id = 0;
	struct ranked *rows = NULL;
	size_t n = 0, cap = 0;

	CG_ASSERT(net->finished);
	cg_crossover_result_release(out);
	opt = opt ? opt : &all;
	if (opt->establishment && !opt->establishment[0])
		return cg_fail(err, CG_INVALID, "establishment: empty");
	if (opt->establishment)
		by_id = location_id(opt->establishment, &id);

	/* which types are co-location, and at which level */
	level_of = cg_xcalloc(net->ntypes ? net->ntypes : 1, sizeof(*level_of));
	is_custody = cg_xcalloc(net->ntypes ? net->ntypes : 1, sizeof(*is_custody));
	for (size_t t = 0; t < net->ntypes; t++)
		is_custody[t] = cg_custody_level_of_type(net->types[t].name, &level_of[t]) &&
				(opt->levels == CG_LEVEL_ALL ||
				 (opt->levels & CG_LEVEL_BIT(level_of[t])));

	for (size_t k = 0; k < net->nlinks; k++) {
		const struct cg_net_link *l = &net->links[k];
		if (!is_custody[l->type] || !cg_net_different_ocgs(net, l->a, l->b) ||
		    !at_place(net, l, opt->establishment, by_id, id))
			continue;
		/* no tier (-1) ranks below low (0) */
		int ta = net->nodes[l->a].tier, tb = net->nodes[l->b].tier;
		bool swap = tb > ta;
		struct ranked r = {
			.c = { k, swap ? l->b : l->a, swap ? l->a : l->b, level_of[l->type] },
			.hi = swap ? tb : ta,
			.lo = swap ? ta : tb,
			.last = last_day(l),
			.first = l->from,
		};
		rows = cg_grow(rows, sizeof(*rows), n + 1, &cap);
		rows[n++] = r;
	}
	if (n)
		qsort(rows, n, sizeof(*rows), ranked_order);
	out->items = cg_xcalloc(n ? n : 1, sizeof(*out->items));
	for (size_t i = 0; i < n; i++)
		out->items[i] = rows[i].c;
	out->n = n;
	free(rows);
	free(level_of);
	free(is_custody);
	return CG_OK;
}

void cg_crossover_result_release(struct cg_crossover_result *r)
{
	free(r->items);
	memset(r, 0, sizeof(*r));
}
