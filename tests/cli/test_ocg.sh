#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Organised crime groups end to end through the command line: groups with
# aliases, activities and labels; memberships with roles, dates and
# supporting intelligence, each under its own label; list and show that
# honour visibility (with flags for what the owner lets be known); merging
# two groups that turn out to be one; every step audited.
# Usage: test_ocg.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"

"$cg" init >/dev/null
"$cg" agency add POL --name "Police" --type police_force --level local --contact "Police intel desk" >/dev/null
"$cg" user add root --agency POL --roles admin --clearance SECRET >/dev/null
A=(--as root)
"$cg" "${A[@]}" agency add PRI --name "HMP Example" --type prison --level local >/dev/null
"$cg" "${A[@]}" agency add PRO --name "Probation" --type probation --level regional >/dev/null
for u in "pol.analyst POL analyst SECRET" "pol.sup POL supervisor,analyst SECRET" \
         "pri.pio PRI pio SECRET" "pri.sup PRI supervisor SECRET" "pro.officer PRO officer OFFICIAL" \
         "pol.auditor POL auditor SECRET"; do
	set -- $u
	"$cg" "${A[@]}" user add "$1" --agency "$2" --roles "$3" --clearance "$4" >/dev/null
done
for r in "R1 Nowak Mariusz" "R2 Byrne Kieran" "R3 Osei Kwame"; do
	set -- $r
	"$cg" --as pol.analyst record add --system PNC --id "$1" --surname "$2" --forenames "$3" \
		--category suspect --basis fact --classification OFFICIAL --handling P >/dev/null
done
"$cg" --as pol.analyst link >/dev/null
"$cg" --as pri.pio record add --system NOMIS --id A1234BC --surname Nowak --forenames Mariusz \
	--category convicted --basis fact --classification OFFICIAL --handling C --conditions type:prison >/dev/null
P1=$(sqlite3 "$CG_DB" "SELECT person_id FROM person_link WHERE record_id = 1")
base=(--classification OFFICIAL --handling P)
"$cg" --as pol.analyst intel add --text "NOWAK runs the Holmcroft Crew." --source 1 --assessment B \
	"${base[@]}" --relates-to 2026-01-10 --mopi-group 3 >/dev/null
"$cg" --as pol.analyst intel add --text "Unapproved: BYRNE drives for them." --source 2 --assessment C \
	"${base[@]}" --relates-to 2026-01-10 --mopi-group 3 >/dev/null
"$cg" --as pol.sup intel approve 1 >/dev/null

# --- validation ---
add() { "$cg" --as pol.analyst ocg add "$@"; }
expect 1 "no name" -- add "${base[@]}"
contains err "name: required"
expect 1 "bad activity" -- add --name X --activities "drug_supply,Firearms" "${base[@]}"
contains err "activities: 'Firearms' is not lower-case"
expect 1 "empty alias" -- add --name X --aliases "A,,B" "${base[@]}"
contains err "aliases: empty"
expect 1 "bad status" -- add --name X --status merged "${base[@]}"
contains err "status: 'merged' is not allowed"
expect 1 "no handling" -- add --name X --classification OFFICIAL
contains err "handling code"
expect 1 "auditor may not add" -- "$cg" --as pol.auditor ocg add --name X "${base[@]}"
expect 1 "nor one of no agency" -- "$cg" --as root ocg add --name X "${base[@]}"

# --- groups under different labels ---
expect 0 "open group" -- add --name "Holmcroft Crew" --aliases "HC, The Crew" \
	--activities drug_supply,firearms --geography "Holmcroft estate" "${base[@]}"
contains out "OCG 1 added"
expect 0 "prison-only group, silent" -- "$cg" --as pri.pio ocg add --name "B Wing Network" \
	--activities phones --classification OFFICIAL --handling C --conditions type:prison
expect 0 "prison-only group with a contact" -- "$cg" --as pri.pio ocg add --name "Visits Ring" \
	--classification OFFICIAL --handling C --conditions type:prison --flag-contact "Wing intel"
expect 0 "the same crew under another name" -- add --name "Holmcroft Boys" --status dormant "${base[@]}"
expect 0 "secret group" -- add --name "Stafford Firm" --classification SECRET --handling P

# --- memberships ---
member() { who=$1; shift; "$cg" --as "$who" ocg member add "$@"; }
expect 1 "bad role" -- member pol.analyst 1 --record 1 --role boss "${base[@]}"
contains err "role: 'boss' is not allowed"
expect 1 "unknown OCG" -- member pol.analyst 99 --record 1 --role principal "${base[@]}"
contains err "OCG 99 not found"
expect 2 "person or record" -- member pol.analyst 1 --role principal "${base[@]}"
expect 2 "not both" -- member pol.analyst 1 --person 1 --record 1 --role principal "${base[@]}"
expect 1 "hidden record" -- member pol.analyst 1 --record 4 --role principal "${base[@]}"
contains err "no record 4 that you may see"
expect 1 "unknown person" -- member pol.analyst 1 --person 999 --role principal "${base[@]}"
contains err "no person 999"
expect 1 "unapproved report of another agency" -- member pri.pio 1 --record 2 --role peripheral --evidence 2 "${base[@]}"
contains err "no report 2 that you may see"
expect 1 "dates backwards" -- member pol.analyst 1 --record 1 --role principal --from 2026-02-01 --to 2025-01-01 "${base[@]}"
contains err "to: before from"
expect 1 "hidden OCG" -- member pro.officer 2 --record 1 --role peripheral "${base[@]}"
contains err "OCG 2 not found"
expect 0 "principal with evidence" -- member pol.analyst 1 --record 1 --role principal \
	--from 2025-06-01 --evidence 1,2 "${base[@]}"
contains out "membership 1 added to OCG 1"
expect 1 "same record, same role" -- member pol.analyst 1 --record 1 --role principal "${base[@]}"
contains err "already has that record as principal"
expect 0 "prison's membership, contactable" -- member pri.pio 1 --record 4 --role significant \
	--classification OFFICIAL --handling C --conditions type:prison --flag-contact "Wing intel"
expect 0 "a person directly" -- member pol.analyst 1 --person "$P1" --role significant --to 2026-03-01 "${base[@]}"
expect 0 "secret membership" -- member pol.sup 1 --record 3 --role peripheral --classification SECRET --handling P
sqlite3 "$CG_DB" "SELECT group_concat(report_id) FROM membership_evidence WHERE membership_id = 1" > "$tmp/ev"
equals ev "1,2"

# --- list and show honour visibility ---
expect 1 "list needs a reason" -- "$cg" --as pol.analyst ocg list
expect 0 "police list" -- "$cg" --as pol.analyst --reason r ocg list --format csv
lines out 4; contains out "Holmcroft Crew,POL,active,,OFFICIAL,P,HC;The Crew,drug_supply;firearms"
lacks out "B Wing"; contains out "Stafford Firm"
expect 0 "prison list" -- "$cg" --as pri.pio --reason r ocg list --agency PRI --format csv
lines out 3
expect 0 "probation: no prison-only groups, a flag" -- "$cg" --as pro.officer --reason r ocg list
lacks out "B Wing"; lacks out "Visits Ring"; lacks out "Stafford"
contains out "HMP Example (PRI) holds further information: contact Wing intel"
expect 1 "probation may not show the prison's group" -- "$cg" --as pro.officer --reason r ocg show 2
contains err "OCG 2 not found"
expect 1 "show needs a reason" -- "$cg" --as pol.analyst ocg show 1
expect 0 "police show" -- "$cg" --as pol.analyst --reason "op alpha" ocg show 1
contains out "aliases: HC, The Crew"; contains out "geography: Holmcroft estate"
contains out "membership 1: person $P1 (record 1)  principal  2025-06-01 to now  by POL  evidence: 1,2"
contains out "membership 3: person $P1  significant  ? to 2026-03-01"
contains out "membership 4:"; lacks out "membership 2:"
contains out "HMP Example (PRI) holds further information: contact Wing intel"
contains out "risk: not assessed"
expect 0 "prison show: its own membership, not the unapproved report" -- "$cg" --as pri.pio --reason r ocg show 1
contains out "membership 2: .*(record 4)  significant"
contains out "evidence: 1$"
lacks out "holds further"
expect 0 "probation show" -- "$cg" --as pro.officer --reason r ocg show 1 --format json
contains out '"id": 1,'; lacks out '"id": 4,'
contains out '"contact": "Wing intel"'
sqlite3 "$CG_DB" "INSERT INTO risk_assessment(ocg_id, policy_id, score, tier, computed_at) VALUES (1, 1, 42.5, 'medium', '2026-02-01T00:00:00Z')" 2>/dev/null
expect 0 "latest risk" -- "$cg" --as pol.analyst --reason r ocg show 1
contains out "risk: medium (score 42.5) computed 2026-02-01"
sqlite3 "$CG_DB" "SELECT group_concat(k, ' ') FROM (SELECT r.record_kind || ':' || r.record_id AS k FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE e.operation = 'consultation' AND e.detail = 'ocg show 1' AND e.justification = 'op alpha' ORDER BY k)" > "$tmp/consult"
equals consult "membership:1 membership:3 membership:4 ocg:1"

# --- merge ---
"$cg" --as pol.analyst intel add --text "The Holmcroft Boys are the Crew." --source 1 --assessment B \
	"${base[@]}" --relates-to 2026-01-10 --mopi-group 3 --subjects ocg:4 >/dev/null
"$cg" --as pol.sup intel approve 3 >/dev/null
expect 0 "duplicate member of the other record" -- member pol.analyst 4 --record 1 --role principal --evidence 3 "${base[@]}"
expect 0 "new member" -- member pol.analyst 4 --record 2 --role peripheral "${base[@]}"
expect 2 "merge needs a reason" -- "$cg" --as pol.sup ocg merge 4 1
expect 1 "analyst may not merge" -- "$cg" --as pol.analyst ocg merge 4 1 --why same
contains err "only a supervisor"
expect 1 "prison supervisor may not merge police groups" -- "$cg" --as pri.sup ocg merge 4 1 --why same
contains err "only a supervisor"
expect 1 "into itself" -- "$cg" --as pol.sup ocg merge 4 4 --why same
contains err "into itself"
expect 1 "into a group one cannot see" -- "$cg" --as pol.sup ocg merge 4 2 --why same
contains err "OCG 2 not found"
expect 0 "merge" -- "$cg" --as pol.sup ocg merge 4 1 --why "same crew per source"
contains out "OCG 4 merged into 1: 1 memberships moved, 1 duplicate"
expect 1 "merge again" -- "$cg" --as pol.sup ocg merge 4 1 --why again
contains err "merged already"
expect 1 "into a merged group" -- "$cg" --as pol.sup ocg merge 5 4 --why x
contains err "merged into another"
expect 0 "old group shows merged" -- "$cg" --as pol.analyst --reason r ocg show 4
contains out "merged (merged into 1)"; contains out "members: none"
expect 0 "survivor has the new member and the evidence" -- "$cg" --as pol.analyst --reason r ocg show 1
contains out "(record 2)  peripheral"; contains out "evidence: 1,2,3"
expect 1 "no members for a merged group" -- member pol.analyst 4 --record 3 --role peripheral "${base[@]}"
sqlite3 "$CG_DB" "SELECT subject_kind || ':' || subject_id FROM intel_subject WHERE report_id = 3" > "$tmp/subj"
equals subj "ocg:1"
sqlite3 "$CG_DB" "SELECT status, merged_into FROM ocg WHERE id = 4" > "$tmp/merged"
equals merged "merged|1"
sqlite3 "$CG_DB" "SELECT count(*) FROM membership WHERE ocg_id = 4" > "$tmp/left"
equals left 0
sqlite3 "$CG_DB" "SELECT e.detail FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE e.operation = 'alteration' AND r.record_kind = 'ocg' AND r.record_id = 1" > "$tmp/alt"
contains alt "ocg merge 4 into 1"
sqlite3 "$CG_DB" "SELECT count(*) FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE e.operation = 'collection' AND e.detail = 'ocg add' AND r.record_kind = 'ocg'" > "$tmp/coll"
equals coll 5
sqlite3 "$CG_DB" "SELECT count(*) FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE e.operation = 'collection' AND r.record_kind = 'membership'" > "$tmp/collm"
equals collm 6
expect 0 "audit verify" -- "$cg" --as root --reason check audit verify

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
