/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph_groups_out.h - printing what the group analyses (graph/groups.h)
 * return, for `cg graph brokers|crossovers|recruitment|disrupt` (cli
 * layer): people with their groups and tier, links with their type,
 * dates, place and provenance, and the heading every result starts with
 * (the network's description and the parameters of the analysis).
 *
 * Text and CSV outputs begin with "# name: value" lines (CSV readers skip
 * them as comments); JSON outputs are one object whose "network" member
 * holds the description and "parameters" the parameters.
 */
#ifndef CG_CLI_GRAPH_GROUPS_OUT_H
#define CG_CLI_GRAPH_GROUPS_OUT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "base/date.h"
#include "graph/network.h"

/* "YYYY-MM-DD", or "" for CG_NET_NO_DATE. */
void gg_day(int32_t day, char out[CG_DATE_ISO_SIZE]);

/* "high", "medium", "low", or "none" for -1. */
const char *gg_tier(int tier);

/* The node's groups as "5;7" ("" for none) into buf. */
void gg_groups(const struct cg_network *net, uint32_t v, char *buf, size_t size);

/* "person 123 (Name)" / "person 123" without a label; the key for
 * external nodes. */
void gg_person_text(FILE *f, const struct cg_network *net, uint32_t v);

/* One line's worth about link k: "same_wing 2020-01-01..2020-03-01 at BMI
 * wing F (custody rows 12+13, owner agency 2, grading 2B)". */
void gg_link_text(FILE *f, const struct cg_network *net, size_t k);

/* {"key", "person_id", "label", "groups": [...], "tier"} */
json_t *gg_person_json(const struct cg_network *net, uint32_t v);
/* {"type", "from", "to", "place", "via", "origin", "row_id", "row_id2",
 * "owner_agency_id", "grading", "weight", "a", "b"} (a, b: node keys) */
json_t *gg_link_json(const struct cg_network *net, size_t k);

/* The parameters of one analysis, as "name: value" lines. */
#define GG_MAX_PARAMS 12
struct gg_params {
	char name[GG_MAX_PARAMS][32];
	char value[GG_MAX_PARAMS][256];
	size_t n;
};

/* Adds a parameter (truncated to fit; beyond GG_MAX_PARAMS is a bug). */
void gg_param(struct gg_params *p, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The description as "# name: value" lines, then the parameters alike. */
void gg_heading(FILE *f, const struct cg_network *net, const struct gg_params *p);
/* Sets "network" (the description's lines as an object) and "parameters"
 * on `root`. */
void gg_heading_json(json_t *root, const struct cg_network *net, const struct gg_params *p);

/* Prints `root` indented, with a newline, and releases it. */
void gg_print_json(FILE *f, json_t *root);

#endif
