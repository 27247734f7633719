#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Intelligence reports end to end through the command line: 3x5x2 grading
# validated (every invalid value refused, nothing defaulted), supervisor
# approval before other agencies see a report, full-text search that
# honours visibility (including the sanitised version), MoPI due dates and
# review, erasure that keeps the audit trail.
# Usage: test_intel.sh PATH/TO/cg
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
         "pol.sup2 POL supervisor SECRET" "pri.pio PRI pio SECRET" "pro.officer PRO officer OFFICIAL"; do
	set -- $u
	"$cg" "${A[@]}" user add "$1" --agency "$2" --roles "$3" --clearance "$4" >/dev/null
done
"$cg" --as pol.analyst record add --system PNC --id R1 --surname Nowak --forenames Mariusz \
	--category suspect --basis fact --classification OFFICIAL --handling P >/dev/null

add() { "$cg" --as pol.analyst intel add --relates-to 2026-01-10 --mopi-group 3 "$@"; }
base=(--classification OFFICIAL --handling P)

# --- 3x5x2: every part required and validated ---
expect 1 "no source" -- add --text "x" --assessment B "${base[@]}"
contains err "source evaluation: required"
for bad in 0 4 A 11; do
	expect 1 "source $bad" -- add --text "x" --source "$bad" --assessment B "${base[@]}"
	contains err "source evaluation: '$bad' is not 1"
done
expect 1 "no assessment" -- add --text "x" --source 1 "${base[@]}"
contains err "intelligence assessment: required"
for bad in F a 1 AB; do
	expect 1 "assessment $bad" -- add --text "x" --source 1 --assessment "$bad" "${base[@]}"
	contains err "intelligence assessment: '$bad' is not A"
done
expect 1 "no handling" -- add --text "x" --source 1 --assessment B --classification OFFICIAL
contains err "handling code"
expect 1 "C without conditions" -- add --text "x" --source 1 --assessment B --classification OFFICIAL --handling C
contains err "handling conditions"
expect 1 "P with conditions" -- add --text "x" --source 1 --assessment B --classification OFFICIAL --handling P --conditions type:prison
contains err "only handling code C"
expect 1 "no classification" -- add --text "x" --source 1 --assessment B --handling P
contains err "classification"
expect 1 "no text" -- add --source 1 --assessment B "${base[@]}"
contains err "text: required"
expect 1 "no MoPI group" -- "$cg" --as pol.analyst intel add --text x --source 1 --assessment B "${base[@]}" --relates-to 2026-01-10
contains err "MoPI group"
expect 1 "bad date" -- "$cg" --as pol.analyst intel add --text x --source 1 --assessment B "${base[@]}" --mopi-group 3 --relates-to 2026-02-30
contains err "relates to"
expect 1 "sanitised above the report" -- add --text x --source 1 --assessment B "${base[@]}" --sanitised y --sanitised-classification SECRET
contains err "higher than the report"
expect 1 "unknown subject" -- add --text x --source 1 --assessment B "${base[@]}" --subjects person:99
contains err "no person 99"
expect 2 "malformed subject" -- add --text x --source 1 --assessment B "${base[@]}" --subjects nobody
contains err "subject: 'nobody' is not KIND:ID"
expect 2 "subject id not a number" -- add --text x --source 1 --assessment B "${base[@]}" --subjects person:12x
contains err "subject: 'person:12x' is not KIND:ID"
expect 1 "officer of no agency" -- "$cg" --as root intel add --text x --source 1 --assessment B "${base[@]}" --relates-to 2026-01-10 --mopi-group 3
"$cg" --as root --reason check audit verify >/dev/null && ok || no "chain after refusals"

# --- submission and approval ---
expect 0 "open report" -- add --text "NOWAK Mariusz is supplying cannabis in Holmcroft, carrying a knife." \
	--source 1 --assessment A "${base[@]}" --subjects record:1
contains out "report 1 submitted"
expect 0 "secret report with a sanitised version" -- add --text "Covert source says NOWAK keeps a firearm at the Stafford lock-up." \
	--source 2 --assessment B --classification SECRET --handling P --flag-contact "DS Jones" \
	--sanitised "NOWAK may have access to a firearm." --sanitised-classification OFFICIAL --subjects record:1
expect 0 "prison-only report" -- add --text "Phones are passed on B wing by NOWAK." --source 2 --assessment C \
	--classification OFFICIAL --handling C --conditions type:prison --flag-contact "DS Jones"
expect 0 "E graded" -- add --text "Malicious claim that NOWAK runs a county line." --source 3 --assessment E "${base[@]}"

expect 0 "before approval the prison sees nothing" -- "$cg" --as pri.pio --reason r intel search nowak
contains out "no reports"; lacks out "holds further"
expect 1 "nor by id" -- "$cg" --as pri.pio --reason r intel show 1
expect 0 "own agency sees it pending" -- "$cg" --as pol.analyst --reason r intel search --status submitted
lines out 8
expect 1 "analyst may not approve" -- "$cg" --as pol.analyst intel approve 1
expect 1 "prison may not approve" -- "$cg" --as pri.pio intel approve 1
contains err "not found"
expect 1 "approve needs the report visible" -- "$cg" --as pri.pio intel approve 2
for id in 1 2 3 4; do expect 0 "approve $id" -- "$cg" --as pol.sup intel approve "$id"; done
expect 1 "approve twice" -- "$cg" --as pol.sup intel approve 1
contains err "is approved"
expect 0 "author's own report" -- "$cg" --as pol.sup intel add --text "Self-approved?" --source 1 --assessment B "${base[@]}" --relates-to 2026-01-10 --mopi-group 3
expect 1 "four eyes" -- "$cg" --as pol.sup intel approve 5
contains err "other than its author"
expect 0 "another supervisor rejects" -- "$cg" --as pol.sup2 intel reject 5 --why "no source given"
expect 0 "rejected shows the reason" -- "$cg" --as pol.analyst --reason r intel show 5
contains out "rejected by pol.sup2: no source given"

# --- search honours visibility ---
expect 0 "prison sees open, secret and its own" -- "$cg" --as pri.pio --reason "wing check" intel search nowak --format csv
contains out "POL-IR-000001"; contains out "POL-IR-000003"; contains out "Covert source"
expect 0 "probation (OFFICIAL) sees the sanitised version" -- "$cg" --as pro.officer --reason r intel search nowak --format csv
contains out "POL-IR-000002.*yes,NOWAK may have access"; lacks out "Covert source"
expect 0 "body words do not find the sanitised version" -- "$cg" --as pro.officer --reason r intel search lock-up
lacks out "POL-IR-000002"
expect 0 "probation: no prison-only report, but a flag" -- "$cg" --as pro.officer --reason r intel search phones
lacks out "POL-IR-000003"; contains out "Police (POL) holds further information: contact DS Jones"
expect 0 "grading filter" -- "$cg" --as pol.analyst --reason r intel search --source 1 --assessment AB --format csv
contains out "POL-IR-000001"; lacks out "POL-IR-000002"; lacks out "POL-IR-000004"
expect 0 "subject filter" -- "$cg" --as pol.analyst --reason r intel search --subject record:1 --format csv
lines out 3
expect 0 "prefix" -- "$cg" --as pol.analyst --reason r intel search "canna*" --format csv
contains out "POL-IR-000001"
expect 0 "syntax is only words" -- "$cg" --as pol.analyst --reason r intel search 'NEAR("a" OR' --format csv
lines out 1
expect 0 "date filter" -- "$cg" --as pol.analyst --reason r intel search --from 2026-02-01 --format csv
lines out 1
expect 1 "bad subject kind" -- "$cg" --as pol.analyst --reason r intel search --subject car:1
contains err "subject kind: 'car' is not allowed"
expect 1 "bad grading filter" -- "$cg" --as pol.analyst --reason r intel search --source 4
expect 1 "search needs a reason" -- "$cg" --as pol.analyst intel search nowak
expect 0 "show" -- "$cg" --as pro.officer --reason r intel show 2
contains out "(sanitised version) NOWAK may have access"
contains out "OFFICIAL"

# --- MoPI: review dates from the group, due list, retain, erase ---
expect 0 "group 1 report" -- "$cg" --as pol.analyst intel add --text "Old matter" --source 1 --assessment B "${base[@]}" --relates-to 2010-05-01 --mopi-group 1
expect 0 "group 3 report" -- "$cg" --as pol.analyst intel add --text "Older matter about a stolen car" --source 1 --assessment B "${base[@]}" --relates-to 2012-03-04 --mopi-group 3
expect 0 "review dates" -- "$cg" --as pol.analyst --reason r intel show 6
contains out "MoPI group 1, review by 2020-05-01"
expect 0 "due" -- "$cg" --as pol.analyst --reason "MoPI review" intel due --by 2025-01-01 --format csv
lines out 3; contains out "POL-IR-000006"; contains out "POL-IR-000007"
expect 0 "prison has none due" -- "$cg" --as pri.pio --reason r intel due --by 2099-01-01
contains out "no reports"
expect 1 "analyst may not review" -- "$cg" --as pol.analyst intel review 6 --retain --why "still relevant"
expect 2 "review needs a decision" -- "$cg" --as pol.sup intel review 6 --why x
expect 0 "retain" -- "$cg" --as pol.sup intel review 6 --retain --why "linked to live case"
expect 0 "next review ten years on" -- "$cg" --as pol.analyst --reason r intel show 6
contains out "review by $(( $(date -u +%Y) + 10 ))-"
expect 0 "erase" -- "$cg" --as pol.sup intel review 7 --erase --why "no longer necessary"
expect 1 "erased report is gone" -- "$cg" --as pol.sup --reason r intel show 7
expect 0 "erased text is not searchable" -- "$cg" --as pol.sup --reason r intel search stolen
contains out "no reports"
sqlite3 "$CG_DB" "SELECT coalesce(body,'NULL'), status, (SELECT count(*) FROM intel_fts WHERE intel_fts MATCH 'stolen') FROM intel_report WHERE id = 7" > "$tmp/row"
equals row "NULL|erased|0"
sqlite3 "$CG_DB" "SELECT decision, reason FROM intel_review ORDER BY id" > "$tmp/reviews"
contains reviews "retain|linked to live case"; contains reviews "erase|no longer necessary"
expect 0 "audit names the erasure" -- "$cg" --as root --reason r audit verify
sqlite3 "$CG_DB" "SELECT e.operation FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE r.record_kind = 'intel_report' AND r.record_id = 7 ORDER BY e.seq" > "$tmp/ops"
contains ops "collection"; contains ops "erasure"
sqlite3 "$CG_DB" "SELECT count(*) FROM audit_entry WHERE operation = 'consultation' AND detail LIKE 'intel search%' AND username = 'pri.pio' AND justification = 'wing check'" > "$tmp/consult"
equals consult 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
