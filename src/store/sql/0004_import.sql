-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: what idempotent import needs. Rows that come from an
-- agency's export are recognised again by the owner's own id for them, so
-- importing the same file twice changes nothing.

ALTER TABLE association ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX association_external ON association(owner_agency_id, external_id)
	WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX ocg_external ON ocg(owner_agency_id, external_id)
	WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX membership_record_role ON membership(ocg_id, record_id, role)
	WHERE record_id IS NOT NULL;
-- Counterparts and warnings of an import, per batch.
ALTER TABLE import_batch ADD COLUMN rows_warned INTEGER NOT NULL DEFAULT 0;
