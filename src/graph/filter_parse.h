/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * filter_parse.h - a network filter from text (graph layer): what the
 * command line's network options (cli/net_args.h) and the API's query
 * parameters (http/h_graph.c) both receive, turned into a struct
 * cg_net_filter by one parser, so the two front ends accept the same
 * values and build the same network from them.
 *
 *   types        "family,visit"        link types
 *   from, to     "2024-01-31"          time window, inclusive
 *   min_grading  "2B"                  minimum 3x5x2 grading of graded links
 *   agency       "WMP,HMPPS"           owner agencies of the rows (codes)
 *   ocg          "1,2"                 members of these OCGs only (ids)
 *   setting      "custody", "community" (NULL or "all": both)
 *   weight       "family=2,visit=0.5"  link type weights
 *   network      "case1" or "NCA/case1" an imported external network
 *
 * Parsing needs no store, so malformed values are refused before anything
 * is read; agency codes become ids in a second step that reads the agency
 * list (any user may). What only the store can answer (an unknown link
 * type, an OCG the principal may not see) stays cg_net_build's to say;
 * cg_net_filter_build names the option or parameter in its answer too.
 */
#ifndef CG_GRAPH_FILTER_PARSE_H
#define CG_GRAPH_FILTER_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"
#include "base/error.h"
#include "graph/build.h"

/* The filter as text; NULL: not given. Borrowed while parsing. */
struct cg_net_filter_text {
	const char *types, *from, *to, *min_grading, *agencies, *ocgs, *setting, *weights,
		*network;
};

/* How error messages name a filter: as the command line's options
 * ("--min-grading") or as the API's parameters ("min_grading"). */
enum cg_net_filter_names { CG_FILTER_OPTIONS, CG_FILTER_PARAMS };

/*
 * A parsed filter and the storage its pointers point into. `f` is what
 * cg_net_build takes, once cg_net_filter_resolve has turned the agency
 * codes into ids; its from, to, min_grading and network point into the
 * text given to cg_net_filter_parse, which must outlive it.
 */
struct cg_net_filter_spec {
	struct cg_net_filter f;
	const char *field;        /* on a parse or resolve failure: the parameter's API
				   * name ("min_grading", "agency", ...); else NULL */
	char **types;             /* owned strings */
	size_t ntypes, cap_types;
	char **weight_names;      /* owned strings */
	struct cg_net_weight *weights;
	size_t nweights;
	char **agency_codes;      /* owned strings */
	size_t nagency_codes;
	int64_t *agencies;        /* ids, one per code once resolved */
	int64_t *ocgs;
	size_t nocgs;
};

/*
 * Parses `t` into *out (zeroed first; release with
 * cg_net_filter_spec_release, also after a failure). CG_INVALID naming
 * the option or parameter (in `names`' spelling) and setting out->field
 * for: an empty item in a list, a date that is not YYYY-MM-DD, a grading
 * that is not 1A..3E, a weight that is not TYPE=NUMBER with 0 < NUMBER <=
 * 1000, an OCG that is not a positive id, a setting other than custody,
 * community or all, an empty network name, a from after the to.
 */
enum cg_status cg_net_filter_parse(const struct cg_net_filter_text *t,
				   enum cg_net_filter_names names, struct cg_net_filter_spec *out,
				   struct cg_error *err);

/* Turns the agency codes into ids through ctx (cg_agency_list).
 * CG_INVALID naming the option for a code no agency has. */
enum cg_status cg_net_filter_resolve(struct cg_ctx *ctx, enum cg_net_filter_names names,
				     struct cg_net_filter_spec *s, struct cg_error *err);

/*
 * Resolves the agency codes (above), then builds the network ctx's
 * principal may see under the filter (cg_net_build: a consultation, audited
 * there) into *net. When the builder refuses a filter value (a link type
 * no row has, an OCG the principal may not see) the message names the
 * option or parameter in `names`' spelling and s->field is set, as for a
 * parse failure.
 */
enum cg_status cg_net_filter_build(struct cg_ctx *ctx, enum cg_net_filter_names names,
				   struct cg_net_filter_spec *s, struct cg_network **net,
				   struct cg_error *err);

/* Appends link type `name` to the filter's types unless already there
 * (an analysis that needs some types, such as crossovers, adds them). */
void cg_net_filter_add_type(struct cg_net_filter_spec *s, const char *name);

void cg_net_filter_spec_release(struct cg_net_filter_spec *s);

#endif
