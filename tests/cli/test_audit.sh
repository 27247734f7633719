#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line tests of the audit chain: `cg audit head` and `cg audit
# verify` on an empty log, on a chain written by an independent
# implementation of the encoding in docs/security.md (and, when `cg agency
# add` exists, on entries cg writes itself, re-verified by the Python script
# in docs/security.md), and on copies tampered with through the sqlite3
# shell: verify must exit 1 and name the right entry, and exit 0 on the
# intact chain. Usage: test_audit.sh PATH/TO/cg
set -u
cg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$cg" ] || { echo "test_audit.sh: no cg binary at $1"; exit 1; }
docs=$(cd "$(dirname "$0")/../.." && pwd)/docs/security.md
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_DB CG_USER

genesis=0000000000000000000000000000000000000000000000000000000000000000

# append.py DB N: appends N entries computed as docs/security.md says,
# with their audit_record rows, and prints the new head "SEQ HASH".
cat >append.py <<'PY'
import hashlib, json, sqlite3, sys

def field(v):
    if v is None:
        return b"~"
    if isinstance(v, int):
        v = str(v)
    v = v.encode()
    return str(len(v)).encode() + b":" + v + b","

db = sqlite3.connect(sys.argv[1])
seq, prev = db.execute("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone() \
    or (0, "0" * 64)
ops = ["collection", "consultation", "disclosure", "combination", "alteration", "erasure"]
for i in range(int(sys.argv[2])):
    seq += 1
    refs = sorted({("person", seq % 3 + 1), ("intel_report", seq)})
    records = json.dumps([f"{k}:{n}" for k, n in refs], separators=(",", ":"))
    op = ops[seq % len(ops)]
    fields = [seq, f"2026-01-01T09:{seq % 60:02d}:00Z", 7, "alice", "MPS", op,
              "operation TEST" if seq % 2 else None,
              "HMP Example" if op == "disclosure" else None, records,
              f"step {seq}" if seq % 3 else None]
    h = hashlib.blake2b(prev.encode() + b"".join(field(v) for v in fields),
                        digest_size=32).hexdigest()
    db.execute("INSERT INTO audit_entry(seq, at, user_id, username, agency_code, operation,"
               " justification, recipients, records, detail, prev_hash, hash)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fields + [prev, h])
    db.executemany("INSERT INTO audit_record(seq, record_kind, record_id) VALUES (?, ?, ?)",
                   [(seq, k, n) for k, n in refs])
    prev = h
db.commit()
print(seq, prev)
PY

# rehash.py DB SEQ: recomputes entry SEQ's own hash from its stored fields,
# as an intruder who knows the encoding would after forging it.
cat >rehash.py <<'PY'
import hashlib, sqlite3, sys

def field(v):
    if v is None:
        return b"~"
    if isinstance(v, int):
        v = str(v)
    v = v.encode()
    return str(len(v)).encode() + b":" + v + b","

db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT seq, at, user_id, username, agency_code, operation, justification,"
                 " recipients, records, detail, prev_hash FROM audit_entry WHERE seq = ?",
                 (int(sys.argv[2]),)).fetchone()
h = hashlib.blake2b(row[10].encode() + b"".join(field(v) for v in row[:10]),
                    digest_size=32).hexdigest()
db.execute("UPDATE audit_entry SET hash = ? WHERE seq = ?", (h, row[0]))
db.commit()
PY

# The re-verification script exactly as docs/security.md prints it.
awk '/^### Re-verifying with another tool/ { on = 1 } on && /^```$/ { exit }
	on && code { print } on && /^```python$/ { code = 1 }' "$docs" >verify.py
[ -s verify.py ] && ok || no "docs/security.md has no Python verifier"

# --- an empty log ---
"$cg" --db s.db init >/dev/null
expect 0 "head of an empty log" -- "$cg" --db s.db audit head
contains out "^0 $genesis$"
lines out 1
expect 0 "head as json" -- "$cg" --db s.db audit head --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d == {"seq": 0, "hash": "0" * 64}' "$tmp/out" \
	&& ok || no "head json is not {seq, hash}"
expect 0 "verify an empty log" -- "$cg" --db s.db audit verify
contains out "^audit chain intact: 0 entries, head 0 $genesis$"
expect 1 "empty log against an exported head" -- "$cg" --db s.db audit verify --head "1:$genesis"
contains err "^cg audit verify: entry 1: the chain was cut off"
lines err 1

# --- usage errors ---
expect 2 "malformed --head" -- "$cg" --db s.db audit verify --head 3
contains err "SEQ:HASH"
expect 2 "short hash in --head" -- "$cg" --db s.db audit verify --head 3:abc
expect 2 "zero seq in --head" -- "$cg" --db s.db audit verify --head "0:$genesis"
expect 2 "bad head format" -- "$cg" --db s.db audit head --format csv
expect 2 "extra argument" -- "$cg" --db s.db audit verify surplus
expect 1 "verify without a store" -- "$cg" --db none.db audit verify
contains err "cg init"
[ ! -e none.db ] && ok || no "verify created none.db"

# --- a chain written by another implementation of the encoding ---
read -r hseq hhash < <(python3 append.py s.db 8)
[ "$hseq" = 8 ] && ok || no "append.py wrote no chain"
expect 0 "verify a chain written by the documented encoding" -- "$cg" --db s.db audit verify
contains out "^audit chain intact: 8 entries, head 8 $hhash$"
expect 0 "head" -- "$cg" --db s.db audit head
contains out "^8 $hhash$"
expect 0 "verify against the exported head" -- "$cg" --db s.db audit verify --head "8:$hhash"
expect 0 "exported head in capitals" -- "$cg" --db s.db audit verify --head "8:${hhash^^}"
expect 0 "the documented script agrees" -- python3 verify.py s.db "8:$hhash"
contains out "^audit chain intact: 8 entries, head 8 $hhash$"

# --- entries cg writes itself, re-verified by the documented script ---
if "$cg" help | grep -q '^  agency add '; then
	expect 0 "agency add (audited)" -- "$cg" --db s.db agency add MPS --name "Test Force" \
		--type police_force --level local
	expect 0 "verify after cg appended" -- "$cg" --db s.db audit verify
	contains out "^audit chain intact: 9 entries, head 9 "
	expect 0 "the documented script verifies cg's entries" -- python3 verify.py s.db
	contains out "^audit chain intact: 9 entries"
	read -r hseq hhash < <("$cg" --db s.db audit head)
else
	echo "note: cg agency add does not exist yet; entries written by cg itself are covered by tests/unit/test_audit.c"
fi
last=$hseq
good_head="$hseq:$hhash"

# --- tampering through the sqlite3 shell, each on a fresh copy ---
# tamper DESCRIPTION SQL: copies the intact store to t.db, drops the
# append-only triggers and runs SQL there.
tamper() {
	rm -f t.db t.db-wal t.db-shm
	sqlite3 s.db ".backup t.db"
	sqlite3 t.db "PRAGMA foreign_keys = OFF;
		DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;
		DROP TRIGGER audit_record_no_update; DROP TRIGGER audit_record_no_delete;
		$2" >/dev/null || no "$1: the tampering SQL failed"
}
# caught DESCRIPTION MESSAGE [--head SEQ:HASH]: verify exits 1 with one
# line naming the entry, and the documented script refuses the copy too.
caught() {
	local what=$1 msg=$2; shift 2
	expect 1 "$what" -- "$cg" --db t.db audit verify "$@"
	contains err "^cg audit verify: $msg"
	lines err 1
	if python3 verify.py t.db ${1:+${2}} >/dev/null 2>&1; then
		no "$what: the documented script did not notice"
	else
		ok
	fi
}

tamper "intact copy" ""
expect 0 "an untouched copy verifies" -- "$cg" --db t.db audit verify

tamper "altered justification" "UPDATE audit_entry SET justification = 'routine' WHERE seq = 3"
caught "altered justification" "entry 3: was altered"

tamper "altered time" "UPDATE audit_entry SET at = '2025-12-31T23:59:59Z' WHERE seq = 5"
caught "altered time" "entry 5: was altered"

tamper "altered recipients" "UPDATE audit_entry SET recipients = NULL WHERE seq = 2"
caught "altered recipients" "entry 2: was altered"

tamper "deleted middle entry" \
	"DELETE FROM audit_record WHERE seq = 4; DELETE FROM audit_entry WHERE seq = 4"
caught "deleted middle entry" "entry 5: entry 4 is missing (removed)"

tamper "deleted and renumbered" \
	"DELETE FROM audit_record WHERE seq = 4; DELETE FROM audit_entry WHERE seq = 4;
	 UPDATE audit_entry SET seq = seq - 1 WHERE seq > 4;
	 UPDATE audit_record SET seq = seq - 1 WHERE seq > 4"
caught "deleted and renumbered" "entry 4: does not follow entry 3"

tamper "deleted last entries" \
	"DELETE FROM audit_record WHERE seq >= $((last - 1)); DELETE FROM audit_entry WHERE seq >= $((last - 1))"
expect 0 "cut-off chain passes without the exported head" -- "$cg" --db t.db audit verify
contains out "^audit chain intact: $((last - 2)) entries"
caught "cut-off chain against the exported head" "entry $last: the chain was cut off" --head "$good_head"

tamper "deleted last entry, index left" "DELETE FROM audit_entry WHERE seq = $last"
caught "deleted last entry, index left" "entry $last: audit_record rows name this entry, which does not exist"

# A forged entry at 3: the rest renumbered, linked to 2, own hash correct.
tamper "inserted entry" \
	"UPDATE audit_entry SET seq = -seq WHERE seq >= 3; UPDATE audit_entry SET seq = 1 - seq WHERE seq < 0;
	 UPDATE audit_record SET seq = -seq WHERE seq >= 3; UPDATE audit_record SET seq = 1 - seq WHERE seq < 0;
	 INSERT INTO audit_entry(seq, at, user_id, username, agency_code, operation, justification,
	   recipients, records, detail, prev_hash, hash)
	 SELECT 3, '2026-01-01T09:02:30Z', 7, 'alice', 'MPS', 'consultation', 'operation TEST',
	   NULL, '[]', 'forged', hash, 'x' FROM audit_entry WHERE seq = 2"
python3 rehash.py t.db 3
caught "inserted entry" "entry 4: does not follow entry 3"

tamper "reordered entries" \
	"UPDATE audit_entry SET seq = -2 WHERE seq = 2; UPDATE audit_entry SET seq = 2 WHERE seq = 3;
	 UPDATE audit_entry SET seq = 3 WHERE seq = -2;
	 UPDATE audit_record SET seq = -2 WHERE seq = 2; UPDATE audit_record SET seq = 2 WHERE seq = 3;
	 UPDATE audit_record SET seq = 3 WHERE seq = -2"
caught "reordered entries" "entry 2: does not follow entry 1"

tamper "forged entry with its own hash" "UPDATE audit_entry SET detail = 'nothing to see' WHERE seq = 6"
python3 rehash.py t.db 6
caught "forged entry with its own hash" "entry 7: does not follow entry 6"

tamper "altered index row" \
	"UPDATE audit_record SET record_id = 99 WHERE seq = 2 AND record_kind = 'intel_report'"
caught "altered index row" "entry 2: its audit_record rows do not match"

tamper "removed index row" "DELETE FROM audit_record WHERE seq = 6 AND record_kind = 'person'"
caught "removed index row" "entry 6: its audit_record rows do not match"

tamper "added index row" "INSERT INTO audit_record VALUES (1, 'person', 42)"
caught "added index row" "entry 1: its audit_record rows do not match"

# The triggers themselves: through the shell, without dropping them.
rm -f t.db t.db-wal t.db-shm
sqlite3 s.db ".backup t.db"
if sqlite3 t.db "UPDATE audit_entry SET detail = 'x' WHERE seq = 1" 2>"$tmp/err"; then
	no "the update trigger let a change through"
else
	contains err "append-only"
fi
if sqlite3 t.db "DELETE FROM audit_record" 2>/dev/null; then
	no "the delete trigger let a change through"
else
	ok
fi
expect 0 "the refused changes left the chain intact" -- "$cg" --db t.db audit verify --head "$good_head"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
