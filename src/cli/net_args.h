/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * net_args.h - the network options every `cg graph` command takes (cli
 * layer): which links and people, and from when, make the network.
 *
 *   --types a,b         link types (docs/network-analysis.md)
 *   --from D --to D     time window, YYYY-MM-DD
 *   --min-grading 2B    minimum 3x5x2 grading of graded links
 *   --agency C1,C2      owner agencies of the rows (agency codes)
 *   --ocg 1,2           members of these OCGs only
 *   --custody | --community
 *   --weight t=w,t2=w2  link type weights
 *   --network NAME      an imported external network instead of the store's
 *
 * A handler puts CLI_NET_OPTS(args) in its option table, then calls
 * cli_net_build, which needs --as and --reason (building is a
 * consultation) and gives the finished network. The values are parsed by
 * graph/filter_parse.h, as the API's query parameters are. A handler that
 * adjusts the filter first (graph/presets.h) calls cli_net_parse and
 * cli_net_build_spec instead.
 */
#ifndef CG_CLI_NET_ARGS_H
#define CG_CLI_NET_ARGS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"
#include "graph/build.h"
#include "graph/filter_parse.h"

struct cli_net_args {
	const char *types, *from, *to, *min_grading, *agencies, *ocgs, *weights, *network;
	bool custody, community;
};

#define CLI_NET_OPTS(a)                                                        \
	{ "types", CLI_OPT_STRING, &(a).types, NULL },                         \
	{ "from", CLI_OPT_STRING, &(a).from, NULL },                           \
	{ "to", CLI_OPT_STRING, &(a).to, NULL },                               \
	{ "min-grading", CLI_OPT_STRING, &(a).min_grading, NULL },             \
	{ "agency", CLI_OPT_STRING, &(a).agencies, NULL },                     \
	{ "ocg", CLI_OPT_STRING, &(a).ocgs, NULL },                            \
	{ "weight", CLI_OPT_STRING, &(a).weights, NULL },                      \
	{ "network", CLI_OPT_STRING, &(a).network, NULL },                     \
	{ "custody", CLI_OPT_FLAG, NULL, &(a).custody },                       \
	{ "community", CLI_OPT_FLAG, NULL, &(a).community }

/* The usage text of the options above, for each command's --help. */
#define CLI_NET_USAGE                                                          \
	"Network: [--types T,...] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"     \
	"  [--min-grading 2B] [--agency CODE,...] [--ocg ID,...]\n"            \
	"  [--custody | --community] [--weight TYPE=W,...] [--network NAME]\n"

/*
 * Turns the options into a filter in *spec (release with
 * cg_net_filter_spec_release, also after a failure): CG_USAGE naming the
 * option for a malformed value. The strings of `a` must outlive spec.
 */
enum cg_status cli_net_parse(const struct cli_net_args *a, struct cg_net_filter_spec *spec,
			     struct cg_error *err);

/*
 * Opens the context (--as, --reason required), turns the agency codes of
 * spec into ids and builds the network the user may see into *net.
 */
enum cg_status cli_net_build_spec(struct cli_ctx *ctx, struct cg_net_filter_spec *spec,
				  struct cg_network **net, struct cg_error *err);

/* cli_net_parse, then cli_net_build_spec. */
enum cg_status cli_net_build(struct cli_ctx *ctx, const struct cli_net_args *a,
			     struct cg_network **net, struct cg_error *err);

/* Prints the network's description as "# name: value" lines. */
void cli_net_print_description(FILE *f, const struct cg_network *net);

#endif
