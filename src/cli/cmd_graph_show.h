/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_show.h - printing the results of network analysis (cli
 * layer), shared by the `cg graph` commands of cmd_graph_*.c: what a
 * result used as "# " lines or a JSON array, a person as key, label,
 * groups and tier, and a link with its provenance (type, dates, origin,
 * rows, owner agency, grading, what it passed through).
 */
#ifndef CG_CLI_CMD_GRAPH_SHOW_H
#define CG_CLI_CMD_GRAPH_SHOW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "access/context.h"
#include "base/error.h"
#include "graph/network.h"

/* Each line of `used` as "# line". */
void graph_print_used(FILE *f, const struct cg_buf *used);
/* The lines of `used` as a JSON array of strings (new reference). */
json_t *graph_used_json(const struct cg_buf *used);

/* Prints `j` indented with a newline and drops the reference. */
void graph_print_json(FILE *f, json_t *j);

/* True for a network imported from an edge list (its nodes are not
 * persons of the store, and carry a group instead of OCG memberships). */
bool graph_is_external(const struct cg_network *net);

/* Node v's recorded groups for a table: OCG ids joined by ';', or the
 * external group; "" when none. Writes into buf (truncated to size). */
void graph_node_groups(const struct cg_network *net, uint32_t v, char *buf, size_t size);
/* "high", "medium", "low", or "" without a tier. */
const char *graph_tier_name(int tier);
/* "KEY (label)" or "KEY", into buf. */
void graph_node_name(const struct cg_network *net, uint32_t v, char *buf, size_t size);

/* Agency codes by id, to name links' owners (any user may list agencies). */
struct graph_agencies {
	struct graph_agency {
		int64_t id;
		char *code;
	} *items;
	size_t n, cap;
};
/* Loads every agency's code (lib may be NULL: none); on failure leaves
 * the list empty, and links show the owner's id instead. */
void graph_agencies_load(struct cg_ctx *lib, struct graph_agencies *a);
void graph_agencies_release(struct graph_agencies *a);

/* {"key", "label", "ocgs": [..] or "group", "tier"} (new reference). */
json_t *graph_node_json(const struct cg_network *net, uint32_t v);
/* A link with its provenance (new reference). */
json_t *graph_link_json(const struct cg_network *net, const struct graph_agencies *ag,
			const struct cg_net_link *l);
/* Edge e: both ends' keys, its weight and its links (new reference). */
json_t *graph_edge_json(const struct cg_network *net, const struct graph_agencies *ag,
			size_t e);
/* One line of text for a link: "associate 2024-01-02..2024-03-01,
 * association row 12, agency 3, grading 2B, via HMP X wing F". */
void graph_print_link(FILE *f, const struct cg_network *net, const struct graph_agencies *ag,
		      const struct cg_net_link *l);

/* The node whose key is `key`: CG_NOT_FOUND naming it when there is none
 * (a person the user may not see is not in the network either). */
enum cg_status graph_find_node(const struct cg_network *net, const char *key, uint32_t *v,
			       struct cg_error *err);

#endif
