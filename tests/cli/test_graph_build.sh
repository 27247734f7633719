#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Building the network a user may see (src/graph/build*.c) through
# `cg graph summary`: a small hand-made store where every link is known —
# associations (one graded, one to a handset both persons used), a
# transaction, an intelligence report with two subjects, custody movements
# (two prisoners in one cell, others on one wing, a cell handed over on the
# day of release), a visit, calls to one number — then what another
# agency's user may not see, each filter, bad filter values, the audit
# entry per build, and one build of a generated world.
# Usage: test_graph_build.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

"$cg" init >/dev/null
"$cg" agency add POL --name "Police" --type police_force --level local >/dev/null
"$cg" user add root --agency POL --roles admin --clearance SECRET >/dev/null
"$cg" --as root agency add PRI --name "HMP Example" --type prison --level local >/dev/null
"$cg" --as root agency add PRO --name "Probation" --type probation --level regional >/dev/null
for u in "pol.analyst POL analyst SECRET" "pol.sup POL supervisor,analyst SECRET" \
         "pri.pio PRI pio SECRET" "pro.officer PRO officer OFFICIAL" "auditor POL auditor SECRET"; do
	set -- $u
	"$cg" --as root user add "$1" --agency "$2" --roles "$3" --clearance "$4" >/dev/null
done

# Police: five persons anyone may see and FOX, whom only the police may
# see; associations (BROWN-CLARK and the business one only for the police;
# EVANS-FOX for all, but FOX is not); a transaction; an approved report
# about ADAMS and DAVIS.
cat >police.jsonl <<'EOF'
{"type":"person","id":"P1","surname":"ADAMS","forenames":"Alan"}
{"type":"person","id":"P2","surname":"BROWN","forenames":"Bob"}
{"type":"person","id":"P3","surname":"CLARK","forenames":"Carl"}
{"type":"person","id":"P4","surname":"DAVIS","forenames":"Dan"}
{"type":"person","id":"P5","surname":"EVANS","forenames":"Eve"}
{"type":"person","id":"P6","surname":"FOX","forenames":"Fred","handling_code":"C","handling_conditions":"agency:POL"}
{"type":"association","id":"A1","from":"P1","to":"P2","association_type":"family","date":"2020-01-01"}
{"type":"association","id":"A2","from":"P2","to":"P3","association_type":"associate","date":"2021-06-01","handling_code":"C","handling_conditions":"agency:POL"}
{"type":"association","id":"A3","from":"P1","to":"P3","association_type":"co_defendant","date":"2019-03-01"}
{"type":"association","id":"A4","from":"P3","to":"P6","association_type":"business","date":"2021-01-01","handling_code":"C","handling_conditions":"agency:POL"}
{"type":"association","id":"A5","from":"P5","to":"P6","association_type":"associate","date":"2021-01-01"}
{"type":"event","id":"T1","person":"P4","event_type":"transaction","counterpart":"P5","date":"2021-05-05","place":"Birmingham"}
{"type":"intel","id":"R1","text":"ADAMS and DAVIS meet weekly.","source_evaluation":"1","intel_assessment":"B","date":"2021-02-02","subjects":"P1;P4"}
EOF
# Prison HMX: GRANT and HILL share cell A-1-001 (Feb to May); IRWIN joins
# wing A in March and moves to wing B in April, where JONES arrives; LEWIS
# takes GRANT's cell on the day GRANT leaves (no overlap of a day). GRANT
# has a visit from KING; GRANT and HILL ring the same number.
cat >prison.jsonl <<'EOF'
{"type":"person","id":"Q1","surname":"GRANT","forenames":"Gary"}
{"type":"person","id":"Q2","surname":"HILL","forenames":"Harry"}
{"type":"person","id":"Q3","surname":"IRWIN","forenames":"Ian"}
{"type":"person","id":"Q4","surname":"JONES","forenames":"Jack"}
{"type":"person","id":"Q5","surname":"LEWIS","forenames":"Leo"}
{"type":"person","id":"C1","surname":"KING","forenames":"Kate"}
{"type":"event","id":"M1","person":"Q1","event_type":"reception","date":"2022-01-01","establishment":"HMX","wing":"A","cell":"A-1-001"}
{"type":"event","id":"M2","person":"Q1","event_type":"release","date":"2022-06-30","establishment":"HMX"}
{"type":"event","id":"M3","person":"Q2","event_type":"reception","date":"2022-02-01","establishment":"HMX","wing":"A","cell":"A-1-001"}
{"type":"event","id":"M4","person":"Q2","event_type":"release","date":"2022-05-01","establishment":"HMX"}
{"type":"event","id":"M5","person":"Q3","event_type":"reception","date":"2022-03-01","establishment":"HMX","wing":"A","cell":"A-1-002"}
{"type":"event","id":"M6","person":"Q3","event_type":"wing_move","date":"2022-04-01","establishment":"HMX","wing":"B","cell":"B-1-001"}
{"type":"event","id":"M7","person":"Q4","event_type":"reception","date":"2022-04-15","establishment":"HMX","wing":"B","cell":"B-1-002"}
{"type":"event","id":"M8","person":"Q5","event_type":"reception","date":"2022-06-30","establishment":"HMX","wing":"A","cell":"A-1-001"}
{"type":"event","id":"M9","person":"Q5","event_type":"release","date":"2022-07-10","establishment":"HMX"}
{"type":"event","id":"V1","person":"Q1","event_type":"visit","counterpart":"C1","date":"2022-03-05","establishment":"HMX"}
{"type":"event","id":"K1","person":"Q1","event_type":"call","phone":"07700 900001","date":"2022-02-10"}
{"type":"event","id":"K2","person":"Q1","event_type":"call","phone":"07700900001","date":"2022-02-20"}
{"type":"event","id":"K3","person":"Q2","event_type":"call","phone":"07700900001","date":"2022-03-10"}
{"type":"event","id":"K4","person":"Q3","event_type":"call","phone":"07700900002","date":"2022-03-15"}
EOF
"$cg" --as pol.analyst import --profile exchange police.jsonl >/dev/null
"$cg" --as pri.pio import --profile exchange prison.jsonl >/dev/null
"$cg" --as pol.analyst link >/dev/null
# What no import writes yet: a grading on the co-defendant association, and
# a handset DAVIS and EVANS both used.
sqlite3 "$CG_DB" "UPDATE association SET source_evaluation = '3', intel_assessment = 'C'
	WHERE external_id = 'associations:A3';
INSERT INTO object(kind, value_norm, value_raw, created_at)
	VALUES ('handset', '356938035643809', '35-693803-564380-9', '2026-01-01T00:00:00Z');
INSERT INTO association(kind, from_record_id, to_object_id, valid_from, created_at,
	owner_agency_id, classification, handling_code)
	SELECT 'uses_handset', id, (SELECT id FROM object WHERE kind = 'handset'), '2021-07-01',
	'2026-01-01T00:00:00Z', owner_agency_id, 'OFFICIAL', 'P'
	FROM source_record WHERE source_record_id IN ('P4', 'P5');"
pid() { sqlite3 "$CG_DB" "SELECT l.person_id FROM person_link l JOIN source_record r ON r.id = l.record_id WHERE r.source_record_id = '$1'"; }
# Risk: GRANT's latest assessment is medium (an older one low); HILL's
# computed low was overridden to high; nobody else is assessed.
sqlite3 "$CG_DB" "INSERT INTO risk_policy(version, content, content_hash, published_by, published_at)
	VALUES (1, 'x', 'h', 1, '2026-01-01T00:00:00Z');
INSERT INTO risk_assessment(person_id, policy_id, score, tier, computed_at)
	VALUES ($(pid Q1), 1, 1, 'low', '2026-01-01T00:00:00Z'),
	       ($(pid Q1), 1, 5, 'medium', '2026-02-01T00:00:00Z');
INSERT INTO risk_assessment(person_id, policy_id, score, tier, confirmed_tier, computed_at)
	VALUES ($(pid Q2), 1, 1, 'low', 'high', '2026-02-01T00:00:00Z');"

# summary USER [OPTIONS]: the network as JSON with its links, in $tmp/out.
summary() { local u=$1; shift; expect 0 "summary as $u $*" -- "$cg" --as "$u" --reason "test" graph summary --format json --links "$@"; }
# links_are "TYPE:SURNAME-SURNAME ...": exactly these links in $tmp/out.
links_are() {
	if "$py" - "$tmp/out" "$1" <<'EOF'; then ok; else no "links of: $1"; fi
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted("%s:%s" % (l["type"], "-".join(sorted([l["a_label"].split()[0], l["b_label"].split()[0]])))
             for l in d["link_list"])
want = sorted(sys.argv[2].split())
if got != want:
    print("got: ", " ".join(got)); print("want:", " ".join(want)); sys.exit(1)
EOF
}
# field EXPR VALUE: a Python expression over the JSON (d) equals VALUE.
field() {
	local got
	got=$("$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$tmp/out")
	if [ "$got" = "$2" ]; then ok; else no "$1 is '$got', wanted '$2'"; fi
}

ALL_POLICE="family:ADAMS-BROWN co_defendant:ADAMS-CLARK associate:BROWN-CLARK business:CLARK-FOX
 associate:EVANS-FOX transaction:DAVIS-EVANS shared_handset:DAVIS-EVANS intel_co_subject:ADAMS-DAVIS"
ALL_PRISON="same_cell:GRANT-HILL shared_phone:GRANT-HILL visit:GRANT-KING"
# same_wing links only when asked for: a wing links hundreds over the years
WINGS="same_wing:GRANT-IRWIN same_wing:HILL-IRWIN same_wing:IRWIN-JONES"

# --- everything the police analyst may see ---
summary pol.analyst
links_are "$ALL_POLICE $ALL_PRISON"
field "d['nodes'], d['isolates']" "12 3"
field "d['tiers']" "{'high': 1, 'medium': 1, 'low': 0, 'none': 10}"
field "d['description']['custody stays open until'][:10]" "2022-07-10"
field "[(l['from'], l['to'], l['via_name'], l['origin']) for l in d['link_list'] if l['type'] == 'same_cell']" \
	"[('2022-02-01', '2022-05-01', 'HMX cell A-1-001', 'custody')]"
summary pol.analyst --types same_cell,same_wing
links_are "same_cell:GRANT-HILL $WINGS"
field "[(l['from'], l['to'], l['via_name']) for l in d['link_list'] if l['a_label'].startswith('IRWIN') or l['b_label'].startswith('IRWIN')]" \
	"[('2022-03-01', '2022-04-01', 'HMX wing A'), ('2022-03-01', '2022-04-01', 'HMX wing A'), ('2022-04-15', '2022-07-10', 'HMX wing B')]"
summary pol.analyst
field "[(l['from'], l['to'], l['via_name'], l['origin'], l['row_id2'] > 0) for l in d['link_list'] if l['type'] == 'shared_phone']" \
	"[('2022-02-10', '2022-03-10', 'phone 07700900001', 'object', True)]"
field "[(l['grading'], l['origin']) for l in d['link_list'] if l['type'] in ('co_defendant', 'intel_co_subject')]" \
	"[('3C', 'association'), ('1B', 'intelligence')]"
field "{t['type']: (t['weight'], t['setting']) for t in d['types'] if t['links']}" \
	"{'co_defendant': (3.0, 'community'), 'family': (2.0, 'community'), 'associate': (2.0, 'community'), 'same_cell': (3.0, 'custody'), 'visit': (1.0, 'custody'), 'transaction': (1.0, 'community'), 'shared_phone': (1.0, 'custody'), 'shared_handset': (2.0, 'community'), 'intel_co_subject': (1.0, 'community'), 'business': (1.0, 'community')}"
expect 0 "text summary" -- "$cg" --as pol.analyst --reason test graph summary
contains out "^# principal: pol.analyst (POL)"
contains out "^# types: all but same_wing and same_establishment"
contains out "^nodes: 12"
contains out "same_cell *1  weight 3  custody"
contains out "^isolates: 3"
contains out "^risk tiers: 1 high, 1 medium, 0 low, 10 not assessed"
expect 0 "text links" -- "$cg" --as pol.analyst --reason test graph summary --links --types same_cell
contains out "same_cell 2022-02-01..2022-05-01 custody [0-9]*+[0-9]* - via HMX cell A-1-001"

# --- another agency's user sees less, and more once allowed ---
P2=$(pid P2) P5=$(pid P5)
expect 0 "unapproved report" -- "$cg" --as pol.analyst intel add --text "BROWN pays EVANS." \
	--source 2 --assessment C --handling P --classification OFFICIAL --relates-to 2021-08-01 \
	--mopi-group 3 --subjects "person:$P2,person:$P5"
summary pol.analyst
links_are "$ALL_POLICE $ALL_PRISON intel_co_subject:BROWN-EVANS"
summary pro.officer
links_are "family:ADAMS-BROWN co_defendant:ADAMS-CLARK transaction:DAVIS-EVANS
 shared_handset:DAVIS-EVANS intel_co_subject:ADAMS-DAVIS $ALL_PRISON"
field "d['nodes']" "11"
summary pri.pio --agency POL
lacks out "BROWN-EVANS"
field "len([l for l in d['link_list'] if l['type'] == 'intel_co_subject'])" "1"
expect 0 "approve" -- "$cg" --as pol.sup intel approve 2
sqlite3 "$CG_DB" "UPDATE association SET handling_conditions = 'agency:POL,agency:PRO'
	WHERE external_id = 'associations:A2'"
summary pro.officer
links_are "family:ADAMS-BROWN co_defendant:ADAMS-CLARK associate:BROWN-CLARK transaction:DAVIS-EVANS
 shared_handset:DAVIS-EVANS intel_co_subject:ADAMS-DAVIS intel_co_subject:BROWN-EVANS $ALL_PRISON"
# a link type known only from rows the user may not see does not exist for them
expect 1 "type from a hidden row" -- "$cg" --as pro.officer --reason t graph summary --types business
contains err "types: no link type 'business'"
summary pol.analyst --types business
links_are "business:CLARK-FOX"
ALL_POLICE="$ALL_POLICE intel_co_subject:BROWN-EVANS"

# --- filters ---
summary pol.analyst --types family,visit
links_are "family:ADAMS-BROWN visit:GRANT-KING"
field "[t['type'] for t in d['types']]" "['family', 'visit']"
summary pol.analyst --from 2022-03-01 --to 2022-03-31
links_are "family:ADAMS-BROWN co_defendant:ADAMS-CLARK associate:BROWN-CLARK business:CLARK-FOX
 associate:EVANS-FOX shared_handset:DAVIS-EVANS same_cell:GRANT-HILL visit:GRANT-KING"
field "d['description']['window'][:24]" "2022-03-01 to 2022-03-31"
summary pol.analyst --to 2021-12-31
links_are "$ALL_POLICE"
summary pol.analyst --min-grading 2B
links_are "family:ADAMS-BROWN associate:BROWN-CLARK business:CLARK-FOX associate:EVANS-FOX
 transaction:DAVIS-EVANS shared_handset:DAVIS-EVANS intel_co_subject:ADAMS-DAVIS $ALL_PRISON"
summary pol.analyst --min-grading 3C
links_are "$ALL_POLICE $ALL_PRISON"
summary pol.analyst --agency PRI
links_are "$ALL_PRISON"
field "d['description']['agencies']" "PRI"
summary pol.analyst --agency POL
links_are "$ALL_POLICE"
summary pol.analyst --custody
links_are "$ALL_PRISON"
summary pol.analyst --community
links_are "$ALL_POLICE"
summary pol.analyst --types family,same_wing --weight family=5,same_wing=0.25
field "{t['type']: t['weight'] for t in d['types'] if t['type'] in ('family', 'same_wing')}" \
	"{'family': 5.0, 'same_wing': 0.25}"
field "d['description']['weights changed']" "family=5, same_wing=0.25"
summary pol.analyst --types same_establishment
links_are "same_establishment:GRANT-IRWIN same_establishment:HILL-IRWIN same_establishment:GRANT-JONES
 same_establishment:HILL-JONES same_establishment:IRWIN-LEWIS same_establishment:JONES-LEWIS"
"$cg" --as pol.analyst ocg add --name "Crew" --classification OFFICIAL --handling P >/dev/null
"$cg" --as pol.analyst ocg add --name "Hidden" --classification OFFICIAL --handling C \
	--conditions agency:POL >/dev/null
for m in "1 P1" "1 P2" "2 P3"; do
	set -- $m
	"$cg" --as pol.analyst ocg member add "$1" --person "$(pid "$2")" --role significant \
		--classification OFFICIAL --handling P >/dev/null
done
summary pol.analyst --ocg 1
links_are "family:ADAMS-BROWN"
field "d['nodes'], d['description']['OCGs']" "2 1"
summary pol.analyst --ocg 1,2
links_are "family:ADAMS-BROWN co_defendant:ADAMS-CLARK associate:BROWN-CLARK"
expect 1 "OCG the user may not see" -- "$cg" --as pro.officer --reason t graph summary --ocg 2
contains err "\-\-ocg: OCG 2 not found"

# --- bad values name the option ---
bad() { local want=$1 pattern=$2; shift 2; expect "$want" "bad: $*" -- "$cg" --as pol.analyst --reason t graph summary "$@"; contains err "$pattern"; }
bad 2 "\-\-from" --from 2022-13-01
bad 2 "\-\-to" --to yesterday
bad 2 "\-\-min-grading" --min-grading 4A
bad 2 "\-\-weight" --weight family
bad 2 "\-\-weight" --weight family=-1
bad 2 "\-\-ocg" --ocg 1,x
bad 2 "\-\-types" --types family,,visit
bad 2 "\-\-custody and \-\-community" --custody --community
bad 1 "\-\-agency: no agency NOPE" --agency NOPE
bad 1 "^cg graph summary: \-\-types: no link type 'friend'$" --types friend
bad 1 "^cg graph summary: \-\-weight: no link type 'friend'$" --weight friend=2
bad 2 "\-\-from 2022-02-01 is after \-\-to 2022-01-01" --from 2022-02-01 --to 2022-01-01
bad 2 "\-\-format" --format csv
bad 1 "no external network nope" --network nope
expect 2 "no reason" -- "$cg" --as pol.analyst graph summary
contains err "\-\-reason"
expect 2 "no user" -- "$cg" --reason t graph summary
expect 0 "help" -- "$cg" graph summary --help
contains out "\-\-min-grading 2B"

# --- one audit entry per build, naming the filters and counts ---
count() { "$cg" --as auditor audit user pol.analyst --format csv | grep -c "consultation,t,,graph network"; }
before=$(count)
expect 0 "audited build" -- "$cg" --as pol.analyst --reason t graph summary --types family --agency POL
expect 1 "failed build" -- "$cg" --as pol.analyst --reason t graph summary --types friend
after=$(count)
if [ "$after" -eq $((before + 1)) ]; then ok; else no "audit entries $before -> $after"; fi
"$cg" --as auditor audit user pol.analyst --format csv | tail -1 >"$tmp/audit"
contains audit "types: family; .*agencies: POL; .*nodes: 12; links: 1; edges: 1"
expect 0 "chain intact" -- "$cg" audit verify

# --- a generated world, end to end ---
mkdir world
export CG_DB="$tmp/world.db"
"$cg" demo generate --out world --people 1000 --seed 3 >/dev/null
"$cg" init >/dev/null
"$cg" agency add WMP --name "West Midlands Police" --type police_force --level local >/dev/null
"$cg" user add admin --agency WMP --roles admin --clearance SECRET >/dev/null
"$cg" --as admin agency add HMPPS --name "HMPPS prisons" --type prison --level regional >/dev/null
"$cg" --as admin agency add PROB --name "Probation" --type probation --level regional >/dev/null
for a in WMP HMPPS PROB; do
	"$cg" --as admin user add "svc.${a,,}" --agency "$a" --roles analyst --clearance SECRET --service >/dev/null
done
"$cg" --as svc.wmp import --profile police --rejects world world/police/*.csv >/dev/null
"$cg" --as svc.hmpps import --profile prison --rejects world world/prison/*.csv >/dev/null
"$cg" --as svc.prob import --profile probation --rejects world world/probation/*.csv >/dev/null
"$cg" --as svc.wmp link >/dev/null
expect 0 "world network" -- "$cg" --as svc.wmp --reason test graph summary --format json \
	--types family,same_cell,same_wing,visit,shared_phone,intel_co_subject
field "d['nodes'] > 300, d['links'] > d['edges'] > 100" "True True"
field "sorted(t['type'] for t in d['types'] if t['links'] and t['type'] in ('family', 'same_cell', 'same_wing', 'visit', 'shared_phone', 'intel_co_subject'))" \
	"['family', 'intel_co_subject', 'same_cell', 'same_wing', 'shared_phone', 'visit']"
expect 0 "world custody network" -- "$cg" --as svc.hmpps --reason test graph summary --format json --custody
field "all(t['setting'] == 'custody' for t in d['types'] if t['links']), d['links'] > 0" "True True"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
