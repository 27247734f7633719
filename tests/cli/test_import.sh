#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import through the command line: a hand-written profile for a CSV that
# knows nothing of Common Ground, malformed input and its reject rows,
# whole-file errors that leave the store as it was, idempotent re-import,
# new versions, JSON Lines, and kill -9 in the middle of a file.
# Usage: test_import.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
docs=$(cd "$(dirname "$0")/../../docs" && pwd)/profiles.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export CG_DB="$tmp/t.db"
snapshot() { # the store's content, without times
	"$cg" stats --format csv
	sqlite3 "$CG_DB" "SELECT source_record_id, version, is_current, content_hash FROM source_record ORDER BY 1, 2;
		SELECT kind, external_id FROM event ORDER BY 2;
		SELECT count(*) FROM source_name; SELECT count(*) FROM audit_entry;"
}

"$cg" init >/dev/null
"$cg" agency add HA --name "Example Housing" --type police_force --level local >/dev/null
"$cg" user add root --agency HA --roles admin --clearance SECRET >/dev/null
"$cg" --as root user add loader --agency HA --roles analyst --clearance SECRET --service >/dev/null
export CG_USER=loader

# --- a profile for a CSV that knows nothing of Common Ground ---
cat > tenants.profile <<'P'
# A tenant list: names, date of birth and an address, no identifiers.
source_system = TENANCY
delimiter = ;
date_format = D.M.YYYY
classification = OFFICIAL
handling = C
conditions = type:police_force, agency:HA
subject_category = other
statement_basis = fact

[tenants]
kind = person
match = tenants*.csv
id = Tenant No
surname = Family name
forenames = Given names
dob = Born
address = Street
postcode = Post code
P
printf 'Tenant No;Family name;Given names;Born;Street;Post code\r\n' > tenants.csv
printf 'T1;Nowak;Zofia;3.7.1979;"12 Canal St; Flat 2";b18 6ne\r\n' >> tenants.csv
printf 'T2;Ó Briain;Séamus;29.2.1980;1 Main Rd;WS1 1AA\r\n' >> tenants.csv
printf 'T3;Okafor;Chidi;31.4.1990;;\r\n' >> tenants.csv
printf 'T4;Bad\xff\xfeName;X;1.1.1990;;\r\n' >> tenants.csv
printf 'T5;Short;Row\r\n' >> tenants.csv
expect 0 "profile check" -- "$cg" profile check ./tenants.profile
contains out "valid"
expect 0 "import tenants" -- "$cg" import --profile ./tenants.profile --rejects "$tmp" tenants.csv
contains out "read 5, stored 2, unchanged 0, updated 0, rejected 3"
contains tenants.csv.rejects.csv '^file,line,field,reason'
contains tenants.csv.rejects.csv 'tenants.csv,4,Born,.*day 31 is past the end of month 4'
contains tenants.csv.rejects.csv 'tenants.csv,5,Family name,not valid UTF-8'
contains tenants.csv.rejects.csv 'tenants.csv,6,,3 fields where the header has 6'
expect 0 "search imported" -- "$cg" --as root --reason test record search "seamus"
sqlite3 "$CG_DB" "SELECT postcode_norm FROM source_address ORDER BY 1" > pc
grep -qx 'B18 6NE' pc && ok || no "postcode not normalised: $(cat pc)"

# --- import again: nothing changes ---
snapshot > before
expect 0 "re-import" -- "$cg" import --profile ./tenants.profile --rejects "$tmp" tenants.csv
contains out "stored 0, unchanged 2, updated 0, rejected 3"
snapshot > after
# only the new batch and its audit entry differ
sed -i '/^import_batch,/d;/^audit_entry,/d;/^audit_record,/d;$d' before after
same before after "re-import changed the store"

# --- a changed row becomes a new version ---
sed -i 's/12 Canal St; Flat 2/14 Canal St/' tenants.csv
expect 0 "import changed" -- "$cg" import --profile ./tenants.profile --rejects "$tmp" tenants.csv
contains out "unchanged 1, updated 1"
v=$(sqlite3 "$CG_DB" "SELECT group_concat(version || ':' || is_current) FROM source_record WHERE source_record_id = 'T1'")
[ "$v" = "1:0,2:1" ] && ok || no "versions of T1: $v"
n=$(sqlite3 "$CG_DB" "SELECT count(*) FROM audit_entry WHERE operation = 'alteration'")
[ "$n" = 1 ] && ok || no "alteration entries: $n"
expect 0 "chain intact" -- "$cg" audit verify

# --- the owner's restriction and withdrawal survive re-imports ---
"$cg" --as root user add boss --agency HA --roles supervisor --clearance SECRET >/dev/null
t1=$(sqlite3 "$CG_DB" "SELECT id FROM source_record WHERE source_record_id = 'T1' AND is_current = 1")
expect 0 "restrict T1" -- "$cg" --as boss record restrict "$t1"
sed -i 's/14 Canal St/16 Canal St/' tenants.csv
expect 0 "import restricted" -- "$cg" import --profile ./tenants.profile --rejects "$tmp" tenants.csv
contains out "updated 1"
r=$(sqlite3 "$CG_DB" "SELECT restricted FROM source_record WHERE source_record_id = 'T1' AND is_current = 1")
[ "$r" = 1 ] && ok || no "the new version lost the restriction"
t1=$(sqlite3 "$CG_DB" "SELECT id FROM source_record WHERE source_record_id = 'T1' AND is_current = 1")
expect 0 "withdraw T1" -- "$cg" --as boss record withdraw "$t1" --why "identity disputed"
sed -i 's/16 Canal St/18 Canal St/' tenants.csv
expect 0 "import withdrawn" -- "$cg" import --profile ./tenants.profile --rejects "$tmp" tenants.csv
contains out "stored 0, unchanged 2, updated 0"
contains tenants.csv.rejects.csv "warning: the record was withdrawn here"
s=$(sqlite3 "$CG_DB" "SELECT surname FROM source_record WHERE id = $t1")
[ -z "$s" ] && ok || no "a withdrawn record got its content back: $s"

# --- identifiers are validated, never guessed: a bad one is kept as text ---
cat > officers.profile <<'P'
source_system = CASES
classification = OFFICIAL
handling = P
subject_category = suspect
statement_basis = fact

[people]
kind = person
match = people*.csv
id = ref
surname = name
identifier.pnc = pnc
identifier.crn = crn
hard_identifiers = pnc, crn
P
printf 'ref,name,pnc,crn\nP1,Able,2001/0123456F,X123456\nP2,Baker,2001/0123456A,\nP3,Cole,01/123456F,x 1\n' > people.csv
expect 0 "import with identifiers" -- "$cg" import --profile ./officers.profile --rejects "$tmp" people.csv
contains out "read 3, stored 3, unchanged 0, updated 0, rejected 0"
contains people.csv.rejects.csv 'people.csv,3,pnc,"warning: PNC ID ""2001/0123456A"": check letter A does not match, expected F'
contains people.csv.rejects.csv 'people.csv,4,crn,.*warning'
ids=$(sqlite3 "$CG_DB" "SELECT group_concat(coalesce(value_norm, 'raw:' || value_raw), ' ') FROM (SELECT value_norm, value_raw FROM source_identifier i JOIN source_record r ON r.id = i.record_id WHERE r.source_system = 'CASES' ORDER BY i.id)")
[ "$ids" = "2001/0123456F X123456 raw:2001/0123456A 2001/0123456F raw:x 1" ] && ok || no "identifiers stored as: $ids"

# --- whole-file errors leave the store exactly as it was ---
snapshot > before
printf 'Tenant No;Family name;Given names;Born;Street;Post code\nT9;"Unterminated;A;1.1.1990;;\n' > tenants_bad.csv
expect 1 "unterminated quote" -- "$cg" import --profile ./tenants.profile tenants_bad.csv
contains err "tenants_bad.csv:2"
contains err "unterminated"
printf 'Tenant No;Surname;Born\nT9;A;1.1.1990\n' > tenants_cols.csv
expect 1 "missing column" -- "$cg" import --profile ./tenants.profile tenants_cols.csv
contains err "needs a column 'Family name'"
: > tenants_empty.csv
expect 1 "empty file" -- "$cg" import --profile ./tenants.profile tenants_empty.csv
expect 1 "no table for the file" -- "$cg" import --profile ./tenants.profile other.csv
snapshot > after
same before after "a failed import changed the store"

# --- profile mistakes name the line ---
printf 'source_system = X\nclassification = OFFICIAL\nhandling = P\nsubject_category = other\nstatement_basis = fact\n[t]\nkind = person\nmatch = *.csv\nid = a\nsurnme = b\n' > bad.profile
expect 1 "unknown key" -- "$cg" profile check ./bad.profile
contains err "bad.profile:10: a person table takes no key 'surnme'"
printf 'source_system = X\nclassification = OFFICIAL\nhandling = P\nsubject_category = other\nstatement_basis = fact\n[t]\nkind = person\nmatch = *.csv\nsurname = b\n' > bad2.profile
expect 1 "missing id" -- "$cg" profile check ./bad2.profile
contains err "bad2.profile:6: table \[t\] needs 'id'"
expect 1 "unknown built-in" -- "$cg" profile check nosuch

# --- JSON Lines in the exchange format ---
cat > exchange.jsonl <<'J'
{"type":"person","id":"X1","surname":"Patel","forenames":"Ravi","dob":"1982-06-01","sex":"M","pnc":"2001/0123456F"}
{"type":"person","id":"X2","surname":"Hughes","forenames":"Dan","dob":"1984-13-01"}
{"type":"event","id":"E1","person":"X1","event_type":"arrest","date":"2024-01-02","place":"Birmingham"}
{"type":"association","id":"S1","from":"X1","to":"X3","association_type":"associate"}
not json
{"type":"weather","id":"W1"}
{"type":"person","id":"X4","surname":["Jones"],"forenames":"Amy"}
J
expect 0 "import jsonl" -- "$cg" import --profile exchange --rejects "$tmp" exchange.jsonl
contains out "read 7, stored 2, unchanged 0, updated 0, rejected 5"
contains exchange.jsonl.rejects.csv 'exchange.jsonl,2,dob'
contains exchange.jsonl.rejects.csv 'exchange.jsonl,4,to,'
contains exchange.jsonl.rejects.csv 'exchange.jsonl,5,,'
contains exchange.jsonl.rejects.csv "exchange.jsonl,7,surname,\"'surname' is a JSON array, not a value\""
contains exchange.jsonl.rejects.csv 'no table of the profile takes this row'

# --- kill -9 in the middle of a file, then rerun = one clean run ---
awk 'BEGIN { print "Tenant No;Family name;Given names;Born;Street;Post code";
	for (i = 0; i < 150000; i++) printf "K%d;Surname%d;Given%d;%d.%d.19%d;%d Long Road;B%d %dAB\n",
		i, i % 997, i % 113, 1 + i % 28, 1 + i % 12, 50 + i % 40, i, 1 + i % 40, i % 10 }' > tenants_big.csv
cp "$CG_DB" clean.db
"$cg" import --profile ./tenants.profile tenants_big.csv >/dev/null &
pid=$!
# Kill it once it is half-way through the rows: the import reads the file
# twice (its hash, then its rows), so past 1.5 file sizes read it is inside
# the row pass. Polling, not sleeping, so a faster machine cannot finish first.
size=$(stat -c %s tenants_big.csv)
for _ in $(seq 400); do
	read_bytes=$(awk '/^rchar/ { print $2 }' /proc/$pid/io 2>/dev/null || echo 0)
	[ "${read_bytes:-0}" -gt $((size * 3 / 2)) ] && break
	sleep 0.01
done
kill -9 $pid 2>/dev/null && ok || no "import finished before it could be killed"
wait $pid 2>/dev/null
expect 0 "rerun after kill" -- "$cg" import --profile ./tenants.profile tenants_big.csv
contains out "stored 150000"
snapshot | sed '/^import_batch,/d' > killed
CG_DB="$tmp/clean.db" "$cg" import --profile ./tenants.profile tenants_big.csv >/dev/null
CG_DB="$tmp/clean.db" snapshot | sed '/^import_batch,/d' > clean
same clean killed "kill -9 then rerun differs from one clean run"

# --- docs/profiles.md lists every key the parser knows ---
for k in $("$cg" profile keys | sed -n 's/^| `\([a-z_.]*\)`.*/\1/p'); do
	grep -q "| \`$k\` |" "$docs" && ok || no "docs/profiles.md does not list key $k"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
