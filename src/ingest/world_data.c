/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * world_data.c - the name, street and town lists of the synthetic world
 * (ingest layer).
 *
 * The lists in data/names/ are compiled into cg (table cg_world_data, see
 * cmake/embed.cmake) so the generator needs no file beside the binary.
 * Each list is parsed here into tables and weighted samplers; the comment
 * at the top of each file gives its format. The lists are ours, so a
 * malformed line is a bug in the repository, reported with the file and
 * line rather than guessed around.
 */
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/xalloc.h"
#include "ingest/world_internal.h"
#include "base/banned.h"

static const char *const origin_codes[ORIGIN_COUNT] = { "en", "ie", "sa",
							"bl", "pl" };

enum { FILE_MALE, FILE_FEMALE, FILE_SURNAMES, FILE_NICKNAMES, FILE_STREETS,
       FILE_TOWNS, FILE_COUNT };
static const char *const file_names[FILE_COUNT] = {
	"forenames_male.txt", "forenames_female.txt", "surnames.txt",
	"nicknames.txt", "streets.txt", "towns.txt",
};

/* Walks the lines of a mutable text, skipping comments and blank lines,
 * and splits each line at tabs into at most `max` fields (NUL-terminated
 * in place). */
struct line_reader {
	char *p;       /* next unread byte */
	int line;      /* number of the line last returned, from 1 */
	const char *file;
};

/* Returns the field count of the next data line (0 at the end). */
static int next_line(struct line_reader *lr, char **fields, int max)
{
	while (*lr->p) {
		char *start = lr->p, *end = strchr(start, '\n');
		int n = 0;
		if (end) {
			*end = '\0';
			lr->p = end + 1;
		} else {
			lr->p = start + strlen(start);
		}
		lr->line++;
		if (start[0] == '#' || start[0] == '\0')
			continue;
		fields[n++] = start;
		for (char *q = start; *q; q++) {
			if (*q == '\t' && n < max) {
				*q = '\0';
				fields[n++] = q + 1;
			}
		}
		return n;
	}
	return 0;
}

/* CG_INVALID naming the list file, its line and `why`. */
static enum cg_status bad_line(const struct line_reader *lr, const char *why,
			       struct cg_error *err)
{
	return cg_fail(err, CG_INVALID, "data/names/%s line %d: %s", lr->file,
		       lr->line, why);
}

/* Parses a positive decimal weight. */
static bool parse_weight(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = (uint32_t)v;
	return v > 0;
}

/* Builds a sampler over the items whose weights are given (len items,
 * weights[i] for items[i]). Takes ownership of `items`. */
static void sampler_build(struct world_sampler *s, uint32_t *items,
			  const uint32_t *weights, uint32_t len)
{
	uint64_t sum = 0;
	s->items = items;
	s->len = len;
	s->cum = cg_xcalloc(len ? len : 1, sizeof(uint64_t));
	for (uint32_t i = 0; i < len; i++) {
		sum += weights[i];
		s->cum[i] = sum;
	}
}

/* Frees a sampler's arrays; accepts an empty one. */
static void sampler_release(struct world_sampler *s)
{
	free(s->items);
	free(s->cum);
	s->items = NULL;
	s->cum = NULL;
	s->len = 0;
}

/* Parses a name list (name, weight, origin) and its per-origin samplers. */
static enum cg_status load_names(struct line_reader *lr,
				 struct world_name_list *l, struct cg_error *err)
{
	CG_VEC(struct world_name) names = CG_VEC_INIT;
	char *f[4];
	int n;

	while ((n = next_line(lr, f, 4)) > 0) {
		struct world_name nm = { 0 };
		int o;
		if (n != 3) {
			cg_vec_release(&names);
			return bad_line(lr, "expected name, weight and origin", err);
		}
		for (o = 0; o < ORIGIN_COUNT; o++)
			if (strcmp(f[2], origin_codes[o]) == 0)
				break;
		if (o == ORIGIN_COUNT || !parse_weight(f[1], &nm.weight) ||
		    names.len >= WORLD_NONE) {
			cg_vec_release(&names);
			return bad_line(lr, "bad weight or origin", err);
		}
		nm.text = f[0];
		nm.origin = (uint8_t)o;
		cg_vec_push(&names, nm);
	}
	l->names = names.items;
	l->len = (uint32_t)names.len;
	for (int o = 0; o < ORIGIN_COUNT; o++) {
		uint32_t *items = cg_xcalloc(l->len + 1, sizeof(uint32_t));
		uint32_t *weights = cg_xcalloc(l->len + 1, sizeof(uint32_t));
		uint32_t k = 0;
		for (uint32_t i = 0; i < l->len; i++) {
			if (l->names[i].origin != o)
				continue;
			items[k] = i;
			weights[k++] = l->names[i].weight;
		}
		if (k == 0) {
			free(items);
			free(weights);
			return cg_fail(err, CG_INVALID,
				       "data/names/%s: no names of origin %s",
				       lr->file, origin_codes[o]);
		}
		sampler_build(&l->by_origin[o], items, weights, k);
		free(weights);
	}
	return CG_OK;
}

/* Attaches the short forms of `formal` to every forename spelt so. */
static void attach_nicks(struct world_name_list *l, const char *formal,
			 uint16_t first, uint8_t count)
{
	for (uint32_t i = 0; i < l->len; i++) {
		if (strcmp(l->names[i].text, formal) == 0) {
			l->names[i].nick_first = first;
			l->names[i].nick_count = count;
		}
	}
}

/* Parses nicknames.txt and attaches the short forms to the forenames
 * (both sexes) spelt like each formal name. */
static enum cg_status load_nicknames(struct line_reader *lr, struct world_data *d,
				     struct cg_error *err)
{
	CG_VEC(const char *) nicks = CG_VEC_INIT;
	char *f[3];
	int n;

	while ((n = next_line(lr, f, 3)) > 0) {
		size_t first = nicks.len;
		char *p = f[1];
		if (n != 2 || !*f[1]) {
			cg_vec_release(&nicks);
			return bad_line(lr, "expected formal<TAB>short,short", err);
		}
		for (;;) {
			char *comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			cg_vec_push(&nicks, (const char *)p);
			if (!comma)
				break;
			p = comma + 1;
		}
		if (nicks.len >= WORLD_NONE || nicks.len - first > 255) {
			cg_vec_release(&nicks);
			return bad_line(lr, "too many short forms", err);
		}
		attach_nicks(&d->male, f[0], (uint16_t)first,
			     (uint8_t)(nicks.len - first));
		attach_nicks(&d->female, f[0], (uint16_t)first,
			     (uint8_t)(nicks.len - first));
	}
	d->nicks = nicks.items;
	d->nnicks = (uint32_t)nicks.len;
	return CG_OK;
}

/* Parses streets.txt: one street a line. */
static enum cg_status load_streets(struct line_reader *lr, struct world_data *d,
				   struct cg_error *err)
{
	CG_VEC(const char *) streets = CG_VEC_INIT;
	char *f[2];

	while (next_line(lr, f, 1) > 0)
		cg_vec_push(&streets, (const char *)f[0]);
	d->streets = streets.items;
	d->nstreets = (uint32_t)streets.len;
	if (d->nstreets == 0 || d->nstreets >= WORLD_NONE)
		return cg_fail(err, CG_INVALID, "data/names/streets.txt: "
			       "expected 1 to 65534 streets");
	return CG_OK;
}

/* Splits "B1-B38,B40" into districts of town `town`. */
static bool parse_districts(char *spec, uint16_t town,
			    struct world_district **items, size_t *len, size_t *cap)
{
	char *p = spec;
	for (;;) {
		char *comma = strchr(p, ','), *dash, *digits;
		long lo, hi;
		size_t plen;
		char *end;
		if (comma)
			*comma = '\0';
		digits = p;
		while (*digits >= 'A' && *digits <= 'Z')
			digits++;
		plen = (size_t)(digits - p);
		if (plen < 1 || plen > 2)
			return false;
		lo = strtol(digits, &end, 10);
		hi = lo;
		dash = end;
		if (*dash == '-') {
			if (strncmp(dash + 1, p, plen) != 0)
				return false;
			hi = strtol(dash + 1 + plen, &end, 10);
		}
		if (*end || end == digits || lo < 0 || hi < lo || hi > 99)
			return false;
		for (long v = lo; v <= hi; v++) {
			struct world_district dd = { { 0 }, town };
			memcpy(dd.code, p, plen);
			snprintf(dd.code + plen, sizeof(dd.code) - plen, "%d", (int)(v % 100));
			*items = cg_grow(*items, sizeof(**items), *len + 1, cap);
			(*items)[(*len)++] = dd;
		}
		if (!comma)
			return true;
		p = comma + 1;
	}
}

/* Parses towns.txt into towns, their postcode districts and localities,
 * and the town sampler (by population). */
static enum cg_status load_towns(struct line_reader *lr, struct world_data *d,
				 struct cg_error *err)
{
	CG_VEC(struct world_town) towns = CG_VEC_INIT;
	CG_VEC(const char *) localities = CG_VEC_INIT;
	struct world_district *districts = NULL;
	size_t ndistricts = 0, dcap = 0;
	char *f[6];
	int n;
	enum cg_status rc = CG_OK;

	while ((n = next_line(lr, f, 6)) > 0) {
		struct world_town t = { 0 };
		char *p = f[4];
		if (n != 5 || !parse_weight(f[2], &t.weight) || towns.len > 200) {
			rc = bad_line(lr, "expected town, districts, weight, "
				      "office and localities", err);
			goto out;
		}
		t.name = f[0];
		t.office = f[3];
		t.first_district = (uint16_t)ndistricts;
		if (!parse_districts(f[1], (uint16_t)towns.len, &districts,
				     &ndistricts, &dcap) || ndistricts > 4000) {
			rc = bad_line(lr, "bad postcode districts", err);
			goto out;
		}
		t.ndistricts = (uint16_t)(ndistricts - t.first_district);
		t.first_locality = (uint16_t)localities.len;
		for (;;) {
			char *comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			cg_vec_push(&localities, (const char *)p);
			if (!comma)
				break;
			p = comma + 1;
		}
		t.nlocalities = (uint16_t)(localities.len - t.first_locality);
		cg_vec_push(&towns, t);
	}
	if (towns.len == 0) {
		rc = cg_fail(err, CG_INVALID, "data/names/towns.txt: no towns");
		goto out;
	}
	{
		uint32_t *items = cg_xcalloc(towns.len, sizeof(uint32_t));
		uint32_t *weights = cg_xcalloc(towns.len, sizeof(uint32_t));
		for (size_t i = 0; i < towns.len; i++) {
			items[i] = (uint32_t)i;
			weights[i] = towns.items[i].weight;
		}
		sampler_build(&d->town_sampler, items, weights, (uint32_t)towns.len);
		free(weights);
	}
out:
	d->towns = towns.items;
	d->ntowns = (uint32_t)towns.len;
	d->districts = districts;
	d->ndistricts = (uint32_t)ndistricts;
	d->localities = localities.items;
	d->nlocalities = (uint32_t)localities.len;
	return rc;
}

/* Finds an embedded file by name and returns a private, mutable copy. */
static char *embedded_copy(const char *name)
{
	for (const struct cg_embedded *e = cg_world_data; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return cg_xstrndup(e->data, e->size);
	return NULL;
}

/*
 * Loads every list into `d` (zeroed by the caller). The tables point into
 * private copies of the embedded texts, so they live until
 * world_data_release. Errors: CG_INVALID naming the file and line of a
 * malformed list, or a list missing from the binary.
 */
enum cg_status world_data_load(struct world_data *d, struct cg_error *err)
{
	enum cg_status rc = CG_OK;

	for (int i = 0; i < FILE_COUNT && rc == CG_OK; i++) {
		struct line_reader lr;
		d->text[i] = embedded_copy(file_names[i]);
		if (!d->text[i])
			return cg_fail(err, CG_INVALID,
				       "data/names/%s is not compiled into cg",
				       file_names[i]);
		lr.p = d->text[i];
		lr.line = 0;
		lr.file = file_names[i];
		switch (i) {
		case FILE_MALE: rc = load_names(&lr, &d->male, err); break;
		case FILE_FEMALE: rc = load_names(&lr, &d->female, err); break;
		case FILE_SURNAMES: rc = load_names(&lr, &d->surnames, err); break;
		case FILE_NICKNAMES: rc = load_nicknames(&lr, d, err); break;
		case FILE_STREETS: rc = load_streets(&lr, d, err); break;
		default: rc = load_towns(&lr, d, err); break;
		}
	}
	return rc;
}

/* Frees a name list and its samplers. */
static void name_list_release(struct world_name_list *l)
{
	for (int o = 0; o < ORIGIN_COUNT; o++)
		sampler_release(&l->by_origin[o]);
	free(l->names);
	l->names = NULL;
	l->len = 0;
}

/* Frees everything world_data_load made; accepts a half-loaded `d`. */
void world_data_release(struct world_data *d)
{
	name_list_release(&d->male);
	name_list_release(&d->female);
	name_list_release(&d->surnames);
	free(d->nicks);
	free(d->streets);
	free(d->towns);
	free(d->districts);
	free(d->localities);
	sampler_release(&d->town_sampler);
	for (int i = 0; i < FILE_COUNT; i++)
		free(d->text[i]);
	memset(d, 0, sizeof(*d));
}
