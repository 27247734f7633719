-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 14: external networks. An analyst imports a plain edge
-- list (a seized phone's contacts, a published case study) through an
-- import profile with `edge` and `node` tables, and analyses it like the
-- store's own network (docs/network-exchange.md).
--
-- A network is one labelled row: the label (same columns and rules as
-- source_record's) decides who may see the whole network; its nodes and
-- edges carry no label of their own. Nodes are keyed by the external key
-- (not a person: no entity resolution runs on them). An edge is
-- recognised again by the file it came from and its line, so importing the
-- same file twice changes nothing and an edited file updates its lines.

CREATE TABLE external_network (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	description   TEXT,
	created_by    INTEGER NOT NULL REFERENCES app_user(id),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,    -- the last import that changed it
	owner_agency_id     INTEGER NOT NULL REFERENCES agency(id),
	classification      TEXT NOT NULL CHECK (classification = 'OFFICIAL' OR
	                        classification = 'OFFICIAL-SENSITIVE' OR
	                        classification = 'SECRET' OR classification = 'TOP SECRET'),
	handling_code       TEXT NOT NULL CHECK (handling_code IN ('P', 'C')),
	handling_conditions TEXT,
	compartments        TEXT NOT NULL DEFAULT '',
	flag_contact        TEXT,
	restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	CHECK ((handling_code = 'P' AND handling_conditions IS NULL) OR
	       (handling_code = 'C' AND length(handling_conditions) > 0)),
	UNIQUE (owner_agency_id, name)
);
CREATE INDEX external_network_name ON external_network(name);

CREATE TABLE external_node (
	id            INTEGER PRIMARY KEY,
	network_id    INTEGER NOT NULL REFERENCES external_network(id),
	key           TEXT NOT NULL CHECK (length(key) > 0),
	label         TEXT,
	group_name    TEXT,
	attributes    TEXT,             -- JSON object of further attributes; NULL for none
	batch_id      INTEGER REFERENCES import_batch(id),
	UNIQUE (network_id, key)
);

CREATE TABLE external_edge (
	id             INTEGER PRIMARY KEY,
	network_id     INTEGER NOT NULL REFERENCES external_network(id),
	source_node_id INTEGER NOT NULL REFERENCES external_node(id),
	target_node_id INTEGER NOT NULL REFERENCES external_node(id),
	weight         REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
	occurred_at    TEXT,            -- YYYY-MM-DD; NULL when the row gave none
	file           TEXT NOT NULL,   -- the file name (without directory) it came from
	line           INTEGER NOT NULL CHECK (line >= 1),
	batch_id       INTEGER REFERENCES import_batch(id),
	CHECK (source_node_id <> target_node_id),
	UNIQUE (network_id, file, line)
);
