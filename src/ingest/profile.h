/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * profile.h - mapping profiles: how one agency's export becomes records
 * (ingest layer).
 *
 * A profile is a small text file (docs/profiles.md): global settings — the
 * source system, the file format, the date format, the label every row gets
 * unless a column overrides it — then one [section] per table of the
 * export, saying which files it reads (a file-name pattern; for JSON Lines
 * also a field value), what kind of rows it holds (person, event,
 * association, intel, membership, location; edge and node for an external
 * network, imported under a network name) and which column feeds which
 * field.
 * Which keys a kind of table takes, and which it needs, is the table
 * `profile_keys` in profile.c, which docs/profiles.md reproduces.
 *
 * Writing a profile for a new system needs no C. `cg policy check`-style
 * validation (`cg import --check`) names the file, line and reason of every
 * mistake.
 */
#ifndef CG_INGEST_PROFILE_H
#define CG_INGEST_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

enum cg_table_kind {
	CG_TABLE_PERSON,      /* rows are source records of people */
	CG_TABLE_EVENT,       /* custody movements, visits, calls, supervision */
	CG_TABLE_ASSOCIATION, /* links between two people */
	CG_TABLE_INTEL,       /* intelligence reports */
	CG_TABLE_MEMBERSHIP,  /* a person in an OCG */
	CG_TABLE_LOCATION,    /* reference data: establishments and their wings */
	CG_TABLE_EDGE,        /* an external network's edges: two keys, weight, date */
	CG_TABLE_NODE,        /* an external network's nodes: key, label, group */
	CG_TABLE_KIND_COUNT
};

const char *cg_table_kind_name(enum cg_table_kind k);

/* Tables of an external network (edge, node): imported under a network
 * name, not as records of people. */
static inline bool cg_table_kind_is_network(enum cg_table_kind k)
{
	return k == CG_TABLE_EDGE || k == CG_TABLE_NODE;
}

/* One "key = value" of a section, as written (value trimmed). */
struct cg_profile_setting {
	char *key;
	char *value;
	int line;
};

struct cg_profile_table {
	char *name;                  /* the [section] name */
	int line;                    /* where the section starts */
	enum cg_table_kind kind;
	struct cg_profile_setting *settings;
	size_t nsettings;
};

struct cg_profile {
	char *origin;                /* file path, or "built-in NAME" */
	struct cg_profile_setting *settings; /* global settings */
	size_t nsettings;
	struct cg_profile_table *tables;     /* in file order: import order */
	size_t ntables;
};

/*
 * Parses profile text. `origin` names it in messages ("profiles/x.profile:12:
 * unknown key ..."). Every key is checked against the kind of its section,
 * required keys must be present, and values that have a fixed vocabulary
 * (format, kind, classification, handling...) must be valid. On success
 * *out owns everything (cg_profile_free). Errors: CG_INVALID with
 * "origin:line: reason".
 */
enum cg_status cg_profile_parse(const char *origin, const char *text, size_t len,
				struct cg_profile **out, struct cg_error *err);

/*
 * Loads a profile by name (a built-in one: police, prison, probation,
 * exchange, edgelist) or by path (anything containing '/' or ending in ".profile").
 */
enum cg_status cg_profile_load(const char *name_or_path, struct cg_profile **out,
			       struct cg_error *err);

void cg_profile_free(struct cg_profile *p);

/* A global setting's value, or `dflt` when absent. Borrowed from p. */
const char *cg_profile_global(const struct cg_profile *p, const char *key, const char *dflt);

/* A table setting's value, or NULL when absent. Borrowed from p. */
const char *cg_profile_value(const struct cg_profile_table *t, const char *key);

/* The line a table setting was written on (0 when absent). */
int cg_profile_line(const struct cg_profile_table *t, const char *key);

/* One key a profile may use, for documentation (`cg profile keys`). */
struct cg_profile_key {
	const char *key;
	bool global;          /* a global setting, not a table key */
	unsigned kinds;       /* table kinds that take it: bit (1 << kind) */
	unsigned required;    /* table kinds that need it (global: 1 when required) */
	const char *what;
};

/* The i-th documented key (globals first); false past the last. */
bool cg_profile_key_at(size_t i, struct cg_profile_key *out);

/* The names of the built-in profiles, NULL-terminated. */
extern const char *const cg_builtin_profiles[];

#endif
