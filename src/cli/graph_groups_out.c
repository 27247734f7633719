/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph_groups_out.c - printing people, links and headings for the group
 * analyses (cli layer). See graph_groups_out.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "base/banned.h"

void gg_day(int32_t day, char out[CG_DATE_ISO_SIZE])
{
	out[0] = '\0';
	if (day != CG_NET_NO_DATE)
		(void)cg_date_format_iso(cg_date_from_days(day), out);
}

const char *gg_tier(int tier)
{
	switch (tier) {
	case 0: return "low";
	case 1: return "medium";
	case 2: return "high";
	default: return "none";
	}
}

void gg_groups(const struct cg_network *net, uint32_t v, char *buf, size_t size)
{
	const struct cg_net_node *n = &net->nodes[v];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n->nocgs; i++) {
		int w = snprintf(buf + used, size - used, "%s%" PRId64, i ? ";" : "", n->ocgs[i]);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
}

void gg_person_text(FILE *f, const struct cg_network *net, uint32_t v)
{
	const struct cg_net_node *n = &net->nodes[v];
	fprintf(f, "%s %s", n->person_id ? "person" : "node", n->key);
	if (n->label && n->label[0])
		fprintf(f, " (%s)", n->label);
}

void gg_link_text(FILE *f, const struct cg_network *net, size_t k)
{
	const struct cg_net_link *l = &net->links[k];
	const char *place = cg_net_via_name(net, l);
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	gg_day(l->from, from);
	gg_day(l->to, to);
	fprintf(f, "%s", net->types[l->type].name);
	if (from[0] || to[0])
		fprintf(f, " %s..%s", from[0] ? from : "?", to[0] ? to : "?");
	if (place)
		fprintf(f, " at %s", place);
	fprintf(f, " (%s %" PRId64, cg_net_origin_name(l->origin), l->row_id);
	if (l->row_id2)
		fprintf(f, "+%" PRId64, l->row_id2);
	if (l->owner_agency_id)
		fprintf(f, ", owner agency %" PRId64, l->owner_agency_id);
	if (l->grading[0])
		fprintf(f, ", grading %s", l->grading);
	fputc(')', f);
}

json_t *gg_person_json(const struct cg_network *net, uint32_t v)
{
	const struct cg_net_node *n = &net->nodes[v];
	json_t *groups = json_array();
	for (size_t i = 0; i < n->nocgs; i++)
		json_array_append_new(groups, json_integer(n->ocgs[i]));
	json_t *o = json_pack("{s:s, s:o, s:s?, s:o, s:s}", "key", n->key, "person_id",
			      n->person_id ? json_integer(n->person_id) : json_null(), "label",
			      n->label, "groups", groups, "tier", gg_tier(n->tier));
	return o;
}

json_t *gg_link_json(const struct cg_network *net, size_t k)
{
	const struct cg_net_link *l = &net->links[k];
	char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE];
	gg_day(l->from, from);
	gg_day(l->to, to);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s?, s:I, s:s, s:I, s:I, s:I, s:s, s:f}",
			 "type", net->types[l->type].name, "a", net->nodes[l->a].key, "b",
			 net->nodes[l->b].key, "from",
			 from[0] ? json_string(from) : json_null(), "to",
			 to[0] ? json_string(to) : json_null(), "place", cg_net_via_name(net, l),
			 "via", (json_int_t)l->via, "origin", cg_net_origin_name(l->origin),
			 "row_id", (json_int_t)l->row_id, "row_id2", (json_int_t)l->row_id2,
			 "owner_agency_id", (json_int_t)l->owner_agency_id, "grading", l->grading,
			 "weight", l->weight);
}

void gg_param(struct gg_params *p, const char *name, const char *fmt, ...)
{
	va_list ap;
	CG_ASSERT(p->n < GG_MAX_PARAMS);
	snprintf(p->name[p->n], sizeof(p->name[p->n]), "%s", name);
	va_start(ap, fmt);
	vsnprintf(p->value[p->n], sizeof(p->value[p->n]), fmt, ap);
	va_end(ap);
	p->n++;
}

void gg_heading(FILE *f, const struct cg_network *net, const struct gg_params *p)
{
	cli_net_print_description(f, net);
	for (size_t i = 0; i < p->n; i++)
		fprintf(f, "# %s: %s\n", p->name[i], p->value[i]);
}

void gg_heading_json(json_t *root, const struct cg_network *net, const struct gg_params *p)
{
	json_t *desc = json_object(), *params = json_object();
	const char *s = net->description.data ? net->description.data : "";
	while (*s) {
		const char *end = strchr(s, '\n'), *colon;
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char *line = cg_xstrndup(s, len);
		colon = strstr(line, ": ");
		if (colon) {
			line[colon - line] = '\0';
			json_object_set_new(desc, line, json_string(colon + 2));
		}
		free(line);
		s += len + (end != NULL);
	}
	for (size_t i = 0; i < p->n; i++)
		json_object_set_new(params, p->name[i], json_string(p->value[i]));
	json_object_set_new(root, "network", desc);
	json_object_set_new(root, "parameters", params);
}

void gg_print_json(FILE *f, json_t *root)
{
	json_dumpf(root, f, JSON_INDENT(2));
	fputc('\n', f);
	json_decref(root);
}
