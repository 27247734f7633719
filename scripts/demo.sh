#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo quick start: creates a fresh store in demo/ and shows what the
# product does so far: three agencies, their users, records with different
# handling, what each user may see, the owner's audit view, and the audit
# chain verified. Usage: scripts/demo.sh PATH/TO/cg
set -euo pipefail
cg=${1:-build/cg}
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/demo"
mkdir -p "$dir"
export CG_DB="$dir/commonground.db"
rm -f "$CG_DB" "$CG_DB-wal" "$CG_DB-shm"
say() { printf '\n== %s\n' "$*"; }
run() { printf '$ cg'; printf ' %q' "$@"; printf '\n'; "$cg" "$@"; }

"$cg" version
run init

say "Set up: the first agency and administrator come from the local command line"
run agency add WMP --name "West Midlands Police" --type police_force --level local --contact "Force intelligence bureau"
run user add admin --agency WMP --roles admin --clearance SECRET
A=(--as admin)
"$cg" "${A[@]}" agency add HMP-BHM --name "HMP Birmingham" --type prison --level local
"$cg" "${A[@]}" agency add PROB-WM --name "Probation West Midlands" --type probation --level regional
"$cg" "${A[@]}" compartment add OP-ASH --name "Operation Ash"
"$cg" "${A[@]}" user add dc.khan --agency WMP --roles analyst --clearance SECRET --name "DC Khan"
"$cg" "${A[@]}" user add ds.jones --agency WMP --roles supervisor,analyst --clearance SECRET --name "DS Jones"
"$cg" "${A[@]}" user add pio.patel --agency HMP-BHM --roles pio --clearance SECRET --name "PIO Patel"
"$cg" "${A[@]}" user add po.smith --agency PROB-WM --roles officer --clearance OFFICIAL --name "PO Smith"
"$cg" "${A[@]}" compartment grant OP-ASH dc.khan
run "${A[@]}" agency list

say "The police record four nominals, each with its own handling"
add() { "$cg" --as dc.khan record add --system PNC --category suspect --basis fact "$@"; }
add --id N1 --surname Doyle --forenames "Liam" --dob 1991-03-14 --pnc 2001/0123456F --classification OFFICIAL --handling P
add --id N2 --surname Doyle --forenames "Sean" --dob 1988-07-02 --classification SECRET --handling P --flag-contact "DS Jones, FIB"
add --id N3 --surname Doyle --forenames "Kieran" --dob 1995-11-30 --classification OFFICIAL --handling C --conditions type:prison
add --id N4 --surname Doyle --forenames "Aoife" --dob 1990-01-09 --classification OFFICIAL --handling P --compartments OP-ASH --flag-contact "DS Jones, FIB"

for who in dc.khan pio.patel po.smith; do
	say "$who searches for Doyle"
	run --as "$who" --reason "demo: weekly OCG review" record search doyle
done

say "A hidden record reads exactly like a missing one"
run --as po.smith --reason "demo" record show 3 || true

say "The owner's view: who outside WMP consulted WMP's records, and why"
run --as ds.jones audit consulted --agency WMP

say "The audit chain proves itself"
run audit verify
run audit head
echo
echo "The demo store is $CG_DB; try: $cg --db $CG_DB help"
