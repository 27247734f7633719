/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_recruitment.c - `cg graph recruitment` (cli layer): people
 * with no recorded group who gain custody-setting links with members,
 * ordered by how strong and recent those links are (graph/groups.h).
 */
#include <inttypes.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

/* Links listed per person in text; CSV and JSON list them all. */
#define TEXT_LINKS 6

static void print_text(FILE *f, const struct cg_network *net, const struct cg_recruit_result *r)
{
	if (!r->n)
		fprintf(f, "no signals: nobody without a recorded group has custody links with members\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_recruit *s = &r->items[i];
		char last[CG_DATE_ISO_SIZE];
		cg_net_day_text(s->last, last);
		fprintf(f, "%zu. ", i + 1);
		gg_person_text(f, net, s->node);
		fprintf(f, "  score %.3f, latest %s, tier %s; groups:", s->score,
			last[0] ? last : "undated", gg_tier(net->nodes[s->node].tier));
		for (size_t g = 0; g < s->ngroups; g++)
			fprintf(f, "%s %" PRId64 " (%.3f, %zu member%s)", g ? "," : "", s->groups[g].ocg,
				s->groups[g].points, s->groups[g].nmembers,
				s->groups[g].nmembers == 1 ? "" : "s");
		fputc('\n', f);
		for (size_t k = 0; k < s->nties && k < TEXT_LINKS; k++) {
			char g[256];
			graph_node_groups(net, s->ties[k].member, g, sizeof(g));
			fprintf(f, "   %.3f with ", s->ties[k].points);
			gg_person_text(f, net, s->ties[k].member);
			fprintf(f, " [groups %s]: ", g);
			gg_link_text(f, net, s->ties[k].link);
			fputc('\n', f);
		}
		if (s->nties > TEXT_LINKS)
			fprintf(f, "   and %zu more links\n", s->nties - TEXT_LINKS);
	}
}

/* One row per person and link. */
static void print_csv(FILE *f, const struct cg_network *net, const struct cg_recruit_result *r)
{
	fprintf(f, "rank,person,label,score,latest,member,member_label,member_groups,type,from,to,"
		   "place,points,origin,row_id,row_id2,owner_agency_id\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_recruit *s = &r->items[i];
		const struct cg_net_node *n = &net->nodes[s->node];
		char last[CG_DATE_ISO_SIZE];
		cg_net_day_text(s->last, last);
		for (size_t k = 0; k < s->nties; k++) {
			const struct cg_net_link *l = &net->links[s->ties[k].link];
			const struct cg_net_node *m = &net->nodes[s->ties[k].member];
			const char *place = cg_net_via_name(net, l);
			char from[CG_DATE_ISO_SIZE], to[CG_DATE_ISO_SIZE], g[256];
			cg_net_day_text(l->from, from);
			cg_net_day_text(l->to, to);
			graph_node_groups(net, s->ties[k].member, g, sizeof(g));
			fprintf(f, "%zu,", i + 1);
			cli_csv_field(f, n->key, false);
			cli_csv_field(f, n->label ? n->label : "", false);
			fprintf(f, "%.6f,%s,", s->score, last);
			cli_csv_field(f, m->key, false);
			cli_csv_field(f, m->label ? m->label : "", false);
			cli_csv_field(f, g, false);
			cli_csv_field(f, net->types[l->type].name, false);
			fprintf(f, "%s,%s,", from, to);
			cli_csv_field(f, place ? place : "", false);
			fprintf(f, "%.6f,%s,%" PRId64 ",%" PRId64 ",%" PRId64 "\n", s->ties[k].points,
				cg_net_origin_name(l->origin), l->row_id, l->row_id2, l->owner_agency_id);
		}
	}
}

enum cg_status cmd_graph_recruitment(struct cli_ctx *ctx, int argc, char **argv,
				     struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL, *as_of_s = NULL, *top_s = NULL, *half_s = NULL;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "as-of", CLI_OPT_STRING, &as_of_s, NULL },
		{ "top", CLI_OPT_STRING, &top_s, NULL },
		{ "half-life", CLI_OPT_STRING, &half_s, NULL },
		{ NULL, 0, NULL, NULL },
	};
	uint64_t top = 50;
	double half_life = CG_RECRUIT_DEFAULT_HALF_LIFE;
	struct cg_date as_of = cg_date_from_days(cg_now() / 86400);
	enum graph_format fmt = GRAPH_TEXT;
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_recruit_result r = { 0 };
	struct cg_params p = { 0 };
	bool default_links = false;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);

	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top_s, 0, 100000000, &top, err);
	if (rc == CG_OK)
		rc = cli_parse_real("half-life", half_s, 1, 36500, &half_life, err);
	if (rc == CG_OK && as_of_s) {
		struct cg_error bad = CG_ERROR_INIT;
		if (cg_date_parse_iso(as_of_s, &as_of, &bad))
			rc = cg_fail(err, CG_USAGE, "--as-of: %s", bad.message);
	}
	if (rc == CG_OK)
		rc = cli_net_parse(&na, &spec, err);
	if (rc == CG_OK) {
		default_links = cg_recruitment_default_links(&spec);
		rc = cli_net_build_spec(ctx, &spec, &net, err);
	}
	if (rc == CG_OK) {
		struct cg_recruit_options opt = { (int32_t)cg_date_to_days(as_of), half_life,
						  (size_t)top };
		rc = cg_recruitment(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_recruitment_params(&p, &r, default_links, (size_t)top);
		if (fmt == GRAPH_JSON) {
			graph_print_json(ctx->out, cg_recruitment_json(net, &r, &p));
		} else {
			gg_heading(ctx->out, net, &p);
			(fmt == GRAPH_CSV ? print_csv : print_text)(ctx->out, net, &r);
		}
	}
	cg_net_filter_spec_release(&spec);
	cg_recruit_result_release(&r);
	cg_net_free(net);
	return rc;
}
