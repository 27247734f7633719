/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_access.h - queries of the access layer: principals (store layer).
 * See queries.h for how the catalogue works.
 */
#ifndef CG_STORE_Q_ACCESS_H
#define CG_STORE_Q_ACCESS_H

#define CG_QUERIES_ACCESS(X)                                                   \
	/* 1: username. -> id, username, agency_id, agency code, agency type, \
	 * clearance, is_service */                                           \
	X(PRINCIPAL_BY_NAME,                                                   \
	  "SELECT u.id, u.username, u.agency_id, a.code, a.type, u.clearance," \
	  " u.is_service FROM app_user u JOIN agency a ON a.id = u.agency_id" \
	  " WHERE u.username = ? AND u.disabled = 0")                          \
	/* 1: user id. -> same columns as PRINCIPAL_BY_NAME */                \
	X(PRINCIPAL_BY_ID,                                                     \
	  "SELECT u.id, u.username, u.agency_id, a.code, a.type, u.clearance," \
	  " u.is_service FROM app_user u JOIN agency a ON a.id = u.agency_id" \
	  " WHERE u.id = ? AND u.disabled = 0")                                \
	/* 1: user id. -> role */                                             \
	X(PRINCIPAL_ROLES, "SELECT role FROM user_role WHERE user_id = ?")     \
	/* 1: user id. -> compartment code, in code order */                  \
	X(PRINCIPAL_COMPARTMENTS,                                              \
	  "SELECT c.code FROM user_compartment uc"                            \
	  " JOIN compartment c ON c.id = uc.compartment_id"                   \
	  " WHERE uc.user_id = ? ORDER BY c.code")                             \
	/* -> number of enabled users holding the admin role */               \
	X(ADMIN_COUNT,                                                         \
	  "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id" \
	  " WHERE r.role = 'admin' AND u.disabled = 0")

#endif
