/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.h - the context every library entry point takes (access layer).
 *
 * A context carries the store, the principal acting and the justification
 * they gave. Every read and write of intelligence in model/ and the
 * capabilities takes one, so the visibility rule and the audit log live in
 * one place below all front ends: a front end can only obtain data by
 * handing over who is asking and why.
 */
#ifndef CG_ACCESS_CONTEXT_H
#define CG_ACCESS_CONTEXT_H

#include "access/principal.h"
#include "store/store.h"

#define CG_JUSTIFICATION_MAX 1000

struct cg_ctx {
	struct cg_store *store;      /* borrowed; outlives the context */
	struct cg_principal who;     /* owned */
	char *justification;         /* owned; NULL when none was given */
};

/*
 * Sets up a context for the user `username` acting on `store`, with an
 * optional justification (copied; trimmed; at most CG_JUSTIFICATION_MAX
 * bytes). CG_NOT_FOUND when there is no such enabled user; CG_INVALID when
 * the justification is too long or not printable text.
 */
enum cg_status cg_ctx_init(struct cg_ctx *ctx, struct cg_store *store,
			   const char *username, const char *justification,
			   struct cg_error *err);

/*
 * Replaces the context's justification with `justification` (copied,
 * checked and trimmed as by cg_ctx_init; NULL or blank for none). For a
 * front end that sets up ctx->who itself, such as the HTTP server from a
 * session (cg_session_resolve). CG_INVALID leaves no justification.
 */
enum cg_status cg_ctx_set_justification(struct cg_ctx *ctx, const char *justification,
					struct cg_error *err);

/*
 * Sets up the bootstrap context: the local command line setting up a store
 * that has no administrator yet (the first agency and the first admin). It
 * fails with CG_DENIED once any administrator exists. Its principal holds
 * no agency and sees no intelligence.
 */
enum cg_status cg_ctx_init_bootstrap(struct cg_ctx *ctx, struct cg_store *store,
				     struct cg_error *err);

/* Frees what the context owns (not the store). Accepts a zeroed context. */
void cg_ctx_release(struct cg_ctx *ctx);

/*
 * CG_DENIED unless the principal holds at least one of `roles` (a set of
 * enum cg_role bits); `what` names the operation in the message.
 */
enum cg_status cg_ctx_require_role(const struct cg_ctx *ctx, unsigned roles,
				   const char *what, struct cg_error *err);

/* CG_INVALID unless a justification was given: consultations of
 * intelligence must say why (DPA 2018 s.62). `what` names the operation. */
enum cg_status cg_ctx_require_justification(const struct cg_ctx *ctx,
					    const char *what, struct cg_error *err);

#endif
