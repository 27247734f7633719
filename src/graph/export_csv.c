/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_csv.c - a network as a CSV edge list (graph layer): one row per
 * edge, source,target,weight,types,links,first,last, with the header.
 * Fields are quoted as RFC 4180 says (when they hold a comma, a quote or a
 * line break; quotes doubled); lines end with a newline. Isolated nodes
 * and node attributes are not in an edge list (export.h).
 */
#include <stdio.h>
#include <string.h>

#include "graph/export_internal.h"
#include "base/banned.h"

/* One field, quoted when it must be, then ',' or the line's end. */
static void field(FILE *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : ',', out);
}

enum cg_status cg_net_write_csv(const struct cg_network *net, FILE *out, struct cg_error *err)
{
	struct edge_summary s = { CG_BUF_INIT, "", "" };
	char num[32], links[24];

	CG_ASSERT(net->finished);
	fputs("source,target,weight,types,links,first,last\n", out);
	for (size_t e = 0; e < net->nedges; e++) {
		const struct cg_net_edge *ed = &net->edges[e];
		export_edge_summary(net, e, &s);
		export_number(ed->weight, num);
		snprintf(links, sizeof(links), "%zu", ed->count);
		field(out, net->nodes[ed->a].key, false);
		field(out, net->nodes[ed->b].key, false);
		field(out, num, false);
		field(out, s.types.data, false);
		field(out, links, false);
		field(out, s.first, false);
		field(out, s.last, true);
	}
	cg_buf_release(&s.types);
	return export_done(out, "CSV", err);
}
