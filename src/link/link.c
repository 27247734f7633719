/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link.c - a linking run: load, block, train, score, then cluster
 * (link_cluster.c) and write (link_write.c) (link capability layer). See
 * link.h for the contract and docs/linking.md for the model.
 *
 * Memory: one struct lrec per record (about 60 bytes), interned names,
 * postcodes and identifiers, blocking keys (16 bytes per key, a handful
 * per record), and per candidate pair 8 bytes of ids, 4 of comparison
 * vector and 4 of weight. Everything is freed at the end of the run.
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


/* ---- the model ---- */

double link_level_weight(const struct link_model *mo, int cmp, int level)
{
	if (level <= 0)
		return 0.0;
	return log2(mo->m[cmp][level] / mo->u[cmp][level]);
}

double link_tf_adjust(const struct link_model *mo, int cmp, uint32_t count)
{
	int k = cmp == CG_CMP_FORENAME ? 0 : 1;
	double tf, adj;

	if (count == 0 || mo->tf_total[k] <= 0)
		return 0.0;
	tf = (double)count / mo->tf_total[k];
	if (tf < LINK_TF_MIN)
		tf = LINK_TF_MIN;
	adj = log2(mo->u[cmp][CG_NAME_EXACT] / tf);
	if (adj > LINK_TF_ADJ_MAX)
		adj = LINK_TF_ADJ_MAX;
	if (adj < -LINK_TF_ADJ_MAX)
		adj = -LINK_TF_ADJ_MAX;
	return adj;
}

enum cg_status link_model_format(const struct link_model *mo, struct cg_buf *out,
				 struct cg_error *err)
{
	enum cg_status rc = cg_buf_printf(out, err, "prior %.17g\nlambda %.17g\ntf %.17g %.17g\n",
					  mo->prior, mo->lambda, mo->tf_total[0], mo->tf_total[1]);
	for (int c = 0; rc == CG_OK && c < CG_CMP_COUNT; c++)
		for (int l = 1; rc == CG_OK && l < cg_cmp_levels(c); l++)
			rc = cg_buf_printf(out, err, "%s %d %.17g %.17g\n", cg_cmp_name(c), l,
					   mo->m[c][l], mo->u[c][l]);
	return rc;
}

enum cg_status link_model_parse(const char *text, struct link_model *mo, struct cg_error *err)
{
	int seen = 0;

	memset(mo, 0, sizeof(*mo));
	for (const char *p = text; *p;) {
		char name[32];
		int level, used = 0;
		double x, y;
		if (sscanf(p, "prior %lf%n", &x, &used) == 1 && used) {
			mo->prior = x;
		} else if (sscanf(p, "lambda %lf%n", &x, &used) == 1 && used) {
			mo->lambda = x;
		} else if (sscanf(p, "tf %lf %lf%n", &x, &y, &used) == 2 && used) {
			mo->tf_total[0] = x;
			mo->tf_total[1] = y;
		} else if (sscanf(p, "%31s %d %lf %lf%n", name, &level, &x, &y, &used) == 4 && used) {
			int c;
			for (c = 0; c < CG_CMP_COUNT; c++)
				if (strcmp(cg_cmp_name(c), name) == 0)
					break;
			if (c == CG_CMP_COUNT || level < 1 || level >= cg_cmp_levels(c) || x <= 0 || y <= 0)
				return cg_fail(err, CG_CORRUPT, "link model: bad line for %s", name);
			mo->m[c][level] = x;
			mo->u[c][level] = y;
			seen++;
		} else {
			return cg_fail(err, CG_CORRUPT, "link model: unreadable line");
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	if (seen == 0)
		return cg_fail(err, CG_CORRUPT, "link model: no levels");
	return CG_OK;
}

/* ---- loaded records ---- */

const char *const link_method_names[] = { "", "analyst", "", "hard_identifier", "model",
					 "singleton" };

static void intern_init(struct intern *t)
{
	cg_strmap_init(&t->map, (size_t)1 << 40);
	cg_vec_push(&t->text, cg_xstrdup(""));
	cg_vec_push(&t->count, 0);
	cg_vec_push(&t->count2, 0);
}

static void intern_release(struct intern *t)
{
	for (size_t i = 0; i < t->text.len; i++)
		free(t->text.items[i]);
	cg_vec_release(&t->text);
	cg_vec_release(&t->count);
	cg_vec_release(&t->count2);
	cg_strmap_release(&t->map);
}

/* Id of the `len` bytes at s, added when new; `counter` 1 or 2 adds one
 * to that term frequency, 0 to none (aliases do not make a name common). */
static uint32_t intern(struct intern *t, const char *s, size_t len, int counter)
{
	int64_t v;
	char *copy;

	if (len == 0)
		return 0;
	if (cg_strmap_get(&t->map, s, len, &v)) {
		if (counter == 1)
			t->count.items[v]++;
		else if (counter == 2)
			t->count2.items[v]++;
		return (uint32_t)v;
	}
	copy = cg_xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	v = (int64_t)t->text.len;
	cg_vec_push(&t->text, copy);
	cg_vec_push(&t->count, counter == 1 ? 1 : 0);
	cg_vec_push(&t->count2, counter == 2 ? 1 : 0);
	cg_strmap_put(&t->map, s, len, v);
	return (uint32_t)v;
}

static int32_t parse_dob(const char *s)
{
	struct cg_date d;
	if (strlen(s) != 10 || cg_date_parse_iso(s, &d, NULL) != CG_OK)
		return 0;
	return d.year * 10000 + d.month * 100 + d.day;
}

static char parse_sex(const char *s)
{
	return (s[0] == 'M' || s[0] == 'F' || s[0] == 'X') ? s[0] : 0;
}

/* Index of record `id`, or SIZE_MAX. */
size_t link_find_rec(const struct linker *L, int64_t id)
{
	size_t lo = 0, hi = L->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (L->recs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < L->n && L->recs[lo].id == id ? lo : SIZE_MAX;
}

static int cmp_alias_row(const void *x, const void *y)
{
	const struct alias_row *a = x, *b = y;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int cmp_ident_row(const void *x, const void *y)
{
	const struct ident_row *a = x, *b = y;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Length of the first word of the `len` bytes at s (forenames: the first
 * forename is compared). */
static size_t first_word(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Appends one record (ids must come in increasing order). `fore` is the
 * whole normalised forenames: the first one is kept. */
static void add_rec(struct linker *L, size_t *cap, int64_t id, const char *fore,
		    const char *sur, int32_t dob, const char *pc, char sex)
{
	struct lrec r;
	memset(&r, 0, sizeof(r));
	r.id = id;
	r.fore = intern(&L->names, fore, first_word(fore, strlen(fore)), 1);
	r.sur = intern(&L->names, sur, strlen(sur), 2);
	r.dob = dob;
	r.pc = intern(&L->pc, pc, strlen(pc), 1);
	r.sex = sex;
	L->recs = cg_grow(L->recs, sizeof(*L->recs), L->n + 1, cap);
	L->recs[L->n++] = r;
	if (id > L->high_water)
		L->high_water = id;
}

/* One other name of record i; the full forenames `f` (flen bytes) keep
 * their first word. A name with neither part is no name. */
static void add_alias(struct linker *L, size_t i, const char *f, size_t flen, const char *sn,
		      size_t slen)
{
	if (flen == 0 && slen == 0)
		return;
	struct alias_row a = { (uint32_t)i, intern(&L->names, f, first_word(f, flen), 0),
			       intern(&L->names, sn, slen, 0) };
	cg_vec_push(&L->alias_rows, a);
}

static void add_ident(struct linker *L, size_t i, const char *k, size_t klen, const char *v,
		      size_t vlen, bool hard)
{
	struct ident_row x = { (uint32_t)i,
			       { intern(&L->kind, k, klen, 1), intern(&L->value, v, vlen, 1), hard } };
	cg_vec_push(&L->ident_rows, x);
}

/* Separators of link_record's packed lists (schema 0012): never part of
 * normalised names or identifier values. */
#define LINK_US '\x1f'
#define LINK_RS '\x1e'

/* Rows of LINK_RECORDS or LINK_NEW_RECORDS (bound already) into L. */
static enum cg_status load_source_rows(struct linker *L, struct cg_stmt *s, size_t *cap,
				       struct cg_error *err)
{
	bool row = false;
	enum cg_status rc;
	while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		add_rec(L, cap, cg_stmt_int64(s, 0), cg_stmt_text(s, 1), cg_stmt_text(s, 2),
			parse_dob(cg_stmt_text(s, 3)), cg_stmt_text(s, 4),
			parse_sex(cg_stmt_text(s, 5)));
	cg_stmt_done(s);
	return rc;
}

static bool is_stale(const struct linker *L, int64_t id)
{
	size_t lo = 0, hi = L->stale.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (L->stale.items[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < L->stale.len && L->stale.items[lo] == id;
}

/* The linker's copy of the records linked before (link_record), without
 * those no longer current. */
static enum cg_status load_stored(struct linker *L, size_t *cap, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(L->ctx->store, CG_Q_LINK_STORED, &s, err);

	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		int64_t id = cg_stmt_int64(s, 0);
		const char *p;
		if (is_stale(L, id))
			continue;
		add_rec(L, cap, id, cg_stmt_text(s, 1), cg_stmt_text(s, 2),
			(int32_t)cg_stmt_int64(s, 3), cg_stmt_text(s, 4),
			parse_sex(cg_stmt_text(s, 5)));
		for (p = cg_stmt_text(s, 6); *p;) {
			size_t len = strcspn(p, "\x1e"), f = strcspn(p, "\x1f");
			if (f > len)
				f = len;
			add_alias(L, L->n - 1, p, f, p + (f < len ? f + 1 : f),
				  f < len ? len - f - 1 : 0);
			p += len + (p[len] != '\0');
		}
		for (p = cg_stmt_text(s, 7); *p;) {
			size_t len = strcspn(p, "\x1e"), k = strcspn(p, "\x1f");
			const char *v = p + k + 1;
			size_t vlen;
			if (k >= len)
				return cg_fail(err, CG_CORRUPT, "link_record %lld: bad identifier list",
					       (long long)id);
			vlen = strcspn(v, "\x1f");
			if (v + vlen + 2 > p + len)
				return cg_fail(err, CG_CORRUPT, "link_record %lld: bad identifier list",
					       (long long)id);
			add_ident(L, L->n - 1, p, k, v, vlen, v[vlen + 1] == '1');
			p += len + (p[len] != '\0');
		}
	}
	cg_stmt_done(s);
	return rc;
}

static enum cg_status load_stale(struct linker *L, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(L->ctx->store, CG_Q_LINK_STALE, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row)
		cg_vec_push(&L->stale, cg_stmt_int64(s, 0));
	cg_stmt_done(s);
	return rc;
}

/*
 * Loads the records to link. From source_record in full (L->stored
 * false), or (L->stored, incremental runs after a run that wrote
 * link_record) the linker's copy of the records linked before plus the
 * current records above the newest run's high water.
 */
static enum cg_status load(struct linker *L, struct cg_error *err)
{
	struct cg_store *st = L->ctx->store;
	struct cg_stmt *s = NULL;
	bool row = false;
	size_t cap = 0;
	int64_t hw = L->high_water;
	enum cg_status rc = load_stale(L, err);

	L->high_water = 0;
	if (rc == CG_OK && L->stored) {
		rc = load_stored(L, &cap, err);
		L->nstored = L->n;
		if (hw > L->high_water)
			L->high_water = hw;
		if (rc == CG_OK)
			rc = cg_store_prepare_query(st, CG_Q_LINK_NEW_RECORDS, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_int64(s, 1, hw);
			rc = load_source_rows(L, s, &cap, err);
		}
	} else if (rc == CG_OK) {
		rc = cg_store_prepare_query(st, CG_Q_LINK_RECORDS, &s, err);
		if (rc == CG_OK)
			rc = load_source_rows(L, s, &cap, err);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, L->stored ? CG_Q_LINK_NEW_ALIASES : CG_Q_LINK_ALIASES,
					    &s, err);
	if (rc == CG_OK && L->stored)
		cg_stmt_bind_int64(s, 1, hw);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		size_t i = link_find_rec(L, cg_stmt_int64(s, 0));
		const char *f = cg_stmt_text(s, 1), *sn = cg_stmt_text(s, 2);
		if (i == SIZE_MAX || i < L->nstored)
			continue;
		add_alias(L, i, f, strlen(f), sn, strlen(sn));
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, L->stored ? CG_Q_LINK_NEW_IDENTS : CG_Q_LINK_IDENTS,
					    &s, err);
	if (rc == CG_OK && L->stored)
		cg_stmt_bind_int64(s, 1, hw);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		size_t i = link_find_rec(L, cg_stmt_int64(s, 0));
		const char *k = cg_stmt_text(s, 1), *v = cg_stmt_text(s, 2);
		if (i == SIZE_MAX || i < L->nstored)
			continue;
		add_ident(L, i, k, strlen(k), v, strlen(v), cg_stmt_int64(s, 3) != 0);
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_LINK_CURRENT, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		size_t i = link_find_rec(L, cg_stmt_int64(s, 0));
		const char *m = cg_stmt_text(s, 2);
		if (i == SIZE_MAX)
			continue;
		L->recs[i].person = cg_stmt_int64(s, 1);
		L->recs[i].old_method = strcmp(m, "analyst") == 0	   ? M_ANALYST
					: strcmp(m, "hard_identifier") == 0 ? M_HARD
					: strcmp(m, "model") == 0	   ? M_MODEL
									   : M_SINGLETON;
	}
	cg_stmt_done(s);
	if (rc)
		return rc;

	/* prepared names, aliases and identifiers in record order */
	/* One table for forenames and surnames, so that a swapped or alias
	 * name compares by id with either. */
	L->fkeys = cg_xcalloc(L->names.text.len, sizeof(*L->fkeys));
	L->skeys = L->fkeys;
	for (size_t i = 0; i < L->names.text.len; i++)
		cg_name_key_prepare(&L->fkeys[i], L->names.text.items[i], (uint32_t)i, true);
	link_sort_items(L->alias_rows.items, L->alias_rows.len, sizeof(struct alias_row), cmp_alias_row);
	link_sort_items(L->ident_rows.items, L->ident_rows.len, sizeof(struct ident_row), cmp_ident_row);
	L->aliases = cg_xcalloc(L->alias_rows.len + 1, sizeof(*L->aliases));
	L->idents = cg_xcalloc(L->ident_rows.len + 1, sizeof(*L->idents));
	for (size_t k = 0; k < L->alias_rows.len; k++) {
		const struct alias_row *a = &L->alias_rows.items[k];
		struct lrec *r = &L->recs[a->rec];
		if (r->nalias == 0)
			r->alias_at = (uint32_t)k;
		if (r->nalias < UINT16_MAX)
			r->nalias++;
		L->aliases[k].forename = a->fore ? &L->fkeys[a->fore] : NULL;
		L->aliases[k].surname = a->sur ? &L->skeys[a->sur] : NULL;
	}
	for (size_t k = 0; k < L->ident_rows.len; k++) {
		const struct ident_row *x = &L->ident_rows.items[k];
		struct lrec *r = &L->recs[x->rec];
		if (r->nident == 0)
			r->ident_at = (uint32_t)k;
		if (r->nident < UINT16_MAX)
			r->nident++;
		L->idents[k] = x->id;
	}
	return CG_OK;
}

static void subject(const struct linker *L, size_t i, struct cg_link_subject *s)
{
	const struct lrec *r = &L->recs[i];
	s->primary.forename = r->fore ? &L->fkeys[r->fore] : NULL;
	s->primary.surname = r->sur ? &L->skeys[r->sur] : NULL;
	s->aliases = r->nalias ? &L->aliases[r->alias_at] : NULL;
	s->naliases = r->nalias;
	s->dob = r->dob;
	s->postcode = L->pc.text.items[r->pc];
	s->sex = r->sex;
	s->idents = r->nident ? &L->idents[r->ident_at] : NULL;
	s->nidents = r->nident;
}

/* ---- sorting ---- */

/* qsort that accepts an empty (NULL) array. */
void link_sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

struct bkey {
	uint64_t key;
	uint64_t rec;
};

/* LSD radix sort of 64-bit values, 16 bits a pass. */
void link_sort_u64(uint64_t *a, size_t n)
{
	if (n < 2)
		return;
	uint64_t *tmp = cg_xcalloc(n ? n : 1, sizeof(*tmp));
	size_t *count = cg_xcalloc(65536, sizeof(*count));

	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(a[i] >> shift) & 0xFFFF]++;
		size_t sum = 0;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i] >> shift) & 0xFFFF]++] = a[i];
		memcpy(a, tmp, n * sizeof(*a));
	}
	free(count);
	free(tmp);
}

static void sort_bkeys(struct bkey *a, size_t n)
{
	if (n < 2)
		return;
	struct bkey *tmp = cg_xcalloc(n ? n : 1, sizeof(*tmp));
	size_t *count = cg_xcalloc(65536, sizeof(*count));

	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(a[i].key >> shift) & 0xFFFF]++;
		size_t sum = 0;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xFFFF]++] = a[i];
		memcpy(a, tmp, n * sizeof(*a));
	}
	free(count);
	free(tmp);
}

static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

static uint64_t key3(uint64_t rule, uint64_t a, uint64_t b)
{
	return mix(mix(mix(rule) ^ a) ^ b);
}

/* ---- blocking ---- */

/*
 * The blocking rules, in union (docs/linking.md). Each gives a record zero
 * or more keys; records sharing a key are compared.
 *  1. surname Double Metaphone + birth year, for the surname and every
 *     alias surname;
 *  2. first forename + full date of birth (primary and aliases);
 *  3. postcode + forename initial;
 *  4. every identifier, hard or soft: kind + value;
 *  5. surname + first forename, whatever the date of birth;
 *  6. the Double Metaphone keys of forename and surname in either order +
 *     birth year, so a forename/surname swap meets its record.
 */
typedef CG_VEC(struct bkey) bkey_vec;

static void add_key(bkey_vec *v, uint64_t key, size_t rec)
{
	struct bkey k = { key, rec };
	cg_vec_push(v, k);
}

static void record_keys(const struct linker *L, size_t i, bkey_vec *v)
{
	const struct lrec *r = &L->recs[i];
	int year = r->dob / 10000;

	if (year) {
		if (r->sur)
			add_key(v, key3(1, L->skeys[r->sur].dm[0], (uint64_t)year), i);
		if (r->fore && r->sur) {
			/* both names, in either order: meets a forename/surname swap */
			uint64_t x = L->fkeys[r->fore].dm[0], y = L->skeys[r->sur].dm[0];
			uint64_t lo = x < y ? x : y, hi = x < y ? y : x;
			add_key(v, key3(6, lo, (hi << 16) | (uint64_t)year), i);
		}
		for (size_t k = 0; k < r->nalias; k++) {
			const struct cg_link_name *a = &L->aliases[r->alias_at + k];
			if (a->surname)
				add_key(v, key3(1, a->surname->dm[0], (uint64_t)year), i);
			if (a->forename)
				add_key(v, key3(2, a->forename->id, (uint64_t)r->dob), i);
		}
		if (r->fore)
			add_key(v, key3(2, r->fore, (uint64_t)r->dob), i);
	}
	if (r->pc && r->fore)
		add_key(v, key3(3, r->pc, (unsigned char)L->names.text.items[r->fore][0]), i);
	for (size_t k = 0; k < r->nident; k++) {
		const struct cg_link_ident *x = &L->idents[r->ident_at + k];
		add_key(v, key3(4, x->kind, x->value), i);
	}
	if (r->sur && r->fore)
		add_key(v, key3(5, r->sur, r->fore), i);
}

/*
 * An incremental run compares only pairs with a new record, so only the
 * blocks that hold one matter: keeps the keys that some new record has
 * (all their holders, so block sizes are those of the whole store) and
 * drops the rest before sorting, which is most of them.
 */
static void keep_new_keys(const struct linker *L, bkey_vec *keys)
{
	size_t nnew = 0, cap = 16, out = 0;
	uint64_t *set;
	bool *used;

	for (size_t k = 0; k < keys->len; k++)
		nnew += (L->recs[keys->items[k].rec].flags & REC_NEW) != 0;
	while (cap < 2 * nnew)
		cap *= 2;
	set = cg_xcalloc(cap, sizeof(*set));
	used = cg_xcalloc(cap, sizeof(*used));
	for (size_t k = 0; k < keys->len; k++) {
		if (!(L->recs[keys->items[k].rec].flags & REC_NEW))
			continue;
		size_t h = (size_t)mix(keys->items[k].key) & (cap - 1);
		while (used[h] && set[h] != keys->items[k].key)
			h = (h + 1) & (cap - 1);
		used[h] = true;
		set[h] = keys->items[k].key;
	}
	for (size_t k = 0; k < keys->len; k++) {
		size_t h = (size_t)mix(keys->items[k].key) & (cap - 1);
		while (used[h] && set[h] != keys->items[k].key)
			h = (h + 1) & (cap - 1);
		if (used[h])
			keys->items[out++] = keys->items[k];
	}
	keys->len = out;
	free(set);
	free(used);
}

static void block(struct linker *L, bool incremental, struct cg_link_summary *sum)
{
	bkey_vec keys = CG_VEC_INIT;
	CG_VEC(uint64_t) pairs = CG_VEC_INIT;

	for (size_t i = 0; i < L->n; i++)
		record_keys(L, i, &keys);
	if (incremental)
		keep_new_keys(L, &keys);
	sort_bkeys(keys.items, keys.len);
	for (size_t s = 0, e; s < keys.len; s = e) {
		for (e = s + 1; e < keys.len && keys.items[e].key == keys.items[s].key; e++)
			;
		if (e - s < 2)
			continue;
		if (e - s > CG_LINK_BLOCK_MAX) {
			sum->blocks_skipped++;
			continue;
		}
		for (size_t x = s; x < e; x++)
			for (size_t y = x + 1; y < e; y++) {
				uint64_t a = keys.items[x].rec, b = keys.items[y].rec;
				if (a == b)
					continue;
				if (incremental && !((L->recs[a].flags | L->recs[b].flags) & REC_NEW))
					continue;
				if (a > b) {
					uint64_t t = a;
					a = b;
					b = t;
				}
				cg_vec_push(&pairs, (a << 32) | b);
			}
	}
	cg_vec_release(&keys);
	link_sort_u64(pairs.items, pairs.len);
	size_t out = 0;
	for (size_t i = 0; i < pairs.len; i++)
		if (out == 0 || pairs.items[out - 1] != pairs.items[i])
			pairs.items[out++] = pairs.items[i];
	L->pairs = pairs.items;
	L->npairs = out;
	sum->pairs = out;
}

/* ---- comparison and training ---- */

static bool shares_hard(const struct cg_link_subject *a, const struct cg_link_subject *b)
{
	for (size_t i = 0; i < a->nidents; i++)
		for (size_t j = 0; j < b->nidents; j++)
			if (a->idents[i].hard && b->idents[j].hard &&
			    a->idents[i].kind == b->idents[j].kind &&
			    a->idents[i].value == b->idents[j].value)
				return true;
	return false;
}

static uint32_t compare_indexes(const struct linker *L, size_t a, size_t b)
{
	struct cg_link_subject sa, sb;
	struct cg_gamma g;
	uint32_t packed;

	subject(L, a, &sa);
	subject(L, b, &sb);
	cg_compare_pair(&sa, &sb, &g);
	packed = cg_gamma_pack(&g) | ((uint32_t)g.via << 24);
	if (g.level[CG_CMP_IDENT] == CG_IDENT_AGREE && shares_hard(&sa, &sb))
		packed |= G_HARD;
	return packed;
}

struct compare_job {
	struct linker *L;
	size_t from, to;
};

static void *compare_range(void *arg)
{
	struct compare_job *j = arg;
	for (size_t k = j->from; k < j->to; k++)
		j->L->gamma[k] = compare_indexes(j->L, (size_t)(j->L->pairs[k] >> 32),
						 (size_t)(j->L->pairs[k] & 0xFFFFFFFFu));
	return NULL;
}

/*
 * Compares every candidate pair, on one thread per processor (at most
 * LINK_THREADS): the loaded records and prepared names are only read, and
 * each thread writes its own slice of gamma. A thread that cannot be
 * started leaves its slice to the calling thread.
 */
#define LINK_THREADS 8

static void compare_all(struct linker *L)
{
	struct compare_job jobs[LINK_THREADS];
	pthread_t tid[LINK_THREADS];
	bool started[LINK_THREADS] = { false };
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cpus < 1 ? 1 : cpus > LINK_THREADS ? LINK_THREADS : (size_t)cpus;

	L->gamma = cg_xcalloc(L->npairs ? L->npairs : 1, sizeof(*L->gamma));
	if (L->npairs < 10000)
		nt = 1;
	for (size_t t = 0; t < nt; t++) {
		jobs[t].L = L;
		jobs[t].from = L->npairs * t / nt;
		jobs[t].to = L->npairs * (t + 1) / nt;
	}
	for (size_t t = 1; t < nt; t++)
		started[t] = pthread_create(&tid[t], NULL, compare_range, &jobs[t]) == 0;
	compare_range(&jobs[0]);
	for (size_t t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			compare_range(&jobs[t]);
	}
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* u from random pairs of records, with add-one smoothing. */
static void train_u(struct linker *L)
{
	double count[CG_CMP_COUNT][CG_LEVELS_MAX];
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	size_t samples = L->n < 2 ? 0 : 400000;

	memset(count, 0, sizeof(count));
	for (size_t k = 0; k < samples; k++) {
		size_t a = (size_t)(rng_next(&seed) % L->n), b = (size_t)(rng_next(&seed) % L->n);
		struct cg_gamma g;
		if (a == b)
			continue;
		cg_gamma_unpack(compare_indexes(L, a, b) & G_LEVELS, &g);
		for (int c = 0; c < CG_CMP_COUNT; c++)
			count[c][g.level[c]]++;
	}
	for (int c = 0; c < CG_CMP_COUNT; c++) {
		double total = 0;
		int levels = cg_cmp_levels(c);
		for (int l = 1; l < levels; l++)
			total += count[c][l];
		for (int l = 1; l < levels; l++)
			L->model.u[c][l] = (count[c][l] + 1.0) / (total + (double)(levels - 1));
	}
}

/*
 * EM over the distinct comparison vectors of the compared pairs: m, the
 * non-match distribution among compared pairs and lambda. The u kept for
 * weights is the random-pair estimate (train_u): the non-matches that
 * blocking lets through agree on the blocked fields far more often than
 * random pairs do, so their distribution would understate the evidence.
 */
int link_em(const struct link_pattern *pats, size_t npats, struct link_model *mo)
{
	double m[CG_CMP_COUNT][CG_LEVELS_MAX], u[CG_CMP_COUNT][CG_LEVELS_MAX], lambda = 0.1;
	int it;

	memset(m, 0, sizeof(m));
	memset(u, 0, sizeof(u));
	for (int c = 0; c < CG_CMP_COUNT; c++) {
		int levels = cg_cmp_levels(c);
		for (int l = 1; l < levels; l++) {
			/* best level likely for matches, the rest share a little */
			m[c][l] = l == 1 ? 0.9 : 0.1 / (double)(levels - 2);
			u[c][l] = mo->u[c][l] > 0 ? mo->u[c][l] : 1.0 / (double)(levels - 1);
		}
	}
	for (it = 0; it < 200; it++) {
		double mn[CG_CMP_COUNT][CG_LEVELS_MAX], un[CG_CMP_COUNT][CG_LEVELS_MAX];
		double sw = 0, total = 0, delta = 0;
		memset(mn, 0, sizeof(mn));
		memset(un, 0, sizeof(un));
		for (size_t p = 0; p < npats; p++) {
			struct cg_gamma g;
			double pm = lambda, pu = 1 - lambda, w;
			cg_gamma_unpack(pats[p].gamma, &g);
			for (int c = 0; c < CG_CMP_COUNT; c++)
				if (g.level[c]) {
					pm *= m[c][g.level[c]];
					pu *= u[c][g.level[c]];
				}
			w = pm + pu > 0 ? pm / (pm + pu) : 0.5;
			for (int c = 0; c < CG_CMP_COUNT; c++)
				if (g.level[c]) {
					mn[c][g.level[c]] += w * pats[p].n;
					un[c][g.level[c]] += (1 - w) * pats[p].n;
				}
			sw += w * pats[p].n;
			total += pats[p].n;
		}
		for (int c = 0; c < CG_CMP_COUNT; c++) {
			int levels = cg_cmp_levels(c);
			double tm = 0, tu = 0;
			for (int l = 1; l < levels; l++) {
				tm += mn[c][l];
				tu += un[c][l];
			}
			for (int l = 1; l < levels; l++) {
				double nm = tm > 0 ? mn[c][l] / tm : m[c][l];
				double nu = tu > 0 ? un[c][l] / tu : u[c][l];
				if (nm < 1e-6)
					nm = 1e-6;
				if (nu < 1e-6)
					nu = 1e-6;
				delta = fmax(delta, fabs(nm - m[c][l]));
				m[c][l] = nm;
				u[c][l] = nu;
			}
		}
		double nl = total > 0 ? sw / total : 0.5;
		if (nl < 1e-9)
			nl = 1e-9;
		if (nl > 1 - 1e-9)
			nl = 1 - 1e-9;
		delta = fmax(delta, fabs(nl - lambda));
		lambda = nl;
		if (delta < 1e-7)
			break;
	}
	memcpy(mo->m, m, sizeof(m));
	mo->lambda = lambda;
	return it + 1;
}

/*
 * Pairs that share a hard identifier are matches by the model's own rule,
 * so they measure m directly. EM alone lets households (one surname, one
 * address, different dates of birth) pull m of the disagreeing levels up;
 * where there are enough labelled pairs (LINK_LABELLED_MIN), their level
 * frequencies replace the EM estimates for every comparison but the
 * identifiers themselves (add-half smoothing, so no level is impossible).
 */
#define LINK_LABELLED_MIN 200

static void labelled_m(struct linker *L)
{
	double count[CG_CMP_COUNT][CG_LEVELS_MAX];
	size_t pairs = 0;

	memset(count, 0, sizeof(count));
	for (size_t k = 0; k < L->npairs; k++) {
		struct cg_gamma g;
		if (!(L->gamma[k] & G_HARD))
			continue;
		pairs++;
		cg_gamma_unpack(L->gamma[k] & G_LEVELS, &g);
		for (int c = 0; c < CG_CMP_COUNT; c++)
			count[c][g.level[c]]++;
	}
	L->labelled = pairs;
	if (pairs < LINK_LABELLED_MIN)
		return;
	for (int c = 0; c < CG_CMP_COUNT; c++) {
		int levels = cg_cmp_levels(c);
		double total = 0;
		if (c == CG_CMP_IDENT)
			continue;
		for (int l = 1; l < levels; l++)
			total += count[c][l];
		for (int l = 1; l < levels; l++)
			L->model.m[c][l] = (count[c][l] + 0.5) / (total + 0.5 * (levels - 1));
	}
}

static int train_m(struct linker *L)
{
	size_t cap = 1u << 18;
	struct link_pattern *tab = cg_xcalloc(cap, sizeof(*tab));
	bool *used = cg_xcalloc(cap, sizeof(*used));
	CG_VEC(struct link_pattern) pats = CG_VEC_INIT;
	int it;

	for (size_t k = 0; k < L->npairs; k++) {
		uint32_t g = L->gamma[k] & G_LEVELS;
		size_t h = (size_t)mix(g) & (cap - 1);
		while (used[h] && tab[h].gamma != g)
			h = (h + 1) & (cap - 1);
		used[h] = true;
		tab[h].gamma = g;
		tab[h].n += 1;
	}
	for (size_t h = 0; h < cap; h++)
		if (used[h])
			cg_vec_push(&pats, tab[h]);
	free(tab);
	free(used);
	it = link_em(pats.items, pats.len, &L->model);
	labelled_m(L);
	{
		double all = (double)L->n * ((double)L->n - 1) / 2;
		double la = all > 0 ? L->model.lambda * (double)L->npairs / all : 0.5;
		if (la <= 0)
			la = 1e-12;
		if (la >= 1)
			la = 1 - 1e-12;
		L->model.prior = log2(la / (1 - la));
	}
	cg_vec_release(&pats);
	return it;
}

static void tf_totals(struct linker *L)
{
	double f = 0, s = 0;
	for (size_t i = 1; i < L->names.count.len; i++) {
		f += L->names.count.items[i];
		s += L->names.count2.items[i];
	}
	L->model.tf_total[0] = f;
	L->model.tf_total[1] = s;
}

static double pair_weight(const struct linker *L, size_t a, size_t b, uint32_t packed)
{
	struct cg_gamma g;
	double w = L->model.prior;

	cg_gamma_unpack(packed & G_LEVELS, &g);
	for (int c = 0; c < CG_CMP_COUNT; c++)
		w += link_level_weight(&L->model, c, g.level[c]);
	if (g.level[CG_CMP_SURNAME] == CG_NAME_EXACT)
		w += link_tf_adjust(&L->model, CG_CMP_SURNAME, L->names.count2.items[L->recs[a].sur]);
	if (g.level[CG_CMP_FORENAME] == CG_NAME_EXACT)
		w += link_tf_adjust(&L->model, CG_CMP_FORENAME, L->names.count.items[L->recs[a].fore]);
	(void)b;
	return w;
}

static void score_all(struct linker *L)
{
	L->weight = cg_xcalloc(L->npairs ? L->npairs : 1, sizeof(*L->weight));
	for (size_t k = 0; k < L->npairs; k++)
		L->weight[k] = (float)pair_weight(L, (size_t)(L->pairs[k] >> 32),
						  (size_t)(L->pairs[k] & 0xFFFFFFFFu), L->gamma[k]);
}

/* ---- the run ---- */

void cg_link_options_init(struct cg_link_options *o)
{
	o->threshold = CG_LINK_THRESHOLD;
	o->review = CG_LINK_REVIEW;
	o->incremental = false;
	o->keep_model = false;
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void linker_release(struct linker *L)
{
	intern_release(&L->names);
	intern_release(&L->pc);
	intern_release(&L->kind);
	intern_release(&L->value);
	free(L->recs);
	free(L->fkeys); /* skeys is the same table */
	free(L->aliases);
	free(L->idents);
	cg_vec_release(&L->alias_rows);
	cg_vec_release(&L->ident_rows);
	cg_vec_release(&L->stale);
	free(L->pairs);
	free(L->gamma);
	free(L->weight);
}

/* The newest run's model into mo; CG_NOT_FOUND when there is none. */
static enum cg_status latest_model(struct cg_store *st, struct link_model *mo, double *threshold,
				   double *review, int64_t *high_water, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_LINK_RUN_LATEST, &s, err);

	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row)
		rc = cg_fail(err, CG_NOT_FOUND, "no link run yet: run 'cg link' first");
	if (rc == CG_OK) {
		if (threshold)
			*threshold = cg_stmt_double(s, 2);
		if (review)
			*review = cg_stmt_double(s, 3);
		if (high_water)
			*high_water = cg_stmt_int64(s, 4);
		rc = link_model_parse(cg_stmt_text(s, 1), mo, err);
	}
	cg_stmt_done(s);
	return rc;
}

enum cg_status link_latest_model(struct cg_store *st, struct link_model *mo, double *threshold,
				 double *review, struct cg_error *err)
{
	return latest_model(st, mo, threshold, review, NULL, err);
}

enum cg_status cg_link_run(struct cg_ctx *ctx, const struct cg_link_options *opts,
			   struct cg_link_summary *sum, struct cg_error *err)
{
	struct linker L;
	struct clustering cl;
	struct cg_link_options o = *opts;
	decision_vec dv = CG_VEC_INIT;
	char started[CG_TIMESTAMP_ISO_SIZE];
	double t0 = seconds(), t;
	enum cg_status rc;

	memset(sum, 0, sizeof(*sum));
	memset(&L, 0, sizeof(L));
	memset(&cl, 0, sizeof(cl));
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR, "link", err);
	if (rc)
		return rc;
	if (!(o.review <= o.threshold))
		return cg_fail(err, CG_INVALID, "link: the review threshold must not exceed the link threshold");
	cg_timestamp_format_iso(cg_now(), started);
	L.ctx = ctx;
	intern_init(&L.names);
	intern_init(&L.pc);
	intern_init(&L.kind);
	intern_init(&L.value);
	if (o.incremental || o.keep_model) {
		struct cg_error ignored = CG_ERROR_INIT;
		int64_t hw = 0;
		if (latest_model(ctx->store, &L.model, NULL, NULL, &hw, &ignored) != CG_OK) {
			o.incremental = o.keep_model = false;
		} else {
			o.keep_model = true;
			/* the newest run kept link_record up to its high water */
			L.stored = o.incremental && hw > 0;
			L.high_water = L.stored ? hw : 0;
		}
	}
	sum->incremental = o.incremental;
	rc = load(&L, err);
	if (rc == CG_OK)
		rc = link_load_decisions(&L, &dv, err);
	t = seconds();
	sum->seconds_load = t - t0;
	sum->records = L.n;
	if (rc == CG_OK) {
		for (size_t i = 0; i < L.n; i++)
			if (!L.recs[i].person) {
				L.recs[i].flags |= REC_NEW;
				sum->new_records++;
			}
		block(&L, o.incremental, sum);
		sum->seconds_block = seconds() - t;
		t = seconds();
		compare_all(&L);
		tf_totals(&L); /* term frequencies are the store's, whatever the model */
		if (!o.keep_model) {
			train_u(&L);
			sum->em_iterations = train_m(&L);
		}
		sum->lambda = L.model.lambda;
		sum->seconds_train = seconds() - t;
		t = seconds();
		score_all(&L);
		sum->seconds_score = seconds() - t;
		t = seconds();
		link_cluster(&L, &o, &dv, &cl, sum);
		for (size_t k = 0; k < cl.conflicts.len && k < CG_LINK_EXAMPLES; k++)
			sum->conflict[sum->nconflict++] = cl.conflicts.items[k];
		sum->seconds_cluster = seconds() - t;
		t = seconds();
		rc = link_write_results(&L, &o, &cl, started, sum, err);
		sum->seconds_write = seconds() - t;
	}
	sum->seconds_total = seconds() - t0;
	free(cl.root);
	free(cl.method);
	free(cl.mweight);
	cg_vec_release(&cl.conflicts);
	cg_vec_release(&cl.conflict_pairs);
	for (size_t i = 0; cl.extra && i < L.n; i++)
		cg_vec_release(&cl.extra[i]);
	free(cl.extra);
	cg_vec_release(&dv);
	linker_release(&L);
	return rc;
}
