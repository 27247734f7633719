-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 11: the same rules on source records and events, checked
-- at a fraction of the cost.
--
-- SQLite evaluates a CHECK of the form `col IN ('a', 'b', 'c', ...)` (three
-- or more constants) by building a temporary b-tree of the list, and inside
-- a CHECK constraint it builds it again for every row written: a third of
-- an import's time went there (issue 4). Written as a chain of comparisons
-- the rule is the same (NULL still passes where it passed) and costs a few
-- string compares. Only the two tables an import writes a row into for
-- almost every source row are rebuilt; the others keep their IN lists.
-- SQLite cannot change a CHECK in place, so both tables are rebuilt with
-- their rows, ids and indexes as they were.

-- cg:rebuilds-tables (the runner turns foreign keys off around this
-- migration and checks every reference before it commits).

CREATE TABLE source_record_v11 (
	id               INTEGER PRIMARY KEY,
	agency_id        INTEGER NOT NULL REFERENCES agency(id),
	source_system    TEXT NOT NULL,
	source_record_id TEXT NOT NULL,
	version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	is_current       INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
	batch_id         INTEGER REFERENCES import_batch(id),
	content_hash     TEXT NOT NULL,
	sex              TEXT CHECK (sex = 'M' OR sex = 'F' OR sex = 'X' OR sex = 'U'),
	raw              TEXT,            -- the row as imported (JSON object)
	created_at       TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification = 'OFFICIAL' OR
	                        classification = 'OFFICIAL-SENSITIVE' OR
	                        classification = 'SECRET' OR classification = 'TOP SECRET'),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	subject_category    TEXT NOT NULL DEFAULT 'other' CHECK (subject_category = 'suspect' OR
	                        subject_category = 'convicted' OR subject_category = 'victim' OR
	                        subject_category = 'witness' OR subject_category = 'other'),
	statement_basis     TEXT NOT NULL DEFAULT 'fact' CHECK (statement_basis IN ('fact', 'assessment')),
	withdrawn_at     TEXT,
	forenames        TEXT NOT NULL DEFAULT '',
	surname          TEXT NOT NULL DEFAULT '',
	forename_norm    TEXT NOT NULL DEFAULT '',
	surname_norm     TEXT NOT NULL DEFAULT '',
	dob              TEXT,            -- YYYY-MM-DD when it parsed
	dob_raw          TEXT,            -- as the export gave it
	postcode         TEXT NOT NULL DEFAULT '',
	postcode_norm    TEXT NOT NULL DEFAULT '',
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0)),
	UNIQUE (agency_id, source_system, source_record_id, version)
);
INSERT INTO source_record_v11 SELECT id, agency_id, source_system, source_record_id, version,
	is_current, batch_id, content_hash, sex, raw, created_at, owner_agency_id, classification,
	handling_code, handling_conditions, compartments, flag_contact, restricted,
	subject_category, statement_basis, withdrawn_at, forenames, surname, forename_norm,
	surname_norm, dob, dob_raw, postcode, postcode_norm FROM source_record;
DROP TABLE source_record;
ALTER TABLE source_record_v11 RENAME TO source_record;
CREATE UNIQUE INDEX source_record_current
	ON source_record(agency_id, source_system, source_record_id) WHERE is_current = 1;
CREATE INDEX source_record_name ON source_record(surname_norm, forename_norm);

CREATE TABLE event_v11 (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind = 'reception' OR kind = 'transfer' OR
	                   kind = 'wing_move' OR kind = 'release' OR kind = 'recall' OR
	                   kind = 'visit' OR kind = 'call' OR kind = 'transaction' OR
	                   kind = 'incident' OR kind = 'arrest' OR kind = 'conviction' OR
	                   kind = 'supervision_start' OR kind = 'supervision_end' OR
	                   kind = 'other'),
	occurred_at   TEXT NOT NULL,
	ended_at      TEXT,
	location_id   INTEGER REFERENCES location(id),
	details       TEXT,               -- JSON object
	source_record_id INTEGER REFERENCES source_record(id),
	batch_id      INTEGER REFERENCES import_batch(id),
	external_id   TEXT,               -- the event's id in the source system
	created_at    TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification = 'OFFICIAL' OR
	                        classification = 'OFFICIAL-SENSITIVE' OR
	                        classification = 'SECRET' OR classification = 'TOP SECRET'),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	statement_basis     TEXT NOT NULL DEFAULT 'fact' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
INSERT INTO event_v11 SELECT id, kind, occurred_at, ended_at, location_id, details,
	source_record_id, batch_id, external_id, created_at, owner_agency_id, classification,
	handling_code, handling_conditions, compartments, flag_contact, restricted,
	statement_basis FROM event;
DROP TABLE event;
ALTER TABLE event_v11 RENAME TO event;
CREATE INDEX event_time ON event(kind, occurred_at);
CREATE INDEX event_location ON event(location_id, occurred_at);
CREATE UNIQUE INDEX event_external ON event(owner_agency_id, external_id)
	WHERE external_id IS NOT NULL;
CREATE INDEX event_subject ON event(source_record_id, occurred_at);
