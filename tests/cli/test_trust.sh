#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end trust layer through the command line: three agencies set up
# from scratch, records with different labels, and what each user sees
# through list, count, search, show and export; withdrawal and retraction
# notices; the owner's audit report; an intact audit chain afterwards.
# Usage: test_trust.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"

"$cg" init >/dev/null
# --- set up: first agency and admin from the local command line ---
expect 0 "bootstrap agency" -- "$cg" agency add POL --name "Police" --type police_force --level local --contact "Police intel desk 0100"
expect 0 "bootstrap admin" -- "$cg" user add root --agency POL --roles admin --clearance SECRET
expect 1 "second bootstrap refused" -- "$cg" user add root2 --agency POL --roles admin --clearance SECRET
contains err "already has an administrator"
A=(--as root)
expect 0 "prison" -- "$cg" "${A[@]}" agency add PRI --name "HMP Example" --type prison --level local
expect 0 "probation" -- "$cg" "${A[@]}" agency add PRO --name "Probation" --type probation --level regional
"$cg" "${A[@]}" compartment add OPX --name "Operation X" >/dev/null
for u in "pol.analyst POL analyst SECRET" "pol.sup POL supervisor,analyst SECRET" \
         "pri.pio PRI pio SECRET" "pro.officer PRO officer OFFICIAL" "auditor POL auditor OFFICIAL"; do
	set -- $u
	expect 0 "user $1" -- "$cg" "${A[@]}" user add "$1" --agency "$2" --roles "$3" --clearance "$4"
done
"$cg" "${A[@]}" compartment grant OPX pol.analyst >/dev/null

# --- records owned by the police, with four different labels ---
add() { "$cg" --as pol.analyst record add --system PNC --category suspect --basis fact --dob 1990-04-01 "$@"; }
expect 0 "open record" -- add --id R1 --surname Smith --forenames John --pnc 2001/0123456F --classification OFFICIAL --handling P
expect 0 "secret record" -- add --id R2 --surname Smithson --forenames Jane --classification SECRET --handling P --flag-contact "DS Jones 0100"
expect 0 "prison-only record" -- add --id R3 --surname Smythe --forenames Jack --classification OFFICIAL --handling C --conditions type:prison
expect 0 "compartmented record" -- add --id R4 --surname Smith --forenames Joan --classification OFFICIAL --handling P --compartments OPX --flag-contact "DI Khan 0101"
expect 1 "invalid record" -- add --id R5 --surname Bad --classification OFFICIAL --handling C
contains err "handling conditions"
expect 1 "bad dob" -- add --id R6 --surname Bad --classification OFFICIAL --handling P --dob 1990-02-30
contains err "dob"

count() { "$cg" --as "$1" record count; }
expect 0 "count analyst" -- count pol.analyst; equals out 4
expect 0 "count supervisor" -- count pol.sup; equals out 4
expect 0 "count prison" -- count pri.pio; equals out 3
expect 0 "count probation" -- count pro.officer; equals out 1

# consultations need a reason
expect 1 "list without reason" -- "$cg" --as pri.pio record list
contains err "justification"
expect 0 "list prison" -- "$cg" --as pri.pio --reason "case 12" record list --format csv
contains out "R1"; contains out "R2"; contains out "R3"; lacks out "R4"
expect 0 "list probation" -- "$cg" --as pro.officer --reason "licence review" record list
contains out "R1"; lacks out "R2"; lacks out "R3"; lacks out "R4"

# search shows flags for contactable owners, never content
expect 0 "search probation" -- "$cg" --as pro.officer --reason "licence review" record search smith
contains out "Smith, John"
contains out "holds further information"
lacks out "Smithson"; lacks out "Joan"
expect 0 "search json" -- "$cg" --as pro.officer --reason "licence review" record search smith --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["records"]) == 1 and len(d["flags"]) == 1 and d["flags"][0]["agency"] == "POL"' "$tmp/out" && ok || no "search json shape"

# a hidden record reads exactly like a missing one
expect 1 "show hidden" -- "$cg" --as pro.officer --reason r record show 3
sed 's/[0-9][0-9]*/#/g' "$tmp/err" > "$tmp/hidden"
expect 1 "show missing" -- "$cg" --as pro.officer --reason r record show 999
sed 's/[0-9][0-9]*/#/g' "$tmp/err" > "$tmp/missing"
cmp -s "$tmp/hidden" "$tmp/missing" && ok || no "hidden and missing differ"
expect 0 "show visible" -- "$cg" --as pri.pio --reason "case 12" record show 1
contains out "2001/0123456F"

# export is a disclosure and keeps the label
expect 1 "export without recipients" -- "$cg" --as pri.pio --reason "case 12" export records
expect 0 "export" -- "$cg" --as pri.pio --reason "case 12" export records --recipients PRO
python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert sorted(r["source_record_id"] for r in rows) == ["R1","R2","R3"], rows
assert [r["handling_conditions"] for r in rows if r["source_record_id"] == "R3"] == ["type:prison"]
' "$tmp/out" && ok || no "export content"

# restriction and withdrawal belong to the owner's supervisor
expect 1 "analyst cannot restrict" -- "$cg" --as pol.analyst record restrict 2
expect 1 "other agency cannot restrict" -- "$cg" --as pri.pio record restrict 2
contains err "not found"
expect 0 "supervisor restricts" -- "$cg" --as pol.sup record restrict 2
expect 0 "count prison after restriction" -- count pri.pio; equals out 2
expect 0 "supervisor releases" -- "$cg" --as pol.sup record release 2
expect 0 "withdraw" -- "$cg" --as pol.sup record withdraw 1 --why "identity disputed"
contains out "2 agencies notified"
expect 0 "prison notices" -- "$cg" --as pri.pio notices
contains out "withdrawn by Police"
contains out "identity disputed"
expect 0 "police has no notices" -- "$cg" --as pol.analyst notices
contains out "no retraction notices"

# the owner's view: who outside POL consulted POL's records, and why
expect 0 "consulted report" -- "$cg" --as pol.sup audit consulted --agency POL
contains out "pri.pio (PRI)"; contains out "why: case 12"; contains out "to: PRO"
lacks out "pol.analyst"
expect 1 "other agency's supervisor refused" -- "$cg" --as pri.pio audit consulted --agency POL
expect 0 "auditor by record" -- "$cg" --as auditor audit record 1 --format csv
contains out "erasure"; contains out "consultation"
expect 0 "user's own report" -- "$cg" --as pro.officer audit user pro.officer
expect 1 "another user's report" -- "$cg" --as pro.officer audit user pri.pio

expect 0 "chain intact" -- "$cg" audit verify
contains out "intact"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
