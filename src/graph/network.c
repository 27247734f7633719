/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * network.c - building a network in memory and folding its links into
 * weighted edges (graph layer). See network.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "graph/network.h"
#include "base/banned.h"

const char *cg_net_origin_name(enum cg_net_origin o)
{
	switch (o) {
	case CG_NET_ASSOCIATION: return "association";
	case CG_NET_EVENT: return "event";
	case CG_NET_OBJECT: return "object";
	case CG_NET_CUSTODY: return "custody";
	case CG_NET_INTEL: return "intelligence";
	case CG_NET_EXTERNAL: return "external";
	}
	return "?";
}

void cg_net_day_text(int32_t day, char out[CG_DATE_ISO_SIZE])
{
	out[0] = '\0';
	if (day != CG_NET_NO_DATE && cg_date_format_iso(cg_date_from_days(day), out) != CG_OK)
		out[0] = '\0';
}

const char *cg_net_tier_name(int tier)
{
	switch (tier) {
	case 0: return "low";
	case 1: return "medium";
	case 2: return "high";
	default: return NULL;
	}
}

struct cg_network *cg_net_new(void)
{
	struct cg_network *net = cg_xcalloc(1, sizeof(*net));
	cg_buf_init(&net->description, 0);
	cg_strmap_init(&net->via_index, SIZE_MAX); /* every name is kept */
	return net;
}

void cg_net_free(struct cg_network *net)
{
	if (!net)
		return;
	for (size_t i = 0; i < net->nnodes; i++) {
		free(net->nodes[i].key);
		free(net->nodes[i].label);
		free(net->nodes[i].ocgs);
		free(net->nodes[i].group);
	}
	for (size_t i = 0; i < net->ntypes; i++)
		free(net->types[i].name);
	free(net->nodes);
	free(net->links);
	free(net->types);
	free(net->edges);
	free(net->adj_start);
	free(net->adj_edge);
	for (size_t i = 0; i < net->nvia_names; i++)
		free(net->via_names[i]);
	free(net->via_names);
	cg_strmap_release(&net->via_index);
	cg_buf_release(&net->description);
	free(net);
}

int64_t cg_net_type_find(const struct cg_network *net, const char *name)
{
	for (size_t i = 0; i < net->ntypes; i++)
		if (strcmp(net->types[i].name, name) == 0)
			return (int64_t)i;
	return -1;
}

uint32_t cg_net_type(struct cg_network *net, const char *name, double weight, bool custody)
{
	int64_t t = cg_net_type_find(net, name);
	if (t >= 0)
		return (uint32_t)t;
	net->types = cg_grow(net->types, sizeof(*net->types), net->ntypes + 1, &net->cap_types);
	net->types[net->ntypes] = (struct cg_net_type){ cg_xstrdup(name), weight, custody };
	return (uint32_t)net->ntypes++;
}

uint32_t cg_net_node(struct cg_network *net, int64_t person_id, const char *key,
		     const char *label)
{
	CG_ASSERT(!net->finished);
	CG_ASSERT(net->nnodes < UINT32_MAX);
	net->nodes = cg_grow(net->nodes, sizeof(*net->nodes), net->nnodes + 1, &net->cap_nodes);
	net->nodes[net->nnodes] = (struct cg_net_node){
		.person_id = person_id,
		.key = cg_xstrdup(key),
		.label = label ? cg_xstrdup(label) : NULL,
		.tier = -1,
	};
	return (uint32_t)net->nnodes++;
}

void cg_net_node_ocg(struct cg_network *net, uint32_t node, int64_t ocg_id)
{
	struct cg_net_node *n = &net->nodes[node];
	for (size_t i = 0; i < n->nocgs; i++)
		if (n->ocgs[i] == ocg_id)
			return;
	n->ocgs = cg_xrealloc(n->ocgs, (n->nocgs + 1) * sizeof(*n->ocgs));
	n->ocgs[n->nocgs++] = ocg_id;
}

void cg_net_node_group(struct cg_network *net, uint32_t node, const char *group)
{
	free(net->nodes[node].group);
	net->nodes[node].group = group ? cg_xstrdup(group) : NULL;
}

void cg_net_link_add(struct cg_network *net, const struct cg_net_link *l)
{
	CG_ASSERT(!net->finished);
	CG_ASSERT(l->a < net->nnodes && l->b < net->nnodes && l->type < net->ntypes);
	if (l->a == l->b)
		return;
	net->links = cg_grow(net->links, sizeof(*net->links), net->nlinks + 1, &net->cap_links);
	struct cg_net_link *n = &net->links[net->nlinks++];
	*n = *l;
	if (n->a > n->b) {
		n->a = l->b;
		n->b = l->a;
	}
	if (n->weight < 0)
		n->weight = net->types[n->type].weight;
}

static int link_order(const void *x, const void *y)
{
	const struct cg_net_link *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	/* the rest only makes the order (and so every result) independent of
	 * the order rows came out of the store */
	if (p->type != q->type)
		return p->type < q->type ? -1 : 1;
	if (p->from != q->from)
		return p->from < q->from ? -1 : 1;
	if (p->origin != q->origin)
		return p->origin < q->origin ? -1 : 1;
	if (p->row_id != q->row_id)
		return p->row_id < q->row_id ? -1 : 1;
	if (p->row_id2 != q->row_id2)
		return p->row_id2 < q->row_id2 ? -1 : 1;
	return 0;
}

void cg_net_finish(struct cg_network *net)
{
	CG_ASSERT(!net->finished);
	net->finished = true;
	if (net->nlinks)
		qsort(net->links, net->nlinks, sizeof(*net->links), link_order);
	size_t nedges = 0;
	for (size_t i = 0; i < net->nlinks; i++)
		if (i == 0 || net->links[i].a != net->links[i - 1].a ||
		    net->links[i].b != net->links[i - 1].b)
			nedges++;
	net->edges = cg_xcalloc(nedges ? nedges : 1, sizeof(*net->edges));
	size_t e = 0;
	for (size_t i = 0; i < net->nlinks; i++) {
		const struct cg_net_link *l = &net->links[i];
		if (i == 0 || l->a != net->links[i - 1].a || l->b != net->links[i - 1].b)
			net->edges[e++] = (struct cg_net_edge){ l->a, l->b, 0, i, 0 };
		net->edges[e - 1].weight += l->weight;
		net->edges[e - 1].count++;
	}
	net->nedges = nedges;

	net->adj_start = cg_xcalloc(net->nnodes + 1, sizeof(*net->adj_start));
	net->adj_edge = cg_xcalloc(nedges ? 2 * nedges : 1, sizeof(*net->adj_edge));
	for (size_t k = 0; k < nedges; k++) {
		net->adj_start[net->edges[k].a + 1]++;
		net->adj_start[net->edges[k].b + 1]++;
	}
	for (size_t v = 0; v < net->nnodes; v++)
		net->adj_start[v + 1] += net->adj_start[v];
	size_t *fill = cg_xcalloc(net->nnodes + 1, sizeof(*fill));
	memcpy(fill, net->adj_start, (net->nnodes + 1) * sizeof(*fill));
	/* edges are sorted by (a, b), so each node's list comes out sorted by
	 * neighbour for the a side; b sides are appended in edge order */
	for (size_t k = 0; k < nedges; k++) {
		net->adj_edge[fill[net->edges[k].a]++] = (uint32_t)k;
		net->adj_edge[fill[net->edges[k].b]++] = (uint32_t)k;
	}
	free(fill);
}

struct cg_network *cg_net_subgraph(const struct cg_network *net, const bool *keep,
				   uint32_t **old_index)
{
	CG_ASSERT(net->finished);
	struct cg_network *sub = cg_net_new();
	uint32_t *new_index = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*new_index));
	uint32_t *olds = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*olds));
	for (size_t t = 0; t < net->ntypes; t++)
		cg_net_type(sub, net->types[t].name, net->types[t].weight, net->types[t].custody);
	for (size_t v = 0; v < net->nnodes; v++) {
		if (!keep[v])
			continue;
		const struct cg_net_node *n = &net->nodes[v];
		uint32_t i = cg_net_node(sub, n->person_id, n->key, n->label);
		for (size_t k = 0; k < n->nocgs; k++)
			cg_net_node_ocg(sub, i, n->ocgs[k]);
		if (n->group)
			cg_net_node_group(sub, i, n->group);
		sub->nodes[i].tier = n->tier;
		new_index[v] = i;
		olds[i] = (uint32_t)v;
	}
	for (size_t k = 0; k < net->nlinks; k++) {
		struct cg_net_link l = net->links[k];
		if (!keep[l.a] || !keep[l.b])
			continue;
		l.a = new_index[l.a];
		l.b = new_index[l.b];
		cg_net_link_add(sub, &l);
	}
	cg_net_finish(sub);
	(void)cg_buf_add(&sub->description, net->description.data, net->description.len, NULL);
	free(new_index);
	if (old_index)
		*old_index = olds;
	else
		free(olds);
	return sub;
}

void cg_net_edge_types(const struct cg_network *net, size_t e, const char *sep,
		       struct cg_buf *out)
{
	const struct cg_net_edge *ed = &net->edges[e];
	CG_ASSERT(net->finished);
	for (size_t i = ed->first; i < ed->first + ed->count; i++) {
		uint32_t t = net->links[i].type;
		if (i > ed->first && t == net->links[i - 1].type)
			continue;
		/* small and bounded by the types: a failure only shortens it */
		(void)cg_buf_printf(out, NULL, "%s%s", i > ed->first ? sep : "", net->types[t].name);
	}
}

int64_t cg_net_node_find(const struct cg_network *net, const char *key)
{
	for (size_t i = 0; i < net->nnodes; i++)
		if (strcmp(net->nodes[i].key, key) == 0)
			return (int64_t)i;
	return -1;
}

bool cg_net_node_in_ocg(const struct cg_network *net, uint32_t v, int64_t ocg_id)
{
	const struct cg_net_node *n = &net->nodes[v];
	for (size_t i = 0; i < n->nocgs; i++)
		if (n->ocgs[i] == ocg_id)
			return true;
	return false;
}

static size_t via_key(char *key, size_t size, bool place, int64_t id)
{
	int n = snprintf(key, size, "%c%lld", place ? 'L' : 'O', (long long)id);
	return n > 0 ? (size_t)n : 0;
}

void cg_net_via_name_set(struct cg_network *net, bool place, int64_t id, const char *name)
{
	char key[32];
	size_t len = via_key(key, sizeof(key), place, id);
	int64_t at;
	if (cg_strmap_get(&net->via_index, key, len, &at)) {
		free(net->via_names[at]);
		net->via_names[at] = cg_xstrdup(name);
		return;
	}
	net->via_names = cg_grow(net->via_names, sizeof(*net->via_names), net->nvia_names + 1,
				 &net->cap_via_names);
	net->via_names[net->nvia_names] = cg_xstrdup(name);
	cg_strmap_put(&net->via_index, key, len, (int64_t)net->nvia_names++);
}

const char *cg_net_via_name(const struct cg_network *net, const struct cg_net_link *l)
{
	if (!l->via)
		return NULL;
	char key[32];
	size_t len = via_key(key, sizeof(key), l->origin == CG_NET_CUSTODY, l->via);
	int64_t at;
	return cg_strmap_get(&net->via_index, key, len, &at) ? net->via_names[at] : NULL;
}

void cg_net_describe(struct cg_network *net, const char *name, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* the description is small and bounded by the filters; a failure to
	 * append only shortens it */
	(void)cg_buf_printf(&net->description, NULL, "%s: %s\n", name, line);
}
