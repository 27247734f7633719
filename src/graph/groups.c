/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * groups.c - what the group analyses share (graph layer): whether two
 * people have a recorded group in common. See groups.h.
 */
#include "graph/groups.h"
#include "base/banned.h"

bool cg_net_share_ocg(const struct cg_network *net, uint32_t a, uint32_t b)
{
	const struct cg_net_node *x = &net->nodes[a], *y = &net->nodes[b];
	for (size_t i = 0; i < x->nocgs; i++)
		for (size_t j = 0; j < y->nocgs; j++)
			if (x->ocgs[i] == y->ocgs[j])
				return true;
	return false;
}

bool cg_net_different_ocgs(const struct cg_network *net, uint32_t a, uint32_t b)
{
	return net->nodes[a].nocgs && net->nodes[b].nocgs && !cg_net_share_ocg(net, a, b);
}
