/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_graphml.c - a network as GraphML (graph layer), the XML format
 * yEd, Gephi, NetworkX (read_graphml) and igraph read. See export.h for
 * the content; docs/network-exchange.md for the keys.
 *
 * Node ids are the nodes' keys, so a node is the same in every export and
 * NetworkX names it by key. The graph is undirected; the description goes
 * in the graph's <desc>.
 */
#include <math.h>
#include <stdio.h>

#include "graph/export_internal.h"
#include "base/banned.h"

/* One <key> per attribute; the id is the attribute name. */
static void key(FILE *out, const char *id, const char *name, const char *target,
		const char *type)
{
	fprintf(out, "  <key id=\"");
	export_xml_text(out, id);
	fprintf(out, "\" for=\"%s\" attr.name=\"", target);
	export_xml_text(out, name);
	fprintf(out, "\" attr.type=\"%s\"/>\n", type);
}

/* <data key="k">text</data>; nothing for NULL or "". */
static void data(FILE *out, const char *k, const char *text)
{
	if (!text || !*text)
		return;
	fprintf(out, "      <data key=\"%s\">", k);
	export_xml_text(out, text);
	fputs("</data>\n", out);
}

enum cg_status cg_net_write_graphml(const struct cg_network *net, const struct cg_net_attr *attrs,
				    size_t nattrs, FILE *out, struct cg_error *err)
{
	struct edge_summary s = { CG_BUF_INIT, "", "" };
	struct cg_buf ocgs = CG_BUF_INIT;
	enum cg_status rc = export_check_attrs(attrs, nattrs, err);
	char num[32];

	if (rc)
		return rc;
	CG_ASSERT(net->finished);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", out);
	key(out, "key", "key", "node", "string");
	key(out, "label", "label", "node", "string");
	key(out, "ocgs", "ocgs", "node", "string");
	key(out, "tier", "tier", "node", "int");
	key(out, "group", "group", "node", "string");
	/* extra attributes: names are checked to be plain words, so they
	 * cannot collide with the fixed keys above */
	for (size_t i = 0; i < nattrs; i++)
		key(out, attrs[i].name, attrs[i].name, "node", "double");
	key(out, "weight", "weight", "edge", "double");
	key(out, "types", "types", "edge", "string");
	key(out, "links", "links", "edge", "int");
	key(out, "first", "first", "edge", "string");
	key(out, "last", "last", "edge", "string");
	fputs("  <graph id=\"network\" edgedefault=\"undirected\">\n    <desc>", out);
	export_xml_text(out, net->description.data);
	fputs("</desc>\n", out);

	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_net_node *n = &net->nodes[v];
		fputs("    <node id=\"", out);
		export_xml_text(out, n->key);
		fputs("\">\n", out);
		data(out, "key", n->key);
		data(out, "label", n->label);
		export_ocgs(n, &ocgs);
		data(out, "ocgs", ocgs.data);
		if (n->tier >= 0)
			fprintf(out, "      <data key=\"tier\">%d</data>\n", n->tier);
		data(out, "group", n->group);
		for (size_t i = 0; i < nattrs; i++) {
			if (isnan(attrs[i].values[v]))
				continue;
			export_number(attrs[i].values[v], num);
			fputs("      <data key=\"", out);
			export_xml_text(out, attrs[i].name);
			fprintf(out, "\">%s</data>\n", num);
		}
		fputs("    </node>\n", out);
	}
	for (size_t e = 0; e < net->nedges; e++) {
		const struct cg_net_edge *ed = &net->edges[e];
		export_edge_summary(net, e, &s);
		fputs("    <edge source=\"", out);
		export_xml_text(out, net->nodes[ed->a].key);
		fputs("\" target=\"", out);
		export_xml_text(out, net->nodes[ed->b].key);
		export_number(ed->weight, num);
		fprintf(out, "\">\n      <data key=\"weight\">%s</data>\n", num);
		data(out, "types", s.types.data);
		fprintf(out, "      <data key=\"links\">%zu</data>\n", ed->count);
		data(out, "first", s.first);
		data(out, "last", s.last);
		fputs("    </edge>\n", out);
	}
	fputs("  </graph>\n</graphml>\n", out);
	cg_buf_release(&s.types);
	cg_buf_release(&ocgs);
	return export_done(out, "GraphML", err);
}
