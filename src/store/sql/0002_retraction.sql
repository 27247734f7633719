-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: withdrawal of source records and retraction notices.
--
-- When an owner withdraws or corrects a row that others consulted or
-- received, each such agency gets a notice. Who they are comes from the
-- audit log (audit_record joined to audit_entry), so notices are derived
-- from the same evidence an auditor would use.

ALTER TABLE source_record ADD COLUMN withdrawn_at TEXT;

CREATE TABLE retraction_notice (
	id          INTEGER PRIMARY KEY,
	record_kind TEXT NOT NULL,
	record_id   INTEGER NOT NULL,
	agency_code TEXT NOT NULL,         -- the agency told
	owner_agency_id INTEGER NOT NULL REFERENCES agency(id),
	kind        TEXT NOT NULL CHECK (kind IN ('withdrawn', 'corrected')),
	reason      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	created_by  INTEGER REFERENCES app_user(id),
	acknowledged_at TEXT,
	UNIQUE (record_kind, record_id, agency_code, kind, created_at)
);
CREATE INDEX retraction_notice_agency ON retraction_notice(agency_code, created_at);
