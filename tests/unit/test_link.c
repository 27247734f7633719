/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_link.c - unit tests for link/: EM on a known mixture, hard
 * identifier conflicts, analyst decisions surviving re-runs, incremental
 * linking agreeing with a full run, stable person ids, visibility of
 * explanations and exports, and the audit entries. All people are
 * invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/account.h"
#include "link/link.h"
#include "link/link_internal.h"
#include "model/record.h"
#include "store/store.h"

/* ---- EM on a known case ---- */

static void em_recovers_known_parameters(void **state)
{
	/* three binary comparisons (exact / different), conditionally
	 * independent: 1000 matches, 9000 non-matches, expected counts */
	const double m[3] = { 0.9, 0.85, 0.95 }, u[3] = { 0.01, 0.02, 0.001 };
	const int cmps[3] = { CG_CMP_FORENAME, CG_CMP_SURNAME, CG_CMP_DOB };
	const int diff[3] = { CG_NAME_DIFFERENT, CG_NAME_DIFFERENT, CG_DOB_DIFFERENT };
	struct link_pattern pats[8];
	struct link_model mo;
	(void)state;

	memset(&mo, 0, sizeof(mo));
	for (int k = 0; k < 8; k++) {
		struct cg_gamma g;
		double pm = 1000, pu = 9000;
		memset(&g, 0, sizeof(g));
		for (int c = 0; c < 3; c++) {
			bool agree = (k >> c) & 1;
			g.level[cmps[c]] = (uint8_t)(agree ? 1 : diff[c]);
			pm *= agree ? m[c] : 1 - m[c];
			pu *= agree ? u[c] : 1 - u[c];
		}
		pats[k].gamma = cg_gamma_pack(&g);
		pats[k].n = pm + pu;
	}
	int it = link_em(pats, 8, &mo);
	assert_true(it < 200); /* converged */
	assert_true(fabs(mo.lambda - 0.1) < 0.01);
	for (int c = 0; c < 3; c++) {
		assert_true(fabs(mo.m[cmps[c]][1] - m[c]) < 0.02);
		assert_true(fabs(mo.m[cmps[c]][diff[c]] - (1 - m[c])) < 0.02);
	}
}

static void model_text_round_trips(void **state)
{
	struct link_model a, b;
	struct cg_buf buf = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;
	(void)state;
	memset(&a, 0, sizeof(a));
	a.prior = -12.5;
	a.lambda = 0.25;
	a.tf_total[0] = 10;
	a.tf_total[1] = 11;
	for (int c = 0; c < CG_CMP_COUNT; c++)
		for (int l = 1; l < cg_cmp_levels(c); l++) {
			a.m[c][l] = 0.01 * l + 0.001 * c;
			a.u[c][l] = 0.02 * l + 0.0001 * c;
		}
	assert_int_equal(link_model_format(&a, &buf, &err), CG_OK);
	assert_int_equal(link_model_parse(buf.data, &b, &err), CG_OK);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(link_model_parse("garbage\n", &b, &err), CG_CORRUPT);
	cg_buf_release(&buf);
}

/* ---- a store with three agencies ---- */

struct fixture {
	char dir[64];
	char path[96];
	struct cg_store *st;
	struct cg_ctx pol, pri, pro; /* analysts of each agency */
	struct cg_ctx outsider;      /* an analyst of an agency conditions exclude */
};

static struct cg_agency_spec agency(const char *code, enum cg_agency_type type)
{
	struct cg_agency_spec a = { code, code, type, CG_LEVEL_LOCAL, NULL, "desk 0100" };
	return a;
}

static struct cg_user_spec user(const char *name, const char *code, unsigned roles)
{
	struct cg_user_spec u = { name, NULL, code, roles, CG_CLASS_SECRET, false, NULL };
	return u;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct cg_error err = CG_ERROR_INIT;
	struct cg_ctx boot, admin;
	struct cg_agency_spec pol = agency("POL", CG_AGENCY_POLICE_FORCE),
			      pri = agency("PRI", CG_AGENCY_PRISON),
			      pro = agency("PRO", CG_AGENCY_PROBATION),
			      nat = agency("NAT", CG_AGENCY_NATIONAL_UNIT);
	struct cg_user_spec root = user("root", "POL", CG_ROLE_ADMIN);
	struct cg_user_spec users[] = {
		user("pol", "POL", CG_ROLE_ANALYST), user("pri", "PRI", CG_ROLE_ANALYST),
		user("pro", "PRO", CG_ROLE_ANALYST), user("nat", "NAT", CG_ROLE_ANALYST),
	};
	int from, to;

	snprintf(f->dir, sizeof(f->dir), "/tmp/cg-test-link-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/s.db", f->dir);
	assert_int_equal(cg_store_open(f->path, CG_STORE_CREATE, &f->st, &err), CG_OK);
	assert_int_equal(cg_store_migrate(f->st, &from, &to, &err), CG_OK);
	assert_int_equal(cg_ctx_init_bootstrap(&boot, f->st, &err), CG_OK);
	assert_int_equal(cg_agency_add(&boot, &pol, NULL, &err), CG_OK);
	assert_int_equal(cg_user_add(&boot, &root, NULL, &err), CG_OK);
	cg_ctx_release(&boot);
	assert_int_equal(cg_ctx_init(&admin, f->st, "root", NULL, &err), CG_OK);
	assert_int_equal(cg_agency_add(&admin, &pri, NULL, &err), CG_OK);
	assert_int_equal(cg_agency_add(&admin, &pro, NULL, &err), CG_OK);
	assert_int_equal(cg_agency_add(&admin, &nat, NULL, &err), CG_OK);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(cg_user_add(&admin, &users[i], NULL, &err), CG_OK);
	cg_ctx_release(&admin);
	assert_int_equal(cg_ctx_init(&f->pol, f->st, "pol", "linking test", &err), CG_OK);
	assert_int_equal(cg_ctx_init(&f->pri, f->st, "pri", "linking test", &err), CG_OK);
	assert_int_equal(cg_ctx_init(&f->pro, f->st, "pro", "linking test", &err), CG_OK);
	assert_int_equal(cg_ctx_init(&f->outsider, f->st, "nat", "linking test", &err), CG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	cg_ctx_release(&f->pol);
	cg_ctx_release(&f->pri);
	cg_ctx_release(&f->pro);
	cg_ctx_release(&f->outsider);
	cg_store_close(f->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static const char *const forenames[] = { "John", "Mary", "Peter", "Aisha", "Tomasz", "Grace",
					 "Imran", "Chloe", "Declan", "Priya", "Kwame", "Sophie" };
static const char *const surnames[] = { "Smith", "Okafor", "Kowalczyk", "Patel", "O'Neill",
					"Hughes", "Begum", "Fraser", "Lindqvist", "Adeyemi",
					"Marsh", "Quinn", "Rahman", "Doyle" };

/* A valid PNC ID for serial s (year 2001). */
static void pnc(int s, char out[16])
{
	static const char letters[] = "ZABCDEFGHJKLMNPQRTUVWXY";
	long long n = 1LL * 10000000 + s;
	snprintf(out, 16, "2001/%07d%c", s, letters[n % 23]);
}

/* Adds one record of person p to ctx's agency. variant 0 is clean, 1 has
 * a short forename, 2 a typo in the surname. Returns its id. */
static int64_t add_person_record(struct cg_ctx *ctx, const char *system, const char *id, int p,
				 int variant, const char *ident_kind, const char *ident)
{
	struct cg_error err = CG_ERROR_INIT;
	char fore[32], sur[32], dob[16];
	struct cg_identifier ids[1];
	int64_t rid = 0;

	snprintf(fore, sizeof(fore), "%s", forenames[p % 12]);
	snprintf(sur, sizeof(sur), "%s%s", surnames[(p / 12) % 14], p >= 168 ? "-Grey" : "");
	snprintf(dob, sizeof(dob), "%04d-%02d-%02d", 1960 + p % 40, 1 + p % 12, 1 + p % 28);
	if (variant == 1 && strcmp(fore, "Peter") == 0)
		snprintf(fore, sizeof(fore), "Pete");
	if (variant == 2)
		sur[2] = sur[2] == 'x' ? 'y' : 'x';
	ids[0].kind = (char *)ident_kind;
	ids[0].value_raw = (char *)ident;
	ids[0].value_norm = NULL;
	ids[0].is_hard = true;
	struct cg_record_input in = {
		system, id, fore, sur, dob, p % 2 ? "F" : "M", "OFFICIAL", "P", NULL, NULL,
		"Intelligence desk", "suspect", "fact", ident ? ids : NULL, ident ? 1 : 0,
	};
	if (cg_record_add(ctx, &in, &rid, &err) != CG_OK)
		fail_msg("record %s: %s", id, err.message);
	return rid;
}

#define PEOPLE 120

static void add_world(struct fixture *f, bool police, bool others);

/* Police holds everyone with a PNC ID; prison holds every third person,
 * half of them with the PNC ID; probation every fourth, none with an id
 * the others share. */
static void add_range(struct fixture *f, bool police, bool others, int lo, int hi)
{
	char id[32], p[16];
	for (int i = lo; i < hi; i++) {
		if (police) {
			snprintf(id, sizeof(id), "N%04d", i);
			pnc(1000 + i, p);
			add_person_record(&f->pol, "PNC", id, i, 0, "pnc", p);
		}
		if (others && i % 3 == 0) {
			snprintf(id, sizeof(id), "A%04dAA", i);
			pnc(1000 + i, p);
			add_person_record(&f->pri, "NOMIS", id, i, 1, i % 2 ? "pnc" : NULL,
					  i % 2 ? p : NULL);
		}
		if (others && i % 4 == 0) {
			snprintf(id, sizeof(id), "X%06d", i);
			add_person_record(&f->pro, "NDELIUS", id, i, 2, "crn", id);
		}
	}
}

static void add_world(struct fixture *f, bool police, bool others)
{
	add_range(f, police, others, 0, PEOPLE);
}

struct collected {
	char keys[2048][24];
	int64_t person[2048];
	size_t n;
};

static int collect(const struct cg_link_row *r, void *arg)
{
	struct collected *c = arg;
	assert_true(c->n < 2048);
	snprintf(c->keys[c->n], sizeof(c->keys[0]), "%s/%s", r->agency, r->record_id);
	c->person[c->n++] = r->person_id;
	return 0;
}

static void export_links(struct cg_ctx *ctx, struct collected *c)
{
	struct cg_error err = CG_ERROR_INIT;
	size_t written = 0;
	memset(c, 0, sizeof(*c));
	assert_int_equal(cg_link_export(ctx, "test", collect, c, &written, NULL, &err), CG_OK);
	assert_int_equal(written, c->n);
}

static int64_t person_of(const struct collected *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0)
			return c->person[i];
	fail_msg("%s not exported", key);
	return 0;
}

/* True when a and b group the same records together (ids may differ). */
static bool same_partition(const struct collected *a, const struct collected *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = i + 1; j < a->n; j++)
			if ((a->person[i] == a->person[j]) !=
			    (person_of(b, a->keys[i]) == person_of(b, a->keys[j])))
				return false;
	return true;
}

static void run_model(struct cg_ctx *ctx, bool incremental, bool keep_model,
		      struct cg_link_summary *sum)
{
	struct cg_link_options o;
	struct cg_error err = CG_ERROR_INIT;
	cg_link_options_init(&o);
	o.incremental = incremental;
	o.keep_model = keep_model;
	if (cg_link_run(ctx, &o, sum, &err) != CG_OK)
		fail_msg("link: %s", err.message);
}

static void run(struct cg_ctx *ctx, bool incremental, struct cg_link_summary *sum)
{
	run_model(ctx, incremental, false, sum);
}

static void links_the_world(void **state)
{
	struct fixture *f = *state;
	struct cg_link_summary sum;
	struct collected c;
	char key[32];
	add_world(f, true, true);
	run(&f->pol, false, &sum);
	assert_true(sum.pairs > 0);
	assert_int_equal(sum.conflicts, 0);
	export_links(&f->pol, &c);
	assert_int_equal(c.n, sum.records);
	/* every person is one cluster: prison and probation records join the
	 * police record through the PNC ID or the model */
	for (int i = 0; i < PEOPLE; i++) {
		char pk[32];
		snprintf(pk, sizeof(pk), "POL/N%04d", i);
		int64_t p = person_of(&c, pk);
		if (i % 3 == 0) {
			snprintf(key, sizeof(key), "PRI/A%04dAA", i);
			assert_int_equal(person_of(&c, key), p);
		}
		if (i % 4 == 0) {
			snprintf(key, sizeof(key), "PRO/X%06d", i);
			assert_int_equal(person_of(&c, key), p);
		}
		for (int j = 0; j < i; j++) {
			snprintf(key, sizeof(key), "POL/N%04d", j);
			assert_true(person_of(&c, key) != p);
		}
	}
	/* a second run changes nothing and keeps the ids */
	struct collected again;
	run(&f->pol, false, &sum);
	assert_int_equal(sum.links_changed, 0);
	assert_int_equal(sum.persons_created, 0);
	export_links(&f->pol, &again);
	assert_memory_equal(c.person, again.person, sizeof(c.person[0]) * c.n);
}

static void hard_identifier_conflict_splits(void **state)
{
	struct fixture *f = *state;
	struct cg_link_summary sum;
	struct collected c;
	char p1[16], p2[16];
	add_world(f, true, false);
	/* one more person twice in police with two PNC IDs, and once in
	 * prison with the first: the same name and date of birth everywhere */
	pnc(5001, p1);
	pnc(5002, p2);
	add_person_record(&f->pol, "PNC", "DUP-1", 7, 0, "pnc", p1);
	add_person_record(&f->pol, "PNC", "DUP-2", 7, 0, "pnc", p2);
	add_person_record(&f->pri, "NOMIS", "DUP-3", 7, 0, "pnc", p1);
	run(&f->pol, false, &sum);
	assert_true(sum.conflicts >= 1);
	assert_true(sum.nconflict >= 1);
	assert_string_equal(sum.conflict[0].kind, "pnc");
	export_links(&f->pol, &c);
	assert_int_equal(person_of(&c, "POL/DUP-1"), person_of(&c, "PRI/DUP-3"));
	assert_true(person_of(&c, "POL/DUP-1") != person_of(&c, "POL/DUP-2"));
}

static void decisions_survive_reruns(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_link_summary sum;
	struct collected c;
	add_world(f, true, true);
	run(&f->pol, false, &sum);
	/* record ids in the order added: person 0's police, prison and
	 * probation records, then person 1's police record */
	int64_t n0 = 1, pri0 = 2, n3 = 4;
	export_links(&f->pol, &c);
	assert_int_equal(person_of(&c, "POL/N0000"), person_of(&c, "PRI/A0000AA"));
	/* reject what the model linked, confirm what it did not */
	assert_int_equal(cg_link_decide(&f->pol, CG_LINK_REJECT, n0, pri0, "", &err), CG_INVALID);
	assert_int_equal(cg_link_decide(&f->pol, CG_LINK_REJECT, n0, pri0, "different tattoos", &err),
			 CG_OK);
	/* a confirmation that would join two PNC IDs cannot win over them */
	int64_t pro0 = 3;
	assert_int_equal(cg_link_decide(&f->pol, CG_LINK_CONFIRM, pro0, n3, "custody photo match", &err),
			 CG_OK);
	for (int k = 0; k < 2; k++) {
		struct cg_link_explanation x, y;
		run(&f->pol, false, &sum);
		assert_true(sum.decisions >= 2);
		assert_int_equal(cg_link_explain(&f->pol, n0, pri0, &x, &err), CG_OK);
		assert_true(x.person_a != x.person_b);
		assert_int_equal(cg_link_explain(&f->pol, pro0, n3, &y, &err), CG_OK);
		assert_int_equal(y.person_a, y.person_b);
		assert_int_equal(cg_link_explain(&f->pol, n0, n3, &y, &err), CG_OK);
		assert_true(y.person_a != y.person_b);
	}
	/* split: the record stands alone */
	assert_int_equal(cg_link_decide(&f->pol, CG_LINK_SPLIT, n3, 0, "wrong person", &err), CG_OK);
	run(&f->pol, false, &sum);
	{
		struct cg_link_explanation x;
		assert_int_equal(cg_link_explain(&f->pol, pro0, n3, &x, &err), CG_OK);
		/* the earlier confirmation is an analyst edge and still holds */
		assert_int_equal(x.person_a, x.person_b);
	}
}

static void incremental_equals_full(void **state)
{
	struct fixture *f = *state;
	struct cg_link_summary sum;
	struct collected inc, full;
	/* a trained model first, then a batch of new people */
	add_range(f, true, true, 0, 90);
	run(&f->pol, false, &sum);
	add_range(f, true, true, 90, PEOPLE);
	run(&f->pol, true, &sum);
	assert_true(sum.incremental);
	assert_true(sum.new_records > 0);
	assert_true(sum.new_records < sum.records);
	export_links(&f->pol, &inc);
	/* a full run with the same model: every pair compared again */
	run_model(&f->pol, false, true, &sum);
	assert_false(sum.incremental);
	export_links(&f->pol, &full);
	for (size_t i = 0; i < inc.n; i++)
		for (size_t j = i + 1; j < inc.n; j++)
			if ((inc.person[i] == inc.person[j]) != (full.person[i] == full.person[j]))
				print_message("differ: %s %s inc %d full %d\n", inc.keys[i], inc.keys[j],
					      inc.person[i] == inc.person[j], full.person[i] == full.person[j]);
	assert_true(same_partition(&inc, &full));
	/* and the ids stayed */
	assert_memory_equal(inc.person, full.person, sizeof(inc.person[0]) * inc.n);
}

static int64_t query(struct fixture *f, const char *sql)
{
	struct cg_error err = CG_ERROR_INIT;
	int64_t n = -1;
	if (cg_store_query_int64(f->st, sql, &n, &err) != CG_OK)
		fail_msg("%s: %s", sql, err.message);
	return n;
}

/* The linker's copy of the records (link_record) holds exactly the current
 * records, and the run's high water is the largest of their ids. */
static void check_stored_copy(struct fixture *f)
{
	assert_int_equal(query(f, "SELECT count(*) FROM link_record"),
			 query(f, "SELECT count(*) FROM source_record WHERE is_current = 1"
				  " AND withdrawn_at IS NULL"));
	assert_int_equal(query(f, "SELECT count(*) FROM link_record lr JOIN source_record r"
				  " ON r.id = lr.record_id WHERE r.is_current = 1"
				  " AND r.withdrawn_at IS NULL AND lr.surname = r.surname_norm"
				  " AND lr.dob = CAST(replace(coalesce(r.dob, '0'), '-', '') AS INTEGER)"),
			 query(f, "SELECT count(*) FROM link_record"));
	assert_int_equal(query(f, "SELECT high_water FROM link_run ORDER BY id DESC LIMIT 1"),
			 query(f, "SELECT max(record_id) FROM link_record"));
	assert_int_equal(query(f, "SELECT count(*) FROM person_link pl JOIN source_record r"
				  " ON r.id = pl.record_id WHERE r.is_current = 0"
				  " OR r.withdrawn_at IS NOT NULL"), 0);
}

/*
 * Incremental runs read the linker's copy of the records linked before
 * (link_record) and only the new records from source_record. Two batches
 * in a row (the second reads the copy the first extended), with a record
 * superseded and one withdrawn in between, give the persons of a full run
 * with the same model, and the copy stays that of the current records.
 */
static void incremental_reads_stored_copy(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_link_summary sum;
	struct collected inc, full;
	add_range(f, true, true, 0, 70);
	run(&f->pol, false, &sum);
	check_stored_copy(f);
	add_range(f, true, true, 70, 95);
	run(&f->pol, true, &sum);
	assert_true(sum.incremental);
	assert_true(sum.new_records > 0);
	check_stored_copy(f);
	/* an old version and a withdrawal: their links and copies go */
	assert_int_equal(cg_store_exec(f->st, "UPDATE source_record SET is_current = 0"
				       " WHERE source_record_id = 'N0003'", &err), CG_OK);
	assert_int_equal(cg_store_exec(f->st, "UPDATE source_record SET withdrawn_at = '2024-01-01',"
				       " forename_norm = '', surname_norm = '', dob = NULL"
				       " WHERE source_record_id = 'N0080'", &err), CG_OK);
	add_range(f, true, true, 95, PEOPLE);
	run(&f->pol, true, &sum);
	assert_true(sum.incremental);
	check_stored_copy(f);
	assert_int_equal(query(f, "SELECT count(*) FROM person_link pl JOIN source_record r"
				  " ON r.id = pl.record_id WHERE r.source_record_id IN ('N0003', 'N0080')"), 0);
	export_links(&f->pol, &inc);
	run_model(&f->pol, false, true, &sum);
	assert_false(sum.incremental);
	assert_int_equal(sum.links_changed, 0);
	check_stored_copy(f);
	export_links(&f->pol, &full);
	assert_true(same_partition(&inc, &full));
	assert_memory_equal(inc.person, full.person, sizeof(inc.person[0]) * inc.n);
}

static void visibility_and_roles(void **state)
{
	struct fixture *f = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_link_summary sum;
	struct cg_link_explanation x;
	struct cg_link_options o;
	struct collected c;
	add_world(f, true, false);
	/* a prison record only police may see (handling C), flagged */
	struct cg_identifier id = { "pnc", NULL, NULL, true };
	char p[16];
	pnc(1000, p);
	id.value_raw = p;
	struct cg_record_input in = {
		"NOMIS", "HIDDEN-1", "John", "Smith", "1960-01-01", "M", "OFFICIAL", "C",
		"type:police_force", NULL, "Prison desk", "suspect", "fact", &id, 1,
	};
	int64_t hidden = 0;
	assert_int_equal(cg_record_add(&f->pri, &in, &hidden, &err), CG_OK);
	cg_link_options_init(&o);
	assert_int_equal(cg_link_run(&f->outsider, &o, &sum, &err), CG_OK); /* analyst role suffices */
	run(&f->pol, false, &sum);
	/* police see both and that they are linked */
	assert_int_equal(cg_link_explain(&f->pol, 1, hidden, &x, &err), CG_OK);
	assert_int_equal(x.person_a, x.person_b);
	assert_string_equal(x.hard, "pnc 2001/0001000B");
	/* the national unit sees neither the record nor the link, only a flag */
	assert_int_equal(cg_link_explain(&f->outsider, 1, hidden, &x, &err), CG_NOT_FOUND);
	struct cg_link_flags flags = { NULL, 0 };
	size_t written = 0;
	memset(&c, 0, sizeof(c));
	assert_int_equal(cg_link_export(&f->outsider, NULL, collect, &c, &written, &flags, &err), CG_OK);
	for (size_t i = 0; i < c.n; i++)
		assert_true(strstr(c.keys[i], "HIDDEN") == NULL);
	assert_int_equal(flags.len, 1);
	assert_string_equal(flags.items[0].agency_code, "PRI");
	assert_string_equal(flags.items[0].contact, "Prison desk");
	assert_int_equal(flags.items[0].person_id, person_of(&c, "POL/N0000"));
	cg_link_flags_release(&flags);
	/* decisions on a hidden record read as not found */
	assert_int_equal(cg_link_decide(&f->outsider, CG_LINK_CONFIRM, 1, hidden, "x", &err),
			 CG_NOT_FOUND);
	/* every run is a combination entry naming the links it made */
	int64_t n = 0;
	assert_int_equal(cg_store_query_int64(f->st,
		"SELECT count(*) FROM audit_entry WHERE operation = 'combination'", &n, &err), CG_OK);
	assert_true(n >= 2);
	assert_int_equal(cg_store_query_int64(f->st,
		"SELECT count(*) FROM audit_record ar JOIN audit_entry e ON e.seq = ar.seq"
		" WHERE e.operation = 'combination' AND ar.record_kind = 'source_record'", &n, &err), CG_OK);
	assert_true(n >= (int64_t)sum.records);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(em_recovers_known_parameters),
		cmocka_unit_test(model_text_round_trips),
		cmocka_unit_test_setup_teardown(links_the_world, setup, teardown),
		cmocka_unit_test_setup_teardown(hard_identifier_conflict_splits, setup, teardown),
		cmocka_unit_test_setup_teardown(decisions_survive_reruns, setup, teardown),
		cmocka_unit_test_setup_teardown(incremental_equals_full, setup, teardown),
		cmocka_unit_test_setup_teardown(incremental_reads_stored_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(visibility_and_roles, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
