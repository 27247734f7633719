#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hidden intelligence stays hidden from network analysis (issue 7): two
# stores hold the same synthetic world; one also holds a police association
# shared with nobody else and a police report not yet approved, each joining
# people probation may see. Probation's network, and every analysis of it
# (measures, communities, brokers, paths), must be the same in both stores:
# the results do not depend on what probation may not see. The police
# analyst's must differ, or the test could not fail.
# Usage: test_graph_hidden.sh PATH/TO/cg
set -u
cg=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
export CG_USER=

"$cg" demo generate --out "$tmp/world" --people 600 --seed 11 >/dev/null
setup() { # setup DB: the world imported and linked, as bench/world.sh does
	export CG_DB=$1
	"$cg" init >/dev/null
	"$cg" agency add WMP --name "West Midlands Police" --type police_force --level local >/dev/null
	"$cg" user add admin --agency WMP --roles admin --clearance SECRET >/dev/null
	"$cg" --as admin agency add HMPPS --name "HMPPS prisons" --type prison --level regional >/dev/null
	"$cg" --as admin agency add PROB --name "Probation" --type probation --level regional >/dev/null
	for a in WMP HMPPS PROB; do
		"$cg" --as admin user add "svc.${a,,}" --agency "$a" --roles analyst --clearance SECRET --service >/dev/null
	done
	"$cg" --as svc.wmp import --profile police --rejects "$tmp" "$tmp"/world/police/*.csv >/dev/null
	"$cg" --as svc.hmpps import --profile prison --rejects "$tmp" "$tmp"/world/prison/*.csv >/dev/null
	"$cg" --as svc.prob import --profile probation --rejects "$tmp" "$tmp"/world/probation/*.csv >/dev/null
	"$cg" --as svc.wmp link >/dev/null
}
setup "$tmp/plain.db"
setup "$tmp/hidden.db"

# Two police-held records of different people, the first two of distinct
# persons that probation may also see (a probation record of the same person).
pick=$(sqlite3 "$tmp/hidden.db" "
	SELECT r.id, l.person_id FROM source_record r JOIN person_link l ON l.record_id = r.id
	JOIN agency a ON a.id = r.owner_agency_id
	WHERE a.code = 'WMP' AND r.handling_code = 'P' AND EXISTS (SELECT 1 FROM person_link l2
		JOIN source_record r2 ON r2.id = l2.record_id JOIN agency a2 ON a2.id = r2.owner_agency_id
		WHERE l2.person_id = l.person_id AND a2.code = 'PROB')
	GROUP BY l.person_id ORDER BY l.person_id LIMIT 2")
rec_a=$(echo "$pick" | sed -n 1p | cut -d'|' -f1) person_a=$(echo "$pick" | sed -n 1p | cut -d'|' -f2)
rec_b=$(echo "$pick" | sed -n 2p | cut -d'|' -f1) person_b=$(echo "$pick" | sed -n 2p | cut -d'|' -f2)
[ -n "$rec_b" ] && ok || no "no two police records of people probation also holds"
wmp=$(sqlite3 "$tmp/hidden.db" "SELECT id FROM agency WHERE code = 'WMP'")
sqlite3 "$tmp/hidden.db" "INSERT INTO association (kind, from_record_id, to_record_id, created_at,
	owner_agency_id, classification, handling_code, handling_conditions)
	VALUES ('associate', $rec_a, $rec_b, '2026-01-01T00:00:00Z', $wmp, 'OFFICIAL', 'C', 'agency:WMP')"
export CG_DB="$tmp/hidden.db"
expect 0 "unapproved police report" -- "$cg" --as svc.wmp intel add --text "They meet weekly." \
	--source 2 --assessment B --handling P --classification OFFICIAL --relates-to 2025-06-01 \
	--mopi-group 3 --subjects "person:$person_a,person:$person_b"

# run USER DB NAME ARGS...: an analysis as USER on DB into $tmp/NAME, without
# the description lines (they name the build time).
run() {
	local user=$1 db=$2 name=$3; shift 3
	CG_DB="$tmp/$db.db" "$cg" --as "$user" --reason "hidden test" graph "$@" >"$tmp/$name.raw" 2>"$tmp/err" ||
		{ no "graph $* as $user on $db failed"; cat "$tmp/err"; }
	grep -v '^#' "$tmp/$name.raw" >"$tmp/$name"
}
for what in "metrics --format csv --betweenness exact" "communities --format csv" \
	    "brokers --format csv" "summary --format json --links" \
	    "path $person_a $person_b --format json"; do
	run svc.prob plain p1 $what
	run svc.prob hidden p2 $what
	# two empty answers (or a CSV header alone) would compare equal and prove nothing
	[ "$(wc -l <"$tmp/p1")" -gt 1 ] && ok || { no "probation's '$what' is empty"; cat "$tmp/p1.raw"; }
	same "$tmp/p1" "$tmp/p2" "probation's '$what' changed with intelligence it may not see"
done
# the comparison means something only if probation sees both people
run svc.prob hidden p3 metrics --format csv --measures degree
grep -q "^$person_a," "$tmp/p3" && grep -q "^$person_b," "$tmp/p3" && ok ||
	{ no "probation does not see persons $person_a and $person_b"; head -3 "$tmp/p3"; }
# the police see the hidden association and the report: their network differs
run svc.wmp plain w1 summary --format json --links
run svc.wmp hidden w2 summary --format json --links
if cmp -s "$tmp/w1" "$tmp/w2"; then no "the police network ignored the hidden rows"; else ok; fi
run svc.wmp hidden w3 path "$person_a" "$person_b" --format json
grep -q '"associate"' "$tmp/w3" && ok || { no "the police path lacks the association"; cat "$tmp/w3"; }

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
