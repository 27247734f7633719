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
#include "base/strmap.h"
#include "base/vec.h"
#include "link/compare.h"
#include "link/link.h"

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

struct cg_ctx;
/* Does the principal see current record `id` in full? Sets *person (may be
 * NULL) to its person, 0 when unlinked. Anything else is CG_NOT_FOUND,
 * worded as for a missing id. (link_access.c) */
enum cg_status link_visible_record(struct cg_ctx *ctx, int64_t id, int64_t *person,
				   struct cg_error *err);

/* ---- what link.c, link_cluster.c and link_write.c share ---- */
enum { REC_NEW = 1, REC_SPLIT = 2 };
enum link_method { M_NONE, M_ANALYST, M_EXISTING, M_HARD, M_MODEL, M_SINGLETON };
/* The person_link.method text of each enum link_method (link.c). */
extern const char *const link_method_names[];

struct lrec {
	int64_t id;
	int64_t person;        /* linked before the run; 0 none */
	uint32_t fore, sur, pc;/* interned; 0 none */
	uint32_t alias_at, ident_at;
	int32_t dob;           /* YYYYMMDD, 0 unknown */
	uint16_t nalias, nident;
	char sex;
	uint8_t flags;
	uint8_t old_method;
};

/* Strings interned to dense ids (0 is ""), with how many records use each
 * (two counters: names count forename and surname uses apart). */
struct intern {
	struct cg_strmap map;
	CG_VEC(char *) text;
	CG_VEC(uint32_t) count;   /* forename uses; other tables: uses */
	CG_VEC(uint32_t) count2;  /* surname uses */
};

struct alias_row {
	uint32_t rec, fore, sur;
};
struct ident_row {
	uint32_t rec;
	struct cg_link_ident id;
};

struct linker {
	struct cg_ctx *ctx;
	struct lrec *recs;
	size_t n;
	struct intern names, pc, kind, value;
	struct cg_name_key *fkeys, *skeys; /* one table: skeys == fkeys */
	struct cg_link_name *aliases;
	struct cg_link_ident *idents;
	CG_VEC(struct alias_row) alias_rows;
	CG_VEC(struct ident_row) ident_rows;
	uint64_t *pairs;      /* (a << 32) | b, a < b, record indexes */
	size_t npairs;
	uint32_t *gamma;      /* packed levels; bit 28 = hard identifier shared, bits 24-25 via */
	float *weight;
	struct link_model model;
	size_t labelled;      /* pairs sharing a hard identifier (m from them) */
	/* Where the records came from (docs/linking.md, "Incremental runs"):
	 * stored: records [0, nstored) from link_record, the rest (ids above
	 * the newest run's high water) from source_record; otherwise every
	 * record from source_record, and the run rewrites link_record. */
	bool stored;
	size_t nstored;
	int64_t high_water;   /* largest record id this run links */
	CG_VEC(int64_t) stale;/* records no longer current that still have a
			       * link or a link_record row, in id order */
};

#define G_HARD (1u << 28)
#define G_LEVELS 0x00FFFFFFu

struct cons {
	uint32_t kind, value;
};
typedef CG_VEC(struct cons) cons_vec;

struct decision {
	int64_t id;
	char kind;      /* 'c' confirm/merge, 'r' reject, 's' split */
	uint32_t a, b;  /* record indexes (b unused for split) */
};
typedef CG_VEC(struct decision) decision_vec;

struct clustering {
	uint32_t *root;      /* per record */
	uint8_t *method;     /* per record: enum link_method */
	float *mweight;      /* per record: weight of its strongest model link */
	CG_VEC(struct cg_link_conflict) conflicts;
	CG_VEC(uint64_t) conflict_pairs;
	size_t nconflicts;
	cons_vec *extra;     /* per record: reject tokens of analyst decisions */
};

/* Index of the loaded record with this id, or SIZE_MAX (link.c). */
size_t link_find_rec(const struct linker *L, int64_t id);
/* Sorts (link.c). */
void link_sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void link_sort_u64(uint64_t *a, size_t n);

/* Analyst decisions, oldest first (link_cluster.c). */
enum cg_status link_load_decisions(struct linker *L, decision_vec *out, struct cg_error *err);

/* Clusters the scored pairs under the hard-identifier and decision
 * constraints (link_cluster.c). */
void link_cluster(struct linker *L, const struct cg_link_options *o, const decision_vec *dv,
		  struct clustering *cl, struct cg_link_summary *sum);

/* Writes persons, links, the review queue and the audit entry
 * (link_write.c). */
enum cg_status link_write_results(struct linker *L, const struct cg_link_options *o,
				  struct clustering *cl, const char *started,
				  struct cg_link_summary *sum, struct cg_error *err);

#endif
