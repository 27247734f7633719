/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_brokers.c - `cg graph brokers` (cli layer): people whose links
 * join different organised crime groups, ranked by inter-group
 * betweenness (graph/groups.h), with the groups each joins directly and
 * the links into each.
 */
#include <inttypes.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/graph_groups_out.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "base/banned.h"

/* Links listed per group in text; CSV counts them, JSON lists them all. */
#define TEXT_LINKS 4

static void print_text(FILE *f, const struct cg_network *net, const struct cg_broker_result *r)
{
	if (!r->n)
		fprintf(f, "no brokers: nobody lies between members of different groups\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_broker *b = &r->items[i];
		char own[256];
		graph_node_groups(net, b->node, own, sizeof(own));
		fprintf(f, "%zu. ", i + 1);
		gg_person_text(f, net, b->node);
		fprintf(f, "  brokerage %u, betweenness %.2f, joins %zu pair%s of groups, tier %s, "
			"%s%s\n", b->brokerage, b->betweenness, b->pairs, b->pairs == 1 ? "" : "s",
			gg_tier(net->nodes[b->node].tier), own[0] ? "member of " : "no recorded group",
			own);
		for (size_t j = 0; j < b->nties; j++) {
			const struct cg_broker_tie *t = &b->ties[j];
			fprintf(f, "   group %" PRId64 "%s: %zu member%s linked, %zu link%s\n", t->ocg,
				t->member ? " (own)" : "", t->nmembers, t->nmembers == 1 ? "" : "s",
				t->nlinks, t->nlinks == 1 ? "" : "s");
			for (size_t k = 0; k < t->nlinks && k < TEXT_LINKS; k++) {
				const struct cg_net_link *l = &net->links[t->links[k]];
				fprintf(f, "     with ");
				gg_person_text(f, net, l->a == b->node ? l->b : l->a);
				fprintf(f, ": ");
				gg_link_text(f, net, t->links[k]);
				fputc('\n', f);
			}
			if (t->nlinks > TEXT_LINKS)
				fprintf(f, "     and %zu more\n", t->nlinks - TEXT_LINKS);
		}
	}
}

/* True when `name` is one of the ';'-separated words of `list`. */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p; p += strcspn(p, ";"), p += *p == ';')
		if (strncmp(p, name, n) == 0 && (p[n] == ';' || p[n] == '\0'))
			return true;
	return false;
}

/* One row per broker and group it joins. */
static void print_csv(FILE *f, const struct cg_network *net, const struct cg_broker_result *r)
{
	fprintf(f, "rank,person,label,tier,own_groups,brokerage,betweenness,pairs,ocg,own,"
		   "members_linked,links,link_types\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct cg_broker *b = &r->items[i];
		const struct cg_net_node *n = &net->nodes[b->node];
		char own[256], num[64], types[512];
		graph_node_groups(net, b->node, own, sizeof(own));
		for (size_t j = 0; j < b->nties; j++) {
			const struct cg_broker_tie *t = &b->ties[j];
			size_t used = 0;
			types[0] = '\0';
			for (size_t k = 0; k < t->nlinks; k++) {
				const char *name = net->types[net->links[t->links[k]].type].name;
				if (listed(types, name))
					continue;
				int w = snprintf(types + used, sizeof(types) - used, "%s%s",
						 used ? ";" : "", name);
				if (w < 0 || (size_t)w >= sizeof(types) - used)
					break;
				used += (size_t)w;
			}
			fprintf(f, "%zu,", i + 1);
			cli_csv_field(f, n->key, false);
			cli_csv_field(f, n->label ? n->label : "", false);
			fprintf(f, "%s,", gg_tier(n->tier));
			cli_csv_field(f, own, false);
			snprintf(num, sizeof(num), "%u,%.6f,%zu,%" PRId64 ",%s,%zu,%zu,", b->brokerage,
				 b->betweenness, b->pairs, t->ocg, t->member ? "yes" : "no", t->nmembers,
				 t->nlinks);
			fputs(num, f);
			cli_csv_field(f, types, true);
		}
	}
}

enum cg_status cmd_graph_brokers(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *format = NULL, *top_s = NULL, *length_s = NULL, *sample_s = NULL;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "top", CLI_OPT_STRING, &top_s, NULL },
		{ "max-length", CLI_OPT_STRING, &length_s, NULL },
		{ "sample", CLI_OPT_STRING, &sample_s, NULL },
		{ NULL, 0, NULL, NULL },
	};
	uint64_t top = 20, length = CG_BROKER_DEFAULT_LENGTH, sample = 0;
	enum graph_format fmt = GRAPH_TEXT;
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_broker_result r = { 0 };
	struct cg_params p = { 0 };
	bool default_links = false;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);

	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top_s, 0, 100000, &top, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("max-length", length_s, 1, CG_BROKER_MAX_LENGTH, &length, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("sample", sample_s, 1, 100000000, &sample, err);
	if (rc == CG_OK)
		rc = cli_net_parse(&na, &spec, err);
	if (rc == CG_OK) {
		default_links = cg_brokers_default_links(&spec.f);
		rc = cli_net_build_spec(ctx, &spec, &net, err);
	}
	if (rc == CG_OK) {
		struct cg_broker_options opt = { .max_length = (unsigned)length,
						 .max_sources = (size_t)sample,
						 .seed = CG_BROKER_DEFAULT_SEED, .top = (size_t)top };
		rc = cg_brokers(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_brokers_params(&p, &r, default_links, (size_t)sample, (size_t)top);
		if (fmt == GRAPH_JSON) {
			graph_print_json(ctx->out, cg_brokers_json(net, &r, &p));
		} else {
			gg_heading(ctx->out, net, &p);
			(fmt == GRAPH_CSV ? print_csv : print_text)(ctx->out, net, &r);
		}
	}
	cg_net_filter_spec_release(&spec);
	cg_broker_result_release(&r);
	cg_net_free(net);
	return rc;
}
