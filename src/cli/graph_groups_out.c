/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph_groups_out.c - printing people, links and headings for the group
 * analyses (cli layer). See graph_groups_out.h.
 */
#include <inttypes.h>

#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "base/banned.h"

const char *gg_tier(int tier)
{
	const char *name = cg_net_tier_name(tier);
	return name ? name : "none";
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
	cg_net_day_text(l->from, from);
	cg_net_day_text(l->to, to);
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

void gg_heading(FILE *f, const struct cg_network *net, const struct cg_params *p)
{
	cli_net_print_description(f, net);
	for (size_t i = 0; i < p->n; i++)
		fprintf(f, "# %s: %s\n", p->name[i], p->value[i]);
}
