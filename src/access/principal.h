/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * principal.h - who is acting (access layer).
 *
 * A principal is a user as the visibility rule sees them: their agency (id,
 * code, type), roles, clearance and compartments. It is loaded once per
 * request or command from the store and then consulted for every row.
 */
#ifndef CG_ACCESS_PRINCIPAL_H
#define CG_ACCESS_PRINCIPAL_H

#include <stdbool.h>
#include <stdint.h>

#include "access/trust.h"
#include "store/store.h"

#define CG_USERNAME_MAX 64
#define CG_AGENCY_CODE_MAX 32

struct cg_principal {
	int64_t user_id;                        /* app_user.id; 0 for bootstrap */
	char username[CG_USERNAME_MAX + 1];
	int64_t agency_id;                      /* agency.id; 0 for bootstrap */
	char agency_code[CG_AGENCY_CODE_MAX + 1];
	enum cg_agency_type agency_type;
	unsigned roles;                         /* set of enum cg_role bits */
	enum cg_classification clearance;       /* OFFICIAL, SECRET or TOP SECRET */
	char *compartments;                     /* sorted comma-separated codes; owned, never NULL */
	bool is_service;                        /* a batch job's service account */
	bool bootstrap;                         /* the local set-up principal (see context.h) */
};

/* Empty principal: no roles, no clearance beyond OFFICIAL, no compartments. */
void cg_principal_init(struct cg_principal *p);
void cg_principal_release(struct cg_principal *p);

/*
 * Loads the user called `username` with their agency, roles and
 * compartments. CG_NOT_FOUND when there is no such enabled user (the message
 * names the username, which the caller gave). Replaces p's contents.
 */
enum cg_status cg_principal_load(struct cg_store *st, const char *username,
				 struct cg_principal *p, struct cg_error *err);

/* As cg_principal_load, by user id. */
enum cg_status cg_principal_load_id(struct cg_store *st, int64_t user_id,
				    struct cg_principal *p, struct cg_error *err);

static inline bool cg_principal_has_role(const struct cg_principal *p, enum cg_role r)
{
	return (p->roles & (unsigned)r) != 0;
}

/* Is `code` one of the principal's compartments? */
bool cg_principal_in_compartment(const struct cg_principal *p, const char *code,
				 size_t len);

#endif
