/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands.c - the command table (cli layer).
 *
 * Adding a command: write cmd_<name>.c with its handler, declare it below,
 * add a row, and declare the handler in cli.h. tests/cli checks that every row answers --help.
 */
#include <string.h>

#include "cli/cli.h"
#include "base/banned.h"

const struct cli_command cg_commands[] = {
	{ "init", "create a store, or migrate one to this version's schema",
	  "usage: cg init [--db PATH]\n"
	  "Creates the store at --db (default ./commonground.db or $CG_DB) or\n"
	  "migrates an existing one. Refuses files that are not Common Ground\n"
	  "stores and stores written by a newer version, leaving them unchanged.\n"
	  "Creates no users and no default password: add the first administrator\n"
	  "with 'cg user add'.\n",
	  cmd_init },
	{ "stats", "row counts per table",
	  "usage: cg stats [--format text|csv|json]\n", cmd_stats },
	{ "version", "print the version of cg and its schema",
	  "usage: cg version\n", cmd_version },
	{ "help", "list commands, or show one command's usage",
	  "usage: cg help [COMMAND]\n", cmd_help },
	{ NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find_command(int argc, char **argv, int *words)
{
	const struct cli_command *one_word = NULL;

	for (const struct cli_command *c = cg_commands; c->name; c++) {
		const char *space = strchr(c->name, ' ');
		if (!space) {
			if (strcmp(c->name, argv[0]) == 0)
				one_word = c;
			continue;
		}
		size_t n = (size_t)(space - c->name);
		if (argc >= 2 && strlen(argv[0]) == n && memcmp(c->name, argv[0], n) == 0 &&
		    strcmp(space + 1, argv[1]) == 0) {
			*words = 2;
			return c;
		}
	}
	*words = 1;
	return one_word;
}

void cli_print_command_list(FILE *f)
{
	fprintf(f, "usage: cg [--db PATH] [--as USER] [--reason TEXT] COMMAND [OPTIONS]\n\n"
		   "Commands:\n");
	for (const struct cli_command *c = cg_commands; c->name; c++)
		fprintf(f, "  %-16s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'cg help COMMAND' or 'cg COMMAND --help' for a command's options.\n");
}

void cli_print_usage(FILE *f, const struct cli_command *cmd)
{
	fprintf(f, "%s", cmd->usage);
	fprintf(f, "Global options: --db PATH (or $CG_DB), --as USER (or $CG_USER), "
		   "--reason TEXT\n");
}
