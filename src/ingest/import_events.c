/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_events.c - event rows (custody movements, visits, calls, supervision)
 * and location rows (establishments and wings), with the places and phone
 * numbers they name (ingest layer). Events are recognised again by the
 * owner's id for them.
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
	rc = row_run(st, s, &created, err);
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
			rc = row_run(st, s, NULL, err);
		}
	}
	if (created)
		*renamed = true;
	return rc;
}

/* Finds or creates a location by code (its name too, if new). */
enum cg_status row_location_id(struct import_file *f, const char *kind, struct cg_str code,
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
	enum cg_status rc = row_get(f, &r->establishment, 10, &est, bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->wing, 11, &wing, bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->cell, 12, &cell, bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->place, 13, &place, bad, err);
	*id = 0;
	if (rc || *bad)
		return rc;
	if (est.len) {
		rc = row_location_id(f, "establishment", est, 0, id, err);
		if (rc == CG_OK && wing.len)
			rc = row_location_id(f, "wing", wing, *id, id, err);
		if (rc == CG_OK && wing.len && cell.len)
			rc = row_location_id(f, "cell", cell, *id, id, err);
	} else if (place.len) {
		rc = row_location_id(f, "area", place, 0, id, err);
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
	rc = row_run(st, s, NULL, err);
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
	return row_run(f->ctx->store, s, NULL, err);
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
		*rc = row_get(f, &r->details[i], 14, &v, bad, err);
		if (*rc == CG_OK && !*bad && v.len)
			json_object_set_new(o, r->details[i].spec, json_stringn(v.ptr, v.len));
	}
	text = json_object_size(o) ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return text;
}


enum cg_status rows_event(struct import_file *f, enum row_result *result,
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
	enum cg_status rc = row_get(f, &r->id, 6, &id, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK && !bad && id.len == 0)
		rc = row_reject(f, &bad, r->id.spec, "empty: every event needs its id", err);
	if (rc == CG_OK)
		rc = row_person_ref(f, &r->person, true, &person, &bad, err);
	if (rc == CG_OK)
		rc = row_person_ref(f, &r->counterpart, false, &counterpart, &bad, err);
	if (rc == CG_OK)
		rc = row_get_date(f, &r->date, 2, date, &bad, err);
	if (rc == CG_OK && !bad && !date[0])
		rc = row_reject(f, &bad, r->date.spec, "empty: an event needs its date", err);
	if (rc == CG_OK)
		rc = row_get_date(f, &r->end_date, 7, end, &bad, err);
	if (rc == CG_OK && !bad && !kind) {
		rc = row_get(f, &r->type, 8, &type_raw, &bad, err);
		if (rc == CG_OK && !bad) {
			char buf[40];
			row_cstr(type_raw, buf, sizeof(buf));
			kind = event_kind(r->type_values.n ? row_map_lookup(&r->type_values, type_raw) : buf);
			if (!kind) {
				snprintf(reason, sizeof(reason), "'%s' is not an event type this profile knows",
					 buf);
				rc = row_reject(f, &bad, r->type.spec, reason, err);
			}
		}
	}
	if (rc == CG_OK && !bad && !event_kind(kind))
		rc = cg_fail(err, CG_INVALID, "%s:%d: event_type '%s' is not an event type",
			     f->profile->origin, cg_profile_line(f->table, "event_type"), kind);
	if (rc == CG_OK)
		rc = row_get(f, &r->phone, 9, &phone, &bad, err);
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
			return row_reject(f, &bad, r->phone.spec, "not a phone number", err);
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
		cg_stmt_bind_str(s, 8, row_external_id(f, id, ext, sizeof(ext)));
		cg_stmt_bind_str(s, 9, f->now);
		cg_stmt_bind_int64(s, 10, f->ctx->who.agency_id);
		row_bind_label(s, 11, &label);
		rc = row_run(st, s, &inserted, err);
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

/* ---- places ---- */

enum cg_status rows_location(struct import_file *f, enum row_result *result,
				   struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_str code, name, wings;
	const char *type = cg_profile_value(f->table, "location_type");
	int64_t id = 0, wing_id = 0;
	bool bad = false, changed = false, wing_changed = false;
	enum cg_status rc = row_get(f, &r->code, 6, &code, &bad, err);

	*result = ROW_REJECTED;
	if (!type)
		type = "establishment";
	if (rc == CG_OK && strcmp(type, "establishment") != 0 && strcmp(type, "area") != 0)
		return cg_fail(err, CG_INVALID, "%s:%d: location_type must be establishment or area",
			       f->profile->origin, cg_profile_line(f->table, "location_type"));
	if (rc == CG_OK)
		rc = row_get(f, &r->name, 7, &name, &bad, err);
	if (rc == CG_OK)
		rc = row_get(f, &r->wings, 8, &wings, &bad, err);
	if (rc == CG_OK && !bad && code.len == 0)
		rc = row_reject(f, &bad, r->code.spec, "empty: a place needs its code", err);
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
