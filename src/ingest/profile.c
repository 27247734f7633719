/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * profile.c - parsing and checking mapping profiles (ingest layer).
 *
 * The grammar is line based: blank lines and lines whose first non-blank
 * character is '#' are ignored; "[name]" starts a table; "key = value" sets
 * a key of the current table (or a global one before the first table). The
 * value is the rest of the line, trimmed, so column names may hold spaces.
 * What keys exist is data: the tables below, one row per key.
 */
#include "ingest/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define PROFILE_MAX_BYTES (1 << 20)
#define PROFILE_MAX_LINE 4096

static const char *const kind_names[CG_TABLE_KIND_COUNT] = {
	"person", "event", "association", "intel", "membership", "location", "edge", "node",
};

const char *cg_table_kind_name(enum cg_table_kind k)
{
	return (unsigned)k < CG_TABLE_KIND_COUNT ? kind_names[k] : "?";
}

/* Which kinds of table take a key. */
#define K_PERSON (1u << CG_TABLE_PERSON)
#define K_EVENT (1u << CG_TABLE_EVENT)
#define K_ASSOC (1u << CG_TABLE_ASSOCIATION)
#define K_INTEL (1u << CG_TABLE_INTEL)
#define K_MEMBER (1u << CG_TABLE_MEMBERSHIP)
#define K_LOC (1u << CG_TABLE_LOCATION)
#define K_EDGE (1u << CG_TABLE_EDGE)
#define K_NODE (1u << CG_TABLE_NODE)
/* Tables whose rows carry their own label (an external network's rows
 * share their network's). */
#define K_LABELLED (K_PERSON | K_EVENT | K_ASSOC | K_INTEL | K_MEMBER)
#define K_ALL (K_LABELLED | K_LOC | K_EDGE | K_NODE)

struct key_rule {
	const char *key;
	unsigned kinds;    /* tables that take it */
	unsigned required; /* tables that need it */
	const char *what;  /* for docs/profiles.md and messages */
};

static const struct key_rule table_keys[] = {
	{ "kind", K_ALL, K_ALL, "person, event, association, intel, membership, location, edge or node" },
	{ "match", K_ALL, K_ALL, "file-name pattern of the files this table reads, e.g. *nominals*.csv" },
	{ "when", K_ALL, 0, "JSON Lines: FIELD=VALUE a line must have to belong to this table" },
	{ "date_format", K_ALL, 0, "date pattern for this table (overrides the global one)" },
	{ "classification", K_LABELLED, 0, "column overriding the classification per row" },
	{ "handling", K_LABELLED, 0, "column overriding the handling code per row" },
	{ "conditions", K_LABELLED, 0, "column overriding the handling conditions per row" },
	{ "id", K_PERSON | K_EVENT | K_ASSOC | K_INTEL, K_PERSON | K_EVENT | K_ASSOC | K_INTEL,
	  "column holding the row's id in the source system" },
	{ "surname", K_PERSON, 0, "column(s) of the surname" },
	{ "forenames", K_PERSON, 0, "column(s) of the forenames, e.g. FIRST_NAME + MIDDLE_NAMES" },
	{ "dob", K_PERSON, 0, "column of the date of birth" },
	{ "sex", K_PERSON, 0, "column of the sex" },
	{ "sex_values", K_PERSON, 0, "how the column's values map to M, F, X, U: Male=M; Female=F" },
	{ "aliases", K_PERSON, 0, "column of other names, 'SURNAME, Forenames' separated by alias_separator" },
	{ "alias_separator", K_PERSON, 0, "separator of aliases (default ;)" },
	{ "hard_identifiers", K_PERSON, 0, "identifier kinds unique per person in this system, e.g. pnc, cro" },
	{ "address", K_PERSON, 0, "column(s) of the address lines" },
	{ "town", K_PERSON, 0, "column of the town" },
	{ "postcode", K_PERSON, 0, "column of the current postcode" },
	{ "previous_postcode", K_PERSON, 0, "column of an earlier address's postcode" },
	{ "person", K_EVENT | K_MEMBER, K_EVENT | K_MEMBER, "column holding the id of the person (a person table's id)" },
	{ "counterpart", K_EVENT, 0, "column holding the id of a second person (a visitor)" },
	{ "phone", K_EVENT, 0, "column of a phone number the event involves" },
	{ "event_type", K_EVENT, 0, "the type of every row: reception, transfer, visit, call, ..." },
	{ "type", K_EVENT | K_ASSOC, 0, "column holding the row's type" },
	{ "type_values", K_EVENT, 0, "how the type column maps to event types: ADM=reception; REL=release" },
	{ "association_type", K_ASSOC, 0, "the type of every row: family, associate, ..." },
	{ "date", K_EVENT | K_ASSOC | K_INTEL | K_EDGE, K_EVENT, "column of the date (events: when it happened)" },
	{ "end_date", K_EVENT, 0, "column of the end date" },
	{ "establishment", K_EVENT, 0, "column of the establishment code" },
	{ "wing", K_EVENT, 0, "column of the wing" },
	{ "cell", K_EVENT, 0, "column of the cell" },
	{ "place", K_EVENT, 0, "column naming where it happened (an office, an area)" },
	{ "details", K_EVENT, 0, "columns kept as the event's details, separated by commas" },
	{ "from", K_ASSOC, K_ASSOC, "column of the first person's id" },
	{ "to", K_ASSOC, K_ASSOC, "column of the second person's id" },
	{ "text", K_INTEL, K_INTEL, "column of the report's text" },
	{ "source_evaluation", K_INTEL, K_INTEL, "column of the 3x5x2 source evaluation (1-3)" },
	{ "intel_assessment", K_INTEL, K_INTEL, "column of the 3x5x2 intelligence assessment (A-E)" },
	{ "subjects", K_INTEL, 0, "column of subject person ids separated by subject_separator" },
	{ "subject_separator", K_INTEL, 0, "separator of subjects (default ;)" },
	{ "ocg", K_MEMBER, K_MEMBER, "column of the OCG's id in the source system" },
	{ "ocg_name", K_MEMBER, 0, "column of the OCG's name" },
	{ "activities", K_MEMBER, 0, "column of the OCG's activities separated by ;" },
	{ "role", K_MEMBER, K_MEMBER, "column of the role: principal, significant or peripheral" },
	{ "code", K_LOC, K_LOC, "column of the place's code, e.g. an establishment code" },
	{ "name", K_LOC, 0, "column of the place's name" },
	{ "location_type", K_LOC, 0, "what every row is: establishment (default) or area" },
	{ "wings", K_LOC, 0, "column of an establishment's wings separated by ;" },
	{ "source", K_EDGE, K_EDGE, "column of the key of one end of the edge" },
	{ "target", K_EDGE, K_EDGE, "column of the key of the other end of the edge" },
	{ "weight", K_EDGE, 0, "column of the edge's weight, a positive number (default 1)" },
	{ "key", K_NODE, K_NODE, "column of the node's key, as the edges name it" },
	{ "label", K_NODE, 0, "column of the node's display name" },
	{ "group", K_NODE, 0, "column of the node's group (a gang, a cell, a community)" },
};

static const struct key_rule global_keys[] = {
	{ "description", 1, 0, "one line saying what export this profile reads" },
	{ "source_system", 1, 1, "the agency's system, e.g. PNC, NOMIS, NDELIUS" },
	{ "format", 1, 0, "csv (default) or jsonl" },
	{ "delimiter", 1, 0, "CSV delimiter: one character, or 'tab' (default ,)" },
	{ "date_format", 1, 0, "date pattern such as DD/MM/YYYY (default YYYY-MM-DD)" },
	{ "classification", 1, 1, "OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET" },
	{ "handling", 1, 1, "P or C" },
	{ "conditions", 1, 0, "for C: who may receive the rows, e.g. type:prison,agency:WMP" },
	{ "compartments", 1, 0, "compartment codes every row is placed in" },
	{ "flag_contact", 1, 0, "who others are told to contact when they may not see a row" },
	{ "subject_category", 1, 1, "suspect, convicted, victim, witness or other" },
	{ "statement_basis", 1, 1, "fact or assessment" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

bool cg_profile_key_at(size_t i, struct cg_profile_key *out)
{
	const struct key_rule *r;
	bool global = i < NELEM(global_keys);
	if (i >= NELEM(global_keys) + NELEM(table_keys))
		return false;
	r = global ? &global_keys[i] : &table_keys[i - NELEM(global_keys)];
	*out = (struct cg_profile_key){ r->key, global, r->kinds, r->required, r->what };
	return true;
}

const char *const cg_builtin_profiles[] = { "police", "prison", "probation", "exchange",
					     "edgelist", NULL };

static const struct key_rule *find_rule(const struct key_rule *rules, size_t n,
					const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rules[i].key, key) == 0)
			return &rules[i];
	return NULL;
}

static void settings_free(struct cg_profile_setting *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].key);
		free(s[i].value);
	}
	free(s);
}

void cg_profile_free(struct cg_profile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ntables; i++) {
		free(p->tables[i].name);
		settings_free(p->tables[i].settings, p->tables[i].nsettings);
	}
	free(p->tables);
	settings_free(p->settings, p->nsettings);
	free(p->origin);
	free(p);
}

static const char *setting_value(const struct cg_profile_setting *s, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].key, key) == 0)
			return s[i].value;
	return NULL;
}

const char *cg_profile_global(const struct cg_profile *p, const char *key, const char *dflt)
{
	const char *v = setting_value(p->settings, p->nsettings, key);
	return v ? v : dflt;
}

const char *cg_profile_value(const struct cg_profile_table *t, const char *key)
{
	return setting_value(t->settings, t->nsettings, key);
}

int cg_profile_line(const struct cg_profile_table *t, const char *key)
{
	for (size_t i = 0; i < t->nsettings; i++)
		if (strcmp(t->settings[i].key, key) == 0)
			return t->settings[i].line;
	return 0;
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
		(*e)--;
}

static bool valid_key(const char *k)
{
	if (!*k)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_' || *k == '.'))
			return false;
	return true;
}

typedef CG_VEC(struct cg_profile_setting) setting_vec;
typedef CG_VEC(struct cg_profile_table) table_vec;

struct parse_state {
	const char *origin;
	setting_vec globals;
	table_vec tables;
	setting_vec current;    /* settings of the table being read */
	char *current_name;
	int current_line;
};

static enum cg_status finish_table(struct parse_state *ps, struct cg_error *err)
{
	struct cg_profile_table t = { 0 };
	const char *kind;
	int k;

	if (!ps->current_name)
		return CG_OK;
	t.name = ps->current_name;
	t.line = ps->current_line;
	t.settings = ps->current.items;
	t.nsettings = ps->current.len;
	ps->current_name = NULL;
	ps->current = (setting_vec)CG_VEC_INIT;
	cg_vec_push(&ps->tables, t);

	kind = setting_value(t.settings, t.nsettings, "kind");
	if (!kind)
		return cg_fail(err, CG_INVALID, "%s:%d: table [%s] has no 'kind'", ps->origin,
			       t.line, t.name);
	for (k = 0; k < CG_TABLE_KIND_COUNT; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			break;
	if (k == CG_TABLE_KIND_COUNT)
		return cg_fail(err, CG_INVALID,
			       "%s:%d: kind '%.40s' is not one of person, event, association, intel, "
			       "membership, location, edge, node",
			       ps->origin, t.line, kind);
	ps->tables.items[ps->tables.len - 1].kind = (enum cg_table_kind)k;

	for (size_t i = 0; i < t.nsettings; i++) {
		const struct cg_profile_setting *s = &t.settings[i];
		const struct key_rule *r;
		if (k == CG_TABLE_PERSON && strncmp(s->key, "identifier.", 11) == 0)
			continue;
		r = find_rule(table_keys, NELEM(table_keys), s->key);
		if (!r || !(r->kinds & (1u << k)))
			return cg_fail(err, CG_INVALID, "%s:%d: %s %s table takes no key '%s'",
				       ps->origin, s->line, strchr("aeiou", kind_names[k][0]) ? "an" : "a",
				       kind_names[k], s->key);
	}
	for (size_t i = 0; i < NELEM(table_keys); i++)
		if ((table_keys[i].required & (1u << k)) &&
		    !setting_value(t.settings, t.nsettings, table_keys[i].key))
			return cg_fail(err, CG_INVALID, "%s:%d: table [%s] needs '%s' (%s)",
				       ps->origin, t.line, t.name, table_keys[i].key,
				       table_keys[i].what);
	for (size_t i = 0; i < t.nsettings; i++) {
		const struct cg_profile_setting *s = &t.settings[i];
		const char *format = setting_value(ps->globals.items, ps->globals.len, "format");
		if (strcmp(s->key, "when") != 0)
			continue;
		/* A `when` that could never match would reject every row. */
		if (!format || strcmp(format, "jsonl") != 0)
			return cg_fail(err, CG_INVALID,
				       "%s:%d: 'when' picks JSON Lines rows: it needs format = jsonl",
				       ps->origin, s->line);
		if (s->value[0] == '=' || !strchr(s->value, '='))
			return cg_fail(err, CG_INVALID, "%s:%d: 'when' must be FIELD=VALUE, not '%.60s'",
				       ps->origin, s->line, s->value);
	}
	if (k == CG_TABLE_PERSON && !setting_value(t.settings, t.nsettings, "surname") &&
	    !setting_value(t.settings, t.nsettings, "forenames"))
		return cg_fail(err, CG_INVALID, "%s:%d: person table [%s] needs 'surname' or 'forenames'",
			       ps->origin, t.line, t.name);
	if (k == CG_TABLE_EVENT && !setting_value(t.settings, t.nsettings, "event_type") &&
	    !setting_value(t.settings, t.nsettings, "type"))
		return cg_fail(err, CG_INVALID, "%s:%d: event table [%s] needs 'event_type' or 'type'",
			       ps->origin, t.line, t.name);
	if (k == CG_TABLE_ASSOCIATION && !setting_value(t.settings, t.nsettings, "association_type") &&
	    !setting_value(t.settings, t.nsettings, "type"))
		return cg_fail(err, CG_INVALID,
			       "%s:%d: association table [%s] needs 'association_type' or 'type'",
			       ps->origin, t.line, t.name);
	return CG_OK;
}

static enum cg_status parse_line(struct parse_state *ps, const char *s, const char *e,
				 int line, struct cg_error *err)
{
	const char *eq;
	struct cg_profile_setting set;
	setting_vec *target;

	trim(&s, &e);
	if (s == e || *s == '#')
		return CG_OK;
	if (*s == '[') {
		enum cg_status rc;
		const char *ns = s + 1, *ne = e;
		if (e[-1] != ']')
			return cg_fail(err, CG_INVALID, "%s:%d: a table name must end with ']'",
				       ps->origin, line);
		ne--;
		trim(&ns, &ne);
		if (ns == ne)
			return cg_fail(err, CG_INVALID, "%s:%d: empty table name", ps->origin, line);
		rc = finish_table(ps, err);
		if (rc)
			return rc;
		char *name = cg_xstrndup(ns, (size_t)(ne - ns));
		for (size_t i = 0; i < ps->tables.len; i++)
			if (strcmp(ps->tables.items[i].name, name) == 0) {
				cg_fail(err, CG_INVALID, "%s:%d: table [%s] appears twice", ps->origin,
					line, name);
				free(name);
				return CG_INVALID;
			}
		ps->current_name = name;
		ps->current_line = line;
		return CG_OK;
	}
	eq = memchr(s, '=', (size_t)(e - s));
	if (!eq)
		return cg_fail(err, CG_INVALID, "%s:%d: expected 'key = value' or '[table]'",
			       ps->origin, line);
	const char *ks = s, *ke = eq, *vs = eq + 1, *ve = e;
	trim(&ks, &ke);
	trim(&vs, &ve);
	set.key = cg_xstrndup(ks, (size_t)(ke - ks));
	set.value = cg_xstrndup(vs, (size_t)(ve - vs));
	set.line = line;
	if (!valid_key(set.key) || !*set.value) {
		bool bad_key = !valid_key(set.key);
		cg_fail(err, CG_INVALID, bad_key ? "%s:%d: '%.60s' is not a key"
						 : "%s:%d: key '%.60s' has no value",
			ps->origin, line, set.key);
		free(set.key);
		free(set.value);
		return CG_INVALID;
	}
	target = ps->current_name ? &ps->current : &ps->globals;
	for (size_t i = 0; i < target->len; i++)
		if (strcmp(target->items[i].key, set.key) == 0) {
			cg_fail(err, CG_INVALID, "%s:%d: '%s' is set twice (first on line %d)",
				ps->origin, line, set.key, target->items[i].line);
			free(set.key);
			free(set.value);
			return CG_INVALID;
		}
	if (!ps->current_name && !find_rule(global_keys, NELEM(global_keys), set.key)) {
		cg_fail(err, CG_INVALID, "%s:%d: unknown global key '%s' (tables start with [name])",
			ps->origin, line, set.key);
		free(set.key);
		free(set.value);
		return CG_INVALID;
	}
	cg_vec_push(target, set);
	return CG_OK;
}

/* Global values with a fixed vocabulary. */
static enum cg_status check_globals(struct parse_state *ps, struct cg_error *err)
{
	static const struct {
		const char *key;
		const char *allowed[6];
	} vocab[] = {
		{ "format", { "csv", "jsonl" } },
		{ "classification", { "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET" } },
		{ "handling", { "P", "C" } },
		{ "subject_category", { "suspect", "convicted", "victim", "witness", "other" } },
		{ "statement_basis", { "fact", "assessment" } },
	};
	for (size_t i = 0; i < NELEM(global_keys); i++)
		if (global_keys[i].required && !setting_value(ps->globals.items, ps->globals.len,
							       global_keys[i].key))
			return cg_fail(err, CG_INVALID, "%s: global setting '%s' is missing (%s)",
				       ps->origin, global_keys[i].key, global_keys[i].what);
	for (size_t i = 0; i < ps->globals.len; i++) {
		const struct cg_profile_setting *s = &ps->globals.items[i];
		for (size_t v = 0; v < NELEM(vocab); v++) {
			bool ok = false;
			if (strcmp(vocab[v].key, s->key) != 0)
				continue;
			for (size_t a = 0; a < 6 && vocab[v].allowed[a]; a++)
				ok = ok || strcmp(vocab[v].allowed[a], s->value) == 0;
			if (!ok)
				return cg_fail(err, CG_INVALID, "%s:%d: %s '%.40s' is not allowed",
					       ps->origin, s->line, s->key, s->value);
		}
		if (strcmp(s->key, "delimiter") == 0 && strlen(s->value) != 1 &&
		    strcmp(s->value, "tab") != 0)
			return cg_fail(err, CG_INVALID,
				       "%s:%d: delimiter must be one character or 'tab'", ps->origin,
				       s->line);
	}
	if (ps->tables.len == 0)
		return cg_fail(err, CG_INVALID, "%s: the profile has no [table]", ps->origin);
	return CG_OK;
}

enum cg_status cg_profile_parse(const char *origin, const char *text, size_t len,
				struct cg_profile **out, struct cg_error *err)
{
	struct parse_state ps = { .origin = origin };
	enum cg_status rc = CG_OK;
	const char *p = text, *end = text + len;
	int line = 0;

	*out = NULL;
	if (len > PROFILE_MAX_BYTES)
		return cg_fail(err, CG_LIMIT, "%s: profile larger than %d bytes", origin,
			       PROFILE_MAX_BYTES);
	while (rc == CG_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line++;
		if (le - p > PROFILE_MAX_LINE)
			rc = cg_fail(err, CG_INVALID, "%s:%d: line longer than %d bytes", origin, line,
				     PROFILE_MAX_LINE);
		else if (memchr(p, '\0', (size_t)(le - p)))
			rc = cg_fail(err, CG_INVALID, "%s:%d: NUL byte", origin, line);
		else
			rc = parse_line(&ps, p, le, line, err);
		p = nl ? nl + 1 : end;
	}
	if (rc == CG_OK)
		rc = finish_table(&ps, err);
	if (rc == CG_OK)
		rc = check_globals(&ps, err);

	struct cg_profile *prof = cg_xcalloc(1, sizeof(*prof));
	prof->origin = cg_xstrdup(origin);
	prof->settings = ps.globals.items;
	prof->nsettings = ps.globals.len;
	prof->tables = ps.tables.items;
	prof->ntables = ps.tables.len;
	if (ps.current_name) {
		free(ps.current_name);
		settings_free(ps.current.items, ps.current.len);
	}
	if (rc) {
		cg_profile_free(prof);
		return rc;
	}
	*out = prof;
	return CG_OK;
}

enum cg_status cg_profile_load(const char *name_or_path, struct cg_profile **out,
			       struct cg_error *err)
{
	size_t n = strlen(name_or_path);
	bool is_path = strchr(name_or_path, '/') ||
		       (n > 8 && strcmp(name_or_path + n - 8, ".profile") == 0);
	char origin[300];

	*out = NULL;
	if (!is_path) {
		char file[80];
		snprintf(file, sizeof(file), "%.60s.profile", name_or_path);
		for (const struct cg_embedded *e = cg_profile_files; e->name; e++)
			if (strcmp(e->name, file) == 0) {
				snprintf(origin, sizeof(origin), "profiles/%s", file);
				return cg_profile_parse(origin, e->data, e->size, out, err);
			}
		return cg_fail(err, CG_NOT_FOUND,
			       "no built-in profile '%.60s' (built in: police, prison, probation, "
			       "exchange, edgelist; or give a path to a .profile file)", name_or_path);
	}

	FILE *f = fopen(name_or_path, "rb");
	if (!f)
		return cg_fail(err, CG_IO, "%s: cannot open the profile", name_or_path);
	char *buf = cg_xmalloc(PROFILE_MAX_BYTES + 1);
	size_t got = fread(buf, 1, PROFILE_MAX_BYTES + 1, f);
	bool failed = ferror(f);
	fclose(f);
	enum cg_status rc;
	if (failed)
		rc = cg_fail(err, CG_IO, "%s: cannot read the profile", name_or_path);
	else
		rc = cg_profile_parse(name_or_path, buf, got, out, err);
	free(buf);
	return rc;
}
