/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * account_internal.h - what account.c and session.c share (access layer,
 * internal).
 */
#ifndef CG_ACCESS_ACCOUNT_INTERNAL_H
#define CG_ACCESS_ACCOUNT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

/* libsodium started (idempotent). */
enum cg_status acct_crypto_ready(struct cg_error *err);
/* `t` as UTC ISO text; t is the clock plus a bounded offset. */
void acct_iso_time(int64_t t, char out[CG_TIMESTAMP_ISO_SIZE]);
/* Is the stored time `iso` still in the future at `now`? Text that is not
 * a timestamp counts as the future: a damaged lock fails closed. */
bool acct_still_ahead(const char *iso, int64_t now);
/* Commits on success, rolls back on failure (commit failing included). */
enum cg_status acct_finish(struct cg_store *st, enum cg_status rc, struct cg_error *err);
/* Copies at most size-1 bytes and a NUL. */
void acct_copy_text(char *dst, size_t size, const char *src);
/* Steps a prepared write once; the caller hands it back with cg_stmt_done. */
enum cg_status acct_run(struct cg_stmt *s, struct cg_error *err);

#endif
