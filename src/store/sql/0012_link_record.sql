-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 12: what an incremental `cg link` reads instead of the
-- whole store (src/link/, docs/linking.md "Incremental runs").
--
-- link_record holds, for every record a run linked, exactly what the
-- linker compares: the normalised first forename, surname, date of birth,
-- postcode and sex, the other names and the valid identifiers. One narrow
-- row per record, so an incremental run scans about 80 bytes a record
-- instead of the source record with its raw row, its names and its
-- identifiers through three joins. A run that reads source_record (a full
-- run) rewrites the table; an incremental run adds its new records and
-- removes the records no longer current. No REFERENCES: each full run
-- writes a million rows in one go, and the rows are the linker's own copy.
--
-- link_run.high_water is the largest record id the run linked (0 for runs
-- before this version): every current record up to it has a link_record
-- row, so the records an incremental run must add are those above it.
--
-- source_record_stale lists the rows that are no longer current or were
-- withdrawn (few: old versions and withdrawals), so finding the links a run
-- must remove no longer scans every record.

CREATE TABLE link_record (
	record_id INTEGER PRIMARY KEY,     -- source_record id
	forename  TEXT NOT NULL,           -- first forename, normalised ('' none)
	surname   TEXT NOT NULL,           -- normalised ('' none)
	dob       INTEGER NOT NULL,        -- YYYYMMDD, 0 unknown
	postcode  TEXT NOT NULL,           -- normalised ('' none)
	sex       TEXT NOT NULL,           -- 'M', 'F', 'X' or '' (unknown)
	aliases   TEXT NOT NULL,           -- other names: "FORENAME<US>SURNAME" joined by <RS>
	idents    TEXT NOT NULL            -- "KIND<US>VALUE<US>H" (H 1 hard, 0 soft) joined by <RS>
);

ALTER TABLE link_run ADD COLUMN high_water INTEGER NOT NULL DEFAULT 0;

CREATE INDEX source_record_stale ON source_record(id)
	WHERE is_current = 0 OR withdrawn_at IS NOT NULL;
