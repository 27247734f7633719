/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_export.c - `cg graph export` and `cg graph networks` (cli
 * layer): write the network the user may see as GraphML, GEXF, a CSV edge
 * list or JSON, and list the external networks the user may analyse. The
 * formats are graph/export.h's; the visibility rule, external networks and
 * the audit entries live in the library.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/export.h"
#include "graph/external.h"
#include "graph/json.h"
#include "base/banned.h"

/*
 * Exports to `path` (recorded as a disclosure to `recipients` first,
 * cg_net_export_disclosed) whole or not at all: into PATH.tmp, renamed
 * over PATH once complete, so an interrupted export never leaves a file
 * that looks finished.
 */
static enum cg_status export_to_file(struct cg_ctx *lib, const struct cg_network *net,
				     enum cg_net_format fmt, const char *recipients,
				     const char *path, struct cg_error *err)
{
	char tmp[4096];
	FILE *f;
	enum cg_status rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return cg_fail(err, CG_USAGE, "--out: path too long");
	f = fopen(tmp, "w");
	if (!f)
		return cg_fail(err, CG_IO, "%s: cannot create (%s)", tmp, strerror(errno));
	rc = cg_net_export_disclosed(lib, net, fmt, recipients, f, err);
	if (fclose(f) != 0 && rc == CG_OK)
		rc = cg_fail(err, CG_IO, "%s: could not write (%s)", tmp, strerror(errno));
	if (rc == CG_OK && rename(tmp, path) != 0)
		rc = cg_fail(err, CG_IO, "%s: could not rename to %s (%s)", tmp, path,
			     strerror(errno));
	if (rc)
		(void)unlink(tmp);
	return rc;
}

enum cg_status cmd_graph_export(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL, *out = NULL, *recipients = NULL;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "out", CLI_OPT_STRING, &out, NULL },
		{ "recipients", CLI_OPT_STRING, &recipients, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_network *net = NULL;
	enum cg_net_format fmt = CG_NET_FORMAT_GRAPHML;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_check_format(format, "graphml,gexf,csv,json", err);
	if (rc == CG_OK && format)
		rc = cg_net_format_parse(format, &fmt, err);
	if (rc == CG_OK && out && !*out)
		rc = cg_fail(err, CG_USAGE, "--out: give a file name");
	if (rc == CG_OK && recipients && !*recipients)
		rc = cg_fail(err, CG_USAGE, "--recipients: empty; say who receives the export");
	if (rc == CG_OK)
		rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	/* without --recipients the file is for the analyst's own tools */
	if (out)
		rc = export_to_file(&ctx->lib, net, fmt, recipients, out, err);
	else
		rc = cg_net_export_disclosed(&ctx->lib, net, fmt, recipients, ctx->out, err);
	if (rc == CG_OK && out)
		fprintf(stderr, "cg graph export: %zu nodes, %zu edges as %s to %s\n", net->nnodes,
			net->nedges, cg_net_format_name(fmt), out);
	cg_net_free(net);
	return rc;
}

enum cg_status cmd_graph_networks(struct cli_ctx *ctx, int argc, char **argv,
				  struct cg_error *err)
{
	const char *format = NULL;
	struct cg_net_external_list list = { 0 };
	struct cg_ctx *lib = NULL;
	enum cg_status rc = cli_format_only(argc, argv, "text,csv,json", "text", &format, err);

	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_net_external_list(lib, &list, err);
	if (rc)
		return rc;
	if (strcmp(format, "json") == 0) {
		graph_print_json(ctx->out, cg_external_list_json(&list));
		cg_net_external_list_release(&list);
		return CG_OK;
	}
	bool csv = strcmp(format, "csv") == 0;
	if (csv)
		fputs("owner,name,nodes,edges,classification,handling,created,updated,description\n",
		      ctx->out);
	for (size_t i = 0; i < list.len; i++) {
		const struct cg_net_external *e = &list.items[i];
		char nodes[24], edges[24], handling[2] = { e->handling, '\0' };
		snprintf(nodes, sizeof(nodes), "%" PRId64, e->nodes);
		snprintf(edges, sizeof(edges), "%" PRId64, e->edges);
		if (csv) {
			const char *row[] = { e->owner, e->name, nodes, edges, e->classification,
					      handling, e->created_at, e->updated_at, e->description };
			for (size_t c = 0; c < sizeof(row) / sizeof(row[0]); c++)
				cli_csv_field(ctx->out, row[c], c + 1 == sizeof(row) / sizeof(row[0]));
		} else {
			fprintf(ctx->out, "%s/%s  %s nodes, %s edges  %s %s  updated %s%s%s\n",
				e->owner, e->name, nodes, edges, e->classification, handling,
				e->updated_at, e->description[0] ? "\n    " : "", e->description);
		}
	}
	if (!csv && list.len == 0)
		fputs("no external networks you may see\n", ctx->out);
	cg_net_external_list_release(&list);
	return CG_OK;
}
