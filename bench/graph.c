/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph.c - the timed part of bench/graph.sh (issue 7): on a store holding
 * the synthetic world,
 *   1. builds the network a user may see (target: under 5 s),
 *   2. runs degree, PageRank, components, k-core and Louvain together
 *      (target: under 10 s), timing PageRank and Louvain on their own too
 *      for the ratio to NetworkX,
 *   3. answers the 2-hop neighbourhood of QUERIES random persons (target:
 *      p99 under 5 ms),
 *   4. writes the edge list (source,target,weight) for NetworkX.
 *
 * usage: bench_graph STORE USER EDGES.csv [QUERIES [TYPES [FROM]]]
 *   TYPES: link types to build ("default" for the default set), FROM: the
 *   start of the time window (YYYY-MM-DD).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/context.h"
#include "graph/build.h"
#include "graph/measures.h"
#include "store/store.h"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static int fail(const char *what, const struct cg_error *err)
{
	fprintf(stderr, "bench_graph: %s: %s\n", what, err->message);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_graph STORE USER EDGES.csv [QUERIES]\n");
		return 2;
	}
	size_t queries = argc > 4 ? strtoul(argv[4], NULL, 10) : 10000;
	struct cg_error err = { 0 };
	struct cg_store *st = NULL;
	struct cg_ctx ctx = { 0 };
	if (cg_store_open(argv[1], CG_STORE_OPEN_EXISTING, &st, &err) ||
	    cg_ctx_init(&ctx, st, argv[2], "network analysis benchmark", &err))
		return fail("open", &err);

	double t0 = now_seconds();
	struct cg_net_filter filter = { 0 };
	const char *types[32];
	char *list = argc > 5 && strcmp(argv[5], "default") != 0 ? strdup(argv[5]) : NULL;
	for (char *t = list ? strtok(list, ",") : NULL; t && filter.ntypes < 32; t = strtok(NULL, ","))
		types[filter.ntypes++] = t;
	filter.types = types;
	filter.from = argc > 6 ? argv[6] : NULL;
	struct cg_network *net = NULL;
	if (cg_net_build(&ctx, &filter, &net, &err))
		return fail("build", &err);
	double t_build = now_seconds() - t0;
	printf("build: %zu nodes, %zu links, %zu edges in %.2f s\n", net->nnodes, net->nlinks,
	       net->nedges, t_build);

	/* 2. the analysis set, each timed */
	struct cg_net_summary sum;
	struct cg_centrality c1, c2, c3;
	struct cg_communities comm;
	t0 = now_seconds();
	struct cg_centrality_opts deg = { .measures = CG_MEASURE_DEGREE | CG_MEASURE_STRENGTH };
	if (cg_net_centrality(net, &deg, &c1, &err))
		return fail("degree", &err);
	double t_degree = now_seconds() - t0;
	t0 = now_seconds();
	struct cg_centrality_opts pr = { .measures = CG_MEASURE_PAGERANK };
	if (cg_net_centrality(net, &pr, &c2, &err))
		return fail("pagerank", &err);
	double t_pagerank = now_seconds() - t0;
	t0 = now_seconds();
	cg_net_summarise(net, &sum, NULL);
	double t_components = now_seconds() - t0;
	t0 = now_seconds();
	struct cg_centrality_opts core = { .measures = CG_MEASURE_CORENESS };
	if (cg_net_centrality(net, &core, &c3, &err))
		return fail("k-core", &err);
	double t_core = now_seconds() - t0;
	t0 = now_seconds();
	struct cg_community_opts lv = { .method = CG_COMMUNITY_LOUVAIN, .seed = 1, .resolution = 1 };
	if (cg_net_communities(net, &lv, &comm, &err))
		return fail("louvain", &err);
	double t_louvain = now_seconds() - t0;
	double t_all = t_degree + t_pagerank + t_components + t_core + t_louvain;
	printf("degree %.3f s, pagerank %.3f s, components %.3f s (%zu, %zu without isolates), "
	       "k-core %.3f s, louvain %.3f s (%zu communities, modularity %.4f)\n",
	       t_degree, t_pagerank, t_components, sum.components, sum.components_linked, t_core,
	       t_louvain, comm.ncommunities_linked, comm.modularity);
	printf("analysis set: %.2f s\n", t_all);
	printf("pagerank_seconds %.3f\nlouvain_seconds %.3f\n", t_pagerank, t_louvain);

	/* 3. 2-hop neighbourhoods of random persons */
	struct cg_net_bfs bfs;
	cg_net_bfs_init(&bfs, net);
	double *took = calloc(queries ? queries : 1, sizeof(*took));
	size_t reached = 0;
	srand(7);
	for (size_t q = 0; q < queries && net->nnodes; q++) {
		uint32_t seed = (uint32_t)((size_t)rand() % net->nnodes);
		double s = now_seconds();
		reached += cg_net_bfs_run(net, &bfs, &seed, 1, 2);
		took[q] = now_seconds() - s;
	}
	qsort(took, queries, sizeof(*took), by_value);
	if (queries)
		printf("2-hop neighbourhood: %zu queries, mean %.1f persons reached, p50 %.3f ms, "
		       "p99 %.3f ms, max %.3f ms\n", queries, (double)reached / (double)queries,
		       took[queries / 2] * 1e3, took[queries * 99 / 100] * 1e3,
		       took[queries - 1] * 1e3);
	printf("build_seconds %.3f\nanalysis_seconds %.3f\np99_ms %.3f\n", t_build, t_all,
	       queries ? took[queries * 99 / 100] * 1e3 : 0.0);

	/* 4. the same network for NetworkX */
	FILE *f = fopen(argv[3], "w");
	if (!f) {
		perror(argv[3]);
		return 1;
	}
	fprintf(f, "source,target,weight\n");
	for (size_t e = 0; e < net->nedges; e++)
		fprintf(f, "%s,%s,%.17g\n", net->nodes[net->edges[e].a].key,
			net->nodes[net->edges[e].b].key, net->edges[e].weight);
	fclose(f);

	free(took);
	free(list);
	cg_net_bfs_release(&bfs);
	cg_communities_release(&comm);
	cg_centrality_release(&c1);
	cg_centrality_release(&c2);
	cg_centrality_release(&c3);
	cg_net_free(net);
	cg_ctx_release(&ctx);
	cg_store_close(st);
	return 0;
}
