/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_graph_communities.c - `cg graph communities` (cli layer): the
 * groups the links form (Leiden or Louvain, seeded), how they compare
 * with the recorded OCG memberships, and who looks like a member of a
 * group without being recorded as one. The mathematics is in
 * graph/community.c, the JSON in graph/json_measures.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli.h"
#include "cli/cmd_graph_show.h"
#include "cli/net_args.h"
#include "graph/json.h"
#include "base/banned.h"

/* Communities (and lookalikes) a text listing shows, and members named
 * per community, unless asked for more. */
#define TEXT_COMMUNITIES 20
#define TEXT_MEMBERS 10

static void group_text(const struct cg_group_ref *g, char *buf, size_t size)
{
	if (g->ocg)
		snprintf(buf, size, "OCG %" PRId64, g->ocg);
	else if (g->group)
		snprintf(buf, size, "%s", g->group);
	else
		snprintf(buf, size, "-");
}

static void print_text(FILE *f, const struct cg_network *net, const struct cg_communities *c,
		       size_t top, bool all_members)
{
	char name[160], group[96];
	const char *method = c->opts.method == CG_COMMUNITY_LEIDEN ? "leiden" : "louvain";
	size_t alone = c->ncommunities - c->ncommunities_linked;
	fprintf(f, "%s: %zu communities (%zu with links; %zu isolates alone), modularity %.4f\n",
		method, c->ncommunities, c->ncommunities_linked, alone, c->modularity);
	size_t *starts = NULL;
	uint32_t *members = cg_communities_members(c, &starts);
	size_t shown = top && top < c->ncommunities_linked ? top : c->ncommunities_linked;
	for (size_t k = 0; k < c->ncommunities && k < shown; k++) {
		const struct cg_community *com = &c->communities[k];
		group_text(&com->dominant, group, sizeof(group));
		fprintf(f, "\ncommunity %zu: %zu people, %zu with a recorded group", k + 1, com->size,
			com->affiliated);
		if (com->affiliated)
			fprintf(f, "; most in %s (%zu)%s", group, com->dominant_count,
				com->dominated ? ", dominated by it" : "");
		fputc('\n', f);
		size_t limit = all_members ? com->size : TEXT_MEMBERS;
		for (size_t i = 0; i < com->size && i < limit; i++) {
			uint32_t v = members[starts[k] + i];
			graph_node_name(net, v, name, sizeof(name));
			char groups[128];
			graph_node_groups(net, v, groups, sizeof(groups));
			fprintf(f, "  %-40s %s\n", name, groups);
		}
		if (com->size > limit)
			fprintf(f, "  ... and %zu more (--members lists all)\n", com->size - limit);
	}
	if (shown < c->ncommunities_linked)
		fprintf(f, "\n(%zu of %zu communities with links shown; --top N for more)\n", shown,
			c->ncommunities_linked);
	fprintf(f, "\nLooks like a member but is not recorded as one: %zu\n", c->nlookalikes);
	if (c->nlookalikes)
		fprintf(f, "  %-40s %9s  %-16s %6s %8s\n", "person", "community", "group", "share",
			"weight");
	size_t nlooks = top && top < c->nlookalikes ? top : c->nlookalikes;
	for (size_t i = 0; i < nlooks; i++) {
		const struct cg_lookalike *l = &c->lookalikes[i];
		graph_node_name(net, l->node, name, sizeof(name));
		group_text(&l->group, group, sizeof(group));
		fprintf(f, "  %-40s %9u  %-16s %6.2f %8.2f\n", name, l->community + 1, group,
			l->share, l->weight_to);
	}
	if (nlooks < c->nlookalikes)
		fprintf(f, "  ... and %zu more (--top N)\n", c->nlookalikes - nlooks);
	if (c->nlookalikes)
		fprintf(f, "share: the part of the person's link weight that goes to the group's "
			   "recorded members\n");
	free(members);
	free(starts);
}

/* One row per person; by_node[v] is v's lookalike entry or NULL. */
static void print_csv(FILE *f, const struct cg_network *net, const struct cg_communities *c,
		      const struct cg_lookalike *const *by_node)
{
	bool external = graph_is_external(net);
	fprintf(f, "key,label,%s,tier,community,community_size,community_dominant,dominated,"
		   "looks_like_member_of,share\n",
		external ? "group" : "ocgs");
	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_community *com = &c->communities[c->membership[v]];
		const struct cg_lookalike *l = by_node[v]; /* one at most per person */
		char groups[256], dom[96], like[96] = "";
		graph_node_groups(net, (uint32_t)v, groups, sizeof(groups));
		group_text(&com->dominant, dom, sizeof(dom));
		if (l)
			group_text(&l->group, like, sizeof(like));
		cli_csv_field(f, net->nodes[v].key, false);
		cli_csv_field(f, net->nodes[v].label ? net->nodes[v].label : "", false);
		cli_csv_field(f, groups, false);
		fprintf(f, "%s,%u,%zu,", graph_tier_name(net->nodes[v].tier),
			c->membership[v] + 1, com->size);
		cli_csv_field(f, com->affiliated ? dom : "", false);
		fprintf(f, "%d,", com->dominated ? 1 : 0);
		cli_csv_field(f, like, false);
		if (l)
			fprintf(f, "%.6f\n", l->share);
		else
			fprintf(f, "\n");
	}
}

enum cg_status cmd_graph_communities(struct cli_ctx *ctx, int argc, char **argv,
				     struct cg_error *err)
{
	struct cli_net_args na = { 0 };
	const char *method = NULL, *seed = NULL, *resolution = NULL, *top = NULL, *format = NULL;
	bool all_members = false;
	const struct cli_opt opts[] = {
		CLI_NET_OPTS(na),
		{ "method", CLI_OPT_STRING, &method, NULL },
		{ "seed", CLI_OPT_STRING, &seed, NULL },
		{ "resolution", CLI_OPT_STRING, &resolution, NULL },
		{ "top", CLI_OPT_STRING, &top, NULL },
		{ "members", CLI_OPT_FLAG, NULL, &all_members },
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_community_opts o = { CG_COMMUNITY_LEIDEN, CG_MEASURE_DEFAULT_SEED, 1 };
	uint64_t seed_value = CG_MEASURE_DEFAULT_SEED, ntop = TEXT_COMMUNITIES;
	enum graph_format fmt = GRAPH_TEXT;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK)
		rc = graph_parse_format(format, "text,csv,json", &fmt, err);
	if (rc == CG_OK && method && strcmp(method, "louvain") == 0)
		o.method = CG_COMMUNITY_LOUVAIN;
	else if (rc == CG_OK && method && strcmp(method, "leiden") != 0)
		rc = cg_fail(err, CG_USAGE, "--method: 'leiden' or 'louvain', not '%s'", method);
	if (rc == CG_OK)
		rc = cli_parse_uint("seed", seed, 0, UINT32_MAX, &seed_value, err);
	if (rc == CG_OK)
		rc = cli_parse_real("resolution", resolution, 1e-6, 1e6, &o.resolution, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("top", top, 1, UINT32_MAX, &ntop, err);
	if (rc)
		return rc;
	o.seed = (unsigned long)seed_value;

	struct cg_network *net = NULL;
	rc = cli_net_build(ctx, &na, &net, err);
	if (rc)
		return rc;
	struct cg_communities c;
	rc = cg_net_communities(net, &o, &c, err);
	if (rc == CG_OK && fmt == GRAPH_JSON) {
		graph_print_json(ctx->out, cg_communities_json(net, &c));
	} else if (rc == CG_OK && fmt == GRAPH_CSV) {
		const struct cg_lookalike **by_node =
			cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*by_node));
		for (size_t i = c.nlookalikes; i-- > 0;)
			by_node[c.lookalikes[i].node] = &c.lookalikes[i];
		graph_print_used(ctx->out, &c.used);
		fprintf(ctx->out, "# modularity: %.6f, %zu communities (%zu without isolates)\n",
			c.modularity, c.ncommunities, c.ncommunities_linked);
		print_csv(ctx->out, net, &c, by_node);
		free(by_node);
	} else if (rc == CG_OK) {
		graph_print_used(ctx->out, &c.used);
		print_text(ctx->out, net, &c, (size_t)ntop, all_members);
	}
	cg_communities_release(&c);
	cg_net_free(net);
	return rc;
}
