/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph_groups_out.h - printing what the group analyses (graph/groups.h)
 * return, for `cg graph brokers|crossovers|recruitment|disrupt` (cli
 * layer): people with their groups and tier, links with their type,
 * dates, place and provenance, and the heading every result starts with
 * (the network's description and the parameters of the analysis).
 *
 * Text and CSV outputs begin with "# name: value" lines (CSV readers skip
 * them as comments); the JSON documents, whose "network" member holds the
 * description and "parameters" the parameters, come from graph/json.h.
 */
#ifndef CG_CLI_GRAPH_GROUPS_OUT_H
#define CG_CLI_GRAPH_GROUPS_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "graph/network.h"
#include "graph/presets.h"

/* "high", "medium", "low", or "none" for -1. (A node's groups and a day
 * are cmd_graph_show.h's graph_node_groups and network.h's
 * cg_net_day_text.) */
const char *gg_tier(int tier);

/* "person 123 (Name)" / "person 123" without a label; the key for
 * external nodes. */
void gg_person_text(FILE *f, const struct cg_network *net, uint32_t v);

/* One line's worth about link k: "same_wing 2020-01-01..2020-03-01 at BMI
 * wing F (custody rows 12+13, owner agency 2, grading 2B)". */
void gg_link_text(FILE *f, const struct cg_network *net, size_t k);

/* The description as "# name: value" lines, then the parameters alike. */
void gg_heading(FILE *f, const struct cg_network *net, const struct cg_params *p);

#endif
