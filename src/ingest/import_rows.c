/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_rows.c - turning one mapped row into records (ingest layer).
 *
 * One handler per kind of table. Each reads the row through the columns
 * the profile named, validates every value (a bad one rejects the row with
 * the column and the reason), then writes through the named queries of
 * store/q_import.h. Person rows are versioned by a content hash; the other
 * kinds are recognised again by the owner's id for them.
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
	int ndetails;
	struct colref from, to, text, source_evaluation, intel_assessment, subjects, ocg,
		ocg_name, activities, role;
	struct colref classification, handling, conditions;
	struct colref code, name, wings;
	struct value_map sex_values, type_values;
	char alias_sep, subject_sep;
	const char *event_type;       /* literal event type, or NULL */
	const char *association_type; /* literal association type, or NULL */
};

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

static const char *map_lookup(const struct value_map *m, struct cg_str v)
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
		char name[128];
		while (n && *details == ' ') {
			details++;
			n--;
		}
		while (n && details[n - 1] == ' ')
			n--;
		snprintf(name, sizeof(name), "%.*s", (int)n, details);
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
static enum cg_status get(struct import_file *f, const struct colref *c, int k, struct cg_str *v,
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

static enum cg_status reject(struct import_file *f, bool *bad, const char *field,
			     const char *reason, struct cg_error *err)
{
	*bad = true;
	return import_reject(f, field, reason, false, err);
}

static bool str_is(struct cg_str v, const char *s)
{
	return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

/* Copies a view into a NUL-terminated buffer of `size` (truncating). */
static const char *cstr(struct cg_str v, char *buf, size_t size)
{
	size_t n = v.len < size - 1 ? v.len : size - 1;
	memcpy(buf, v.ptr, n);
	buf[n] = '\0';
	return buf;
}

/* Parses a date column with the table's pattern into ISO text. Empty:
 * out "" (callers decide whether it is required). */
static enum cg_status get_date(struct import_file *f, const struct colref *c, int k,
			       char out[CG_DATE_ISO_SIZE], bool *bad, struct cg_error *err)
{
	struct cg_str v;
	struct cg_date d;
	struct cg_error why = CG_ERROR_INIT;
	enum cg_status rc = get(f, c, k, &v, bad, err);

	out[0] = '\0';
	if (rc || *bad || v.len == 0)
		return rc;
	if (cg_date_parse(v.ptr, v.len, f->date_format, &d, &why) != CG_OK)
		return reject(f, bad, c->spec, why.message, err);
	cg_date_format_iso(d, out);
	return CG_OK;
}

/* The row's label: profile defaults, then this row's override columns. */
static enum cg_status row_label(struct import_file *f, struct row_label *l, bool *bad,
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
	rc = get(f, &r->classification, 3, &cls, bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->handling, 4, &hnd, bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->conditions, 5, &cond, bad, err);
	if (rc || *bad)
		return rc;
	if (cls.len) {
		char buf[32];
		if (cg_classification_parse(cstr(cls, buf, sizeof(buf)), &c, NULL) != CG_OK)
			return reject(f, bad, r->classification.spec,
				      "not OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET", err);
		l->classification = class_names[c];
	}
	if (hnd.len) {
		if (!str_is(hnd, "P") && !str_is(hnd, "C"))
			return reject(f, bad, r->handling.spec, "handling code must be P or C", err);
		l->handling = str_is(hnd, "P") ? "P" : "C";
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
				return reject(f, bad, r->conditions.spec, why.message, err);
			}
			free(f->last_conditions_in);
			free(f->last_conditions_out);
			f->last_conditions_in = in;
			f->last_conditions_out = cg_buf_detach(&canon, NULL);
		}
		l->conditions = f->last_conditions_out;
	}
	if (l->handling[0] == 'C' && !l->conditions)
		return reject(f, bad, r->handling.spec ? r->handling.spec : "handling",
			      "handling code C needs conditions naming who may receive the row", err);
	if (l->handling[0] == 'P' && cond.len)
		return reject(f, bad, r->conditions.spec,
			      "conditions given but the handling code is P", err);
	return CG_OK;
}

static void bind_label(struct cg_stmt *s, int first, const struct row_label *l)
{
	cg_stmt_bind_str(s, first, l->classification);
	cg_stmt_bind_str(s, first + 1, l->handling);
	cg_stmt_bind_str(s, first + 2, l->conditions);
	cg_stmt_bind_str(s, first + 3, l->compartments);
	cg_stmt_bind_str(s, first + 4, l->flag_contact);
}

/* Runs a prepared write; *changed tells whether a row was written (an
 * INSERT OR IGNORE that found its row already there changes nothing). */
static enum cg_status run(struct cg_store *st, struct cg_stmt *s, bool *changed,
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
static enum cg_status find_record(struct import_file *f, struct cg_str v, int64_t *id,
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
static enum cg_status person_ref(struct import_file *f, const struct colref *c, bool required,
				 int64_t *id, bool *bad, struct cg_error *err)
{
	struct cg_str v;
	char reason[200], buf[64];
	enum cg_status rc = get(f, c, 0, &v, bad, err);

	*id = 0;
	if (rc || *bad)
		return rc;
	if (v.len == 0)
		return required ? reject(f, bad, c->spec, "empty: the row must name a person", err)
				: CG_OK;
	rc = find_record(f, v, id, err);
	if (rc == CG_OK && *id == 0) {
		snprintf(reason, sizeof(reason), "no %s record '%s' has been imported",
			 f->source_system, cstr(v, buf, sizeof(buf)));
		return reject(f, bad, c->spec, reason, err);
	}
	return rc;
}

/* ---- people ---- */

static void hash_str(crypto_generichash_state *h, struct cg_str v)
{
	char len[24];
	int n = snprintf(len, sizeof(len), "%zu:", v.len);
	crypto_generichash_update(h, (const unsigned char *)len, (size_t)n);
	crypto_generichash_update(h, (const unsigned char *)v.ptr, v.len);
}

static struct cg_str str_of(const char *s)
{
	struct cg_str v = { s ? s : "", s ? strlen(s) : 0 };
	return v;
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
	return run(f->ctx->store, s, NULL, err);
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
	return run(f->ctx->store, s, NULL, err);
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
		rc = get(f, plain[i].c, 6 + (int)i, plain[i].v, bad, err);
	for (int i = 0; rc == CG_OK && i < r->nident; i++)
		rc = get(f, &r->ident[i], 16 + i, &pv->ident[i], bad, err);
	if (rc || *bad)
		return rc;
	if (pv->id.len == 0)
		return reject(f, bad, r->id.spec, "empty: every record needs its id", err);
	if (pv->id.len > 128)
		return reject(f, bad, r->id.spec, "longer than 128 characters", err);
	if (pv->surname.len == 0 && pv->forenames.len == 0)
		return reject(f, bad, r->surname.spec ? r->surname.spec : r->forenames.spec,
			      "no name: a person needs a surname or forenames", err);
	rc = get_date(f, &r->dob, 2, pv->dob, bad, err);
	if (rc || *bad)
		return rc;
	pv->sex = NULL;
	if (pv->sex_raw.len) {
		pv->sex = r->sex_values.n ? map_lookup(&r->sex_values, pv->sex_raw) : NULL;
		if (!pv->sex && !r->sex_values.n && pv->sex_raw.len == 1 &&
		    strchr("MFXU", pv->sex_raw.ptr[0]))
			pv->sex = str_is(pv->sex_raw, "M") ? "M" : str_is(pv->sex_raw, "F") ? "F"
								: str_is(pv->sex_raw, "X") ? "X" : "U";
		if (!pv->sex || !strchr("MFXU", pv->sex[0]) || pv->sex[1]) {
			char buf[40];
			snprintf(reason, sizeof(reason), "'%s' is not a sex this profile knows",
				 cstr(pv->sex_raw, buf, sizeof(buf)));
			return reject(f, bad, r->sex.spec, reason, err);
		}
	}
	for (int i = 0; i < r->nident; i++) {
		enum cg_ident_kind k;
		pv->ident_valid[i] = false;
		if (!pv->ident[i].len)
			continue;
		if (cg_ident_kind_parse(r->ident_kind[i], &k, NULL) != CG_OK) {
			pv->ident_valid[i] = pv->ident[i].len < CG_IDENT_MAX;
			cstr(pv->ident[i], pv->ident_norm[i], CG_IDENT_MAX);
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
		pv->id, pv->surname, pv->forenames, pv->dob_raw, str_of(pv->sex), pv->aliases,
		pv->address, pv->town, pv->postcode, pv->previous,
		str_of(pv->label.classification), str_of(pv->label.handling),
		str_of(pv->label.conditions), str_of(pv->label.compartments),
		str_of(pv->label.flag_contact),
	};
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		hash_str(&h, parts[i]);
	for (int i = 0; i < r->nident; i++) {
		hash_str(&h, str_of(r->ident_kind[i]));
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
	bind_label(s, 9, &pv->label);
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
	rc = run(st, s, NULL, err);
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
		rc = run(st, s, NULL, err);
	}
	/* The full address only when there is more than a postcode. */
	if (rc == CG_OK && (pv->address.len || pv->town.len))
		rc = insert_address(f, *id, pv->address, pv->town, pv->postcode, true, err);
	if (rc == CG_OK && pv->previous.len)
		rc = insert_address(f, *id, (struct cg_str){ "", 0 }, (struct cg_str){ "", 0 },
				    pv->previous, false, err);
	return rc;
}

static enum cg_status person_row(struct import_file *f, enum row_result *result,
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
			rc = run(f->ctx->store, s, NULL, err);
		}
	}
	if (rc == CG_OK)
		rc = insert_person(f, &pv, old_version + 1, hash, &id, err);
	if (rc == CG_OK && restricted) {
		rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_KEEP_RESTRICTED, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_int64(s, 1, id);
			rc = run(f->ctx->store, s, NULL, err);
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

/* ---- events ---- */

static const char *const event_kinds[] = {
	"reception", "transfer", "wing_move", "release", "recall", "visit", "call",
	"transaction", "incident", "arrest", "conviction", "supervision_start",
	"supervision_end", "other", NULL,
};

/* The event type named by `k` (static string), or NULL. */
static const char *event_kind(const char *k)
{
	for (const char *const *e = event_kinds; *e && k; e++)
		if (strcmp(*e, k) == 0)
			return *e;
	return NULL;
}

/* Finds or creates a location; parent 0 for none. A non-empty `name`
 * names it (its code otherwise); *renamed tells whether that changed it. */
static enum cg_status location_named(struct import_file *f, const char *kind,
				     struct cg_str code, struct cg_str name, int64_t parent,
				     int64_t *id, bool *renamed, struct cg_error *err)
{
	struct cg_store *st = f->ctx->store;
	struct cg_stmt *s = NULL;
	bool row = false, created = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_IMPORT_LOCATION_INSERT, &s, err);

	*id = 0;
	*renamed = false;
	if (!name.len)
		name = code;
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, kind);
	cg_stmt_bind_text(s, 2, code.ptr, code.len);
	cg_stmt_bind_text(s, 3, name.ptr, name.len);
	if (parent)
		cg_stmt_bind_int64(s, 4, parent);
	else
		cg_stmt_bind_null(s, 4);
	/* An establishment is run by a prison: the importing agency when it
	 * is one. */
	if (strcmp(kind, "establishment") == 0 && f->ctx->who.agency_type == CG_AGENCY_PRISON)
		cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
	else
		cg_stmt_bind_null(s, 5);
	cg_stmt_bind_str(s, 6, f->now);
	rc = run(st, s, &created, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_LOCATION_FIND, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, kind);
	cg_stmt_bind_text(s, 2, code.ptr, code.len);
	if (parent)
		cg_stmt_bind_int64(s, 3, parent);
	else
		cg_stmt_bind_null(s, 3);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row) {
		const char *old = cg_stmt_text(s, 1);
		*id = cg_stmt_int64(s, 0);
		*renamed = !created && (strlen(old) != name.len || memcmp(old, name.ptr, name.len));
	}
	cg_stmt_done(s);
	if (rc == CG_OK && !*id)
		rc = cg_fail(err, CG_INTERNAL, "location vanished after insert");
	if (rc == CG_OK && *renamed && name.ptr != code.ptr) {
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_LOCATION_NAME, &s, err);
		if (rc == CG_OK) {
			cg_stmt_bind_text(s, 1, name.ptr, name.len);
			cg_stmt_bind_int64(s, 2, *id);
			rc = run(st, s, NULL, err);
		}
	}
	if (created)
		*renamed = true;
	return rc;
}

/* Finds or creates a location by code (its name too, if new). */
static enum cg_status location_id(struct import_file *f, const char *kind, struct cg_str code,
				   int64_t parent, int64_t *id, struct cg_error *err)
{
	bool changed;
	struct cg_str none = { "", 0 };
	char key[300];
	int n = snprintf(key, sizeof(key), "%s|%lld|%.*s", kind, (long long)parent,
			 (int)code.len, code.ptr);
	enum cg_status rc;

	if (n > 0 && (size_t)n < sizeof(key) && cg_strmap_get(&f->place_ids, key, (size_t)n, id))
		return CG_OK;
	/* An event only names the place: it never renames it. */
	rc = location_named(f, kind, code, none, parent, id, &changed, err);
	if (rc == CG_OK && n > 0 && (size_t)n < sizeof(key))
		cg_strmap_put(&f->place_ids, key, (size_t)n, *id);
	return rc;
}

/* The most specific place an event row names: cell, wing, establishment
 * or a free place; 0 when none. */
static enum cg_status event_location(struct import_file *f, int64_t *id, bool *bad,
				     struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_str est, wing, cell, place;
	enum cg_status rc = get(f, &r->establishment, 10, &est, bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->wing, 11, &wing, bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->cell, 12, &cell, bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->place, 13, &place, bad, err);
	*id = 0;
	if (rc || *bad)
		return rc;
	if (est.len) {
		rc = location_id(f, "establishment", est, 0, id, err);
		if (rc == CG_OK && wing.len)
			rc = location_id(f, "wing", wing, *id, id, err);
		if (rc == CG_OK && wing.len && cell.len)
			rc = location_id(f, "cell", cell, *id, id, err);
	} else if (place.len) {
		rc = location_id(f, "area", place, 0, id, err);
	}
	return rc;
}

/* Digits of a phone number, with a leading + kept; "" if it has none. */
static void phone_norm(struct cg_str v, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < v.len && n + 1 < size; i++)
		if ((v.ptr[i] >= '0' && v.ptr[i] <= '9') || (v.ptr[i] == '+' && n == 0))
			out[n++] = v.ptr[i];
	out[n] = '\0';
}

static enum cg_status object_id(struct import_file *f, const char *kind, const char *norm,
				struct cg_str raw, int64_t *id, struct cg_error *err)
{
	struct cg_store *st = f->ctx->store;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	*id = 0;
	if (cg_strmap_get(&f->phone_ids, norm, strlen(norm), id))
		return CG_OK;
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_OBJECT_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, kind);
	cg_stmt_bind_str(s, 2, norm);
	cg_stmt_bind_text(s, 3, raw.ptr, raw.len);
	cg_stmt_bind_str(s, 4, f->now);
	rc = run(st, s, NULL, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_OBJECT_FIND, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, kind);
	cg_stmt_bind_str(s, 2, norm);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		*id = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	if (rc == CG_OK && *id)
		cg_strmap_put(&f->phone_ids, norm, strlen(norm), *id);
	return rc;
}

static enum cg_status add_party(struct import_file *f, int64_t event, int64_t record,
				int64_t object, const char *role, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(f->ctx->store, CG_Q_IMPORT_EVENT_PARTY, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, event);
	if (record)
		cg_stmt_bind_int64(s, 2, record);
	else
		cg_stmt_bind_null(s, 2);
	if (object)
		cg_stmt_bind_int64(s, 3, object);
	else
		cg_stmt_bind_null(s, 3);
	cg_stmt_bind_str(s, 4, role);
	return run(f->ctx->store, s, NULL, err);
}

/* The details columns as a JSON object text (owned), or NULL when none. */
static char *event_details(struct import_file *f, bool *bad, struct cg_error *err,
			   enum cg_status *rc)
{
	struct rows_state *r = f->rows;
	json_t *o;
	char *text;
	if (!r->ndetails)
		return NULL;
	o = json_object();
	for (int i = 0; *rc == CG_OK && !*bad && i < r->ndetails; i++) {
		struct cg_str v;
		*rc = get(f, &r->details[i], 14, &v, bad, err);
		if (*rc == CG_OK && !*bad && v.len)
			json_object_set_new(o, r->details[i].spec, json_stringn(v.ptr, v.len));
	}
	text = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return text;
}

/* "<table>:<id>": the owner's id for a row, unique across its tables. */
static const char *external_id(struct import_file *f, struct cg_str id, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%.*s", f->table->name, (int)id.len, id.ptr);
	return buf;
}

static enum cg_status event_row(struct import_file *f, enum row_result *result,
				struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str id, type_raw, phone;
	struct row_label label;
	char date[CG_DATE_ISO_SIZE], end[CG_DATE_ISO_SIZE], ext[300], reason[160];
	const char *kind = r->event_type;
	int64_t person = 0, counterpart = 0, location = 0, phone_obj = 0;
	char *details = NULL;
	bool bad = false, inserted = false;
	struct cg_stmt *s = NULL;
	enum cg_status rc = get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = reject(f, &bad, r->id.spec, "empty: every event needs its id", err);
	if (rc == CG_OK)
		rc = person_ref(f, &r->person, true, &person, &bad, err);
	if (rc == CG_OK)
		rc = person_ref(f, &r->counterpart, false, &counterpart, &bad, err);
	if (rc == CG_OK)
		rc = get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK && !bad && !date[0])
		rc = reject(f, &bad, r->date.spec, "empty: an event needs its date", err);
	if (rc == CG_OK)
		rc = get_date(f, &r->end_date, 7, end, &bad, err);
	if (rc == CG_OK && !bad && !kind) {
		rc = get(f, &r->type, 8, &type_raw, &bad, err);
		if (rc == CG_OK && !bad) {
			char buf[40];
			cstr(type_raw, buf, sizeof(buf));
			kind = event_kind(r->type_values.n ? map_lookup(&r->type_values, type_raw) : buf);
			if (!kind) {
				snprintf(reason, sizeof(reason), "'%s' is not an event type this profile knows",
					 buf);
				rc = reject(f, &bad, r->type.spec, reason, err);
			}
		}
	}
	if (rc == CG_OK && !bad && !event_kind(kind))
		rc = cg_fail(err, CG_INVALID, "%s:%d: event_type '%s' is not an event type",
			     f->profile->origin, cg_profile_line(f->table, "event_type"), kind);
	if (rc == CG_OK)
		rc = get(f, &r->phone, 9, &phone, &bad, err);
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc == CG_OK && !bad)
		details = event_details(f, &bad, err, &rc);
	if (rc == CG_OK && !bad)
		rc = event_location(f, &location, &bad, err);
	if (rc || bad) {
		free(details);
		return rc;
	}
	if (phone.len) {
		char norm[32];
		phone_norm(phone, norm, sizeof(norm));
		if (!norm[0] || strlen(norm) < 5) {
			free(details);
			return reject(f, &bad, r->phone.spec, "not a phone number", err);
		}
		rc = object_id(f, "phone", norm, phone, &phone_obj, err);
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_EVENT_INSERT, &s, err);
	if (rc == CG_OK) {
		cg_stmt_bind_str(s, 1, kind);
		cg_stmt_bind_str(s, 2, date);
		cg_stmt_bind_str(s, 3, end[0] ? end : NULL);
		if (location)
			cg_stmt_bind_int64(s, 4, location);
		else
			cg_stmt_bind_null(s, 4);
		cg_stmt_bind_str(s, 5, details);
		cg_stmt_bind_int64(s, 6, person);
		cg_stmt_bind_int64(s, 7, f->batch_id);
		cg_stmt_bind_str(s, 8, external_id(f, id, ext, sizeof(ext)));
		cg_stmt_bind_str(s, 9, f->now);
		cg_stmt_bind_int64(s, 10, f->ctx->who.agency_id);
		bind_label(s, 11, &label);
		rc = run(st, s, &inserted, err);
	}
	free(details);
	if (rc || !inserted) {
		if (rc == CG_OK)
			*result = ROW_UNCHANGED;
		return rc;
	}
	/* The subject is the event's source_record_id; parties are the others. */
	int64_t event = cg_store_last_id(st);
	if (counterpart)
		rc = add_party(f, event, counterpart, 0, "counterpart", err);
	if (rc == CG_OK && phone_obj)
		rc = add_party(f, event, 0, phone_obj, "phone", err);
	if (rc == CG_OK)
		*result = ROW_STORED;
	return rc;
}

/* ---- associations ---- */

static bool is_type_word(struct cg_str v)
{
	if (v.len == 0 || v.len > 40)
		return false;
	for (size_t i = 0; i < v.len; i++)
		if (!((v.ptr[i] >= 'a' && v.ptr[i] <= 'z') || v.ptr[i] == '_'))
			return false;
	return true;
}

static enum cg_status association_row(struct import_file *f, enum row_result *result,
				      struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str id, type;
	struct row_label label;
	char date[CG_DATE_ISO_SIZE], ext[300], kind[48];
	int64_t from = 0, to = 0;
	bool bad = false, inserted = false;
	struct cg_stmt *s = NULL;
	enum cg_status rc = get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = reject(f, &bad, r->id.spec, "empty: every association needs its id", err);
	if (rc == CG_OK)
		rc = person_ref(f, &r->from, true, &from, &bad, err);
	if (rc == CG_OK)
		rc = person_ref(f, &r->to, true, &to, &bad, err);
	if (rc == CG_OK && !bad && from == to)
		rc = reject(f, &bad, r->to.spec, "a person cannot be associated with themselves", err);
	if (rc == CG_OK)
		rc = get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK && !bad) {
		if (r->association_type) {
			type = str_of(r->association_type);
		} else {
			rc = get(f, &r->type, 8, &type, &bad, err);
			if (rc == CG_OK && !bad && !is_type_word(type))
				rc = reject(f, &bad, r->type.spec,
					    "an association type is a word of a-z and _", err);
		}
	}
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_ASSOCIATION_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, cstr(type, kind, sizeof(kind)));
	cg_stmt_bind_int64(s, 2, from);
	cg_stmt_bind_int64(s, 3, to);
	cg_stmt_bind_str(s, 4, date[0] ? date : NULL);
	cg_stmt_bind_int64(s, 5, f->batch_id);
	cg_stmt_bind_str(s, 6, f->now);
	cg_stmt_bind_int64(s, 7, f->ctx->who.agency_id);
	bind_label(s, 8, &label);
	cg_stmt_bind_str(s, 13, external_id(f, id, ext, sizeof(ext)));
	rc = run(st, s, &inserted, err);
	if (rc == CG_OK)
		*result = inserted ? ROW_STORED : ROW_UNCHANGED;
	return rc;
}

/* ---- intelligence reports ---- */

static enum cg_status intel_row(struct import_file *f, enum row_result *result,
				struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str id, text, se, ia, subjects;
	struct row_label label;
	char date[CG_DATE_ISO_SIZE], ref[300], se_c[2], ia_c[2];
	int64_t subject_ids[MAX_SUBJECTS];
	int nsubjects = 0;
	bool bad = false, inserted = false;
	struct cg_stmt *s = NULL;
	enum cg_status rc = get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = reject(f, &bad, r->id.spec, "empty: every report needs its reference", err);
	if (rc == CG_OK)
		rc = get(f, &r->text, 7, &text, &bad, err);
	if (rc == CG_OK && !bad && text.len == 0)
		rc = reject(f, &bad, r->text.spec, "empty: a report needs its text", err);
	if (rc == CG_OK)
		rc = get(f, &r->source_evaluation, 8, &se, &bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->intel_assessment, 9, &ia, &bad, err);
	/* 3x5x2: validated, never defaulted. */
	if (rc == CG_OK && !bad && !(se.len == 1 && se.ptr[0] >= '1' && se.ptr[0] <= '3'))
		rc = reject(f, &bad, r->source_evaluation.spec,
			    "source evaluation must be 1, 2 or 3 (3x5x2)", err);
	if (rc == CG_OK && !bad && !(ia.len == 1 && ia.ptr[0] >= 'A' && ia.ptr[0] <= 'E'))
		rc = reject(f, &bad, r->intel_assessment.spec,
			    "intelligence assessment must be A, B, C, D or E (3x5x2)", err);
	if (rc == CG_OK)
		rc = get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->subjects, 10, &subjects, &bad, err);
	for (const char *p = subjects.ptr, *end = subjects.ptr + subjects.len;
	     rc == CG_OK && !bad && p < end;) {
		const char *sep = memchr(p, r->subject_sep, (size_t)(end - p));
		struct cg_str one = { p, (size_t)((sep ? sep : end) - p) };
		char reason[160], buf[64];
		while (one.len && *one.ptr == ' ') {
			one.ptr++;
			one.len--;
		}
		while (one.len && one.ptr[one.len - 1] == ' ')
			one.len--;
		p = sep ? sep + 1 : end;
		if (!one.len)
			continue;
		if (nsubjects == MAX_SUBJECTS) {
			rc = reject(f, &bad, r->subjects.spec, "more than 64 subjects", err);
			break;
		}
		rc = find_record(f, one, &subject_ids[nsubjects], err);
		if (rc == CG_OK && !subject_ids[nsubjects]) {
			snprintf(reason, sizeof(reason), "subject '%s' is not an imported %s record",
				 cstr(one, buf, sizeof(buf)), f->source_system);
			rc = reject(f, &bad, r->subjects.spec, reason, err);
		}
		nsubjects++;
	}
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;
	se_c[0] = se.ptr[0];
	se_c[1] = '\0';
	ia_c[0] = ia.ptr[0];
	ia_c[1] = '\0';
	/* References are the owner's: prefix the agency so two agencies'
	 * numbering never collide. */
	snprintf(ref, sizeof(ref), "%s:%.*s", f->ctx->who.agency_code, (int)id.len, id.ptr);
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_INTEL_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, ref);
	cg_stmt_bind_text(s, 2, text.ptr, text.len);
	cg_stmt_bind_str(s, 3, se_c);
	cg_stmt_bind_str(s, 4, ia_c);
	cg_stmt_bind_str(s, 5, date[0] ? date : NULL);
	cg_stmt_bind_int64(s, 6, f->batch_id);
	cg_stmt_bind_str(s, 7, f->now);
	cg_stmt_bind_int64(s, 8, f->ctx->who.agency_id);
	bind_label(s, 9, &label);
	rc = run(st, s, &inserted, err);
	if (rc || !inserted) {
		if (rc == CG_OK)
			*result = ROW_UNCHANGED;
		return rc;
	}
	int64_t report = cg_store_last_id(st);
	for (int i = 0; rc == CG_OK && i < nsubjects; i++) {
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_INTEL_SUBJECT, &s, err);
		if (rc)
			break;
		cg_stmt_bind_int64(s, 1, report);
		cg_stmt_bind_str(s, 2, "record");
		cg_stmt_bind_int64(s, 3, subject_ids[i]);
		rc = run(st, s, NULL, err);
	}
	if (rc == CG_OK)
		*result = ROW_STORED;
	return rc;
}

/* ---- OCG memberships ---- */

static enum cg_status membership_row(struct import_file *f, enum row_result *result,
				     struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str ocg, name, activities, role;
	struct row_label label;
	int64_t person = 0, ocg_id = 0;
	bool bad = false, row = false, inserted = false;
	struct cg_stmt *s = NULL;
	char *acts = NULL;
	enum cg_status rc = get(f, &r->ocg, 6, &ocg, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && ocg.len == 0)
		rc = reject(f, &bad, r->ocg.spec, "empty: the row must name its OCG", err);
	if (rc == CG_OK)
		rc = get(f, &r->ocg_name, 7, &name, &bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->activities, 8, &activities, &bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->role, 9, &role, &bad, err);
	if (rc == CG_OK && !bad && !str_is(role, "principal") && !str_is(role, "significant") &&
	    !str_is(role, "peripheral"))
		rc = reject(f, &bad, r->role.spec, "role must be principal, significant or peripheral",
			    err);
	if (rc == CG_OK)
		rc = person_ref(f, &r->person, true, &person, &bad, err);
	if (rc == CG_OK && !bad)
		rc = row_label(f, &label, &bad, err);
	if (rc || bad)
		return rc;

	/* The OCG itself: found by the owner's reference, created once. */
	json_t *list = json_array();
	for (const char *p = activities.ptr, *end = activities.ptr + activities.len; p < end;) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *e = semi ? semi : end;
		while (p < e && *p == ' ')
			p++;
		if (e > p)
			json_array_append_new(list, json_stringn(p, (size_t)(e - p)));
		p = semi ? semi + 1 : end;
	}
	acts = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	char ext[300];
	snprintf(ext, sizeof(ext), "%.*s", (int)ocg.len, ocg.ptr);
	rc = cg_store_prepare_query(st, CG_Q_IMPORT_OCG_INSERT, &s, err);
	if (rc == CG_OK) {
		if (name.len)
			cg_stmt_bind_text(s, 1, name.ptr, name.len);
		else
			cg_stmt_bind_str(s, 1, ext);
		cg_stmt_bind_str(s, 2, acts);
		cg_stmt_bind_str(s, 3, ext);
		cg_stmt_bind_str(s, 4, f->now);
		cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
		bind_label(s, 6, &label);
		rc = run(st, s, NULL, err);
	}
	free(acts);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_OCG_FIND, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, ext);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		ocg_id = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_IMPORT_MEMBERSHIP_INSERT, &s, err);
	if (rc)
		return rc;
	char rolebuf[16];
	cg_stmt_bind_int64(s, 1, ocg_id);
	cg_stmt_bind_int64(s, 2, person);
	cg_stmt_bind_str(s, 3, cstr(role, rolebuf, sizeof(rolebuf)));
	cg_stmt_bind_str(s, 4, f->now);
	cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
	bind_label(s, 6, &label);
	rc = run(st, s, &inserted, err);
	if (rc == CG_OK)
		*result = inserted ? ROW_STORED : ROW_UNCHANGED;
	return rc;
}

/* ---- places ---- */

static enum cg_status location_row(struct import_file *f, enum row_result *result,
				   struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_str code, name, wings;
	const char *type = cg_profile_value(f->table, "location_type");
	int64_t id = 0, wing_id = 0;
	bool bad = false, changed = false, wing_changed = false;
	enum cg_status rc = get(f, &r->code, 6, &code, &bad, err);

	*result = ROW_REJECTED;
	if (!type)
		type = "establishment";
	if (rc == CG_OK && strcmp(type, "establishment") != 0 && strcmp(type, "area") != 0)
		return cg_fail(err, CG_INVALID, "%s:%d: location_type must be establishment or area",
			       f->profile->origin, cg_profile_line(f->table, "location_type"));
	if (rc == CG_OK)
		rc = get(f, &r->name, 7, &name, &bad, err);
	if (rc == CG_OK)
		rc = get(f, &r->wings, 8, &wings, &bad, err);
	if (rc == CG_OK && !bad && code.len == 0)
		rc = reject(f, &bad, r->code.spec, "empty: a place needs its code", err);
	if (rc || bad)
		return rc;
	rc = location_named(f, type, code, name, 0, &id, &changed, err);
	for (const char *p = wings.ptr, *end = wings.ptr + wings.len; rc == CG_OK && p < end;) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		struct cg_str w = { p, (size_t)((semi ? semi : end) - p) };
		while (w.len && *w.ptr == ' ') {
			w.ptr++;
			w.len--;
		}
		while (w.len && w.ptr[w.len - 1] == ' ')
			w.len--;
		if (w.len)
			rc = location_named(f, "wing", w, (struct cg_str){ "", 0 }, id, &wing_id,
					    &wing_changed, err);
		changed = changed || wing_changed;
		p = semi ? semi + 1 : end;
	}
	if (rc == CG_OK)
		*result = changed ? ROW_STORED : ROW_UNCHANGED;
	return rc;
}

enum cg_status rows_handle(struct import_file *f, enum row_result *result, struct cg_error *err)
{
	switch (f->table->kind) {
	case CG_TABLE_PERSON:
		return person_row(f, result, err);
	case CG_TABLE_EVENT:
		return event_row(f, result, err);
	case CG_TABLE_ASSOCIATION:
		return association_row(f, result, err);
	case CG_TABLE_INTEL:
		return intel_row(f, result, err);
	case CG_TABLE_MEMBERSHIP:
		return membership_row(f, result, err);
	case CG_TABLE_LOCATION:
		return location_row(f, result, err);
	default:
		CG_ASSERT(!"unknown table kind");
	}
	return CG_INTERNAL;
}
