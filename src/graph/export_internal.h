/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_internal.h - what the network export writers share (graph layer,
 * internal): what an edge's links add up to, dates, numbers and XML text.
 */
#ifndef CG_GRAPH_EXPORT_INTERNAL_H
#define CG_GRAPH_EXPORT_INTERNAL_H

#include <stdio.h>

#include "base/buf.h"
#include "base/date.h"
#include "graph/export.h"

/* An edge's links summed up for the text formats. */
struct edge_summary {
	struct cg_buf types;          /* distinct link types, ';'-joined */
	char first[CG_DATE_ISO_SIZE]; /* earliest day a link held; "" when none dated */
	char last[CG_DATE_ISO_SIZE];  /* latest day */
};

/* Fills *s for edge e (s->types is reset first; release it when done). */
void export_edge_summary(const struct cg_network *net, size_t e, struct edge_summary *s);

/* A node's OCG ids ';'-joined into b (reset first). */
void export_ocgs(const struct cg_net_node *n, struct cg_buf *b);

/* The shortest decimal text that reads back as v ("%.15g", else "%.17g"). */
void export_number(double v, char out[32]);

/* Writes s as XML character data / attribute value text: & < > " ' as
 * entities, characters XML 1.0 cannot carry and bytes that are not UTF-8
 * as U+FFFD. NULL writes nothing. */
void export_xml_text(FILE *out, const char *s);

/* CG_INVALID unless every attribute name is valid and not built in. */
enum cg_status export_check_attrs(const struct cg_net_attr *attrs, size_t nattrs,
				  struct cg_error *err);

/* CG_IO when the stream had a write error. */
enum cg_status export_done(FILE *out, const char *format, struct cg_error *err);

#endif
