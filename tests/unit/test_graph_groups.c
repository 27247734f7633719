/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_graph_groups.c - unit tests for graph/groups.h on hand-built
 * networks with known answers: the person bridging two cliques is the top
 * broker with exact inter-group betweenness (and agrees with igraph's
 * subset betweenness on a random network); rivals sharing a wing are a
 * crossover with the right place, dates and tier ranking; a non-member
 * with custody links to members is a recruitment signal with the stated
 * decay and a member is not; the cut vertex of a barbell is the best single
 * removal, efficiency agrees with igraph_global_efficiency, and greedy k=2
 * removes the known pair. */
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

#include "graph/groups.h"
#include "graph/ig.h"

/* ---- building networks ---- */

static struct cg_network *net_with(size_t n)
{
	struct cg_network *net = cg_net_new();
	cg_net_type(net, "associate", 1.0, false);
	cg_net_type(net, "same_wing", 0.5, true);
	cg_net_type(net, "same_cell", 1.0, true);
	cg_net_type(net, "visit", 0.8, true);
	cg_net_type(net, "same_establishment", 0.1, true);
	for (size_t i = 0; i < n; i++) {
		char key[24];
		snprintf(key, sizeof(key), "%zu", i + 1);
		cg_net_node(net, (int64_t)i + 1, key, NULL);
	}
	return net;
}

static void add(struct cg_network *net, uint32_t a, uint32_t b, const char *type, int32_t from,
		int32_t to, int64_t via)
{
	int64_t t = cg_net_type_find(net, type);
	assert_true(t >= 0);
	struct cg_net_link l = {
		.a = a, .b = b, .type = (uint32_t)t, .from = from, .to = to,
		.origin = via ? CG_NET_CUSTODY : CG_NET_ASSOCIATION, .row_id = net->nlinks + 1,
		.via = via, .weight = -1,
	};
	cg_net_link_add(net, &l);
}

static void assoc(struct cg_network *net, uint32_t a, uint32_t b)
{
	add(net, a, b, "associate", CG_NET_NO_DATE, CG_NET_NO_DATE, 0);
}

/* A clique on nodes [first, first + n). */
static void clique(struct cg_network *net, uint32_t first, uint32_t n)
{
	for (uint32_t i = first; i < first + n; i++)
		for (uint32_t j = i + 1; j < first + n; j++)
			assoc(net, i, j);
}

/* ---- brokers ---- */

/* Group 1: a clique on 0..4; group 2: a clique on 5..9; person 10 (no
 * group) is linked to 0 and 5 only. */
static struct cg_network *two_cliques(void)
{
	struct cg_network *net = net_with(11);
	clique(net, 0, 5);
	clique(net, 5, 5);
	for (uint32_t v = 0; v < 10; v++)
		cg_net_node_ocg(net, v, v < 5 ? 1 : 2);
	assoc(net, 10, 0);
	assoc(net, 10, 5);
	cg_net_finish(net);
	return net;
}

static const struct cg_broker *broker_of(const struct cg_broker_result *r, uint32_t node)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].node == node)
			return &r->items[i];
	return NULL;
}

static void bridge_is_top_broker(void **state)
{
	(void)state;
	struct cg_network *net = two_cliques();
	struct cg_broker_result r = { 0 };
	struct cg_broker_options opt = { .max_length = 4 };

	assert_int_equal(cg_brokers(net, &opt, &r, NULL), CG_OK);
	/* every one of the 25 pairs of members of different groups runs
	 * through 10; through 0 those from 1..4 (to everyone in 5..9) */
	assert_int_equal(r.n, 3);
	assert_int_equal(r.items[0].node, 10);
	assert_int_equal(r.items[0].brokerage, 1);
	assert_true(fabs(r.items[0].betweenness - 25) < 1e-9);
	assert_true(fabs(broker_of(&r, 0)->betweenness - 20) < 1e-9);
	assert_true(fabs(broker_of(&r, 5)->betweenness - 20) < 1e-9);
	assert_int_equal(broker_of(&r, 0)->brokerage, 0); /* one group: no pair */
	assert_null(broker_of(&r, 3)); /* no inter-group path through 3, one group */
	assert_true(fabs(r.pairs_counted - 25) < 1e-9);
	assert_int_equal(r.members, 10);
	assert_int_equal(r.sources, 10);
	/* 10 joins groups 1 and 2 directly, one link each */
	const struct cg_broker *b = &r.items[0];
	assert_int_equal(b->pairs, 1);
	assert_int_equal(b->nties, 2);
	assert_int_equal(b->ties[0].ocg, 1);
	assert_false(b->ties[0].member);
	assert_int_equal(b->ties[0].nlinks, 1);
	assert_int_equal(b->ties[0].nmembers, 1);
	assert_int_equal(b->ties[1].ocg, 2);
	const struct cg_net_link *l = &net->links[b->ties[1].links[0]];
	assert_true((l->a == 10 && l->b == 5) || (l->a == 5 && l->b == 10));
	/* 0 is a member of 1 (its own tie first) linked to 10, who has no group */
	b = broker_of(&r, 0);
	assert_true(b->ties[0].member && b->ties[0].ocg == 1);
	assert_int_equal(b->ties[0].nmembers, 4);
	assert_int_equal(b->pairs, 0);

	/* cut off at 3 links: 0-5, 0-(6..9), (1..4)-5: 9 pairs */
	opt.max_length = 3;
	assert_int_equal(cg_brokers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.items[0].node, 10);
	assert_true(fabs(r.items[0].betweenness - 9) < 1e-9);
	assert_true(fabs(r.pairs_counted - 9) < 1e-9);
	assert_int_equal(r.max_length, 3);

	opt.top = 1;
	assert_int_equal(cg_brokers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 1);
	opt.max_length = CG_BROKER_MAX_LENGTH + 1;
	assert_int_equal(cg_brokers(net, &opt, &r, NULL), CG_INVALID);
	cg_broker_result_release(&r);
	cg_net_free(net);
}

/* A member of two groups who is linked to a third joins three pairs. */
static void direct_pairs(void **state)
{
	(void)state;
	struct cg_network *net = net_with(4);
	cg_net_node_ocg(net, 0, 1);
	cg_net_node_ocg(net, 0, 2);
	cg_net_node_ocg(net, 1, 3);
	cg_net_node_ocg(net, 2, 3);
	assoc(net, 0, 1);
	assoc(net, 0, 2);
	assoc(net, 1, 2);
	assoc(net, 0, 3); /* 3 has no group */
	cg_net_finish(net);
	struct cg_broker_result r = { 0 };
	assert_int_equal(cg_brokers(net, NULL, &r, NULL), CG_OK);
	const struct cg_broker *b = broker_of(&r, 0);
	assert_non_null(b);
	assert_int_equal(b->pairs, 3);
	assert_int_equal(b->brokerage, 3); /* 1 for each pair: the own groups count one */
	assert_true(b->ties[0].member && b->ties[1].member && !b->ties[2].member);
	assert_int_equal(b->ties[2].ocg, 3);
	assert_int_equal(b->ties[2].nmembers, 2);
	assert_true(fabs(b->outside_weight - 2) < 1e-12);
	/* 1 and 2 are adjacent: nobody lies between members of 1,2 and 3 */
	assert_true(b->betweenness == 0);
	cg_broker_result_release(&r);
	cg_net_free(net);
}

/* Independent ties count: 10 deals with 0, 1 (group 1) and 5, 6 (group 2);
 * members 2 and 7 of the two cliques are family. 2 and 7 carry most short
 * paths between the groups, but each is one tie; 10 is two. */
static void brokerage_before_betweenness(void **state)
{
	(void)state;
	struct cg_network *net = net_with(11);
	clique(net, 0, 5);
	clique(net, 5, 5);
	for (uint32_t v = 0; v < 10; v++)
		cg_net_node_ocg(net, v, v < 5 ? 1 : 2);
	assoc(net, 10, 0);
	assoc(net, 10, 1);
	assoc(net, 10, 5);
	assoc(net, 10, 6);
	assoc(net, 2, 7);
	cg_net_finish(net);
	struct cg_broker_result r = { 0 };
	assert_int_equal(cg_brokers(net, NULL, &r, NULL), CG_OK);
	assert_int_equal(r.items[0].node, 10);
	assert_int_equal(r.items[0].brokerage, 2);
	const struct cg_broker *b2 = broker_of(&r, 2);
	assert_int_equal(b2->brokerage, 1);
	assert_true(b2->betweenness > r.items[0].betweenness);
	/* 2 and 7 come next; 0 joins only its own group (10 has none) */
	assert_int_equal(broker_of(&r, 0)->brokerage, 0);
	assert_true(r.items[1].node == 2 || r.items[1].node == 7);
	cg_broker_result_release(&r);
	cg_net_free(net);
}

/* A pseudo-random network (fixed LCG) with four groups: the score
 * without a cut-off equals igraph's subset betweenness summed over each
 * group's members as sources and the other groups' members as targets. */
static void brokers_agree_with_igraph(void **state)
{
	(void)state;
	const size_t n = 60;
	struct cg_network *net = net_with(n);
	uint64_t x = 12345;
	for (size_t v = 1; v < n; v++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		assoc(net, (uint32_t)v, (uint32_t)((x >> 33) % v)); /* a tree: connected */
	}
	for (int k = 0; k < 50; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		uint32_t a = (uint32_t)((x >> 33) % n), b = (uint32_t)((x >> 13) % n);
		assoc(net, a, b); /* a repeated pair folds into one edge; a == b is dropped */
	}
	for (uint32_t v = 0; v < 40; v++)
		cg_net_node_ocg(net, v, v % 4);
	cg_net_finish(net);

	struct cg_broker_result r = { 0 };
	struct cg_broker_options opt = { .max_length = CG_BROKER_MAX_LENGTH };
	assert_int_equal(cg_brokers(net, &opt, &r, NULL), CG_OK);

	double expect[60] = { 0 };
	igraph_t g;
	igraph_vector_t res;
	igraph_real_t diameter;
	cg_ig_begin();
	assert_int_equal(cg_ig_graph(net, &g, NULL, NULL), CG_OK);
	assert_int_equal(igraph_diameter(&g, &diameter, NULL, NULL, NULL, NULL, false, true),
			 IGRAPH_SUCCESS);
	assert_true(diameter <= CG_BROKER_MAX_LENGTH); /* so the cut-off cuts nothing */
	igraph_vector_init(&res, 0);
	for (int grp = 0; grp < 4; grp++) {
		igraph_vector_int_t src, dst;
		igraph_vector_int_init(&src, 0);
		igraph_vector_int_init(&dst, 0);
		for (int v = 0; v < 40; v++)
			igraph_vector_int_push_back(v % 4 == grp ? &src : &dst, v);
		assert_int_equal(igraph_betweenness_subset(&g, &res, igraph_vss_all(), false,
							   igraph_vss_vector(&src),
							   igraph_vss_vector(&dst), NULL),
				 IGRAPH_SUCCESS);
		/* igraph counts ordered (s, t) and halves for undirected graphs:
		 * the two directions of a pair of groups add up to it once */
		for (size_t v = 0; v < n; v++)
			expect[v] += VECTOR(res)[(igraph_integer_t)v];
		igraph_vector_int_destroy(&src);
		igraph_vector_int_destroy(&dst);
	}
	igraph_vector_destroy(&res);
	igraph_destroy(&g);
	cg_ig_end();

	size_t positive = 0;
	for (size_t v = 0; v < n; v++) {
		const struct cg_broker *b = broker_of(&r, (uint32_t)v);
		double got = b ? b->betweenness : 0;
		assert_true(fabs(got - expect[v]) < 1e-9 * (1 + expect[v]));
		positive += expect[v] > 0;
	}
	assert_true(positive > 10);
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.items[i - 1].brokerage > r.items[i].brokerage ||
			    (r.items[i - 1].brokerage == r.items[i].brokerage &&
			     r.items[i - 1].betweenness >= r.items[i].betweenness));

	/* a sample of every member is the whole; a smaller one is an
	 * estimate, the same for the same seed */
	struct cg_broker_result s = { 0 }, t = { 0 };
	opt.max_sources = 40;
	assert_int_equal(cg_brokers(net, &opt, &s, NULL), CG_OK);
	assert_int_equal(s.sources, 40);
	assert_int_equal(s.items[0].node, r.items[0].node);
	assert_true(fabs(s.items[0].betweenness - r.items[0].betweenness) < 1e-9);
	opt.max_sources = 10;
	opt.seed = 7;
	assert_int_equal(cg_brokers(net, &opt, &s, NULL), CG_OK);
	assert_int_equal(cg_brokers(net, &opt, &t, NULL), CG_OK);
	assert_int_equal(s.sources, 10);
	assert_int_equal(s.members, 40);
	assert_int_equal(s.n, t.n);
	for (size_t i = 0; i < s.n; i++) {
		assert_int_equal(s.items[i].node, t.items[i].node);
		assert_true(s.items[i].betweenness == t.items[i].betweenness);
	}
	/* the work limit stops after the source that passes it */
	opt.max_sources = 0;
	opt.max_work = 1;
	assert_int_equal(cg_brokers(net, &opt, &s, NULL), CG_OK);
	assert_int_equal(s.sources, 1);
	assert_int_equal(s.items[0].brokerage, r.items[0].brokerage); /* exact, whatever the sample */
	cg_broker_result_release(&s);
	cg_broker_result_release(&t);
	cg_broker_result_release(&r);
	cg_net_free(net);
}

/* ---- crossovers ---- */

#define DAY 19000

/* 0 (group 1, high) and 1 (group 2, low) shared wing 50 "BMI wing F";
 * 2 (group 3, medium) and 3 (group 4, medium) shared cell 60 later; 4
 * (group 1) shared the wing with 0 (same group: no crossover); 5 (no
 * group) with 1; 6 (group 5, no tier) and 0 shared the establishment. */
static struct cg_network *custody_net(void)
{
	struct cg_network *net = net_with(7);
	const int64_t groups[] = { 1, 2, 3, 4, 1, 0, 5 };
	const int tiers[] = { 2, 0, 1, 1, 0, -1, -1 };
	for (uint32_t v = 0; v < 7; v++) {
		if (groups[v])
			cg_net_node_ocg(net, v, groups[v]);
		net->nodes[v].tier = tiers[v];
	}
	cg_net_via_name_set(net, true, 50, "BMI wing F");
	cg_net_via_name_set(net, true, 60, "BMX wing A cell 3");
	cg_net_via_name_set(net, true, 70, "BMI");
	add(net, 1, 0, "same_wing", DAY, DAY + 30, 50);
	add(net, 2, 3, "same_cell", DAY + 100, DAY + 120, 60);
	add(net, 0, 4, "same_wing", DAY, DAY + 10, 50);
	add(net, 5, 1, "same_wing", DAY, DAY + 10, 50);
	add(net, 0, 6, "same_establishment", DAY + 200, DAY + 300, 70);
	assoc(net, 0, 1); /* not custody: no crossover of its own */
	cg_net_finish(net);
	return net;
}

static void rivals_on_a_wing(void **state)
{
	(void)state;
	struct cg_network *net = custody_net();
	struct cg_crossover_result r = { 0 };
	assert_int_equal(cg_crossovers(net, NULL, &r, NULL), CG_OK);
	assert_int_equal(r.n, 3);
	/* (high, low) at the wing, then (high, none) at the establishment
	 * (0's tier 2 leads both; low ranks above none), then (medium, medium) */
	const struct cg_crossover *c = &r.items[0];
	const struct cg_net_link *l = &net->links[c->link];
	assert_int_equal(c->a, 0);
	assert_int_equal(c->b, 1);
	assert_int_equal(c->level, CG_LEVEL_WING);
	assert_int_equal(l->from, DAY);
	assert_int_equal(l->to, DAY + 30);
	assert_string_equal(cg_net_via_name(net, l), "BMI wing F");
	assert_int_equal(r.items[1].a, 0);
	assert_int_equal(r.items[1].b, 6);
	assert_int_equal(r.items[1].level, CG_LEVEL_ESTABLISHMENT);
	assert_int_equal(r.items[2].level, CG_LEVEL_CELL);

	struct cg_crossover_options opt = { "BMI", CG_LEVEL_ALL };
	assert_int_equal(cg_crossovers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 2); /* wing F and the establishment, not BMX */
	opt.establishment = "BM";
	assert_int_equal(cg_crossovers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 0);
	opt.establishment = "60";
	assert_int_equal(cg_crossovers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].a, 2);
	opt.establishment = NULL;
	opt.levels = CG_LEVEL_BIT(CG_LEVEL_WING) | CG_LEVEL_BIT(CG_LEVEL_CELL);
	assert_int_equal(cg_crossovers(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 2);
	opt.establishment = "";
	assert_int_equal(cg_crossovers(net, &opt, &r, NULL), CG_INVALID);

	enum cg_custody_level lv;
	assert_true(cg_custody_level_parse("wing", &lv) && lv == CG_LEVEL_WING);
	assert_false(cg_custody_level_parse("landing", &lv));
	assert_true(cg_custody_level_of_type("same_cell", &lv) && lv == CG_LEVEL_CELL);
	assert_false(cg_custody_level_of_type("cell_mate", &lv));
	cg_crossover_result_release(&r);
	cg_net_free(net);
}

/* ---- recruitment ---- */

static void nonmember_in_custody_is_a_signal(void **state)
{
	(void)state;
	/* 0, 1: members of 1; 2: member of 2. 3: no group, on the wing with 0
	 * (ending 180 days before as-of: half its weight) and visited by 2
	 * (running past as-of: full weight). 4: no group, associate of 0 only
	 * (community). 5: member of 2 on the wing with 0 (already a member).
	 * 6: no group, on the wing with 1 only after as-of. */
	struct cg_network *net = net_with(7);
	cg_net_node_ocg(net, 0, 1);
	cg_net_node_ocg(net, 1, 1);
	cg_net_node_ocg(net, 2, 2);
	cg_net_node_ocg(net, 5, 2);
	add(net, 3, 0, "same_wing", DAY - 250, DAY - 180, 50);
	add(net, 3, 2, "visit", DAY - 5, DAY + 5, 0);
	assoc(net, 4, 0);
	add(net, 5, 0, "same_wing", DAY - 30, DAY, 50);
	add(net, 6, 1, "same_wing", DAY + 1, DAY + 30, 50);
	cg_net_finish(net);

	struct cg_recruit_result r = { 0 };
	struct cg_recruit_options opt = { .as_of = DAY };
	assert_int_equal(cg_recruitment(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 1);
	const struct cg_recruit *s = &r.items[0];
	assert_int_equal(s->node, 3);
	assert_true(fabs(s->score - (0.8 + 0.5 * 0.5)) < 1e-12);
	assert_int_equal(s->last, DAY);
	assert_int_equal(s->nties, 2);
	assert_int_equal(s->ties[0].member, 2); /* the visit: 0.8 */
	assert_int_equal(s->ties[1].member, 0);
	assert_int_equal(s->ngroups, 2);
	assert_int_equal(s->groups[0].ocg, 2);
	assert_int_equal(s->groups[1].ocg, 1);
	assert_int_equal(s->groups[1].nmembers, 1);
	assert_true(fabs(r.half_life - CG_RECRUIT_DEFAULT_HALF_LIFE) < 1e-12);

	/* later, 6 counts too, and 3's links have aged */
	opt.as_of = DAY + 30;
	opt.half_life = 30;
	assert_int_equal(cg_recruitment(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.items[0].node, 6); /* 0.5, current */
	assert_true(fabs(r.items[0].score - 0.5) < 1e-12);
	assert_int_equal(r.items[1].node, 3); /* 0.8 * 0.5^(25/30) + 0.5 * 0.5^7 */
	assert_true(fabs(r.items[1].score - (0.8 * pow(0.5, 25.0 / 30) + 0.5 * pow(0.5, 7))) <
		    1e-12);
	opt.top = 1;
	assert_int_equal(cg_recruitment(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.n, 1);
	opt.half_life = -1;
	assert_int_equal(cg_recruitment(net, &opt, &r, NULL), CG_INVALID);
	cg_recruit_result_release(&r);
	cg_net_free(net);
}

/* ---- disruption ---- */

/* Two cliques of four (0..3, 4..7) joined through 8: 3-8-4. */
static struct cg_network *barbell(void)
{
	struct cg_network *net = net_with(9);
	clique(net, 0, 4);
	clique(net, 4, 4);
	assoc(net, 3, 8);
	assoc(net, 8, 4);
	for (uint32_t v = 0; v < 8; v++)
		cg_net_node_ocg(net, v, 1);
	cg_net_finish(net);
	return net;
}

static void barbell_cut_vertex(void **state)
{
	(void)state;
	struct cg_network *net = barbell();
	struct cg_disrupt_result r = { 0 };
	struct cg_disrupt_options opt = { .measure = CG_DISRUPT_LARGEST };

	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	assert_true(r.before == 9);
	assert_int_equal(r.npeople, 9);
	assert_int_equal(r.people[0].index, 8);
	assert_true(r.people[0].after == 4);
	assert_true(r.people[0].effect == 5);
	/* then 3 and 4 (a piece of 3 and the rest of 5), then the others (8) */
	assert_true(r.people[1].after == 5 && r.people[2].after == 5);
	assert_true(r.people[3].after == 8);
	/* the two bridges leave 4 and 5; every other link changes nothing */
	assert_int_equal(r.nlinks, net->nedges);
	assert_true(r.links[0].after == 5 && r.links[1].after == 5);
	assert_true(r.links[2].after == 9 && r.links[2].effect == 0);
	const struct cg_net_edge *e = &net->edges[r.links[0].index];
	assert_true(e->a == 8 || e->b == 8);

	opt.measure = CG_DISRUPT_COMPONENTS;
	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	assert_true(r.before == 1);
	/* 3, 4 and 8 each leave two components; 3 and 4 have more links */
	assert_true(r.people[0].after == 2 && r.people[2].after == 2);
	assert_int_equal(r.people[2].index, 8);
	assert_true(r.people[3].after == 1);

	/* efficiency: each removal agrees with igraph on the graph without it */
	opt.measure = CG_DISRUPT_EFFICIENCY;
	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	/* over the pairs that remain, losing 3 (or 4) and all its clique's
	 * short paths costs more than losing 8: 0.4107 against 0.4286 */
	assert_int_equal(r.people[0].index, 3);
	assert_int_equal(r.people[2].index, 8);
	cg_ig_begin();
	igraph_t g;
	igraph_real_t eff;
	assert_int_equal(cg_ig_graph(net, &g, NULL, NULL), CG_OK);
	assert_int_equal(igraph_global_efficiency(&g, &eff, NULL, false), IGRAPH_SUCCESS);
	assert_true(fabs(eff - r.before) < 1e-12);
	for (size_t i = 0; i < r.npeople; i++) {
		igraph_t h;
		igraph_copy(&h, &g);
		igraph_delete_vertices(&h, igraph_vss_1((igraph_integer_t)r.people[i].index));
		igraph_global_efficiency(&h, &eff, NULL, false);
		assert_true(fabs(eff - r.people[i].after) < 1e-12);
		assert_true(fabs(r.people[i].effect - (r.before - eff)) < 1e-12);
		igraph_destroy(&h);
	}
	for (size_t i = 0; i < r.nlinks; i++) {
		igraph_t h;
		igraph_copy(&h, &g);
		igraph_delete_edges(&h, igraph_ess_1((igraph_integer_t)r.links[i].index));
		igraph_global_efficiency(&h, &eff, NULL, false);
		assert_true(fabs(eff - r.links[i].after) < 1e-12);
		igraph_destroy(&h);
	}
	igraph_destroy(&g);
	cg_ig_end();
	cg_disrupt_result_release(&r);
	cg_net_free(net);
}

/* Three stars in a row: A (0) with leaves 1..3, B (4) with 5..7, C (8)
 * with 9..12; A-B and B-C. Greedy on the largest component removes B
 * (leaving stars of 4 and 5), then C (leaving 4). */
static void greedy_two(void **state)
{
	(void)state;
	struct cg_network *net = net_with(13);
	for (uint32_t v = 1; v <= 3; v++)
		assoc(net, 0, v);
	for (uint32_t v = 5; v <= 7; v++)
		assoc(net, 4, v);
	for (uint32_t v = 9; v <= 12; v++)
		assoc(net, 8, v);
	assoc(net, 0, 4);
	assoc(net, 4, 8);
	cg_net_finish(net);
	struct cg_disrupt_result r = { 0 };
	struct cg_disrupt_options opt = { .measure = CG_DISRUPT_LARGEST, .k = 2, .top = 3 };
	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.npeople, 3);
	assert_int_equal(r.nlinks, 3);
	assert_int_equal(r.ngreedy, 2);
	assert_int_equal(r.greedy[0].node, 4);
	assert_true(r.greedy[0].after == 5);
	assert_int_equal(r.greedy[1].node, 8);
	assert_true(r.greedy[1].after == 4);
	/* more removals than people: stops when none are left */
	opt.k = 20;
	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	assert_int_equal(r.ngreedy, 13);
	assert_true(r.greedy[12].after == 0);
	cg_disrupt_result_release(&r);
	cg_net_free(net);
}

static void group_mask_and_limits(void **state)
{
	(void)state;
	struct cg_network *net = two_cliques();
	bool keep[11];
	assert_int_equal(cg_disrupt_group_mask(net, 1, false, keep), 5);
	assert_false(keep[10]);
	assert_int_equal(cg_disrupt_group_mask(net, 1, true, keep), 6);
	assert_true(keep[10] && !keep[5]);
	assert_int_equal(cg_disrupt_group_mask(net, 9, true, keep), 0);

	enum cg_disrupt_measure m;
	assert_true(cg_disrupt_measure_parse("efficiency", &m) && m == CG_DISRUPT_EFFICIENCY);
	assert_false(cg_disrupt_measure_parse("closeness", &m));
	cg_net_free(net);

	/* efficiency on a network too big for it is refused, not run */
	net = net_with(3000);
	for (uint32_t v = 1; v < 3000; v++)
		assoc(net, v - 1, v);
	cg_net_finish(net);
	struct cg_disrupt_result r = { 0 };
	struct cg_disrupt_options opt = { .measure = CG_DISRUPT_EFFICIENCY };
	struct cg_error err = CG_ERROR_INIT;
	assert_int_equal(cg_disrupt(net, &opt, &r, &err), CG_LIMIT);
	assert_non_null(strstr(err.message, "efficiency"));
	/* and the linear measures handle a long path (deep search) */
	opt.measure = CG_DISRUPT_LARGEST;
	assert_int_equal(cg_disrupt(net, &opt, &r, NULL), CG_OK);
	assert_true(r.people[0].after == 1500);
	assert_int_equal(r.people[0].index, 1499);
	cg_disrupt_result_release(&r);
	cg_net_free(net);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bridge_is_top_broker),
		cmocka_unit_test(direct_pairs),
		cmocka_unit_test(brokerage_before_betweenness),
		cmocka_unit_test(brokers_agree_with_igraph),
		cmocka_unit_test(rivals_on_a_wing),
		cmocka_unit_test(nonmember_in_custody_is_a_signal),
		cmocka_unit_test(barbell_cut_vertex),
		cmocka_unit_test(greedy_two),
		cmocka_unit_test(group_mask_and_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
