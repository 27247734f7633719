#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# HTTP API load (issue 8), loopback only, by hand (not in CI): wrk against
# GET /api/v1/persons/{id} of `cg serve` with a bearer token, random person
# ids, beside bench_http_fixed (libmicrohttpd answering a fixed body with
# the same thread pool) measured in the same run.
#   Target: at least half the fixed-body throughput, p99 under 20 ms.
#   Each lookup is a consultation and writes an audit entry: one write
#   transaction, committed with synchronous=NORMAL (no disk sync; docs/
#   security.md, "Durability of consultation entries"), but under the
#   store's single write lock, so the server threads take turns at it and
#   wait in SQLite's busy handler (sleeps of 1, 2, 5, ... ms) when it is
#   held. That is the product's rule and stays.
# Usage: bench/http.sh [BUILD_DIR] [PEOPLE] [SECONDS] [WRK_THREADS] [CONNECTIONS] [SERVER_THREADS]
#   Defaults: build, 160000 people (about 100,000 persons; the issue asks for
#   1,000,000 persons, a world of about 1,600,000 people, which takes long
#   to build on this machine), 10 s per run, 2 wrk threads, 32 connections,
#   4 server threads (cg serve's default). KEEP=DIR keeps the store there and
#   reuses it on the next run.
set -euo pipefail
build=${1:-build}
people=${2:-160000}
seconds=${3:-10}
wthreads=${4:-2}
conns=${5:-32}
sthreads=${6:-4}
cg=$(cd "$(dirname "$build/cg")" && pwd)/cg
fixed=$(cd "$build" && pwd)/bench/bench_http_fixed
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$here/world.sh"
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/install-deps.sh" >&2; exit 1; }

store=${KEEP:-$tmp}/http-$people.db
echo "cg: $("$cg" version)"
if [ ! -s "$store" ]; then
	mkdir -p "$(dirname "$store")"
	t0=$(now)
	"$cg" demo generate --out "$tmp/world" --people "$people" --seed 7 >/dev/null
	setup_store "$store"
	import_world "$tmp/world" >/dev/null
	"$cg" --as svc.wmp link >/dev/null
	echo "bench-pw-0123456789" | "$cg" --as admin user add bench --agency WMP --roles analyst \
		--clearance SECRET --password-stdin >/dev/null
	echo "store built in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
fi
export CG_DB=$store
echo "persons: $(sqlite3 "$store" "SELECT count(*) FROM person WHERE status = 'active'")"
# persons the bench user sees: those with a record of its agency
sqlite3 "$store" "SELECT DISTINCT l.person_id FROM person_link l
	JOIN source_record r ON r.id = l.record_id JOIN agency a ON a.id = r.owner_agency_id
	JOIN person p ON p.id = l.person_id WHERE a.code = 'WMP' AND p.status = 'active'" >"$tmp/ids"
echo "ids looked up at random: $(wc -l <"$tmp/ids")"

# start SERVER ARGS...: runs it, waits for "listening on URL", sets $url
start() {
	local out="$tmp/out.$#.$RANDOM"
	"$@" >"$out" 2>"$tmp/server.err" &
	pids+=($!)
	for _ in $(seq 100); do
		url=$(sed -n 's/^listening on //p' "$out")
		[ -n "$url" ] && return 0
		sleep 0.1
	done
	echo "server did not start: $*" >&2; cat "$tmp/server.err" >&2; exit 1
}

start "$cg" serve --listen 127.0.0.1:0 --threads "$sthreads"
cg_url=$url
TOKEN=$(curl -s -H 'Content-Type: application/json' \
	-d '{"username": "bench", "password": "bench-pw-0123456789", "token": true, "ttl": 86400}' \
	"$cg_url/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "could not log in" >&2; exit 1; }
export TOKEN IDS=$tmp/ids
# the fixed body: a real answer, so both send as many bytes
curl -s -o "$tmp/body" -H "Authorization: Bearer $TOKEN" -H "X-Justification: bench" \
	"$cg_url/api/v1/persons/$(head -n 1 "$tmp/ids")"
echo "body: $(wc -c <"$tmp/body") bytes"
start "$fixed" 0 "$sthreads" "$tmp/body"
fixed_url=$url

# run NAME URL: a short warm-up, then the measured run into $tmp/NAME
run() {
	wrk -t "$wthreads" -c "$conns" -d 2s -s "$here/http.lua" "$2" >/dev/null
	wrk -t "$wthreads" -c "$conns" -d "${seconds}s" --latency -s "$here/http.lua" "$2" >"$tmp/$1"
}
run fixed "$fixed_url"
run cg "$cg_url"
echo "wrk: $wthreads threads, $conns connections, ${seconds} s; servers: $sthreads threads"
# "Requests/sec: N" and the 99% latency in ms
rps() { awk '/^Requests\/sec:/ { print $2 }' "$tmp/$1"; }
p99() { awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
	print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v) }' "$tmp/$1"; }
bad() { awk '/Non-2xx/ { n = $NF } /Socket errors/ { s = $0 } END { print (n ? n : 0) (s ? "; " s : "") }' "$tmp/$1"; }
for s in fixed cg; do
	printf "%-6s %10.0f requests/s  p99 %8.2f ms  non-2xx: %s\n" "$s" "$(rps $s)" "$(p99 $s)" "$(bad $s)"
done
awk -v f="$(rps fixed)" -v c="$(rps cg)" -v p="$(p99 cg)" 'BEGIN {
	printf "ratio cg/fixed: %.2f\n", c / f
	printf "target: at least half the fixed-body throughput: %s\n", (c >= f / 2 ? "met" : "NOT met")
	printf "target: p99 under 20 ms: %s (%.2f ms)\n", (p < 20 ? "met" : "NOT met"), p }'
echo "audit entries: $(sqlite3 "$store" "SELECT count(*) FROM audit_entry")"
