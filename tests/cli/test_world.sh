#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line tests of `cg demo generate`: option errors exit 2, a world is
# written without a store, the same options give the same bytes, noise can
# be switched off, the truth names every exported record, and a failed run
# leaves no temporary files. Usage: test_world.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_DB CG_USER

# --- usage ---
expect 0 "help" -- "$cg" demo generate --help
contains out "^usage: cg demo generate"
contains out "missing-id 0.20"
expect 2 "no --out" -- "$cg" demo generate --people 10
contains err "--out DIR"
expect 2 "people 0" -- "$cg" demo generate --out w --people 0
contains err "people"
expect 2 "people too many" -- "$cg" demo generate --out w --people 5000001
expect 2 "people not a number" -- "$cg" demo generate --out w --people 12x
expect 2 "negative seed" -- "$cg" demo generate --out w --seed -1
expect 2 "noise negative" -- "$cg" demo generate --out w --noise -1
expect 2 "rate above 1" -- "$cg" demo generate --out w --noise-typo 1.5
contains err "noise-typo"
expect 2 "unknown noise kind" -- "$cg" demo generate --out w --noise-bogus 0.1
expect 2 "extra argument" -- "$cg" demo generate --out w surplus
[ ! -e w ] && ok || no "a usage error created the output directory"

# --- a world, without a store ---
expect 0 "generate" -- "$cg" demo generate --out w1 --people 2000 --seed 9
lines out 1
contains out "^generated 2000 people"
contains out "police/nominals.csv [0-9]"
contains out "truth/records.csv [0-9]"
[ ! -e commonground.db ] && ok || no "demo generate created a store"
for f in police/nominals.csv police/associations.csv police/ocg_members.csv \
	police/intelligence.csv prison/prisoners.csv prison/contacts.csv \
	prison/movements.csv prison/visits.csv prison/calls.csv \
	prison/establishments.csv probation/offenders.csv probation/supervision.csv \
	truth/records.csv truth/people.csv truth/ocgs.csv truth/links.csv \
	truth/patterns.csv truth/noise.csv truth/phones.csv; do
	[ -s "w1/$f" ] && ok || no "w1/$f missing or empty"
done
[ -z "$(find w1 -name '*.tmp')" ] && ok || no "temporary files left behind"
head -n 1 w1/police/nominals.csv | grep -q '^nominal_ref,pnc_id,cro_number,surname,forenames,' && ok ||
	no "nominals header"
head -n 1 w1/prison/prisoners.csv | grep -q '^NOMS_ID,LAST_NAME,FIRST_NAME,MIDDLE_NAMES,BIRTH_DATE,' && ok ||
	no "prisoners header"
head -n 1 w1/probation/offenders.csv | grep -q '^CRN,Forename,Second Name,Surname,Date of Birth,' && ok ||
	no "offenders header"
head -n 1 w1/truth/records.csv | grep -qx 'source_agency,source_record_id,true_person_id' && ok ||
	no "truth/records.csv header"

# The row counts printed are the files' rows (python's csv reads quoted
# line breaks as one row), and truth/records.csv names each exported
# person-like record exactly once.
python3 - "$tmp/out" <<'PY' && ok || no "counts or truth do not match the files"
import csv, re, sys
line = open(sys.argv[1]).read()
for path, n in re.findall(r' ([a-z]+/[a-z_]+\.csv) (\d+)', line):
    with open("w1/" + path, newline="") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1
    assert rows == int(n), (path, rows, n)
ids = set()
for path, col, agency in [("police/nominals.csv", "nominal_ref", "WMP"),
                          ("prison/prisoners.csv", "NOMS_ID", "HMPPS"),
                          ("prison/contacts.csv", "CONTACT_ID", "HMPPS"),
                          ("probation/offenders.csv", "CRN", "PROB")]:
    with open("w1/" + path, newline="") as f:
        for r in csv.DictReader(f):
            key = (agency, r[col])
            assert key not in ids, key
            ids.add(key)
with open("w1/truth/records.csv", newline="") as f:
    truth = [(r["source_agency"], r["source_record_id"]) for r in csv.DictReader(f)]
assert len(truth) == len(set(truth)) and set(truth) == ids
PY

# --- determinism ---
expect 0 "same seed again" -- "$cg" demo generate --out w2 --people 2000 --seed 9
diff -r w1 w2 >/dev/null && ok || no "the same seed gave different files"
expect 0 "another seed" -- "$cg" demo generate --out w3 --people 2000 --seed 10
cmp -s w1/truth/people.csv w3/truth/people.csv && no "another seed gave the same people" || ok
expect 0 "regenerate in place" -- "$cg" demo generate --out w2 --people 2000 --seed 9
diff -r w1 w2 >/dev/null && ok || no "regenerating in place changed the files"

# --- noise ---
expect 0 "no noise" -- "$cg" demo generate --out clean --people 1000 --noise 0
lines out 1
[ "$(wc -l <clean/truth/noise.csv)" -eq 1 ] && ok || no "--noise 0 still wrote noise"
expect 0 "only duplicates" -- "$cg" demo generate --out dups --people 1000 --noise 0 --noise-duplicate 0.5
awk -F, 'NR > 1 && $3 != "duplicate" && $3 != "missing_id:pnc" { bad = 1 } END { exit bad }' \
	dups/truth/noise.csv && ok || no "--noise-duplicate alone wrote other noise"
n=$(grep -c ',duplicate$' dups/truth/noise.csv)
[ "$n" -gt 100 ] && ok || no "--noise-duplicate 0.5 wrote only $n duplicates"

# --- failures leave nothing behind ---
printf 'x\n' >plain
expect 1 "output is a file" -- "$cg" demo generate --out plain --people 10
contains err "plain"
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	expect 1 "unwritable directory" -- "$cg" demo generate --out ro/w --people 10
else
	ok # root writes anywhere
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
