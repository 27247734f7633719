/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_link.c - `cg link`, `cg link explain|confirm|reject|split|merge` and
 * `cg export links` (cli layer): parse, call src/link/, print.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "link/link.h"
#include "base/banned.h"

enum cg_status cmd_link(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *threshold = NULL, *review = NULL;
	bool incremental = false, keep_model = false;
	const struct cli_opt opts[] = {
		{ "threshold", CLI_OPT_STRING, &threshold, NULL },
		{ "review", CLI_OPT_STRING, &review, NULL },
		{ "incremental", CLI_OPT_FLAG, NULL, &incremental },
		{ "keep-model", CLI_OPT_FLAG, NULL, &keep_model },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_link_options o;
	struct cg_link_summary m;
	struct cg_ctx *lib = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	cg_link_options_init(&o);
	if (rc == CG_OK)
		rc = cli_parse_real("threshold", threshold, -100, 100, &o.threshold, err);
	if (rc == CG_OK)
		rc = cli_parse_real("review", review, -100, 100, &o.review, err);
	if (rc == CG_OK && !review && o.review > o.threshold)
		o.review = o.threshold;
	o.incremental = incremental;
	o.keep_model = keep_model;
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_link_run(lib, &o, &m, err);
	if (rc)
		return rc;
	fprintf(ctx->out,
		"link run %" PRId64 " (%s): %zu records (%zu new), %zu pairs compared "
		"(%.0f pairs/s), %zu blocks over %d skipped\n",
		m.run_id, m.incremental ? "incremental" : "full", m.records, m.new_records, m.pairs,
		m.seconds_score + m.seconds_train > 0 ? (double)m.pairs / (m.seconds_train + m.seconds_score) : 0.0,
		m.blocks_skipped, CG_LINK_BLOCK_MAX);
	fprintf(ctx->out,
		"model: %d EM iterations, %.4f of compared pairs match; threshold %.1f, review from %.1f\n",
		m.em_iterations, m.lambda, o.threshold, o.review);
	fprintf(ctx->out,
		"persons %zu (%zu new, %zu retired); links: %zu hard identifier, %zu model, %zu analyst; "
		"%zu links changed\n",
		m.persons, m.persons_created, m.persons_retired, m.hard_links, m.model_links,
		m.analyst_links, m.links_changed);
	fprintf(ctx->out, "review items %zu; conflicts %zu; analyst decisions applied %zu\n", m.review,
		m.conflicts, m.decisions);
	for (size_t i = 0; i < m.nconflict; i++)
		fprintf(ctx->out, "conflict: records %" PRId64 " and %" PRId64 " hold different %s\n",
			m.conflict[i].record_a, m.conflict[i].record_b, m.conflict[i].kind);
	fprintf(ctx->out,
		"time %.2f s (load %.2f, block %.2f, compare+train %.2f, score %.2f, cluster %.2f, "
		"write %.2f): %.0f records/s\n",
		m.seconds_total, m.seconds_load, m.seconds_block, m.seconds_train, m.seconds_score,
		m.seconds_cluster, m.seconds_write,
		m.seconds_total > 0 ? (double)m.records / m.seconds_total : 0.0);
	return CG_OK;
}

enum cg_status cmd_link_explain(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	static const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	char *pos[2];
	int64_t a = 0, b = 0;
	struct cg_link_explanation x;
	struct cg_ctx *lib = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 2, &n, err);

	if (rc == CG_OK && n != 2)
		rc = cg_fail(err, CG_USAGE, "give two record ids");
	if (rc == CG_OK)
		rc = cli_parse_id("record", pos[0], &a, err);
	if (rc == CG_OK)
		rc = cli_parse_id("record", pos[1], &b, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_link_explain(lib, a, b, &x, err);
	if (rc)
		return rc;
	fprintf(ctx->out, "records %" PRId64 " and %" PRId64 "\n", a, b);
	fprintf(ctx->out, "%-15s %-32s %-34s %9s %9s %7s\n", "comparison", "level", "values", "m", "u",
		"weight");
	for (size_t i = 0; i < x.nparts; i++) {
		const struct cg_link_part *p = &x.parts[i];
		if (p->m > 0)
			fprintf(ctx->out, "%-15s %-32s %-34s %9.5f %9.6f %+7.2f\n", p->comparison, p->level,
				p->detail, p->m, p->u, p->weight);
		else
			fprintf(ctx->out, "%-15s %-32s %-34s %9s %9s %+7.2f\n", p->comparison, p->level,
				p->detail, "", "", p->weight);
	}
	fprintf(ctx->out, "total match weight %+.2f (probability %.6f); threshold %.1f, review from %.1f\n",
		x.total, x.probability, x.threshold, x.review);
	if (x.hard[0])
		fprintf(ctx->out, "shared hard identifier: %s\n", x.hard);
	fprintf(ctx->out, "outcome: %s; persons: %" PRId64 " and %" PRId64 "%s\n", x.outcome,
		x.person_a, x.person_b,
		x.person_a && x.person_a == x.person_b ? " (linked)" : " (not linked)");
	return CG_OK;
}

static enum cg_status decide(struct cli_ctx *ctx, enum cg_link_decision d, int want, int argc,
			     char **argv, struct cg_error *err)
{
	const char *why = NULL;
	const struct cli_opt opts[] = {
		{ "why", CLI_OPT_STRING, &why, NULL },
		{ NULL, 0, NULL, NULL },
	};
	const char *what = d == CG_LINK_MERGE ? "person" : "record";
	char *pos[2];
	int64_t a = 0, b = 0;
	struct cg_ctx *lib = NULL;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, pos, 2, &n, err);

	if (rc == CG_OK && n != want)
		rc = cg_fail(err, CG_USAGE, "give %d %s id%s", want, what, want > 1 ? "s" : "");
	if (rc == CG_OK && !why)
		rc = cg_fail(err, CG_USAGE, "say why: --why TEXT");
	if (rc == CG_OK)
		rc = cli_parse_id(what, pos[0], &a, err);
	if (rc == CG_OK && want > 1)
		rc = cli_parse_id(what, pos[1], &b, err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK)
		rc = cg_link_decide(lib, d, a, b, why, err);
	if (rc == CG_OK)
		fprintf(ctx->out, "decision recorded; it applies from the next 'cg link' run\n");
	return rc;
}

enum cg_status cmd_link_confirm(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return decide(ctx, CG_LINK_CONFIRM, 2, argc, argv, err);
}

enum cg_status cmd_link_reject(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return decide(ctx, CG_LINK_REJECT, 2, argc, argv, err);
}

enum cg_status cmd_link_split(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return decide(ctx, CG_LINK_SPLIT, 1, argc, argv, err);
}

enum cg_status cmd_link_merge(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	return decide(ctx, CG_LINK_MERGE, 2, argc, argv, err);
}

static int csv_row(const struct cg_link_row *r, void *arg)
{
	FILE *f = arg;
	char person[24] = "";
	if (r->person_id)
		snprintf(person, sizeof(person), "%" PRId64, r->person_id);
	cli_csv_field(f, r->agency, false);
	cli_csv_field(f, r->record_id, false);
	cli_csv_field(f, person, true);
	return ferror(f) ? -1 : 0;
}

enum cg_status cmd_export_links(struct cli_ctx *ctx, int argc, char **argv, struct cg_error *err)
{
	const char *format = NULL, *recipients = NULL;
	const struct cli_opt opts[] = {
		{ "format", CLI_OPT_STRING, &format, NULL },
		{ "recipients", CLI_OPT_STRING, &recipients, NULL },
		{ NULL, 0, NULL, NULL },
	};
	struct cg_link_flags flags = { NULL, 0 };
	struct cg_ctx *lib = NULL;
	size_t written = 0;
	int n = 0;
	enum cg_status rc = cli_parse_options(argc, argv, opts, NULL, 0, &n, err);

	if (rc == CG_OK)
		rc = cli_check_format(format, "csv", err);
	if (rc == CG_OK)
		rc = cli_context(ctx, false, &lib, err);
	if (rc == CG_OK) {
		fprintf(ctx->out, "source_agency,source_record_id,person_id\n");
		rc = cg_link_export(lib, recipients, csv_row, ctx->out, &written, &flags, err);
	}
	if (rc == CG_OK) {
		for (size_t i = 0; i < flags.len; i++)
			fprintf(stderr, "person %" PRId64 ": agency %s holds further information - contact %s\n",
				flags.items[i].person_id, flags.items[i].agency_code, flags.items[i].contact);
		fprintf(stderr, "cg export links: %zu records\n", written);
	}
	cg_link_flags_release(&flags);
	return rc;
}
