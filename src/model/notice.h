/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * notice.h - retraction notices an agency has received (model layer).
 *
 * When an owner withdraws or corrects a record that other agencies
 * consulted or received, each of them gets a notice (record.c writes them).
 * An agency reads its own notices; reading them is logged as a
 * consultation.
 */
#ifndef CG_MODEL_NOTICE_H
#define CG_MODEL_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"

struct cg_notice {
	int64_t id;
	char record_kind[32];
	int64_t record_id;
	char owner_code[33];
	char owner_name[128];
	char owner_contact[128];
	char kind[16];          /* withdrawn or corrected */
	char reason[256];
	char created_at[24];
};

/* Fills up to `max` notices addressed to the principal's agency, newest
 * first, into out[]; *n receives how many. */
enum cg_status cg_notice_list(struct cg_ctx *ctx, struct cg_notice *out, size_t max,
			      size_t *n, struct cg_error *err);

#endif
