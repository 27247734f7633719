/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * policy_store.h - publishing and reading versions of the shared risk
 * protocol (risk layer).
 *
 * A published policy is a row of `risk_policy`: its exact text, its content
 * hash (cg_policy_hash), a version number counting up from 1, who published
 * it and when. Published versions are never edited or removed (the schema's
 * triggers refuse UPDATE and DELETE): an agency that wants a change
 * publishes a new version, and every assessment names the version that
 * produced it. Only administrators publish; any user may read the versions,
 * which are the shared rules, not intelligence, so reading them is not an
 * audited consultation.
 */
#ifndef CG_RISK_POLICY_STORE_H
#define CG_RISK_POLICY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "access/principal.h"
#include "base/date.h"

/* One published version, without its text. */
struct cg_policy_version {
	int64_t id;                                /* risk_policy.id */
	int64_t version;                           /* 1, 2, ... */
	char hash[65];                             /* BLAKE2b-256 of the text, hex */
	char published_by[CG_USERNAME_MAX + 1];    /* the administrator's username */
	char published_at[CG_TIMESTAMP_ISO_SIZE];  /* UTC, ISO 8601 */
};

/*
 * Publishes `text` (`len` bytes) as the next version: ctx's principal must
 * be an administrator (CG_DENIED otherwise); the text must pass
 * cg_policy_parse (CG_INVALID with "ORIGIN:LINE: reason"; `origin` names the
 * file). Text already published is CG_CONFLICT naming its version. The row
 * and one "administration" audit entry naming it are written in one
 * transaction, so neither lands without the other. *version (may be NULL)
 * receives the new version number.
 */
enum cg_status cg_policy_publish(struct cg_ctx *ctx, const char *text, size_t len,
				 const char *origin, int64_t *version, struct cg_error *err);

/*
 * Reads version `version`, or the newest when `version` is 0: its details
 * into *info and, when `text` is not NULL, its exact text into *text
 * (allocated, NUL-terminated, the caller frees it) and its length into
 * *len. CG_NOT_FOUND when there is no such version (or none at all).
 */
enum cg_status cg_policy_get(struct cg_ctx *ctx, int64_t version, struct cg_policy_version *info,
			     char **text, size_t *len, struct cg_error *err);

/*
 * Calls fn once per published version, oldest first; a non-zero return
 * from fn stops the walk. The struct is valid during the call only.
 */
enum cg_status cg_policy_list(struct cg_ctx *ctx,
			      int (*fn)(const struct cg_policy_version *, void *), void *arg,
			      struct cg_error *err);

#endif
