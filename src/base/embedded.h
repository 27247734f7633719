/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * embedded.h - files compiled into the binary (base layer).
 *
 * cmake/embed.cmake turns files (schema migrations, web assets, ...) into
 * tables of these rows, ending with a row whose name is NULL. The data is
 * NUL-terminated so text files can be used as C strings.
 */
#ifndef CG_BASE_EMBEDDED_H
#define CG_BASE_EMBEDDED_H

#include <stddef.h>

struct cg_embedded {
	const char *name; /* file name without directory; NULL ends a table */
	const char *data; /* contents plus a NUL, static */
	size_t size;      /* bytes, NUL excluded */
};

/* SQL migrations from src/store/sql/, sorted by file name. */
extern const struct cg_embedded cg_schema_files[];

/* Name, street and town lists from data/names/ for the synthetic world
 * (src/ingest/world_data.c), sorted by file name. */
extern const struct cg_embedded cg_world_data[];

/* Entity resolution tables from data/link/ (src/link/compare.c). */
extern const struct cg_embedded cg_link_data[];

/* Built-in import profiles from profiles/, sorted by file name. */
extern const struct cg_embedded cg_profile_files[];

/* The shared risk protocol's default from policy/ (src/risk/policy.c). */
extern const struct cg_embedded cg_policy_files[];

/* The web UI: the .html, .css and .js files of web/ and Cytoscape.js,
 * served by `cg serve` outside /api/ (src/http/static.c). */
extern const struct cg_embedded cg_web_files[];

#endif
