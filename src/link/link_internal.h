/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * link_internal.h - what the files of src/link/ share and nothing else
 * includes (link capability layer): the trained model, its weights and
 * its text form kept with each run.
 */
#ifndef CG_LINK_INTERNAL_H
#define CG_LINK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "link/compare.h"

/* Smallest frequency a term-frequency adjustment assumes. */
#define LINK_TF_MIN 1e-7
/* Bounds of a term-frequency adjustment, in bits. */
#define LINK_TF_ADJ_MAX 12.0

/* The Fellegi-Sunter model of one run. Level 0 (null) is never used. */
struct link_model {
	double m[CG_CMP_COUNT][CG_LEVELS_MAX];  /* P(level | match), EM */
	double u[CG_CMP_COUNT][CG_LEVELS_MAX];  /* P(level | non-match), random pairs */
	double prior;       /* log2 odds that a random pair of records matches */
	double lambda;      /* share of matches among compared pairs (EM) */
	double tf_total[2]; /* records with a forename, with a surname (term frequencies) */
};

/* log2(m/u) of one level (0 for the null level). */
double link_level_weight(const struct link_model *mo, int cmp, int level);

/* Term-frequency adjustment of an exact name match on a value held by
 * `count` records: log2(u_exact / tf), bounded. 0 when count is 0. */
double link_tf_adjust(const struct link_model *mo, int cmp, uint32_t count);

/* Writes the model as text lines ("prior W", "lambda L", "tf F S",
 * "COMPARISON LEVEL M U") to out. */
enum cg_status link_model_format(const struct link_model *mo, struct cg_buf *out,
				 struct cg_error *err);
/* Reads what link_model_format wrote. CG_CORRUPT on malformed text. */
enum cg_status link_model_parse(const char *text, struct link_model *mo, struct cg_error *err);

/* One distinct comparison vector (packed levels) and how many pairs have it. */
struct link_pattern {
	uint32_t gamma;
	double n;
};

/*
 * Expectation-maximisation of the two-class mixture over the patterns:
 * starts from m = 0.9 on each comparison's best level and mo->u as the
 * non-match distribution (uniform where 0), iterates until no probability
 * moves by 1e-7 (at most 200 rounds), and writes mo->m and mo->lambda.
 * mo->u is left as given. Returns the rounds run.
 */
int link_em(const struct link_pattern *pats, size_t npats, struct link_model *mo);

struct cg_store;
/* The newest run's model and thresholds (either pointer may be NULL);
 * CG_NOT_FOUND when no run exists yet. */
enum cg_status link_latest_model(struct cg_store *st, struct link_model *mo, double *threshold,
				 double *review, struct cg_error *err);

#endif
