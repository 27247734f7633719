/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_people.c - person rows: source records with their names, aliases,
 * dates of birth, identifiers and addresses, versioned by a content hash
 * (ingest layer).
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "access/visibility.h"
#include "base/date.h"
#include "base/ident.h"
#include "base/name.h"
#include "base/xalloc.h"
#include "ingest/import_internal.h"
#include "model/record.h"
#include "store/queries.h"
#include "base/banned.h"

/* ---- people ---- */

static void hash_str(crypto_generichash_state *h, struct cg_str v)
{
	char len[24];
	int n = snprintf(len, sizeof(len), "%zu:", v.len);
	crypto_generichash_update(h, (const unsigned char *)len, (size_t)n);
	crypto_generichash_update(h, (const unsigned char *)v.ptr, v.len);
}


/* UK postcode normalised: upper case, one space before the inward code;
 * "" when it does not have a postcode's shape (the raw text is kept). */
static void postcode_norm(struct cg_str v, char out[10])
{
	char c[10];
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < v.len; i++) {
		char ch = v.ptr[i];
		if (ch == ' ')
			continue;
		if (n == 7)
			return;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return;
		c[n++] = ch;
	}
	/* outward 2-4 characters, inward digit + two letters */
	if (n < 5 || c[n - 3] < '0' || c[n - 3] > '9' || c[n - 2] < 'A' || c[n - 1] < 'A' ||
	    c[0] < 'A' || c[0] > 'Z')
		return;
	memcpy(out, c, n - 3);
	out[n - 3] = ' ';
	memcpy(out + n - 2, c + n - 3, 3);
	out[n + 1] = '\0';
}

static enum cg_status insert_name(struct import_file *f, int64_t record, const char *kind,
				  struct cg_str forenames, struct cg_str surname,
				  struct cg_error *err)
{
	struct cg_buf *fn = &f->scratch[0], *sn = &f->scratch[1];
	struct cg_stmt *s = NULL;
	enum cg_status rc;

	cg_buf_reset(fn);
	cg_buf_reset(sn);
	rc = cg_name_normalise(forenames.ptr, forenames.len, fn, err);
	if (rc == CG_OK)
		rc = cg_name_normalise(surname.ptr, surname.len, sn, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_NAME_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, record);
	cg_stmt_bind_str(s, 2, kind);
	cg_stmt_bind_text(s, 3, forenames.ptr, forenames.len);
	cg_stmt_bind_text(s, 4, surname.ptr, surname.len);
	cg_stmt_bind_text(s, 5, fn->data, fn->len);
	cg_stmt_bind_text(s, 6, sn->data, sn->len);
	return row_run(f->ctx->store, s, NULL, err);
}

/* "SURNAME, Forenames; OTHER, Name": each alias as a name of kind alias. */
static enum cg_status insert_aliases(struct import_file *f, int64_t record, struct cg_str list,
				     struct cg_error *err)
{
	const char *p = list.ptr, *end = list.ptr + list.len;
	int n = 0;
	enum cg_status rc = CG_OK;

	while (rc == CG_OK && p < end && n < MAX_ALIASES) {
		const char *sep = memchr(p, f->rows->alias_sep, (size_t)(end - p));
		const char *ae = sep ? sep : end;
		const char *comma = memchr(p, ',', (size_t)(ae - p));
		struct cg_str sur, fore = { "", 0 };
		sur.ptr = p;
		sur.len = (size_t)((comma ? comma : ae) - p);
		if (comma) {
			fore.ptr = comma + 1;
			fore.len = (size_t)(ae - comma - 1);
		}
		while (sur.len && *sur.ptr == ' ') {
			sur.ptr++;
			sur.len--;
		}
		while (sur.len && sur.ptr[sur.len - 1] == ' ')
			sur.len--;
		while (fore.len && *fore.ptr == ' ') {
			fore.ptr++;
			fore.len--;
		}
		while (fore.len && fore.ptr[fore.len - 1] == ' ')
			fore.len--;
		if (sur.len || fore.len) {
			rc = insert_name(f, record, "alias", fore, sur, err);
			n++;
		}
		p = sep ? sep + 1 : end;
	}
	return rc;
}

static enum cg_status insert_address(struct import_file *f, int64_t record, struct cg_str lines,
				     struct cg_str town, struct cg_str postcode, bool current,
				     struct cg_error *err)
{
	char norm[10];
	struct cg_stmt *s = NULL;
	enum cg_status rc;

	postcode_norm(postcode, norm);
	rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_ADDRESS_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, record);
	cg_stmt_bind_text(s, 2, lines.ptr, lines.len);
	cg_stmt_bind_text(s, 3, town.ptr, town.len);
	cg_stmt_bind_text(s, 4, postcode.ptr, postcode.len);
	cg_stmt_bind_str(s, 5, norm);
	cg_stmt_bind_int64(s, 6, current ? 1 : 0);
	return row_run(f->ctx->store, s, NULL, err);
}

struct person_values {
	struct cg_str id, surname, forenames, sex_raw, aliases, address, town, postcode, previous;
	struct cg_str ident[MAX_IDENTS];
	char ident_norm[MAX_IDENTS][CG_IDENT_MAX];
	bool ident_valid[MAX_IDENTS];
	char dob[CG_DATE_ISO_SIZE];
	struct cg_str dob_raw;
	const char *sex;
	struct row_label label;
};

static enum cg_status read_person(struct import_file *f, struct person_values *pv, bool *bad,
				  struct cg_error *err)
{
	struct rows_state *r = f->rows;
	enum cg_status rc;
	char reason[CG_ERROR_MESSAGE_MAX + 64];

	struct {
		const struct colref *c;
		struct cg_str *v;
	} plain[] = {
		{ &r->id, &pv->id }, { &r->surname, &pv->surname }, { &r->forenames, &pv->forenames },
		{ &r->sex, &pv->sex_raw }, { &r->aliases, &pv->aliases },
		{ &r->address, &pv->address }, { &r->town, &pv->town },
		{ &r->postcode, &pv->postcode }, { &r->previous_postcode, &pv->previous },
		{ &r->dob, &pv->dob_raw },
	};
	rc = CG_OK;
	for (size_t i = 0; rc == CG_OK && i < sizeof(plain) / sizeof(plain[0]); i++)
		rc = row_get(f, plain[i].c, 6 + (int)i, plain[i].v, bad, err);
	for (int i = 0; rc == CG_OK && i < r->nident; i++)
		rc = row_get(f, &r->ident[i], 16 + i, &pv->ident[i], bad, err);
	if (rc || *bad)
		return rc;
	if (pv->id.len == 0)
		return row_reject(f, bad, r->id.spec, "empty: every record needs its id", err);
	if (pv->id.len > 128)
		return row_reject(f, bad, r->id.spec, "longer than 128 characters", err);
	if (pv->surname.len == 0 && pv->forenames.len == 0)
		return row_reject(f, bad, r->surname.spec ? r->surname.spec : r->forenames.spec,
			      "no name: a person needs a surname or forenames", err);
	rc = row_get_date(f, &r->dob, 2, pv->dob, bad, err);
	if (rc || *bad)
		return rc;
	pv->sex = NULL;
	if (pv->sex_raw.len) {
		pv->sex = r->sex_values.n ? row_map_lookup(&r->sex_values, pv->sex_raw) : NULL;
		if (!pv->sex && !r->sex_values.n && pv->sex_raw.len == 1 &&
		    strchr("MFXU", pv->sex_raw.ptr[0]))
			pv->sex = row_str_is(pv->sex_raw, "M") ? "M" : row_str_is(pv->sex_raw, "F") ? "F"
								: row_str_is(pv->sex_raw, "X") ? "X" : "U";
		if (!pv->sex || !strchr("MFXU", pv->sex[0]) || pv->sex[1]) {
			char buf[40];
			snprintf(reason, sizeof(reason), "'%s' is not a sex this profile knows",
				 row_cstr(pv->sex_raw, buf, sizeof(buf)));
			return row_reject(f, bad, r->sex.spec, reason, err);
		}
	}
	for (int i = 0; i < r->nident; i++) {
		enum cg_ident_kind k;
		pv->ident_valid[i] = false;
		if (!pv->ident[i].len)
			continue;
		if (cg_ident_kind_parse(r->ident_kind[i], &k, NULL) != CG_OK) {
			pv->ident_valid[i] = pv->ident[i].len < CG_IDENT_MAX;
			row_cstr(pv->ident[i], pv->ident_norm[i], CG_IDENT_MAX);
			continue;
		}
		struct cg_error why = CG_ERROR_INIT;
		if (cg_ident_normalise(k, pv->ident[i].ptr, pv->ident[i].len, pv->ident_norm[i],
				       &why) == CG_OK) {
			pv->ident_valid[i] = true;
		} else {
			/* Kept as raw text, never guessed; the row is stored and
			 * the reject file says why the identifier was not used. */
			snprintf(reason, sizeof(reason), "%.120s; kept as text, not used as an identifier",
				 why.message);
			rc = import_reject(f, r->ident[i].spec, reason, true, err);
			if (rc)
				return rc;
		}
	}
	return row_label(f, &pv->label, bad, err);
}

static void person_hash(const struct import_file *f, const struct person_values *pv,
			char hex[65])
{
	const struct rows_state *r = f->rows;
	crypto_generichash_state h;
	unsigned char out[32];
	struct cg_str parts[] = {
		pv->id, pv->surname, pv->forenames, pv->dob_raw, row_str_of(pv->sex), pv->aliases,
		pv->address, pv->town, pv->postcode, pv->previous,
		row_str_of(pv->label.classification), row_str_of(pv->label.handling),
		row_str_of(pv->label.conditions), row_str_of(pv->label.compartments),
		row_str_of(pv->label.flag_contact),
	};
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		hash_str(&h, parts[i]);
	for (int i = 0; i < r->nident; i++) {
		hash_str(&h, row_str_of(r->ident_kind[i]));
		hash_str(&h, pv->ident[i]);
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, 65, out, sizeof(out));
}

static enum cg_status insert_person(struct import_file *f, const struct person_values *pv,
				    int64_t version, const char *hash, int64_t *id,
				    struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_buf *fn = &f->scratch[0], *sn = &f->scratch[1];
	struct cg_stmt *s = NULL;
	char pc[10];
	enum cg_status rc;

	cg_buf_reset(fn);
	cg_buf_reset(sn);
	postcode_norm(pv->postcode, pc);
	rc = cg_name_normalise(pv->forenames.ptr, pv->forenames.len, fn, err);
	if (rc == CG_OK)
		rc = cg_name_normalise(pv->surname.ptr, pv->surname.len, sn, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_RECORD_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, f->source_system);
	cg_stmt_bind_text(s, 3, pv->id.ptr, pv->id.len);
	cg_stmt_bind_int64(s, 4, version);
	cg_stmt_bind_int64(s, 5, f->batch_id);
	cg_stmt_bind_str(s, 6, hash);
	cg_stmt_bind_str(s, 7, pv->sex);
	cg_stmt_bind_str(s, 8, f->now);
	row_bind_label(s, 9, &pv->label);
	cg_stmt_bind_str(s, 14, f->label.subject_category);
	cg_stmt_bind_str(s, 15, f->label.statement_basis);
	cg_stmt_bind_text(s, 16, pv->forenames.ptr, pv->forenames.len);
	cg_stmt_bind_text(s, 17, pv->surname.ptr, pv->surname.len);
	cg_stmt_bind_text(s, 18, fn->data, fn->len);
	cg_stmt_bind_text(s, 19, sn->data, sn->len);
	cg_stmt_bind_str(s, 20, pv->dob[0] ? pv->dob : NULL);
	if (pv->dob_raw.len)
		cg_stmt_bind_text(s, 21, pv->dob_raw.ptr, pv->dob_raw.len);
	else
		cg_stmt_bind_null(s, 21);
	cg_stmt_bind_text(s, 22, pv->postcode.ptr, pv->postcode.len);
	cg_stmt_bind_str(s, 23, pc);
	rc = row_run(st, s, NULL, err);
	if (rc)
		return rc;
	*id = cg_store_last_id(st);
	if (pv->aliases.len)
		rc = insert_aliases(f, *id, pv->aliases, err);
	for (int i = 0; rc == CG_OK && i < r->nident; i++) {
		if (!pv->ident[i].len)
			continue;
		rc = cg_store_prepare_query(st, CG_Q_RECORD_IDENT_INSERT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, *id);
		cg_stmt_bind_str(s, 2, r->ident_kind[i]);
		cg_stmt_bind_text(s, 3, pv->ident[i].ptr, pv->ident[i].len);
		cg_stmt_bind_str(s, 4, pv->ident_valid[i] ? pv->ident_norm[i] : NULL);
		cg_stmt_bind_int64(s, 5, r->ident_hard[i] ? 1 : 0);
		rc = row_run(st, s, NULL, err);
	}
	/* The full address only when there is more than a postcode. */
	if (rc == CG_OK && (pv->address.len || pv->town.len))
		rc = insert_address(f, *id, pv->address, pv->town, pv->postcode, true, err);
	if (rc == CG_OK && pv->previous.len)
		rc = insert_address(f, *id, (struct cg_str){ "", 0 }, (struct cg_str){ "", 0 },
				    pv->previous, false, err);
	return rc;
}

enum cg_status rows_person(struct import_file *f, enum row_result *result,
				 struct cg_error *err)
{
	struct person_values pv;
	struct cg_stmt *s = NULL;
	bool bad = false, row = false;
	char hash[65], old_hash[65] = "";
	int64_t old_id = 0, old_version = 0, id = 0;
	bool restricted = false, withdrawn = false;
	enum cg_status rc;

	memset(&pv, 0, sizeof(pv));
	*result = ROW_REJECTED;
	rc = read_person(f, &pv, &bad, err);
	if (rc || bad)
		return rc;
	person_hash(f, &pv, hash);

	rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_CURRENT_RECORD, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, f->source_system);
	cg_stmt_bind_text(s, 3, pv.id.ptr, pv.id.len);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row) {
		old_id = cg_stmt_int64(s, 0);
		snprintf(old_hash, sizeof(old_hash), "%s", cg_stmt_text(s, 1));
		old_version = cg_stmt_int64(s, 2);
		restricted = cg_stmt_int64(s, 3) != 0;
		withdrawn = cg_stmt_int64(s, 4) != 0;
	}
	cg_stmt_done(s);
	if (rc)
		return rc;
	if (old_id && strcmp(old_hash, hash) == 0) {
		*result = ROW_UNCHANGED;
		return CG_OK;
	}
	/* The owner withdrew this record in Common Ground: an export that
	 * still carries it must not bring its content back. */
	if (withdrawn) {
		*result = ROW_UNCHANGED;
		return import_reject(f, f->rows->id.spec,
				     "the record was withdrawn here; not updated from the export", true,
				     err);
	}
	if (old_id) {
		rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_SUPERSEDE, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_int64(s, 1, old_id);
			rc = row_run(f->ctx->store, s, NULL, err);
		}
	}
	if (rc == CG_OK)
		rc = insert_person(f, &pv, old_version + 1, hash, &id, err);
	if (rc == CG_OK && restricted) {
		rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_KEEP_RESTRICTED, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_int64(s, 1, id);
			rc = row_run(f->ctx->store, s, NULL, err);
		}
	}
	if (rc == CG_OK)
		cg_strmap_put(&f->record_ids, pv.id.ptr, pv.id.len, id);
	if (rc == CG_OK && old_id) {
		/* Every alteration is an entry of its own, naming both versions;
		 * agencies that consulted the old one are told it was corrected. */
		struct cg_audit_ref refs[2] = { { "source_record", old_id }, { "source_record", id } };
		char detail[200];
		struct cg_audit_event ev = { CG_AUDIT_ALTERATION, refs, 2, detail, NULL };
		size_t told = 0;
		snprintf(detail, sizeof(detail), "import %s line %ld: new version %lld of record %lld",
			 f->base, source_line(f->src), (long long)(old_version + 1), (long long)old_id);
		rc = cg_audit_append(f->ctx, &ev, NULL, err);
		if (rc == CG_OK)
			rc = cg_record_notify_correction(f->ctx, old_id, detail, &told, err);
	}
	if (rc == CG_OK)
		*result = old_id ? ROW_UPDATED : ROW_STORED;
	return rc;
}
