/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_network.c - external networks through the importer (ingest layer):
 * the network a file's rows go into, and its edge and node rows.
 *
 * An external network (a seized phone's contacts, a published case study)
 * is not intelligence about persons the store knows: its keys are whatever
 * the source used, no entity resolution runs on them, and the network as a
 * whole carries one label, the profile's, which decides who may analyse
 * it (graph/external.h). Nodes are known by key; any key an edge names
 * becomes a node. Edges are known by the file they came from and their
 * line, so importing a file again changes nothing, an edited line updates
 * its edge, and a line that no longer holds an edge (it was removed, or is
 * now rejected) removes the edge it held.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "ingest/import_internal.h"
#include "model/label.h"
#include "store/queries.h"
#include "base/banned.h"

#define NETWORK_NAME_MAX 100
#define NETWORK_KEY_MAX 200
#define NETWORK_TEXT_MAX 500

enum cg_status network_name_check(const char *name, struct cg_error *err)
{
	enum cg_status rc = cg_field_text("network name", name, true, NETWORK_NAME_MAX, err);
	if (rc == CG_OK && strchr(name, '/'))
		rc = cg_fail(err, CG_INVALID,
			     "network name: no '/' (it separates an agency code from a name)");
	return rc;
}

/* ---- the network ---- */

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

enum cg_status network_open(struct import_file *f, struct cg_error *err)
{
	struct cg_store *st = f->ctx->store;
	const struct label_defaults *l = &f->label;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_NETWORK_FIND_OWN, &s, err);

	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 2, f->network);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row) {
		f->network_id = cg_stmt_int64(s, 0);
		/* The label decides who sees the whole network: a file cannot
		 * quietly widen (or narrow) what earlier files were imported
		 * under. A new label is a new network. */
		if (!same_text(cg_stmt_text(s, 1), l->classification) ||
		    !same_text(cg_stmt_text(s, 2), l->handling) ||
		    !same_text(cg_stmt_text(s, 3), l->conditions) ||
		    !same_text(cg_stmt_text(s, 4), l->compartments) ||
		    !same_text(cg_stmt_text(s, 5), l->flag_contact))
			rc = cg_fail(err, CG_INVALID,
				     "network %s was imported with another label (%s, handling %s%s%s); "
				     "import under another name, or with a profile of that label",
				     f->network, cg_stmt_text(s, 1), cg_stmt_text(s, 2),
				     cg_stmt_text(s, 3)[0] ? " " : "", cg_stmt_text(s, 3));
	}
	cg_stmt_done(s);
	if (rc || row)
		return rc;

	rc = cg_store_prepare_query(st, CG_Q_NETWORK_INSERT, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, f->network);
	cg_stmt_bind_str(s, 2, cg_profile_global(f->profile, "description", NULL));
	cg_stmt_bind_int64(s, 3, f->ctx->who.user_id);
	cg_stmt_bind_str(s, 4, f->now);
	cg_stmt_bind_int64(s, 5, f->ctx->who.agency_id);
	cg_stmt_bind_str(s, 6, l->classification);
	cg_stmt_bind_str(s, 7, l->handling);
	cg_stmt_bind_str(s, 8, l->conditions);
	cg_stmt_bind_str(s, 9, l->compartments);
	cg_stmt_bind_str(s, 10, l->flag_contact);
	rc = row_run(st, s, NULL, err);
	f->network_id = cg_store_last_id(st);
	f->network_changed = true;
	return rc;
}

/* Removes the edges of this file's lines first..last; counts them as
 * updated rows of the file. */
static enum cg_status drop_lines(struct import_file *f, long first, long last,
				 struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc;

	if (first > last)
		return CG_OK;
	rc = cg_store_prepare_query(f->ctx->store, CG_Q_NETWORK_EDGE_DELETE_LINES, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->network_id);
	cg_stmt_bind_str(s, 2, f->base);
	cg_stmt_bind_int64(s, 3, first);
	cg_stmt_bind_int64(s, 4, last);
	rc = row_run(f->ctx->store, s, NULL, err);
	if (rc == CG_OK && cg_store_changes(f->ctx->store) > 0) {
		f->sum->updated += cg_store_changes(f->ctx->store);
		f->network_changed = true;
	}
	return rc;
}

enum cg_status network_file_done(struct import_file *f, struct cg_error *err)
{
	enum cg_status rc = CG_OK;
	struct cg_stmt *s = NULL;

	if (f->table->kind == CG_TABLE_EDGE)
		rc = drop_lines(f, f->network_last_line + 1, INT32_MAX, err);
	if (rc || !f->network_changed)
		return rc;
	rc = cg_store_prepare_query(f->ctx->store, CG_Q_NETWORK_TOUCH, &s, err);
	if (rc)
		return rc;
	cg_stmt_bind_str(s, 1, f->now);
	cg_stmt_bind_int64(s, 2, f->network_id);
	return row_run(f->ctx->store, s, NULL, err);
}

/* ---- nodes ---- */

/* A node's label or group: a view, or none (ptr NULL), which the store
 * holds as NULL. */
static struct cg_str opt_of(const char *s)
{
	struct cg_str v = { s, s ? strlen(s) : 0 };
	return v;
}

static void bind_opt(struct cg_stmt *s, int idx, struct cg_str v)
{
	if (v.ptr)
		cg_stmt_bind_text(s, idx, v.ptr, v.len);
	else
		cg_stmt_bind_null(s, idx);
}

static bool same_opt(struct cg_str v, const char *stored)
{
	if (!v.ptr || !stored)
		return !v.ptr && !stored;
	return row_str_is(v, stored);
}

/*
 * Looks up the node with key `key` in the file's network. *found tells
 * whether there is one; if so *id is its id and, when label and group are
 * not NULL, *label and *group get copies of what it holds (NULL for none;
 * the caller frees them).
 */
static enum cg_status find_node(struct import_file *f, struct cg_str key, bool *found,
				int64_t *id, char **label, char **group, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(f->ctx->store, CG_Q_NETWORK_NODE_FIND, &s, err);

	*found = false;
	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->network_id);
	cg_stmt_bind_text(s, 2, key.ptr, key.len);
	rc = cg_stmt_step(s, found, err);
	if (rc == CG_OK && *found) {
		*id = cg_stmt_int64(s, 0);
		if (label)
			*label = cg_stmt_is_null(s, 1) ? NULL : cg_xstrdup(cg_stmt_text(s, 1));
		if (group)
			*group = cg_stmt_is_null(s, 2) ? NULL : cg_xstrdup(cg_stmt_text(s, 2));
	}
	cg_stmt_done(s);
	return rc;
}

/* Adds the node `key` with `label` and `group` (each maybe none) to the
 * file's network; *id gets its id. */
static enum cg_status insert_node(struct import_file *f, struct cg_str key, struct cg_str label,
				  struct cg_str group, int64_t *id, struct cg_error *err)
{
	struct cg_store *st = f->ctx->store;
	struct cg_stmt *s = NULL;
	enum cg_status rc = cg_store_prepare_query(st, CG_Q_NETWORK_NODE_INSERT, &s, err);

	if (rc)
		return rc;
	cg_stmt_bind_int64(s, 1, f->network_id);
	cg_stmt_bind_text(s, 2, key.ptr, key.len);
	bind_opt(s, 3, label);
	bind_opt(s, 4, group);
	cg_stmt_bind_int64(s, 5, f->batch_id);
	rc = row_run(st, s, NULL, err);
	*id = cg_store_last_id(st);
	f->network_changed = true;
	return rc;
}

/* The id of the node with key `key`, created (without label or group)
 * when the network has none yet. */
static enum cg_status node_id(struct import_file *f, struct cg_str key, int64_t *id,
			      struct cg_error *err)
{
	struct cg_str none = { NULL, 0 };
	bool found = false;
	enum cg_status rc;

	if (cg_strmap_get(&f->node_ids, key.ptr, key.len, id))
		return CG_OK;
	rc = find_node(f, key, &found, id, NULL, NULL, err);
	if (rc == CG_OK && !found)
		rc = insert_node(f, key, none, none, id, err);
	if (rc == CG_OK)
		cg_strmap_put(&f->node_ids, key.ptr, key.len, *id);
	return rc;
}

/* Reads a key column: required, at most NETWORK_KEY_MAX bytes. */
static enum cg_status get_key(struct import_file *f, const struct colref *c, int k,
			      const char *what, struct cg_str *v, bool *bad, struct cg_error *err)
{
	char reason[120];
	enum cg_status rc = row_get(f, c, k, v, bad, err);

	if (rc || *bad)
		return rc;
	if (v->len == 0) {
		snprintf(reason, sizeof(reason), "empty: every %s needs a key", what);
		return row_reject(f, bad, c->spec, reason, err);
	}
	if (v->len > NETWORK_KEY_MAX) {
		snprintf(reason, sizeof(reason), "a key is at most %d bytes", NETWORK_KEY_MAX);
		return row_reject(f, bad, c->spec, reason, err);
	}
	/* A key names the node in every export, and GraphML and GEXF cannot
	 * carry control characters (they would become U+FFFD, and two keys
	 * one node id). */
	for (size_t i = 0; i < v->len; i++)
		if ((unsigned char)v->ptr[i] < 0x20 || v->ptr[i] == 0x7f)
			return row_reject(f, bad, c->spec, "a key may not hold control characters",
					  err);
	return CG_OK;
}

/* Reads an optional text column (label, group) of at most
 * NETWORK_TEXT_MAX bytes; empty is none (v->ptr NULL). */
static enum cg_status get_text(struct import_file *f, const struct colref *c, int k,
			       struct cg_str *v, bool *bad, struct cg_error *err)
{
	enum cg_status rc = row_get(f, c, k, v, bad, err);
	char reason[80];

	if (rc || *bad)
		return rc;
	if (v->len > NETWORK_TEXT_MAX) {
		snprintf(reason, sizeof(reason), "longer than %d bytes", NETWORK_TEXT_MAX);
		return row_reject(f, bad, c->spec, reason, err);
	}
	if (v->len == 0)
		v->ptr = NULL;
	return CG_OK;
}

enum cg_status rows_node(struct import_file *f, enum row_result *result, struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str key, label, group;
	struct cg_stmt *s = NULL;
	char *old_label = NULL, *old_group = NULL;
	int64_t id = 0;
	bool bad = false, found = false;
	enum cg_status rc = get_key(f, &r->key, 0, "node", &key, &bad, err);

	*result = ROW_REJECTED;
	if (rc == CG_OK)
		rc = get_text(f, &r->label, 1, &label, &bad, err);
	if (rc == CG_OK)
		rc = get_text(f, &r->group, 2, &group, &bad, err);
	if (rc == CG_OK && !bad)
		rc = find_node(f, key, &found, &id, &old_label, &old_group, err);
	if (rc || bad)
		goto out;
	if (!found) {
		rc = insert_node(f, key, label, group, &id, err);
		*result = ROW_STORED;
		goto out;
	}
	/* An unmapped column leaves what the network holds; a mapped one
	 * sets it, empty meaning none. */
	if (!r->label.spec)
		label = opt_of(old_label);
	if (!r->group.spec)
		group = opt_of(old_group);
	*result = ROW_UNCHANGED;
	if (same_opt(label, old_label) && same_opt(group, old_group))
		goto out;
	rc = cg_store_prepare_query(st, CG_Q_NETWORK_NODE_UPDATE, &s, err);
	if (rc)
		goto out;
	bind_opt(s, 1, label);
	bind_opt(s, 2, group);
	cg_stmt_bind_int64(s, 3, f->batch_id);
	cg_stmt_bind_int64(s, 4, id);
	rc = row_run(st, s, NULL, err);
	*result = ROW_UPDATED;
	f->network_changed = true;
out:
	if (rc == CG_OK && *result != ROW_REJECTED)
		cg_strmap_put(&f->node_ids, key.ptr, key.len, id);
	free(old_label);
	free(old_group);
	return rc;
}

/* ---- edges ---- */

/* A weight column's value: empty is 1; anything else must be a finite
 * positive decimal number ("2", "0.5", "1e3"; not "0x10", "inf" or "+2",
 * which strtod would take). */
static bool parse_weight(struct cg_str v, double *w)
{
	char buf[64], *end = NULL;

	*w = 1;
	if (v.len == 0)
		return true;
	if (v.len >= sizeof(buf))
		return false;
	memcpy(buf, v.ptr, v.len);
	buf[v.len] = '\0';
	if (!strchr("0123456789.", buf[0]) || strspn(buf, "0123456789.eE+-") < v.len)
		return false;
	*w = strtod(buf, &end);
	return end != buf && *end == '\0' && isfinite(*w) && *w > 0;
}

/* Binds the edge parameters shared by NETWORK_EDGE_UPDATE and _INSERT. */
static void bind_edge(struct import_file *f, struct cg_stmt *s, long line, int64_t a, int64_t b,
		      double weight, const char *date)
{
	cg_stmt_bind_int64(s, 1, f->network_id);
	cg_stmt_bind_str(s, 2, f->base);
	cg_stmt_bind_int64(s, 3, line);
	cg_stmt_bind_int64(s, 4, a);
	cg_stmt_bind_int64(s, 5, b);
	cg_stmt_bind_double(s, 6, weight);
	cg_stmt_bind_str(s, 7, date[0] ? date : NULL);
	cg_stmt_bind_int64(s, 8, f->batch_id);
}

enum cg_status rows_edge(struct import_file *f, enum row_result *result, struct cg_error *err)
{
	struct rows_state *r = f->rows;
	struct cg_store *st = f->ctx->store;
	struct cg_str source, target, wv;
	char date[CG_DATE_ISO_SIZE] = "";
	double weight = 1;
	int64_t a = 0, b = 0;
	bool bad = false, changed = false;
	struct cg_stmt *s = NULL;
	long line = source_line(f->src);
	/* Lines since the previous edge row (unreadable rows, blank lines,
	 * another table's JSON lines) hold no edge now. */
	enum cg_status rc = drop_lines(f, f->network_last_line + 1, line - 1, err);

	*result = ROW_REJECTED;
	f->network_last_line = line;
	if (rc == CG_OK)
		rc = get_key(f, &r->source, 0, "edge", &source, &bad, err);
	if (rc == CG_OK)
		rc = get_key(f, &r->target, 1, "edge", &target, &bad, err);
	if (rc == CG_OK && !bad && source.len == target.len &&
	    memcmp(source.ptr, target.ptr, source.len) == 0)
		rc = row_reject(f, &bad, r->target.spec, "an edge joins two different keys", err);
	if (rc == CG_OK)
		rc = row_get(f, &r->weight, 2, &wv, &bad, err);
	if (rc == CG_OK && !bad && !parse_weight(wv, &weight))
		rc = row_reject(f, &bad, r->weight.spec, "the weight is not a positive number", err);
	if (rc == CG_OK)
		rc = row_get_date(f, &r->date, 3, date, &bad, err);
	if (rc)
		return rc;
	if (bad) /* whatever edge the line held before goes */
		return drop_lines(f, line, line, err);

	rc = node_id(f, source, &a, err);
	if (rc == CG_OK)
		rc = node_id(f, target, &b, err);
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_NETWORK_EDGE_UPDATE, &s, err);
	if (rc)
		return rc;
	bind_edge(f, s, line, a, b, weight, date);
	rc = row_run(st, s, &changed, err);
	if (rc == CG_OK && changed) {
		*result = ROW_UPDATED;
		f->network_changed = true;
		return CG_OK;
	}
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_NETWORK_EDGE_INSERT, &s, err);
	if (rc)
		return rc;
	bind_edge(f, s, line, a, b, weight, date);
	rc = row_run(st, s, &changed, err);
	if (rc == CG_OK) {
		*result = changed ? ROW_STORED : ROW_UNCHANGED;
		f->network_changed = f->network_changed || changed;
	}
	return rc;
}
