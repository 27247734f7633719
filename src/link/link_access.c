/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_access.c - what principals do with links: explain a pair, record an
 * analyst decision, export the links (link capability layer). Every path
 * checks each record against cg_visibility() and writes its audit entry
 * before anything is handed back; see link.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "base/date.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "link/link.h"
#include "link/link_internal.h"
#include "store/queries.h"
#include "base/banned.h"

/* Columns of CG_LINK_LABEL_COLUMNS. */
enum {
	LC_ID, LC_CODE, LC_SOURCE_ID, LC_CLASSIFICATION, LC_HANDLING, LC_CONDITIONS,
	LC_COMPARTMENTS, LC_FLAG, LC_RESTRICTED, LC_OWNER, LC_PERSON
};

static enum cg_visibility row_visibility(const struct cg_ctx *ctx, struct cg_stmt *s)
{
	struct cg_label l;
	if (cg_classification_parse(cg_stmt_text(s, LC_CLASSIFICATION), &l.classification, NULL))
		return CG_SEE_NOTHING;
	l.owner_agency_id = cg_stmt_int64(s, LC_OWNER);
	l.handling_code = cg_stmt_text(s, LC_HANDLING)[0];
	l.handling_conditions = cg_stmt_is_null(s, LC_CONDITIONS) ? NULL : cg_stmt_text(s, LC_CONDITIONS);
	l.compartments = cg_stmt_text(s, LC_COMPARTMENTS);
	l.flag_contact = cg_stmt_is_null(s, LC_FLAG) ? NULL : cg_stmt_text(s, LC_FLAG);
	l.restricted = cg_stmt_int64(s, LC_RESTRICTED) != 0;
	return cg_visibility(&ctx->who, &l);
}

/* Loads record `id` if the principal sees it in full: its person (0 when
 * unlinked). Anything else is CG_NOT_FOUND, worded as for a missing id. */
enum cg_status link_visible_record(struct cg_ctx *ctx, int64_t id, int64_t *person,
				   struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_RECORD_LABEL, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && (!row || row_visibility(ctx, s) != CG_SEE_FULL))
		rc = cg_fail(err, CG_NOT_FOUND, "record %lld: not found", (long long)id);
	if (rc == CG_OK && person)
		*person = cg_stmt_int64(s, LC_PERSON);
	cg_stmt_done(s);
	return rc;
}

static enum cg_status audit(struct cg_ctx *ctx, enum cg_audit_op op, const char *kind_a,
			    int64_t a, const char *kind_b, int64_t b, const char *detail,
			    struct cg_error *err)
{
	struct cg_audit_ref refs[2] = { { kind_a, a }, { kind_b, b } };
	struct cg_audit_event ev = { op, refs, b ? 2 : 1, detail, NULL };
	return cg_audit_append(ctx, &ev, NULL, err);
}

/* ---- explain ---- */

/* One record as the comparators see it, with storage for its strings. */
struct loaded {
	char *text[2 + 2 * 8];        /* forename, surname, then alias pairs */
	struct cg_name_key keys[2 + 2 * 8];
	struct cg_link_name aliases[8];
	struct cg_link_ident idents[16];
	char *ident_text[16][2];       /* kind, value */
	char postcode[16];
	struct cg_link_subject subj;
	char first_forename[64];
};

static void loaded_release(struct loaded *r)
{
	for (size_t i = 0; i < sizeof(r->text) / sizeof(r->text[0]); i++)
		free(r->text[i]);
	for (size_t i = 0; i < 16; i++) {
		free(r->ident_text[i][0]);
		free(r->ident_text[i][1]);
	}
}

static char *first_word(const char *s)
{
	size_t n = strcspn(s, " ");
	char *w = cg_xmalloc(n + 1);
	memcpy(w, s, n);
	w[n] = '\0';
	return w;
}

/* Interns identifier strings over both records so equal text gets equal
 * ids. */
static uint32_t local_id(struct loaded *both, const char *s, int slot)
{
	/* slot 0 kinds, 1 values; ids are 1 + position of first equal text */
	uint32_t next = 1;
	for (int r = 0; r < 2; r++)
		for (size_t i = 0; i < both[r].subj.nidents; i++) {
			if (strcmp(both[r].ident_text[i][slot], s) == 0)
				return slot ? both[r].idents[i].value : both[r].idents[i].kind;
			next++;
		}
	return next + (slot ? 1000u : 0u);
}

static enum cg_status load_one(struct cg_store *st, int64_t id, struct loaded *both, int which,
			       struct cg_error *err)
{
	struct loaded *r = &both[which];
	struct cg_stmt *s = NULL;
	bool row = false;
	int32_t dob = 0;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_LINK_RECORD_ATTRS, &s, err);

	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && !row)
		rc = cg_fail(err, CG_NOT_FOUND, "record %lld: not found", (long long)id);
	if (rc == CG_OK) {
		struct cg_date d;
		const char *ds = cg_stmt_text(s, 2);
		r->text[0] = first_word(cg_stmt_text(s, 0));
		r->text[1] = cg_xstrdup(cg_stmt_text(s, 1));
		if (strlen(ds) == 10 && cg_date_parse_iso(ds, &d, NULL) == CG_OK)
			dob = d.year * 10000 + d.month * 100 + d.day;
		snprintf(r->postcode, sizeof(r->postcode), "%s", cg_stmt_text(s, 3));
		const char *sex = cg_stmt_text(s, 4);
		r->subj.sex = (sex[0] == 'M' || sex[0] == 'F' || sex[0] == 'X') ? sex[0] : 0;
	}
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_LINK_RECORD_ALIASES, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		size_t k = 0;
		while (k < 8 && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			r->text[2 + 2 * k] = first_word(cg_stmt_text(s, 0));
			r->text[3 + 2 * k] = cg_xstrdup(cg_stmt_text(s, 1));
			k++;
		}
		r->subj.naliases = k;
		cg_stmt_done(s);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_LINK_RECORD_IDENTS, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		size_t k = 0;
		while (k < 16 && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			r->ident_text[k][0] = cg_xstrdup(cg_stmt_text(s, 0));
			r->ident_text[k][1] = cg_xstrdup(cg_stmt_text(s, 1));
			r->idents[k].kind = local_id(both, r->ident_text[k][0], 0);
			r->idents[k].value = local_id(both, r->ident_text[k][1], 1);
			r->idents[k].hard = cg_stmt_int64(s, 2) != 0;
			k++;
			r->subj.nidents = k;
		}
		cg_stmt_done(s);
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < 2 + 2 * r->subj.naliases; i++)
		cg_name_key_prepare(&r->keys[i], r->text[i], 0, i % 2 == 0);
	r->subj.primary.forename = r->text[0][0] ? &r->keys[0] : NULL;
	r->subj.primary.surname = r->text[1][0] ? &r->keys[1] : NULL;
	for (size_t k = 0; k < r->subj.naliases; k++) {
		r->aliases[k].forename = r->text[2 + 2 * k][0] ? &r->keys[2 + 2 * k] : NULL;
		r->aliases[k].surname = r->text[3 + 2 * k][0] ? &r->keys[3 + 2 * k] : NULL;
	}
	r->subj.aliases = r->aliases;
	r->subj.dob = dob;
	r->subj.postcode = r->postcode;
	r->subj.idents = r->idents;
	return CG_OK;
}

static enum cg_status count_query(struct cg_store *st, enum cg_query q, const char *v,
				  uint32_t *out, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, q, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, v);
		rc = cg_stmt_step(s, &row, err);
	}
	*out = rc == CG_OK && row ? (uint32_t)cg_stmt_int64(s, 0) : 0;
	cg_stmt_done(s);
	return rc;
}

static void values_detail(char *buf, size_t size, int c, const struct loaded *a,
			  const struct loaded *b, const struct cg_gamma *g)
{
	static const char *const via[] = { "", " (forename and surname swapped)", " (via an alias)" };
	switch (c) {
	case CG_CMP_FORENAME:
		snprintf(buf, size, "%s / %s%s", a->text[0], b->text[0], via[g->via]);
		break;
	case CG_CMP_SURNAME:
		snprintf(buf, size, "%s / %s%s", a->text[1], b->text[1], via[g->via]);
		break;
	case CG_CMP_DOB:
		snprintf(buf, size, "%d / %d", a->subj.dob, b->subj.dob);
		break;
	case CG_CMP_POSTCODE:
		snprintf(buf, size, "%s / %s", a->postcode, b->postcode);
		break;
	case CG_CMP_SEX:
		snprintf(buf, size, "%c / %c", a->subj.sex ? a->subj.sex : '-', b->subj.sex ? b->subj.sex : '-');
		break;
	default:
		snprintf(buf, size, "%zu / %zu identifiers", a->subj.nidents, b->subj.nidents);
	}
}

enum cg_status cg_link_explain(struct cg_ctx *ctx, int64_t a, int64_t b,
			       struct cg_link_explanation *out, struct cg_error *err)
{
	struct loaded both[2];
	struct link_model mo;
	struct cg_gamma g;
	uint32_t fcount = 0, scount = 0;
	char detail[96];
	enum cg_status rc;

	memset(out, 0, sizeof(*out));
	memset(both, 0, sizeof(both));
	out->record_a = a;
	out->record_b = b;
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR, "link explain", err);
	if (rc == CG_OK)
		rc = link_visible_record(ctx, a, &out->person_a, err);
	if (rc == CG_OK)
		rc = link_visible_record(ctx, b, &out->person_b, err);
	if (rc == CG_OK)
		rc = link_latest_model(ctx->store, &mo, &out->threshold, &out->review, err);
	if (rc == CG_OK)
		rc = load_one(ctx->store, a, both, 0, err);
	if (rc == CG_OK)
		rc = load_one(ctx->store, b, both, 1, err);
	if (rc == CG_OK)
		rc = count_query(ctx->store, CG_Q_LINK_FORENAME_COUNT, both[0].text[0], &fcount, err);
	if (rc == CG_OK)
		rc = count_query(ctx->store, CG_Q_LINK_SURNAME_COUNT, both[0].text[1], &scount, err);
	if (rc == CG_OK) {
		snprintf(detail, sizeof(detail), "link explain %lld %lld", (long long)a, (long long)b);
		rc = audit(ctx, CG_AUDIT_CONSULTATION, "source_record", a, "source_record", b, detail, err);
	}
	if (rc == CG_OK) {
		struct cg_link_part *p = &out->parts[out->nparts++];
		cg_compare_pair(&both[0].subj, &both[1].subj, &g);
		p->comparison = "prior";
		p->level = "random pair of records";
		p->weight = mo.prior;
		out->total = mo.prior;
		for (int c = 0; c < CG_CMP_COUNT; c++) {
			p = &out->parts[out->nparts++];
			p->comparison = cg_cmp_name(c);
			p->level = cg_cmp_level_name(c, g.level[c]);
			values_detail(p->detail, sizeof(p->detail), c, &both[0], &both[1], &g);
			if (g.level[c]) {
				p->m = mo.m[c][g.level[c]];
				p->u = mo.u[c][g.level[c]];
			}
			p->weight = link_level_weight(&mo, c, g.level[c]);
			out->total += p->weight;
		}
		for (int c = 0; c < 2; c++) {
			int cmp = c ? CG_CMP_SURNAME : CG_CMP_FORENAME;
			if (g.level[cmp] != CG_NAME_EXACT)
				continue;
			p = &out->parts[out->nparts++];
			p->comparison = "term frequency";
			p->level = c ? "surname" : "forename";
			snprintf(p->detail, sizeof(p->detail), "%s held by %u records",
				 both[0].text[c], c ? scount : fcount);
			p->weight = link_tf_adjust(&mo, cmp, c ? scount : fcount);
			out->total += p->weight;
		}
		out->probability = 1.0 / (1.0 + pow(2.0, -out->total));
		for (size_t i = 0; i < both[0].subj.nidents && !out->hard[0]; i++)
			for (size_t j = 0; j < both[1].subj.nidents; j++)
				if (both[0].idents[i].hard && both[1].idents[j].hard &&
				    both[0].idents[i].kind == both[1].idents[j].kind &&
				    both[0].idents[i].value == both[1].idents[j].value) {
					snprintf(out->hard, sizeof(out->hard), "%s %s",
						 both[0].ident_text[i][0], both[0].ident_text[i][1]);
					break;
				}
		snprintf(out->outcome, sizeof(out->outcome), "%s",
			 out->hard[0]			  ? "linked (shared hard identifier)"
			 : out->total >= out->threshold ? "linked by the model"
			 : out->total >= out->review	  ? "review band"
							  : "not linked by the model");
	}
	loaded_release(&both[0]);
	loaded_release(&both[1]);
	return rc;
}

/* ---- decisions ---- */

static enum cg_status person_record(struct cg_ctx *ctx, int64_t person, int64_t *record,
				    struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_PERSON_RECORDS, &s, err);

	*record = 0;
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, person);
	/* the first record of the person the principal may see */
	while (rc == CG_OK && !*record && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct cg_error ignored = CG_ERROR_INIT;
		int64_t id = cg_stmt_int64(s, 0);
		if (link_visible_record(ctx, id, NULL, &ignored) == CG_OK)
			*record = id;
	}
	cg_stmt_done(s);
	if (rc == CG_OK && !*record)
		rc = cg_fail(err, CG_NOT_FOUND, "person %lld: not found", (long long)person);
	return rc;
}

static const char *const decision_names[] = { "confirm", "reject", "split", "merge" };

const char *cg_link_decision_name(enum cg_link_decision d)
{
	return (unsigned)d <= CG_LINK_MERGE ? decision_names[d] : "?";
}

bool cg_link_decision_parse(const char *name, enum cg_link_decision *d)
{
	for (unsigned i = 0; name && i <= CG_LINK_MERGE; i++)
		if (strcmp(decision_names[i], name) == 0) {
			*d = (enum cg_link_decision)i;
			return true;
		}
	return false;
}

enum cg_status cg_link_decide(struct cg_ctx *ctx, enum cg_link_decision d, int64_t a,
			      int64_t b, const char *why, struct cg_error *err)
{
	const char *const *names = decision_names;
	struct cg_stmt *s = NULL;
	char now[CG_TIMESTAMP_ISO_SIZE], detail[200];
	bool row;
	enum cg_status rc;

	if ((unsigned)d > CG_LINK_MERGE)
		return cg_fail(err, CG_INVALID, "link: unknown decision");
	rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_SUPERVISOR, "link decisions", err);
	if (rc == CG_OK && (!why || !*why))
		rc = cg_fail(err, CG_INVALID, "link %s: say why (--why)", names[d]);
	if (rc == CG_OK && strlen(why) > CG_JUSTIFICATION_MAX)
		rc = cg_fail(err, CG_LIMIT, "link %s: the reason is too long", names[d]);
	if (rc == CG_OK && d == CG_LINK_MERGE) {
		if (a == b)
			rc = cg_fail(err, CG_INVALID, "link merge: give two different persons");
		if (rc == CG_OK)
			rc = person_record(ctx, a, &a, err);
		if (rc == CG_OK)
			rc = person_record(ctx, b, &b, err);
	} else if (rc == CG_OK) {
		if (d != CG_LINK_SPLIT && a == b)
			rc = cg_fail(err, CG_INVALID, "link %s: give two different records", names[d]);
		if (rc == CG_OK)
			rc = link_visible_record(ctx, a, NULL, err);
		if (rc == CG_OK && d != CG_LINK_SPLIT)
			rc = link_visible_record(ctx, b, NULL, err);
	}
	if (rc)
		return rc;
	cg_timestamp_format_iso(cg_now(), now);
	rc = cg_store_begin(ctx->store, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_DECISION_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, names[d]);
		cg_stmt_bind_int64(s, 2, a);
		if (d == CG_LINK_SPLIT)
			cg_stmt_bind_null(s, 3);
		else
			cg_stmt_bind_int64(s, 3, b);
		cg_stmt_bind_int64(s, 4, ctx->who.user_id);
		cg_stmt_bind_str(s, 5, why);
		cg_stmt_bind_str(s, 6, now);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	if (rc == CG_OK && d != CG_LINK_SPLIT)
		rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_REVIEW_DECIDED, &s, err);
	if (rc == CG_OK && d != CG_LINK_SPLIT) {
		cg_stmt_bind_int64(s, 1, a);
		cg_stmt_bind_int64(s, 2, b);
		rc = cg_stmt_step(s, &row, err);
		cg_stmt_done(s);
	}
	if (rc == CG_OK) {
		snprintf(detail, sizeof(detail), "link %s: %.150s", names[d], why);
		rc = audit(ctx, CG_AUDIT_COMBINATION, "source_record", a, "source_record",
			   d == CG_LINK_SPLIT ? 0 : b, detail, err);
	}
	if (rc == CG_OK)
		rc = cg_store_commit(ctx->store, err);
	else
		cg_store_rollback(ctx->store);
	return rc;
}

/* ---- export ---- */

void cg_link_flags_release(struct cg_link_flags *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].agency_code);
		free(f->items[i].contact);
	}
	free(f->items);
	f->items = NULL;
	f->len = 0;
}

struct export_row {
	int64_t id, person;
	char *agency, *record_id;
};

struct hidden {
	int64_t person;
	int64_t owner;
	char *contact;
};

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

static int cmp_hidden(const void *x, const void *y)
{
	const struct hidden *a = x, *b = y;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	return a->owner < b->owner ? -1 : a->owner > b->owner;
}

enum cg_status cg_link_export(struct cg_ctx *ctx, const char *recipients,
			      int (*row_fn)(const struct cg_link_row *r, void *arg), void *arg,
			      size_t *written, struct cg_link_flags *flags, struct cg_error *err)
{
	CG_VEC(struct export_row) rows = CG_VEC_INIT;
	CG_VEC(struct hidden) hidden = CG_VEC_INIT;
	CG_VEC(int64_t) persons = CG_VEC_INIT;
	struct cg_audit_ref *refs = NULL;
	int64_t after = 0;
	char detail[64];
	enum cg_status rc = CG_OK;

	*written = 0;
	if (!recipients || !*recipients)
		recipients = ctx->who.agency_code[0] ? ctx->who.agency_code : "-";
	for (;;) {
		struct cg_stmt *s = NULL;
		bool row = false;
		size_t seen = 0;
		rc = cg_store_prepare_query(ctx->store, CG_Q_LINK_EXPORT_SCAN, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, after);
		while ((rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
			enum cg_visibility v = row_visibility(ctx, s);
			seen++;
			after = cg_stmt_int64(s, LC_ID);
			if (v == CG_SEE_FULL) {
				struct export_row r = { after, cg_stmt_int64(s, LC_PERSON),
							cg_xstrdup(cg_stmt_text(s, LC_CODE)),
							cg_xstrdup(cg_stmt_text(s, LC_SOURCE_ID)) };
				cg_vec_push(&rows, r);
				if (r.person)
					cg_vec_push(&persons, r.person);
			} else if (v == CG_SEE_FLAG && flags && cg_stmt_int64(s, LC_PERSON)) {
				struct hidden h = { cg_stmt_int64(s, LC_PERSON), cg_stmt_int64(s, LC_OWNER),
						    cg_xstrdup(cg_stmt_text(s, LC_FLAG)) };
				cg_vec_push(&hidden, h);
			}
		}
		cg_stmt_done(s);
		if (rc || seen < 5000)
			break;
	}
	if (rc == CG_OK) {
		refs = cg_xcalloc(rows.len ? rows.len : 1, sizeof(*refs));
		for (size_t i = 0; i < rows.len; i++) {
			refs[i].kind = "source_record";
			refs[i].id = rows.items[i].id;
		}
		snprintf(detail, sizeof(detail), "export links");
		struct cg_audit_event ev = { CG_AUDIT_DISCLOSURE, refs, rows.len, detail, recipients };
		rc = cg_audit_append(ctx, &ev, NULL, err);
	}
	for (size_t i = 0; rc == CG_OK && i < rows.len; i++) {
		struct cg_link_row r = { rows.items[i].agency, rows.items[i].record_id,
					 rows.items[i].person };
		if (row_fn(&r, arg) != 0)
			rc = cg_fail(err, CG_IO, "export links: could not write");
		else
			(*written)++;
	}
	/* flags: hidden records of persons the principal sees part of, once
	 * per person and owner agency */
	if (rc == CG_OK && flags && hidden.len) {
		if (persons.len > 1)
			qsort(persons.items, persons.len, sizeof(int64_t), cmp_i64);
		qsort(hidden.items, hidden.len, sizeof(struct hidden), cmp_hidden);
		for (size_t i = 0; i < hidden.len; i++) {
			const struct hidden *h = &hidden.items[i];
			bool dup = i > 0 && hidden.items[i - 1].person == h->person &&
				   hidden.items[i - 1].owner == h->owner;
			if (dup || !persons.len ||
			    !bsearch(&h->person, persons.items, persons.len, sizeof(int64_t), cmp_i64))
				continue;
			struct cg_stmt *s = NULL;
			bool row = false;
			rc = cg_store_prepare_query(ctx->store, CG_Q_AGENCY_BY_ID, &s, err);
			if (rc == CG_OK) {
				cg_stmt_bind_int64(s, 1, h->owner);
				rc = cg_stmt_step(s, &row, err);
			}
			if (rc == CG_OK && row) {
				flags->items = cg_xrealloc(flags->items, (flags->len + 1) * sizeof(*flags->items));
				struct cg_link_flag *f = &flags->items[flags->len++];
				f->person_id = h->person;
				f->agency_code = cg_xstrdup(cg_stmt_text(s, 0));
				f->contact = cg_xstrdup(h->contact[0] ? h->contact : cg_stmt_text(s, 2));
			}
			cg_stmt_done(s);
			if (rc)
				break;
		}
	}
	for (size_t i = 0; i < rows.len; i++) {
		free(rows.items[i].agency);
		free(rows.items[i].record_id);
	}
	for (size_t i = 0; i < hidden.len; i++)
		free(hidden.items[i].contact);
	cg_vec_release(&rows);
	cg_vec_release(&hidden);
	cg_vec_release(&persons);
	free(refs);
	return rc;
}
