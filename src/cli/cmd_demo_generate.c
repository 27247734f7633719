/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_demo_generate.c - `cg demo generate`: write a synthetic region's
 * agency exports and their truth (cli layer). Needs no store.
 *
 * Options: --out DIR (required), --people N (1 to 5,000,000, default
 * 1000), --seed S (0 to 2^64-1, default 1), --noise FACTOR (multiplies
 * every default noise rate: 0 gives clean records, 2 doubles the noise),
 * and --noise-KIND RATE for each kind of cg_world_noise_kinds (underscores
 * written as hyphens: --noise-name-swap), which sets that rate outright
 * after --noise is applied. Prints one line: the rows written per file.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/world.h"
#include "base/banned.h"

/* Longest option name: "noise-" plus a kind name. */
#define OPT_NAME_MAX 40
#define KINDS_MAX 16

/* Prints "generated N people ... in DIR: file rows, file rows, ...". */
static void print_summary(FILE *f, const char *dir, uint64_t seed,
			  const struct cg_world_summary *s)
{
	fprintf(f, "generated %u people, %u OCGs (seed %" PRIu64 ") in %s: %" PRIu64
		" source rows, %" PRIu64 " truth rows;", s->people, s->ocgs, seed, dir,
		s->source_rows, s->truth_rows);
	for (size_t i = 0; i < s->nfiles; i++)
		fprintf(f, " %s %" PRIu64 "%s", s->files[i].path, s->files[i].rows,
			i + 1 < s->nfiles ? "," : "\n");
}

enum cg_status cmd_demo_generate(struct cli_ctx *ctx, int argc, char **argv,
				 struct cg_error *err)
{
	const char *out = NULL, *people = NULL, *seed = NULL, *noise = NULL;
	const char *rates[KINDS_MAX] = { NULL };
	char names[KINDS_MAX][OPT_NAME_MAX];
	struct cli_opt opts[KINDS_MAX + 5];
	struct cg_world_options wo;
	struct cg_world_summary summary;
	uint64_t n = 1000, s = 1;
	double factor = 1.0;
	size_t nopts = 0, k = 0;
	int npos = 0;
	enum cg_status rc;

	opts[nopts++] = (struct cli_opt){ "out", CLI_OPT_STRING, &out, NULL };
	opts[nopts++] = (struct cli_opt){ "people", CLI_OPT_STRING, &people, NULL };
	opts[nopts++] = (struct cli_opt){ "seed", CLI_OPT_STRING, &seed, NULL };
	opts[nopts++] = (struct cli_opt){ "noise", CLI_OPT_STRING, &noise, NULL };
	for (const struct cg_world_noise_kind *kind = cg_world_noise_kinds;
	     kind->name && k < KINDS_MAX; kind++, k++) {
		snprintf(names[k], sizeof(names[k]), "noise-%s", kind->name);
		for (char *c = names[k]; *c; c++)
			if (*c == '_')
				*c = '-';
		opts[nopts++] = (struct cli_opt){ names[k], CLI_OPT_STRING, &rates[k], NULL };
	}
	opts[nopts] = (struct cli_opt){ NULL, 0, NULL, NULL };

	rc = cli_parse_options(argc, argv, opts, NULL, 0, &npos, err);
	if (rc == CG_OK && (!out || !*out))
		rc = cg_fail(err, CG_USAGE, "say where to write: --out DIR");
	if (rc == CG_OK)
		rc = cli_parse_uint("people", people, 1, CG_WORLD_PEOPLE_MAX, &n, err);
	if (rc == CG_OK)
		rc = cli_parse_uint("seed", seed, 0, UINT64_MAX, &s, err);
	if (rc == CG_OK)
		rc = cli_parse_real("noise", noise, 0.0, 100.0, &factor, err);
	if (rc)
		return rc;

	cg_world_options_init(&wo);
	wo.out_dir = out;
	wo.people = (uint32_t)n;
	wo.seed = s;
	k = 0;
	for (const struct cg_world_noise_kind *kind = cg_world_noise_kinds;
	     kind->name && k < KINDS_MAX; kind++, k++) {
		double *rate = cg_world_noise_rate(&wo.noise, kind);
		*rate *= factor;
		if (*rate > 1.0)
			*rate = 1.0;
		rc = cli_parse_real(names[k], rates[k], 0.0, 1.0, rate, err);
		if (rc)
			return rc;
	}
	rc = cg_world_generate(&wo, &summary, err);
	if (rc == CG_OK)
		print_summary(ctx->out, out, s, &summary);
	return rc;
}
