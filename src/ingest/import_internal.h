/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_internal.h - what the importer's files share (ingest layer,
 * internal): the source of rows (CSV or JSON Lines) with column lookup, and
 * the per-file state the row handlers use.
 */
#ifndef CG_INGEST_IMPORT_INTERNAL_H
#define CG_INGEST_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "store/store.h"

#include "access/context.h"
#include "base/buf.h"
#include "base/strmap.h"
#include "ingest/import.h"
#include "ingest/profile.h"

/* ---- rows (import_source.c) ---- */

struct row_source;

/* A column reference: one column, or several joined by " + " in the
 * profile (their non-empty values are joined with a space). */
#define COLREF_PARTS 4
struct colref {
	const char *spec;             /* as written in the profile; NULL: not mapped */
	const char *names[COLREF_PARTS];
	int index[COLREF_PARTS];      /* CSV column index of each part */
	int nparts;
	char storage[256];            /* the names, split */
};

/* Opens `path` for the profile's format. CSV: reads the header. */
enum cg_status source_open(const struct cg_profile *p, const char *path,
			   struct row_source **out, struct cg_error *err);
void source_close(struct row_source *s);

/* Rewinds to the first data row (for another pass over a JSON Lines file). */
enum cg_status source_rewind(struct row_source *s, struct cg_error *err);

/* Outcome of reading one row. */
enum row_read { ROW_OK, ROW_BAD, ROW_EOF };

/*
 * Reads the next row. ROW_BAD: the row could not be read (wrong column
 * count, bad quoting, a JSON error); *reason says why, *field names the
 * CSV column the problem is in (NULL when it concerns the whole row), and
 * the reader has resumed at the next row. Both stay valid until the next
 * call. A failure of the whole file is an error status.
 */
enum cg_status source_next(struct row_source *s, enum row_read *what, const char **reason,
			   const char **field, struct cg_error *err);

/* Physical line where the current row starts. */
long source_line(const struct row_source *s);

/*
 * Binds a column reference for this source: CSV checks every part is
 * exactly one header column (CG_INVALID naming the file and the column
 * when it is missing or there twice). `spec` NULL leaves it unmapped.
 */
enum cg_status colref_bind(struct row_source *s, const char *spec, struct colref *c,
			   struct cg_error *err);

/*
 * The current row's value of a column reference (trimmed), in *out. May
 * point into the row or into `scratch`; valid until the next row or the
 * next use of scratch. Unmapped or missing: empty. For JSON Lines, numbers
 * and booleans are given as their text, null as empty. CG_INVALID (err
 * says why; the caller names the column) when the value is not valid UTF-8
 * or is a JSON array or object.
 */
enum cg_status colref_get(struct row_source *s, const struct colref *c, struct cg_buf *scratch,
			  struct cg_str *out, struct cg_error *err);

/* JSON Lines: does the current row have FIELD=VALUE (a table's `when`)? */
bool source_row_matches(struct row_source *s, const char *when);

/* ---- per-file state (import.c) ---- */

struct rows_state;

struct label_defaults {
	const char *classification;
	const char *handling;
	char *conditions;            /* canonical, owned; NULL for none */
	char *compartments;          /* canonical, owned */
	const char *flag_contact;
	const char *subject_category;
	const char *statement_basis;
};

struct import_file {
	struct cg_ctx *ctx;
	const struct cg_profile *profile;
	const struct cg_profile_table *table;
	struct row_source *src;
	const char *path;
	const char *base;            /* file name without directory */
	const char *source_system;
	const char *date_format;
	int64_t batch_id;
	char now[24];
	struct label_defaults label;
	struct cg_import_summary *sum;
	FILE *rejects;               /* opened on the first reject */
	const char *reject_dir;
	struct cg_buf scratch[24];   /* per-row working space, one per value alive at once */
	char *last_conditions_in;    /* cache of the last canonicalised conditions */
	char *last_conditions_out;
	struct rows_state *rows;     /* the row handlers' bound columns (import_rows.c) */
	/* What this file's rows resolved to, so each id, place and phone
	 * number is looked up once per file (bounded: see strmap.h). Valid
	 * for the file's transaction, which no other writer can interleave. */
	struct cg_strmap record_ids; /* source id -> current record id */
	struct cg_strmap place_ids;  /* kind, code, parent -> location id */
	struct cg_strmap phone_ids;  /* normalised number -> object id */
	/* External networks (import_network.c): the network the file's edge
	 * and node rows go into, its node ids by key, and the line of the
	 * last edge row (lines between rows lose their old edges). */
	const char *network;         /* its name; NULL for other imports */
	int64_t network_id;
	struct cg_strmap node_ids;   /* key -> external_node id */
	long network_last_line;
	bool network_changed;        /* a row was stored, updated or removed */
};

/* Most entries each cache holds. */
#define IMPORT_CACHE_MAX ((size_t)1 << 18)

/* A row's label after per-row overrides; strings valid until the next row. */
struct row_label {
	const char *classification;
	const char *handling;
	const char *conditions;      /* NULL for P */
	const char *compartments;
	const char *flag_contact;
};

/* Records a rejected row (or, warning = true, a stored row's warning). */
enum cg_status import_reject(struct import_file *f, const char *field, const char *reason,
			     bool warning, struct cg_error *err);

/* ---- row handlers (import_rows.c) ---- */

/* Result of one row. */
enum row_result { ROW_STORED, ROW_UNCHANGED, ROW_UPDATED, ROW_REJECTED };

/* Prepares the table's column references (once per file). */
enum cg_status rows_bind(struct import_file *f, struct cg_error *err);

/* Handles the current row of f->src according to f->table's kind. A bad
 * row is recorded with import_reject and answered ROW_REJECTED; an error
 * status means the file must stop. */
enum cg_status rows_handle(struct import_file *f, enum row_result *result, struct cg_error *err);

void rows_release(struct import_file *f);

/* ---- what the handlers share (import_rows.c) ---- */

/* Bounds of what one row may carry. */
#define MAX_IDENTS 8
#define MAX_DETAILS 8
#define MAX_MAP 32
#define MAX_ALIASES 16
#define MAX_SUBJECTS 64

/* "a=b; c=d" as parsed from a *_values key. */
struct value_map {
	char *from[MAX_MAP];
	char *to[MAX_MAP];
	int n;
};


/* The columns a table's profile names, bound to this file (rows_bind). */
struct rows_state {
	struct colref id, surname, forenames, dob, sex, aliases, address, town, postcode,
		previous_postcode;
	struct colref ident[MAX_IDENTS];
	const char *ident_kind[MAX_IDENTS];
	bool ident_hard[MAX_IDENTS];
	int nident;
	struct colref person, counterpart, phone, type, date, end_date, establishment, wing,
		cell, place;
	struct colref details[MAX_DETAILS];
	char detail_names[MAX_DETAILS][128]; /* what details[i].spec points to */
	int ndetails;
	struct colref from, to, text, source_evaluation, intel_assessment, subjects, ocg,
		ocg_name, activities, role;
	struct colref classification, handling, conditions;
	struct colref code, name, wings;
	struct colref source, target, weight, key, label, group;
	struct value_map sex_values, type_values;
	char alias_sep, subject_sep;
	const char *event_type;       /* literal event type, or NULL */
	const char *association_type; /* literal association type, or NULL */
};

/* Gets a column's value into *v using scratch buffer k. A value that is not
 * valid UTF-8 rejects the row: *bad is set and the reject recorded. */
enum cg_status row_get(struct import_file *f, const struct colref *c, int k, struct cg_str *v,
			  bool *bad, struct cg_error *err);

enum cg_status row_reject(struct import_file *f, bool *bad, const char *field,
			     const char *reason, struct cg_error *err);

bool row_str_is(struct cg_str v, const char *s);

/* Parses a date column with the table's pattern into ISO text. Empty:
 * out "" (callers decide whether it is required). */
enum cg_status row_get_date(struct import_file *f, const struct colref *c, int k,
			       char out[CG_DATE_ISO_SIZE], bool *bad, struct cg_error *err);

/* The row's label: profile defaults, then this row's override columns. */
enum cg_status row_label(struct import_file *f, struct row_label *l, bool *bad,
				struct cg_error *err);

void row_bind_label(struct cg_stmt *s, int first, const struct row_label *l);

/* Runs a prepared write; *changed tells whether a row was written (an
 * INSERT OR IGNORE that found its row already there changes nothing). */
enum cg_status row_run(struct cg_store *st, struct cg_stmt *s, bool *changed,
			  struct cg_error *err);

/* The current record of this agency and system with source id `v`. */
enum cg_status row_find_record(struct import_file *f, struct cg_str v, int64_t *id,
				  struct cg_error *err);

/* Resolves a person reference column; rejects the row when it names no
 * record of this agency and system. Empty and optional: *id = 0. */
enum cg_status row_person_ref(struct import_file *f, const struct colref *c, bool required,
				 int64_t *id, bool *bad, struct cg_error *err);

struct cg_str row_str_of(const char *s);

/* Copies a view into a NUL-terminated buffer of `size` (truncating). */
const char *row_cstr(struct cg_str v, char *buf, size_t size);

/* What a *_values map says `v` becomes, or NULL. */
const char *row_map_lookup(const struct value_map *m, struct cg_str v);

/* "<table>:<id>": the owner's id for a row, unique across its tables. */
const char *row_external_id(struct import_file *f, struct cg_str id, char *buf, size_t size);

/* Finds or creates a location by code (import_events.c). */
enum cg_status row_location_id(struct import_file *f, const char *kind, struct cg_str code,
			       int64_t parent, int64_t *id, struct cg_error *err);

/* The handlers, one per kind of table. */
enum cg_status rows_person(struct import_file *f, enum row_result *result, struct cg_error *err);
enum cg_status rows_event(struct import_file *f, enum row_result *result, struct cg_error *err);
enum cg_status rows_location(struct import_file *f, enum row_result *result, struct cg_error *err);
enum cg_status rows_association(struct import_file *f, enum row_result *result,
				struct cg_error *err);
enum cg_status rows_intel(struct import_file *f, enum row_result *result, struct cg_error *err);
enum cg_status rows_membership(struct import_file *f, enum row_result *result,
			       struct cg_error *err);
enum cg_status rows_edge(struct import_file *f, enum row_result *result, struct cg_error *err);
enum cg_status rows_node(struct import_file *f, enum row_result *result, struct cg_error *err);

/* ---- external networks (import_network.c) ---- */

/* Checks a network name: 1 to 100 bytes of text without '/' or control
 * characters. */
enum cg_status network_name_check(const char *name, struct cg_error *err);

/* Finds the importing agency's network f->network, or creates it with the
 * file's label; CG_INVALID when it exists with a different label. Sets
 * f->network_id. Inside the file's transaction. */
enum cg_status network_open(struct import_file *f, struct cg_error *err);

/* After the file's last row: removes edges of lines past the last edge
 * row (the file got shorter) and records when the network changed. */
enum cg_status network_file_done(struct import_file *f, struct cg_error *err);

#endif
