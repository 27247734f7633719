/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo.h - loading the synthetic world into a store (ops layer).
 *
 * What `cg demo` does after generating the world: set up its three agencies
 * (WMP police, HMPPS prisons, PROB probation — the codes the world's truth
 * files use), an administrator, a service account per agency for batch
 * jobs, and a few named users to try the product as; then import every
 * export through its built-in profile as the owning agency's service
 * account; then resolve the records into persons (a linking run as the
 * police service account). Every step goes through the same library calls
 * (and so the same checks and audit entries) as a real deployment.
 */
#ifndef CG_OPS_DEMO_H
#define CG_OPS_DEMO_H

#include <stddef.h>

#include "ingest/import.h"
#include "link/link.h"
#include "risk/assess.h"
#include "store/store.h"

/* The users the demo creates, for the quick start's "try" lines. */
struct cg_demo_user {
	const char *username;
	const char *agency;
	const char *roles;
	const char *clearance;
	const char *what;  /* who they are */
};
extern const struct cg_demo_user cg_demo_users[];

#define CG_DEMO_MAX_FILES 32

struct cg_demo_result {
	struct cg_import_summary files[CG_DEMO_MAX_FILES];
	size_t nfiles;
	struct cg_link_summary link;
	struct cg_risk_run risk;
};

/*
 * Sets up agencies and users in an empty store (one without any agency:
 * CG_CONFLICT otherwise) and imports the exports found under `world_dir`
 * (police/, prison/, probation/), writing reject files into `world_dir`,
 * links the records into persons, publishes the default risk protocol and
 * scores every person and group with it.
 */
enum cg_status cg_demo_load(struct cg_store *st, const char *world_dir,
			    struct cg_demo_result *res, struct cg_error *err);

#endif
