/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * visibility.c - the visibility rule and the label helpers (access layer).
 *
 * Security decision, in full. Agencies share only when they can trust what
 * happens to what they share, so the rule is deny by default and owner
 * first:
 *
 * - An owner agency's supervisors always see their agency's rows, including
 *   restricted ones: someone at the owner must be able to review, correct
 *   and release what is contested.
 * - Everyone else needs all three of: a clearance covering the row's
 *   classification, handling that admits their agency (P: lawful sharing
 *   permitted to all; C: only the agencies and agency types named in the
 *   conditions — the owner's own staff are always admitted), and
 *   membership of every compartment on the row. Classification and
 *   compartments bind the owner's own staff as well: a compartment is a
 *   named operation's need-to-know, not an agency boundary.
 * - A restricted row (kept while its accuracy is contested) is shown to
 *   nobody outside the owner agency, not even as a flag: a flag would point
 *   others at information the owner has withdrawn from use.
 * - Whoever fails the test sees a flag ("agency X holds further
 *   information — contact N") only if the owner chose to set a contact;
 *   otherwise the row does not exist for them. The flag never carries
 *   content.
 * - The bootstrap principal (setting up a store) sees nothing.
 */
#include "access/visibility.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* Calls fn on each item of a comma-separated list; stops when fn returns
 * false and returns false then. */
static bool each_item(const char *list, bool (*fn)(const char *item, size_t len, void *arg),
		      void *arg)
{
	const char *p = list;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n && !fn(p, n, arg))
			return false;
		p = comma ? comma + 1 : NULL;
	}
	return true;
}

static bool list_has(const char *list, const char *item, size_t len)
{
	const char *p = list;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && memcmp(p, item, len) == 0)
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

static bool principal_has_compartment(const char *code, size_t len, void *arg)
{
	return cg_principal_in_compartment(arg, code, len);
}

/* Do the handling conditions admit the principal's agency? */
static bool conditions_admit(const struct cg_principal *p, const char *conditions)
{
	char item[CG_AGENCY_CODE_MAX + 16];
	const char *type = cg_agency_type_name(p->agency_type);
	int n;

	n = snprintf(item, sizeof(item), "agency:%s", p->agency_code);
	if (n > 0 && (size_t)n < sizeof(item) && list_has(conditions, item, (size_t)n))
		return true;
	n = snprintf(item, sizeof(item), "type:%s", type);
	return n > 0 && (size_t)n < sizeof(item) && list_has(conditions, item, (size_t)n);
}

enum cg_visibility cg_visibility(const struct cg_principal *p, const struct cg_label *l)
{
	bool own = p->agency_id != 0 && p->agency_id == l->owner_agency_id;
	bool full;

	if (p->bootstrap || p->agency_id == 0)
		return CG_SEE_NOTHING;
	if (own && cg_principal_has_role(p, CG_ROLE_SUPERVISOR))
		return CG_SEE_FULL;
	if (l->restricted && !own)
		return CG_SEE_NOTHING;

	full = cg_clearance_covers(p->clearance, l->classification) &&
	       (own || l->handling_code == 'P' ||
		(l->handling_code == 'C' && l->handling_conditions &&
		 conditions_admit(p, l->handling_conditions))) &&
	       each_item(l->compartments, principal_has_compartment, (void *)p);
	if (full)
		return CG_SEE_FULL;
	return l->flag_contact ? CG_SEE_FLAG : CG_SEE_NOTHING;
}

/* ---- canonical lists ---- */

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef CG_VEC(char *) string_vec;

/* Splits, checks each item with `check`, sorts, removes duplicates and
 * appends "a,b,c" to out. */
static enum cg_status canonical_list(const char *s, const char *what,
				     enum cg_status (*check)(char *item, struct cg_error *err),
				     bool allow_empty, struct cg_buf *out,
				     struct cg_error *err)
{
	string_vec items = CG_VEC_INIT;
	enum cg_status rc = CG_OK;
	const char *p = s ? s : "";

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		size_t a = 0, b = n;
		while (a < b && p[a] == ' ')
			a++;
		while (b > a && p[b - 1] == ' ')
			b--;
		if (b == a) {
			rc = cg_fail(err, CG_INVALID, "%s: empty item in '%.100s'", what, s);
			break;
		}
		if (b - a > 80) {
			rc = cg_fail(err, CG_INVALID, "%s: item longer than 80 characters", what);
			break;
		}
		char *item = cg_xstrndup(p + a, b - a);
		cg_vec_push(&items, item);
		rc = check(item, err);
		if (rc) {
			cg_error_prefix(err, "%s", what);
			break;
		}
		p = comma ? comma + 1 : p + n;
	}
	if (rc == CG_OK && items.len == 0 && !allow_empty)
		rc = cg_fail(err, CG_INVALID, "%s: must name at least one recipient", what);
	if (rc == CG_OK && items.len > 1)
		qsort(items.items, items.len, sizeof(char *), compare_strings);
	for (size_t i = 0; rc == CG_OK && i < items.len; i++) {
		if (i > 0 && strcmp(items.items[i], items.items[i - 1]) == 0)
			continue;
		rc = cg_buf_printf(out, err, "%s%s", i ? "," : "", items.items[i]);
	}
	for (size_t i = 0; i < items.len; i++)
		free(items.items[i]);
	cg_vec_release(&items);
	return rc;
}

static bool is_code_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static enum cg_status check_code(const char *code, const char *what, struct cg_error *err)
{
	if (!*code || strlen(code) > CG_AGENCY_CODE_MAX)
		return cg_fail(err, CG_INVALID, "%s '%s' must be 1 to %d characters", what, code,
			       CG_AGENCY_CODE_MAX);
	for (const char *c = code; *c; c++)
		if (!is_code_char(*c))
			return cg_fail(err, CG_INVALID,
				       "%s '%s' may hold only A-Z, 0-9, '_' and '-'", what, code);
	return CG_OK;
}

static enum cg_status check_condition(char *item, struct cg_error *err)
{
	enum cg_agency_type t;
	if (strncmp(item, "agency:", 7) == 0)
		return check_code(item + 7, "agency code", err);
	if (strncmp(item, "type:", 5) == 0)
		return cg_agency_type_parse(item + 5, &t, err);
	return cg_fail(err, CG_INVALID,
		       "'%s' is neither agency:CODE nor type:TYPE", item);
}

static enum cg_status check_compartment(char *item, struct cg_error *err)
{
	for (char *c = item; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return check_code(item, "compartment", err);
}

enum cg_status cg_handling_conditions_canonical(const char *s, struct cg_buf *out,
						struct cg_error *err)
{
	return canonical_list(s, "handling conditions", check_condition, false, out, err);
}

enum cg_status cg_compartments_canonical(const char *s, struct cg_buf *out,
					 struct cg_error *err)
{
	return canonical_list(s, "compartments", check_compartment, true, out, err);
}

/* ---- re-sharing ---- */

static bool item_in_list(const char *item, size_t len, void *list)
{
	return list_has(list, item, len);
}

bool cg_label_no_wider(const struct cg_label *proposed, const struct cg_label *original)
{
	const char *orig_comps = original->compartments ? original->compartments : "";
	const char *prop_comps = proposed->compartments ? proposed->compartments : "";
	enum cg_classification po = proposed->classification, oo = original->classification;

	if (proposed->owner_agency_id != original->owner_agency_id)
		return false;
	/* OFFICIAL-SENSITIVE is narrower than OFFICIAL though both need only
	 * an OFFICIAL clearance: the enum order already says so. */
	if (po < oo)
		return false;
	if (original->handling_code == 'C') {
		if (proposed->handling_code != 'C' || !proposed->handling_conditions ||
		    !each_item(proposed->handling_conditions, item_in_list,
			       (void *)original->handling_conditions))
			return false;
	}
	/* Every original compartment must remain. */
	if (!each_item(orig_comps, item_in_list, (void *)prop_comps))
		return false;
	if (original->restricted && !proposed->restricted)
		return false;
	if (!original->flag_contact && proposed->flag_contact)
		return false;
	return true;
}
