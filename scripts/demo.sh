#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo quick start (make demo): generates a synthetic West Midlands
# region, loads the police, prison and probation exports into a fresh store
# in demo/ and links them into persons, then shows the same question asked
# by users of the three agencies, why two agencies' records were linked, the
# owner's audit view, and the audit chain verified.
# Usage: scripts/demo.sh PATH/TO/cg
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
run demo --out "$dir/data" --people 2000 --seed 1 --no-serve

for who in dc.khan pio.patel po.smith; do
	say "$who: how many records may I see, and who is called Smith?"
	run --as "$who" record count
	run --as "$who" --reason "demo: weekly OCG review" record search smith --limit 5
done

say "One person across the police, the prison and probation: why two records were linked"
pick=$(sqlite3 "$CG_DB" "SELECT group_concat(record_id, ' ') FROM (SELECT min(l.record_id) AS record_id
	FROM person_link l JOIN source_record r ON r.id = l.record_id
	WHERE l.person_id = (SELECT l2.person_id FROM person_link l2 JOIN source_record r2 ON r2.id = l2.record_id
		GROUP BY l2.person_id HAVING count(DISTINCT r2.agency_id) = 3 LIMIT 1)
	GROUP BY r.agency_id)")
set -- $pick
if [ $# -ge 2 ]; then run --as dc.khan --reason "demo: who is this" link explain "$1" "$2"; fi

say "One person as the probation officer sees them: what each agency shared, and who holds more"
person=$(sqlite3 "$CG_DB" "SELECT l.person_id FROM person_link l JOIN source_record r ON r.id = l.record_id
	GROUP BY l.person_id HAVING count(DISTINCT r.agency_id) = 3 AND sum(r.classification = 'SECRET') > 0 LIMIT 1")
if [ -n "$person" ]; then run --as po.smith --reason "demo: licence review" person show "$person"; fi

say "A record another agency may not see reads exactly like a missing one"
hidden=$(sqlite3 "$CG_DB" "SELECT r.id FROM source_record r JOIN agency a ON a.id = r.owner_agency_id
	WHERE a.code = 'WMP' AND r.classification = 'SECRET' LIMIT 1")
run --as po.smith --reason "demo" record show "${hidden:-1}" || true
run --as po.smith --reason "demo" record show 999999999 || true

say "The owner's view: who outside WMP consulted WMP's records, and why"
run --as ds.jones audit consulted --agency WMP

say "The audit chain proves itself"
run audit verify
run stats
echo
echo "The demo store is $CG_DB and the exports are in $dir/data."
echo "Try: $cg --db $CG_DB help"
