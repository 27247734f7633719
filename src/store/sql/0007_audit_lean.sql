-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: fewer pages written per audit entry.
--
-- Every consultation appends an entry, so each index on the audit tables is
-- a page written per read. The chain's integrity rests on the recomputed
-- hashes and the sequence numbers (the primary key), not on an index; the
-- reports look entries up by record (audit_record) and by username.
-- SQLite cannot drop a UNIQUE constraint, so the entry table is rebuilt
-- with its rows and triggers as they were.

-- cg:rebuilds-tables (the runner turns foreign keys off around this
-- migration and checks every reference before it commits).

DROP INDEX audit_entry_user;
DROP INDEX audit_entry_op;
DROP TRIGGER audit_entry_no_update;
DROP TRIGGER audit_entry_no_delete;
DROP TRIGGER audit_record_no_update;
DROP TRIGGER audit_record_no_delete;

CREATE TABLE audit_entry_v7 (
	seq           INTEGER PRIMARY KEY,
	at            TEXT NOT NULL,
	user_id       INTEGER,
	username      TEXT NOT NULL,
	agency_code   TEXT NOT NULL,
	operation     TEXT NOT NULL CHECK (operation IN ('collection', 'alteration', 'consultation',
	                   'disclosure', 'combination', 'erasure', 'administration', 'authentication')),
	justification TEXT,
	recipients    TEXT,
	records       TEXT NOT NULL,
	detail        TEXT,
	prev_hash     TEXT NOT NULL,
	hash          TEXT NOT NULL
);
INSERT INTO audit_entry_v7 SELECT seq, at, user_id, username, agency_code, operation,
	justification, recipients, records, detail, prev_hash, hash FROM audit_entry;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_v7 RENAME TO audit_entry;
CREATE INDEX audit_entry_username ON audit_entry(username, seq);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
	SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
	SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record
BEGIN
	SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record
BEGIN
	SELECT RAISE(ABORT, 'audit entries are append-only');
END;
