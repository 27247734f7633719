#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Audit overhead on a read-heavy workload (issue 3: target under 15%).
# Usage: bench/audit_overhead.sh [BUILD_DIR] [RECORDS] [OPS] [MIX]
# Builds a store of RECORDS source records owned by three agencies with mixed
# labels, then runs the same OPS operations (80% get, 10% search, 10% list)
# with the real audit log and with a null one, alternating, three rounds each,
# and prints the median throughput of each and the overhead.
set -euo pipefail
build=${1:-build}
records=${2:-20000}
ops=${3:-20000}
mix=${4:-mixed}
cg=$build/cg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/bench.db

"$cg" --db "$db" init >/dev/null
sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode = WAL;
BEGIN;
INSERT INTO agency(id, code, name, type, level, created_at) VALUES
  (1, 'POL', 'Police', 'police_force', 'local', 't'),
  (2, 'PRI', 'Prison', 'prison', 'local', 't'),
  (3, 'PRO', 'Probation', 'probation', 'local', 't');
INSERT INTO app_user(id, agency_id, username, display_name, clearance, created_at)
  VALUES (1, 2, 'analyst', 'Analyst', 'SECRET', 't');
INSERT INTO user_role VALUES (1, 'analyst');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $records)
INSERT INTO source_record(id, agency_id, source_system, source_record_id, content_hash,
  created_at, owner_agency_id, classification, handling_code, handling_conditions,
  flag_contact, subject_category, statement_basis, forenames, surname, forename_norm,
  surname_norm, dob, dob_raw)
SELECT i, 1 + i % 3, 'SYS', 'R' || i, 'h', 't', 1 + i % 3,
  CASE i % 4 WHEN 0 THEN 'OFFICIAL' WHEN 1 THEN 'OFFICIAL-SENSITIVE' WHEN 2 THEN 'SECRET' ELSE 'TOP SECRET' END,
  CASE WHEN i % 5 = 0 THEN 'C' ELSE 'P' END,
  CASE WHEN i % 5 = 0 THEN 'type:probation' END,
  CASE WHEN i % 7 = 0 THEN 'intel desk' END, 'suspect', 'fact',
  'Forename' || (i % 300), 'Surname' || (i % 1000), 'forename' || (i % 300),
  'surname' || (i % 1000), '1990-01-01', '1990-01-01'
FROM n;
INSERT INTO source_identifier(record_id, kind, value_raw, value_norm, is_hard)
SELECT id, 'crn', 'X' || printf('%06d', id), 'X' || printf('%06d', id), 1 FROM source_record;
COMMIT;
SQL
cp "$db" "$tmp/base.db"
[ -z "${CG_BENCH_KEEP:-}" ] || cp "$db" "$CG_BENCH_KEEP"

run() { # run BINARY -> ops/s
	cp "$tmp/base.db" "$db"; rm -f "$db-wal" "$db-shm"
	"$build/bench/$1" "$db" "$ops" 42 "$mix" | sed -n 's/.*: \([0-9]*\) ops\/s/\1/p'
}
on=() off=()
for round in 1 2 3; do
	off+=("$(run bench_audit_off)")
	on+=("$(run bench_audit_on)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
echo "records=$records ops=$ops mix=$mix"
echo "audit off: ${off[*]} ops/s (median $m_off)"
echo "audit on:  ${on[*]} ops/s (median $m_on)"
awk -v on="$m_on" -v off="$m_off" 'BEGIN {
	o = (off / on - 1) * 100;
	printf "overhead: %.1f%% more time per operation with the audit log (target < 15%%): %s\n",
	       o, (o < 15 ? "met" : "NOT met") }'
