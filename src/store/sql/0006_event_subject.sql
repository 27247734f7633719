-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: an event's subject is event.source_record_id (the
-- record of the person the event is about: the prisoner moved, visited or
-- calling); event_party lists only the other parties (a visitor, a phone
-- number). One row fewer per event, and a person's timeline is an index
-- range on event.
CREATE INDEX event_subject ON event(source_record_id, occurred_at);
DELETE FROM event_party WHERE role = 'subject' AND record_id =
	(SELECT e.source_record_id FROM event e WHERE e.id = event_party.event_id);
