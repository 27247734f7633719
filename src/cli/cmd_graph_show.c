/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_show.c - printing the results of network analysis (cli
 * layer). See cmd_graph_show.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "base/banned.h"

enum cg_status graph_parse_format(const char *s, const char *allowed, enum graph_format *out,
				  struct cg_error *err)
{
	enum cg_status rc = cli_check_format(s, allowed, err);
	if (!s || strcmp(s, "text") == 0)
		*out = GRAPH_TEXT;
	else if (strcmp(s, "csv") == 0)
		*out = GRAPH_CSV;
	else
		*out = GRAPH_JSON;
	return rc;
}

void graph_print_used(FILE *f, const struct cg_buf *used)
{
	const char *p = used->data;
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(f, "# %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

void graph_print_json(FILE *f, json_t *j)
{
	json_dumpf(j, f, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	fputc('\n', f);
	json_decref(j);
}

bool graph_is_external(const struct cg_network *net)
{
	for (size_t v = 0; v < net->nnodes; v++)
		if (net->nodes[v].person_id != 0)
			return false;
	return net->nnodes > 0;
}

void graph_node_groups(const struct cg_network *net, uint32_t v, char *buf, size_t size)
{
	const struct cg_net_node *n = &net->nodes[v];
	size_t len = 0;
	buf[0] = '\0';
	if (n->group) {
		snprintf(buf, size, "%s", n->group);
		return;
	}
	for (size_t i = 0; i < n->nocgs && len + 1 < size; i++) {
		int w = snprintf(buf + len, size - len, "%s%" PRId64, i ? ";" : "", n->ocgs[i]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

const char *graph_tier_name(int tier)
{
	const char *name = cg_net_tier_name(tier);
	return name ? name : "";
}

void graph_node_name(const struct cg_network *net, uint32_t v, char *buf, size_t size)
{
	const struct cg_net_node *n = &net->nodes[v];
	if (n->label && *n->label)
		snprintf(buf, size, "%s (%s)", n->key, n->label);
	else
		snprintf(buf, size, "%s", n->key);
}

void graph_print_link(FILE *f, const struct cg_network *net, const struct cg_json_agencies *ag,
		      const struct cg_net_link *l)
{
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	cg_net_day_text(l->from, from);
	cg_net_day_text(l->to, to);
	fprintf(f, "%s", net->types[l->type].name);
	if (*from && *to && strcmp(from, to) != 0)
		fprintf(f, " %s..%s", from, to);
	else if (*from || *to)
		fprintf(f, " %s", *from ? from : to);
	fprintf(f, ", %s row %" PRId64, cg_net_origin_name(l->origin), l->row_id);
	if (l->row_id2)
		fprintf(f, "+%" PRId64, l->row_id2);
	const char *owner = cg_json_agency_code(ag, l->owner_agency_id);
	if (owner)
		fprintf(f, ", %s", owner);
	else if (l->owner_agency_id)
		fprintf(f, ", agency %" PRId64, l->owner_agency_id);
	if (l->grading[0])
		fprintf(f, ", grading %s", l->grading);
	const char *via = cg_net_via_name(net, l);
	if (via)
		fprintf(f, ", via %s", via);
	fprintf(f, " (weight %g)\n", l->weight);
}
