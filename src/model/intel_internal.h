/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * intel_internal.h - what intel.c and intel_change.c share (model layer,
 * internal).
 */
#ifndef CG_MODEL_INTEL_INTERNAL_H
#define CG_MODEL_INTEL_INTERNAL_H

#include "model/intel.h"

/* Column numbers of CG_INTEL_COLUMNS (store/q_intel.h). */
enum {
	IC_ID, IC_REFERENCE, IC_OWNER_CODE, IC_BODY, IC_SANITISED_BODY,
	IC_SANITISED_CLASSIFICATION, IC_SOURCE, IC_ASSESSMENT, IC_RELATES_TO, IC_STATUS,
	IC_SUBMITTED_BY, IC_APPROVED_BY, IC_APPROVED_AT, IC_MOPI_GROUP, IC_REVIEW_DATE,
	IC_CREATED_AT, IC_DECISION_REASON, IC_LABEL,
};

/* What a principal sees of one report row. */
enum intel_view { INTEL_VIEW_NONE, INTEL_VIEW_FLAG, INTEL_VIEW_SANITISED, INTEL_VIEW_FULL };

/* The principal's view of the current row of a CG_INTEL_COLUMNS query;
 * *label receives the row's label (strings borrowed). */
enum cg_status intel_view(const struct cg_principal *who, struct cg_stmt *s,
			  enum intel_view *view, struct cg_label *label, struct cg_error *err);

#endif
