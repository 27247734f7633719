/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_graph.c - network analysis over HTTP (http layer): the network filter
 * every graph route takes as query parameters, and GET
 * /api/v1/graph/summary, /graph/metrics, /graph/links,
 * /graph/communities and /graph/networks. The other graph routes are in
 * h_graph_paths.c, h_graph_groups.c and h_graph_export.c.
 *
 * Each route does what the command line's `cg graph ...` does with the
 * same options: the filter is parsed by graph/filter_parse.h, the network
 * built by graph/build.h (the consultation: it needs a justification and
 * is audited), the analysis and its defaults come from graph/ranking.h and
 * graph/presets.h, and the answer is graph/json.h's document, the one
 * `--format json` prints. Routes differ from the command line only where
 * a web client needs it: tables are sorted and cut to a top N by default,
 * so a 100,000-person network does not come back whole unless asked
 * (top=0).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/filter_parse.h"
#include "graph/json.h"
#include "graph/ranking.h"
#include "http/http_internal.h"
#include "base/banned.h"

/* Rows of a table unless top= says otherwise (0: all). */
#define API_TOP 100
#define API_TOP_MAX 10000000

/* ---- query parameters ---- */

enum cg_status http_query_bool(struct http_call *c, const char *key, bool *out,
			       struct cg_error *err)
{
	const char *s = http_query(c, key);
	if (!s)
		return CG_OK;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		*out = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		*out = false;
	else
		return http_fail_field(c, key, CG_INVALID, err, "%s: true or false, not '%.40s'", key,
				       s);
	return CG_OK;
}

enum cg_status http_query_real(struct http_call *c, const char *key, double min, double max,
			       double *out, struct cg_error *err)
{
	const char *s = http_query(c, key);
	char *end = NULL;
	double v;

	if (!s)
		return CG_OK;
	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < min || v > max)
		return http_fail_field(c, key, CG_INVALID, err, "%s: expected a number from %g to %g",
				       key, min, max);
	*out = v;
	return CG_OK;
}

/* ---- the network ---- */

enum cg_status http_graph_parse(struct http_call *c, struct cg_net_filter_spec *spec,
				struct cg_error *err)
{
	/* borrowed from the request, which outlives the spec */
	const struct cg_net_filter_text t = {
		.types = http_query(c, "types"), .from = http_query(c, "from"),
		.to = http_query(c, "to"), .min_grading = http_query(c, "min_grading"),
		.agencies = http_query(c, "agency"), .ocgs = http_query(c, "ocg"),
		.setting = http_query(c, "setting"), .weights = http_query(c, "weight"),
		.network = http_query(c, "network"),
	};
	enum cg_status rc = cg_net_filter_parse(&t, CG_FILTER_PARAMS, spec, err);
	if (rc)
		c->field = spec->field;
	return rc;
}

enum cg_status http_graph_build(struct http_call *c, struct cg_net_filter_spec *spec,
				struct cg_network **net, struct cg_error *err)
{
	enum cg_status rc = cg_net_filter_resolve(&c->ctx, CG_FILTER_PARAMS, spec, err);

	*net = NULL;
	if (rc) {
		c->field = spec->field;
		return rc;
	}
	/* A failure about a filter names it in its first words, which the
	 * error reply turns into the parameter (reply.c). */
	return cg_net_build(&c->ctx, &spec->f, net, err);
}

enum cg_status http_graph_network(struct http_call *c, struct cg_network **net,
				  struct cg_error *err)
{
	struct cg_net_filter_spec spec;
	enum cg_status rc = http_graph_parse(c, &spec, err);

	*net = NULL;
	if (rc == CG_OK)
		rc = http_graph_build(c, &spec, net, err);
	cg_net_filter_spec_release(&spec);
	return rc;
}

/* ---- routes ---- */

HTTP_HANDLER(h_graph_summary)
{
	struct cg_network *net = NULL;
	bool links = false;
	enum cg_status rc = http_query_bool(c, "links", &links, err);

	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc == CG_OK)
		http_reply(c, 200, cg_summary_json(net, links));
	cg_net_free(net);
	return rc;
}

/* seed= (default CG_MEASURE_DEFAULT_SEED), hops= and betweenness=, which
 * the measures share. */
static enum cg_status path_options(struct http_call *c, unsigned long *seed, bool *hops,
				   size_t *sample, bool *sample_given, struct cg_error *err)
{
	uint64_t s = CG_MEASURE_DEFAULT_SEED;
	const char *b = http_query(c, "betweenness");
	enum cg_status rc = http_query_uint(c, "seed", 0, UINT32_MAX, &s, err);

	if (rc == CG_OK)
		rc = http_query_bool(c, "hops", hops, err);
	*sample_given = b != NULL;
	if (rc == CG_OK && b)
		rc = cg_betweenness_parse(b, sample, err);
	*seed = (unsigned long)s;
	return rc;
}

HTTP_HANDLER(h_graph_metrics)
{
	const char *measures = http_query(c, "measures"), *sort = http_query(c, "sort");
	struct cg_metrics_opts o = { .sort_default = true };
	struct cg_metrics m;
	struct cg_network *net = NULL;
	uint64_t top = API_TOP;
	enum cg_status rc = path_options(c, &o.seed, &o.hops, &o.sample, &o.sample_given, err);

	if (rc == CG_OK)
		rc = http_query_uint(c, "top", 0, API_TOP_MAX, &top, err);
	if (rc == CG_OK && measures)
		rc = cg_measure_parse_list(measures, &o.measures, err);
	if (rc == CG_OK && (o.measures & CG_MEASURE_EDGE_BETWEENNESS))
		rc = http_fail_field(c, "measures", CG_INVALID, err,
				     "measures: edge betweenness is per link: /api/v1/graph/links");
	if (rc == CG_OK && sort) {
		o.sort = cg_measure_from_name(sort, strlen(sort));
		if (!o.sort || o.sort == CG_MEASURE_EDGE_BETWEENNESS)
			rc = http_fail_field(c, "sort", CG_INVALID, err,
					     "sort: '%.40s' is not a person's measure", sort);
		else if (measures && !(o.measures & o.sort))
			rc = http_fail_field(c, "sort", CG_INVALID, err,
					     "sort: %.40s is not among the measures", sort);
	}
	if (rc)
		return rc;
	o.top = (size_t)top;
	rc = http_graph_network(c, &net, err);
	if (rc)
		return rc;
	rc = cg_net_metrics(net, &o, &m, err);
	if (rc == CG_OK)
		http_reply(c, 200, cg_metrics_json(net, &m));
	cg_metrics_release(&m);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_links)
{
	const char *sort = http_query(c, "sort");
	struct cg_link_rank_opts o = { .sort = true };
	struct cg_link_ranking r;
	struct cg_json_agencies ag;
	struct cg_network *net = NULL;
	uint64_t top = API_TOP;
	enum cg_status rc = path_options(c, &o.seed, &o.hops, &o.sample, &o.sample_given, err);

	if (rc == CG_OK)
		rc = http_query_uint(c, "top", 0, API_TOP_MAX, &top, err);
	if (rc == CG_OK && sort && strcmp(sort, "betweenness") != 0 && strcmp(sort, "weight") != 0)
		rc = http_fail_field(c, "sort", CG_INVALID, err,
				     "sort: 'betweenness' or 'weight', not '%.40s'", sort);
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc)
		return rc;
	o.by_weight = sort && strcmp(sort, "weight") == 0;
	o.top = (size_t)top;
	cg_json_agencies_load(&c->ctx, &ag);
	rc = cg_net_link_ranking(net, &o, &r, err);
	if (rc == CG_OK)
		http_reply(c, 200, cg_links_json(net, &ag, &r));
	cg_link_ranking_release(&r);
	cg_json_agencies_release(&ag);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_communities)
{
	const char *method = http_query(c, "method");
	struct cg_community_opts o = { CG_COMMUNITY_LEIDEN, CG_MEASURE_DEFAULT_SEED, 1 };
	struct cg_communities com = { 0 };
	struct cg_network *net = NULL;
	uint64_t seed = CG_MEASURE_DEFAULT_SEED;
	enum cg_status rc = http_query_uint(c, "seed", 0, UINT32_MAX, &seed, err);

	if (rc == CG_OK)
		rc = http_query_real(c, "resolution", 1e-6, 1e6, &o.resolution, err);
	if (rc == CG_OK && method && strcmp(method, "louvain") == 0)
		o.method = CG_COMMUNITY_LOUVAIN;
	else if (rc == CG_OK && method && strcmp(method, "leiden") != 0)
		rc = http_fail_field(c, "method", CG_INVALID, err,
				     "method: 'leiden' or 'louvain', not '%.40s'", method);
	if (rc == CG_OK)
		rc = http_graph_network(c, &net, err);
	if (rc)
		return rc;
	o.seed = (unsigned long)seed;
	rc = cg_net_communities(net, &o, &com, err);
	if (rc == CG_OK)
		http_reply(c, 200, cg_communities_json(net, &com));
	cg_communities_release(&com);
	cg_net_free(net);
	return rc;
}

HTTP_HANDLER(h_graph_networks)
{
	struct cg_net_external_list list = { 0 };
	enum cg_status rc = cg_net_external_list(&c->ctx, &list, err);

	if (rc == CG_OK)
		http_reply(c, 200, cg_external_list_json(&list));
	cg_net_external_list_release(&list);
	return rc;
}
