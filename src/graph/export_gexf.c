/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export_gexf.c - a network as GEXF 1.2 (graph layer), Gephi's own format,
 * also read by NetworkX (read_gexf). See export.h for the content.
 *
 * Node ids are keys and the node's label is GEXF's label attribute; the
 * other node and edge attributes are declared <attributes> with the same
 * names as in GraphML. Edge weight is GEXF's weight attribute. The
 * description goes in <meta><description>. Dates are plain attributes
 * (first, last), not spells: a static graph, which is what Gephi's
 * statistics need.
 */
#include <math.h>
#include <stdio.h>

#include "graph/export_internal.h"
#include "base/banned.h"

static void attribute(FILE *out, const char *id, const char *type)
{
	fputs("      <attribute id=\"", out);
	export_xml_text(out, id);
	fputs("\" title=\"", out);
	export_xml_text(out, id);
	fprintf(out, "\" type=\"%s\"/>\n", type);
}

/* <attvalue for="k" value="text"/>; nothing for NULL or "". */
static void value(FILE *out, const char *k, const char *text)
{
	if (!text || !*text)
		return;
	fputs("          <attvalue for=\"", out);
	export_xml_text(out, k);
	fputs("\" value=\"", out);
	export_xml_text(out, text);
	fputs("\"/>\n", out);
}

enum cg_status cg_net_write_gexf(const struct cg_network *net, const struct cg_net_attr *attrs,
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
	      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
	      "  <meta>\n    <creator>Common Ground</creator>\n    <description>", out);
	export_xml_text(out, net->description.data);
	fputs("</description>\n  </meta>\n"
	      "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n"
	      "    <attributes class=\"node\">\n", out);
	attribute(out, "key", "string");
	attribute(out, "ocgs", "string");
	attribute(out, "tier", "integer");
	attribute(out, "group", "string");
	for (size_t i = 0; i < nattrs; i++)
		attribute(out, attrs[i].name, "double");
	fputs("    </attributes>\n    <attributes class=\"edge\">\n", out);
	attribute(out, "types", "string");
	attribute(out, "links", "integer");
	attribute(out, "first", "string");
	attribute(out, "last", "string");
	fputs("    </attributes>\n    <nodes>\n", out);

	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_net_node *n = &net->nodes[v];
		char tier[16];
		fputs("      <node id=\"", out);
		export_xml_text(out, n->key);
		fputs("\"", out);
		if (n->label) {
			fputs(" label=\"", out);
			export_xml_text(out, n->label);
			fputs("\"", out);
		}
		fputs(">\n        <attvalues>\n", out);
		value(out, "key", n->key);
		export_ocgs(n, &ocgs);
		value(out, "ocgs", ocgs.data);
		snprintf(tier, sizeof(tier), "%d", n->tier);
		value(out, "tier", n->tier >= 0 ? tier : NULL);
		value(out, "group", n->group);
		for (size_t i = 0; i < nattrs; i++) {
			if (isnan(attrs[i].values[v]))
				continue;
			export_number(attrs[i].values[v], num);
			value(out, attrs[i].name, num);
		}
		fputs("        </attvalues>\n      </node>\n", out);
	}
	fputs("    </nodes>\n    <edges>\n", out);
	for (size_t e = 0; e < net->nedges; e++) {
		const struct cg_net_edge *ed = &net->edges[e];
		char links[24];
		export_edge_summary(net, e, &s);
		fprintf(out, "      <edge id=\"%zu\" source=\"", e);
		export_xml_text(out, net->nodes[ed->a].key);
		fputs("\" target=\"", out);
		export_xml_text(out, net->nodes[ed->b].key);
		export_number(ed->weight, num);
		fprintf(out, "\" weight=\"%s\">\n        <attvalues>\n", num);
		value(out, "types", s.types.data);
		snprintf(links, sizeof(links), "%zu", ed->count);
		value(out, "links", links);
		value(out, "first", s.first);
		value(out, "last", s.last);
		fputs("        </attvalues>\n      </edge>\n", out);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", out);
	cg_buf_release(&s.types);
	cg_buf_release(&ocgs);
	return export_done(out, "GEXF", err);
}
