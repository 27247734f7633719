/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_graph_measures.c - unit tests for graph/measures: centrality on
 * networks whose values can be worked out by hand (a path, a star, two
 * triangles joined by a bridge) and on Zachary's karate club (values from
 * NetworkX); articulation points and bridges; sampled betweenness that a
 * seed reproduces; the network's summary with isolates; communities that
 * a seed reproduces and the "looks like a member but is not recorded"
 * list; paths with their links' provenance; neighbourhoods by
 * breadth-first search; the connecting network of a set of people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/measures.h"

#define near(got, want, eps) near_at((got), (want), (eps), __FILE__, __LINE__)

static void near_at(double got, double want, double eps, const char *file, int line)
{
	if (!(fabs(got - want) <= eps)) {
		print_error("%s:%d: got %.15g, wanted %.15g (within %g)\n", file, line, got, want,
			    eps);
		fail();
	}
}

/* A network of n nodes keyed "0".."n-1" with the edges given (pairs),
 * every link of type "t" with the weight given (NULL: 1). */
static struct cg_network *make(size_t n, const uint32_t (*edges)[2], size_t nedges,
			       const double *weights)
{
	struct cg_network *net = cg_net_new();
	uint32_t t = cg_net_type(net, "t", 1, false);
	for (size_t i = 0; i < n; i++) {
		char key[24];
		snprintf(key, sizeof(key), "%zu", i);
		cg_net_node(net, (int64_t)i + 1, key, NULL);
	}
	for (size_t k = 0; k < nedges; k++) {
		struct cg_net_link l = { .a = edges[k][0], .b = edges[k][1], .type = t,
					 .from = CG_NET_NO_DATE, .to = CG_NET_NO_DATE,
					 .origin = CG_NET_EXTERNAL, .row_id = (int64_t)k + 1,
					 .weight = weights ? weights[k] : -1 };
		cg_net_link_add(net, &l);
	}
	cg_net_describe(net, "network", "test");
	cg_net_finish(net);
	return net;
}

static const uint32_t path5[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 } };
static const uint32_t star6[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 4 }, { 0, 5 } };
static const uint32_t triangles[][2] = { { 0, 1 }, { 1, 2 }, { 0, 2 },
					 { 2, 3 }, { 3, 4 }, { 4, 5 }, { 3, 5 } };
static const uint32_t karate[][2] = {
	{ 0, 1 },   { 0, 2 },   { 0, 3 },   { 0, 4 },   { 0, 5 },   { 0, 6 },   { 0, 7 },
	{ 0, 8 },   { 0, 10 },  { 0, 11 },  { 0, 12 },  { 0, 13 },  { 0, 17 },  { 0, 19 },
	{ 0, 21 },  { 0, 31 },  { 1, 2 },   { 1, 3 },   { 1, 7 },   { 1, 13 },  { 1, 17 },
	{ 1, 19 },  { 1, 21 },  { 1, 30 },  { 2, 3 },   { 2, 7 },   { 2, 8 },   { 2, 9 },
	{ 2, 13 },  { 2, 27 },  { 2, 28 },  { 2, 32 },  { 3, 7 },   { 3, 12 },  { 3, 13 },
	{ 4, 6 },   { 4, 10 },  { 5, 6 },   { 5, 10 },  { 5, 16 },  { 6, 16 },  { 8, 30 },
	{ 8, 32 },  { 8, 33 },  { 9, 33 },  { 13, 33 }, { 14, 32 }, { 14, 33 }, { 15, 32 },
	{ 15, 33 }, { 18, 32 }, { 18, 33 }, { 19, 33 }, { 20, 32 }, { 20, 33 }, { 22, 32 },
	{ 22, 33 }, { 23, 25 }, { 23, 27 }, { 23, 29 }, { 23, 32 }, { 23, 33 }, { 24, 25 },
	{ 24, 27 }, { 24, 31 }, { 25, 31 }, { 26, 29 }, { 26, 33 }, { 27, 33 }, { 28, 31 },
	{ 28, 33 }, { 29, 32 }, { 29, 33 }, { 30, 32 }, { 30, 33 }, { 31, 32 }, { 31, 33 },
	{ 32, 33 },
};
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static struct cg_centrality all_measures(const struct cg_network *net, bool hops)
{
	struct cg_centrality c;
	struct cg_centrality_opts o = { .measures = CG_MEASURE_NODE_ALL |
						    CG_MEASURE_EDGE_BETWEENNESS,
					.hops = hops, .seed = CG_MEASURE_DEFAULT_SEED };
	assert_int_equal(cg_net_centrality(net, &o, &c, NULL), CG_OK);
	return c;
}

static void test_path(void **state)
{
	(void)state;
	struct cg_network *net = make(5, path5, LEN(path5), NULL);
	struct cg_centrality c = all_measures(net, false);
	const double bet[] = { 0, 3, 4, 3, 0 };
	for (uint32_t v = 0; v < 5; v++) {
		assert_int_equal(c.degree[v], v == 0 || v == 4 ? 1 : 2);
		near(c.betweenness[v], bet[v], 1e-12);
		assert_int_equal(c.coreness[v], 1);
		assert_int_equal(c.articulation[v], v >= 1 && v <= 3);
	}
	near(cg_betweenness_normalised(c.betweenness[2], 5), 4.0 / 6.0, 1e-12);
	/* closeness of the middle: 4 reached at total distance 6 */
	near(c.closeness[2], 4.0 / 6.0, 1e-12);
	/* of an end: total 1+2+3+4 */
	near(c.closeness[0], 4.0 / 10.0, 1e-12);
	near(c.harmonic[0], 1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4, 1e-12);
	const double ebet[] = { 4, 6, 6, 4 };
	for (size_t e = 0; e < 4; e++) {
		near(c.edge_betweenness[e], ebet[e], 1e-12);
		assert_true(c.bridge[e]);
	}
	double sum = 0;
	for (uint32_t v = 0; v < 5; v++)
		sum += c.pagerank[v];
	near(sum, 1, 1e-12);
	near(c.pagerank[0], c.pagerank[4], 1e-12);
	near(c.eigenvector[2], 1, 1e-9);
	assert_non_null(strstr(c.used.data, "network: test\n"));
	assert_non_null(strstr(c.used.data, "betweenness: exact\n"));
	assert_non_null(strstr(c.used.data, "distance = 1/weight"));
	cg_centrality_release(&c);
	cg_net_free(net);
}

static void test_star(void **state)
{
	(void)state;
	struct cg_network *net = make(6, star6, LEN(star6), NULL);
	struct cg_centrality c = all_measures(net, true);
	near(c.betweenness[0], 10, 1e-12);
	near(cg_betweenness_normalised(c.betweenness[0], 6), 1, 1e-12);
	near(c.closeness[0], 1, 1e-12);
	for (uint32_t v = 1; v < 6; v++) {
		near(c.betweenness[v], 0, 1e-12);
		assert_true(c.pagerank[v] < c.pagerank[0]);
		assert_int_equal(c.coreness[v], 1);
	}
	assert_true(c.articulation[0]);
	assert_non_null(strstr(c.used.data, "hops"));
	cg_centrality_release(&c);
	cg_net_free(net);
}

/* Two triangles 0-1-2 and 3-4-5 joined by the bridge 2-3. */
static void test_bridge(void **state)
{
	(void)state;
	struct cg_network *net = make(6, triangles, LEN(triangles), NULL);
	struct cg_centrality c = all_measures(net, false);
	for (uint32_t v = 0; v < 6; v++)
		assert_int_equal(c.articulation[v], v == 2 || v == 3);
	size_t bridges = 0;
	for (size_t e = 0; e < net->nedges; e++)
		if (c.bridge[e]) {
			bridges++;
			assert_int_equal(net->edges[e].a, 2);
			assert_int_equal(net->edges[e].b, 3);
			near(c.edge_betweenness[e], 9, 1e-12); /* 3 x 3 pairs cross it */
		}
	assert_int_equal(bridges, 1);
	assert_int_equal(c.coreness[0], 2);
	/* 2 and 3 each carry 0,1 -> 3,4,5 (6 pairs) plus 2 carries none of
	 * its own: 0/1 to 3/4/5 pass 2, and 2 to 4/5 do not: 6 + 0 */
	near(c.betweenness[2], 6, 1e-12);
	cg_centrality_release(&c);

	struct cg_communities com;
	for (int method = 0; method < 2; method++) {
		struct cg_community_opts o = { method ? CG_COMMUNITY_LEIDEN : CG_COMMUNITY_LOUVAIN,
					       CG_MEASURE_DEFAULT_SEED, 1 };
		assert_int_equal(cg_net_communities(net, &o, &com, NULL), CG_OK);
		assert_int_equal(com.ncommunities, 2);
		assert_int_equal(com.membership[0], com.membership[1]);
		assert_int_equal(com.membership[1], com.membership[2]);
		assert_int_not_equal(com.membership[2], com.membership[3]);
		/* Q = 2 (3/7 - (7/14)^2) */
		near(com.modularity, 2 * (3.0 / 7 - 0.25), 1e-12);
		cg_communities_release(&com);
	}
	cg_net_free(net);
}

/* Values from NetworkX 2.8.8 (betweenness_centrality normalized=False,
 * core_number, pagerank with tol=1e-12). */
static void test_karate(void **state)
{
	(void)state;
	struct cg_network *net = make(34, karate, LEN(karate), NULL);
	struct cg_centrality c = all_measures(net, false);
	near(c.betweenness[0], 231.0714285714286, 1e-9);
	near(c.betweenness[33], 160.5515873015873, 1e-9);
	near(c.pagerank[0], 0.09699728539860195, 1e-9);
	uint32_t kmax = 0;
	for (uint32_t v = 0; v < 34; v++)
		kmax = c.coreness[v] > kmax ? c.coreness[v] : kmax;
	assert_int_equal(kmax, 4);
	assert_int_equal(c.summary.components, 1);
	assert_int_equal(c.summary.edges, 78);
	cg_centrality_release(&c);

	/* the same seed gives the same communities; a good modularity */
	for (int method = 0; method < 2; method++) {
		struct cg_community_opts o = { method ? CG_COMMUNITY_LEIDEN : CG_COMMUNITY_LOUVAIN,
					       CG_MEASURE_DEFAULT_SEED, 1 };
		struct cg_communities a, b;
		assert_int_equal(cg_net_communities(net, &o, &a, NULL), CG_OK);
		assert_int_equal(cg_net_communities(net, &o, &b, NULL), CG_OK);
		assert_memory_equal(a.membership, b.membership, 34 * sizeof(*a.membership));
		assert_true(a.modularity > 0.40);
		assert_true(a.ncommunities >= 3 && a.ncommunities <= 5);
		for (size_t k = 1; k < a.ncommunities; k++)
			assert_true(a.communities[k - 1].size >= a.communities[k].size);
		assert_non_null(strstr(a.used.data, method ? "leiden" : "louvain"));
		cg_communities_release(&a);
		cg_communities_release(&b);
	}
	cg_net_free(net);
}

static void test_sampled_betweenness(void **state)
{
	(void)state;
	struct cg_network *net = make(34, karate, LEN(karate), NULL);
	struct cg_centrality a, b, all;
	struct cg_centrality_opts o = { CG_MEASURE_BETWEENNESS | CG_MEASURE_EDGE_BETWEENNESS, false,
					10, 7 };
	assert_int_equal(cg_net_centrality(net, &o, &a, NULL), CG_OK);
	assert_int_equal(cg_net_centrality(net, &o, &b, NULL), CG_OK);
	assert_int_equal(a.sample, 10);
	assert_memory_equal(a.betweenness, b.betweenness, 34 * sizeof(double));
	assert_memory_equal(a.edge_betweenness, b.edge_betweenness, 78 * sizeof(double));
	assert_non_null(strstr(a.used.data, "10 of 34 source nodes"));
	assert_non_null(strstr(a.used.data, "seed 7"));
	/* a sample as large as the network is the exact value */
	o.sample = 34;
	assert_int_equal(cg_net_centrality(net, &o, &all, NULL), CG_OK);
	assert_int_equal(all.sample, 0);
	near(all.betweenness[0], 231.0714285714286, 1e-9);
	/* the estimate sums to about the same total (each sampled source's
	 * paths scaled by 34/10) */
	double est = 0, exact = 0;
	for (uint32_t v = 0; v < 34; v++) {
		est += a.betweenness[v];
		exact += all.betweenness[v];
	}
	assert_true(est > exact / 3 && est < exact * 3);
	/* and a different seed draws a different sample */
	struct cg_centrality other;
	o.sample = 10, o.seed = 8;
	assert_int_equal(cg_net_centrality(net, &o, &other, NULL), CG_OK);
	assert_memory_not_equal(a.betweenness, other.betweenness, 34 * sizeof(double));
	cg_centrality_release(&other);
	cg_centrality_release(&a);
	cg_centrality_release(&b);
	cg_centrality_release(&all);
	cg_net_free(net);
}

static void test_weighted_paths(void **state)
{
	(void)state;
	/* 0-1 and 1-2 strong (distance 1 each), 0-2 weak (distance 4):
	 * weighted, 1 lies between 0 and 2; by hops it does not */
	const uint32_t e[][2] = { { 0, 1 }, { 1, 2 }, { 0, 2 } };
	const double w[] = { 1, 1, 0.25 };
	struct cg_network *net = make(3, e, 3, w);
	struct cg_centrality c = all_measures(net, false);
	near(c.betweenness[1], 1, 1e-12);
	near(c.strength[0], 1.25, 1e-12);
	cg_centrality_release(&c);
	c = all_measures(net, true);
	near(c.betweenness[1], 0, 1e-12);
	cg_centrality_release(&c);
	cg_net_free(net);
}

static void test_summary(void **state)
{
	(void)state;
	/* a path of 5, a pair, and two isolates */
	const uint32_t e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 5, 6 } };
	struct cg_network *net = make(9, e, LEN(e), NULL);
	struct cg_net_summary s;
	uint32_t comp[9];
	cg_net_summarise(net, &s, comp);
	assert_int_equal(s.nodes, 9);
	assert_int_equal(s.edges, 5);
	assert_int_equal(s.isolates, 2);
	assert_int_equal(s.components, 4);
	assert_int_equal(s.components_linked, 2);
	assert_int_equal(s.largest, 5);
	near(s.density, 5.0 / 36.0, 1e-12);
	assert_int_equal(comp[4], 0);
	assert_int_equal(comp[6], 1);
	assert_int_equal(comp[8], 3);
	/* closeness and harmonic on a disconnected network with isolates */
	struct cg_centrality c = all_measures(net, false);
	near(c.closeness[7], 0, 0);
	near(c.harmonic[7], 0, 0);
	near(c.closeness[5], (1.0 / 8) * (1.0 / 1), 1e-12);
	near(c.closeness[2], (4.0 / 8) * (4.0 / 6), 1e-12);
	cg_centrality_release(&c);
	struct cg_communities com;
	struct cg_community_opts o = { CG_COMMUNITY_LOUVAIN, CG_MEASURE_DEFAULT_SEED, 1 };
	assert_int_equal(cg_net_communities(net, &o, &com, NULL), CG_OK);
	assert_int_equal(com.ncommunities - com.ncommunities_linked, 2);
	cg_communities_release(&com);
	cg_net_free(net);
}

/*
 * Two groups: OCG 100 recorded for 0-3 (a clique) and OCG 200 for 5-8
 * (a clique). 4 is tied to all of 0-3 but not recorded; 9 is tied to all
 * of 5-8 and also to 10, who is tied to nobody else. One weak link joins
 * the groups (3-5).
 */
static void test_lookalikes(void **state)
{
	(void)state;
	uint32_t e[40][2];
	double w[40];
	size_t n = 0;
	for (uint32_t base = 0; base <= 5; base += 5)
		for (uint32_t i = 0; i < 5; i++)
			for (uint32_t j = i + 1; j < 5; j++) {
				e[n][0] = base + i;
				e[n][1] = base + j;
				w[n++] = 1;
			}
	e[n][0] = 9, e[n][1] = 10, w[n++] = 1;
	e[n][0] = 3, e[n][1] = 5, w[n++] = 0.1;
	struct cg_network *net = make(11, (const uint32_t(*)[2])e, n, w);
	for (uint32_t v = 0; v < 4; v++)
		cg_net_node_ocg(net, v, 100);
	for (uint32_t v = 5; v < 9; v++)
		cg_net_node_ocg(net, v, 200);
	struct cg_communities com;
	struct cg_community_opts o = { CG_COMMUNITY_LEIDEN, CG_MEASURE_DEFAULT_SEED, 1 };
	assert_int_equal(cg_net_communities(net, &o, &com, NULL), CG_OK);
	assert_int_equal(com.ncommunities, 2);
	assert_int_equal(com.membership[4], com.membership[0]);
	assert_int_equal(com.membership[10], com.membership[5]);
	const struct cg_community *big = &com.communities[com.membership[5]];
	assert_int_equal(big->size, 6);
	assert_int_equal(big->affiliated, 4);
	assert_int_equal(big->dominant.ocg, 200);
	assert_true(big->dominated);
	assert_int_equal(com.nlookalikes, 2);
	/* 4: all its weight into OCG 100; 9: 4 of its 5 */
	assert_int_equal(com.lookalikes[0].node, 4);
	assert_int_equal(com.lookalikes[0].group.ocg, 100);
	near(com.lookalikes[0].share, 1, 1e-12);
	assert_int_equal(com.lookalikes[1].node, 9);
	assert_int_equal(com.lookalikes[1].group.ocg, 200);
	near(com.lookalikes[1].share, 0.8, 1e-12);
	near(com.lookalikes[1].weight_to, 4, 1e-12);
	cg_communities_release(&com);

	/* fewer than 3 recorded members dominate nothing */
	net->nodes[0].nocgs = net->nodes[1].nocgs = 0;
	assert_int_equal(cg_net_communities(net, &o, &com, NULL), CG_OK);
	assert_false(com.communities[com.membership[0]].dominated);
	assert_int_equal(com.nlookalikes, 1);
	cg_communities_release(&com);
	cg_net_free(net);
}

/* External networks compare with their nodes' group attribute. */
static void test_groups(void **state)
{
	(void)state;
	struct cg_network *net = make(6, triangles, LEN(triangles), NULL);
	/* groups are plain node attributes: setting them after finishing is
	 * safe */
	for (uint32_t v = 0; v < 6; v++)
		cg_net_node_group(net, v, v < 3 ? "east" : "west");
	cg_net_node_group(net, 2, NULL);
	struct cg_communities com;
	struct cg_community_opts o = { CG_COMMUNITY_LOUVAIN, CG_MEASURE_DEFAULT_SEED, 1 };
	assert_int_equal(cg_net_communities(net, &o, &com, NULL), CG_OK);
	const struct cg_community *west = &com.communities[com.membership[4]];
	assert_int_equal(west->dominant.ocg, 0);
	assert_string_equal(west->dominant.group, "west");
	assert_true(west->dominated);
	const struct cg_community *east = &com.communities[com.membership[0]];
	assert_false(east->dominated); /* only 2 recorded */
	cg_communities_release(&com);
	cg_net_free(net);
}

/* A network with provenance: a square 0-1-3, 0-2-3, where 0-1 carries two
 * links (an association and a visit) and 0-3 a weak direct link. */
static struct cg_network *square(void)
{
	struct cg_network *net = cg_net_new();
	uint32_t assoc = cg_net_type(net, "associate", 1, false);
	uint32_t visit = cg_net_type(net, "visit", 0.5, true);
	uint32_t weak = cg_net_type(net, "intel_co_subject", 0.1, false);
	for (int i = 0; i < 4; i++) {
		char key[8];
		snprintf(key, sizeof(key), "P%d", i);
		cg_net_node(net, 10 + i, key, NULL);
	}
	struct cg_net_link l = { .from = CG_NET_NO_DATE, .to = CG_NET_NO_DATE, .weight = -1 };
	l.a = 0, l.b = 1, l.type = assoc, l.origin = CG_NET_ASSOCIATION, l.row_id = 501;
	cg_net_link_add(net, &l);
	l.type = visit, l.origin = CG_NET_EVENT, l.row_id = 777, l.from = 19000, l.to = 19000;
	memcpy(l.grading, "2B", 3);
	l.owner_agency_id = 3;
	cg_net_link_add(net, &l);
	l = (struct cg_net_link){ .from = CG_NET_NO_DATE, .to = CG_NET_NO_DATE, .weight = -1 };
	l.type = assoc, l.origin = CG_NET_ASSOCIATION;
	l.a = 1, l.b = 3, l.row_id = 502;
	cg_net_link_add(net, &l);
	l.a = 0, l.b = 2, l.row_id = 503;
	cg_net_link_add(net, &l);
	l.a = 2, l.b = 3, l.row_id = 504;
	cg_net_link_add(net, &l);
	l.a = 0, l.b = 3, l.row_id = 505, l.type = weak, l.origin = CG_NET_INTEL;
	cg_net_link_add(net, &l);
	cg_net_finish(net);
	return net;
}

static void test_paths(void **state)
{
	(void)state;
	struct cg_network *net = square();
	struct cg_paths p;
	struct cg_path_opts o = { .kind = CG_PATH_SHORTEST };

	/* weighted: 0-1 (weight 1.5, distance 2/3) then 1-3 (distance 1)
	 * beats 0-3 (distance 10) and 0-2-3 (distance 2) */
	assert_int_equal(cg_net_paths(net, 0, 3, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 1);
	assert_int_equal(p.paths[0].nedges, 2);
	assert_int_equal(p.paths[0].nodes[1], 1);
	near(p.paths[0].length, 2.0 / 3 + 1, 1e-12);
	const struct cg_net_edge *first = &net->edges[p.paths[0].edges[0]];
	assert_int_equal(first->count, 2);
	assert_int_equal(net->links[first->first].row_id, 501);
	assert_int_equal(net->links[first->first + 1].row_id, 777);
	assert_string_equal(net->links[first->first + 1].grading, "2B");
	assert_int_equal(net->links[first->first + 1].owner_agency_id, 3);
	assert_int_equal(net->links[first->first + 1].from, 19000);
	near(p.found, 1, 0);
	cg_paths_release(&p);

	/* by hops: the direct link */
	o.hops = true;
	assert_int_equal(cg_net_paths(net, 0, 3, &o, &p, NULL), CG_OK);
	assert_int_equal(p.paths[0].nedges, 1);
	assert_int_equal(net->links[net->edges[p.paths[0].edges[0]].first].row_id, 505);
	cg_paths_release(&p);

	/* all shortest by hops between 1 and 2: via 0 and via 3 */
	o.kind = CG_PATH_ALL_SHORTEST;
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 2);
	near(p.found, 2, 0);
	assert_false(p.capped);
	cg_paths_release(&p);
	o.max_paths = 1;
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 1);
	assert_true(p.capped);
	cg_paths_release(&p);

	/* all simple paths 1 -> 2 up to 3 links: 1-0-2, 1-3-2, 1-0-3-2,
	 * 1-3-0-2, shortest first */
	o = (struct cg_path_opts){ .kind = CG_PATH_ALL_SIMPLE, .max_length = 3, .hops = true };
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 4);
	assert_int_equal(p.paths[0].nedges, 2);
	assert_int_equal(p.paths[3].nedges, 3);
	cg_paths_release(&p);
	o.max_length = 2;
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 2);
	cg_paths_release(&p);
	o.max_length = 3, o.max_paths = 3;
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 3);
	assert_true(p.capped);
	cg_paths_release(&p);

	/* a cap keeps the shortest: 0-3 directly before 0-1-3 and 0-2-3 */
	o.max_paths = 1;
	assert_int_equal(cg_net_paths(net, 0, 3, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 1);
	assert_int_equal(p.paths[0].nedges, 1);
	assert_true(p.capped);
	cg_paths_release(&p);

	o.max_length = 0;
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_net_paths(net, 1, 2, &o, &p, &err), CG_INVALID);
	cg_paths_release(&p);
	assert_int_equal(cg_net_paths(net, 1, 1, &o, &p, &err), CG_INVALID);
	cg_paths_release(&p);
	cg_net_free(net);

	/* not connected: no path, no error */
	const uint32_t e[][2] = { { 0, 1 } };
	net = make(3, e, 1, NULL);
	o = (struct cg_path_opts){ .kind = CG_PATH_ALL_SHORTEST };
	assert_int_equal(cg_net_paths(net, 0, 2, &o, &p, NULL), CG_OK);
	assert_int_equal(p.npaths, 0);
	cg_paths_release(&p);
	cg_net_free(net);
}

static void test_neighbourhood(void **state)
{
	(void)state;
	struct cg_network *net = make(5, path5, LEN(path5), NULL);
	struct cg_net_bfs b;
	cg_net_bfs_init(&b, net);
	uint32_t seed = 0;
	assert_int_equal(cg_net_bfs_run(net, &b, &seed, 1, 2), 3);
	assert_int_equal(b.order[2], 2);
	assert_int_equal(b.hops[2], 2);
	assert_true(cg_net_bfs_reached(&b, 1));
	assert_false(cg_net_bfs_reached(&b, 3));
	/* a second search on the same buffer forgets the first */
	uint32_t ends[] = { 0, 4 };
	assert_int_equal(cg_net_bfs_run(net, &b, ends, 2, 1), 4);
	assert_false(cg_net_bfs_reached(&b, 2));
	assert_true(cg_net_bfs_reached(&b, 3));
	/* the stamp wrapping round clears the marks */
	b.stamp = UINT32_MAX;
	assert_int_equal(cg_net_bfs_run(net, &b, &seed, 1, 1), 2);
	assert_false(cg_net_bfs_reached(&b, 4));
	cg_net_bfs_release(&b);

	struct cg_neighbourhood nb;
	uint32_t mid = 2;
	assert_int_equal(cg_net_neighbourhood(net, &mid, 1, 1, true, &nb, NULL), CG_OK);
	assert_int_equal(nb.nnodes, 3);
	assert_int_equal(nb.sub->nnodes, 3);
	assert_int_equal(nb.sub->nedges, 2);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(nb.sub->nodes[i].key, net->nodes[nb.nodes[i]].key);
		assert_int_equal(nb.hops[i], nb.nodes[i] == 2 ? 0 : 1);
	}
	assert_non_null(strstr(nb.used.data, "1 hops from 1 node"));
	cg_neighbourhood_release(&nb);
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_net_neighbourhood(net, &mid, 1, 0, false, &nb, &err), CG_INVALID);
	cg_neighbourhood_release(&nb);
	assert_int_equal(cg_net_neighbourhood(net, NULL, 0, 1, false, &nb, &err), CG_INVALID);
	cg_neighbourhood_release(&nb);
	cg_net_free(net);
}

static void test_connecting(void **state)
{
	(void)state;
	/* the two triangles plus an isolate 6 */
	struct cg_network *net = make(7, triangles, LEN(triangles), NULL);
	uint32_t chosen[] = { 0, 5, 6 };
	struct cg_connecting c;
	assert_int_equal(cg_net_connecting(net, chosen, 3, true, &c, NULL), CG_OK);
	assert_int_equal(c.npairs, 3);
	assert_true(c.pairs[0].connected);
	near(c.pairs[0].distance, 3, 0);
	assert_false(c.pairs[1].connected);
	assert_false(c.pairs[2].connected);
	/* 0-2-3-5 is the only shortest path: 1 and 4 are not on it */
	assert_int_equal(c.sub->nnodes, 5);
	const uint32_t want[] = { 0, 2, 3, 5, 6 };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(c.old_index[i], want[i]);
		assert_int_equal(c.chosen[i], want[i] == 0 || want[i] == 5 || want[i] == 6);
	}
	cg_connecting_release(&c);
	struct cg_error err = CG_ERROR_INIT;
	uint32_t twice[] = { 1, 1 };
	assert_int_equal(cg_net_connecting(net, twice, 2, true, &c, &err), CG_INVALID);
	cg_connecting_release(&c);
	cg_net_free(net);
}

static void test_measure_names(void **state)
{
	(void)state;
	unsigned f = 0;
	assert_int_equal(cg_measure_parse_list("degree,pagerank", &f, NULL), CG_OK);
	assert_int_equal(f, CG_MEASURE_DEGREE | CG_MEASURE_PAGERANK);
	assert_int_equal(cg_measure_parse_list("degree,,pagerank", &f, NULL), CG_INVALID);
	assert_int_equal(cg_measure_parse_list("closenes", &f, NULL), CG_INVALID);
	assert_string_equal(cg_measure_name(CG_MEASURE_EDGE_BETWEENNESS), "edge-betweenness");
	assert_int_equal(cg_measure_from_name("community", 9), CG_MEASURE_COMMUNITY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_bridge),
		cmocka_unit_test(test_karate),
		cmocka_unit_test(test_sampled_betweenness),
		cmocka_unit_test(test_weighted_paths),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_lookalikes),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_neighbourhood),
		cmocka_unit_test(test_connecting),
		cmocka_unit_test(test_measure_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
