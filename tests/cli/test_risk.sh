#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The shared risk protocol end to end: the demo publishes the default
# policy and scores everyone; re-running stores nothing new; new
# intelligence changes a score and records the tier change; each viewer
# sees only the evidence they may see, with restricted material named by
# its owner; a supervisor confirms or overrides the computed tier and sets
# a management level; a new policy version re-scores; every step audited.
# Usage: test_risk.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export CG_DB="$tmp/demo.db"
unset CG_USER
q() { sqlite3 "$CG_DB" "$1"; }
equals_q() { local got; got=$(q "$1"); if [ "$got" = "$2" ]; then ok; else no "$1: '$got', wanted '$2'"; fi; }
today=$(date -u +%F)

expect 0 "demo scores everyone" -- "$cg" demo --people 600 --seed 5 --out world --no-serve
contains out "with risk protocol version 1"
expect 0 "policy published" -- "$cg" --as po.smith policy list --format csv
lines out 2

# Who may score; the same data, policy and date store nothing new.
expect 1 "auditor may not score" -- "$cg" --as auditor risk score --all
expect 2 "one person or all" -- "$cg" --as ds.jones risk score
expect 1 "bad date" -- "$cg" --as ds.jones risk score --all --as-of 2026-13-01
expect 0 "rerun" -- "$cg" --as ds.jones risk score --all --as-of "$today"
contains out "0 new assessments, 0 tier changes"

# The medium-risk person with the highest score who has a police record.
P=$(q "SELECT a.person_id FROM risk_assessment a JOIN person_link l ON l.person_id = a.person_id JOIN source_record r ON r.id = l.record_id JOIN agency g ON g.id = r.owner_agency_id WHERE a.tier = 'medium' AND g.code = 'WMP' ORDER BY a.score DESC, a.person_id LIMIT 1")
R=$(q "SELECT l.record_id FROM person_link l JOIN source_record r ON r.id = l.record_id JOIN agency a ON a.id = r.owner_agency_id WHERE l.person_id = $P AND a.code = 'WMP' LIMIT 1")
before=medium
expect 0 "show" -- "$cg" --as ds.jones --reason "case 7" risk show "$P"
contains out "person $P: $before risk (computed, a proposal"
contains out "ocg_role"; contains out "membership "
expect 1 "show needs a reason" -- "$cg" --as ds.jones risk show "$P"

# New intelligence that only prisons may see: a 1A report of a firearm.
expect 0 "prison-only firearm report" -- "$cg" --as dc.khan intel add \
	--text "Subject keeps a firearm and ammunition at a lock-up." --source 1 --assessment A \
	--classification OFFICIAL --handling C --conditions type:prison --flag-contact "WMP FIB" \
	--relates-to "$today" --mopi-group 2 --subjects "record:$R"
report=$(q "SELECT max(id) FROM intel_report")
n0=$(q "SELECT count(*) FROM risk_assessment")
expect 1 "one person needs a reason" -- "$cg" --as dc.khan risk score "$P"
contains err "justification"
equals_q "SELECT count(*) FROM risk_assessment" "$n0"
expect 0 "unapproved: no change" -- "$cg" --as dc.khan --reason "case 7" risk score "$P"
lacks out "intel_report $report"
expect 0 "approve" -- "$cg" --as ds.jones intel approve "$report"
expect 0 "rescore one person" -- "$cg" --as dc.khan --reason "case 7" risk score "$P"
contains out "intel_weapons"; contains out "intel_report $report"
after=$(q "SELECT tier FROM risk_assessment WHERE person_id = $P ORDER BY id DESC LIMIT 1")
[ "$after" = high ] && ok || no "tier after a 1A firearm report is $after, wanted high"
equals_q "SELECT from_tier || '>' || to_tier FROM risk_tier_change WHERE person_id = $P ORDER BY id DESC LIMIT 1" "$before>high"

# Each viewer sees the evidence they may see.
expect 0 "prison sees the report" -- "$cg" --as pio.patel --reason "wing check" risk show "$P"
contains out "intel_report $report"; lacks out "restricted material"
expect 0 "probation sees the score, not the report" -- "$cg" --as po.smith --reason "licence" risk show "$P"
contains out "person $P: high risk"
lacks out "intel_report $report"
contains out "rests on restricted material held by WMP"
expect 0 "json" -- "$cg" --as po.smith --reason "licence" risk show "$P" --format json
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
w = [f for f in v["factors"] if f["factor"] == "intel_weapons"][0]
assert w["restricted_points"] > 0 and w["evidence"] == [] and w["restricted_owners"] == "WMP", w
assert abs(sum(f["points"] for f in v["factors"]) - v["score"]) < 1e-6
assert v["computed_tier"] == "high" and v["confirmed_tier"] == ""
' "$tmp/out" && ok || no "json view"
equals_q "SELECT count(*) FROM audit_entry WHERE operation = 'consultation' AND username = 'po.smith' AND detail = 'risk show person $P' AND justification = 'licence'" 2

# A supervisor confirms or overrides; the computed tier stays beside it.
expect 1 "analyst may not confirm" -- "$cg" --as dc.khan risk confirm "$P" --tier high --why x
expect 2 "confirm needs a reason" -- "$cg" --as ds.jones risk confirm "$P" --tier high
expect 1 "bad tier" -- "$cg" --as ds.jones risk confirm "$P" --tier severe --why x
expect 0 "override" -- "$cg" --as ds.jones risk confirm "$P" --tier medium --why "firearm report is being re-checked"
expect 0 "shown beside the computed tier" -- "$cg" --as ds.jones --reason r risk show "$P"
contains out "person $P: medium risk (overridden)"
contains out "computed tier high"
contains out "overridden to medium by ds.jones"
expect 1 "level needs high" -- "$cg" --as ds.jones risk confirm "$P" --level 2 --why "joint meeting"
contains err "only for a high-risk nominal"
expect 0 "confirm high with level 2" -- "$cg" --as ds.jones risk confirm "$P" --tier high --level 2 --why "re-checked: firearm confirmed"
expect 0 "confirmed" -- "$cg" --as ds.jones --reason r risk show "$P"
contains out "high risk (confirmed)"; contains out "management level 2"
expect 0 "history" -- "$cg" --as ds.jones --reason r risk history "$P" --format csv
lines out 3
contains out "high,high,ds.jones"

# A new policy version re-scores everyone; determinism by date.
"$cg" --as admin policy show 1 | sed 's/^high = 50 /high = 40 /' > v2.policy
expect 0 "publish v2" -- "$cg" --as admin policy publish v2.policy
expect 0 "score with v2" -- "$cg" --as ds.jones risk score --all --as-of "$today" --format json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["policy_version"] == 2 and r["stored"] == r["persons"] + r["groups"], r
' "$tmp/out" && ok || no "v2 stores a new assessment for everyone"
expect 0 "new computed tier is a proposal again" -- "$cg" --as ds.jones --reason r risk show "$P"
contains out "policy version 2"; contains out "a proposal"
expect 0 "as of an earlier date" -- "$cg" --as ds.jones --reason r risk score "$P" --as-of 2020-01-01 --format json
s1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$tmp/out")
expect 0 "same date again" -- "$cg" --as ds.jones --reason r risk score "$P" --as-of 2020-01-01 --format json
s2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$tmp/out")
[ "$s1" = "$s2" ] && ok || no "same data, policy and date: $s1 then $s2"
equals_q "SELECT count(*) FROM audit_entry WHERE operation = 'combination' AND detail LIKE 'risk score%'" 7
expect 0 "chain intact" -- "$cg" --as auditor audit verify

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
