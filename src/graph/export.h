/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export.h - writing a network for other tools (graph layer): GraphML
 * (yEd, Gephi, NetworkX, igraph), GEXF 1.2 (Gephi), a CSV edge list and
 * the JSON the web UI draws. docs/network-exchange.md describes each.
 *
 * Every format carries the same content:
 *   nodes  key, label, ocgs (OCG ids, ';'-joined in text formats), tier
 *          (0 low, 1 medium, 2 high; absent when none), group, and any
 *          numeric attributes the caller adds (a measure per node);
 *   edges  the two nodes' keys, weight (the sum of the links' weights),
 *          types (the link types, ';'-joined), links (how many), first and
 *          last (the earliest and latest day the links held, YYYY-MM-DD;
 *          absent when no link is dated); JSON also lists every link with
 *          its provenance;
 *   the network's description (what it was built from), in the format's
 *   place for it.
 * The CSV edge list has no nodes, so it loses isolates and node
 * attributes; use GraphML, GEXF or JSON to keep them.
 *
 * Every string is escaped for its format (XML, CSV per RFC 4180, JSON), so
 * names holding & < > " ' , or any UTF-8 come through unchanged; the few
 * characters XML 1.0 cannot carry at all (control characters other than
 * tab and newline) become U+FFFD. Numbers are written so that they read
 * back to the same double.
 *
 * The writers are pure: they read a finished network and write to the
 * caller's FILE * (a file, a pipe, or open_memstream for a buffer); they
 * never print anywhere else. Memory does not grow with the network beyond
 * one node's or edge's worth. Thread-safe for distinct output streams.
 */
#ifndef CG_GRAPH_EXPORT_H
#define CG_GRAPH_EXPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "access/context.h"
#include "base/error.h"
#include "graph/network.h"

enum cg_net_format {
	CG_NET_FORMAT_GRAPHML,
	CG_NET_FORMAT_GEXF,
	CG_NET_FORMAT_CSV,
	CG_NET_FORMAT_JSON,
};

/* "graphml", "gexf", "csv", "json". */
const char *cg_net_format_name(enum cg_net_format f);
/* CG_INVALID naming the formats when `name` is none of them. */
enum cg_status cg_net_format_parse(const char *name, enum cg_net_format *out,
				   struct cg_error *err);

/*
 * A numeric attribute per node, such as a centrality measure. `name` is
 * 1..64 characters of [A-Za-z0-9_] and not one of the built-in names (id,
 * key, label, ocgs, tier, group); `values` has one entry per node of the
 * network, NaN for "no value" (written as absent, or null in JSON).
 */
struct cg_net_attr {
	const char *name;
	const double *values;
};

/*
 * Writes the finished network `net` in format `fmt` to `out`, with
 * `nattrs` extra node attributes (may be 0, attrs NULL). CG_INVALID for a
 * bad attribute name; CG_IO when writing fails (the output is then
 * incomplete). Writes no audit entry: a front end exporting for a user
 * calls cg_net_export_disclosed (below).
 */
enum cg_status cg_net_export(const struct cg_network *net, enum cg_net_format fmt,
			     const struct cg_net_attr *attrs, size_t nattrs, FILE *out,
			     struct cg_error *err);

/* The format writers cg_net_export calls; same contract. */
enum cg_status cg_net_write_graphml(const struct cg_network *net, const struct cg_net_attr *attrs,
				    size_t nattrs, FILE *out, struct cg_error *err);
enum cg_status cg_net_write_gexf(const struct cg_network *net, const struct cg_net_attr *attrs,
				 size_t nattrs, FILE *out, struct cg_error *err);
enum cg_status cg_net_write_csv(const struct cg_network *net, FILE *out, struct cg_error *err);
enum cg_status cg_net_write_json(const struct cg_network *net, const struct cg_net_attr *attrs,
				 size_t nattrs, FILE *out, struct cg_error *err);

/*
 * Exports `net` in format `fmt` to `out` for ctx's principal, as every
 * front end does (`cg graph export`, GET /api/v1/graph/export). An export
 * is a disclosure (DPA 2018 s.62): first one "disclosure" audit entry as
 * the principal, with the network's size and first description line,
 * naming `recipients` (who gets the file; NULL: the principal's own
 * analysis, "USER (AGENCY), own analysis"); then the file, as
 * cg_net_export writes it. Nothing is written unless the entry was, so no
 * export exists that the log does not know of. Needs a justification.
 * CG_INVALID "recipients: ..." for an empty `recipients`; otherwise as
 * cg_net_export (a failure while writing leaves the entry: the disclosure
 * was attempted).
 */
enum cg_status cg_net_export_disclosed(struct cg_ctx *ctx, const struct cg_network *net,
				       enum cg_net_format fmt, const char *recipients, FILE *out,
				       struct cg_error *err);

/*
 * The JSON pieces, for a front end that embeds them in a larger answer
 * (each a new reference the caller json_decref's):
 *   cg_net_json_node  {"id": v, "key", "label", "ocgs": [ids], "tier",
 *                     "group", ...attrs} (null where there is none)
 *   cg_net_json_edge  {"source": a, "target": b, "weight", "links":
 *                     [{"type", "origin", "from", "to", "grading",
 *                     "owner_agency_id", "row_id", "row_id2", "via",
 *                     "via_name"}]}; source and target are node ids (the
 *                     node's index)
 *   cg_net_json       {"network": [description lines], "nodes": [...],
 *                     "edges": [...]}: the whole network in memory, for
 *                     small networks (cg_net_write_json streams)
 * Attribute names are not checked here (cg_net_export does).
 */
json_t *cg_net_json_node(const struct cg_network *net, uint32_t v,
			 const struct cg_net_attr *attrs, size_t nattrs);
json_t *cg_net_json_edge(const struct cg_network *net, size_t e);
json_t *cg_net_json(const struct cg_network *net, const struct cg_net_attr *attrs,
		    size_t nattrs);

#endif
