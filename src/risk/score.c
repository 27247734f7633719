/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * score.c - computing a person's factors, score and tier from a snapshot
 * of evidence (risk layer). See score.h; docs/risk-protocol.md states each
 * measure in words.
 */
#include "risk/score.h"

#include <ctype.h>
#include <stdbool.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const char *risk_tier_name(enum risk_tier t)
{
	static const char *const names[] = { "low", "medium", "high" };
	return names[t];
}

const char *risk_evidence_table(enum risk_evidence e)
{
	static const char *const names[] = { "membership", "ocg", "intel_report", "event",
					     "association" };
	return names[e];
}

void risk_data_release(struct risk_data *d)
{
	free(d->person_ids);
	free(d->mem_at);
	free(d->intel_at);
	free(d->event_at);
	free(d->assoc_at);
	free(d->mem);
	free(d->intel);
	free(d->events);
	free(d->assoc);
	free(d->ocgs);
	memset(d, 0, sizeof(*d));
}

void risk_result_release(struct risk_result *r)
{
	cg_vec_release(&r->items);
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) != 0;
}

/* Does `text` hold `term` as whole words, ignoring ASCII case? */
static bool has_term(const char *text, const char *term)
{
	size_t n = strlen(term);
	for (const char *p = text; *p; p++) {
		if (p != text && is_word_char(p[-1]))
			continue;
		if (strncasecmp(p, term, n) == 0 && !is_word_char(p[n]))
			return true;
	}
	return false;
}

uint32_t risk_text_terms(const struct cg_policy *p, enum cg_risk_measure m, const char *text)
{
	uint32_t bits = 0;
	for (size_t f = 0; f < p->nfactors; f++) {
		const struct cg_policy_factor *fac = &p->factors[f];
		if (fac->measure != m)
			continue;
		for (size_t i = 0; i < fac->nitems; i++)
			if (has_term(text, fac->items[i].key)) {
				bits |= 1u << f;
				break;
			}
	}
	return bits;
}

/* Is `day` inside the factor's window ending at as_of (and, for
 * two-sided windows, starting there)? */
static bool in_window(const struct cg_policy_factor *f, int32_t day, int32_t as_of)
{
	if (day == RISK_DAY_MIN)
		return f->window_days == 0; /* undated evidence counts only without a window */
	if (day > as_of)
		return false;
	return f->window_days == 0 || day >= as_of - f->window_days;
}

static bool membership_current(const struct risk_membership *m, int32_t as_of)
{
	return m->from <= as_of && m->to >= as_of;
}

static double role_value(const struct cg_policy_factor *f, enum risk_role r)
{
	static const char *const roles[] = { "principal", "significant", "peripheral" };
	for (size_t i = 0; i < f->nitems; i++)
		if (strcmp(f->items[i].key, roles[r]) == 0)
			return f->items[i].value;
	return 0;
}

/* Raw parts of one factor before weight and cap. */
struct parts {
	struct risk_item *items;
	double *raw;
	size_t n, cap;
};

static void add_part(struct parts *ps, uint32_t factor, enum risk_evidence kind, int64_t id,
		     double raw)
{
	if (raw <= 0)
		return;
	ps->items = cg_grow(ps->items, sizeof(*ps->items), ps->n + 1, &ps->cap);
	ps->raw = cg_xrealloc(ps->raw, ps->cap * sizeof(*ps->raw));
	ps->items[ps->n] = (struct risk_item){ factor, kind, id, 0 };
	ps->raw[ps->n++] = raw;
}

/* The person's current OCGs (indexes), distinct, into out; returns count. */
static size_t current_groups(const struct risk_data *d, size_t i, int32_t as_of, uint32_t *out,
			     size_t max)
{
	size_t n = 0;
	for (size_t k = d->mem_at[i]; k < d->mem_at[i + 1]; k++) {
		const struct risk_membership *m = &d->mem[k];
		bool seen = false;
		if (!membership_current(m, as_of))
			continue;
		for (size_t j = 0; j < n; j++)
			seen |= out[j] == m->ocg;
		if (!seen && n < max)
			out[n++] = m->ocg;
	}
	return n;
}

static bool contains(const uint32_t *set, size_t n, uint32_t v)
{
	for (size_t j = 0; j < n; j++)
		if (set[j] == v)
			return true;
	return false;
}

#define GROUPS_MAX 64

static void measure_role(const struct cg_policy_factor *f, uint32_t fi,
			 const struct risk_data *d, size_t i, int32_t as_of, struct parts *ps)
{
	const struct risk_membership *best = NULL;
	double value = 0;
	for (size_t k = d->mem_at[i]; k < d->mem_at[i + 1]; k++) {
		double v = role_value(f, d->mem[k].role);
		if (membership_current(&d->mem[k], as_of) && v > value) {
			value = v;
			best = &d->mem[k];
		}
	}
	if (best)
		add_part(ps, fi, RISK_EV_MEMBERSHIP, best->id, value);
}

static void measure_activity(const struct cg_policy_factor *f, uint32_t fi,
			     const struct risk_data *d, size_t i, int32_t as_of, struct parts *ps)
{
	uint32_t groups[GROUPS_MAX], counted = 0;
	size_t n = current_groups(d, i, as_of, groups, GROUPS_MAX);
	for (size_t g = 0; g < n; g++) {
		const struct risk_ocg *o = &d->ocgs[groups[g]];
		uint32_t fresh = o->acts[fi] & ~counted;
		double raw = 0;
		for (size_t k = 0; k < f->nitems; k++)
			if (fresh & (1u << k))
				raw += f->items[k].value;
		counted |= fresh;
		add_part(ps, fi, RISK_EV_OCG, o->id, raw);
	}
}

static void measure_intel(const struct cg_policy_factor *f, uint32_t fi,
			  const struct risk_data *d, size_t i, int32_t as_of, struct parts *ps)
{
	for (size_t k = d->intel_at[i]; k < d->intel_at[i + 1]; k++) {
		const struct risk_intel *r = &d->intel[k];
		if (!in_window(f, r->day, as_of))
			continue;
		if (f->measure == CG_MEASURE_INTEL_TERMS && !(r->terms & (1u << fi)))
			continue;
		add_part(ps, fi, RISK_EV_INTEL, r->id, r->weight);
	}
}

static void measure_incidents(const struct cg_policy_factor *f, uint32_t fi,
			      const struct risk_data *d, size_t i, int32_t as_of,
			      struct parts *ps)
{
	for (size_t k = d->event_at[i]; k < d->event_at[i + 1]; k++) {
		const struct risk_event *e = &d->events[k];
		if (e->kind == RISK_EVENT_INCIDENT && (e->terms & (1u << fi)) &&
		    in_window(f, e->day, as_of))
			add_part(ps, fi, RISK_EV_EVENT, e->id, 1);
	}
}

static void measure_release(const struct cg_policy_factor *f, uint32_t fi,
			    const struct risk_data *d, size_t i, int32_t as_of, struct parts *ps)
{
	const struct risk_event *latest = NULL;
	for (size_t k = d->event_at[i]; k < d->event_at[i + 1]; k++) {
		const struct risk_event *e = &d->events[k];
		int64_t gap = (int64_t)e->day - as_of;
		if (e->kind != RISK_EVENT_RELEASE || e->day == RISK_DAY_MIN)
			continue;
		if (f->window_days && (gap < -f->window_days || gap > f->window_days))
			continue;
		if (!latest || e->day > latest->day)
			latest = e;
	}
	if (latest)
		add_part(ps, fi, RISK_EV_EVENT, latest->id, 1);
}

/* ocg_links and brokerage: the groups associates bring in. */
static void measure_network(const struct cg_policy_factor *f, uint32_t fi,
			    const struct risk_data *d, size_t i, int32_t as_of, struct parts *ps)
{
	uint32_t own[GROUPS_MAX], reached[GROUPS_MAX];
	int64_t via[GROUPS_MAX];
	size_t nown = current_groups(d, i, as_of, own, GROUPS_MAX), nreached = 0;

	for (size_t k = d->assoc_at[i]; k < d->assoc_at[i + 1]; k++) {
		const struct risk_assoc *a = &d->assoc[k];
		uint32_t theirs[GROUPS_MAX];
		size_t n;
		if (!in_window(f, a->day, as_of))
			continue;
		n = current_groups(d, a->other, as_of, theirs, GROUPS_MAX);
		for (size_t g = 0; g < n && nreached < GROUPS_MAX; g++) {
			if (contains(own, nown, theirs[g]) || contains(reached, nreached, theirs[g]))
				continue;
			via[nreached] = a->id;
			reached[nreached++] = theirs[g];
		}
	}
	if (f->measure == CG_MEASURE_OCG_LINKS) {
		for (size_t g = 0; g < nreached; g++)
			add_part(ps, fi, RISK_EV_ASSOCIATION, via[g], 1);
		return;
	}
	/* Brokerage: pairs among all the groups the person touches, shared out
	 * over the associations that brought the other groups in. */
	size_t all = nown + nreached;
	double pairs = all < 2 ? 0 : (double)all * (double)(all - 1) / 2;
	for (size_t g = 0; g < nreached && pairs > 0; g++)
		add_part(ps, fi, RISK_EV_ASSOCIATION, via[g], pairs / (double)nreached);
}

static void measure_recruitment(const struct cg_policy_factor *f, uint32_t fi,
				const struct risk_data *d, size_t i, int32_t as_of,
				struct parts *ps)
{
	for (size_t k = d->assoc_at[i]; k < d->assoc_at[i + 1]; k++) {
		const struct risk_assoc *a = &d->assoc[k];
		if (a->day == RISK_DAY_MIN)
			continue; /* without a date, who came first is unknown */
		for (size_t r = d->mem_at[a->other]; r < d->mem_at[a->other + 1]; r++) {
			const struct risk_membership *joined = &d->mem[r];
			bool above = false;
			if (joined->from == RISK_DAY_MIN || joined->from <= a->day ||
			    !in_window(f, joined->from, as_of))
				continue;
			for (size_t m = d->mem_at[i]; m < d->mem_at[i + 1]; m++)
				above |= d->mem[m].ocg == joined->ocg && d->mem[m].role < joined->role &&
					 d->mem[m].from <= joined->from;
			if (above)
				add_part(ps, fi, RISK_EV_MEMBERSHIP, joined->id, 1);
		}
	}
}

/* Weight and cap: shares the factor's points out over its parts. */
static void settle(const struct cg_policy_factor *f, uint32_t fi, struct parts *ps,
		   size_t from, struct risk_result *out)
{
	double raw = 0, points;
	for (size_t k = from; k < ps->n; k++)
		raw += ps->raw[k];
	points = f->weight * raw;
	if (points > f->cap)
		points = f->cap;
	out->points[fi] = points;
	out->score += points;
	for (size_t k = from; k < ps->n && points > 0; k++) {
		struct risk_item item = ps->items[k];
		item.points = points * ps->raw[k] / raw;
		cg_vec_push(&out->items, item);
	}
}

void risk_score_person(const struct cg_policy *p, const struct risk_data *d, size_t i,
		       int32_t as_of, struct risk_result *out)
{
	struct parts ps = { 0 };

	out->score = 0;
	out->items.len = 0;
	memset(out->points, 0, sizeof(out->points));
	for (uint32_t fi = 0; fi < p->nfactors; fi++) {
		const struct cg_policy_factor *f = &p->factors[fi];
		size_t from = ps.n;
		switch (f->measure) {
		case CG_MEASURE_OCG_ROLE: measure_role(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_OCG_ACTIVITY: measure_activity(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_INTEL_TERMS:
		case CG_MEASURE_INTEL_VOLUME: measure_intel(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_CUSTODY_INCIDENTS: measure_incidents(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_OCG_LINKS:
		case CG_MEASURE_BROKERAGE: measure_network(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_RECRUITMENT: measure_recruitment(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_RELEASE: measure_release(f, fi, d, i, as_of, &ps); break;
		case CG_MEASURE_COUNT: break;
		}
		settle(f, fi, &ps, from, out);
	}
	free(ps.items);
	free(ps.raw);
	out->tier = out->score >= p->tier_high	 ? RISK_HIGH
		    : out->score >= p->tier_medium ? RISK_MEDIUM
						   : RISK_LOW;
}

static int by_score_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

double risk_score_group(const struct cg_policy *p, const struct risk_ocg *g, double *scores,
			size_t n, enum risk_tier *band)
{
	size_t top = n < (size_t)p->group_top_members ? n : (size_t)p->group_top_members;
	double members = 0, acts = 0;
	qsort(scores, n, sizeof(*scores), by_score_desc);
	for (size_t k = 0; k < top; k++)
		members += scores[k];
	if (top)
		members /= (double)top;
	for (size_t k = 0; k < p->ngroup_activities; k++)
		if (g->acts[CG_POLICY_MAX_FACTORS] & (1u << k))
			acts += p->group_activities[k].value;
	if (acts > p->group_activity_cap)
		acts = p->group_activity_cap;
	*band = members + acts >= p->group_high ? RISK_HIGH
		: members + acts >= p->group_medium ? RISK_MEDIUM
						    : RISK_LOW;
	return members + acts;
}
