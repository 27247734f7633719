/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_crossovers.c - `cg graph crossovers` (cli layer): members of
 * different organised crime groups held together in custody, with the
 * place and dates, ranked by risk tier (graph/groups.h).
 *
 * The network is built from the custody co-location types only, unless
 * --types names others: --level wing (the default) builds same_cell and
 * same_wing, --level establishment adds same_establishment (everyone in
 * one prison: hundreds to hundreds), --level cell only same_cell. A pair
 * gets the finest level they shared, so a level lists that level and the
 * finer ones (graph/presets.h, which the API uses too).
 */
#include <inttypes.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

static void print_text(FILE *f, const struct cg_network *net, const struct cg_crossover_result *r)
{
	if (!r->n)
		fprintf(f, "no crossovers: no members of different groups held together\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_crossover *c = &r->items[i];
		char ga[256], gb[256];
		graph_node_groups(net, c->a, ga, sizeof(ga));
		graph_node_groups(net, c->b, gb, sizeof(gb));
		fprintf(f, "%zu. ", i + 1);
		gg_person_text(f, net, c->a);
		fprintf(f, " [groups %s, tier %s] and ", ga, gg_tier(net->nodes[c->a].tier));
		gg_person_text(f, net, c->b);
		fprintf(f, " [groups %s, tier %s]\n   same %s: ", gb, gg_tier(net->nodes[c->b].tier),
			cg_custody_level_name(c->level));
		gg_link_text(f, net, c->link);
		fputc('\n', f);
	}
}

static void print_csv(FILE *f, const struct cg_network *net, const struct cg_crossover_result *r)
{
	fprintf(f, "rank,level,place,location_id,from,to,person_a,label_a,groups_a,tier_a,"
		   "person_b,label_b,groups_b,tier_b,row_id,row_id2,owner_agency_id\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_crossover *c = &r->items[i];
		const struct cg_net_link *l = &net->links[c->link];
		const char *place = cg_net_via_name(net, l);
		char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE], g[256];
		cg_net_day_text(l->from, from);
		cg_net_day_text(l->to, to);
		fprintf(f, "%zu,%s,", i + 1, cg_custody_level_name(c->level));
		cli_csv_field(f, place ? place : "", false);
		fprintf(f, "%" PRId64 ",%s,%s,", l->via, from, to);
		for (int k = 0; k < 2; k++) {
			uint32_t v = k ? c->b : c->a;
			graph_node_groups(net, v, g, sizeof(g));
			cli_csv_field(f, net->nodes[v].key, false);
			cli_csv_field(f, net->nodes[v].label ? net->nodes[v].label : "", false);
			cli_csv_field(f, g, false);
			fprintf(f, "%s,", gg_tier(net->nodes[v].tier));
		}
		fprintf(f, "%" PRId64 ",%" PRId64 ",%" PRId64 "\n", l->row_id, l->row_id2,
			l->owner_agency_id);
	}
}

enum cg_status cmd_graph_crossovers(struct cli_ctx *ctx, int argc, char **argv,
				    struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL, *establishment = NULL, *level_s = NULL, *top_s = NULL;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "establishment", CLI_OPT_STRING, &establishment, NULL },
		{ "level", CLI_OPT_STRING, &level_s, NULL },
		{ "top", CLI_OPT_STRING, &top_s, NULL },
		{ NULL, 0, NULL, NULL },
	};
	enum cg_custody_level level = CG_LEVEL_WING;
	uint64_t top = 0;
	enum graph_format fmt = GRAPH_TEXT;
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_crossover_result r = { 0 };
	struct cg_params p = { 0 };
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);

	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top_s, 0, 100000000, &top, err);
	if (rc == CG_OK && level_s && !cg_custody_level_parse(level_s, &level))
		rc = cg_fail(err, CG_USAGE, "--level: '%.40s': cell, wing or establishment", level_s);
	if (rc == CG_OK && establishment && !establishment[0])
		rc = cg_fail(err, CG_USAGE, "--establishment: empty");
	if (rc == CG_OK)
		rc = cli_net_parse(&na, &spec, err);
	if (rc == CG_OK) {
		cg_crossovers_types(&spec, level);
		rc = cli_net_build_spec(ctx, &spec, &net, err);
	}
	if (rc == CG_OK) {
		struct cg_crossover_options opt = { establishment, cg_crossovers_levels(level) };
		rc = cg_crossovers(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		size_t shown = top && top < r.n ? (size_t)top : r.n;
		cg_crossovers_params(&p, level, establishment, r.n, shown);
		r.n = shown; /* the rest are plain rows: nothing more to release */
		if (fmt == GRAPH_JSON) {
			graph_print_json(ctx->out, cg_crossovers_json(net, &r, &p));
		} else {
			gg_heading(ctx->out, net, &p);
			(fmt == GRAPH_CSV ? print_csv : print_text)(ctx->out, net, &r);
		}
	}
	cg_net_filter_spec_release(&spec);
	cg_crossover_result_release(&r);
	cg_net_free(net);
	return rc;
}
