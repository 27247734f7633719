/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * label.h - what every labelled row of the model shares: checking the label
 * a caller gives, reading the label a row carries, the flags shown for rows
 * a principal may not see, and the checks on short text fields (model
 * layer).
 *
 * Records, intelligence reports, OCGs and memberships all carry the trust
 * columns of the schema (owner agency, classification, handling code and
 * conditions, compartments, flag contact, restricted). Queries list them in
 * the order CG_LABEL_COLUMNS gives, so one reader serves every table.
 */
#ifndef CG_MODEL_LABEL_H
#define CG_MODEL_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "access/visibility.h"
#include "base/buf.h"
#include "base/vec.h"
#include "store/queries.h"

/* The columns cg_label_read expects, in this order, from column `first`:
 * owner agency id, classification, handling code, handling conditions,
 * compartments, flag contact, restricted. */
#define CG_LABEL_COLUMN_COUNT 7

/* The label a caller gives for a new row; the owner is the principal's
 * agency. */
struct cg_label_input {
	const char *classification;      /* required */
	const char *handling_code;       /* "P" or "C", required */
	const char *handling_conditions; /* required for C, refused for P */
	const char *compartments;        /* NULL or "" for none */
	const char *flag_contact;        /* NULL: silent to those who may not see */
};

/*
 * Validates a label (every compartment must exist) and writes the canonical
 * conditions and compartments into the buffers. Errors name the field.
 */
enum cg_status cg_label_check(struct cg_ctx *ctx, const struct cg_label_input *in,
			      struct cg_buf *conditions, struct cg_buf *compartments,
			      struct cg_error *err);

/* Binds a checked label to parameters first..first+5: classification,
 * handling code, conditions (NULL for none), compartments, flag contact. */
void cg_label_bind(struct cg_stmt *s, int first, const struct cg_label_input *in,
		   const struct cg_buf *conditions, const struct cg_buf *compartments);

/* Reads the label of the current row from columns first.. (strings
 * borrowed from the statement). */
enum cg_status cg_label_read(struct cg_stmt *s, int first, struct cg_label *l,
			     struct cg_error *err);

/* Does query q (one id parameter, the label columns from column 0) find
 * a row the principal sees in full? *seen false when there is no row. */
enum cg_status cg_label_sees(struct cg_ctx *ctx, enum cg_query q, int64_t id, bool *seen,
			     struct cg_error *err);

/* "Agency X holds further information — contact N". */
struct cg_flag {
	char *agency_code;
	char *agency_name;
	char *contact;
};

/* One flag per owner agency, in the order first met. */
struct cg_flags {
	CG_VEC(struct cg_flag) items;
	CG_VEC(int64_t) owners;
};

/* Notes a hidden row of `owner` whose label names `contact` ("" for the
 * agency's own contact); once per owner. */
enum cg_status cg_flags_note(struct cg_store *st, struct cg_flags *f, int64_t owner,
			     const char *contact, struct cg_error *err);

void cg_flag_release(struct cg_flag *f);
void cg_flags_release(struct cg_flags *f);

/* A short text field: at most `max` bytes, no control characters;
 * required means non-empty. */
enum cg_status cg_field_text(const char *field, const char *v, bool required,
			     size_t max, struct cg_error *err);

/* v must be one of `allowed` (NULL-terminated). */
enum cg_status cg_field_one_of(const char *field, const char *v,
			       const char *const *allowed, struct cg_error *err);

/* A date field: empty when optional, else YYYY-MM-DD. */
enum cg_status cg_field_date(const char *field, const char *v, bool required,
			     struct cg_error *err);

#endif
