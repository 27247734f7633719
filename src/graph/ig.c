/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ig.c - igraph behind one lock, with errors that return instead of abort
 * (graph layer). See ig.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "graph/ig.h"
#include "base/banned.h"

static pthread_mutex_t ig_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t ig_once = PTHREAD_ONCE_INIT;
static char ig_reason[512]; /* the last error's reason; guarded by ig_lock */

/* Frees what igraph allocated for the failed call (as
 * igraph_error_handler_ignore does) and keeps the reason for cg_ig_status. */
static void record_error(const char *reason, const char *file, int line, igraph_error_t rc)
{
	(void)file;
	(void)line;
	(void)rc;
	IGRAPH_FINALLY_FREE();
	snprintf(ig_reason, sizeof(ig_reason), "%s", reason ? reason : "");
}

static void install_handlers(void)
{
	igraph_set_error_handler(record_error);
	igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void cg_ig_begin(void)
{
	pthread_once(&ig_once, install_handlers);
	pthread_mutex_lock(&ig_lock);
	ig_reason[0] = '\0';
}

void cg_ig_end(void)
{
	pthread_mutex_unlock(&ig_lock);
}

void cg_ig_seed(unsigned long seed)
{
	igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}

enum cg_status cg_ig_status(igraph_error_t rc, const char *what, struct cg_error *err)
{
	if (rc == IGRAPH_SUCCESS)
		return CG_OK;
	const char *reason = ig_reason[0] ? ig_reason : igraph_strerror(rc);
	if (rc == IGRAPH_ENOMEM)
		return cg_fail(err, CG_LIMIT, "%s: out of memory (%s)", what, reason);
	if (rc == IGRAPH_EINVAL)
		return cg_fail(err, CG_INVALID, "%s: %s", what, reason);
	return cg_fail(err, CG_INTERNAL, "%s: igraph: %s", what, reason);
}

enum cg_status cg_ig_graph(const struct cg_network *net, igraph_t *g, igraph_vector_t *weights,
			   struct cg_error *err)
{
	CG_ASSERT(net->finished);
	igraph_vector_int_t ends;
	igraph_error_t rc = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * net->nedges));
	if (rc != IGRAPH_SUCCESS)
		return cg_ig_status(rc, "building the graph", err);
	for (size_t k = 0; k < net->nedges; k++) {
		VECTOR(ends)[2 * k] = net->edges[k].a;
		VECTOR(ends)[2 * k + 1] = net->edges[k].b;
	}
	rc = igraph_create(g, &ends, (igraph_integer_t)net->nnodes, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&ends);
	if (rc != IGRAPH_SUCCESS)
		return cg_ig_status(rc, "building the graph", err);
	if (!weights)
		return CG_OK;
	rc = igraph_vector_init(weights, (igraph_integer_t)net->nedges);
	if (rc != IGRAPH_SUCCESS) {
		igraph_destroy(g);
		return cg_ig_status(rc, "building the graph", err);
	}
	for (size_t k = 0; k < net->nedges; k++)
		VECTOR(*weights)[k] = net->edges[k].weight;
	return CG_OK;
}
