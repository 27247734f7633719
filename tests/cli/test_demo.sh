#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The quick start and the built-in profiles on generated data: `cg demo`
# generates a region and loads it through the police, prison and probation
# profiles; every record the truth lists is stored once, nothing is
# rejected, importing again changes nothing, and the trust layer holds.
# Usage: test_demo.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export CG_DB="$tmp/demo.db"
unset CG_USER
q() { sqlite3 "$CG_DB" "$1"; }

expect 0 "demo" -- "$cg" demo --people 3000 --seed 11 --out world --no-serve
contains out "3000 people"
for f in police/nominals police/associations police/ocg_members police/intelligence \
	 prison/establishments prison/prisoners prison/contacts prison/movements prison/visits \
	 prison/calls probation/offenders probation/supervision; do
	grep -q "world/$f.csv .*rejected  *0$" "$tmp/out" && ok || no "$f: rejects or missing: $(grep "$f" "$tmp/out")"
done
ls world/*.rejects.csv >/dev/null 2>&1 && no "reject files were written" || ok

# every person-like record of the truth is a source record, once
truth=$(($(wc -l < world/truth/records.csv) - 1))
stored=$(q "SELECT count(*) FROM source_record")
[ "$truth" -eq "$stored" ] && ok || no "truth lists $truth records, the store holds $stored"
for a in WMP HMPPS PROB; do
	t=$(grep -c "^$a," world/truth/records.csv)
	s=$(q "SELECT count(*) FROM source_record r JOIN agency a ON a.id = r.agency_id WHERE a.code = '$a'")
	[ "$t" -eq "$s" ] && ok || no "$a: truth $t, stored $s"
done
# provenance: every record names its batch and system
n=$(q "SELECT count(*) FROM source_record WHERE batch_id IS NULL OR source_system = ''")
[ "$n" -eq 0 ] && ok || no "$n records without provenance"
# identifiers were validated: prison numbers all normalised
n=$(q "SELECT count(*) FROM source_identifier WHERE kind = 'prison_number' AND value_norm IS NULL")
[ "$n" -eq 0 ] && ok || no "$n prison numbers failed validation"
# establishments are one row each, with their names
n=$(q "SELECT count(*) FROM location WHERE kind = 'establishment'")
[ "$n" -eq "$(($(wc -l < world/prison/establishments.csv) - 1))" ] && ok || no "$n establishments"
n=$(q "SELECT count(*) FROM location WHERE kind = 'establishment' AND name = code")
[ "$n" -eq 0 ] && ok || no "$n establishments without their names"
# events hang off records: the subject, and for visits and calls the other party
n=$(q "SELECT count(*) FROM event WHERE source_record_id IS NULL")
[ "$n" -eq 0 ] && ok || no "$n events without a subject"
n=$(q "SELECT count(*) FROM event e WHERE e.kind IN ('visit', 'call') AND NOT EXISTS (SELECT 1 FROM event_party p WHERE p.event_id = e.id)")
[ "$n" -eq 0 ] && ok || no "$n visits or calls without their other party"

# importing again changes nothing
before=$(q "SELECT count(*) FROM source_record") 
expect 0 "police again" -- "$cg" --as svc.wmp import --profile police --rejects "$tmp" world/police/*.csv
grep -q "stored 0, unchanged [0-9]*, updated 0, rejected 0" "$tmp/out" && ok || no "police re-import: $(cat "$tmp/out")"
[ "$(grep -c 'stored 0,' "$tmp/out")" -eq 4 ] && ok || no "police re-import stored rows"
expect 0 "prison again" -- "$cg" --as svc.hmpps import --profile prison --rejects "$tmp" world/prison/*.csv
[ "$(grep -c 'stored 0, .* updated 0, rejected 0' "$tmp/out")" -eq 6 ] && ok || no "prison re-import: $(cat "$tmp/out")"
[ "$before" -eq "$(q "SELECT count(*) FROM source_record")" ] && ok || no "re-import added records"

# a store that already holds data is refused
expect 1 "demo twice" -- "$cg" demo --people 100 --out world2
contains err "needs a new store"

# the trust layer over imported data: probation sees less than the police
p=$("$cg" --as ds.jones record count)
o=$("$cg" --as po.smith record count)
[ "$p" -gt 0 ] && [ "$o" -gt 0 ] && [ "$o" -lt "$p" ] && ok || no "counts: police $p, probation $o"
# a person across agencies: what each user may see of them, and flags
p=$(q "SELECT l.person_id FROM person_link l JOIN source_record r ON r.id = l.record_id
	GROUP BY l.person_id HAVING sum(r.classification = 'SECRET' AND r.flag_contact IS NOT NULL) > 0
	AND sum(r.classification <> 'SECRET') > 0 LIMIT 1")
if [ -n "$p" ]; then
	secret=$(q "SELECT r.id FROM person_link l JOIN source_record r ON r.id = l.record_id
		WHERE l.person_id = $p AND r.classification = 'SECRET' LIMIT 1")
	expect 0 "person show (police supervisor)" -- "$cg" --as ds.jones --reason review person show "$p"
	grep -q "^$secret " "$tmp/out" && ok || no "the police supervisor misses record $secret"
	expect 0 "person show (probation)" -- "$cg" --as po.smith --reason review person show "$p"
	grep -q "^$secret " "$tmp/out" && no "probation sees SECRET record $secret" || ok
	contains out "holds further information"
	n=$(q "SELECT json_array_length(records) FROM audit_entry ORDER BY seq DESC LIMIT 1")
	[ "$n" -eq "$(grep -c '^[0-9]' "$tmp/out")" ] && ok || no "the audit entry names $n records"
else
	no "no person with a flagged SECRET record to test"
fi
expect 1 "person show unknown" -- "$cg" --as ds.jones --reason review person show 99999999
contains err "not found"
expect 1 "person show without reason" -- "$cg" --as ds.jones person show 1

expect 0 "audit verify" -- "$cg" audit verify
contains out "intact"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
