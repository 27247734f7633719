-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: the whole data model of DESIGN.md.
--
-- Conventions, so later migrations extend rather than rewrite:
--  * Every table has an INTEGER PRIMARY KEY `id` (except pure link tables).
--  * Times are UTC ISO 8601 text ('YYYY-MM-DDTHH:MM:SSZ'); dates 'YYYY-MM-DD'.
--  * Every intelligence-bearing row carries the trust columns:
--      owner_agency_id      the agency that owns the row and decides its sharing
--      classification       OFFICIAL | OFFICIAL-SENSITIVE | SECRET | TOP SECRET
--      handling_code        P (lawful sharing permitted) | C (with conditions)
--      handling_conditions  for C: the agencies or agency types it may go to,
--                           e.g. 'agency:MPS,type:prison'; NULL for P
--      compartments         sorted, comma-separated compartment codes; '' if none
--      flag_contact         when set, those who may not see the row are told that
--                           the owner holds further information, and whom to
--                           contact; NULL means no flag (silent)
--      restricted           1 while kept but shown to nobody but the owner
--  * Rows about people also record the data subject's category and whether
--    the row states a fact or an assessment (DPA 2018 Part 3, s.38).
--  * Provenance of imported rows: agency, source system, source record id,
--    import batch, version.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- ---- who ---------------------------------------------------------------

CREATE TABLE agency (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
	name       TEXT NOT NULL,
	type       TEXT NOT NULL CHECK (type IN ('police_force', 'prison', 'probation',
	                                         'regional_unit', 'national_unit')),
	level      TEXT NOT NULL CHECK (level IN ('local', 'regional', 'national')),
	parent_id  INTEGER REFERENCES agency(id),
	contact    TEXT,
	created_at TEXT NOT NULL
);

CREATE TABLE app_user (
	id              INTEGER PRIMARY KEY,
	agency_id       INTEGER NOT NULL REFERENCES agency(id),
	username        TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
	display_name    TEXT NOT NULL,
	clearance       TEXT NOT NULL CHECK (clearance IN ('OFFICIAL', 'SECRET', 'TOP SECRET')),
	is_service      INTEGER NOT NULL DEFAULT 0 CHECK (is_service IN (0, 1)),
	password_hash   TEXT,             -- Argon2id string from crypto_pwhash_str; NULL: no login
	failed_logins   INTEGER NOT NULL DEFAULT 0,
	locked_until    TEXT,
	disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at      TEXT NOT NULL
);
CREATE INDEX app_user_agency ON app_user(agency_id);

CREATE TABLE user_role (
	user_id INTEGER NOT NULL REFERENCES app_user(id),
	role    TEXT NOT NULL CHECK (role IN ('analyst', 'pio', 'officer', 'supervisor',
	                                      'admin', 'auditor')),
	PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

CREATE TABLE compartment (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	name            TEXT NOT NULL,
	owner_agency_id INTEGER NOT NULL REFERENCES agency(id),
	created_at      TEXT NOT NULL
);

CREATE TABLE user_compartment (
	user_id        INTEGER NOT NULL REFERENCES app_user(id),
	compartment_id INTEGER NOT NULL REFERENCES compartment(id),
	PRIMARY KEY (user_id, compartment_id)
) WITHOUT ROWID;

-- Session tokens are random; only their hash is stored.
CREATE TABLE user_session (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES app_user(id),
	token_hash  BLOB NOT NULL UNIQUE,
	created_at  TEXT NOT NULL,
	expires_at  TEXT NOT NULL,
	revoked_at  TEXT
);
CREATE INDEX user_session_user ON user_session(user_id);

-- ---- provenance: imports and source records ----------------------------

CREATE TABLE import_batch (
	id           INTEGER PRIMARY KEY,
	agency_id    INTEGER NOT NULL REFERENCES agency(id),
	user_id      INTEGER NOT NULL REFERENCES app_user(id),
	profile      TEXT NOT NULL,
	source_system TEXT NOT NULL,
	file_name    TEXT NOT NULL,
	file_hash    TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
	started_at   TEXT NOT NULL,
	finished_at  TEXT,
	rows_read    INTEGER NOT NULL DEFAULT 0,
	rows_stored  INTEGER NOT NULL DEFAULT 0,
	rows_unchanged INTEGER NOT NULL DEFAULT 0,
	rows_updated INTEGER NOT NULL DEFAULT 0,
	rows_rejected INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_batch_file ON import_batch(agency_id, file_hash);

-- One row of one agency's system, as imported. A changed row becomes a new
-- version; the old version stays with is_current = 0.
CREATE TABLE source_record (
	id               INTEGER PRIMARY KEY,
	agency_id        INTEGER NOT NULL REFERENCES agency(id),
	source_system    TEXT NOT NULL,
	source_record_id TEXT NOT NULL,
	version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	is_current       INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
	batch_id         INTEGER REFERENCES import_batch(id),
	content_hash     TEXT NOT NULL,
	sex              TEXT CHECK (sex IN ('M', 'F', 'X', 'U')),
	raw              TEXT,            -- the row as imported (JSON object)
	created_at       TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	subject_category    TEXT NOT NULL DEFAULT 'other' CHECK (subject_category IN ('suspect', 'convicted', 'victim', 'witness', 'other')),
	statement_basis     TEXT NOT NULL DEFAULT 'fact' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0)),
	UNIQUE (agency_id, source_system, source_record_id, version)
);
CREATE UNIQUE INDEX source_record_current
	ON source_record(agency_id, source_system, source_record_id) WHERE is_current = 1;
CREATE INDEX source_record_batch ON source_record(batch_id);

-- Identifiers held on a source record. value_norm is the validated canonical
-- form, NULL when the raw text failed validation (kept, never "corrected").
CREATE TABLE source_identifier (
	id         INTEGER PRIMARY KEY,
	record_id  INTEGER NOT NULL REFERENCES source_record(id),
	kind       TEXT NOT NULL,         -- pnc, cro, prison_number, crn, or a profile's own kind
	value_raw  TEXT NOT NULL,
	value_norm TEXT,
	is_hard    INTEGER NOT NULL DEFAULT 0 CHECK (is_hard IN (0, 1))
);
CREATE INDEX source_identifier_record ON source_identifier(record_id);
CREATE INDEX source_identifier_value ON source_identifier(kind, value_norm)
	WHERE value_norm IS NOT NULL;

CREATE TABLE source_name (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES source_record(id),
	kind        TEXT NOT NULL DEFAULT 'primary' CHECK (kind IN ('primary', 'alias', 'nickname', 'maiden', 'previous')),
	forenames   TEXT NOT NULL DEFAULT '',
	surname     TEXT NOT NULL DEFAULT '',
	forename_norm TEXT NOT NULL DEFAULT '',  -- base/name.h normalisation
	surname_norm  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX source_name_record ON source_name(record_id);
CREATE INDEX source_name_surname ON source_name(surname_norm, forename_norm);

CREATE TABLE source_dob (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES source_record(id),
	dob       TEXT,                   -- YYYY-MM-DD when it parsed
	raw       TEXT NOT NULL
);
CREATE INDEX source_dob_record ON source_dob(record_id);
CREATE INDEX source_dob_value ON source_dob(dob);

CREATE TABLE source_address (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES source_record(id),
	lines       TEXT NOT NULL DEFAULT '',
	town        TEXT NOT NULL DEFAULT '',
	postcode    TEXT NOT NULL DEFAULT '',
	postcode_norm TEXT NOT NULL DEFAULT '',  -- upper case, single space before inward code
	valid_from  TEXT,
	valid_to    TEXT,
	is_current  INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1))
);
CREATE INDEX source_address_record ON source_address(record_id);
CREATE INDEX source_address_postcode ON source_address(postcode_norm);

-- ---- persons: resolved individuals ------------------------------------

CREATE TABLE person (
	id          INTEGER PRIMARY KEY,
	status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'retired')),
	merged_into INTEGER REFERENCES person(id),
	formed_by   TEXT NOT NULL DEFAULT '',   -- how the cluster was decided (summary)
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);

-- Which person each source record belongs to, and how that was decided.
CREATE TABLE person_link (
	record_id  INTEGER PRIMARY KEY REFERENCES source_record(id),
	person_id  INTEGER NOT NULL REFERENCES person(id),
	method     TEXT NOT NULL CHECK (method IN ('hard_identifier', 'model', 'analyst', 'singleton')),
	match_weight REAL,
	decided_by INTEGER REFERENCES app_user(id),
	decided_at TEXT NOT NULL,
	reason     TEXT
);
CREATE INDEX person_link_person ON person_link(person_id);

-- Analyst decisions about pairs or clusters; they survive re-runs.
CREATE TABLE link_decision (
	id          INTEGER PRIMARY KEY,
	decision    TEXT NOT NULL CHECK (decision IN ('confirm', 'reject', 'split', 'merge')),
	record_a    INTEGER NOT NULL REFERENCES source_record(id),
	record_b    INTEGER REFERENCES source_record(id),
	user_id     INTEGER NOT NULL REFERENCES app_user(id),
	reason      TEXT NOT NULL,
	decided_at  TEXT NOT NULL
);
CREATE INDEX link_decision_a ON link_decision(record_a);
CREATE INDEX link_decision_b ON link_decision(record_b);

-- ---- POLE: objects, locations, events, associations --------------------

CREATE TABLE object (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('phone', 'handset', 'vehicle', 'bank_account', 'address', 'email', 'other')),
	value_norm TEXT NOT NULL,
	value_raw  TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (kind, value_norm)
);

CREATE TABLE location (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('establishment', 'wing', 'cell', 'address', 'area')),
	code       TEXT,
	name       TEXT NOT NULL,
	parent_id  INTEGER REFERENCES location(id),
	postcode   TEXT,
	agency_id  INTEGER REFERENCES agency(id),  -- the prison that runs an establishment
	created_at TEXT NOT NULL
);
-- coalesce: NULL parents would otherwise never collide, and an establishment
-- could be created twice.
CREATE UNIQUE INDEX location_code ON location(kind, code, coalesce(parent_id, 0));
CREATE INDEX location_parent ON location(parent_id);

CREATE TABLE event (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind IN ('reception', 'transfer', 'wing_move', 'release',
	                   'recall', 'visit', 'call', 'transaction', 'incident', 'arrest',
	                   'conviction', 'supervision_start', 'supervision_end', 'other')),
	occurred_at   TEXT NOT NULL,
	ended_at      TEXT,
	location_id   INTEGER REFERENCES location(id),
	details       TEXT,               -- JSON object
	source_record_id INTEGER REFERENCES source_record(id),
	batch_id      INTEGER REFERENCES import_batch(id),
	external_id   TEXT,               -- the event's id in the source system
	created_at    TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	statement_basis     TEXT NOT NULL DEFAULT 'fact' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX event_time ON event(kind, occurred_at);
CREATE INDEX event_location ON event(location_id, occurred_at);
CREATE UNIQUE INDEX event_external ON event(owner_agency_id, external_id) WHERE external_id IS NOT NULL;

-- Who or what took part in an event: a source record (resolved to a person
-- through person_link), or an object.
CREATE TABLE event_party (
	event_id  INTEGER NOT NULL REFERENCES event(id),
	record_id INTEGER REFERENCES source_record(id),
	object_id INTEGER REFERENCES object(id),
	role      TEXT NOT NULL DEFAULT 'party',  -- prisoner, visitor, caller, callee, payer, payee...
	CHECK ((record_id IS NULL) <> (object_id IS NULL))
);
CREATE INDEX event_party_event ON event_party(event_id);
CREATE INDEX event_party_record ON event_party(record_id);
CREATE INDEX event_party_object ON event_party(object_id);

-- A typed, dated link from a source record to another source record or an
-- object, with its grading and provenance.
CREATE TABLE association (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL,      -- family, associate, co_defendant, cell_mate, uses_phone, ...
	from_record_id INTEGER NOT NULL REFERENCES source_record(id),
	to_record_id  INTEGER REFERENCES source_record(id),
	to_object_id  INTEGER REFERENCES object(id),
	valid_from    TEXT,
	valid_to      TEXT,
	source_evaluation TEXT CHECK (source_evaluation IN ('1', '2', '3')),
	intel_assessment  TEXT CHECK (intel_assessment IN ('A', 'B', 'C', 'D', 'E')),
	batch_id      INTEGER REFERENCES import_batch(id),
	created_at    TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	statement_basis     TEXT NOT NULL DEFAULT 'fact' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK ((to_record_id IS NULL) <> (to_object_id IS NULL)),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX association_from ON association(from_record_id);
CREATE INDEX association_to_record ON association(to_record_id);
CREATE INDEX association_to_object ON association(to_object_id);

-- ---- groups ------------------------------------------------------------

CREATE TABLE ocg (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	aliases     TEXT NOT NULL DEFAULT '',     -- JSON array
	activities  TEXT NOT NULL DEFAULT '',     -- JSON array: drug_supply, firearms, ...
	geography   TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'disrupted', 'archived', 'merged')),
	merged_into INTEGER REFERENCES ocg(id),
	external_id TEXT,
	created_at  TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX ocg_name ON ocg(name);

CREATE TABLE membership (
	id          INTEGER PRIMARY KEY,
	ocg_id      INTEGER NOT NULL REFERENCES ocg(id),
	person_id   INTEGER REFERENCES person(id),
	record_id   INTEGER REFERENCES source_record(id),
	role        TEXT NOT NULL CHECK (role IN ('principal', 'significant', 'peripheral')),
	valid_from  TEXT,
	valid_to    TEXT,
	evidence    TEXT,                 -- free text; supporting reports in intel_subject
	created_at  TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	statement_basis     TEXT NOT NULL DEFAULT 'assessment' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK (person_id IS NOT NULL OR record_id IS NOT NULL),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX membership_ocg ON membership(ocg_id);
CREATE INDEX membership_person ON membership(person_id);
CREATE INDEX membership_record ON membership(record_id);

-- ---- intelligence ------------------------------------------------------

CREATE TABLE intel_report (
	id                INTEGER PRIMARY KEY,
	reference         TEXT NOT NULL UNIQUE,
	body              TEXT,             -- NULL once erased
	sanitised_body    TEXT,
	sanitised_classification TEXT CHECK (sanitised_classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	source_evaluation TEXT NOT NULL CHECK (source_evaluation IN ('1', '2', '3')),
	intel_assessment  TEXT NOT NULL CHECK (intel_assessment IN ('A', 'B', 'C', 'D', 'E')),
	relates_to        TEXT,             -- date the information relates to
	status            TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'erased')),
	submitted_by      INTEGER REFERENCES app_user(id),
	approved_by       INTEGER REFERENCES app_user(id),
	approved_at       TEXT,
	mopi_group        INTEGER CHECK (mopi_group IN (1, 2, 3, 4)),
	review_date       TEXT,
	erased_at         TEXT,
	source_record_id  INTEGER REFERENCES source_record(id),
	batch_id          INTEGER REFERENCES import_batch(id),
	created_at        TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	statement_basis     TEXT NOT NULL DEFAULT 'assessment' CHECK (statement_basis IN ('fact', 'assessment')),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX intel_report_review ON intel_report(review_date);
CREATE INDEX intel_report_owner ON intel_report(owner_agency_id, created_at);

CREATE TABLE intel_subject (
	report_id    INTEGER NOT NULL REFERENCES intel_report(id),
	subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'record', 'ocg', 'object', 'location')),
	subject_id   INTEGER NOT NULL,
	subject_category TEXT NOT NULL DEFAULT 'other' CHECK (subject_category IN ('suspect', 'convicted', 'victim', 'witness', 'other')),
	PRIMARY KEY (report_id, subject_kind, subject_id)
) WITHOUT ROWID;
CREATE INDEX intel_subject_subject ON intel_subject(subject_kind, subject_id);

-- ---- risk --------------------------------------------------------------

-- Published versions of the shared risk protocol; never edited in place.
CREATE TABLE risk_policy (
	id           INTEGER PRIMARY KEY,
	version      INTEGER NOT NULL UNIQUE,
	content      TEXT NOT NULL,
	content_hash TEXT NOT NULL UNIQUE,
	published_by INTEGER NOT NULL REFERENCES app_user(id),
	published_at TEXT NOT NULL
);

CREATE TABLE risk_assessment (
	id           INTEGER PRIMARY KEY,
	person_id    INTEGER REFERENCES person(id),
	ocg_id       INTEGER REFERENCES ocg(id),
	policy_id    INTEGER NOT NULL REFERENCES risk_policy(id),
	score        REAL NOT NULL,
	tier         TEXT NOT NULL CHECK (tier IN ('high', 'medium', 'low')),
	computed_at  TEXT NOT NULL,
	confirmed_by INTEGER REFERENCES app_user(id),
	confirmed_tier TEXT CHECK (confirmed_tier IN ('high', 'medium', 'low')),
	confirmed_reason TEXT,
	confirmed_at TEXT,
	management_level INTEGER CHECK (management_level IN (1, 2, 3)),
	CHECK ((person_id IS NULL) <> (ocg_id IS NULL))
);
CREATE INDEX risk_assessment_person ON risk_assessment(person_id, computed_at);
CREATE INDEX risk_assessment_ocg ON risk_assessment(ocg_id, computed_at);

-- One factor's contribution, pointing at its evidence; carries the evidence's
-- trust columns so a viewer only sees factors resting on what they may see.
CREATE TABLE risk_factor (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES risk_assessment(id),
	factor        TEXT NOT NULL,
	points        REAL NOT NULL,
	evidence_kind TEXT,               -- intel_report, event, membership, association
	evidence_id   INTEGER,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX risk_factor_assessment ON risk_factor(assessment_id);

-- ---- meetings and actions ---------------------------------------------

CREATE TABLE meeting (
	id          INTEGER PRIMARY KEY,
	level       TEXT NOT NULL CHECK (level IN ('local', 'regional', 'national')),
	title       TEXT NOT NULL,
	held_at     TEXT NOT NULL,
	agency_id   INTEGER NOT NULL REFERENCES agency(id),
	minutes     TEXT,
	created_by  INTEGER NOT NULL REFERENCES app_user(id),
	created_at  TEXT NOT NULL
);

CREATE TABLE action (
	id             INTEGER PRIMARY KEY,
	meeting_id     INTEGER REFERENCES meeting(id),
	title          TEXT NOT NULL,
	tactic         TEXT,
	subject_kind   TEXT CHECK (subject_kind IN ('person', 'ocg')),
	subject_id     INTEGER,
	owner_user_id  INTEGER REFERENCES app_user(id),
	due_date       TEXT,
	status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
	outcome        TEXT,
	created_at     TEXT NOT NULL,
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0))
);
CREATE INDEX action_meeting ON action(meeting_id);
CREATE INDEX action_owner ON action(owner_user_id, status);
CREATE INDEX action_subject ON action(subject_kind, subject_id);

-- ---- audit (DPA 2018 s.62) ---------------------------------------------

-- Append-only and hash-chained: hash = BLAKE2b(prev_hash || canonical
-- content). The triggers below refuse updates and deletes; access/audit.c
-- writes and verifies the chain.
CREATE TABLE audit_entry (
	seq           INTEGER PRIMARY KEY,
	at            TEXT NOT NULL,
	user_id       INTEGER,
	username      TEXT NOT NULL,
	agency_code   TEXT NOT NULL,
	operation     TEXT NOT NULL CHECK (operation IN ('collection', 'alteration', 'consultation',
	                   'disclosure', 'combination', 'erasure', 'administration', 'authentication')),
	justification TEXT,
	recipients    TEXT,
	records       TEXT NOT NULL,      -- JSON array of "kind:id" strings touched
	detail        TEXT,
	prev_hash     TEXT NOT NULL,
	hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entry_user ON audit_entry(user_id, at);
CREATE INDEX audit_entry_op ON audit_entry(operation, at);

-- Which records each entry touched, for "who saw this" and retraction
-- notices. Derived from audit_entry.records (which the hash covers).
CREATE TABLE audit_record (
	seq         INTEGER NOT NULL REFERENCES audit_entry(seq),
	record_kind TEXT NOT NULL,
	record_id   INTEGER NOT NULL,
	PRIMARY KEY (record_kind, record_id, seq)
) WITHOUT ROWID;

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
