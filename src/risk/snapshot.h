/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * snapshot.h - the evidence scoring reads, loaded from the store in one
 * pass (risk layer).
 *
 * The snapshot holds, per active person, the current memberships, the
 * approved intelligence about them, their releases and custody incidents
 * and their associations with other persons — everything not restricted
 * by its owner, whoever owns it: the score is the one shared assessment.
 * Terms of the policy's intel_terms and custody_incidents factors are
 * matched while loading, so no report text is kept.
 */
#ifndef CG_RISK_SNAPSHOT_H
#define CG_RISK_SNAPSHOT_H

#include "risk/score.h"
#include "store/store.h"

enum cg_status risk_snapshot_load(struct cg_store *st, const struct cg_policy *p,
				  struct risk_data *out, struct cg_error *err);

/* The index of person `id` in d, or -1. */
ptrdiff_t risk_person_index(const struct risk_data *d, int64_t id);

/* The index of group `id` in d, or -1. */
ptrdiff_t risk_ocg_index(const struct risk_data *d, int64_t id);

/* "YYYY-MM-DD..." as days since 1970; `dflt` when empty or malformed. */
int32_t risk_day(const char *s, int32_t dflt);

#endif
