/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_rows.c - turning one mapped row into records: binding the profile's
 * columns, reading and checking values, and dispatching to the handler of
 * the table's kind (ingest layer). The handlers live in import_people.c,
 * import_events.c and import_links.c. Every bad value rejects its row with
 * the column and the reason; an error status stops the file.
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

/* ---- binding ---- */

static enum cg_status parse_map(struct import_file *f, const char *key, struct value_map *m,
				struct cg_error *err)
{
	const char *v = cg_profile_value(f->table, key);
	while (v && *v) {
		const char *semi = strchr(v, ';');
		size_t n = semi ? (size_t)(semi - v) : strlen(v);
		const char *eq = memchr(v, '=', n);
		const char *a = v, *ae, *b, *be = v + n;
		if (!eq || m->n == MAX_MAP)
			return cg_fail(err, CG_INVALID, "%s:%d: %s: expected VALUE=RESULT; VALUE=RESULT",
				       f->profile->origin, cg_profile_line(f->table, key), key);
		ae = eq;
		b = eq + 1;
		while (a < ae && *a == ' ')
			a++;
		while (ae > a && ae[-1] == ' ')
			ae--;
		while (b < be && *b == ' ')
			b++;
		while (be > b && be[-1] == ' ')
			be--;
		m->from[m->n] = cg_xstrndup(a, (size_t)(ae - a));
		m->to[m->n] = cg_xstrndup(b, (size_t)(be - b));
		m->n++;
		v = semi ? semi + 1 : v + n;
	}
	return CG_OK;
}

const char *row_map_lookup(const struct value_map *m, struct cg_str v)
{
	for (int i = 0; i < m->n; i++)
		if (strlen(m->from[i]) == v.len && memcmp(m->from[i], v.ptr, v.len) == 0)
			return m->to[i];
	return NULL;
}

static void map_free(struct value_map *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	m->n = 0;
}

static char separator(const struct cg_profile_table *t, const char *key)
{
	const char *v = cg_profile_value(t, key);
	return v && *v ? v[0] : ';';
}

static bool list_contains(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t len = strcspn(p, ", ");
		if (len == n && memcmp(p, item, n) == 0)
			return true;
		p += len;
	}
	return false;
}

enum cg_status rows_bind(struct import_file *f, struct cg_error *err)
{
	struct rows_state *r = cg_xcalloc(1, sizeof(*r));
	const struct cg_profile_table *t = f->table;
	const char *hard = cg_profile_value(t, "hard_identifiers");
	enum cg_status rc = CG_OK;
	struct {
		const char *key;
		struct colref *ref;
	} cols[] = {
		{ "id", &r->id }, { "surname", &r->surname }, { "forenames", &r->forenames },
		{ "dob", &r->dob }, { "sex", &r->sex }, { "aliases", &r->aliases },
		{ "address", &r->address }, { "town", &r->town }, { "postcode", &r->postcode },
		{ "previous_postcode", &r->previous_postcode }, { "person", &r->person },
		{ "counterpart", &r->counterpart }, { "phone", &r->phone }, { "type", &r->type },
		{ "date", &r->date }, { "end_date", &r->end_date },
		{ "establishment", &r->establishment }, { "wing", &r->wing }, { "cell", &r->cell },
		{ "place", &r->place }, { "from", &r->from }, { "to", &r->to }, { "text", &r->text },
		{ "source_evaluation", &r->source_evaluation },
		{ "intel_assessment", &r->intel_assessment }, { "subjects", &r->subjects },
		{ "ocg", &r->ocg }, { "ocg_name", &r->ocg_name }, { "activities", &r->activities },
		{ "role", &r->role }, { "classification", &r->classification },
		{ "handling", &r->handling }, { "conditions", &r->conditions },
		{ "code", &r->code }, { "name", &r->name }, { "wings", &r->wings },
		{ "source", &r->source }, { "target", &r->target }, { "weight", &r->weight },
		{ "key", &r->key }, { "label", &r->label }, { "group", &r->group },
	};

	f->rows = r;
	for (size_t i = 0; rc == CG_OK && i < sizeof(cols) / sizeof(cols[0]); i++)
		rc = colref_bind(f->src, cg_profile_value(t, cols[i].key), cols[i].ref, err);
	for (size_t i = 0; rc == CG_OK && i < t->nsettings; i++) {
		const struct cg_profile_setting *s = &t->settings[i];
		enum cg_ident_kind k;
		if (strncmp(s->key, "identifier.", 11) != 0)
			continue;
		if (r->nident == MAX_IDENTS) {
			rc = cg_fail(err, CG_INVALID, "%s:%d: more than %d identifiers",
				     f->profile->origin, s->line, MAX_IDENTS);
			break;
		}
		r->ident_kind[r->nident] = s->key + 11;
		/* Unknown kinds are allowed (a profile's own), kept as given. */
		(void)cg_ident_kind_parse(s->key + 11, &k, NULL);
		r->ident_hard[r->nident] = list_contains(hard, s->key + 11);
		rc = colref_bind(f->src, s->value, &r->ident[r->nident], err);
		r->nident++;
	}
	const char *details = cg_profile_value(t, "details");
	while (rc == CG_OK && details && *details && r->ndetails < MAX_DETAILS) {
		const char *comma = strchr(details, ',');
		size_t n = comma ? (size_t)(comma - details) : strlen(details);
		/* the column reference keeps pointing at its name (rows use it as
		 * the details key), so the name lives as long as the binding */
		char *name = r->detail_names[r->ndetails];
		while (n && *details == ' ') {
			details++;
			n--;
		}
		while (n && details[n - 1] == ' ')
			n--;
		snprintf(name, sizeof(r->detail_names[0]), "%.*s", (int)n, details);
		rc = colref_bind(f->src, name, &r->details[r->ndetails++], err);
		details = comma ? comma + 1 : details + strlen(details);
	}
	if (rc == CG_OK)
		rc = parse_map(f, "sex_values", &r->sex_values, err);
	if (rc == CG_OK)
		rc = parse_map(f, "type_values", &r->type_values, err);
	r->alias_sep = separator(t, "alias_separator");
	r->subject_sep = separator(t, "subject_separator");
	r->event_type = cg_profile_value(t, "event_type");
	r->association_type = cg_profile_value(t, "association_type");
	return rc;
}

void rows_release(struct import_file *f)
{
	if (!f->rows)
		return;
	map_free(&f->rows->sex_values);
	map_free(&f->rows->type_values);
	free(f->rows);
	f->rows = NULL;
}

/* ---- reading values ---- */

/* Gets a column's value into *v using scratch buffer k. A value that is not
 * valid UTF-8 rejects the row: *bad is set and the reject recorded. */
enum cg_status row_get(struct import_file *f, const struct colref *c, int k, struct cg_str *v,
			  bool *bad, struct cg_error *err)
{
	struct cg_error detail = CG_ERROR_INIT;
	enum cg_status rc;

	v->ptr = "";
	v->len = 0;
	if (*bad || !c->spec)
		return CG_OK;
	cg_buf_reset(&f->scratch[k]);
	rc = colref_get(f->src, c, &f->scratch[k], v, &detail);
	if (rc == CG_INVALID) {
		*bad = true;
		return import_reject(f, c->spec, detail.message, false, err);
	}
	if (rc)
		return cg_fail(err, rc, "%s", detail.message);
	return CG_OK;
}

enum cg_status row_reject(struct import_file *f, bool *bad, const char *field,
			     const char *reason, struct cg_error *err)
{
	*bad = true;
	return import_reject(f, field, reason, false, err);
}

bool row_str_is(struct cg_str v, const char *s)
{
	return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

/* Copies a view into a NUL-terminated buffer of `size` (truncating). */
const char *row_cstr(struct cg_str v, char *buf, size_t size)
{
	size_t n = v.len < size - 1 ? v.len : size - 1;
	memcpy(buf, v.ptr, n);
	buf[n] = '\0';
	return buf;
}

/* Parses a date column with the table's pattern into ISO text. Empty:
 * out "" (callers decide whether it is required). */
enum cg_status row_get_date(struct import_file *f, const struct colref *c, int k,
			       char out[CG_DATE_ISO_SIZE], bool *bad, struct cg_error *err)
{
	struct cg_str v;
	struct cg_date d;
	struct cg_error why = CG_ERROR_INIT;
	enum cg_status rc = row_get(f, c, k, &v, bad, err);

	out[0] = '\0';
	if (rc || *bad || v.len == 0)
		return rc;
	if (cg_date_parse(v.ptr, v.len, f->date_format, &d, &why) != CG_OK)
		return row_reject(f, bad, c->spec, why.message, err);
	cg_date_format_iso(d, out);
	return CG_OK;
}

/* The row's label: profile defaults, then this row's override columns. */
enum cg_status row_label(struct import_file *f, struct row_label *l, bool *bad,
				struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_str cls, hnd, cond;
	enum cg_classification c;
	enum cg_status rc;
	static const char *const class_names[] = { "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET",
						   "TOP SECRET" };

	*l = (struct row_label){ f->label.classification, f->label.handling, f->label.conditions,
				 f->label.compartments, f->label.flag_contact };
	rc = row_get(f, &r->classification, 3, &cls, bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->handling, 4, &hnd, bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->conditions, 5, &cond, bad, err);
	if (rc || *bad)
		return rc;
	if (cls.len) {
		char buf[32];
		if (cg_classification_parse(row_cstr(cls, buf, sizeof(buf)), &c, NULL) != CG_OK)
			return row_reject(f, bad, r->classification.spec,
				      "not OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET", err);
		l->classification = class_names[c];
	}
	if (hnd.len) {
		if (!row_str_is(hnd, "P") && !row_str_is(hnd, "C"))
			return row_reject(f, bad, r->handling.spec, "handling code must be P or C", err);
		l->handling = row_str_is(hnd, "P") ? "P" : "C";
		if (l->handling[0] == 'P')
			l->conditions = NULL;
	}
	if (l->handling[0] == 'C' && r->conditions.spec && cond.len) {
		/* Exports repeat a few condition lists: keep the last one. */
		if (!f->last_conditions_in || strlen(f->last_conditions_in) != cond.len ||
		    memcmp(f->last_conditions_in, cond.ptr, cond.len) != 0) {
			struct cg_buf canon = CG_BUF_INIT;
			struct cg_error why = CG_ERROR_INIT;
			char *in = cg_xstrndup(cond.ptr, cond.len);
			if (cg_handling_conditions_canonical(in, &canon, &why) != CG_OK) {
				free(in);
				cg_buf_release(&canon);
				return row_reject(f, bad, r->conditions.spec, why.message, err);
			}
			free(f->last_conditions_in);
			free(f->last_conditions_out);
			f->last_conditions_in = in;
			f->last_conditions_out = cg_buf_detach(&canon, NULL);
		}
		l->conditions = f->last_conditions_out;
	}
	if (l->handling[0] == 'C' && !l->conditions)
		return row_reject(f, bad, r->handling.spec ? r->handling.spec : "handling",
			      "handling code C needs conditions naming who may receive the row", err);
	if (l->handling[0] == 'P' && cond.len)
		return row_reject(f, bad, r->conditions.spec,
			      "conditions given but the handling code is P", err);
	return CG_OK;
}

void row_bind_label(struct cg_stmt *s, int first, const struct row_label *l)
{
	cg_stmt_bind_str(s, first, l->classification);
	cg_stmt_bind_str(s, first + 1, l->handling);
	cg_stmt_bind_str(s, first + 2, l->conditions);
	cg_stmt_bind_str(s, first + 3, l->compartments);
	cg_stmt_bind_str(s, first + 4, l->flag_contact);
}

/* Runs a prepared write; *changed tells whether a row was written (an
 * INSERT OR IGNORE that found its row already there changes nothing). */
enum cg_status row_run(struct cg_store *st, struct cg_stmt *s, bool *changed,
			  struct cg_error *err)
{
	bool row;
	enum cg_status rc = cg_stmt_step(s, &row, err);
	if (changed)
		*changed = rc == CG_OK && cg_store_changes(st) > 0;
	cg_stmt_done(s);
	return rc;
}

/* The current record of this agency and system with source id `v`. */
enum cg_status row_find_record(struct import_file *f, struct cg_str v, int64_t *id,
				  struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	*id = 0;
	if (cg_strmap_get(&f->record_ids, v.ptr, v.len, id))
		return CG_OK;
	rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_CURRENT_RECORD, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, f->source_system);
	cg_stmt_bind_text(s, 3, v.ptr, v.len);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		*id = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	if (rc == CG_OK && *id)
		cg_strmap_put(&f->record_ids, v.ptr, v.len, *id);
	return rc;
}

/* Resolves a person reference column; rejects the row when it names no
 * record of this agency and system. Empty and optional: *id = 0. */
enum cg_status row_person_ref(struct import_file *f, const struct colref *c, bool required,
				 int64_t *id, bool *bad, struct cg_error *err)
{
	struct cg_str v;
	char reason[200], buf[64];
	enum cg_status rc = row_get(f, c, 0, &v, bad, err);

	*id = 0;
	if (rc || *bad)
		return rc;
	if (v.len == 0)
		return required ? row_reject(f, bad, c->spec, "empty: the row must name a person", err)
				: CG_OK;
	rc = row_find_record(f, v, id, err);
	if (rc == CG_OK && *id == 0) {
		snprintf(reason, sizeof(reason), "no %s record '%s' has been imported",
			 f->source_system, row_cstr(v, buf, sizeof(buf)));
		return row_reject(f, bad, c->spec, reason, err);
	}
	return rc;
}

struct cg_str row_str_of(const char *s)
{
	struct cg_str v = { s ? s : "", s ? strlen(s) : 0 };
	return v;
}

/* "<table>:<id>": the owner's id for a row, unique across its tables. */
const char *row_external_id(struct import_file *f, struct cg_str id, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%.*s", f->table->name, (int)id.len, id.ptr);
	return buf;
}

enum cg_status rows_handle(struct import_file *f, enum row_result *result, struct cg_error *err)
{
	switch (f->table->kind) {
	case CG_TABLE_PERSON:
		return rows_person(f, result, err);
	case CG_TABLE_EVENT:
		return rows_event(f, result, err);
	case CG_TABLE_ASSOCIATION:
		return rows_association(f, result, err);
	case CG_TABLE_INTEL:
		return rows_intel(f, result, err);
	case CG_TABLE_MEMBERSHIP:
		return rows_membership(f, result, err);
	case CG_TABLE_LOCATION:
		return rows_location(f, result, err);
	case CG_TABLE_EDGE:
		return rows_edge(f, result, err);
	case CG_TABLE_NODE:
		return rows_node(f, result, err);
	default:
		CG_ASSERT(!"unknown table kind");
	}
	return CG_INTERNAL;
}
