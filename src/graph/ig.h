/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ig.h - the one door to igraph (graph layer, internal to src/graph/).
 *
 * Debian's igraph 0.10.2 is not thread-safe: its error handler, its stack
 * of memory to free on error and its default random number generator are
 * globals. Every igraph call therefore runs between cg_ig_begin() and
 * cg_ig_end(), which hold one process-wide mutex; the HTTP server may call
 * analysis from any thread. The first cg_ig_begin() installs an error
 * handler that frees igraph's temporary memory and records the reason
 * instead of aborting (igraph's default), and silences warnings.
 *
 * Only files in src/graph/ include this header or <igraph.h>.
 */
#ifndef CG_GRAPH_IG_H
#define CG_GRAPH_IG_H

#include <igraph.h>

#include "base/error.h"
#include "graph/network.h"

/* The seed communities use unless the caller gives one, so that the same
 * network gives the same communities on every run. */
#define CG_IG_DEFAULT_SEED 20261125u

/* Takes the igraph lock (installing the handlers the first time). */
void cg_ig_begin(void);
/* Releases it. */
void cg_ig_end(void);

/* Seeds igraph's default generator; inside begin/end. */
void cg_ig_seed(unsigned long seed);

/*
 * Turns an igraph result into ours: CG_OK for IGRAPH_SUCCESS, CG_LIMIT for
 * IGRAPH_ENOMEM, CG_INVALID for IGRAPH_EINVAL (a parameter out of range),
 * otherwise CG_INTERNAL; the message is "what: igraph's reason".
 * Inside begin/end (the reason is kept by the handler under the lock).
 */
enum cg_status cg_ig_status(igraph_error_t rc, const char *what, struct cg_error *err);

/*
 * The finished network as an undirected igraph graph: vertex i is node i,
 * edge k is net->edges[k]. `weights` (may be NULL) is initialised to the
 * edge weights. On failure nothing is left to destroy.
 */
enum cg_status cg_ig_graph(const struct cg_network *net, igraph_t *g, igraph_vector_t *weights,
			   struct cg_error *err);

#endif
