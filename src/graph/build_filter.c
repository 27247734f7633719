/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_filter.c - the network builder's filter, link types and the
 * visibility of rows (graph layer). See build_internal.h.
 *
 * Default link types, their weights and their setting (the weight is what
 * one link of the type adds to the edge between two persons; edges sum
 * their links). docs/network-analysis.md copies this table.
 *
 *   type                 weight  setting    made from
 *   co_defendant           3     community  association
 *   family                 2     community  association
 *   associate              2     community  association
 *   cell_mate              3     community  association (as recorded)
 *   same_cell              3     custody    overlapping custody stays
 *   same_wing              1     custody    overlapping stays; only on request
 *   same_establishment     0.2   custody    overlapping stays; only on request
 *   visit                  1     custody    event with two persons
 *   call                   0.5   custody    event with two persons
 *   transaction            1     community  event with two persons
 *   shared_phone           1     (*)        both persons used the number
 *   shared_handset         2     (*)        both persons used the handset
 *   shared_bank_account    2     community  both persons used the account
 *   shared_address         1     community  both persons used the address
 *   intel_co_subject       1     community  two subjects of one report
 *   any other kind         1     community  association or event kind
 *
 * The setting belongs to each link: a visit or call is made in custody
 * when a prison recorded it; a shared object link when both persons used
 * the object through calls a prison recorded (*); custody co-location
 * always. --custody and --community filter links by that. A type is
 * marked custody in the built network when every link of it is.
 */
#include <math.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "graph/build_internal.h"
#include "model/label.h"
#include "model/ocg.h"
#include "store/queries.h"
#include "base/banned.h"

struct type_default {
	const char *name;
	double weight;
	bool custody;
};

static const struct type_default type_defaults[] = {
	{ "co_defendant", 3, false },
	{ "family", 2, false },
	{ "associate", 2, false },
	{ "cell_mate", 3, false },
	{ "same_cell", 3, true },
	{ "same_wing", 1, true },
	{ "same_establishment", 0.2, true },
	{ "visit", 1, true },
	{ "call", 0.5, true },
	{ "transaction", 1, false },
	{ "shared_phone", 1, false },
	{ "shared_handset", 2, false },
	{ "shared_bank_account", 2, false },
	{ "shared_address", 1, false },
	{ "intel_co_subject", 1, false },
};
#define NDEFAULTS (sizeof(type_defaults) / sizeof(type_defaults[0]))
#define OTHER_WEIGHT 1.0

/* Names that are link types whatever the store holds: every event kind
 * (an event with two persons is a link of its kind) and every object kind
 * (shared_<kind>), as the schema's CHECK lists them. */
static const char *const event_kinds[] = {
	"reception", "transfer", "wing_move", "release", "recall", "visit", "call",
	"transaction", "incident", "arrest", "conviction", "supervision_start",
	"supervision_end", "other", NULL,
};
static const char *const shared_kinds[] = {
	"shared_phone", "shared_handset", "shared_vehicle", "shared_bank_account",
	"shared_address", "shared_email", "shared_other", NULL,
};

static bool in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static const struct type_default *type_default(const char *name)
{
	for (size_t i = 0; i < NDEFAULTS; i++)
		if (strcmp(type_defaults[i].name, name) == 0)
			return &type_defaults[i];
	return NULL;
}

int32_t build_day(const char *t)
{
	struct cg_date d;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? t[i] != '-' : (t[i] < '0' || t[i] > '9'))
			return CG_NET_NO_DATE;
	}
	d.year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
	d.month = (t[5] - '0') * 10 + (t[6] - '0');
	d.day = (t[8] - '0') * 10 + (t[9] - '0');
	return cg_date_is_valid(d) ? (int32_t)cg_date_to_days(d) : CG_NET_NO_DATE;
}

static enum cg_status check_date(const char *field, const char *v, int32_t *day,
				 struct cg_error *err)
{
	struct cg_date d;
	enum cg_status rc;
	*day = CG_NET_NO_DATE;
	if (!v)
		return CG_OK;
	if ((rc = cg_date_parse_iso(v, &d, err))) {
		(void)cg_error_prefix(err, "%s", field);
		return rc;
	}
	*day = (int32_t)cg_date_to_days(d);
	return CG_OK;
}

bool cg_net_grading_valid(const char *g)
{
	return g && strlen(g) == 2 && g[0] >= '1' && g[0] <= '3' && g[1] >= 'A' && g[1] <= 'E';
}

/* The OCGs of the filter must be groups the principal sees in full: one
 * they may not see is not found, as everywhere. */
static enum cg_status check_ocgs(struct builder *b, struct cg_error *err)
{
	for (size_t i = 0; i < b->f->nocgs; i++)
		if (cg_ocg_check_visible(b->ctx, b->f->ocgs[i], err))
			return cg_error_prefix(err, "ocg");
	return CG_OK;
}

enum cg_status build_filter_check(struct builder *b, struct cg_error *err)
{
	const struct cg_net_filter *f = b->f;
	enum cg_status rc = check_date("from", f->from, &b->from, err);

	if (rc == CG_OK)
		rc = check_date("to", f->to, &b->to, err);
	if (rc)
		return rc;
	if (b->from != CG_NET_NO_DATE && b->to != CG_NET_NO_DATE && b->from > b->to)
		return cg_fail(err, CG_INVALID, "from: %s is after to %s", f->from, f->to);
	if (f->min_grading) {
		if (!cg_net_grading_valid(f->min_grading))
			return cg_fail(err, CG_INVALID,
				       "min_grading: '%.10s' is not a grading such as 2B"
				       " (source 1-3, then assessment A-E)", f->min_grading);
		b->min_se = f->min_grading[0];
		b->min_ia = f->min_grading[1];
	}
	for (size_t i = 0; i < f->ntypes; i++)
		if (!f->types[i] || !f->types[i][0])
			return cg_fail(err, CG_INVALID, "types: empty type name");
	for (size_t i = 0; i < f->nweights; i++) {
		const struct cg_net_weight *w = &f->weights[i];
		if (!w->type || !w->type[0])
			return cg_fail(err, CG_INVALID, "weight: empty type name");
		if (!isfinite(w->weight) || w->weight <= 0 || w->weight > CG_NET_WEIGHT_MAX)
			return cg_fail(err, CG_INVALID, "weight: %.40s=%g: a weight is above 0 and at most %g",
				       w->type, w->weight, CG_NET_WEIGHT_MAX);
	}
	if (f->setting != CG_NET_ANYWHERE && f->setting != CG_NET_CUSTODY_ONLY &&
	    f->setting != CG_NET_COMMUNITY_ONLY)
		return cg_fail(err, CG_INVALID, "setting: unknown");
	return check_ocgs(b, err);
}

static bool type_known(const struct builder *b, const char *name)
{
	int64_t v;
	return type_default(name) || in_list(event_kinds, name) || in_list(shared_kinds, name) ||
	       cg_strmap_get(&b->kinds_seen, name, strlen(name), &v);
}

enum cg_status build_filter_check_types(struct builder *b, struct cg_error *err)
{
	const struct cg_net_filter *f = b->f;
	for (size_t i = 0; i < f->ntypes; i++)
		if (!type_known(b, f->types[i]))
			return cg_fail(err, CG_INVALID, "types: no link type '%.40s'", f->types[i]);
	for (size_t i = 0; i < f->nweights; i++)
		if (!type_known(b, f->weights[i].type))
			return cg_fail(err, CG_INVALID, "weight: no link type '%.40s'",
				       f->weights[i].type);
	return CG_OK;
}

static bool type_wanted(const struct builder *b, const char *name)
{
	if (b->f->ntypes == 0)
		/* co-location on one wing, let alone in one prison, links
		 * hundreds to hundreds over the years (a world of 100,000
		 * people makes eight million same_wing links): only on
		 * request */
		return strcmp(name, "same_establishment") != 0 &&
		       strcmp(name, "same_wing") != 0;
	for (size_t i = 0; i < b->f->ntypes; i++)
		if (strcmp(b->f->types[i], name) == 0)
			return true;
	return false;
}

static double type_weight(const struct builder *b, const char *name)
{
	const struct type_default *d = type_default(name);
	/* the last override of a type wins, as on a command line */
	for (size_t i = b->f->nweights; i-- > 0;)
		if (strcmp(b->f->weights[i].type, name) == 0)
			return b->f->weights[i].weight;
	return d ? d->weight : OTHER_WEIGHT;
}

int64_t build_type(struct builder *b, const char *name)
{
	size_t len = strlen(name);
	int64_t t;
	if (cg_strmap_get(&b->type_index, name, len, &t))
		return t;
	t = -1;
	if (type_wanted(b, name)) {
		const struct type_default *d = type_default(name);
		t = cg_net_type(b->net, name, type_weight(b, name), d ? d->custody : false);
		b->type_links = cg_grow(b->type_links, sizeof(*b->type_links), (size_t)t + 1,
					&b->cap_type_counts);
		b->type_custody = cg_xrealloc(b->type_custody,
					      b->cap_type_counts * sizeof(*b->type_custody));
		b->type_links[t] = b->type_custody[t] = 0;
	}
	cg_strmap_put(&b->type_index, name, len, t);
	return t;
}

void build_types_init(struct builder *b)
{
	for (size_t i = 0; i < NDEFAULTS; i++)
		(void)build_type(b, type_defaults[i].name);
}

void build_types_settle(struct builder *b)
{
	for (size_t t = 0; t < b->net->ntypes; t++)
		if (b->type_links[t])
			b->net->types[t].custody = b->type_custody[t] == b->type_links[t];
}

bool build_row_passes(const struct builder *b, int64_t owner, const char *grading)
{
	const struct cg_net_filter *f = b->f;
	if (f->nagencies) {
		size_t i = 0;
		while (i < f->nagencies && f->agencies[i] != owner)
			i++;
		if (i == f->nagencies)
			return false;
	}
	/* records of fact carry no grading and always pass */
	if (b->min_se && grading[0] && (grading[0] > b->min_se || grading[1] > b->min_ia))
		return false;
	return true;
}

bool build_in_window(const struct builder *b, int32_t from, int32_t to)
{
	if (from == CG_NET_NO_DATE && to == CG_NET_NO_DATE)
		return true; /* undated: it cannot be placed, so it stays */
	if (b->to != CG_NET_NO_DATE && from != CG_NET_NO_DATE && from > b->to)
		return false;
	if (b->from != CG_NET_NO_DATE && to != CG_NET_NO_DATE && to < b->from)
		return false;
	return true;
}

void build_link(struct builder *b, const struct cg_net_link *l, bool custody)
{
	if ((b->f->setting == CG_NET_CUSTODY_ONLY && !custody) ||
	    (b->f->setting == CG_NET_COMMUNITY_ONLY && custody) || l->a == l->b)
		return;
	if (b->net->nlinks >= BUILD_LINKS_MAX) {
		b->too_many = true;
		return;
	}
	cg_net_link_add(b->net, l);
	b->type_links[l->type]++;
	b->type_custody[l->type] += custody;
}

/* Appends a length-prefixed column to the key, NULL distinct from "". */
static void key_text(struct cg_buf *k, struct cg_stmt *s, int col)
{
	bool null = cg_stmt_is_null(s, col);
	const char *t = cg_stmt_text(s, col);
	uint32_t n = null ? UINT32_MAX : (uint32_t)strlen(t);
	(void)cg_buf_add(k, &n, sizeof(n), NULL);
	if (!null)
		(void)cg_buf_add(k, t, n, NULL);
}

enum cg_status build_sees(struct builder *b, struct cg_stmt *s, int first, bool *full,
			  int64_t *owner, struct cg_error *err)
{
	int64_t o = cg_stmt_int64(s, first), restricted = cg_stmt_int64(s, first + 6), v;
	struct cg_label label;
	enum cg_status rc;

	*owner = o;
	/* A million rows share a few dozen labels: decide each label once. */
	cg_buf_reset(&b->key);
	(void)cg_buf_add(&b->key, &o, sizeof(o), NULL);
	(void)cg_buf_add(&b->key, &restricted, sizeof(restricted), NULL);
	for (int c = first + 1; c <= first + 5; c++)
		key_text(&b->key, s, c);
	if (cg_strmap_get(&b->vis, b->key.data, b->key.len, &v)) {
		*full = v != 0;
		return CG_OK;
	}
	rc = cg_label_read(s, first, &label, err);
	if (rc)
		return rc;
	*full = cg_visibility(&b->ctx->who, &label) == CG_SEE_FULL;
	cg_strmap_put(&b->vis, b->key.data, b->key.len, *full);
	return CG_OK;
}
