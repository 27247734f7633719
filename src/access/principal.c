/* SPDX-License-Identifier: GPL-3.0-or-later */
/* principal.c - loading who is acting from the store (access layer). */
#include "access/principal.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "store/queries.h"
#include "base/banned.h"

void cg_principal_init(struct cg_principal *p)
{
	memset(p, 0, sizeof(*p));
	p->clearance = CG_CLASS_OFFICIAL;
	p->compartments = cg_xstrdup("");
}

void cg_principal_release(struct cg_principal *p)
{
	free(p->compartments);
	p->compartments = NULL;
}

static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Fills p from the current row of PRINCIPAL_BY_* and loads roles and
 * compartments. */
static enum cg_status load_rest(struct cg_store *st, struct cg_stmt *row,
				struct cg_principal *p, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	struct cg_buf comps = CG_BUF_INIT;
	bool more = false;
	enum cg_status rc;

	p->user_id = cg_stmt_int64(row, 0);
	copy_text(p->username, sizeof(p->username), cg_stmt_text(row, 1));
	p->agency_id = cg_stmt_int64(row, 2);
	copy_text(p->agency_code, sizeof(p->agency_code), cg_stmt_text(row, 3));
	rc = cg_agency_type_parse(cg_stmt_text(row, 4), &p->agency_type, err);
	if (rc == CG_OK)
		rc = cg_clearance_parse(cg_stmt_text(row, 5), &p->clearance, err);
	p->is_service = cg_stmt_int64(row, 6) != 0;
	if (rc)
		return cg_error_prefix(err, "user %s", p->username);

	rc = cg_store_prepare_query(st, CG_Q_PRINCIPAL_ROLES, &s, err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, p->user_id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &more, err)) == CG_OK && more) {
		enum cg_role r;
		rc = cg_role_parse(cg_stmt_text(s, 0), &r, err);
		p->roles |= (unsigned)r;
	}
	cg_stmt_done(s);
	s = NULL;
	if (rc == CG_OK)
		rc = cg_store_prepare_query(st, CG_Q_PRINCIPAL_COMPARTMENTS, &s, err);
	if (rc == CG_OK)
		cg_stmt_bind_int64(s, 1, p->user_id);
	while (rc == CG_OK && (rc = cg_stmt_step(s, &more, err)) == CG_OK && more)
		rc = cg_buf_printf(&comps, err, "%s%s", comps.len ? "," : "", cg_stmt_text(s, 0));
	cg_stmt_done(s);
	if (rc == CG_OK) {
		free(p->compartments);
		p->compartments = cg_buf_detach(&comps, NULL);
	}
	cg_buf_release(&comps);
	return rc;
}

static enum cg_status load(struct cg_store *st, enum cg_query q, const char *name,
			   int64_t id, struct cg_principal *p, struct cg_error *err)
{
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	cg_principal_release(p);
	cg_principal_init(p);
	rc = cg_store_prepare_query(st, q, &s, err);
	if (rc)
		return rc;
	if (name)
		cg_stmt_bind_str(s, 1, name);
	else
		cg_stmt_bind_int64(s, 1, id);
	rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && !row) {
		if (name)
			rc = cg_fail(err, CG_NOT_FOUND, "no user called '%.64s'", name);
		else
			rc = cg_fail(err, CG_NOT_FOUND, "no user with id %lld", (long long)id);
	}
	if (rc == CG_OK)
		rc = load_rest(st, s, p, err);
	cg_stmt_done(s);
	return rc;
}

enum cg_status cg_principal_load(struct cg_store *st, const char *username,
				 struct cg_principal *p, struct cg_error *err)
{
	return load(st, CG_Q_PRINCIPAL_BY_NAME, username ? username : "", 0, p, err);
}

enum cg_status cg_principal_load_id(struct cg_store *st, int64_t user_id,
				    struct cg_principal *p, struct cg_error *err)
{
	return load(st, CG_Q_PRINCIPAL_BY_ID, NULL, user_id, p, err);
}

bool cg_principal_in_compartment(const struct cg_principal *p, const char *code,
				 size_t len)
{
	const char *c = p->compartments;
	while (c && *c) {
		const char *comma = strchr(c, ',');
		size_t n = comma ? (size_t)(comma - c) : strlen(c);
		if (n == len && memcmp(c, code, len) == 0)
			return true;
		c = comma ? comma + 1 : NULL;
	}
	return false;
}
