-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: a source record carries its primary name, date of birth
-- and postcode itself.
--
-- Import writes one row per record instead of four, and entity resolution
-- reads the attributes it compares in one scan. source_name keeps the other
-- names (aliases, previous names), source_dob other dates of birth,
-- source_address full and previous addresses.

ALTER TABLE source_record ADD COLUMN forenames TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN surname TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN forename_norm TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN surname_norm TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN dob TEXT;            -- YYYY-MM-DD when it parsed
ALTER TABLE source_record ADD COLUMN dob_raw TEXT;        -- as the export gave it
ALTER TABLE source_record ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN postcode_norm TEXT NOT NULL DEFAULT '';

-- Move what earlier versions stored in the side tables.
UPDATE source_record SET
	forenames = coalesce((SELECT forenames FROM source_name n WHERE n.record_id = source_record.id
		AND n.kind = 'primary' ORDER BY n.id LIMIT 1), ''),
	surname = coalesce((SELECT surname FROM source_name n WHERE n.record_id = source_record.id
		AND n.kind = 'primary' ORDER BY n.id LIMIT 1), ''),
	forename_norm = coalesce((SELECT forename_norm FROM source_name n WHERE n.record_id = source_record.id
		AND n.kind = 'primary' ORDER BY n.id LIMIT 1), ''),
	surname_norm = coalesce((SELECT surname_norm FROM source_name n WHERE n.record_id = source_record.id
		AND n.kind = 'primary' ORDER BY n.id LIMIT 1), ''),
	dob = (SELECT dob FROM source_dob d WHERE d.record_id = source_record.id ORDER BY d.id LIMIT 1),
	dob_raw = (SELECT raw FROM source_dob d WHERE d.record_id = source_record.id ORDER BY d.id LIMIT 1),
	postcode = coalesce((SELECT postcode FROM source_address a WHERE a.record_id = source_record.id
		AND a.is_current = 1 ORDER BY a.id LIMIT 1), ''),
	postcode_norm = coalesce((SELECT postcode_norm FROM source_address a WHERE a.record_id = source_record.id
		AND a.is_current = 1 ORDER BY a.id LIMIT 1), '');
DELETE FROM source_name WHERE kind = 'primary';
DELETE FROM source_dob WHERE id IN (SELECT min(id) FROM source_dob GROUP BY record_id);

-- Name keys now live on the record; indexes no lookup uses are dropped, as
-- each one costs every import.
DROP INDEX source_name_surname;
DROP INDEX source_dob_value;
DROP INDEX source_address_postcode;
DROP INDEX source_record_batch;
CREATE INDEX source_record_name ON source_record(surname_norm, forename_norm);
CREATE INDEX source_name_names ON source_name(surname_norm, forename_norm);
