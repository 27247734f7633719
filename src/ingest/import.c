/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.c - the import driver: files, batches, transactions, rejects and
 * the audit entry (ingest layer). See import.h for the guarantees.
 *
 * Each file is one transaction holding its import_batch row, every row it
 * stores and every audit entry it writes, so what a file does lands whole
 * or not at all — after an error, a crash or kill -9 alike.
 */
#include "ingest/import.h"

#include <fnmatch.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "ingest/csv.h"
#include "ingest/import_internal.h"
#include "store/queries.h"
#include "base/banned.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

enum cg_status import_reject(struct import_file *f, const char *field, const char *reason,
			     bool warning, struct cg_error *err)
{
	char line[32];
	if (!f->rejects) {
		snprintf(f->sum->reject_path, sizeof(f->sum->reject_path), "%s/%s.rejects.csv",
			 f->reject_dir, f->base);
		f->rejects = fopen(f->sum->reject_path, "w");
		if (!f->rejects)
			return cg_fail(err, CG_IO, "%s: cannot write the reject file",
				       f->sum->reject_path);
		fputs("file,line,field,reason\n", f->rejects);
	}
	snprintf(line, sizeof(line), "%ld", source_line(f->src));
	cg_csv_write_field(f->rejects, f->path);
	fprintf(f->rejects, ",%s,", line);
	cg_csv_write_field(f->rejects, field ? field : "");
	fputc(',', f->rejects);
	if (warning) {
		char w[CG_ERROR_MESSAGE_MAX + 16];
		snprintf(w, sizeof(w), "warning: %s", reason);
		cg_csv_write_field(f->rejects, w);
	} else {
		cg_csv_write_field(f->rejects, reason);
	}
	fputc('\n', f->rejects);
	if (warning)
		f->sum->warned++;
	return CG_OK;
}

/* The profile's label, checked once per file: canonical conditions and
 * compartments that exist. */
static enum cg_status file_label(struct import_file *f, struct cg_error *err)
{
	const struct cg_profile *p = f->profile;
	struct cg_buf b = CG_BUF_INIT;
	enum cg_status rc = CG_OK;
	const char *cond = cg_profile_global(p, "conditions", NULL);

	f->label.classification = cg_profile_global(p, "classification", NULL);
	f->label.handling = cg_profile_global(p, "handling", NULL);
	f->label.flag_contact = cg_profile_global(p, "flag_contact", NULL);
	f->label.subject_category = cg_profile_global(p, "subject_category", NULL);
	f->label.statement_basis = cg_profile_global(p, "statement_basis", NULL);
	if (f->label.handling[0] == 'C' && !cond)
		return cg_fail(err, CG_INVALID, "%s: handling C needs 'conditions'", p->origin);
	if (f->label.handling[0] == 'P' && cond)
		return cg_fail(err, CG_INVALID, "%s: 'conditions' given but handling is P", p->origin);
	if (cond) {
		rc = cg_handling_conditions_canonical(cond, &b, err);
		if (rc)
			return cg_error_prefix(err, "%s", p->origin);
		f->label.conditions = cg_buf_detach(&b, NULL);
	}
	rc = cg_compartments_canonical(cg_profile_global(p, "compartments", ""), &b, err);
	if (rc) {
		cg_buf_release(&b);
		return cg_error_prefix(err, "%s", p->origin);
	}
	f->label.compartments = cg_buf_detach(&b, NULL);
	return CG_OK;
}

/* BLAKE2b of the whole file, hex: the batch says exactly which bytes it
 * came from. */
static enum cg_status file_hash(const char *path, char hex[65], struct cg_error *err)
{
	crypto_generichash_state h;
	unsigned char out[32];
	unsigned char *buf = cg_xmalloc(1 << 16);
	FILE *fp = fopen(path, "rb");
	size_t n;
	bool failed;

	if (!fp) {
		free(buf);
		return cg_fail(err, CG_IO, "%s: cannot open the file", path);
	}
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	while ((n = fread(buf, 1, 1 << 16, fp)) > 0)
		crypto_generichash_update(&h, buf, n);
	failed = ferror(fp);
	fclose(fp);
	free(buf);
	if (failed)
		return cg_fail(err, CG_IO, "%s: cannot read the file", path);
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return CG_OK;
}

/* The tables of the profile that read this file, in profile order. */
static size_t matching_tables(const struct cg_profile *p, const char *base, size_t *idx,
			      size_t max)
{
	size_t n = 0;
	for (size_t t = 0; t < p->ntables && n < max; t++)
		if (fnmatch(cg_profile_value(&p->tables[t], "match"), base, 0) == 0)
			idx[n++] = t;
	return n;
}

static enum cg_status start_batch(struct import_file *f, const char *hash, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row;
	enum cg_status rc = cg_store_prepare_query(f->ctx->store, CG_Q_BATCH_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_int64(s, 2, f->ctx->who.user_id);
	cg_stmt_bind_str(s, 3, f->profile->origin);
	cg_stmt_bind_str(s, 4, f->source_system);
	cg_stmt_bind_str(s, 5, f->path);
	cg_stmt_bind_str(s, 6, hash);
	cg_stmt_bind_str(s, 7, f->now);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	f->batch_id = cg_store_last_id(f->ctx->store);
	f->sum->batch_id = f->batch_id;
	return rc;
}

static enum cg_status finish_batch(struct import_file *f, struct cg_error *err)
{
	struct cg_import_summary *m = f->sum;
	/* An external network's import also names the network. */
	struct cg_audit_ref refs[2] = { { "import_batch", f->batch_id },
					{ "external_network", f->network_id } };
	char detail[1024];
	struct cg_audit_event ev = { CG_AUDIT_COLLECTION, refs, f->network_id ? 2 : 1, detail,
				     NULL };
	struct cg_stmt *s = NULL;
	char done[CG_TIMESTAMP_ISO_SIZE];
	bool row;
	enum cg_status rc = cg_store_prepare_query(f->ctx->store, CG_Q_BATCH_FINISH, &s, err);

	if (rc)
		return rc;
	cg_timestamp_format_iso(cg_now(), done);
	cg_stmt_bind_str(s, 1, "complete");
	cg_stmt_bind_str(s, 2, done);
	cg_stmt_bind_int64(s, 3, m->read);
	cg_stmt_bind_int64(s, 4, m->stored);
	cg_stmt_bind_int64(s, 5, m->unchanged);
	cg_stmt_bind_int64(s, 6, m->updated);
	cg_stmt_bind_int64(s, 7, m->rejected);
	cg_stmt_bind_int64(s, 8, m->warned);
	cg_stmt_bind_int64(s, 9, f->batch_id);
	rc = cg_stmt_step(s, &row, err);
	cg_stmt_done(s);
	/* The collection entry names the batch; the batch names its rows
	 * (source_record.batch_id and the like). */
	snprintf(detail, sizeof(detail),
		 "import %.300s profile %.200s tables %.100s: read %lld, stored %lld, unchanged %lld, "
		 "updated %lld, rejected %lld",
		 f->path, f->profile->origin, m->tables, (long long)m->read, (long long)m->stored,
		 (long long)m->unchanged, (long long)m->updated, (long long)m->rejected);
	if (f->network)
		snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail),
			 " into network %.100s", f->network);
	if (rc == CG_OK)
		rc = cg_audit_append(f->ctx, &ev, NULL, err);
	return rc;
}

/* One pass over the file for one table. */
static enum cg_status import_table(struct import_file *f, bool first_pass, size_t ntables,
				   const size_t *tables, struct cg_error *err)
{
	enum cg_status rc = rows_bind(f, err);

	while (rc == CG_OK) {
		enum row_read what;
		enum row_result result;
		const char *reason = NULL, *field = NULL;

		rc = source_next(f->src, &what, &reason, &field, err);
		if (rc || what == ROW_EOF)
			break;
		if (what == ROW_BAD) {
			/* Unreadable rows count once, in the first pass. */
			if (first_pass) {
				f->sum->read++;
				f->sum->rejected++;
				rc = import_reject(f, field, reason, false, err);
			}
			continue;
		}
		if (!source_row_matches(f->src, cg_profile_value(f->table, "when"))) {
			/* A JSON line no table of this file takes: rejected once. */
			bool taken = false;
			for (size_t i = 0; first_pass && i < ntables; i++)
				taken = taken || source_row_matches(f->src,
						cg_profile_value(&f->profile->tables[tables[i]], "when"));
			if (first_pass && !taken) {
				f->sum->read++;
				f->sum->rejected++;
				rc = import_reject(f, NULL, "no table of the profile takes this row", false,
						   err);
			}
			continue;
		}
		f->sum->read++;
		rc = rows_handle(f, &result, err);
		if (rc) {
			cg_error_prefix(err, "%s:%ld", f->path, source_line(f->src));
			break;
		}
		switch (result) {
		case ROW_STORED: f->sum->stored++; break;
		case ROW_UNCHANGED: f->sum->unchanged++; break;
		case ROW_UPDATED: f->sum->updated++; break;
		case ROW_REJECTED: f->sum->rejected++; break;
		}
	}
	rows_release(f);
	return rc;
}

static enum cg_status import_file(struct cg_ctx *ctx, const struct cg_profile *p,
				  const char *path, const char *reject_dir, const char *network,
				  struct cg_import_summary *sum, struct cg_error *err)
{
	struct import_file f = { 0 };
	size_t tables[16], ntables;
	char hash[65];
	enum cg_status rc;

	memset(sum, 0, sizeof(*sum));
	snprintf(sum->file, sizeof(sum->file), "%s", path);
	f.ctx = ctx;
	f.profile = p;
	f.path = path;
	f.base = base_name(path);
	f.sum = sum;
	f.reject_dir = reject_dir;
	f.source_system = cg_profile_global(p, "source_system", "");
	for (size_t i = 0; i < sizeof(f.scratch) / sizeof(f.scratch[0]); i++)
		cg_buf_init(&f.scratch[i], 0);
	cg_strmap_init(&f.record_ids, IMPORT_CACHE_MAX);
	cg_strmap_init(&f.place_ids, IMPORT_CACHE_MAX);
	cg_strmap_init(&f.phone_ids, IMPORT_CACHE_MAX);
	cg_strmap_init(&f.node_ids, IMPORT_CACHE_MAX);
	f.network = network;
	cg_timestamp_format_iso(cg_now(), f.now);

	ntables = matching_tables(p, f.base, tables, 16);
	if (ntables == 0)
		return cg_fail(err, CG_INVALID, "%s: no table of profile %s reads a file called %s",
			       path, p->origin, f.base);
	for (size_t i = 0; i < ntables; i++)
		snprintf(sum->tables + strlen(sum->tables), sizeof(sum->tables) - strlen(sum->tables),
			 "%s%s", i ? "," : "", p->tables[tables[i]].name);
	if (strcmp(cg_profile_global(p, "format", "csv"), "csv") == 0)
		ntables = 1; /* a CSV file is one table: the first that matches */

	rc = file_label(&f, err);
	if (rc == CG_OK)
		rc = file_hash(path, hash, err);
	if (rc == CG_OK)
		rc = source_open(p, path, &f.src, err);
	if (rc == CG_OK)
		rc = cg_store_begin(ctx->store, err);
	if (rc)
		goto out;
	rc = start_batch(&f, hash, err);
	if (rc == CG_OK && network)
		rc = network_open(&f, err);
	for (size_t i = 0; rc == CG_OK && i < ntables; i++) {
		f.table = &p->tables[tables[i]];
		f.date_format = cg_profile_value(f.table, "date_format");
		if (!f.date_format)
			f.date_format = cg_profile_global(p, "date_format", "YYYY-MM-DD");
		if (i > 0)
			rc = source_rewind(f.src, err);
		if (rc == CG_OK)
			rc = import_table(&f, i == 0, ntables, tables, err);
		if (rc == CG_OK && network)
			rc = network_file_done(&f, err);
	}
	if (rc == CG_OK)
		rc = finish_batch(&f, err);
	if (rc == CG_OK)
		rc = cg_store_commit(ctx->store, err);
	if (rc)
		cg_store_rollback(ctx->store);
out:
	if (f.rejects && fclose(f.rejects) != 0 && rc == CG_OK)
		rc = cg_fail(err, CG_IO, "%s: could not write the reject file", sum->reject_path);
	source_close(f.src);
	for (size_t i = 0; i < sizeof(f.scratch) / sizeof(f.scratch[0]); i++)
		cg_buf_release(&f.scratch[i]);
	cg_strmap_release(&f.record_ids);
	cg_strmap_release(&f.place_ids);
	cg_strmap_release(&f.phone_ids);
	cg_strmap_release(&f.node_ids);
	free(f.label.conditions);
	free(f.label.compartments);
	free(f.last_conditions_in);
	free(f.last_conditions_out);
	if (rc) {
		/* Nothing of the file is stored (its batch was rolled back): its
		 * summary must not say otherwise. */
		sum->stored = sum->updated = sum->unchanged = 0;
		sum->batch_id = 0;
	}
	return rc;
}

/*
 * External networks: a file's tables are either all edge and node tables,
 * imported under the network name the caller gives, or none of them; and
 * one file holds at most one edge table (its edges are known by line).
 * Checked for every file before any is imported.
 */
static enum cg_status check_network_use(const struct cg_profile *p, const char *path,
					const char *network, struct cg_error *err)
{
	size_t idx[16];
	size_t n = matching_tables(p, base_name(path), idx, 16);
	size_t nedge = 0;
	const struct cg_profile_table *other = NULL, *net = NULL;

	if (strcmp(cg_profile_global(p, "format", "csv"), "csv") == 0 && n > 1)
		n = 1;
	for (size_t i = 0; i < n; i++) {
		const struct cg_profile_table *t = &p->tables[idx[i]];
		if (cg_table_kind_is_network(t->kind)) {
			nedge += t->kind == CG_TABLE_EDGE;
			net = t;
		} else {
			other = t;
		}
	}
	if (net && other)
		return cg_fail(err, CG_INVALID,
			       "%s: tables [%s] (%s) and [%s] (%s) both read it: an external "
			       "network's files hold only edges and nodes", path, net->name,
			       cg_table_kind_name(net->kind), other->name,
			       cg_table_kind_name(other->kind));
	if (nedge > 1)
		return cg_fail(err, CG_INVALID, "%s: more than one edge table reads it", path);
	if (net && !network)
		return cg_fail(err, CG_INVALID,
			       "%s: table [%s] holds an external network's %ss: name the network "
			       "(--network NAME)", path, net->name, cg_table_kind_name(net->kind));
	if (other && network)
		return cg_fail(err, CG_INVALID,
			       "%s: a network name is only for edge and node tables, and table [%s] "
			       "is %s %s table", path, other->name,
			       strchr("aeiou", cg_table_kind_name(other->kind)[0]) ? "an" : "a",
			       cg_table_kind_name(other->kind));
	return CG_OK;
}

/* The position of the first table that reads `path` (files sort by it). */
static size_t file_order(const struct cg_profile *p, const char *path)
{
	size_t idx[1];
	return matching_tables(p, base_name(path), idx, 1) ? idx[0] : p->ntables;
}

enum cg_status cg_import(struct cg_ctx *ctx, const struct cg_import_options *o,
			 struct cg_import_summary *summaries, struct cg_error *err)
{
	struct cg_profile *p = NULL;
	size_t *order = NULL;
	enum cg_status rc;

	if (ctx->who.agency_id == 0)
		return cg_fail(err, CG_DENIED, "import: act as a user of the agency that owns the data");
	if (!ctx->who.is_service)
		rc = cg_ctx_require_role(ctx, CG_ROLE_ANALYST | CG_ROLE_OFFICER | CG_ROLE_PIO |
						      CG_ROLE_SUPERVISOR, "import", err);
	else
		rc = CG_OK;
	if (rc == CG_OK && sodium_init() < 0)
		rc = cg_fail(err, CG_INTERNAL, "libsodium could not start");
	if (rc == CG_OK)
		rc = cg_profile_load(o->profile, &p, err);
	if (rc)
		return rc;

	/* People before what refers to them: sort by table position, stably. */
	order = cg_xcalloc(o->nfiles ? o->nfiles : 1, sizeof(*order));
	for (size_t i = 0; i < o->nfiles; i++)
		order[i] = i;
	for (size_t i = 1; i < o->nfiles; i++)
		for (size_t j = i; j > 0 && file_order(p, o->files[order[j - 1]]) >
					    file_order(p, o->files[order[j]]); j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (o->network)
		rc = network_name_check(o->network, err);
	for (size_t i = 0; rc == CG_OK && i < o->nfiles; i++)
		rc = check_network_use(p, o->files[i], o->network, err);
	/* An external network lands whole: every file in one transaction
	 * (each file's own is a savepoint inside it). */
	bool whole = false;
	if (rc == CG_OK && o->network) {
		rc = cg_store_begin(ctx->store, err);
		whole = rc == CG_OK;
	}
	for (size_t i = 0; rc == CG_OK && i < o->nfiles; i++) {
		size_t k = order[i];
		rc = import_file(ctx, p, o->files[k], o->reject_dir ? o->reject_dir : ".",
				 o->network, &summaries[k], err);
	}
	if (whole) {
		if (rc == CG_OK)
			rc = cg_store_commit(ctx->store, err);
		if (rc) {
			/* nothing of any file stays: no summary may say otherwise */
			cg_store_rollback(ctx->store);
			for (size_t i = 0; i < o->nfiles; i++) {
				summaries[i].batch_id = 0;
				summaries[i].stored = summaries[i].updated = 0;
				summaries[i].unchanged = 0;
			}
		}
	}
	free(order);
	cg_profile_free(p);
	return rc;
}
