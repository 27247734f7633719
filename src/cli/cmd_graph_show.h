/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_show.h - printing the results of network analysis (cli
 * layer), shared by the `cg graph` commands of cmd_graph_*.c: what a
 * result used as "# " lines, a person as key, label, groups and tier, and
 * a link with its provenance (type, dates, origin, rows, owner agency,
 * grading, what it passed through). JSON documents come from
 * graph/json.h, which the API serves too.
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
#include "graph/json.h"
#include "graph/network.h"

/* What --format asked for. */
enum graph_format { GRAPH_TEXT, GRAPH_CSV, GRAPH_JSON };

/* --format `s` checked against `allowed` ("text,csv,json"; cli_check_format)
 * into *out; NULL: text. CG_USAGE naming the formats otherwise. */
enum cg_status graph_parse_format(const char *s, const char *allowed, enum graph_format *out,
				  struct cg_error *err);

/* Each line of `used` as "# line". */
void graph_print_used(FILE *f, const struct cg_buf *used);

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

/* One line of text for a link: "associate 2024-01-02..2024-03-01,
 * association row 12, agency 3, grading 2B, via HMP X wing F". */
void graph_print_link(FILE *f, const struct cg_network *net, const struct cg_json_agencies *ag,
		      const struct cg_net_link *l);

#endif
