-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: entity resolution (src/link/, docs/linking.md).
--
-- person, person_link and link_decision exist since version 1. A run of
-- `cg link` is remembered with its figures and the trained model, so that
-- `cg link explain` and incremental runs use the weights that formed the
-- persons; pairs in the review band and hard-identifier conflicts wait in
-- link_review for an analyst.

CREATE TABLE link_run (
	id               INTEGER PRIMARY KEY,
	started_at       TEXT NOT NULL,
	finished_at      TEXT NOT NULL,
	user_id          INTEGER REFERENCES app_user(id),
	mode             TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
	records          INTEGER NOT NULL,
	pairs            INTEGER NOT NULL,
	persons          INTEGER NOT NULL,
	review           INTEGER NOT NULL,
	conflicts        INTEGER NOT NULL,
	threshold        REAL NOT NULL,
	review_threshold REAL NOT NULL,
	params           TEXT NOT NULL   -- the model: "prior W" then "COMPARISON LEVEL M U" lines
);

CREATE TABLE link_review (
	id         INTEGER PRIMARY KEY,
	run_id     INTEGER NOT NULL REFERENCES link_run(id),
	record_a   INTEGER NOT NULL REFERENCES source_record(id),
	record_b   INTEGER NOT NULL REFERENCES source_record(id),
	weight     REAL NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('review', 'conflict')),
	detail     TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'decided'))
);
CREATE INDEX link_review_a ON link_review(record_a);
CREATE INDEX link_review_b ON link_review(record_b);
