/* SPDX-License-Identifier: GPL-3.0-or-later */
/* demo.c - the synthetic world into a store (ops layer). See demo.h. */
#include "ops/demo.h"

#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "access/account.h"
#include "access/context.h"
#include "base/buf.h"
#include "base/date.h"
#include "risk/policy.h"
#include "risk/policy_store.h"
#include "base/banned.h"

const struct cg_demo_user cg_demo_users[] = {
	{ "admin", "WMP", "admin", "SECRET", "administrator" },
	{ "dc.khan", "WMP", "analyst", "SECRET", "police intelligence analyst" },
	{ "ds.jones", "WMP", "supervisor,analyst", "SECRET", "police supervisor" },
	{ "pio.patel", "HMPPS", "pio", "SECRET", "Prison Intelligence Officer" },
	{ "po.smith", "PROB", "officer", "OFFICIAL", "probation officer" },
	{ "auditor", "WMP", "auditor", "OFFICIAL", "information manager" },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct {
	const char *code, *name;
	enum cg_agency_type type;
	enum cg_agency_level level;
	const char *contact, *dir, *profile, *service;
} agencies[] = {
	{ "WMP", "West Midlands Police", CG_AGENCY_POLICE_FORCE, CG_LEVEL_LOCAL,
	  "Force intelligence bureau", "police", "police", "svc.wmp" },
	{ "HMPPS", "HMPPS prisons, West Midlands", CG_AGENCY_PRISON, CG_LEVEL_REGIONAL,
	  "Regional prison intelligence unit", "prison", "prison", "svc.hmpps" },
	{ "PROB", "Probation Service, West Midlands", CG_AGENCY_PROBATION, CG_LEVEL_REGIONAL,
	  "Probation intelligence lead", "probation", "probation", "svc.prob" },
};
#define NAGENCIES (sizeof(agencies) / sizeof(agencies[0]))

static enum cg_status add_user(struct cg_ctx *ctx, const char *username, const char *agency,
			       const char *roles, const char *clearance, bool service,
			       struct cg_error *err)
{
	struct cg_user_spec u = { username, NULL, agency, 0, CG_CLASS_OFFICIAL, service, NULL };
	enum cg_status rc = cg_roles_parse(roles, &u.roles, err);
	if (rc == CG_OK)
		rc = cg_clearance_parse(clearance, &u.clearance, err);
	if (rc == CG_OK)
		rc = cg_user_add(ctx, &u, NULL, err);
	return rc;
}

static enum cg_status set_up(struct cg_store *st, struct cg_error *err)
{
	struct cg_ctx boot = { 0 }, admin = { 0 };
	enum cg_status rc = cg_ctx_init_bootstrap(&boot, st, err);

	if (rc == CG_DENIED)
		rc = cg_fail(err, CG_CONFLICT, "%s already holds data: the demo needs a new store",
			     cg_store_location(st));
	for (size_t i = 0; rc == CG_OK && i < NAGENCIES; i++) {
		struct cg_agency_spec a = { agencies[i].code, agencies[i].name, agencies[i].type,
					    agencies[i].level, NULL, agencies[i].contact };
		/* The bootstrap adds the first agency and its administrator;
		 * the administrator does the rest. */
		rc = cg_agency_add(i == 0 ? &boot : &admin, &a, NULL, err);
		if (rc == CG_OK && i == 0)
			rc = add_user(&boot, "admin", "WMP", "admin", "SECRET", false, err);
		if (rc == CG_OK && i == 0)
			rc = cg_ctx_init(&admin, st, "admin", NULL, err);
	}
	for (size_t i = 0; rc == CG_OK && i < NAGENCIES; i++)
		rc = add_user(&admin, agencies[i].service, agencies[i].code, "analyst", "SECRET",
			      true, err);
	for (size_t i = 1; rc == CG_OK && cg_demo_users[i].username; i++)
		rc = add_user(&admin, cg_demo_users[i].username, cg_demo_users[i].agency,
			      cg_demo_users[i].roles, cg_demo_users[i].clearance, false, err);
	cg_ctx_release(&boot);
	cg_ctx_release(&admin);
	return rc;
}

/* The administrator publishes the default risk protocol; the police's
 * service account scores everyone with it as of today. */
static enum cg_status publish_and_score(struct cg_store *st, struct cg_demo_result *res,
					struct cg_error *err)
{
	struct cg_ctx admin = { 0 }, svc = { 0 };
	char today[CG_DATE_ISO_SIZE];
	size_t len;
	const char *text = cg_policy_default(&len);
	enum cg_status rc = cg_ctx_init(&admin, st, "admin", NULL, err);

	if (rc == CG_OK)
		rc = cg_policy_publish(&admin, text, len, "policy/default.policy", NULL, err);
	if (rc == CG_OK)
		rc = cg_ctx_init(&svc, st, agencies[0].service, "demo: shared risk assessment", err);
	cg_date_format_iso(cg_date_from_days(cg_now() / 86400), today);
	if (rc == CG_OK)
		rc = cg_risk_score(&svc, 0, today, &res->risk, err);
	cg_ctx_release(&admin);
	cg_ctx_release(&svc);
	return rc;
}

enum cg_status cg_demo_load(struct cg_store *st, const char *world_dir,
			    struct cg_demo_result *res, struct cg_error *err)
{
	enum cg_status rc = set_up(st, err);

	memset(res, 0, sizeof(*res));
	for (size_t i = 0; rc == CG_OK && i < NAGENCIES; i++) {
		char pattern[600];
		glob_t g;
		struct cg_ctx svc = { 0 };

		snprintf(pattern, sizeof(pattern), "%s/%s/*.csv", world_dir, agencies[i].dir);
		if (glob(pattern, 0, NULL, &g) != 0) {
			rc = cg_fail(err, CG_NOT_FOUND, "%s: no export files (was the world generated?)",
				     pattern);
			break;
		}
		if (res->nfiles + g.gl_pathc > CG_DEMO_MAX_FILES) {
			globfree(&g);
			rc = cg_fail(err, CG_LIMIT, "%s: more than %d files", pattern, CG_DEMO_MAX_FILES);
			break;
		}
		struct cg_import_options o = { agencies[i].profile, (const char *const *)g.gl_pathv,
					       g.gl_pathc, world_dir, NULL };
		rc = cg_ctx_init(&svc, st, agencies[i].service, NULL, err);
		if (rc == CG_OK)
			rc = cg_import(&svc, &o, res->files + res->nfiles, err);
		res->nfiles += g.gl_pathc;
		cg_ctx_release(&svc);
		globfree(&g);
	}
	if (rc == CG_OK) {
		struct cg_ctx svc = { 0 };
		struct cg_link_options lo;
		cg_link_options_init(&lo);
		rc = cg_ctx_init(&svc, st, agencies[0].service, "demo: resolve records into persons",
				 err);
		if (rc == CG_OK)
			rc = cg_link_run(&svc, &lo, &res->link, err);
		cg_ctx_release(&svc);
	}
	if (rc == CG_OK)
		rc = publish_and_score(st, res, err);
	return rc;
}
