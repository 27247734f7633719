/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_account.h - queries of the access layer's account administration:
 * agencies, users, roles, compartments, passwords and sessions (store
 * layer). Used by src/access/account.c; see queries.h for how the catalogue
 * works. Times are bound and returned as UTC ISO 8601 text; session token
 * hashes as 32-byte BLOBs (the token itself is never stored).
 */
#ifndef CG_STORE_Q_ACCOUNT_H
#define CG_STORE_Q_ACCOUNT_H

#define CG_QUERIES_ACCOUNT(X)                                                  \
	/* 1: agency code. -> id */                                           \
	X(AGENCY_ID_BY_CODE, "SELECT id FROM agency WHERE code = ?")           \
	/* 1: code, 2: name, 3: type, 4: level, 5: parent id or NULL,         \
	 * 6: contact or NULL, 7: created_at. No rows. */                     \
	X(AGENCY_INSERT,                                                       \
	  "INSERT INTO agency (code, name, type, level, parent_id, contact,"   \
	  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                         \
	/* -> id, code, name, type, level, parent code ('' for none),         \
	 * contact ('' for none), created_at; in code order */                \
	X(AGENCY_LIST,                                                         \
	  "SELECT a.id, a.code, a.name, a.type, a.level, coalesce(p.code, '')," \
	  " coalesce(a.contact, ''), a.created_at FROM agency a"              \
	  " LEFT JOIN agency p ON p.id = a.parent_id ORDER BY a.code")        \
	/* 1: username. -> id, is_service, disabled; disabled users too, so a \
	 * name is never given out twice */                                   \
	X(USER_BY_NAME_ANY,                                                    \
	  "SELECT id, is_service, disabled FROM app_user WHERE username = ?")  \
	/* 1: agency id, 2: username, 3: display name, 4: clearance,          \
	 * 5: is_service (0/1), 6: Argon2id password hash or NULL,            \
	 * 7: created_at. No rows. */                                         \
	X(USER_INSERT,                                                         \
	  "INSERT INTO app_user (agency_id, username, display_name, clearance," \
	  " is_service, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)") \
	/* 1: user id, 2: role name. No rows. */                              \
	X(USER_ROLE_INSERT, "INSERT INTO user_role (user_id, role) VALUES (?, ?)") \
	/* 1: Argon2id password hash, 2: user id. Clears the failure count    \
	 * and any lock. No rows. */                                          \
	X(USER_SET_PASSWORD,                                                   \
	  "UPDATE app_user SET password_hash = ?, failed_logins = 0,"          \
	  " locked_until = NULL WHERE id = ?")                                 \
	/* -> id, username, display_name, agency code, clearance, is_service, \
	 * disabled, has a password (0/1), locked_until ('' for none),        \
	 * created_at; in username order */                                  \
	X(USER_LIST,                                                           \
	  "SELECT u.id, u.username, u.display_name, a.code, u.clearance,"      \
	  " u.is_service, u.disabled, u.password_hash IS NOT NULL,"           \
	  " coalesce(u.locked_until, ''), u.created_at FROM app_user u"       \
	  " JOIN agency a ON a.id = u.agency_id ORDER BY u.username")         \
	/* 1: code, 2: name, 3: owner agency id, 4: created_at. No rows. */   \
	X(COMPARTMENT_INSERT,                                                  \
	  "INSERT INTO compartment (code, name, owner_agency_id, created_at)"  \
	  " VALUES (?, ?, ?, ?)")                                              \
	/* 1: compartment code. -> id, owner agency id, owner agency code */  \
	X(COMPARTMENT_BY_CODE,                                                 \
	  "SELECT c.id, c.owner_agency_id, a.code FROM compartment c"          \
	  " JOIN agency a ON a.id = c.owner_agency_id WHERE c.code = ?")       \
	/* 1: user id, 2: compartment id. -> 1 when the user holds it */      \
	X(USER_COMPARTMENT_HELD,                                               \
	  "SELECT 1 FROM user_compartment WHERE user_id = ? AND"               \
	  " compartment_id = ?")                                               \
	/* 1: user id, 2: compartment id. No rows. */                         \
	X(USER_COMPARTMENT_INSERT,                                             \
	  "INSERT INTO user_compartment (user_id, compartment_id) VALUES (?, ?)") \
	/* 1: username. -> id, password hash (NULL: none), is_service,        \
	 * disabled, agency code, failed_logins, locked_until (NULL: none) */ \
	X(LOGIN_LOOKUP,                                                        \
	  "SELECT u.id, u.password_hash, u.is_service, u.disabled, a.code,"   \
	  " u.failed_logins, u.locked_until FROM app_user u"                  \
	  " JOIN agency a ON a.id = u.agency_id WHERE u.username = ?")         \
	/* 1: user id. -> failed_logins, locked_until (NULL: none); read      \
	 * again inside the login's transaction */                            \
	X(LOGIN_STATE,                                                         \
	  "SELECT failed_logins, locked_until FROM app_user WHERE id = ?")     \
	/* 1: failed_logins, 2: locked_until or NULL, 3: user id. No rows. */ \
	X(LOGIN_RECORD,                                                        \
	  "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?") \
	/* 1: user id, 2: token hash (BLOB), 3: created_at, 4: expires_at.    \
	 * No rows. */                                                        \
	X(SESSION_INSERT,                                                      \
	  "INSERT INTO user_session (user_id, token_hash, created_at,"         \
	  " expires_at) VALUES (?, ?, ?, ?)")                                  \
	/* 1: token hash (BLOB). -> session id, user id, expires_at,          \
	 * revoked_at (NULL: open), username, agency code */                  \
	X(SESSION_BY_HASH,                                                     \
	  "SELECT s.id, s.user_id, s.expires_at, s.revoked_at, u.username,"   \
	  " a.code FROM user_session s JOIN app_user u ON u.id = s.user_id"   \
	  " JOIN agency a ON a.id = u.agency_id WHERE s.token_hash = ?")       \
	/* 1: revoked_at, 2: session id. Changes 0 rows when already          \
	 * revoked. */                                                        \
	X(SESSION_REVOKE,                                                      \
	  "UPDATE user_session SET revoked_at = ? WHERE id = ? AND"            \
	  " revoked_at IS NULL")                                               \
	/* 1: revoked_at, 2: user id. Revokes every open session of a user    \
	 * (after a password change). No rows. */                             \
	X(SESSION_REVOKE_USER,                                                 \
	  "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND"       \
	  " revoked_at IS NULL")

#endif
