/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_demo.c - `cg demo`: the quick start (cli layer). Generates a
 * synthetic world, creates a store, sets up the world's agencies and users,
 * imports every export through its profile, and links the records into
 * persons.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/world.h"
#include "ops/demo.h"
#include "base/banned.h"

enum cg_status cmd_demo(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *out = NULL, *people = NULL, *seed = NULL;
	bool no_serve = false;
	const struct cli_opt opts[] = {
		{ "out", CLI_OPT_STRING, &out, NULL },
		{ "people", CLI_OPT_STRING, &people, NULL },
		{ "seed", CLI_OPT_STRING, &seed, NULL },
		{ "no-serve", CLI_OPT_FLAG, NULL, &no_serve },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_world_options wo;
	struct cg_world_summary ws;
	struct cg_demo_result *res = NULL;
	struct cg_store *st = NULL;
	uint64_t n = 2000, s = 1;
	int npos = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);

	if (rc == CG_OK)
		rc = cli_parse_uint("people", people, 1, CG_WORLD_PEOPLE_MAX, &n, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("seed", seed, 0, UINT64_MAX, &s, err);
	if (rc)
		return rc;
	cg_world_options_init(&wo);
	wo.out_dir = out ? out : "demo-data";
	wo.people = (uint32_t)n;
	wo.seed = s;
	fprintf(ctx->out, "Generating a synthetic region of %" PRIu64 " people in %s ...\n", n,
		wo.out_dir);
	rc = cg_world_generate(&wo, &ws, err);
	if (rc == CG_OK) {
		int from = 0, to = 0;
		rc = cg_store_open(ctx->db, CG_STORE_CREATE, &st, err);
		if (rc == CG_OK)
			rc = cg_store_migrate(st, &from, &to, err);
	}
	if (rc == CG_OK) {
		fprintf(ctx->out, "Loading it into %s as the police, prison and probation would ...\n",
			ctx->db);
		res = calloc(1, sizeof(*res));
		if (!res)
			rc = cg_fail(err, CG_INTERNAL, "out of memory");
	}
	if (rc == CG_OK)
		rc = cg_demo_load(st, wo.out_dir, res, err);
	for (size_t i = 0; res && i < res->nfiles; i++) {
		const struct cg_import_summary *m = &res->files[i];
		if (m->batch_id)
			fprintf(ctx->out, "  %-40s read %7" PRId64 "  stored %7" PRId64 "  rejected %5" PRId64 "\n",
				m->file, m->read, m->stored, m->rejected);
	}
	if (rc == CG_OK)
		fprintf(ctx->out, "Linked %zu records into %zu persons (%zu pairs compared, %zu for review, "
				  "%zu hard-identifier conflicts).\n",
			res->link.records, res->link.persons, res->link.pairs, res->link.review,
			res->link.conflicts);
	if (rc == CG_OK)
		fprintf(ctx->out, "Scored %" PRId64 " persons with risk protocol version %" PRId64
				  ": %" PRId64 " high, %" PRId64 " medium, %" PRId64 " low; %" PRId64
				  " groups.\n",
			res->risk.persons, res->risk.policy_version, res->risk.high, res->risk.medium,
			res->risk.low, res->risk.groups);
	cg_store_close(st);
	free(res);
	if (rc)
		return rc;
	fprintf(ctx->out, "\n%u people, %u OCGs, %" PRIu64 " source rows. Users to try (--as):\n",
		ws.people, ws.ocgs, ws.source_rows);
	for (size_t i = 0; cg_demo_users[i].username; i++)
		fprintf(ctx->out, "  %-10s %-6s %s, cleared %s\n", cg_demo_users[i].username,
			cg_demo_users[i].agency, cg_demo_users[i].what, cg_demo_users[i].clearance);
	fprintf(ctx->out, "\nFor example:\n  cg --db %s --as pio.patel --reason 'weekly review' record list --limit 10\n"
			  "  cg --db %s --as dc.khan --reason 'weekly review' export links --format csv\n"
			  "  cg --db %s --as ds.jones audit consulted --agency WMP\n",
		ctx->db, ctx->db, ctx->db);
	(void)no_serve; /* nothing to serve until the HTTP server exists */
	return CG_OK;
}
