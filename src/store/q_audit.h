/* SPDX-License-Identifier: GPL-3.0-or-later */
/* q_audit.h - queries of the audit log (store layer). See queries.h. */
#ifndef CG_STORE_Q_AUDIT_H
#define CG_STORE_Q_AUDIT_H
#define CG_QUERIES_AUDIT(X)
#endif
