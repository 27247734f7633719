/* SPDX-License-Identifier: GPL-3.0-or-later */
/* context.c - who is acting and why, for every library call (access layer). */
#include "access/context.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "store/queries.h"
#include "base/banned.h"

/* Copies a justification, trimmed; refuses control characters so an entry
 * in the audit log reads as one line. */
static enum cg_status copy_justification(const char *in, char **out,
					 struct cg_error *err)
{
	size_t start = 0, end;

	*out = NULL;
	if (!in)
		return CG_OK;
	end = strlen(in);
	while (start < end && (in[start] == ' ' || in[start] == '\t'))
		start++;
	while (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t'))
		end--;
	if (end == start)
		return CG_OK;
	if (end - start > CG_JUSTIFICATION_MAX)
		return cg_fail(err, CG_INVALID, "justification: longer than %d bytes",
			       CG_JUSTIFICATION_MAX);
	for (size_t i = start; i < end; i++)
		if ((unsigned char)in[i] < 0x20 || in[i] == 0x7f)
			return cg_fail(err, CG_INVALID,
				       "justification: control character at byte %zu", i - start + 1);
	*out = cg_xstrndup(in + start, end - start);
	return CG_OK;
}

enum cg_status cg_ctx_init(struct cg_ctx *ctx, struct cg_store *store,
			   const char *username, const char *justification,
			   struct cg_error *err)
{
	enum cg_status rc;

	memset(ctx, 0, sizeof(*ctx));
	ctx->store = store;
	cg_principal_init(&ctx->who);
	rc = copy_justification(justification, &ctx->justification, err);
	if (rc == CG_OK)
		rc = cg_principal_load(store, username, &ctx->who, err);
	return rc;
}

enum cg_status cg_ctx_set_justification(struct cg_ctx *ctx, const char *justification,
					struct cg_error *err)
{
	free(ctx->justification);
	ctx->justification = NULL;
	return copy_justification(justification, &ctx->justification, err);
}

enum cg_status cg_ctx_init_bootstrap(struct cg_ctx *ctx, struct cg_store *store,
				     struct cg_error *err)
{
	int64_t admins = 0;
	struct cg_stmt *s = NULL;
	bool row = false;
	enum cg_status rc;

	memset(ctx, 0, sizeof(*ctx));
	ctx->store = store;
	cg_principal_init(&ctx->who);
	rc = cg_store_prepare_query(store, CG_Q_ADMIN_COUNT, &s, err);
	if (rc == CG_OK)
		rc = cg_stmt_step(s, &row, err);
	if (rc == CG_OK && row)
		admins = cg_stmt_int64(s, 0);
	cg_stmt_done(s);
	if (rc)
		return rc;
	if (admins > 0)
		return cg_fail(err, CG_DENIED,
			       "the store already has an administrator: act as one with --as");
	ctx->who.bootstrap = true;
	memcpy(ctx->who.username, "bootstrap", sizeof("bootstrap"));
	memcpy(ctx->who.agency_code, "-", 2);
	return CG_OK;
}

void cg_ctx_release(struct cg_ctx *ctx)
{
	cg_principal_release(&ctx->who);
	free(ctx->justification);
	ctx->justification = NULL;
}

enum cg_status cg_ctx_require_role(const struct cg_ctx *ctx, unsigned roles,
				   const char *what, struct cg_error *err)
{
	if (ctx->who.roles & roles)
		return CG_OK;
	return cg_fail(err, CG_DENIED, "%s: user %s does not hold the role needed", what,
		       ctx->who.username);
}

enum cg_status cg_ctx_require_justification(const struct cg_ctx *ctx,
					    const char *what, struct cg_error *err)
{
	if (ctx->justification)
		return CG_OK;
	return cg_fail(err, CG_INVALID,
		       "%s: a justification is required for consulting intelligence (--reason)",
		       what);
}
