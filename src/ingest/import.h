/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.h - loading agency exports through a mapping profile (ingest
 * layer).
 *
 * `cg import --profile NAME|FILE FILE...` in library form. The importing
 * principal's agency owns every row; rows get the profile's label unless a
 * column overrides it per row. Guarantees:
 *
 *  - Provenance: every row remembers agency, source system, its id in that
 *    system, the import batch (one per file) and its version.
 *  - All or nothing per file: a file is imported in one transaction with its
 *    batch row and audit entries, so an error that stops the file, or a
 *    kill -9, leaves the store exactly as before that file; rerunning
 *    imports it whole.
 *  - Idempotent: a person row identical to the current version of its
 *    record changes nothing; a changed one becomes a new version (the old
 *    one kept), logged as an alteration and notified to agencies that
 *    consulted the old version. Events, associations, memberships and
 *    reports are recognised by the owner's id for them and never doubled.
 *  - Bad rows do not stop a file: each is written to a reject file
 *    (file,line,field,reason) and counted. A file that cannot be parsed at
 *    all (no header, a column the profile needs is missing, an unterminated
 *    quote) stops with an error naming it.
 *  - Streaming: memory does not grow with the file.
 *  - Files are imported in the order of the profile's tables (people before
 *    the events that refer to them), whatever order they are given in.
 *  - External networks (edge and node tables, `network` set): the rows go
 *    into the importing agency's network of that name, created on first
 *    import with the profile's label; all files are one transaction, so
 *    the network is imported whole or not at all. An edge is recognised
 *    by its file's name and line: importing the same file again changes
 *    nothing, an edited line updates its edge, and a line that no longer
 *    holds an edge removes it (counted as updated).
 */
#ifndef CG_INGEST_IMPORT_H
#define CG_INGEST_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "access/context.h"

struct cg_import_options {
	const char *profile;            /* built-in name or path */
	const char *const *files;
	size_t nfiles;
	const char *reject_dir;         /* where FILE.rejects.csv goes; NULL: current directory */
	const char *network;            /* edge and node tables: the external network's name
					 * (required for them, refused for other tables) */
};

/* What happened to one file. */
struct cg_import_summary {
	char file[512];
	char tables[128];               /* the profile tables that read it */
	int64_t batch_id;               /* 0 when the file was not imported */
	int64_t read, stored, unchanged, updated, rejected;
	int64_t warned;                 /* stored, with a warning in the reject file */
	char reject_path[600];          /* "" when nothing was written there */
};

/*
 * Imports the files. `summaries` (caller's array of nfiles entries, in the
 * order the files were given) is filled as files complete. Stops at the
 * first file that cannot be imported; files before it stay imported.
 * Errors name the file (and line).
 */
enum cg_status cg_import(struct cg_ctx *ctx, const struct cg_import_options *o,
			 struct cg_import_summary *summaries, struct cg_error *err);

#endif
