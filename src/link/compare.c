/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compare.c - field comparators and comparison vectors (link capability
 * layer). See compare.h for the contract and the list of levels.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/error.h"
#include "base/hash.h"
#include "base/xalloc.h"
#include "link/compare.h"
#include "base/banned.h"

/* ---- Jaro-Winkler on code points ---- */

/* Decodes up to `max` code points of UTF-8 `s` into out; returns the count.
 * An invalid byte is taken as one code point of its own value. */
static size_t decode(const char *s, uint32_t *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p && n < max) {
		uint32_t c = *p;
		int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (c >= 0xF8)
			extra = 0;
		if (extra) {
			uint32_t v = c & (0x3Fu >> extra);
			int k;
			for (k = 1; k <= extra; k++) {
				if ((p[k] & 0xC0) != 0x80)
					break;
				v = (v << 6) | (p[k] & 0x3Fu);
			}
			if (k > extra) {
				out[n++] = v;
				p += extra + 1;
				continue;
			}
		}
		out[n++] = c;
		p++;
	}
	return n;
}

double cg_jaro_winkler(const char *a, const char *b)
{
	uint32_t ca[CG_JW_MAX], cb[CG_JW_MAX];
	bool ma[CG_JW_MAX], mb[CG_JW_MAX];
	size_t la, lb, window, matches = 0, trans = 0, prefix = 0;
	double jaro;

	if (!a || !b)
		return 0.0;
	la = decode(a, ca, CG_JW_MAX);
	lb = decode(b, cb, CG_JW_MAX);
	if (la == 0 || lb == 0)
		return 0.0;
	if (la == lb && memcmp(ca, cb, la * sizeof(*ca)) == 0)
		return 1.0;
	window = (la > lb ? la : lb) / 2;
	window = window > 0 ? window - 1 : 0;
	memset(ma, 0, sizeof(ma));
	memset(mb, 0, sizeof(mb));
	for (size_t i = 0; i < la; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < lb ? i + window + 1 : lb;
		for (size_t j = lo; j < hi; j++) {
			if (!mb[j] && ca[i] == cb[j]) {
				ma[i] = mb[j] = true;
				matches++;
				break;
			}
		}
	}
	if (matches == 0)
		return 0.0;
	for (size_t i = 0, j = 0; i < la; i++) {
		if (!ma[i])
			continue;
		while (!mb[j])
			j++;
		if (ca[i] != cb[j])
			trans++;
		j++;
	}
	jaro = ((double)matches / (double)la + (double)matches / (double)lb +
		((double)matches - (double)trans / 2.0) / (double)matches) / 3.0;
	if (jaro <= 0.7)
		return jaro;
	while (prefix < 4 && prefix < la && prefix < lb && ca[prefix] == cb[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* ---- forename equivalence table ---- */

struct equiv_entry {
	const char *name;     /* into table text; NULL for an empty slot */
	size_t len;
	uint32_t groups[CG_NAME_GROUPS_MAX];
	uint8_t ngroups;
};

static struct {
	char *text;               /* copy of the file, words NUL-terminated */
	struct equiv_entry *slots;
	size_t mask;
} equiv;
static pthread_once_t equiv_once = PTHREAD_ONCE_INIT;

static struct equiv_entry *equiv_slot(const char *s, size_t n)
{
	size_t i = (size_t)cg_fnv1a(s, n) & equiv.mask;
	for (;; i = (i + 1) & equiv.mask) {
		struct equiv_entry *e = &equiv.slots[i];
		if (!e->name || (e->len == n && memcmp(e->name, s, n) == 0))
			return e;
	}
}

static void equiv_build(void)
{
	const char *data = "";
	size_t words = 0, cap = 16;
	uint32_t group = 0;

	for (const struct cg_embedded *e = cg_link_data; e->name; e++)
		if (strcmp(e->name, "forename_equivalents.txt") == 0)
			data = e->data;
	equiv.text = cg_xstrdup(data);
	for (const char *p = data; *p; p++)
		if (*p == ' ' || *p == '\n')
			words++;
	while (cap < 2 * words + 16)
		cap *= 2;
	equiv.slots = cg_xcalloc(cap, sizeof(*equiv.slots));
	equiv.mask = cap - 1;
	for (char *line = equiv.text; *line;) {
		char *end = strchr(line, '\n');
		char *next = end ? end + 1 : line + strlen(line);
		if (end)
			*end = '\0';
		if (*line && *line != '#') {
			group++;
			for (char *w = line; *w;) {
				size_t n = strcspn(w, " \t\r");
				if (n > 0) {
					struct equiv_entry *e = equiv_slot(w, n);
					if (!e->name) {
						e->name = w;
						e->len = n;
					}
					if (e->ngroups < CG_NAME_GROUPS_MAX &&
					    (e->ngroups == 0 || e->groups[e->ngroups - 1] != group))
						e->groups[e->ngroups++] = group;
				}
				w += n;
				while (*w == ' ' || *w == '\t' || *w == '\r')
					*w++ = '\0';
			}
		}
		line = next;
	}
}

size_t cg_forename_groups(const char *forename, uint32_t groups[CG_NAME_GROUPS_MAX])
{
	size_t n;
	const struct equiv_entry *e;

	if (!forename || !*forename)
		return 0;
	pthread_once(&equiv_once, equiv_build);
	n = strcspn(forename, " ");
	e = equiv_slot(forename, n);
	if (!e->name)
		return 0;
	memcpy(groups, e->groups, e->ngroups * sizeof(*groups));
	return e->ngroups;
}

static bool groups_meet(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (a[i] == b[j])
				return true;
	return false;
}

bool cg_forenames_equivalent(const char *a, const char *b)
{
	uint32_t ga[CG_NAME_GROUPS_MAX], gb[CG_NAME_GROUPS_MAX];
	size_t na = cg_forename_groups(a, ga), nb = cg_forename_groups(b, gb);
	return groups_meet(ga, na, gb, nb);
}

/* ---- prepared names and levels ---- */

void cg_name_key_prepare(struct cg_name_key *k, const char *text, uint32_t id, bool is_forename)
{
	char p[CG_DM_SIZE], a[CG_DM_SIZE];

	memset(k, 0, sizeof(*k));
	k->text = text ? text : "";
	k->id = id;
	cg_double_metaphone(k->text, p, a);
	k->dm[0] = cg_dm_pack(p);
	k->dm[1] = cg_dm_pack(a);
	if (is_forename)
		k->ngroups = (uint8_t)cg_forename_groups(k->text, k->groups);
}

/* True when every word of the shorter name is a word of the longer, or the
 * two are equal once spaces are removed: the halves of a double-barrelled
 * surname. */
static bool name_part(const char *a, const char *b)
{
	const char *s = strlen(a) <= strlen(b) ? a : b, *l = s == a ? b : a;
	size_t ls = strlen(l);
	bool all = true;
	const char *x = a, *y = b;

	/* equal without spaces */
	for (;;) {
		while (*x == ' ')
			x++;
		while (*y == ' ')
			y++;
		if (*x != *y)
			break;
		if (!*x)
			return true;
		x++;
		y++;
	}
	if (!strchr(l, ' '))
		return false;
	for (const char *w = s; *w && all;) {
		size_t n = strcspn(w, " ");
		bool found = false;
		for (const char *v = l; *v && !found;) {
			size_t m = strcspn(v, " ");
			found = m == n && memcmp(v, w, n) == 0;
			v += m;
			while (*v == ' ')
				v++;
		}
		all = found && n >= 2;
		w += n;
		while (*w == ' ')
			w++;
	}
	(void)ls;
	return all;
}

enum cg_name_level cg_compare_name(const struct cg_name_key *a, const struct cg_name_key *b,
				   bool forename)
{
	double jw;

	if (!a || !b || !a->text[0] || !b->text[0])
		return CG_NAME_NULL;
	if (a->id && b->id) {
		if (a->id == b->id)
			return CG_NAME_EXACT;
	} else if (strcmp(a->text, b->text) == 0) {
		return CG_NAME_EXACT;
	}
	if (forename && groups_meet(a->groups, a->ngroups, b->groups, b->ngroups))
		return CG_NAME_EQUIVALENT;
	jw = cg_jaro_winkler(a->text, b->text);
	if (jw >= 0.92)
		return CG_NAME_JW_HIGH;
	if (name_part(a->text, b->text))
		return CG_NAME_PART;
	if (a->dm[0] && (a->dm[0] == b->dm[0] || a->dm[0] == b->dm[1] || a->dm[1] == b->dm[0] ||
			 (a->dm[1] && a->dm[1] == b->dm[1])))
		return CG_NAME_PHONETIC;
	if (jw >= 0.80)
		return CG_NAME_JW_LOW;
	return CG_NAME_DIFFERENT;
}

enum cg_dob_level cg_compare_dob(int32_t a, int32_t b)
{
	int ya = a / 10000, ma = a / 100 % 100, da = a % 100;
	int yb = b / 10000, mb = b / 100 % 100, db = b % 100;

	if (a <= 0 || b <= 0)
		return CG_DOB_NULL;
	if (a == b)
		return CG_DOB_EXACT;
	if (ya == yb && ma == db && da == mb)
		return CG_DOB_SWAPPED;
	if ((ya == yb) + (ma == mb) + (da == db) == 2)
		return CG_DOB_ONE_FIELD;
	if (ya == yb)
		return CG_DOB_YEAR;
	return CG_DOB_DIFFERENT;
}

enum cg_postcode_level cg_compare_postcode(const char *a, const char *b)
{
	size_t na, nb;

	if (!a || !b || !*a || !*b)
		return CG_POSTCODE_NULL;
	if (strcmp(a, b) == 0)
		return CG_POSTCODE_FULL;
	na = strcspn(a, " ");
	nb = strcspn(b, " ");
	if (na == nb && memcmp(a, b, na) == 0)
		return CG_POSTCODE_DISTRICT;
	return CG_POSTCODE_DIFFERENT;
}

enum cg_sex_level cg_compare_sex(char a, char b)
{
	bool ka = a == 'M' || a == 'F' || a == 'X', kb = b == 'M' || b == 'F' || b == 'X';
	if (!ka || !kb)
		return CG_SEX_NULL;
	return a == b ? CG_SEX_SAME : CG_SEX_DIFFERENT;
}

static const char *const name_levels[] = {
	"null", "exact", "exact (alias or swapped)", "equivalent forename", "jaro-winkler >= 0.92",
	"part of a double-barrelled name", "double metaphone", "jaro-winkler >= 0.80", "different",
};
static const char *const dob_levels[] = {
	"null", "exact", "day and month swapped", "one field different", "same year", "different",
};
static const char *const postcode_levels[] = { "null", "full", "district", "different" };
static const char *const sex_levels[] = { "null", "same", "different" };
static const char *const ident_levels[] = { "null", "agree", "disagree" };

static const struct {
	const char *name;
	int levels;
	const char *const *level_names;
} cmp_table[CG_CMP_COUNT] = {
	[CG_CMP_FORENAME] = { "forename", CG_NAME_LEVELS, name_levels },
	[CG_CMP_SURNAME] = { "surname", CG_NAME_LEVELS, name_levels },
	[CG_CMP_DOB] = { "dob", CG_DOB_LEVELS, dob_levels },
	[CG_CMP_POSTCODE] = { "postcode", CG_POSTCODE_LEVELS, postcode_levels },
	[CG_CMP_SEX] = { "sex", CG_SEX_LEVELS, sex_levels },
	[CG_CMP_IDENT] = { "identifiers", CG_IDENT_LEVELS, ident_levels },
};

int cg_cmp_levels(enum cg_cmp c)
{
	CG_ASSERT((unsigned)c < CG_CMP_COUNT);
	return cmp_table[c].levels;
}

const char *cg_cmp_name(enum cg_cmp c)
{
	CG_ASSERT((unsigned)c < CG_CMP_COUNT);
	return cmp_table[c].name;
}

const char *cg_cmp_level_name(enum cg_cmp c, int level)
{
	CG_ASSERT((unsigned)c < CG_CMP_COUNT);
	if (level < 0 || level >= cmp_table[c].levels)
		return "?";
	return cmp_table[c].level_names[level];
}

/* ---- pairs ---- */

/* Ordinal used to pick the best name variant: lower is better; a missing
 * name sits between a fuzzy and a failed match. */
static int name_rank(enum cg_name_level l)
{
	return l == CG_NAME_NULL ? 6 : (int)l;
}

static void try_names(const struct cg_name_key *af, const struct cg_name_key *as,
		      const struct cg_name_key *bf, const struct cg_name_key *bs, int via,
		      struct cg_gamma *best, int *best_score)
{
	enum cg_name_level f = cg_compare_name(af, bf, true);
	enum cg_name_level s = cg_compare_name(as, bs, false);
	int score = name_rank(f) + name_rank(s);

	/* Another variant counts only when it explains the names: one of them
	 * exact and neither different. Otherwise any two records would find
	 * some agreement among their swapped and alias names. */
	if (via != CG_VIA_PRIMARY &&
	    (f == CG_NAME_DIFFERENT || s == CG_NAME_DIFFERENT ||
	     (f != CG_NAME_EXACT && s != CG_NAME_EXACT)))
		return;
	if (score < *best_score) {
		*best_score = score;
		best->level[CG_CMP_FORENAME] = (uint8_t)f;
		best->level[CG_CMP_SURNAME] = (uint8_t)s;
		best->via = (uint8_t)via;
	}
}

static enum cg_ident_level compare_idents(const struct cg_link_subject *a,
					  const struct cg_link_subject *b)
{
	enum cg_ident_level l = CG_IDENT_NULL;

	for (size_t i = 0; i < a->nidents; i++)
		for (size_t j = 0; j < b->nidents; j++) {
			if (a->idents[i].kind != b->idents[j].kind)
				continue;
			if (a->idents[i].value == b->idents[j].value)
				return CG_IDENT_AGREE;
			l = CG_IDENT_DISAGREE;
		}
	return l;
}

void cg_compare_pair(const struct cg_link_subject *a, const struct cg_link_subject *b,
		     struct cg_gamma *out)
{
	int score = 1000;

	memset(out, 0, sizeof(*out));
	try_names(a->primary.forename, a->primary.surname, b->primary.forename,
		  b->primary.surname, CG_VIA_PRIMARY, out, &score);
	if (score > 2 * CG_NAME_EXACT) {
		/* forename and surname recorded the wrong way round on one side */
		try_names(a->primary.forename, a->primary.surname, b->primary.surname,
			  b->primary.forename, CG_VIA_SWAP, out, &score);
		for (size_t i = 0; i < a->naliases && score > 2 * CG_NAME_EXACT; i++)
			try_names(a->aliases[i].forename, a->aliases[i].surname, b->primary.forename,
				  b->primary.surname, CG_VIA_ALIAS, out, &score);
		for (size_t i = 0; i < b->naliases && score > 2 * CG_NAME_EXACT; i++)
			try_names(a->primary.forename, a->primary.surname, b->aliases[i].forename,
				  b->aliases[i].surname, CG_VIA_ALIAS, out, &score);
		if (out->via != CG_VIA_PRIMARY) {
			if (out->level[CG_CMP_FORENAME] == CG_NAME_EXACT)
				out->level[CG_CMP_FORENAME] = CG_NAME_OTHER_EXACT;
			if (out->level[CG_CMP_SURNAME] == CG_NAME_EXACT)
				out->level[CG_CMP_SURNAME] = CG_NAME_OTHER_EXACT;
		}
	}
	out->level[CG_CMP_DOB] = (uint8_t)cg_compare_dob(a->dob, b->dob);
	out->level[CG_CMP_POSTCODE] = (uint8_t)cg_compare_postcode(a->postcode, b->postcode);
	out->level[CG_CMP_SEX] = (uint8_t)cg_compare_sex(a->sex, b->sex);
	out->level[CG_CMP_IDENT] = (uint8_t)compare_idents(a, b);
}

uint32_t cg_gamma_pack(const struct cg_gamma *g)
{
	uint32_t v = 0;
	for (int c = 0; c < CG_CMP_COUNT; c++)
		v |= (uint32_t)(g->level[c] & 0xF) << (4 * c);
	return v;
}

void cg_gamma_unpack(uint32_t packed, struct cg_gamma *g)
{
	memset(g, 0, sizeof(*g));
	for (int c = 0; c < CG_CMP_COUNT; c++)
		g->level[c] = (uint8_t)((packed >> (4 * c)) & 0xF);
}
