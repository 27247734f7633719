/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ocg_internal.h - what ocg.c and ocg_change.c share (model layer,
 * internal).
 */
#ifndef CG_MODEL_OCG_INTERNAL_H
#define CG_MODEL_OCG_INTERNAL_H

#include "model/ocg.h"

/* Column numbers of CG_OCG_COLUMNS (store/q_ocg.h). */
enum {
	OC_ID, OC_NAME, OC_ALIASES, OC_ACTIVITIES, OC_GEOGRAPHY, OC_STATUS, OC_MERGED_INTO,
	OC_CREATED_AT, OC_OWNER_CODE, OC_LABEL,
};

/* Column numbers of OCG_MEMBERS. */
enum {
	MC_ID, MC_PERSON, MC_RECORD, MC_ROLE, MC_FROM, MC_TO, MC_OWNER_CODE, MC_LABEL,
};

/* Does the principal see report `id` (in full or its sanitised version)?
 * intel.h's rule. */
enum cg_status ocg_report_visible(struct cg_ctx *ctx, int64_t id, bool *visible,
				  struct cg_error *err);

#endif
