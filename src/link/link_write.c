/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_write.c - writing a run's result (link layer): persons with stable
 * ids, person_link rows with how each was decided, the review queue, and
 * the combination entry in the audit log, in one transaction.
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

/* ---- writing ---- */

struct formed {
	uint32_t records, hard, model, analyst;
	float wmin, wmax;
};

static void formed_text(const struct formed *f, char *buf, size_t size)
{
	if (f->records == 1) {
		snprintf(buf, size, "1 record: singleton");
		return;
	}
	snprintf(buf, size, "%u records: %u by hard identifier, %u by model", f->records, f->hard,
		 f->model);
	if (f->model)
		snprintf(buf + strlen(buf), size - strlen(buf), " (weights %.1f to %.1f)",
			 (double)f->wmin, (double)f->wmax);
	snprintf(buf + strlen(buf), size - strlen(buf), ", %u by analyst decision", f->analyst);
}

static enum cg_status step_done(struct cg_stmt *s, struct cg_error *err)
{
	bool row;
	enum cg_status rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	return rc;
}

struct person_row {
	int64_t id;
	char *formed_by;
};

static int cmp_person_row(const void *x, const void *y)
{
	const struct person_row *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_u64_desc_count(const void *x, const void *y)
{
	/* (count, root, person) triples sorted by count descending */
	const uint64_t *a = x, *b = y;
	if (a[0] != b[0])
		return a[0] > b[0] ? -1 : 1;
	if (a[1] != b[1])
		return a[1] < b[1] ? -1 : 1;
	return a[2] < b[2] ? -1 : a[2] > b[2];
}

/*
 * The linker's copy of the records (link_record, schema 0012): a run that
 * read every record from source_record rewrites it; an incremental run
 * that read the copy adds the records it read from source_record. Rows are
 * written in id order, so each insert appends to the table.
 */
static enum cg_status write_stored(struct linker *L, struct cg_error *err)
{
	struct cg_store *st = L->ctx->store;
	struct cg_buf aliases = CG_BUF_INIT, idents = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	char sex[2] = { 0, 0 };
	enum cg_status rc = CG_OK;

	if (!L->stored) {
		rc = cg_store_prepare_query(st, CG_Q_LINK_STORED_CLEAR, &s, err);
		if (rc == CG_OK)
			rc = step_done(s, err);
	}
	for (size_t i = L->stored ? L->nstored : 0; rc == CG_OK && i < L->n; i++) {
		const struct lrec *r = &L->recs[i];
		cg_buf_reset(&aliases);
		cg_buf_reset(&idents);
		for (size_t k = 0; rc == CG_OK && k < r->nalias; k++) {
			const struct cg_link_name *a = &L->aliases[r->alias_at + k];
			rc = cg_buf_printf(&aliases, err, "%s%s\x1f%s", k ? "\x1e" : "",
					   a->forename ? a->forename->text : "",
					   a->surname ? a->surname->text : "");
		}
		for (size_t k = 0; rc == CG_OK && k < r->nident; k++) {
			const struct cg_link_ident *x = &L->idents[r->ident_at + k];
			rc = cg_buf_printf(&idents, err, "%s%s\x1f%s\x1f%c", k ? "\x1e" : "",
					   L->kind.text.items[x->kind], L->value.text.items[x->value],
					   x->hard ? '1' : '0');
		}
		if (rc == CG_OK)
			rc = cg_store_prepare_query(st, CG_Q_LINK_STORED_INSERT, &s, err);
		if (rc)
			break;
		sex[0] = r->sex;
		cg_stmt_bind_int64(s, 1, r->id);
		cg_stmt_bind_str(s, 2, L->names.text.items[r->fore]);
		cg_stmt_bind_str(s, 3, L->names.text.items[r->sur]);
		cg_stmt_bind_int64(s, 4, r->dob);
		cg_stmt_bind_str(s, 5, L->pc.text.items[r->pc]);
		cg_stmt_bind_str(s, 6, sex);
		cg_stmt_bind_str(s, 7, aliases.data);
		cg_stmt_bind_str(s, 8, idents.data);
		rc = step_done(s, err);
	}
	cg_buf_release(&aliases);
	cg_buf_release(&idents);
	return rc;
}

enum cg_status link_write_results(struct linker *L, const struct cg_link_options *o,
				    struct clustering *cl, const char *started,
				    struct cg_link_summary *sum, struct cg_error *err)
{
	struct cg_store *st = L->ctx->store;
	uint32_t n = (uint32_t)L->n;
	int64_t *pid = cg_xcalloc(n ? n : 1, sizeof(*pid));  /* per root: person id */
	struct formed *fm = cg_xcalloc(n ? n : 1, sizeof(*fm));
	CG_VEC(uint64_t) trip = CG_VEC_INIT;
	CG_VEC(struct person_row) active = CG_VEC_INIT;
	CG_VEC(struct cg_audit_ref) refs = CG_VEC_INIT;
	bool *used = NULL;
	char now[CG_TIMESTAMP_ISO_SIZE], text[200];
	struct cg_buf params = CG_BUF_INIT;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	cg_timestamp_format_iso(cg_now(), now);
	for (uint32_t i = 0; i < n; i++) {
		struct formed *f = &fm[cl->root[i]];
		f->records++;
		if (cl->method[i] == M_HARD)
			f->hard++;
		else if (cl->method[i] == M_ANALYST)
			f->analyst++;
		else if (cl->method[i] == M_MODEL) {
			if (f->model == 0 || cl->mweight[i] < f->wmin)
				f->wmin = cl->mweight[i];
			if (f->model == 0 || cl->mweight[i] > f->wmax)
				f->wmax = cl->mweight[i];
			f->model++;
		}
	}

	rc = cg_store_begin(st, err);
	if (rc)
		goto out;
	rc = cg_store_prepare_query(st, CG_Q_LINK_PERSONS_ACTIVE, &s, err);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &row, err)) == CG_OK && row) {
		struct person_row p = { cg_stmt_int64(s, 0), cg_xstrdup(cg_stmt_text(s, 1)) };
		cg_vec_push(&active, p);
	}
	cg_stmt_done(s);
	link_sort_items(active.items, active.len, sizeof(struct person_row), cmp_person_row);
	used = cg_xcalloc(active.len + 1, sizeof(*used));

	/* Stable ids: each cluster keeps the person that holds most of its
	 * records, biggest overlaps first, each person to one cluster. */
	{
		CG_VEC(uint64_t) rp = CG_VEC_INIT; /* (person, root) */
		for (uint32_t i = 0; i < n; i++)
			if (L->recs[i].person) {
				cg_vec_push(&rp, (uint64_t)L->recs[i].person);
				cg_vec_push(&rp, (uint64_t)cl->root[i]);
			}
		/* sort pairs by (person, root) via a packed key when ids fit */
		size_t np = rp.len / 2;
		uint64_t *packed = cg_xcalloc(np ? np : 1, sizeof(*packed));
		for (size_t k = 0; k < np; k++)
			packed[k] = (rp.items[2 * k] << 32) | rp.items[2 * k + 1];
		link_sort_u64(packed, np);
		for (size_t k = 0, e; k < np; k = e) {
			for (e = k + 1; e < np && packed[e] == packed[k]; e++)
				;
			cg_vec_push(&trip, (uint64_t)(e - k));
			cg_vec_push(&trip, packed[k] & 0xFFFFFFFFu);
			cg_vec_push(&trip, packed[k] >> 32);
		}
		free(packed);
		cg_vec_release(&rp);
		link_sort_items(trip.items, trip.len / 3, 3 * sizeof(uint64_t), cmp_u64_desc_count);
		for (size_t k = 0; k + 2 < trip.len; k += 3) {
			uint32_t root = (uint32_t)trip.items[k + 1];
			int64_t person = (int64_t)trip.items[k + 2];
			struct person_row key = { person, NULL }, *p;
			if (pid[root])
				continue;
			p = active.len ? bsearch(&key, active.items, active.len, sizeof(key), cmp_person_row)
				      : NULL;
			if (!p || used[p - active.items])
				continue;
			used[p - active.items] = true;
			pid[root] = person;
			formed_text(&fm[root], text, sizeof(text));
			if (strcmp(text, p->formed_by) != 0) {
				rc = cg_store_prepare_query(st, CG_Q_LINK_PERSON_UPDATE, &s, err);
				if (rc)
					break;
				cg_stmt_bind_str(s, 1, text);
				cg_stmt_bind_str(s, 2, now);
				cg_stmt_bind_int64(s, 3, person);
				rc = step_done(s, err);
				if (rc)
					break;
				struct cg_audit_ref ref = { "person", person };
				cg_vec_push(&refs, ref);
			}
		}
	}
	for (uint32_t i = 0; rc == CG_OK && i < n; i++) {
		uint32_t root = cl->root[i];
		if (pid[root])
			continue;
		formed_text(&fm[root], text, sizeof(text));
		rc = cg_store_prepare_query(st, CG_Q_LINK_PERSON_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_str(s, 1, text);
		cg_stmt_bind_str(s, 2, now);
		rc = step_done(s, err);
		pid[root] = cg_store_last_id(st);
		sum->persons_created++;
		struct cg_audit_ref ref = { "person", pid[root] };
		cg_vec_push(&refs, ref);
	}
	for (size_t k = 0; rc == CG_OK && k < active.len; k++) {
		if (used[k])
			continue;
		rc = cg_store_prepare_query(st, CG_Q_LINK_PERSON_RETIRE, &s, err);
		if (rc)
			break;
		cg_stmt_bind_str(s, 1, now);
		cg_stmt_bind_int64(s, 2, active.items[k].id);
		rc = step_done(s, err);
		sum->persons_retired++;
		struct cg_audit_ref ref = { "person", active.items[k].id };
		cg_vec_push(&refs, ref);
	}
	/* links (and link_record rows) of records no longer current */
	for (size_t k = 0; rc == CG_OK && k < L->stale.len; k++) {
		rc = cg_store_prepare_query(st, CG_Q_LINK_DELETE, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, L->stale.items[k]);
		rc = step_done(s, err);
		if (rc == CG_OK)
			rc = cg_store_prepare_query(st, CG_Q_LINK_STORED_DELETE, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, L->stale.items[k]);
		rc = step_done(s, err);
		struct cg_audit_ref ref = { "source_record", L->stale.items[k] };
		cg_vec_push(&refs, ref);
	}
	if (rc == CG_OK)
		rc = write_stored(L, err);
	for (uint32_t i = 0; rc == CG_OK && i < n; i++) {
		const struct lrec *r = &L->recs[i];
		int64_t person = pid[cl->root[i]];
		uint8_t m = cl->method[i];
		if (r->person == person && r->old_method == m)
			continue;
		rc = cg_store_prepare_query(st, CG_Q_LINK_UPSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, r->id);
		cg_stmt_bind_int64(s, 2, person);
		cg_stmt_bind_str(s, 3, link_method_names[m]);
		if (m == M_MODEL)
			cg_stmt_bind_double(s, 4, (double)cl->mweight[i]);
		else
			cg_stmt_bind_null(s, 4);
		cg_stmt_bind_int64(s, 5, L->ctx->who.user_id);
		cg_stmt_bind_str(s, 6, now);
		cg_stmt_bind_str(s, 7, m == M_ANALYST ? "analyst decision" : NULL);
		rc = step_done(s, err);
		sum->links_changed++;
		struct cg_audit_ref ref = { "source_record", r->id };
		cg_vec_push(&refs, ref);
	}
	/* the run, its model, and the review queue */
	if (rc == CG_OK)
		rc = link_model_format(&L->model, &params, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_LINK_RUN_INSERT, &s, err);
	if (rc == CG_OK) {
		size_t persons = 0;
		for (uint32_t i = 0; i < n; i++)
			persons += cl->root[i] == i;
		sum->persons = persons;
		for (size_t k = 0; k < L->npairs; k++) {
			uint32_t a = (uint32_t)(L->pairs[k] >> 32), b = (uint32_t)(L->pairs[k] & 0xFFFFFFFFu);
			if (L->weight[k] >= o->review && L->weight[k] < o->threshold &&
			    cl->root[a] != cl->root[b])
				sum->review++;
		}
		cg_stmt_bind_str(s, 1, started);
		cg_stmt_bind_str(s, 2, now);
		cg_stmt_bind_int64(s, 3, L->ctx->who.user_id);
		cg_stmt_bind_str(s, 4, o->incremental ? "incremental" : "full");
		cg_stmt_bind_int64(s, 5, (int64_t)L->n);
		cg_stmt_bind_int64(s, 6, (int64_t)L->npairs);
		cg_stmt_bind_int64(s, 7, (int64_t)persons);
		cg_stmt_bind_int64(s, 8, (int64_t)sum->review);
		cg_stmt_bind_int64(s, 9, (int64_t)cl->nconflicts);
		cg_stmt_bind_double(s, 10, o->threshold);
		cg_stmt_bind_double(s, 11, o->review);
		cg_stmt_bind_str(s, 12, params.data);
		cg_stmt_bind_int64(s, 13, L->high_water);
		rc = step_done(s, err);
		sum->run_id = cg_store_last_id(st);
	}
	if (rc == CG_OK && !o->incremental) {
		rc = cg_store_prepare_query(st, CG_Q_LINK_REVIEW_CLEAR, &s, err);
		if (rc == CG_OK)
			rc = step_done(s, err);
	}
	for (size_t k = 0; rc == CG_OK && k < L->npairs; k++) {
		uint32_t a = (uint32_t)(L->pairs[k] >> 32), b = (uint32_t)(L->pairs[k] & 0xFFFFFFFFu);
		if (!(L->weight[k] >= o->review && L->weight[k] < o->threshold &&
		      cl->root[a] != cl->root[b]))
			continue;
		rc = cg_store_prepare_query(st, CG_Q_LINK_REVIEW_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, sum->run_id);
		cg_stmt_bind_int64(s, 2, L->recs[a].id);
		cg_stmt_bind_int64(s, 3, L->recs[b].id);
		cg_stmt_bind_double(s, 4, (double)L->weight[k]);
		cg_stmt_bind_str(s, 5, "review");
		cg_stmt_bind_str(s, 6, "");
		cg_stmt_bind_str(s, 7, now);
		rc = step_done(s, err);
	}
	for (size_t k = 0; rc == CG_OK && k < cl->conflicts.len; k++) {
		const struct cg_link_conflict *c = &cl->conflicts.items[k];
		rc = cg_store_prepare_query(st, CG_Q_LINK_REVIEW_INSERT, &s, err);
		if (rc)
			break;
		snprintf(text, sizeof(text), "different %s", c->kind);
		cg_stmt_bind_int64(s, 1, sum->run_id);
		cg_stmt_bind_int64(s, 2, c->record_a);
		cg_stmt_bind_int64(s, 3, c->record_b);
		cg_stmt_bind_double(s, 4, 0);
		cg_stmt_bind_str(s, 5, "conflict");
		cg_stmt_bind_str(s, 6, text);
		cg_stmt_bind_str(s, 7, now);
		rc = step_done(s, err);
	}
	/*
	 * One combination entry per run: it names every record whose link was
	 * made, changed or removed, and every person created, changed or
	 * retired, so `cg audit record` and `cg audit subject` find the run
	 * that linked them (docs/linking.md, "Audit").
	 */
	if (rc == CG_OK) {
		char detail[300];
		snprintf(detail, sizeof(detail),
			 "link run %lld (%s): %zu records, %zu pairs compared, %zu persons, "
			 "%zu links changed, %zu review, %zu conflicts",
			 (long long)sum->run_id, o->incremental ? "incremental" : "full", L->n,
			 L->npairs, sum->persons, sum->links_changed, sum->review, cl->nconflicts);
		struct cg_audit_event ev = { CG_AUDIT_COMBINATION, refs.items, refs.len, detail, NULL };
		rc = cg_audit_append(L->ctx, &ev, NULL, err);
	}
	if (rc == CG_OK)
		rc = cg_store_commit(st, err);
	else
		cg_store_rollback(st);
out:
	for (size_t k = 0; k < active.len; k++)
		free(active.items[k].formed_by);
	cg_vec_release(&active);
	cg_vec_release(&trip);
	cg_vec_release(&refs);
	cg_buf_release(&params);
	free(used);
	free(pid);
	free(fm);
	return rc;
}
