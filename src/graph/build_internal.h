/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * build_internal.h - what the files of the network builder share (graph
 * layer, internal to src/graph/build*.c).
 *
 * The builder reads each table once (store/q_graph.h) and joins in memory:
 *
 *   build_nodes.c    agencies, records -> persons -> nodes, memberships,
 *                    the OCG filter, risk tiers
 *   build_links.c    associations, events with two persons, intelligence
 *                    co-subjects; collects uses of objects
 *   build_objects.c  persons who used one object -> shared_<kind> links
 *   build_custody.c  custody stays -> same_cell / same_wing /
 *                    same_establishment links, by a sweep per place
 *   build_filter.c   the filter checked, link types and their weights,
 *                    the per-row and per-link filters, visibility per
 *                    distinct label
 *   build.c          cg_net_build: the order of the steps, the
 *                    description and the audit entry
 */
#ifndef CG_GRAPH_BUILD_INTERNAL_H
#define CG_GRAPH_BUILD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/principal.h"
#include "base/buf.h"
#include "base/strmap.h"
#include "base/vec.h"
#include "graph/build.h"
#include "store/store.h"

/* One use of an object by a person: an association to the object, or an
 * event whose subject is the person and whose party is the object. */
struct build_use {
	int64_t object;
	uint32_t node;
	int32_t from, to;  /* days; CG_NET_NO_DATE when unknown */
	int64_t row;       /* association or event id */
	int64_t owner;     /* the row's owner agency */
	bool association;  /* row is an association (else an event) */
	bool custody;      /* a call made from prison */
	char grading[3];   /* "" ungraded */
};

/*
 * The most links one build may hold. A million links take about 70 MB,
 * twice that while cg_net_finish sorts them; co-location in a large
 * prison estate can reach tens of millions (same_establishment over a
 * world of 100,000 people: 44 million, 4.5 GB). Past this the build stops
 * with CG_LIMIT asking for a narrower filter rather than exhausting a
 * server's memory or silently dropping links.
 */
#define BUILD_LINKS_MAX ((size_t)25000000)

struct builder {
	struct cg_ctx *ctx;
	const struct cg_net_filter *f; /* never NULL (an empty filter instead) */
	struct cg_network *net;

	/* The filter, checked. */
	int32_t from, to;          /* window in days; CG_NET_NO_DATE when open */
	char min_se, min_ia;       /* minimum grading, '\0' for none */

	/* Visibility decided once per distinct label (key: the label's
	 * columns) -> 1 seen in full, 0 not. */
	struct cg_strmap vis;
	struct cg_buf key;

	/* Agencies by id: code ("" none) and whether it runs prisons. */
	char (*agency_code)[CG_AGENCY_CODE_MAX + 1];
	bool *agency_prison;
	size_t nagency;            /* ids 0 .. nagency-1 */

	/* Record id -> node (-1: no node: not visible, not current, not
	 * linked or filtered out); person id -> node likewise, with merged
	 * persons resolved to the person they were merged into. */
	int32_t *rec_node;
	size_t nrec;
	int32_t *person_node;
	size_t nperson;

	/* Link types: name -> index into net->types, or -1 when the filter
	 * does not want it. Per type: links kept and how many were made in
	 * custody (a type is marked custody when all of its links were). */
	struct cg_strmap type_index;
	size_t *type_links, *type_custody;
	size_t cap_type_counts;
	/* Association kinds in rows the principal sees: the names --types may
	 * use besides the fixed ones. */
	struct cg_strmap kinds_seen;

	CG_VEC(struct build_use) uses;

	int32_t export_day;        /* where open custody stays end; NO_DATE none */
	size_t objects_skipped;    /* objects of more than CG_NET_OBJECT_FANOUT users */
	size_t reports_skipped;    /* reports of more than CG_NET_OBJECT_FANOUT subjects */
	bool too_many;             /* BUILD_LINKS_MAX reached: the build fails */
};

/* ---- build_filter.c ---- */

/* Checks the filter's values (dates, grading, weights, setting, OCGs the
 * principal must see) into b. CG_INVALID / CG_NOT_FOUND naming the field. */
enum cg_status build_filter_check(struct builder *b, struct cg_error *err);
/* Checks that every type named by --types or --weight exists: a fixed
 * type, or an association kind the principal sees. After the scans. */
enum cg_status build_filter_check_types(struct builder *b, struct cg_error *err);
/* Registers the fixed types the filter wants, in the order of the table. */
void build_types_init(struct builder *b);
/* The type index for `name` (registered when first wanted), or -1. */
int64_t build_type(struct builder *b, const char *name);
/* Marks each type custody when all of its links were made in custody
 * (a type without links keeps its default). */
void build_types_settle(struct builder *b);
/* Is a row of owner agency `owner` with `grading` ("" ungraded) kept? */
bool build_row_passes(const struct builder *b, int64_t owner, const char *grading);
/* Does the period from..to (either CG_NET_NO_DATE: open) meet the window? */
bool build_in_window(const struct builder *b, int32_t from, int32_t to);
/* Adds the link if the setting filter keeps it (custody: made in
 * custody); weight -1 takes the type's. */
void build_link(struct builder *b, const struct cg_net_link *l, bool custody);
/* Reads the label at column `first` of the current row: *full when the
 * principal sees the row in full; *owner its owner agency. */
enum cg_status build_sees(struct builder *b, struct cg_stmt *s, int first, bool *full,
			  int64_t *owner, struct cg_error *err);
/* The day of "YYYY-MM-DD..." text, CG_NET_NO_DATE when empty or not a
 * date. */
int32_t build_day(const char *text);
/* The node of record `id`, or -1. */
static inline int32_t build_record_node(const struct builder *b, int64_t id)
{
	return id > 0 && (uint64_t)id < b->nrec ? b->rec_node[id] : -1;
}
/* Does agency `id` run prisons? */
static inline bool build_agency_prison(const struct builder *b, int64_t id)
{
	return id > 0 && (uint64_t)id < b->nagency && b->agency_prison[id];
}

/* ---- the steps ---- */
enum cg_status build_nodes(struct builder *b, struct cg_error *err);
enum cg_status build_associations(struct builder *b, struct cg_error *err);
enum cg_status build_events(struct builder *b, struct cg_error *err);
enum cg_status build_intel(struct builder *b, struct cg_error *err);
enum cg_status build_objects(struct builder *b, struct cg_error *err);
enum cg_status build_custody(struct builder *b, struct cg_error *err);

#endif
