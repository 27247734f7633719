/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * components.c - the network's shape in numbers: nodes, edges, connected
 * components with and without isolates, the largest component, density
 * (graph layer). A breadth-first search over the adjacency cg_net_finish
 * built; no igraph call is needed for something this simple. See
 * measures.h.
 */
#include <stdlib.h>

#include "base/xalloc.h"
#include "graph/measures.h"
#include "base/banned.h"

void cg_net_summarise(const struct cg_network *net, struct cg_net_summary *s,
		      uint32_t *component)
{
	CG_ASSERT(net->finished);
	size_t n = net->nnodes;
	*s = (struct cg_net_summary){ .nodes = n, .edges = net->nedges, .links = net->nlinks };
	if (n >= 2)
		s->density = (double)net->nedges / ((double)n * (double)(n - 1) / 2.0);
	uint32_t *comp = component ? component : cg_xcalloc(n ? n : 1, sizeof(*comp));
	uint32_t *queue = cg_xcalloc(n ? n : 1, sizeof(*queue));
	for (size_t v = 0; v < n; v++)
		comp[v] = UINT32_MAX;
	uint32_t next = 0;
	for (size_t v = 0; v < n; v++) {
		if (comp[v] != UINT32_MAX)
			continue;
		size_t head = 0, tail = 0;
		comp[v] = next;
		queue[tail++] = (uint32_t)v;
		while (head < tail) {
			uint32_t u = queue[head++];
			for (size_t i = net->adj_start[u]; i < net->adj_start[u + 1]; i++) {
				uint32_t w = cg_net_other(net, net->adj_edge[i], u);
				if (comp[w] == UINT32_MAX) {
					comp[w] = next;
					queue[tail++] = w;
				}
			}
		}
		next++;
		if (tail == 1)
			s->isolates++;
		if (tail > s->largest)
			s->largest = tail;
	}
	s->components = next;
	s->components_linked = next - s->isolates;
	free(queue);
	if (!component)
		free(comp);
}
