/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import_source.c - rows of an export, whatever its format (ingest layer).
 *
 * Gives the importer one view of a CSV file (with its header) and of a JSON
 * Lines file: read the next row, get a column's value by the name the
 * profile uses. For CSV the names are resolved to column indexes once per
 * file, and a column the profile needs that the header lacks stops the file
 * before any row is read.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "ingest/csv.h"
#include "ingest/import_internal.h"
#include "ingest/jsonl.h"
#include "base/banned.h"

#define HEADER_MAX 256

struct row_source {
	const char *path;
	FILE *fp;
	bool jsonl;
	char delimiter;
	struct cg_csv_reader *csv;
	struct cg_jsonl_reader *jl;
	struct cg_csv_row crow;
	struct cg_jsonl_row jrow;
	char *header[HEADER_MAX];  /* CSV column names */
	size_t nheader;
	char reason[CG_ERROR_MESSAGE_MAX];
};

static enum cg_status open_reader(struct row_source *s, struct cg_error *err)
{
	if (s->jsonl)
		return cg_jsonl_open(s->fp, s->path, &s->jl, err);
	return cg_csv_open(s->fp, s->path, s->delimiter, &s->csv, err);
}

static enum cg_status read_header(struct row_source *s, struct cg_error *err)
{
	bool eof = false;
	enum cg_status rc = cg_csv_next(s->csv, &s->crow, &eof, err);
	if (rc == CG_OK && eof)
		return cg_fail(err, CG_INVALID, "%s: empty file: expected a header row", s->path);
	if (rc && s->crow.bad)
		return cg_error_prefix(err, "%s: the header row cannot be read", s->path);
	if (rc)
		return rc;
	if (s->crow.nfields > HEADER_MAX)
		return cg_fail(err, CG_LIMIT, "%s: more than %d columns", s->path, HEADER_MAX);
	for (size_t i = 0; i < s->crow.nfields; i++) {
		const struct cg_str *h = &s->crow.fields[i];
		if (!cg_utf8_valid(h->ptr, h->len, NULL))
			return cg_fail(err, CG_INVALID, "%s:1: column %zu's name is not valid UTF-8",
				       s->path, i + 1);
		s->header[i] = cg_xstrndup(h->ptr, h->len);
		/* Trim, so "Surname " still matches. */
		size_t n = strlen(s->header[i]);
		while (n && s->header[i][n - 1] == ' ')
			s->header[i][--n] = '\0';
	}
	s->nheader = s->crow.nfields;
	return CG_OK;
}

enum cg_status source_open(const struct cg_profile *p, const char *path,
			   struct row_source **out, struct cg_error *err)
{
	struct row_source *s = cg_xcalloc(1, sizeof(*s));
	const char *delim = cg_profile_global(p, "delimiter", ",");
	enum cg_status rc;

	*out = NULL;
	s->path = path;
	s->jsonl = strcmp(cg_profile_global(p, "format", "csv"), "jsonl") == 0;
	s->delimiter = strcmp(delim, "tab") == 0 ? '\t' : delim[0];
	s->fp = fopen(path, "rb");
	if (!s->fp) {
		free(s);
		return cg_fail(err, CG_IO, "%s: cannot open the file", path);
	}
	rc = open_reader(s, err);
	if (rc == CG_OK && !s->jsonl)
		rc = read_header(s, err);
	if (rc) {
		source_close(s);
		return rc;
	}
	*out = s;
	return CG_OK;
}

void source_close(struct row_source *s)
{
	if (!s)
		return;
	cg_csv_close(s->csv);
	cg_jsonl_close(s->jl);
	if (s->fp)
		fclose(s->fp);
	for (size_t i = 0; i < s->nheader; i++)
		free(s->header[i]);
	free(s);
}

enum cg_status source_rewind(struct row_source *s, struct cg_error *err)
{
	cg_csv_close(s->csv);
	cg_jsonl_close(s->jl);
	s->csv = NULL;
	s->jl = NULL;
	if (fseek(s->fp, 0, SEEK_SET) != 0)
		return cg_fail(err, CG_IO, "%s: cannot read the file again", s->path);
	enum cg_status rc = open_reader(s, err);
	if (rc == CG_OK && !s->jsonl) {
		for (size_t i = 0; i < s->nheader; i++)
			free(s->header[i]);
		s->nheader = 0;
		rc = read_header(s, err);
	}
	return rc;
}

enum cg_status source_next(struct row_source *s, enum row_read *what, const char **reason,
			   const char **field, struct cg_error *err)
{
	struct cg_error why = CG_ERROR_INIT;
	bool eof = false;
	bool bad;
	enum cg_status rc;

	*reason = NULL;
	*field = NULL;
	if (s->jsonl) {
		rc = cg_jsonl_next(s->jl, &s->jrow, &eof, &why);
		bad = s->jrow.bad;
	} else {
		rc = cg_csv_next(s->csv, &s->crow, &eof, &why);
		bad = s->crow.bad;
		if (rc == CG_OK && !eof && s->crow.nfields != s->nheader) {
			snprintf(s->reason, sizeof(s->reason), "%zu fields where the header has %zu",
				 s->crow.nfields, s->nheader);
			*what = ROW_BAD;
			*reason = s->reason;
			return CG_OK;
		}
	}
	if (rc && bad) {
		memcpy(s->reason, why.message, sizeof(s->reason));
		*what = ROW_BAD;
		*reason = s->reason;
		if (!s->jsonl && s->crow.bad_field && s->crow.bad_field <= s->nheader)
			*field = s->header[s->crow.bad_field - 1];
		return CG_OK;
	}
	if (rc)
		return cg_fail(err, rc, "%s", why.message);
	*what = eof ? ROW_EOF : ROW_OK;
	return CG_OK;
}

long source_line(const struct row_source *s)
{
	return (long)(s->jsonl ? s->jrow.line : s->crow.line);
}

enum cg_status colref_bind(struct row_source *s, const char *spec, struct colref *c,
			   struct cg_error *err)
{
	memset(c, 0, sizeof(*c));
	if (!spec)
		return CG_OK;
	c->spec = spec;
	snprintf(c->storage, sizeof(c->storage), "%s", spec);
	/* "A + B + C": parts joined by " + ". */
	char *p = c->storage;
	while (p) {
		char *plus = strstr(p, " + ");
		if (c->nparts == COLREF_PARTS)
			return cg_fail(err, CG_INVALID, "'%s': at most %d columns can be joined", spec,
				       COLREF_PARTS);
		if (plus)
			*plus = '\0';
		c->names[c->nparts++] = p;
		p = plus ? plus + 3 : NULL;
	}
	for (int i = 0; i < c->nparts && !s->jsonl; i++) {
		c->index[i] = -1;
		for (size_t h = 0; h < s->nheader; h++) {
			if (strcmp(s->header[h], c->names[i]) != 0)
				continue;
			/* Which of two would be a guess. */
			if (c->index[i] >= 0)
				return cg_fail(err, CG_INVALID,
					       "%s: the header has two columns called '%s' "
					       "(columns %d and %zu)", s->path, c->names[i],
					       c->index[i] + 1, h + 1);
			c->index[i] = (int)h;
		}
		if (c->index[i] < 0)
			return cg_fail(err, CG_INVALID,
				       "%s: the profile needs a column '%s' that the header does not have",
				       s->path, c->names[i]);
	}
	return CG_OK;
}

/* One part's value into *out. JSON: strings as they are, numbers and
 * booleans as text, null and absent as empty; an array or an object is
 * CG_INVALID (a value is not guessed from it). */
static enum cg_status part_value(struct row_source *s, const struct colref *c, int i,
				 char num[64], struct cg_str *out, struct cg_error *err)
{
	struct cg_str v = { "", 0 };
	if (!s->jsonl) {
		v = s->crow.fields[c->index[i]];
	} else {
		json_t *j = json_object_get(s->jrow.object, c->names[i]);
		if (json_is_array(j) || json_is_object(j)) {
			return cg_fail(err, CG_INVALID, "'%s' is a JSON %s, not a value",
				       c->names[i], json_is_array(j) ? "array" : "object");
		} else if (json_is_string(j)) {
			v.ptr = json_string_value(j);
			v.len = json_string_length(j);
		} else if (json_is_integer(j)) {
			snprintf(num, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
			v.ptr = num;
			v.len = strlen(num);
		} else if (json_is_real(j)) {
			snprintf(num, 64, "%.17g", json_real_value(j));
			v.ptr = num;
			v.len = strlen(num);
		} else if (json_is_boolean(j)) {
			v.ptr = json_is_true(j) ? "true" : "false";
			v.len = strlen(v.ptr);
		}
	}
	while (v.len && (*v.ptr == ' ' || *v.ptr == '\t')) {
		v.ptr++;
		v.len--;
	}
	while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
		v.len--;
	*out = v;
	return CG_OK;
}

enum cg_status colref_get(struct row_source *s, const struct colref *c, struct cg_buf *scratch,
			  struct cg_str *out, struct cg_error *err)
{
	char num[64];
	enum cg_status rc;
	out->ptr = "";
	out->len = 0;
	if (!c->spec)
		return CG_OK;
	if (c->nparts == 1) {
		if ((rc = part_value(s, c, 0, num, out, err)))
			return rc;
		if (out->ptr == num) {
			cg_buf_add(scratch, num, out->len, NULL);
			out->ptr = scratch->data;
		}
	} else {
		for (int i = 0; i < c->nparts; i++) {
			struct cg_str v;
			if ((rc = part_value(s, c, i, num, &v, err)))
				return rc;
			if (!v.len)
				continue;
			if (scratch->len)
				cg_buf_addch(scratch, ' ', NULL);
			if (cg_buf_add(scratch, v.ptr, v.len, err))
				return CG_LIMIT;
		}
		out->ptr = scratch->data;
		out->len = scratch->len;
	}
	size_t bad_at = 0;
	if (!cg_utf8_valid(out->ptr, out->len, &bad_at))
		return cg_fail(err, CG_INVALID, "not valid UTF-8 (byte %zu)", bad_at + 1);
	return CG_OK;
}

bool source_row_matches(struct row_source *s, const char *when)
{
	const char *eq;
	json_t *j;
	if (!when)
		return true;
	if (!s->jsonl)
		return true;
	eq = strchr(when, '=');
	if (!eq)
		return false;
	char field[128];
	snprintf(field, sizeof(field), "%.*s", (int)(eq - when), when);
	j = json_object_get(s->jrow.object, field);
	return json_is_string(j) && strcmp(json_string_value(j), eq + 1) == 0;
}
