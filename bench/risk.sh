#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Risk scoring speed (issue 6).
#   Target: scoring 100,000 persons with the default policy in under 10 s
#   on this 2-core machine; prints persons/s. `cg risk score --all` is
#   measured end to end: loading the evidence snapshot, scoring every person
#   and group, and storing the assessments (a first run stores one per
#   person; a second run over unchanged data stores none and is timed too).
# Usage: bench/risk.sh [BUILD_DIR] [PEOPLE]
#   (default build, 160000 people, which link into about 100,000 persons)
# The store is set up as bench/import.sh does, then linked.
set -euo pipefail
build=${1:-build}
people=${2:-160000}
cg=$(cd "$(dirname "$build/cg")" && pwd)/cg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(cd "$(dirname "$0")" && pwd)/world.sh"

echo "cg: $("$cg" version)"
"$cg" demo generate --out "$tmp/world" --people "$people" --seed 7 >/dev/null
setup_store "$tmp/cg.db"
import_world "$tmp/world" >/dev/null
"$cg" --as svc.wmp link >/dev/null
"$cg" --as admin policy publish "$(cd "$(dirname "$0")/.." && pwd)/policy/default.policy" >/dev/null
persons=$(sqlite3 "$CG_DB" "SELECT count(*) FROM person WHERE status = 'active'")

score() { # score LABEL
	local t0 t1
	t0=$(now)
	/usr/bin/time -f '%M' -o "$tmp/rss" "$cg" --as svc.wmp risk score --all --as-of 2026-11-01 >"$tmp/out"
	t1=$(now)
	cat "$tmp/out"
	awk -v a="$t0" -v b="$t1" -v n="$persons" -v l="$1" -v rss="$(tail -n 1 "$tmp/rss")" \
		'BEGIN { printf "%s: %d persons in %.2f s, %.0f persons/s, peak RSS %.0f MB\n", l, n, b - a, n / (b - a), rss / 1024 }'
	echo "$t0 $t1" > "$tmp/t-$1"
}
score "first run"
score "rerun, unchanged"
read -r a b < "$tmp/t-first run"
awk -v a="$a" -v b="$b" -v n="$persons" 'BEGIN {
	t = (b - a) * 100000 / n;
	printf "target: 100,000 persons in under 10 s: %s (%.2f s per 100,000)\n", (t < 10 ? "met" : "NOT met"), t }'
