/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_graph_groups.c - the analyses of organised crime groups over HTTP
 * (http layer): GET /api/v1/graph/brokers, /graph/crossovers,
 * /graph/recruitment, /graph/disrupt and /api/v1/ocgs/{id}/crossovers.
 * Each builds the network `cg graph brokers|crossovers|recruitment|
 * disrupt` builds with the same filter (graph/presets.h: brokers use
 * community links, crossovers the co-location types, recruitment the
 * custody links, unless told otherwise), runs the same analysis and
 * answers the same document (graph/json_groups.c).
 */
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "graph/filter_parse.h"
#include "graph/json.h"
#include "graph/presets.h"
#include "http/http_internal.h"
#include "model/ocg.h"
#include "base/banned.h"

#define TOP_MAX 100000000

HTTP_HANDLER(h_graph_brokers)
{
	uint64_t top = 20, length = CG_BROKER_DEFAULT_LENGTH, sample = 0;
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_broker_result r = { 0 };
	struct cg_params p = { 0 };
	bool default_links = false;
	enum cg_status rc = http_query_uint(c, "top", 0, 100000, &top, err);

	if (rc == CG_OK)
		rc = http_query_uint(c, "max_length", 1, CG_BROKER_MAX_LENGTH, &length, err);
	if (rc == CG_OK)
		rc = http_query_uint(c, "sample", 1, 100000000, &sample, err);
	if (rc == CG_OK)
		rc = http_graph_parse(c, &spec, err);
	if (rc == CG_OK) {
		default_links = cg_brokers_default_links(&spec.f);
		rc = http_graph_build(c, &spec, &net, err);
	}
	cg_net_filter_spec_release(&spec);
	if (rc == CG_OK) {
		struct cg_broker_options opt = { .max_length = (unsigned)length,
						 .max_sources = (size_t)sample,
						 .seed = CG_BROKER_DEFAULT_SEED, .top = (size_t)top };
		rc = cg_brokers(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_brokers_params(&p, &r, default_links, (size_t)sample, (size_t)top);
		http_reply(c, 200, cg_brokers_json(net, &r, &p));
	}
	cg_broker_result_release(&r);
	cg_net_free(net);
	return rc;
}

/*
 * The crossovers of the network the query's filter and level= build, at
 * establishment= and at most top=; with `ocg` only those with a member of
 * it on either side.
 */
static enum cg_status crossovers(struct http_call *c, int64_t ocg, struct cg_error *err)
{
	const char *establishment = http_query(c, "establishment"), *level_s = http_query(c, "level");
	enum cg_custody_level level = CG_LEVEL_WING;
	uint64_t top = 0;
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_crossover_result r = { 0 };
	struct cg_params p = { 0 };
	enum cg_status rc = http_query_uint(c, "top", 0, TOP_MAX, &top, err);

	if (rc == CG_OK && level_s && !cg_custody_level_parse(level_s, &level))
		rc = http_fail_field(c, "level", CG_INVALID, err,
				     "level: '%.40s': cell, wing or establishment", level_s);
	if (rc == CG_OK && establishment && !establishment[0])
		rc = http_fail_field(c, "establishment", CG_INVALID, err, "establishment: empty");
	if (rc == CG_OK)
		rc = http_graph_parse(c, &spec, err);
	if (rc == CG_OK) {
		cg_crossovers_types(&spec, level);
		rc = http_graph_build(c, &spec, &net, err);
	}
	cg_net_filter_spec_release(&spec);
	if (rc == CG_OK) {
		struct cg_crossover_options opt = { establishment, cg_crossovers_levels(level) };
		rc = cg_crossovers(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		if (ocg)
			cg_crossovers_keep_ocg(net, &r, ocg);
		size_t shown = top && top < r.n ? (size_t)top : r.n;
		cg_crossovers_params(&p, level, establishment, r.n, shown);
		if (ocg)
			cg_params_add(&p, "group", "crossovers with a member of OCG %lld on either side",
				      (long long)ocg);
		r.n = shown; /* the rest are plain rows: nothing more to release */
		http_reply(c, 200, cg_crossovers_json(net, &r, &p));
	}
	cg_crossover_result_release(&r);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_crossovers)
{
	return crossovers(c, 0, err);
}

HTTP_HANDLER(h_ocg_crossovers)
{
	/* a group the principal may not see is not found */
	enum cg_status rc = cg_ocg_check_visible(&c->ctx, c->id, err);
	return rc ? rc : crossovers(c, c->id, err);
}

HTTP_HANDLER(h_graph_recruitment)
{
	const char *as_of_s = http_query(c, "as_of");
	uint64_t top = 50;
	double half_life = CG_RECRUIT_DEFAULT_HALF_LIFE;
	struct cg_date as_of = cg_date_from_days(cg_now() / 86400);
	struct cg_net_filter_spec spec = { 0 };
	struct cg_network *net = NULL;
	struct cg_recruit_result r = { 0 };
	struct cg_params p = { 0 };
	bool default_links = false;
	enum cg_status rc = http_query_uint(c, "top", 0, TOP_MAX, &top, err);

	if (rc == CG_OK)
		rc = http_query_real(c, "half_life", 1, 36500, &half_life, err);
	if (rc == CG_OK && as_of_s) {
		struct cg_error bad = CG_ERROR_INIT;
		if (cg_date_parse_iso(as_of_s, &as_of, &bad))
			rc = http_fail_field(c, "as_of", CG_INVALID, err, "as_of: %s", bad.message);
	}
	if (rc == CG_OK)
		rc = http_graph_parse(c, &spec, err);
	if (rc == CG_OK) {
		default_links = cg_recruitment_default_links(&spec);
		rc = http_graph_build(c, &spec, &net, err);
	}
	cg_net_filter_spec_release(&spec);
	if (rc == CG_OK) {
		struct cg_recruit_options opt = { (int32_t)cg_date_to_days(as_of), half_life,
						  (size_t)top };
		rc = cg_recruitment(net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_recruitment_params(&p, &r, default_links, (size_t)top);
		http_reply(c, 200, cg_recruitment_json(net, &r, &p));
	}
	cg_recruit_result_release(&r);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_disrupt)
{
	const char *measure_s = http_query(c, "measure");
	enum cg_disrupt_measure measure = CG_DISRUPT_LARGEST;
	uint64_t k = 0, top = 20, group = 0;
	bool neighbours = false;
	struct cg_network *net = NULL, *sub = NULL;
	struct cg_disrupt_result r = { 0 };
	struct cg_params p = { 0 };
	enum cg_status rc = http_query_uint(c, "k", 0, 1000, &k, err);

	if (rc == CG_OK)
		rc = http_query_uint(c, "top", 0, TOP_MAX, &top, err);
	if (rc == CG_OK)
		rc = http_query_uint(c, "ocg_group", 1, INT64_MAX, &group, err);
	if (rc == CG_OK)
		rc = http_query_bool(c, "neighbours", &neighbours, err);
	if (rc == CG_OK && measure_s && !cg_disrupt_measure_parse(measure_s, &measure))
		rc = http_fail_field(c, "measure", CG_INVALID, err,
				     "measure: '%.40s': largest, components or efficiency", measure_s);
	if (rc == CG_OK && neighbours && !group)
		rc = http_fail_field(c, "neighbours", CG_INVALID, err,
				     "neighbours: needs ocg_group");
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc == CG_OK && group) {
		bool *keep = cg_xcalloc(net->nnodes ? net->nnodes : 1, sizeof(*keep));
		if (cg_disrupt_group_mask(net, (int64_t)group, neighbours, keep))
			sub = cg_net_subgraph(net, keep, NULL);
		else
			rc = http_fail_field(c, "ocg_group", CG_NOT_FOUND, err,
					     "OCG %llu: no member of it in the network you may see",
					     (unsigned long long)group);
		free(keep);
	}
	if (rc == CG_OK) {
		struct cg_disrupt_options opt = { measure, (size_t)k, (size_t)top };
		rc = cg_disrupt(sub ? sub : net, &opt, &r, err);
	}
	if (rc == CG_OK) {
		cg_disrupt_params(&p, &r, (int64_t)group, neighbours, (size_t)k, (size_t)top);
		http_reply(c, 200, cg_disruption_json(sub ? sub : net, &r, &p));
	}
	cg_disrupt_result_release(&r);
	cg_net_free(sub);
	cg_net_free(net);
	return rc;
}
