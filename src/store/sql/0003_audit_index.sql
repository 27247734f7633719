-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: index audit_record by entry, so verification walks the
-- index rows in sequence order and reports join on seq without a scan.
CREATE INDEX audit_record_seq ON audit_record(seq);
