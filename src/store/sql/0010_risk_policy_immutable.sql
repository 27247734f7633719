-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 10: published versions of the shared risk protocol are
-- never edited or removed; agencies publish a new version instead, and
-- every assessment keeps pointing at the exact text that produced it.

CREATE TRIGGER risk_policy_no_update BEFORE UPDATE ON risk_policy
BEGIN
	SELECT RAISE(ABORT, 'published risk policies are immutable: publish a new version');
END;
CREATE TRIGGER risk_policy_no_delete BEFORE DELETE ON risk_policy
BEGIN
	SELECT RAISE(ABORT, 'published risk policies are immutable: publish a new version');
END;
