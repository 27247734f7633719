/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * record_internal.h - what record.c and record_change.c share (model
 * layer, internal).
 */
#ifndef CG_MODEL_RECORD_INTERNAL_H
#define CG_MODEL_RECORD_INTERNAL_H

/* Column numbers of CG_RECORD_COLUMNS (store/q_record.h). */
enum {
	COL_ID, COL_OWNER_CODE, COL_SYSTEM, COL_SOURCE_ID, COL_VERSION, COL_FORENAMES,
	COL_SURNAME, COL_DOB, COL_SEX, COL_CLASSIFICATION, COL_HANDLING, COL_CONDITIONS,
	COL_COMPARTMENTS, COL_FLAG_CONTACT, COL_RESTRICTED, COL_SUBJECT_CATEGORY,
	COL_STATEMENT_BASIS, COL_WITHDRAWN, COL_OWNER_ID,
};

#endif
