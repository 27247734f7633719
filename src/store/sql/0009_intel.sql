-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 9: intelligence reports in use — full-text search, the
-- approval decision, MoPI review decisions, and the reports that support
-- an OCG membership.

-- Full-text index over what a report says (body and sanitised version),
-- kept in step with intel_report by the triggers below. An erased report
-- (body NULL) leaves the index.
CREATE VIRTUAL TABLE intel_fts USING fts5(
	body, sanitised_body,
	content = 'intel_report', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER intel_fts_insert AFTER INSERT ON intel_report
BEGIN
	INSERT INTO intel_fts(rowid, body, sanitised_body)
		VALUES (NEW.id, NEW.body, NEW.sanitised_body);
END;
CREATE TRIGGER intel_fts_update AFTER UPDATE OF body, sanitised_body ON intel_report
BEGIN
	INSERT INTO intel_fts(intel_fts, rowid, body, sanitised_body)
		VALUES ('delete', OLD.id, OLD.body, OLD.sanitised_body);
	INSERT INTO intel_fts(rowid, body, sanitised_body)
		VALUES (NEW.id, NEW.body, NEW.sanitised_body);
END;
INSERT INTO intel_fts(intel_fts) VALUES ('rebuild');

-- Why a supervisor rejected a report (approval is approved_by/approved_at).
ALTER TABLE intel_report ADD COLUMN decision_reason TEXT;

-- MoPI: every report has a group and a review date from it. Reports that
-- arrive without one (imports) are group 3 ("all other offences"), first
-- reviewed six years after the date the information relates to. The
-- periods live here and in model/intel.c's table (docs/intelligence.md).
UPDATE intel_report SET mopi_group = 3 WHERE mopi_group IS NULL;
UPDATE intel_report SET review_date =
	date(coalesce(relates_to, substr(created_at, 1, 10)), '+6 years')
	WHERE review_date IS NULL;
CREATE TRIGGER intel_mopi_default AFTER INSERT ON intel_report
	WHEN NEW.mopi_group IS NULL OR NEW.review_date IS NULL
BEGIN
	UPDATE intel_report SET
		mopi_group = coalesce(NEW.mopi_group, 3),
		review_date = coalesce(NEW.review_date,
			date(coalesce(NEW.relates_to, substr(NEW.created_at, 1, 10)),
			     CASE coalesce(NEW.mopi_group, 3) WHEN 1 THEN '+10 years'
			          WHEN 2 THEN '+10 years' ELSE '+6 years' END))
		WHERE id = NEW.id;
END;

-- Review decisions (retain or erase), kept when the content is erased.
CREATE TABLE intel_review (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES intel_report(id),
	decision    TEXT NOT NULL CHECK (decision IN ('retain', 'erase')),
	reason      TEXT NOT NULL,
	user_id     INTEGER NOT NULL REFERENCES app_user(id),
	decided_at  TEXT NOT NULL,
	next_review TEXT
);
CREATE INDEX intel_review_report ON intel_review(report_id);

-- The intelligence that supports a membership.
CREATE TABLE membership_evidence (
	membership_id INTEGER NOT NULL REFERENCES membership(id),
	report_id     INTEGER NOT NULL REFERENCES intel_report(id),
	PRIMARY KEY (membership_id, report_id)
) WITHOUT ROWID;
CREATE INDEX membership_evidence_report ON membership_evidence(report_id);
