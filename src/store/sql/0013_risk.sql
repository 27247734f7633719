-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 13: risk assessments in use — the date an assessment was
-- computed as of (so the same data, policy and date always give the same
-- result), who confirmed or overrode the tier, and tier changes as events
-- that alerts can subscribe to.

ALTER TABLE risk_assessment ADD COLUMN as_of TEXT;
ALTER TABLE risk_assessment ADD COLUMN management_reason TEXT;
-- A hash of the factors and their evidence: a re-run stores a new
-- assessment only when the result differs.
ALTER TABLE risk_assessment ADD COLUMN fingerprint TEXT;
CREATE INDEX risk_assessment_policy ON risk_assessment(policy_id);

-- A person's (or group's) computed tier changed from one assessment to the
-- next; from_tier is NULL for a first assessment.
CREATE TABLE risk_tier_change (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER REFERENCES person(id),
	ocg_id        INTEGER REFERENCES ocg(id),
	assessment_id INTEGER NOT NULL REFERENCES risk_assessment(id),
	from_tier     TEXT CHECK (from_tier IN ('high', 'medium', 'low')),
	to_tier       TEXT NOT NULL CHECK (to_tier IN ('high', 'medium', 'low')),
	at            TEXT NOT NULL,
	CHECK ((person_id IS NULL) <> (ocg_id IS NULL))
);
CREATE INDEX risk_tier_change_at ON risk_tier_change(at);
