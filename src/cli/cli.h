/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - the command-line front end (cli layer).
 *
 * One command is one row of cg_commands[] (commands.c) and one file
 * cmd_<name>.c holding its handler. The dispatcher (main.c) does the common
 * work, so no handler can forget it: it reads the global options, answers
 * --help, and after the handler returns prints the error (one line) and
 * picks the exit code from the error table. Handlers only parse their own
 * options, call the library and print. They parse first and open the store
 * second (cli_open_store), so a usage error is reported as one whatever the
 * state of the store.
 */
#ifndef CG_CLI_CLI_H
#define CG_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "access/context.h"
#include "base/error.h"
#include "store/store.h"

/* What the dispatcher sets up for a handler. */
struct cli_ctx {
	const char *db;       /* --db, $CG_DB, or ./commonground.db */
	const char *as_user;  /* --as or $CG_USER; NULL when not given */
	const char *reason;   /* --reason: justification for consultations */
	struct cg_store *store; /* set by cli_open_store, closed by the dispatcher */
	FILE *out;            /* where results go (stdout) */
	struct cg_ctx lib;    /* set by cli_context, released by the dispatcher */
	bool has_lib;         /* lib is set up */
};

struct cli_command {
	const char *name;    /* one to three words: "init", "agency add", "ocg member add" */
	const char *summary; /* one line for `cg help` */
	const char *usage;   /* synopsis and options, printed by --help */
	/* argv[0] is the command's last word; options follow. */
	enum cg_status (*run)(struct cli_ctx *ctx, int argc, char **argv,
			      struct cg_error *err);
};

extern const struct cli_command cg_commands[];

/* The handlers, one per cmd_<name>.c, in table order. */
#define CLI_HANDLER(fn)                                                        \
	enum cg_status fn(struct cli_ctx *ctx, int argc, char **argv,          \
			  struct cg_error *err)
CLI_HANDLER(cmd_init);
CLI_HANDLER(cmd_stats);
CLI_HANDLER(cmd_agency_add);
CLI_HANDLER(cmd_agency_list);
CLI_HANDLER(cmd_user_add);
CLI_HANDLER(cmd_user_list);
CLI_HANDLER(cmd_user_passwd);
CLI_HANDLER(cmd_compartment_add);
CLI_HANDLER(cmd_compartment_grant);
CLI_HANDLER(cmd_session_login);
CLI_HANDLER(cmd_session_check);
CLI_HANDLER(cmd_session_logout);
CLI_HANDLER(cmd_audit_verify);
CLI_HANDLER(cmd_audit_head);
CLI_HANDLER(cmd_version);
CLI_HANDLER(cmd_help);
CLI_HANDLER(cmd_record_add);
CLI_HANDLER(cmd_record_show);
CLI_HANDLER(cmd_record_list);
CLI_HANDLER(cmd_record_count);
CLI_HANDLER(cmd_record_search);
CLI_HANDLER(cmd_record_restrict);
CLI_HANDLER(cmd_record_release);
CLI_HANDLER(cmd_record_withdraw);
CLI_HANDLER(cmd_export_records);
CLI_HANDLER(cmd_notices);
CLI_HANDLER(cmd_person_show);
CLI_HANDLER(cmd_import);
CLI_HANDLER(cmd_demo_generate);
CLI_HANDLER(cmd_demo);
CLI_HANDLER(cmd_profile_check);
CLI_HANDLER(cmd_profile_keys);
CLI_HANDLER(cmd_audit_consulted);
CLI_HANDLER(cmd_audit_subject);
CLI_HANDLER(cmd_audit_record);
CLI_HANDLER(cmd_audit_user);
CLI_HANDLER(cmd_link);
CLI_HANDLER(cmd_link_explain);
CLI_HANDLER(cmd_link_confirm);
CLI_HANDLER(cmd_link_reject);
CLI_HANDLER(cmd_link_split);
CLI_HANDLER(cmd_link_merge);
CLI_HANDLER(cmd_export_links);
CLI_HANDLER(cmd_intel_add);
CLI_HANDLER(cmd_intel_show);
CLI_HANDLER(cmd_intel_search);
CLI_HANDLER(cmd_intel_due);
CLI_HANDLER(cmd_intel_approve);
CLI_HANDLER(cmd_intel_reject);
CLI_HANDLER(cmd_intel_review);
CLI_HANDLER(cmd_ocg_add);
CLI_HANDLER(cmd_ocg_list);
CLI_HANDLER(cmd_ocg_show);
CLI_HANDLER(cmd_ocg_member_add);
CLI_HANDLER(cmd_ocg_merge);
CLI_HANDLER(cmd_policy_check);
CLI_HANDLER(cmd_policy_publish);
CLI_HANDLER(cmd_policy_list);
CLI_HANDLER(cmd_policy_show);
CLI_HANDLER(cmd_risk_score);
CLI_HANDLER(cmd_risk_show);
CLI_HANDLER(cmd_risk_history);
CLI_HANDLER(cmd_risk_confirm);
CLI_HANDLER(cmd_serve);
/* graph: building and summary */
CLI_HANDLER(cmd_graph_summary);
/* graph: export and external networks */
CLI_HANDLER(cmd_graph_export);
CLI_HANDLER(cmd_graph_networks);
/* graph: measures, communities, paths and neighbourhoods */
CLI_HANDLER(cmd_graph_metrics);
CLI_HANDLER(cmd_graph_links);
CLI_HANDLER(cmd_graph_communities);
CLI_HANDLER(cmd_graph_path);
CLI_HANDLER(cmd_graph_neighbours);
CLI_HANDLER(cmd_graph_connect);
/* graph: brokers, crossovers, recruitment, disruption */
CLI_HANDLER(cmd_graph_brokers);
CLI_HANDLER(cmd_graph_crossovers);
CLI_HANDLER(cmd_graph_recruitment);
CLI_HANDLER(cmd_graph_disrupt);

/* Opens ctx->db into ctx->store (once); the store must be at this build's
 * schema version (see cg_store_require_current). */
enum cg_status cli_open_store(struct cli_ctx *ctx, struct cg_error *err);

/*
 * Opens the store and sets up ctx->lib for the user named by --as/$CG_USER
 * with --reason as justification, and returns it in *out. Without a user:
 * the bootstrap context when `allow_bootstrap` (first agency and admin),
 * otherwise CG_USAGE naming --as.
 */
enum cg_status cli_context(struct cli_ctx *ctx, bool allow_bootstrap,
			   struct cg_ctx **out, struct cg_error *err);

/* Finds the command whose name's words begin argv (the longest such name:
 * "ocg member add" before "ocg"); sets *words to how many argv entries the
 * name used. NULL if none. */
const struct cli_command *cli_find_command(int argc, char **argv, int *words);

/* Prints the list of commands (`cg help`). */
void cli_print_command_list(FILE *f);

/* Prints one command's usage. */
void cli_print_usage(FILE *f, const struct cli_command *cmd);

/*
 * Reads one line of standard input (a password or a token) into buf, at most
 * size - 1 bytes, without its line ending; on a terminal prompts with `what`
 * on stderr and turns echo off. CG_INVALID when empty, CG_LIMIT when too
 * long (buf wiped on failure). The caller wipes buf after use. (cmd_user.c)
 */
enum cg_status cli_read_secret(const char *what, char *buf, size_t size,
			       struct cg_error *err);

/* Writes one CSV field (RFC 4180 quoting when needed) and ',' or, for the
 * last field, a newline. (options.c) */
void cli_csv_field(FILE *f, const char *s, bool last);

/* ---- option parsing for handlers (options.c) ---- */

enum cli_opt_kind { CLI_OPT_FLAG, CLI_OPT_STRING };

struct cli_opt {
	const char *name;      /* long name without dashes, e.g. "format" */
	enum cli_opt_kind kind;
	const char **value;    /* CLI_OPT_STRING: receives the argument */
	bool *flag;            /* CLI_OPT_FLAG: set to true when present */
};

/*
 * Parses argv[1..] against `opts` (terminated by a row with name NULL).
 * Accepts --name value and --name=value. Arguments that are not options are
 * collected in order into positional[] (at most max_positional). An unknown
 * option, a missing value or too many positional arguments is CG_USAGE with
 * a message naming it. *npositional receives the count.
 */
enum cg_status cli_parse_options(int argc, char **argv, const struct cli_opt *opts,
				 char **positional, int max_positional,
				 int *npositional, struct cg_error *err);

/* Validates --format against a comma-separated list such as "text,csv,json";
 * NULL means the first. CG_USAGE otherwise. */
enum cg_status cli_check_format(const char *format, const char *allowed,
				struct cg_error *err);

/* Numbers from the command line, all CG_USAGE with a message naming the
 * argument when malformed or out of range. cli_parse_id: a positive id
 * (`what`: "record", "person"). cli_parse_uint and cli_parse_real: the
 * value of option --`opt`, left alone when `s` is NULL (not given). */
enum cg_status cli_parse_id(const char *what, const char *s, int64_t *out, struct cg_error *err);
enum cg_status cli_parse_uint(const char *opt, const char *s, uint64_t min, uint64_t max,
			      uint64_t *out, struct cg_error *err);
enum cg_status cli_parse_real(const char *opt, const char *s, double min, double max,
			      double *out, struct cg_error *err);

/*
 * For commands that take one id and --format (show, history): parses
 * argv[1..], the id (`what`: "record", "person", ...) and the format
 * against `allowed` (*format stays NULL when not given: the first), then
 * opens the library context into *lib.
 */
enum cg_status cli_parse_id_format(struct cli_ctx *ctx, int argc, char **argv, const char *what,
				   const char *allowed, int64_t *id, const char **format,
				   struct cg_ctx **lib, struct cg_error *err);

/* For commands whose only option is --format: parses argv[1..] (no
 * positional arguments), checks the format against `allowed`, and sets
 * *format to it or to `dflt`. */
enum cg_status cli_format_only(int argc, char **argv, const char *allowed, const char *dflt,
			       const char **format, struct cg_error *err);

#endif
