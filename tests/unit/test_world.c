/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_world.c - unit tests for ingest/world: the synthetic world behind
 * `cg demo generate`. Generates small worlds into temporary directories and
 * reads them back with a strict RFC 4180 reader: determinism, the shape of
 * every file (docs/exports.md), identifiers, dates, truth against the
 * exports, planted patterns, noise rates and option errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/date.h"
#include "base/ident.h"
#include "ingest/world.h"

/* ---- reading files back ---- */

/* A whole CSV file: the header's names and every row's fields. */
struct table {
	char **cells;   /* rows * ncols field strings, row-major, row 0 = header */
	size_t ncols, nrows; /* nrows excludes the header */
};

static char *slurp(const char *dir, const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *data;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return data;
}

/*
 * Parses RFC 4180 strictly: quoted fields may hold commas, doubled quotes
 * and line breaks; a quote anywhere else, or a row whose field count
 * differs from the header's, fails the test naming the file and row.
 */
static void load(const char *dir, const char *rel, struct table *t)
{
	size_t len, cap = 1024, n = 0, ncols = 0, row_fields = 0;
	char *data = slurp(dir, rel, &len), *p = data, *end = data + len;
	char **cells = malloc(cap * sizeof(char *));
	char *scratch = malloc(len + 1);

	assert_non_null(cells);
	assert_non_null(scratch);
	while (p < end) {
		char *field = scratch, *o = field;
		if (*p == '"') {
			p++;
			for (;;) {
				if (p >= end)
					fail_msg("%s: unterminated quote", rel);
				if (*p == '"' && p + 1 < end && p[1] == '"') {
					*o++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*o++ = *p++;
				}
			}
			if (p < end && *p != ',' && *p != '\n')
				fail_msg("%s: text after a closing quote", rel);
		} else {
			while (p < end && *p != ',' && *p != '\n') {
				if (*p == '"' || *p == '\r')
					fail_msg("%s: bare quote or CR in row %zu", rel,
						 ncols ? n / ncols : 0);
				*o++ = *p++;
			}
		}
		*o = '\0';
		field = strdup(scratch);
		assert_non_null(field);
		if (n == cap) {
			cap *= 2;
			cells = realloc(cells, cap * sizeof(char *));
			assert_non_null(cells);
		}
		cells[n++] = field;
		row_fields++;
		if (p < end && *p == ',') {
			p++;
			if (p == end)
				fail_msg("%s: ends after a comma", rel);
			continue;
		}
		if (p >= end || *p != '\n')
			fail_msg("%s: last line has no line end", rel);
		p++;
		if (!ncols)
			ncols = row_fields;
		else if (row_fields != ncols)
			fail_msg("%s: row %zu has %zu fields, the header %zu", rel,
				 n / ncols, row_fields, ncols);
		row_fields = 0;
	}
	free(data);
	free(scratch);
	t->cells = cells;
	t->ncols = ncols;
	t->nrows = ncols ? n / ncols - 1 : 0;
}

static void unload(struct table *t)
{
	for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* Column index of `name`; fails if the header lacks it. */
static size_t col(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->cells[c], name) == 0)
			return c;
	fail_msg("no column %s", name);
	return 0;
}

static const char *cell(const struct table *t, size_t row, size_t c)
{
	return t->cells[(row + 1) * t->ncols + c];
}

/* Checks the header row is exactly `want` (comma separated). */
static void assert_header(const struct table *t, const char *want)
{
	char got[1024] = "";
	size_t n = 0;
	for (size_t c = 0; c < t->ncols; c++)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s", c ? "," : "",
				      t->cells[c]);
	assert_string_equal(got, want);
}

/* ---- a sorted set of strings, for record ids ---- */

struct strset {
	char **items;
	size_t len;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void set_build(struct strset *s, char **items, size_t len)
{
	s->items = items;
	s->len = len;
	qsort(items, len, sizeof(char *), cmp_str);
}

static bool set_has(const struct strset *s, const char *key)
{
	return bsearch(&key, s->items, s->len, sizeof(char *), cmp_str) != NULL;
}

/* ---- generating ---- */

static const char *const all_files[] = {
	"police/nominals.csv", "police/associations.csv", "police/ocg_members.csv",
	"police/intelligence.csv", "prison/prisoners.csv", "prison/contacts.csv",
	"prison/movements.csv", "prison/visits.csv", "prison/calls.csv",
	"prison/establishments.csv", "probation/offenders.csv",
	"probation/supervision.csv", "truth/records.csv", "truth/people.csv",
	"truth/ocgs.csv", "truth/links.csv", "truth/patterns.csv",
	"truth/noise.csv", "truth/phones.csv",
};
#define NFILES (sizeof(all_files) / sizeof(all_files[0]))

static void make_temp(char *dir, size_t size)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, size, "%s/cg-world-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
}

/* Removes what a generation writes (and the directory). */
static void remove_world(const char *dir)
{
	static const char *const subdirs[] = { "police", "prison", "probation", "truth" };
	char path[1024];
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, all_files[i]);
		unlink(path);
	}
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, subdirs[i]);
		rmdir(path);
	}
	rmdir(dir);
}

static void generate(const char *dir, uint32_t people, uint64_t seed,
		     struct cg_world_options *opt, struct cg_world_summary *s)
{
	struct cg_world_options o;
	struct cg_error err = CG_ERROR_INIT;
	if (!opt) {
		cg_world_options_init(&o);
		opt = &o;
	}
	opt->out_dir = dir;
	opt->people = people;
	opt->seed = seed;
	if (cg_world_generate(opt, s, &err) != CG_OK)
		fail_msg("generate: %s", err.message);
}

/* The world most tests read: 3000 people, seed 11, default noise. */
static char world_dir[512];
static struct cg_world_summary world_summary;

static int setup(void **state)
{
	cg_date_set_pivot_year(2025);
	make_temp(world_dir, sizeof(world_dir));
	generate(world_dir, 3000, 11, NULL, &world_summary);
	return 0;
}

static int teardown(void **state)
{
	remove_world(world_dir);
	cg_date_set_pivot_year(0);
	return 0;
}

/* ---- tests ---- */

static void same_seed_same_bytes(void **state)
{
	char a[512], b[512], c[512];
	struct cg_world_summary sa, sb, sc;
	bool any_differs = false;

	make_temp(a, sizeof(a));
	make_temp(b, sizeof(b));
	make_temp(c, sizeof(c));
	generate(a, 1500, 42, NULL, &sa);
	generate(b, 1500, 42, NULL, &sb);
	generate(c, 1500, 43, NULL, &sc);
	for (size_t i = 0; i < NFILES; i++) {
		size_t la, lb, lc;
		char *da = slurp(a, all_files[i], &la), *db = slurp(b, all_files[i], &lb);
		char *dc = slurp(c, all_files[i], &lc);
		if (la != lb || memcmp(da, db, la) != 0)
			fail_msg("%s differs between two runs with seed 42", all_files[i]);
		if (la != lc || memcmp(da, dc, la) != 0)
			any_differs = true;
		free(da);
		free(db);
		free(dc);
	}
	assert_true(any_differs);
	{
		size_t la, lc;
		char *da = slurp(a, "truth/people.csv", &la), *dc = slurp(c, "truth/people.csv", &lc);
		assert_false(la == lc && memcmp(da, dc, la) == 0);
		free(da);
		free(dc);
	}
	assert_int_equal(sa.source_rows, sb.source_rows);
	remove_world(a);
	remove_world(b);
	remove_world(c);
}

/*
 * The world for a seed is fixed, whatever compiler built cg: a digest
 * (FNV-1a, 64 bits) of every file of the test world (3000 people, seed
 * 11) against the value this generator gives. C leaves the order in which
 * a call's arguments (or an expression's operands) are evaluated open, so
 * two random draws in one of them made gcc and clang builds write
 * different worlds; this catches that on any build that runs the suite.
 * A deliberate change to the generator changes the digest: check the
 * new world is right, then put the new value here.
 */
#define WORLD_DIGEST 0x74889632e564377cull

static void same_world_on_every_build(void **state)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < NFILES; i++) {
		size_t len;
		char *data = slurp(world_dir, all_files[i], &len);
		for (size_t k = 0; k < len; k++) {
			h ^= (unsigned char)data[k];
			h *= 0x100000001b3ull;
		}
		free(data);
	}
	if (h != WORLD_DIGEST)
		fail_msg("the world of seed 11 has digest 0x%016llx, not 0x%016llx",
			 (unsigned long long)h, (unsigned long long)WORLD_DIGEST);
}

/* Headers as docs/exports.md gives them; the summary's counts match. */
static void files_and_counts(void **state)
{
	static const char *const headers[NFILES] = {
		"nominal_ref,pnc_id,cro_number,surname,forenames,date_of_birth,sex,address,"
		"postcode,aliases,classification,handling_code,handling_conditions",
		"association_ref,nominal_ref_a,nominal_ref_b,association_type,first_seen",
		"ocg_ref,ocg_name,activities,nominal_ref,role",
		"report_ref,report_date,source_evaluation,intelligence_assessment,"
		"handling_code,handling_conditions,classification,subjects,text",
		"NOMS_ID,LAST_NAME,FIRST_NAME,MIDDLE_NAMES,BIRTH_DATE,GENDER,PNC_NUMBER,CRO_NUMBER",
		"CONTACT_ID,LAST_NAME,FIRST_NAME,BIRTH_DATE,ADDRESS,POSTCODE",
		"MOVEMENT_ID,NOMS_ID,MOVEMENT_DATE,MOVEMENT_TYPE,ESTABLISHMENT,WING,CELL",
		"VISIT_ID,NOMS_ID,CONTACT_ID,VISIT_DATE,ESTABLISHMENT,RELATIONSHIP",
		"CALL_ID,NOMS_ID,CALL_DATE,DIALLED_NUMBER,DURATION_SECONDS",
		"ESTABLISHMENT,NAME,WINGS",
		"CRN,Forename,Second Name,Surname,Date of Birth,Gender,PNC Number,NOMS Number,"
		"Address Line 1,Town,Postcode,Previous Postcode",
		"EVENT_ID,CRN,Start Date,End Date,Type,Office",
		"source_agency,source_record_id,true_person_id",
		"true_person_id,forenames,surname,sex,dob,postcode,ocg_id,role",
		"ocg_id,name,activities,rivals,allies",
		"person_a,person_b,type,first_seen",
		"pattern,detail",
		"source_agency,source_record_id,noise",
		"number,true_person_id,kind",
	};
	const struct cg_world_summary *s = &world_summary;
	uint64_t source = 0, truth = 0;

	assert_int_equal(s->nfiles, NFILES);
	assert_int_equal(s->people, 3000);
	assert_in_range(s->ocgs, 10, 30);
	for (size_t i = 0; i < NFILES; i++) {
		struct table t;
		assert_string_equal(s->files[i].path, all_files[i]);
		load(world_dir, all_files[i], &t);
		assert_header(&t, headers[i]);
		assert_int_equal(t.nrows, s->files[i].rows);
		assert_true(t.nrows > 0);
		if (strncmp(all_files[i], "truth/", 6) == 0)
			truth += t.nrows;
		else
			source += t.nrows;
		unload(&t);
	}
	assert_int_equal(source, s->source_rows);
	assert_int_equal(truth, s->truth_rows);
	/* plausible sizes for 3000 people */
	assert_in_range(s->files[0].rows, 600, 1500);   /* nominals */
	assert_in_range(s->files[4].rows, 500, 1200);   /* prisoners */
	assert_in_range(s->files[10].rows, 400, 1200);  /* offenders */
	assert_int_equal(s->files[13].rows, 3000);      /* truth people */
	assert_int_equal(s->files[9].rows, 6);          /* establishments */
}

/* Every truth/records.csv row names a record of an export, and every
 * record of every export has exactly one truth row. */
static void truth_matches_exports(void **state)
{
	static const struct { const char *file, *column, *agency; } sources[] = {
		{ "police/nominals.csv", "nominal_ref", "WMP" },
		{ "prison/prisoners.csv", "NOMS_ID", "HMPPS" },
		{ "prison/contacts.csv", "CONTACT_ID", "HMPPS" },
		{ "probation/offenders.csv", "CRN", "PROB" },
	};
	struct table tr, people;
	char **keys;
	size_t nkeys = 0, total = 0;
	struct strset truth_keys, person_ids;

	load(world_dir, "truth/records.csv", &tr);
	load(world_dir, "truth/people.csv", &people);
	keys = calloc(tr.nrows, sizeof(char *));
	for (size_t r = 0; r < tr.nrows; r++) {
		size_t n = strlen(cell(&tr, r, 0)) + strlen(cell(&tr, r, 1)) + 2;
		keys[nkeys] = malloc(n);
		snprintf(keys[nkeys++], n, "%s %s", cell(&tr, r, 0), cell(&tr, r, 1));
	}
	set_build(&truth_keys, keys, nkeys);
	for (size_t i = 1; i < nkeys; i++)
		if (strcmp(keys[i - 1], keys[i]) == 0)
			fail_msg("truth/records.csv names %s twice", keys[i]);
	{
		char **ids = calloc(people.nrows, sizeof(char *));
		for (size_t r = 0; r < people.nrows; r++)
			ids[r] = people.cells[(r + 1) * people.ncols];
		set_build(&person_ids, ids, people.nrows);
	}
	for (size_t r = 0; r < tr.nrows; r++)
		if (!set_has(&person_ids, cell(&tr, r, 2)))
			fail_msg("truth/records.csv: unknown person %s", cell(&tr, r, 2));
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		struct table t;
		size_t c;
		load(world_dir, sources[i].file, &t);
		c = col(&t, sources[i].column);
		for (size_t r = 0; r < t.nrows; r++) {
			char key[128];
			snprintf(key, sizeof(key), "%s %s", sources[i].agency, cell(&t, r, c));
			if (!set_has(&truth_keys, key))
				fail_msg("%s: %s has no truth row", sources[i].file, key);
		}
		total += t.nrows;
		unload(&t);
	}
	/* ids are unique, so equal counts mean every truth row was matched */
	assert_int_equal(total, tr.nrows);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(person_ids.items);
	unload(&tr);
	unload(&people);
}

/* Validates a non-empty identifier; returns its canonical form. */
static void assert_ident(enum cg_ident_kind kind, const char *v, const char *where,
			 char out[CG_IDENT_MAX])
{
	struct cg_error err = CG_ERROR_INIT;
	if (cg_ident_normalise(kind, v, strlen(v), out, &err) != CG_OK)
		fail_msg("%s: %s", where, err.message);
}

/* Is there a truth/noise.csv row for (agency, id) with exactly `noise`? */
static bool noted(const struct table *noise, const char *agency, const char *id,
		  const char *what)
{
	for (size_t r = 0; r < noise->nrows; r++)
		if (strcmp(cell(noise, r, 1), id) == 0 && strcmp(cell(noise, r, 0), agency) == 0 &&
		    strcmp(cell(noise, r, 2), what) == 0)
			return true;
	return false;
}

/* Identifiers are valid (base/ident.h); where one is missing the noise
 * file says so; a prisoner's PNC is the police's PNC of that person. */
static void identifiers_valid(void **state)
{
	struct table nom, pri, off, noise, tr;
	char out[CG_IDENT_MAX];
	size_t checked_pnc = 0, missing = 0;

	load(world_dir, "police/nominals.csv", &nom);
	load(world_dir, "prison/prisoners.csv", &pri);
	load(world_dir, "probation/offenders.csv", &off);
	load(world_dir, "truth/noise.csv", &noise);
	load(world_dir, "truth/records.csv", &tr);
	for (size_t r = 0; r < nom.nrows; r++) {
		const char *pnc = cell(&nom, r, col(&nom, "pnc_id"));
		const char *cro = cell(&nom, r, col(&nom, "cro_number"));
		if (*pnc) {
			assert_int_equal(strlen(pnc), 13); /* long form */
			assert_ident(CG_IDENT_PNC, pnc, "nominal pnc_id", out);
		}
		if (*cro)
			assert_ident(CG_IDENT_CRO, cro, "nominal cro_number", out);
	}
	for (size_t r = 0; r < pri.nrows; r++) {
		const char *noms = cell(&pri, r, col(&pri, "NOMS_ID"));
		const char *pnc = cell(&pri, r, col(&pri, "PNC_NUMBER"));
		const char *cro = cell(&pri, r, col(&pri, "CRO_NUMBER"));
		assert_ident(CG_IDENT_PRISON_NUMBER, noms, "NOMS_ID", out);
		assert_string_equal(out, noms);
		if (*pnc)
			assert_ident(CG_IDENT_PNC, pnc, "PNC_NUMBER", out);
		else if (noted(&noise, "HMPPS", noms, "missing_id:pnc"))
			missing++;
		if (*cro)
			assert_ident(CG_IDENT_CRO, cro, "CRO_NUMBER", out);
		/* the same person's police PNC, when the police record has one */
		if (*pnc && r < 150) {
			const char *person = NULL;
			char canon[CG_IDENT_MAX];
			memcpy(canon, out, sizeof(canon));
			assert_ident(CG_IDENT_PNC, pnc, "PNC_NUMBER", canon);
			for (size_t k = 0; k < tr.nrows && !person; k++)
				if (strcmp(cell(&tr, k, 1), noms) == 0)
					person = cell(&tr, k, 2);
			assert_non_null(person);
			for (size_t k = 0; k < tr.nrows; k++) {
				if (strcmp(cell(&tr, k, 2), person) != 0 ||
				    strcmp(cell(&tr, k, 0), "WMP") != 0)
					continue;
				for (size_t n = 0; n < nom.nrows; n++) {
					const char *np = cell(&nom, n, col(&nom, "pnc_id"));
					if (strcmp(cell(&nom, n, 0), cell(&tr, k, 1)) == 0 && *np) {
						assert_string_equal(np, canon);
						checked_pnc++;
					}
				}
			}
		}
	}
	assert_true(checked_pnc > 20);
	assert_true(missing > 10);
	for (size_t r = 0; r < off.nrows; r++) {
		const char *crn = cell(&off, r, col(&off, "CRN"));
		const char *pnc = cell(&off, r, col(&off, "PNC Number"));
		const char *noms = cell(&off, r, col(&off, "NOMS Number"));
		assert_ident(CG_IDENT_CRN, crn, "CRN", out);
		assert_string_equal(out, crn);
		if (*pnc) {
			assert_int_equal(strlen(pnc), 13);
			assert_ident(CG_IDENT_PNC, pnc, "PNC Number", out);
		}
		if (*noms)
			assert_ident(CG_IDENT_PRISON_NUMBER, noms, "NOMS Number", out);
	}
	unload(&nom);
	unload(&pri);
	unload(&off);
	unload(&noise);
	unload(&tr);
}

/* Every date column parses with its export's pattern; none is after the
 * day of the exports; optional ones are the only empty ones. */
static void dates_parse(void **state)
{
	static const struct { const char *file, *column, *pattern; bool optional; } dates[] = {
		{ "police/nominals.csv", "date_of_birth", "DD/MM/YYYY", false },
		{ "police/associations.csv", "first_seen", "DD/MM/YYYY", false },
		{ "police/intelligence.csv", "report_date", "DD/MM/YYYY", false },
		{ "prison/prisoners.csv", "BIRTH_DATE", "YYYY-MM-DD", false },
		{ "prison/contacts.csv", "BIRTH_DATE", "YYYY-MM-DD", true },
		{ "prison/movements.csv", "MOVEMENT_DATE", "YYYY-MM-DD", false },
		{ "prison/visits.csv", "VISIT_DATE", "YYYY-MM-DD", false },
		{ "prison/calls.csv", "CALL_DATE", "YYYY-MM-DD", false },
		{ "probation/offenders.csv", "Date of Birth", "DD-MON-YYYY", false },
		{ "probation/supervision.csv", "Start Date", "DD-MON-YYYY", false },
		{ "probation/supervision.csv", "End Date", "DD-MON-YYYY", true },
		{ "truth/people.csv", "dob", "YYYY-MM-DD", false },
		{ "truth/links.csv", "first_seen", "YYYY-MM-DD", false },
	};
	struct cg_date last = { 2024, 12, 31 };

	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		struct table t;
		size_t c, empty = 0;
		load(world_dir, dates[i].file, &t);
		c = col(&t, dates[i].column);
		for (size_t r = 0; r < t.nrows; r++) {
			const char *v = cell(&t, r, c);
			struct cg_date d;
			struct cg_error err = CG_ERROR_INIT;
			if (!*v) {
				empty++;
				continue;
			}
			if (cg_date_parse(v, strlen(v), dates[i].pattern, &d, &err) != CG_OK)
				fail_msg("%s %s: %s", dates[i].file, dates[i].column, err.message);
			if (cg_date_compare(d, last) > 0)
				fail_msg("%s %s: %s is after the exports' day", dates[i].file,
					 dates[i].column, v);
		}
		if (!dates[i].optional)
			assert_int_equal(empty, 0);
		unload(&t);
	}
}

/* Free text survives: intelligence holds commas, quotes and line breaks,
 * and the strict reader above read them back as single fields. */
static void intelligence_text_quoted(void **state)
{
	struct table t;
	size_t comma = 0, quote = 0, newline = 0, text;
	size_t len;
	char *raw = slurp(world_dir, "police/intelligence.csv", &len);

	load(world_dir, "police/intelligence.csv", &t);
	text = col(&t, "text");
	for (size_t r = 0; r < t.nrows; r++) {
		const char *v = cell(&t, r, text);
		comma += strchr(v, ',') != NULL;
		quote += strchr(v, '"') != NULL;
		newline += strchr(v, '\n') != NULL;
		assert_in_range(cell(&t, r, col(&t, "source_evaluation"))[0], '1', '3');
		assert_in_range(cell(&t, r, col(&t, "intelligence_assessment"))[0], 'A', 'E');
	}
	assert_true(comma > 0 && quote > 0 && newline > 0);
	/* the raw file doubles quotes inside quoted fields */
	assert_non_null(strstr(raw, "\"\""));
	free(raw);
	unload(&t);
}

/* Planted patterns exist and agree with the truth about groups. */
static void patterns_planted(void **state)
{
	struct table pat, people, ocgs;
	size_t kinds[3] = { 0, 0, 0 };

	load(world_dir, "truth/patterns.csv", &pat);
	load(world_dir, "truth/people.csv", &people);
	load(world_dir, "truth/ocgs.csv", &ocgs);
	for (size_t r = 0; r < pat.nrows; r++) {
		const char *kind = cell(&pat, r, 0), *detail = cell(&pat, r, 1);
		if (strcmp(kind, "recruitment") == 0) {
			char person[16], ocg[16];
			assert_int_equal(sscanf(detail, "person=%15[^;];ocg=%15[^;];", person, ocg), 2);
			/* the recruit is a member of that group in the truth */
			for (size_t k = 0; k < people.nrows; k++)
				if (strcmp(cell(&people, k, 0), person) == 0)
					assert_string_equal(cell(&people, k, 6), ocg);
			assert_non_null(strstr(detail, ";joined="));
			kinds[0]++;
		} else if (strcmp(kind, "crossover") == 0) {
			char a[16], ga[16], b[16], gb[16];
			bool rivals = false;
			assert_int_equal(sscanf(detail, "person_a=%15[^;];ocg_a=%15[^;];"
						"person_b=%15[^;];ocg_b=%15[^;];", a, ga, b, gb), 4);
			for (size_t k = 0; k < ocgs.nrows; k++)
				if (strcmp(cell(&ocgs, k, 0), ga) == 0)
					rivals = strstr(cell(&ocgs, k, 3), gb) != NULL;
			assert_true(rivals);
			kinds[1]++;
		} else {
			assert_string_equal(kind, "broker");
			assert_non_null(strstr(detail, ";ocgs=G"));
			kinds[2]++;
		}
	}
	assert_true(kinds[0] > 0 && kinds[1] > 0 && kinds[2] > 0);
	unload(&pat);
	unload(&people);
	unload(&ocgs);
}

/* Rows of truth/noise.csv whose noise starts with `kind`. */
static size_t count_noise(const struct table *noise, const char *kind)
{
	size_t n = 0, len = strlen(kind);
	for (size_t r = 0; r < noise->nrows; r++) {
		const char *v = cell(noise, r, 2);
		if (strncmp(v, kind, len) == 0 && (v[len] == '\0' || v[len] == ':'))
			n++;
	}
	return n;
}

/* Rates are respected: zero gives clean records, a high rate about that
 * share, the defaults about theirs. */
static void noise_rates(void **state)
{
	char dir[512];
	struct cg_world_options o;
	struct table noise, tr, nom;
	double records, share;

	/* defaults, in the shared world */
	load(world_dir, "truth/noise.csv", &noise);
	load(world_dir, "truth/records.csv", &tr);
	load(world_dir, "police/nominals.csv", &nom);
	records = (double)tr.nrows;
	share = (double)count_noise(&noise, "typo") / records;
	assert_true(share > 0.015 && share < 0.05);
	share = (double)count_noise(&noise, "old_address") / records;
	assert_true(share > 0.06 && share < 0.14);
	share = (double)count_noise(&noise, "duplicate") / records;
	assert_true(share > 0.008 && share < 0.035);
	share = (double)count_noise(&noise, "alias") / (double)nom.nrows;
	assert_true(share > 0.06 && share < 0.14);
	share = (double)count_noise(&noise, "nickname") / records;
	assert_true(share > 0.005 && share < 0.05); /* only names with short forms */
	unload(&noise);
	unload(&tr);
	unload(&nom);

	/* no noise at all */
	make_temp(dir, sizeof(dir));
	cg_world_options_init(&o);
	o.noise = (struct cg_world_noise){ 0 };
	generate(dir, 2000, 5, &o, NULL);
	load(dir, "truth/noise.csv", &noise);
	assert_int_equal(noise.nrows, 0);
	unload(&noise);
	remove_world(dir);

	/* half the records mistyped, everything else off */
	make_temp(dir, sizeof(dir));
	cg_world_options_init(&o);
	o.noise = (struct cg_world_noise){ 0 };
	o.noise.typo = 0.5;
	generate(dir, 2000, 5, &o, NULL);
	load(dir, "truth/noise.csv", &noise);
	load(dir, "truth/records.csv", &tr);
	share = (double)count_noise(&noise, "typo") / (double)tr.nrows;
	assert_true(share > 0.45 && share < 0.55);
	assert_int_equal(count_noise(&noise, "typo"), noise.nrows);
	unload(&noise);
	unload(&tr);
	remove_world(dir);
}

/* Options out of range are refused before anything is written; an
 * output path that cannot be a directory is an I/O error. */
static void bad_options(void **state)
{
	struct cg_world_options o;
	struct cg_error err = CG_ERROR_INIT;
	char dir[512], file[600];
	struct stat st;
	FILE *f;

	cg_world_options_init(&o);
	assert_int_equal(o.people, 1000);
	assert_true(o.noise.typo > 0.0299 && o.noise.typo < 0.0301);
	assert_int_equal(cg_world_generate(&o, NULL, &err), CG_INVALID);
	make_temp(dir, sizeof(dir));
	o.out_dir = dir;
	o.people = 0;
	assert_int_equal(cg_world_generate(&o, NULL, &err), CG_INVALID);
	o.people = CG_WORLD_PEOPLE_MAX + 1;
	assert_int_equal(cg_world_generate(&o, NULL, &err), CG_INVALID);
	o.people = 10;
	o.noise.alias = 1.5;
	assert_int_equal(cg_world_generate(&o, NULL, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "alias"));
	o.noise.alias = 0.1;
	snprintf(file, sizeof(file), "%s/plain", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	o.out_dir = file;
	assert_int_equal(cg_world_generate(&o, NULL, &err), CG_IO);
	assert_non_null(strstr(err.message, "plain"));
	/* a tiny world still works */
	generate(dir, 1, 1, NULL, NULL);
	assert_int_equal(stat(file, &st), 0);
	unlink(file);
	remove_world(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_bytes),
		cmocka_unit_test(same_world_on_every_build),
		cmocka_unit_test(files_and_counts),
		cmocka_unit_test(truth_matches_exports),
		cmocka_unit_test(identifiers_valid),
		cmocka_unit_test(dates_parse),
		cmocka_unit_test(intelligence_text_quoted),
		cmocka_unit_test(patterns_planted),
		cmocka_unit_test(noise_rates),
		cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
