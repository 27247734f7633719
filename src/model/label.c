/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * label.c - checking, binding and reading the trust columns every labelled
 * row carries, and the flags for hidden rows (model layer). See label.h.
 */
#include "model/label.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "store/queries.h"
#include "base/banned.h"

#define FLAG_CONTACT_MAX 256

enum cg_status cg_field_text(const char *field, const char *v, bool required, size_t max,
			     struct cg_error *err)
{
	if (!v || !*v)
		return required ? cg_fail(err, CG_INVALID, "%s: required", field) : CG_OK;
	if (strlen(v) > max)
		return cg_fail(err, CG_INVALID, "%s: longer than %zu bytes", field, max);
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20)
			return cg_fail(err, CG_INVALID, "%s: control character", field);
	return CG_OK;
}

enum cg_status cg_field_one_of(const char *field, const char *v,
			       const char *const *allowed, struct cg_error *err)
{
	for (; *allowed; allowed++)
		if (v && strcmp(v, *allowed) == 0)
			return CG_OK;
	return cg_fail(err, CG_INVALID, "%s: '%.40s' is not allowed", field, v ? v : "");
}

enum cg_status cg_field_date(const char *field, const char *v, bool required,
			     struct cg_error *err)
{
	struct cg_date d;
	if (!v || !*v)
		return required ? cg_fail(err, CG_INVALID, "%s: required (YYYY-MM-DD)", field)
				: CG_OK;
	if (cg_date_parse_iso(v, &d, err))
		return cg_error_prefix(err, "%s", field);
	return CG_OK;
}

/* Every compartment must exist: a misspelt one would hide the row from
 * everyone but the owner's supervisors. */
static enum cg_status check_compartments_exist(struct cg_store *st, const char *list,
					       struct cg_error *err)
{
	enum cg_status rc = CG_OK;
	for (const char *p = list; rc == CG_OK && *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char code[CG_AGENCY_CODE_MAX + 1];
		struct cg_stmt *s = NULL;
		bool row = false;
		if (n > CG_AGENCY_CODE_MAX)
			return cg_fail(err, CG_INVALID, "compartments: code too long");
		memcpy(code, p, n);
		code[n] = '\0';
		rc = cg_store_prepare_query(st, CG_Q_COMPARTMENT_EXISTS, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_str(s, 1, code);
			rc = cg_stmt_step(s, &row, err);
		}
		if (rc == CG_OK && !(row && cg_stmt_int64(s, 0) > 0))
			rc = cg_fail(err, CG_INVALID, "compartments: no compartment %s", code);
		cg_stmt_done(s);
		p = comma ? comma + 1 : p + n;
	}
	return rc;
}

enum cg_status cg_label_check(struct cg_ctx *ctx, const struct cg_label_input *in,
			      struct cg_buf *conditions, struct cg_buf *compartments,
			      struct cg_error *err)
{
	static const char *const handling[] = { "P", "C", NULL };
	enum cg_classification c;
	enum cg_status rc = cg_classification_parse(in->classification, &c, err);

	if (rc)
		return cg_error_prefix(err, "classification");
	rc = cg_field_one_of("handling code", in->handling_code, handling, err);
	if (rc)
		return rc;
	if (in->handling_code[0] == 'C') {
		/* its messages already begin "handling conditions: " */
		rc = cg_handling_conditions_canonical(in->handling_conditions, conditions, err);
		if (rc)
			return rc;
	} else if (in->handling_conditions && *in->handling_conditions) {
		return cg_fail(err, CG_INVALID,
			       "handling conditions: only handling code C carries conditions");
	}
	rc = cg_compartments_canonical(in->compartments, compartments, err);
	if (rc == CG_OK)
		rc = check_compartments_exist(ctx->store, compartments->data, err);
	if (rc == CG_OK)
		rc = cg_field_text("flag contact", in->flag_contact, false, FLAG_CONTACT_MAX, err);
	return rc;
}

void cg_label_bind(struct cg_stmt *s, int first, const struct cg_label_input *in,
		   const struct cg_buf *conditions, const struct cg_buf *compartments)
{
	cg_stmt_bind_str(s, first, in->classification);
	cg_stmt_bind_str(s, first + 1, in->handling_code);
	cg_stmt_bind_str(s, first + 2, conditions->len ? conditions->data : NULL);
	cg_stmt_bind_str(s, first + 3, compartments->len ? compartments->data : "");
	cg_stmt_bind_str(s, first + 4,
			 in->flag_contact && *in->flag_contact ? in->flag_contact : NULL);
}

enum cg_status cg_label_read(struct cg_stmt *s, int first, struct cg_label *l,
			     struct cg_error *err)
{
	l->owner_agency_id = cg_stmt_int64(s, first);
	l->handling_code = cg_stmt_text(s, first + 2)[0];
	l->handling_conditions = cg_stmt_is_null(s, first + 3) ? NULL : cg_stmt_text(s, first + 3);
	l->compartments = cg_stmt_text(s, first + 4);
	l->flag_contact = cg_stmt_is_null(s, first + 5) ? NULL : cg_stmt_text(s, first + 5);
	l->restricted = cg_stmt_int64(s, first + 6) != 0;
	return cg_classification_parse(cg_stmt_text(s, first + 1), &l->classification, err);
}

enum cg_status cg_label_sees(struct cg_ctx *ctx, enum cg_query q, int64_t id, bool *seen,
			     struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_label label;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(ctx->store, q, &s, err);

	*seen = false;
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, id);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row)
		rc = cg_label_read(s, 0, &label, err);
	if (rc == CG_OK && row)
		*seen = cg_visibility(&ctx->who, &label) == CG_SEE_FULL;
	cg_stmt_done(s);
	return rc;
}

void cg_flag_release(struct cg_flag *f)
{
	free(f->agency_code);
	free(f->agency_name);
	free(f->contact);
	memset(f, 0, sizeof(*f));
}

void cg_flags_release(struct cg_flags *f)
{
	for (size_t i = 0; i < f->items.len; i++)
		cg_flag_release(&f->items.items[i]);
	cg_vec_release(&f->items);
	cg_vec_release(&f->owners);
}

enum cg_status cg_flags_note(struct cg_store *st, struct cg_flags *f, int64_t owner,
			     const char *contact, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	for (size_t i = 0; i < f->owners.len; i++)
		if (f->owners.items[i] == owner)
			return CG_OK;
	rc = cg_store_prepare_query(st, CG_Q_AGENCY_BY_ID, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_int64(s, 1, owner);
		rc = cg_stmt_step(s, &row, err);
	}
	if (rc == CG_OK && row) {
		struct cg_flag flag = {
			cg_xstrdup(cg_stmt_text(s, 0)), cg_xstrdup(cg_stmt_text(s, 1)),
			cg_xstrdup(contact && contact[0] ? contact : cg_stmt_text(s, 2)),
		};
		cg_vec_push(&f->items, flag);
		cg_vec_push(&f->owners, owner);
	}
	cg_stmt_done(s);
	return rc;
}
