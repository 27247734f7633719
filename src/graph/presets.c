/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * presets.c - default networks and stated parameters of the group
 * analyses (graph layer). See presets.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "graph/presets.h"
#include "base/banned.h"

void cg_params_add(struct cg_params *p, const char *name, const char *fmt, ...)
{
	va_list ap;
	CG_ASSERT(p->n < CG_PARAMS_MAX);
	snprintf(p->name[p->n], sizeof(p->name[p->n]), "%s", name);
	va_start(ap, fmt);
	vsnprintf(p->value[p->n], sizeof(p->value[p->n]), fmt, ap);
	va_end(ap);
	p->n++;
}

enum cg_status cg_net_find_key(const struct cg_network *net, const char *key, uint32_t *v,
			       struct cg_error *err)
{
	int64_t i = cg_net_node_find(net, key);
	if (i < 0)
		return cg_fail(err, CG_NOT_FOUND, "'%.80s' is not in the network", key);
	*v = (uint32_t)i;
	return CG_OK;
}

enum cg_status cg_net_seeds(const struct cg_network *net, const char *key, int64_t ocg,
			    const char *group, uint32_t **seeds, size_t *n, struct cg_error *err)
{
	*n = 0;
	*seeds = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(**seeds));
	if (key)
		return cg_net_find_key(net, key, &(*seeds)[(*n)++], err);
	for (size_t v = 0; v < net->nnodes; v++) {
		const struct cg_net_node *node = &net->nodes[v];
		if (ocg ? cg_net_node_in_ocg(net, (uint32_t)v, ocg)
			: group && node->group && strcmp(node->group, group) == 0)
			(*seeds)[(*n)++] = (uint32_t)v;
	}
	if (*n == 0 && ocg)
		return cg_fail(err, CG_NOT_FOUND, "no member of OCG %" PRId64 " in the network",
			       ocg);
	if (*n == 0)
		return cg_fail(err, CG_NOT_FOUND, "nobody of group '%.80s' in the network",
			       group ? group : "");
	return CG_OK;
}

void cg_net_seeds_name(const struct cg_network *net, bool by_key, const uint32_t *seeds,
		       size_t n, int64_t ocg, const char *group, char *buf, size_t size)
{
	if (by_key && n) {
		const struct cg_net_node *node = &net->nodes[seeds[0]];
		if (node->label && *node->label)
			snprintf(buf, size, "%s (%s)", node->key, node->label);
		else
			snprintf(buf, size, "%s", node->key);
	} else if (ocg) {
		snprintf(buf, size, "the %zu members of OCG %" PRId64, n, ocg);
	} else {
		snprintf(buf, size, "the %zu nodes of group %s", n, group ? group : "");
	}
}

void cg_net_counts(const struct cg_network *net, struct cg_net_counts *out)
{
	*out = (struct cg_net_counts){ 0 };
	out->per_type = cg_xcalloc(net->ntypes ? net->ntypes : 1, sizeof(*out->per_type));
	for (size_t i = 0; i < net->nlinks; i++)
		out->per_type[net->links[i].type]++;
	for (size_t v = 0; v < net->nnodes; v++) {
		int t = net->nodes[v].tier;
		out->isolates += net->adj_start[v + 1] == net->adj_start[v];
		out->tiers[t >= 0 && t <= 2 ? t + 1 : 0]++;
	}
}

void cg_net_counts_release(struct cg_net_counts *c)
{
	free(c->per_type);
	*c = (struct cg_net_counts){ 0 };
}

uint32_t *cg_communities_members(const struct cg_communities *c, size_t **starts)
{
	size_t *s = cg_xcalloc(c->ncommunities + 1, sizeof(*s));
	size_t *fill = cg_xcalloc(c->ncommunities + 1, sizeof(*fill));
	uint32_t *m = cg_xcalloc(c->nnodes ? c->nnodes : 1, sizeof(*m));
	for (size_t v = 0; v < c->nnodes; v++)
		s[c->membership[v] + 1]++;
	for (size_t k = 0; k < c->ncommunities; k++)
		s[k + 1] += s[k];
	memcpy(fill, s, (c->ncommunities + 1) * sizeof(*fill));
	for (size_t v = 0; v < c->nnodes; v++)
		m[fill[c->membership[v]]++] = (uint32_t)v;
	free(fill);
	*starts = s;
	return m;
}

bool cg_brokers_default_links(struct cg_net_filter *f)
{
	if (f->ntypes || f->setting != CG_NET_ANYWHERE || f->network)
		return false;
	f->setting = CG_NET_COMMUNITY_ONLY;
	return true;
}

static const char *const level_types[] = {
	[CG_LEVEL_CELL] = "same_cell",
	[CG_LEVEL_WING] = "same_wing",
	[CG_LEVEL_ESTABLISHMENT] = "same_establishment",
};

void cg_crossovers_types(struct cg_net_filter_spec *s, enum cg_custody_level level)
{
	if (s->f.network)
		return;
	for (int l = 0; l <= (int)level; l++)
		cg_net_filter_add_type(s, level_types[l]);
}

bool cg_recruitment_default_links(struct cg_net_filter_spec *s)
{
	const char *p = CG_RECRUIT_DEFAULT_TYPES;
	if (s->ntypes || s->f.network)
		return false;
	while (*p) {
		size_t n = strcspn(p, ",");
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		cg_net_filter_add_type(s, name);
		p += n + (p[n] == ',');
	}
	if (s->f.setting != CG_NET_COMMUNITY_ONLY)
		s->f.setting = CG_NET_CUSTODY_ONLY;
	return true;
}

unsigned cg_crossovers_levels(enum cg_custody_level level)
{
	unsigned levels = 0;
	for (int l = 0; l <= (int)level; l++)
		levels |= CG_LEVEL_BIT(l);
	return levels;
}

void cg_crossovers_keep_ocg(const struct cg_network *net, struct cg_crossover_result *r,
			    int64_t ocg)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++)
		if (cg_net_node_in_ocg(net, r->items[i].a, ocg) ||
		    cg_net_node_in_ocg(net, r->items[i].b, ocg))
			r->items[kept++] = r->items[i];
	r->n = kept; /* plain rows: nothing to release */
}

void cg_brokers_params(struct cg_params *p, const struct cg_broker_result *r, bool default_links,
		       size_t sample, size_t top)
{
	cg_params_add(p, "analysis", "brokers");
	if (default_links)
		cg_params_add(p, "links", "community only (the default for brokers; --types, "
			      "--custody or --community choose others)");
	cg_params_add(p, "ranking", "brokerage (per pair of groups joined directly, the distinct "
		      "contacts in the thinner one, summed), then betweenness");
	cg_params_add(p, "betweenness", "of shortest paths of at most %u links between members of "
		      "different groups, through the person", r->max_length);
	if (r->sources < r->members)
		cg_params_add(p, "sources", "%zu of %zu members (%s, order drawn with seed %llu): "
			      "betweenness is an estimate", r->sources, r->members,
			      sample && r->sources == sample ? "--sample" : "work limit",
			      (unsigned long long)CG_BROKER_DEFAULT_SEED);
	else
		cg_params_add(p, "sources", "all %zu members", r->members);
	cg_params_add(p, "pairs", "%.0f pairs of members of different groups within %u links",
		      r->pairs_counted, r->max_length);
	cg_params_add(p, "top", "%zu%s", top, top ? "" : " (all)");
}

void cg_crossovers_params(struct cg_params *p, enum cg_custody_level level,
			  const char *establishment, size_t found, size_t shown)
{
	cg_params_add(p, "analysis", "crossovers in custody");
	cg_params_add(p, "level", "%s and finer", cg_custody_level_name(level));
	cg_params_add(p, "establishment", "%s", establishment ? establishment : "all");
	cg_params_add(p, "ranking", "highest tier of the pair, then the other's, then most recent");
	cg_params_add(p, "crossovers", "%zu%s", found,
		      shown < found ? " (first ones shown: --top)" : "");
}

void cg_recruitment_params(struct cg_params *p, const struct cg_recruit_result *r,
			   bool default_links, size_t top)
{
	char as_of[CG_DATE_ISO_SIZE] = "";
	(void)cg_date_format_iso(cg_date_from_days(r->as_of), as_of);
	cg_params_add(p, "analysis", "recruitment signals");
	if (default_links)
		cg_params_add(p, "links", "made in custody: " CG_RECRUIT_DEFAULT_TYPES
			      " (the default for recruitment; --types chooses others)");
	cg_params_add(p, "as-of", "%s", as_of);
	cg_params_add(p, "score", "sum over custody-setting links with members of weight x 0.5^(days "
		      "since the link's last day / %g)", r->half_life);
	cg_params_add(p, "top", "%zu%s", top, top ? "" : " (all)");
}

static const char *const measure_text[] = {
	[CG_DISRUPT_LARGEST] = "size of the largest connected component (effect: before - after)",
	[CG_DISRUPT_COMPONENTS] = "number of connected components, isolated people included "
				  "(effect: after - before)",
	[CG_DISRUPT_EFFICIENCY] = "global efficiency, mean 1/distance in links over ordered pairs "
				  "of the people that remain (effect: before - after)",
};

void cg_disrupt_params(struct cg_params *p, const struct cg_disrupt_result *r, int64_t group,
		       bool neighbours, size_t k, size_t top)
{
	cg_params_add(p, "analysis", "disruption");
	cg_params_add(p, "measure", "%s: %s", cg_disrupt_measure_name(r->measure),
		      measure_text[r->measure]);
	if (group)
		cg_params_add(p, "measured", "group %" PRId64 "%s: %zu people, %zu linked pairs",
			      group, neighbours ? " and everyone linked to its members"
						: " (its members)", r->nodes, r->edges);
	else
		cg_params_add(p, "measured", "the whole network: %zu people, %zu linked pairs",
			      r->nodes, r->edges);
	cg_params_add(p, "greedy removals", "%zu", k);
	cg_params_add(p, "top", "%zu%s", top, top ? "" : " (all)");
}
