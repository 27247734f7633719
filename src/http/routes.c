/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * routes.c - the route table (http layer).
 *
 * Adding a route: write its handler in h_<area>.c, declare it in
 * http_internal.h, add a row here and document it in docs/openapi.yaml;
 * tests/http/test_api.py fails while the table and the document disagree.
 * A row lists everything the route accepts: its query parameters and body
 * fields (anything else is refused, naming it). Whether it changes state
 * follows from the method; whether a consultation needs a justification
 * is the library's rule, not the table's. Every route is under /api/:
 * other paths are the web UI's embedded files (static.c), served before
 * this table is consulted, and so neither rows here nor in openapi.yaml.
 */
#include "access/trust.h"
#include "http/http_internal.h"
#include "base/banned.h"

static const struct http_field login_body[] = {
	{ "username", HTTP_T_STRING },
	{ "password", HTTP_T_STRING },
	{ "token", HTTP_T_BOOL },
	{ "ttl", HTTP_T_INT },
	{ NULL, 0 },
};

static const struct http_field intel_body[] = {
	{ "text", HTTP_T_STRING },
	{ "source_evaluation", HTTP_T_STRING },
	{ "intel_assessment", HTTP_T_STRING },
	{ "classification", HTTP_T_STRING },
	{ "handling_code", HTTP_T_STRING },
	{ "handling_conditions", HTTP_T_STRING },
	{ "compartments", HTTP_T_STRING },
	{ "flag_contact", HTTP_T_STRING },
	{ "sanitised_text", HTTP_T_STRING },
	{ "sanitised_classification", HTTP_T_STRING },
	{ "relates_to", HTTP_T_STRING },
	{ "mopi_group", HTTP_T_INT },
	{ "subjects", HTTP_T_ARRAY },
	{ NULL, 0 },
};

/* Only the justification every body may carry. */
static const struct http_field empty_body[] = { { NULL, 0 } };

static const struct http_field reason_body[] = {
	{ "reason", HTTP_T_STRING },
	{ NULL, 0 },
};

static const struct http_field decision_body[] = {
	{ "decision", HTTP_T_STRING },
	{ "reason", HTTP_T_STRING },
	{ "record", HTTP_T_INT },
	{ NULL, 0 },
};

static const char *const search_query[] = { "name", "dob", "agency", "limit", NULL };
static const char *const intel_query[] = { "q", "source", "assessment", "subject", "agency",
					    "from", "to", "status", "limit", NULL };
static const char *const agency_query[] = { "agency", NULL };
static const char *const review_query[] = { "after", "limit", NULL };
/* network analysis: the filter (HTTP_GRAPH_FILTER_QUERY) and each route's own */
#define GQ(...) { HTTP_GRAPH_FILTER_QUERY, __VA_ARGS__ }
static const char *const graph_summary_query[] = GQ("links", NULL);
static const char *const graph_metrics_query[] = GQ("measures", "sort", "top", "betweenness",
						     "hops", "seed", NULL);
static const char *const graph_links_query[] = GQ("sort", "top", "betweenness", "hops", "seed",
						   NULL);
static const char *const graph_communities_query[] = GQ("method", "seed", "resolution", NULL);
static const char *const graph_path_query[] = GQ("source", "target", "kind", "max_length",
						  "max_paths", "hops", NULL);
static const char *const graph_neighbourhood_query[] = GQ("person", "ocg_members", "group",
							   "hops", "max_nodes", NULL);
static const char *const graph_connect_query[] = GQ("keys", "hops", NULL);
static const char *const graph_brokers_query[] = GQ("top", "max_length", "sample", NULL);
static const char *const graph_crossovers_query[] = GQ("establishment", "level", "top", NULL);
static const char *const graph_recruitment_query[] = GQ("as_of", "top", "half_life", NULL);
static const char *const graph_disrupt_query[] = GQ("ocg_group", "neighbours", "measure", "k",
						     "top", NULL);
static const char *const graph_export_query[] = GQ("format", "recipients", NULL);
static const char *const ocg_network_query[] = GQ("hops", "max_nodes", NULL);

#define V1 "/api/v1"

const struct http_route http_routes[] = {
	/* method, path, handler, flags, roles, query, body */
	{ HTTP_POST, V1 "/session", h_session_login, HTTP_PUBLIC, 0, NULL, login_body },
	{ HTTP_DELETE, V1 "/session", h_session_logout, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/session/me", h_session_me, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/persons/{id}", h_person_show, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/persons/{id}/risk", h_person_risk, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/persons/{id}/risk/history", h_person_risk_history, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/records/search", h_record_search, 0, 0, search_query, NULL },
	{ HTTP_GET, V1 "/records/{id}", h_record_show, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/intel", h_intel_search, 0, 0, intel_query, NULL },
	{ HTTP_POST, V1 "/intel", h_intel_add, 0, 0, NULL, intel_body },
	{ HTTP_GET, V1 "/intel/{id}", h_intel_show, 0, 0, NULL, NULL },
	{ HTTP_POST, V1 "/intel/{id}/approve", h_intel_approve, 0, 0, NULL, empty_body },
	{ HTTP_POST, V1 "/intel/{id}/reject", h_intel_reject, 0, 0, NULL, reason_body },
	{ HTTP_GET, V1 "/ocgs", h_ocg_list, 0, 0, agency_query, NULL },
	{ HTTP_GET, V1 "/ocgs/{id}", h_ocg_show, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/ocgs/{id}/network", h_ocg_network, 0, 0, ocg_network_query, NULL },
	{ HTTP_GET, V1 "/ocgs/{id}/crossovers", h_ocg_crossovers, 0, 0, graph_crossovers_query,
	  NULL },
	{ HTTP_GET, V1 "/link/review", h_link_review_list, 0, 0, review_query, NULL },
	{ HTTP_POST, V1 "/link/review/{id}", h_link_review_decide, 0, 0, NULL, decision_body },
	{ HTTP_GET, V1 "/audit/consulted", h_audit_consulted, 0, 0, agency_query, NULL },
	{ HTTP_GET, V1 "/audit/subjects/{id}", h_audit_subject, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/audit/records/{id}", h_audit_record, 0, 0, NULL, NULL },
	{ HTTP_GET, V1 "/audit/users/{name}", h_audit_user, 0, 0, NULL, NULL },
	/* The command line lets any local operator verify the chain; over the
	 * network only auditors and administrators may. */
	{ HTTP_GET, V1 "/audit/verify", h_audit_verify, 0, CG_ROLE_AUDITOR | CG_ROLE_ADMIN, NULL,
	  NULL },
	/* Network analysis: building a network is a consultation (the library
	 * needs the justification and audits it); an export is a disclosure. */
	{ HTTP_GET, V1 "/graph/summary", h_graph_summary, 0, 0, graph_summary_query, NULL },
	{ HTTP_GET, V1 "/graph/metrics", h_graph_metrics, 0, 0, graph_metrics_query, NULL },
	{ HTTP_GET, V1 "/graph/links", h_graph_links, 0, 0, graph_links_query, NULL },
	{ HTTP_GET, V1 "/graph/communities", h_graph_communities, 0, 0, graph_communities_query,
	  NULL },
	{ HTTP_GET, V1 "/graph/path", h_graph_path, 0, 0, graph_path_query, NULL },
	{ HTTP_GET, V1 "/graph/neighbourhood", h_graph_neighbourhood, 0, 0,
	  graph_neighbourhood_query, NULL },
	{ HTTP_GET, V1 "/graph/connect", h_graph_connect, 0, 0, graph_connect_query, NULL },
	{ HTTP_GET, V1 "/graph/brokers", h_graph_brokers, 0, 0, graph_brokers_query, NULL },
	{ HTTP_GET, V1 "/graph/crossovers", h_graph_crossovers, 0, 0, graph_crossovers_query, NULL },
	{ HTTP_GET, V1 "/graph/recruitment", h_graph_recruitment, 0, 0, graph_recruitment_query,
	  NULL },
	{ HTTP_GET, V1 "/graph/disrupt", h_graph_disrupt, 0, 0, graph_disrupt_query, NULL },
	{ HTTP_GET, V1 "/graph/export", h_graph_export, 0, 0, graph_export_query, NULL },
	{ HTTP_GET, V1 "/graph/networks", h_graph_networks, 0, 0, NULL, NULL },
	{ 0, NULL, NULL, 0, 0, NULL, NULL },
};
