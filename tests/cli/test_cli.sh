#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line tests: run the real cg binary on temporary stores and check
# exit codes, messages and that refused files are left byte for byte as they
# were. Usage: test_cli.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_DB CG_USER

# --- usage errors exit 2 with a message on stderr ---
expect 2 "no command" -- "$cg"
contains err "usage: cg"
expect 2 "unknown command" -- "$cg" frobnicate
contains err "unknown command 'frobnicate'"
expect 2 "unknown option" -- "$cg" version --bogus
contains err "unknown option '--bogus'"
contains err "usage: cg version"
expect 2 "global option without value" -- "$cg" version --db
expect 2 "bad format" -- "$cg" stats --format xml
expect 2 "extra argument" -- "$cg" init surplus
expect 2 "help for unknown command" -- "$cg" help nothing

# --- help and version ---
expect 0 "help" -- "$cg" help
contains out "init"
expect 0 "version" -- "$cg" version
contains out "(schema [0-9][0-9]*, SQLite 3"
schema=$(sed -n 's/.*(schema \([0-9]*\),.*/\1/p' "$tmp/out")
# every command in the table answers --help and help COMMAND
for c in $("$cg" help | sed -n 's/^  \([a-z]*\( [a-z][a-z]*\)*\)  .*/\1/p' | tr ' ' '+'); do
	c=${c//+/ }
	# shellcheck disable=SC2086
	expect 0 "$c --help" -- "$cg" $c --help
	contains out "usage: cg $c"
	# shellcheck disable=SC2086
	expect 0 "help $c" -- "$cg" help $c
done

# --- a store is needed and must be initialised ---
expect 1 "stats without a store" -- "$cg" --db none.db stats
contains err "cg init"
[ ! -e none.db ] && ok || no "stats created none.db"

expect 0 "init creates" -- "$cg" --db s.db init
contains out "created at schema version $schema"
expect 0 "init again" -- "$cg" init --db=s.db
contains out "already at schema version $schema"
CG_DB=s.db expect 0 "stats from CG_DB" -- "$cg" stats
contains out "audit_entry"
expect 0 "stats csv" -- "$cg" --db s.db stats --format csv
contains out "^table,rows$"
contains out "^agency,0$"
expect 0 "stats json" -- "$cg" --db s.db stats --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["agency"] == 0 and len(d) >= 25' "$tmp/out" && ok || no "stats json is not the expected object"

# --- refused files stay exactly as they were ---
printf 'name,dob\nAlice,1990-01-01\n' > foreign.csv
cp foreign.csv foreign.orig
expect 1 "init on a text file" -- "$cg" --db foreign.csv init
contains err "not a Common Ground store"
cmp -s foreign.csv foreign.orig && ok || no "init changed a text file"

sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
cp other.db other.orig
expect 1 "init on another application's database" -- "$cg" --db other.db init
contains err "another application"
cmp -s other.db other.orig && ok || no "init changed another application's database"

"$cg" --db new.db init >/dev/null
sqlite3 new.db "PRAGMA journal_mode=DELETE; INSERT INTO schema_migration VALUES (99, '0099_future.sql', 'x');" >/dev/null
cp new.db new.orig
expect 1 "init on a newer store" -- "$cg" --db new.db init
contains err "schema version 99"
cmp -s new.db new.orig && ok || no "init changed a newer store"
expect 1 "stats on a newer store" -- "$cg" --db new.db stats
cmp -s new.db new.orig && ok || no "stats changed a newer store"

# A store whose pages are damaged: keep the header, overwrite the catalogue.
"$cg" --db bad.db init >/dev/null
sqlite3 bad.db "PRAGMA journal_mode=DELETE;" >/dev/null
python3 - <<'PY'
with open("bad.db", "r+b") as f:
    f.seek(100)
    f.write(b"\xff" * 3000)
PY
cp bad.db bad.orig
expect 1 "init on a damaged store" -- "$cg" --db bad.db init
cmp -s bad.db bad.orig && ok || no "init changed a damaged store"
lines err 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
