/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * snapshot.c - loading the evidence snapshot for scoring (risk layer). See
 * snapshot.h.
 *
 * Each kind of evidence is read with one query into (person index, item)
 * pairs, then sorted by person into the compressed rows of struct
 * risk_data: a few sequential passes over the store, whatever its size.
 */
#include "risk/snapshot.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "store/queries.h"
#include "base/banned.h"

int32_t risk_day(const char *s, int32_t dflt)
{
	struct cg_date d;
	char day[CG_DATE_ISO_SIZE];
	if (!s || strlen(s) < 10)
		return dflt;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (cg_date_parse_iso(day, &d, NULL))
		return dflt;
	return (int32_t)cg_date_to_days(d);
}

static ptrdiff_t find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? (ptrdiff_t)lo : -1;
}

ptrdiff_t risk_person_index(const struct risk_data *d, int64_t id)
{
	return find_id(d->person_ids, d->npersons, id);
}

ptrdiff_t risk_ocg_index(const struct risk_data *d, int64_t id)
{
	size_t lo = 0, hi = d->nocgs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->ocgs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nocgs && d->ocgs[lo].id == id ? (ptrdiff_t)lo : -1;
}

/* Items of one kind gathered with their person, before sorting. */
struct pending {
	uint32_t *person;
	char *items;
	size_t size, n, cap;
};

static void *pending_add(struct pending *p, uint32_t person)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->person = cg_xrealloc(p->person, p->cap * sizeof(*p->person));
		p->items = cg_xrealloc(p->items, p->cap * p->size);
	}
	p->person[p->n] = person;
	return p->items + p->size * p->n++;
}

/* Counting sort by person into rows: *at gets npersons + 1 offsets. */
static void *pending_rows(struct pending *p, size_t npersons, size_t **at)
{
	size_t *start = cg_xcalloc(npersons + 1, sizeof(*start));
	char *rows = cg_xcalloc(p->n ? p->n : 1, p->size);
	size_t *fill;
	for (size_t k = 0; k < p->n; k++)
		start[p->person[k] + 1]++;
	for (size_t i = 0; i < npersons; i++)
		start[i + 1] += start[i];
	fill = cg_xcalloc(npersons + 1, sizeof(*fill));
	memcpy(fill, start, (npersons + 1) * sizeof(*fill));
	for (size_t k = 0; k < p->n; k++)
		memcpy(rows + p->size * fill[p->person[k]]++, p->items + p->size * k, p->size);
	free(fill);
	free(p->person);
	free(p->items);
	*at = start;
	return rows;
}

/* Runs query q and hands each row to fn. */
static enum cg_status each_row(struct cg_store *st, enum cg_query q,
			       enum cg_status (*fn)(struct cg_stmt *, void *, struct cg_error *),
			       void *arg, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		rc = fn(s, arg, err);
	cg_stmt_done(s);
	return rc;
}

struct loader {
	const struct cg_policy *policy;
	struct risk_data *d;
	CG_VEC(int64_t) persons;
	CG_VEC(struct risk_ocg) ocgs;
	struct pending mem, intel, events, assoc;
};

static enum cg_status load_person(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	struct loader *l = arg;
	(void)err;
	cg_vec_push(&l->persons, cg_stmt_int64(s, 0));
	return CG_OK;
}

/* Sets bit i of *mask for every item of `items` that the JSON array of
 * activities names. */
static uint32_t activity_mask(json_t *acts, const struct cg_policy_item *items, size_t n)
{
	uint32_t mask = 0;
	size_t k;
	json_t *v;
	json_array_foreach(acts, k, v) {
		const char *a = json_string_value(v);
		for (size_t i = 0; a && i < n; i++)
			if (strcmp(a, items[i].key) == 0)
				mask |= 1u << i;
	}
	return mask;
}

static enum cg_status load_ocg(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	struct loader *l = arg;
	const struct cg_policy *p = l->policy;
	struct risk_ocg o = { .id = cg_stmt_int64(s, 0) };
	json_t *acts = json_loads(cg_stmt_text(s, 1), 0, NULL);
	(void)err;
	if (json_is_array(acts)) {
		for (size_t f = 0; f < p->nfactors; f++)
			if (p->factors[f].measure == CG_MEASURE_OCG_ACTIVITY)
				o.acts[f] = activity_mask(acts, p->factors[f].items,
							  p->factors[f].nitems);
		o.acts[CG_POLICY_MAX_FACTORS] =
			activity_mask(acts, p->group_activities, p->ngroup_activities);
	}
	json_decref(acts);
	cg_vec_push(&l->ocgs, o);
	return CG_OK;
}

static ptrdiff_t person_at(struct loader *l, struct cg_stmt *s, int col)
{
	if (cg_stmt_is_null(s, col))
		return -1;
	return find_id(l->persons.items, l->persons.len, cg_stmt_int64(s, col));
}

static enum cg_status load_membership(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	static const char *const roles[] = { "principal", "significant", "peripheral" };
	struct loader *l = arg;
	ptrdiff_t who = person_at(l, s, 0);
	ptrdiff_t ocg = risk_ocg_index(l->d, cg_stmt_int64(s, 2));
	const char *role = cg_stmt_text(s, 3);
	struct risk_membership *m;
	(void)err;
	if (who < 0 || ocg < 0)
		return CG_OK; /* a retired person, or a group withheld by its owner */
	m = pending_add(&l->mem, (uint32_t)who);
	m->id = cg_stmt_int64(s, 1);
	m->ocg = (uint32_t)ocg;
	m->role = RISK_PERIPHERAL;
	for (int r = 0; r < RISK_ROLE_COUNT; r++)
		if (strcmp(role, roles[r]) == 0)
			m->role = (enum risk_role)r;
	m->from = risk_day(cg_stmt_is_null(s, 4) ? NULL : cg_stmt_text(s, 4), RISK_DAY_MIN);
	m->to = risk_day(cg_stmt_is_null(s, 5) ? NULL : cg_stmt_text(s, 5), RISK_DAY_MAX);
	return CG_OK;
}

static enum cg_status load_intel(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	struct loader *l = arg;
	ptrdiff_t who = person_at(l, s, 0);
	struct risk_intel *r;
	(void)err;
	if (who < 0)
		return CG_OK;
	r = pending_add(&l->intel, (uint32_t)who);
	r->id = cg_stmt_int64(s, 1);
	r->weight = cg_policy_grading_weight(l->policy, cg_stmt_text(s, 2)[0],
					     cg_stmt_text(s, 3)[0]);
	r->day = risk_day(cg_stmt_text(s, 4), RISK_DAY_MIN);
	r->terms = risk_text_terms(l->policy, CG_MEASURE_INTEL_TERMS, cg_stmt_text(s, 5));
	return CG_OK;
}

static enum cg_status load_event(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	struct loader *l = arg;
	ptrdiff_t who = person_at(l, s, 0);
	bool release = strcmp(cg_stmt_text(s, 2), "release") == 0;
	struct risk_event *e;
	(void)err;
	if (who < 0)
		return CG_OK;
	e = pending_add(&l->events, (uint32_t)who);
	e->id = cg_stmt_int64(s, 1);
	e->kind = release ? RISK_EVENT_RELEASE : RISK_EVENT_INCIDENT;
	e->day = risk_day(cg_stmt_text(s, 3), RISK_DAY_MIN);
	/* A category is one word, so whole-word matching of the category
	 * against the factor's terms is an exact match. */
	e->terms = release ? 0
			   : risk_text_terms(l->policy, CG_MEASURE_CUSTODY_INCIDENTS,
					     cg_stmt_text(s, 4));
	return CG_OK;
}

static enum cg_status load_association(struct cg_stmt *s, void *arg, struct cg_error *err)
{
	struct loader *l = arg;
	ptrdiff_t a = person_at(l, s, 0), b = person_at(l, s, 1);
	int32_t day = risk_day(cg_stmt_is_null(s, 3) ? NULL : cg_stmt_text(s, 3), RISK_DAY_MIN);
	int64_t id = cg_stmt_int64(s, 2);
	(void)err;
	if (a < 0 || b < 0)
		return CG_OK;
	/* Both ends see the link. */
	*(struct risk_assoc *)pending_add(&l->assoc, (uint32_t)a) =
		(struct risk_assoc){ id, (uint32_t)b, day };
	*(struct risk_assoc *)pending_add(&l->assoc, (uint32_t)b) =
		(struct risk_assoc){ id, (uint32_t)a, day };
	return CG_OK;
}

enum cg_status risk_snapshot_load(struct cg_store *st, const struct cg_policy *p,
				  struct risk_data *out, struct cg_error *err)
{
	struct loader l = {
		.policy = p, .d = out,
		.mem = { .size = sizeof(struct risk_membership) },
		.intel = { .size = sizeof(struct risk_intel) },
		.events = { .size = sizeof(struct risk_event) },
		.assoc = { .size = sizeof(struct risk_assoc) },
	};
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	rc = each_row(st, CG_Q_ASSESS_PERSONS, load_person, &l, err);
	if (rc == CG_OK)
		rc = each_row(st, CG_Q_ASSESS_OCGS, load_ocg, &l, err);
	out->ocgs = l.ocgs.items;
	out->nocgs = l.ocgs.len;
	if (rc == CG_OK)
		rc = each_row(st, CG_Q_ASSESS_MEMBERSHIPS, load_membership, &l, err);
	if (rc == CG_OK)
		rc = each_row(st, CG_Q_ASSESS_INTEL, load_intel, &l, err);
	if (rc == CG_OK)
		rc = each_row(st, CG_Q_ASSESS_EVENTS, load_event, &l, err);
	if (rc == CG_OK)
		rc = each_row(st, CG_Q_ASSESS_ASSOCIATIONS, load_association, &l, err);
	out->npersons = l.persons.len;
	out->person_ids = l.persons.items;
	out->mem = pending_rows(&l.mem, out->npersons, &out->mem_at);
	out->intel = pending_rows(&l.intel, out->npersons, &out->intel_at);
	out->events = pending_rows(&l.events, out->npersons, &out->event_at);
	out->assoc = pending_rows(&l.assoc, out->npersons, &out->assoc_at);
	if (rc)
		risk_data_release(out);
	return rc;
}
