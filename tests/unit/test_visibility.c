/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_visibility.c - the trust layer's matrix test.
 *
 * Part 1 checks cg_visibility() against an independent statement of the
 * rule (oracle() below, written from docs/security.md, not from
 * visibility.c) over every combination of agency, role, clearance and
 * compartments of the principal and classification, handling, compartments,
 * flag and restriction of the row.
 *
 * Part 2 builds a store holding one source record per label combination,
 * owned by two agencies, and users for every principal combination, then
 * runs every operation that reads records — get, list, count, search,
 * export — as every user, and checks that each answer is exactly what the
 * oracle allows: no hidden row through a result, a count, a search hit, an
 * export line, an error message or an id; flags only where the owner set a
 * contact; and an audit entry naming exactly the rows returned.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "model/record.h"
#include "store/store.h"

/* ---- the oracle ---- */

enum { NOTHING, FLAG, FULL };

struct o_principal {
	int agency;          /* 1, 2, 3 (agency ids), 0 bootstrap */
	const char *code;    /* "POL", "PRI", "PRO" */
	const char *type;    /* "police_force", "prison", "probation" */
	bool supervisor;
	int clearance;       /* 0 OFFICIAL, 2 SECRET, 3 TOP SECRET (enum order) */
	const char *comps;   /* "", "OPX", "OPX,OPY" */
};

struct o_label {
	int owner;           /* agency id */
	int classification;  /* enum cg_classification order */
	const char *conditions; /* NULL for P */
	const char *comps;
	const char *flag;
	bool restricted;
};

static bool in_list(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

static int rank(int classification)
{
	return classification <= 1 ? 0 : classification - 1;
}

static int oracle(const struct o_principal *p, const struct o_label *l)
{
	char item[64];
	bool own = p->agency != 0 && p->agency == l->owner;
	bool clear_ok, handling_ok, comps_ok = true;

	if (p->agency == 0)
		return NOTHING;
	if (own && p->supervisor)
		return FULL;
	if (l->restricted && !own)
		return NOTHING;
	clear_ok = rank(p->clearance) >= rank(l->classification);
	handling_ok = own || !l->conditions;
	if (!handling_ok) {
		snprintf(item, sizeof(item), "agency:%s", p->code);
		handling_ok = in_list(l->conditions, item);
		snprintf(item, sizeof(item), "type:%s", p->type);
		handling_ok = handling_ok || in_list(l->conditions, item);
	}
	for (const char *c = l->comps; *c;) {
		const char *comma = strchr(c, ',');
		size_t n = comma ? (size_t)(comma - c) : strlen(c);
		char one[16];
		snprintf(one, sizeof(one), "%.*s", (int)n, c);
		comps_ok = comps_ok && in_list(p->comps, one);
		c = comma ? comma + 1 : c + n;
	}
	if (clear_ok && handling_ok && comps_ok)
		return FULL;
	return l->flag ? FLAG : NOTHING;
}

/* ---- the dimensions ---- */

static const struct { int id; const char *code, *type; } agencies[] = {
	{ 1, "POL", "police_force" }, { 2, "PRI", "prison" }, { 3, "PRO", "probation" },
};
static const int clearances[] = { CG_CLASS_OFFICIAL, CG_CLASS_SECRET, CG_CLASS_TOP_SECRET };
static const char *const principal_comps[] = { "", "OPX", "OPX,OPY" };
static const char *const conditions[] = { NULL, "agency:PRI", "type:probation",
					  "agency:POL,type:prison" };
static const char *const row_comps[] = { "", "OPX", "OPX,OPY" };
static const char *const flags[] = { NULL, "DS Jones 0100" };

#define N_PRINCIPALS (3 * 2 * 3 * 3)
#define N_LABELS (2 * 4 * 4 * 3 * 2 * 2)

static struct o_principal principal_at(int i)
{
	struct o_principal p;
	int a = i % 3, s = (i / 3) % 2, c = (i / 6) % 3, k = (i / 18) % 3;
	p.agency = agencies[a].id;
	p.code = agencies[a].code;
	p.type = agencies[a].type;
	p.supervisor = s == 1;
	p.clearance = clearances[c];
	p.comps = principal_comps[k];
	return p;
}

static struct o_label label_at(int i)
{
	struct o_label l;
	l.owner = 1 + i % 2;
	l.classification = (i / 2) % 4;
	l.conditions = conditions[(i / 8) % 4];
	l.comps = row_comps[(i / 32) % 3];
	l.flag = flags[(i / 96) % 2];
	l.restricted = (i / 192) % 2;
	return l;
}

static void to_principal(const struct o_principal *o, struct cg_principal *p)
{
	cg_principal_init(p);
	p->user_id = 1;
	p->agency_id = o->agency;
	snprintf(p->agency_code, sizeof(p->agency_code), "%s", o->code);
	cg_agency_type_parse(o->type, &p->agency_type, NULL);
	p->roles = o->supervisor ? CG_ROLE_SUPERVISOR : CG_ROLE_ANALYST;
	p->clearance = (enum cg_classification)o->clearance;
	free(p->compartments);
	p->compartments = strdup(o->comps);
}

static struct cg_label to_label(const struct o_label *o)
{
	struct cg_label l = {
		o->owner, (enum cg_classification)o->classification,
		o->conditions ? 'C' : 'P', o->conditions, o->comps, o->flag, o->restricted,
	};
	return l;
}

static void rule_matches_oracle(void **state)
{
	int counts[3] = { 0 };
	for (int i = 0; i < N_PRINCIPALS; i++) {
		struct o_principal op = principal_at(i);
		struct cg_principal p;
		to_principal(&op, &p);
		for (int j = 0; j < N_LABELS; j++) {
			struct o_label ol = label_at(j);
			struct cg_label l = to_label(&ol);
			int want = oracle(&op, &ol);
			int got = (int)cg_visibility(&p, &l);
			if (got != want)
				fail_msg("principal %d label %d: got %d, oracle %d", i, j, got, want);
			counts[got]++;
		}
		cg_principal_release(&p);
	}
	/* The matrix exercises every answer substantially. */
	assert_true(counts[NOTHING] > 1000 && counts[FLAG] > 1000 && counts[FULL] > 1000);

	/* The bootstrap principal sees nothing. */
	struct cg_principal b;
	struct o_label ol = label_at(0);
	struct cg_label l = to_label(&ol);
	cg_principal_init(&b);
	b.bootstrap = true;
	assert_int_equal(cg_visibility(&b, &l), CG_SEE_NOTHING);
	cg_principal_release(&b);
}

static void canonical_lists(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_handling_conditions_canonical("type:prison, agency:MPS,agency:MPS", &b, &err), CG_OK);
	assert_string_equal(b.data, "agency:MPS,type:prison");
	cg_buf_reset(&b);
	assert_int_equal(cg_handling_conditions_canonical("", &b, &err), CG_INVALID);
	assert_int_equal(cg_handling_conditions_canonical("type:bank", &b, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "agency type"));
	assert_int_equal(cg_handling_conditions_canonical("prison", &b, &err), CG_INVALID);
	assert_int_equal(cg_handling_conditions_canonical("agency:a b", &b, &err), CG_INVALID);
	cg_buf_reset(&b);
	assert_int_equal(cg_compartments_canonical("opy,OPX", &b, &err), CG_OK);
	assert_string_equal(b.data, "OPX,OPY");
	cg_buf_reset(&b);
	assert_int_equal(cg_compartments_canonical("", &b, &err), CG_OK);
	assert_string_equal(b.data, "");
	assert_int_equal(cg_compartments_canonical("OPX,,OPY", &b, &err), CG_INVALID);
	cg_buf_release(&b);
}

static void resharing_never_widens(void **state)
{
	struct cg_label orig = { 1, CG_CLASS_OFFICIAL_SENSITIVE, 'C', "agency:PRI,type:probation",
				 "OPX", NULL, false };
	struct cg_label same = orig;
	assert_true(cg_label_no_wider(&same, &orig));
	struct cg_label narrower = orig;
	narrower.classification = CG_CLASS_SECRET;
	narrower.handling_conditions = "agency:PRI";
	narrower.compartments = "OPX,OPY";
	assert_true(cg_label_no_wider(&narrower, &orig));
	struct cg_label w = orig;
	w.classification = CG_CLASS_OFFICIAL;
	assert_false(cg_label_no_wider(&w, &orig));
	w = orig;
	w.handling_code = 'P';
	w.handling_conditions = NULL;
	assert_false(cg_label_no_wider(&w, &orig));
	w = orig;
	w.handling_conditions = "agency:PRI,agency:XYZ";
	assert_false(cg_label_no_wider(&w, &orig));
	w = orig;
	w.compartments = "";
	assert_false(cg_label_no_wider(&w, &orig));
	w = orig;
	w.flag_contact = "someone";
	assert_false(cg_label_no_wider(&w, &orig));
	w = orig;
	w.owner_agency_id = 2;
	assert_false(cg_label_no_wider(&w, &orig));
	orig.restricted = true;
	w = orig;
	w.restricted = false;
	assert_false(cg_label_no_wider(&w, &orig));
}

/* ---- part 2: every operation on a real store ---- */

struct world {
	char dir[64];
	char path[96];
	struct cg_store *st;
	int64_t record_of_label[N_LABELS];
	int64_t missing_id;
};

static void exec(struct cg_store *st, const char *sql)
{
	struct cg_error err = CG_ERROR_INIT;
	if (cg_store_exec(st, sql, &err) != CG_OK)
		fail_msg("%s: %s", sql, err.message);
}

static const char *class_name(int c) { return cg_classification_name((enum cg_classification)c); }

static int world_setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct cg_error err = CG_ERROR_INIT;
	char sql[512];

	snprintf(w->dir, sizeof(w->dir), "/tmp/cg-test-vis-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	snprintf(w->path, sizeof(w->path), "%s/s.db", w->dir);
	assert_int_equal(cg_store_open(w->path, CG_STORE_CREATE, &w->st, &err), CG_OK);
	assert_int_equal(cg_store_migrate(w->st, NULL, NULL, &err), CG_OK);
	exec(w->st, "BEGIN");
	for (int a = 0; a < 3; a++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO agency(id, code, name, type, level, contact, created_at)"
			 " VALUES (%d, '%s', '%s agency', '%s', 'local', 'desk %s', 't')",
			 agencies[a].id, agencies[a].code, agencies[a].code, agencies[a].type,
			 agencies[a].code);
		exec(w->st, sql);
	}
	exec(w->st, "INSERT INTO compartment(id, code, name, owner_agency_id, created_at)"
		    " VALUES (1, 'OPX', 'Operation X', 1, 't'), (2, 'OPY', 'Operation Y', 1, 't')");
	/* User i is principal_at(i); user 100 + a is agency a's record keeper. */
	for (int i = 0; i < N_PRINCIPALS; i++) {
		struct o_principal p = principal_at(i);
		snprintf(sql, sizeof(sql),
			 "INSERT INTO app_user(id, agency_id, username, display_name, clearance,"
			 " created_at) VALUES (%d, %d, 'u%d', 'User %d', '%s', 't');"
			 "INSERT INTO user_role VALUES (%d, '%s');",
			 i + 1, p.agency, i, i, class_name(p.clearance), i + 1,
			 p.supervisor ? "supervisor" : "analyst");
		exec(w->st, sql);
		if (*p.comps) {
			snprintf(sql, sizeof(sql), "INSERT INTO user_compartment VALUES (%d, 1)", i + 1);
			exec(w->st, sql);
		}
		if (strchr(p.comps, ',')) {
			snprintf(sql, sizeof(sql), "INSERT INTO user_compartment VALUES (%d, 2)", i + 1);
			exec(w->st, sql);
		}
	}
	for (int a = 1; a <= 2; a++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO app_user(id, agency_id, username, display_name, clearance,"
			 " created_at) VALUES (%d, %d, 'keeper%d', 'Keeper', 'TOP SECRET', 't');"
			 "INSERT INTO user_role VALUES (%d, 'officer');",
			 100 + a, a, a, 100 + a);
		exec(w->st, sql);
	}
	exec(w->st, "COMMIT");

	/* One record per label, added by its owner through the library. */
	for (int j = 0; j < N_LABELS; j++) {
		struct o_label l = label_at(j);
		struct cg_ctx ctx;
		char user[16], rid[16], surname[32];
		struct cg_identifier ident = { "pnc", "2001/0123456F", NULL, true };
		snprintf(user, sizeof(user), "keeper%d", l.owner);
		snprintf(rid, sizeof(rid), "R%d", j);
		snprintf(surname, sizeof(surname), "Zed%dlabel", j);
		struct cg_record_input in = {
			.source_system = "TEST", .source_record_id = rid, .forenames = "Pat",
			.surname = surname, .dob = "1990-02-03", .sex = "X",
			.classification = class_name(l.classification),
			.handling_code = l.conditions ? "C" : "P",
			.handling_conditions = l.conditions, .compartments = l.comps,
			.flag_contact = l.flag, .subject_category = "suspect",
			.statement_basis = "fact", .identifiers = &ident, .nidentifiers = 1,
		};
		assert_int_equal(cg_ctx_init(&ctx, w->st, user, NULL, &err), CG_OK);
		if (cg_record_add(&ctx, &in, &w->record_of_label[j], &err) != CG_OK)
			fail_msg("record add %d: %s", j, err.message);
		cg_ctx_release(&ctx);
		if (l.restricted) {
			snprintf(sql, sizeof(sql), "UPDATE source_record SET restricted = 1 WHERE id = %lld",
				 (long long)w->record_of_label[j]);
			exec(w->st, sql);
		}
	}
	w->missing_id = w->record_of_label[N_LABELS - 1] + 1000;
	*state = w;
	return 0;
}

static int world_teardown(void **state)
{
	struct world *w = *state;
	char cmd[128];
	cg_store_close(w->st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", w->dir);
	assert_int_equal(system(cmd), 0);
	free(w);
	return 0;
}

/* Which label a returned record id has (-1 when unknown). */
static int label_of(const struct world *w, int64_t id)
{
	for (int j = 0; j < N_LABELS; j++)
		if (w->record_of_label[j] == id)
			return j;
	return -1;
}

/* The records the newest audit entry names, as a sorted string of ids. */
static int64_t last_audit_count(struct world *w, char *op, size_t size)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	int64_t n = -1;
	assert_int_equal(cg_store_prepare(w->st,
			"SELECT operation, json_array_length(records) FROM audit_entry"
			" ORDER BY seq DESC LIMIT 1", &s, NULL), CG_OK);
	assert_int_equal(cg_stmt_step(s, &row, NULL), CG_OK);
	assert_true(row);
	snprintf(op, size, "%s", cg_stmt_text(s, 0));
	n = cg_stmt_int64(s, 1);
	cg_stmt_done(s);
	return n;
}

/* Replaces each run of digits by one '#', so messages about different ids
 * compare equal when they say the same thing. */
static void replace_digits(char *s)
{
	char *start = s, *o = s;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (o == start || o[-1] != '#')
				*o++ = '#';
			continue;
		}
		*o++ = *s;
	}
	*o = '\0';
}

static void check_user(struct world *w, int i)
{
	struct o_principal op = principal_at(i);
	struct cg_ctx ctx;
	struct cg_error err = CG_ERROR_INIT;
	char user[16], op_name[32], missing_msg[CG_ERROR_MESSAGE_MAX];
	int want[N_LABELS], n_full = 0;
	bool want_flag_from[4] = { false };
	struct cg_record_set set;
	struct cg_record r;
	int64_t count = -1;

	snprintf(user, sizeof(user), "u%d", i);
	assert_int_equal(cg_ctx_init(&ctx, w->st, user, "matrix test", &err), CG_OK);
	for (int j = 0; j < N_LABELS; j++) {
		struct o_label l = label_at(j);
		want[j] = oracle(&op, &l);
		n_full += want[j] == FULL;
		if (want[j] == FLAG)
			want_flag_from[l.owner] = true;
	}

	/* get: visible rows in full; hidden ones exactly like a missing id */
	assert_int_equal(cg_record_get(&ctx, w->missing_id, &r, &err), CG_NOT_FOUND);
	snprintf(missing_msg, sizeof(missing_msg), "%s", err.message);
	replace_digits(missing_msg);
	for (int j = 0; j < N_LABELS; j++) {
		enum cg_status rc = cg_record_get(&ctx, w->record_of_label[j], &r, &err);
		if (want[j] == FULL) {
			if (rc != CG_OK)
				fail_msg("user %d get label %d: %s", i, j, err.message);
			assert_int_equal(r.id, w->record_of_label[j]);
			assert_int_equal(r.nidentifiers, 1);
			assert_string_equal(r.subject_category, "suspect");
			cg_record_release(&r);
			assert_int_equal(last_audit_count(w, op_name, sizeof(op_name)), 1);
			assert_string_equal(op_name, "consultation");
		} else {
			if (rc != CG_NOT_FOUND)
				fail_msg("user %d get hidden label %d: status %d", i, j, rc);
			replace_digits(err.message);
			assert_string_equal(err.message, missing_msg);
		}
	}

	/* list: exactly the visible rows, and the audit entry names them */
	struct cg_record_filter all = { .limit = CG_RECORD_LIST_MAX };
	assert_int_equal(cg_record_list(&ctx, &all, &set, &err), CG_OK);
	assert_int_equal(set.nrecords, n_full);
	for (size_t k = 0; k < set.nrecords; k++)
		assert_int_equal(want[label_of(w, set.records[k].id)], FULL);
	assert_int_equal(set.nflags, 0);
	cg_record_set_release(&set);
	assert_int_equal(last_audit_count(w, op_name, sizeof(op_name)), n_full);

	/* list by owner agency, paged */
	struct cg_record_filter pol = { .owner_agency = "POL", .limit = 5, .offset = 3 };
	int n_pol = 0;
	for (int j = 0; j < N_LABELS; j++)
		n_pol += want[j] == FULL && label_at(j).owner == 1;
	assert_int_equal(cg_record_list(&ctx, &pol, &set, &err), CG_OK);
	assert_int_equal(set.nrecords, n_pol > 3 ? (n_pol - 3 < 5 ? n_pol - 3 : 5) : 0);
	for (size_t k = 0; k < set.nrecords; k++)
		assert_string_equal(set.records[k].owner_agency, "POL");
	cg_record_set_release(&set);

	/* count: never more than may be seen */
	assert_int_equal(cg_record_count(&ctx, NULL, &count, &err), CG_OK);
	assert_int_equal(count, n_full);
	assert_int_equal(cg_record_count(&ctx, &pol, &count, &err), CG_OK);
	assert_int_equal(count, n_pol);

	/* search: visible hits, and one flag per contactable owner of hidden hits */
	struct cg_record_filter by_name = { .name = "label", .limit = CG_RECORD_LIST_MAX };
	assert_int_equal(cg_record_search(&ctx, &by_name, &set, &err), CG_OK);
	assert_int_equal(set.nrecords, n_full);
	for (size_t k = 0; k < set.nrecords; k++)
		assert_int_equal(want[label_of(w, set.records[k].id)], FULL);
	int n_flags = want_flag_from[1] + want_flag_from[2];
	assert_int_equal(set.nflags, n_flags);
	for (size_t k = 0; k < set.nflags; k++) {
		int owner = strcmp(set.flags[k].agency_code, "POL") == 0 ? 1 : 2;
		assert_true(want_flag_from[owner]);
		assert_string_equal(set.flags[k].contact, "DS Jones 0100");
	}
	cg_record_set_release(&set);
	struct cg_record_filter exact = { .name = "Zed7label", .limit = 10 };
	assert_int_equal(cg_record_search(&ctx, &exact, &set, &err), CG_OK);
	assert_int_equal(set.nrecords, want[7] == FULL);
	assert_int_equal(set.nflags, want[7] == FLAG);
	cg_record_set_release(&set);

	/* export: every visible row, each keeping its owner's label */
	char *buf = NULL;
	size_t len = 0, written = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(cg_record_export(&ctx, NULL, "PRO", f, &written, &err), CG_OK);
	fclose(f);
	assert_int_equal(written, n_full);
	int lines = 0;
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, n_full);
	if (n_full > 0)
		assert_non_null(strstr(buf, "\"handling_code\""));
	free(buf);
	assert_int_equal(last_audit_count(w, op_name, sizeof(op_name)), n_full);
	assert_string_equal(op_name, "disclosure");

	/* consultation without a justification is refused */
	free(ctx.justification);
	ctx.justification = NULL;
	assert_int_equal(cg_record_list(&ctx, &all, &set, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "justification"));
	cg_ctx_release(&ctx);
}

static void every_operation_honours_the_rule(void **state)
{
	struct world *w = *state;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_audit_verify_result res;

	for (int i = 0; i < N_PRINCIPALS; i++)
		check_user(w, i);
	/* All of that left an intact chain. */
	assert_int_equal(cg_audit_verify(w->st, 0, NULL, &res, &err), CG_OK);
	assert_true(res.entries > N_PRINCIPALS * N_LABELS / 4);
}

static void owner_controls_restriction_and_withdrawal(void **state)
{
	struct world *w = *state;
	struct cg_ctx pol_sup, pri_an, pol_an;
	struct cg_error err = CG_ERROR_INIT;
	struct cg_record r;
	size_t told = 99;
	/* label 0: owner POL, OFFICIAL, P, no compartments, no flag, not restricted */
	int64_t id = w->record_of_label[0];
	/* principal 1 is PRI analyst OFFICIAL; 3 is POL supervisor OFFICIAL;
	 * 0 is POL analyst OFFICIAL */
	assert_int_equal(cg_ctx_init(&pol_sup, w->st, "u3", "review", &err), CG_OK);
	assert_int_equal(cg_ctx_init(&pri_an, w->st, "u1", "case 12", &err), CG_OK);
	assert_int_equal(cg_ctx_init(&pol_an, w->st, "u0", "case 13", &err), CG_OK);

	assert_int_equal(cg_record_get(&pri_an, id, &r, &err), CG_OK);
	cg_record_release(&r);
	/* Only the owner's supervisor may restrict; others are told not found
	 * or not permitted. */
	assert_int_equal(cg_record_restrict(&pri_an, id, true, &err), CG_NOT_FOUND);
	assert_int_equal(cg_record_restrict(&pol_an, id, true, &err), CG_DENIED);
	assert_int_equal(cg_record_restrict(&pol_sup, id, true, &err), CG_OK);
	assert_int_equal(cg_record_get(&pri_an, id, &r, &err), CG_NOT_FOUND);
	assert_int_equal(cg_record_get(&pol_an, id, &r, &err), CG_OK);
	cg_record_release(&r);
	assert_int_equal(cg_record_restrict(&pol_sup, id, false, &err), CG_OK);

	/* Withdrawal tells PRI (which consulted it), not POL itself. */
	assert_int_equal(cg_record_withdraw(&pol_sup, id, "", &told, &err), CG_INVALID);
	assert_int_equal(cg_record_withdraw(&pol_sup, id, "identity disputed", &told, &err), CG_OK);
	assert_true(told >= 1);
	assert_int_equal(cg_record_get(&pol_sup, id, &r, &err), CG_OK);
	assert_true(r.withdrawn);
	assert_string_equal(r.surname, "");
	assert_int_equal(r.nidentifiers, 0);
	cg_record_release(&r);
	int64_t notices = -1;
	assert_int_equal(cg_store_query_int64(w->st,
			"SELECT count(*) FROM retraction_notice WHERE agency_code = 'PRI'",
			&notices, &err), CG_OK);
	assert_int_equal(notices, 1);
	assert_int_equal(cg_store_query_int64(w->st,
			"SELECT count(*) FROM retraction_notice WHERE agency_code = 'POL'",
			&notices, &err), CG_OK);
	assert_int_equal(notices, 0);
	cg_ctx_release(&pol_sup);
	cg_ctx_release(&pri_an);
	cg_ctx_release(&pol_an);
}

static void record_input_is_validated(void **state)
{
	struct world *w = *state;
	struct cg_ctx ctx;
	struct cg_error err = CG_ERROR_INIT;
	int64_t id;
	int64_t before = -1, after = -2;
	struct cg_record_input ok = {
		.source_system = "TEST", .source_record_id = "V1", .surname = "Valid",
		.classification = "OFFICIAL", .handling_code = "P",
		.subject_category = "witness", .statement_basis = "fact",
	};
	struct cg_record_input in;

	assert_int_equal(cg_ctx_init(&ctx, w->st, "keeper1", NULL, &err), CG_OK);
	assert_int_equal(cg_store_query_int64(w->st, "SELECT count(*) FROM source_record", &before, &err), CG_OK);
#define BAD(field, value, text)                                                        \
	in = ok;                                                                       \
	in.field = value;                                                              \
	assert_int_equal(cg_record_add(&ctx, &in, &id, &err), CG_INVALID);             \
	assert_non_null(strstr(err.message, text));
	BAD(classification, "SECRETISH", "classification");
	BAD(classification, NULL, "classification");
	BAD(handling_code, "X", "handling code");
	BAD(handling_code, NULL, "handling code");
	BAD(handling_conditions, "agency:PRI", "only handling code C");
	BAD(compartments, "NOPE", "no compartment NOPE");
	BAD(dob, "1990-02-30", "dob");
	BAD(sex, "male", "sex");
	BAD(subject_category, "bystander", "data subject category");
	BAD(statement_basis, NULL, "statement basis");
	BAD(source_record_id, "", "source record id");
	in = ok;
	in.handling_code = "C";
	assert_int_equal(cg_record_add(&ctx, &in, &id, &err), CG_INVALID);
	assert_non_null(strstr(err.message, "handling conditions"));
	assert_int_equal(cg_store_query_int64(w->st, "SELECT count(*) FROM source_record", &after, &err), CG_OK);
	assert_int_equal(before, after);

	assert_int_equal(cg_record_add(&ctx, &ok, &id, &err), CG_OK);
	assert_int_equal(cg_record_add(&ctx, &ok, &id, &err), CG_CONFLICT);
	cg_ctx_release(&ctx);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(rule_matches_oracle),
		cmocka_unit_test(canonical_lists),
		cmocka_unit_test(resharing_never_widens),
	};
	const struct CMUnitTest stored[] = {
		cmocka_unit_test(every_operation_honours_the_rule),
		cmocka_unit_test(owner_controls_restriction_and_withdrawal),
		cmocka_unit_test(record_input_is_validated),
	};
	int failed = cmocka_run_group_tests_name("rule", pure, NULL, NULL);
	failed += cmocka_run_group_tests_name("store", stored, world_setup, world_teardown);
	return failed;
}
