/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_graph_export.c - GET /api/v1/graph/export (http layer): the network
 * the principal may see as a file for other tools, GraphML, GEXF, a CSV
 * edge list or the web UI's JSON (graph/export.h), as `cg graph export`
 * writes it.
 *
 * An export is a disclosure (DPA 2018 s.62): the same library call as the
 * command line's (cg_net_export_disclosed) records it in the audit log,
 * naming the recipients, before a byte is written; without the entry
 * there is no file. The
 * answer is the file itself with its Content-Type and a
 * Content-Disposition that offers it for download; an error is JSON as
 * everywhere.
 */
#include <stdio.h>
#include <stdlib.h>

#include "graph/export.h"
#include "http/http_internal.h"
#include "base/banned.h"

static const struct {
	enum cg_net_format format;
	const char *type;     /* Content-Type */
	const char *file;     /* the name offered */
} formats[] = {
	{ CG_NET_FORMAT_GRAPHML, "application/graphml+xml; charset=utf-8", "network.graphml" },
	{ CG_NET_FORMAT_GEXF, "application/gexf+xml; charset=utf-8", "network.gexf" },
	{ CG_NET_FORMAT_CSV, "text/csv; charset=utf-8", "network.csv" },
	{ CG_NET_FORMAT_JSON, "application/json", "network.json" },
};

HTTP_HANDLER(h_graph_export)
{
	const char *format = http_query(c, "format"), *recipients = http_query(c, "recipients");
	enum cg_net_format fmt = CG_NET_FORMAT_GRAPHML;
	struct cg_network *net = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *out = NULL;
	enum cg_status rc = CG_OK;

	if (format && cg_net_format_parse(format, &fmt, err) != CG_OK)
		return http_fail_field(c, "format", CG_INVALID, err,
				       "format: graphml, gexf, csv or json, not '%.20s'", format);
	if (recipients && !*recipients)
		return http_fail_field(c, "recipients", CG_INVALID, err, "recipients: empty");
	rc = http_graph_network(c, &net, err);
	if (rc)
		return rc;
	if (!(out = open_memstream(&text, &len)))
		rc = cg_fail(err, CG_IO, "export: no memory for the file");
	if (rc == CG_OK)
		rc = cg_net_export_disclosed(&c->ctx, net, fmt, recipients, out, err);
	if (out && fclose(out) != 0 && rc == CG_OK)
		rc = cg_fail(err, CG_IO, "export: could not finish the file");
	for (size_t i = 0; rc == CG_OK && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].format == fmt) {
			c->raw = text;
			c->raw_len = len;
			c->raw_free = true;
			c->raw_type = formats[i].type;
			snprintf(c->disposition, sizeof(c->disposition),
				 "attachment; filename=\"%s\"", formats[i].file);
			c->status = 200;
			text = NULL;
		}
	free(text);
	cg_net_free(net);
	return rc;
}
