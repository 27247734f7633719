#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# External networks end to end: a seized phone's call list imported through
# a hand-written profile (its own column names and date format), bad rows
# rejected with file, line, field and reason, re-import that changes
# nothing, an edited file that updates its edges, the built-in edgelist
# profile with a node list, all-or-nothing across files, the label that
# hides a network from another agency exactly like one that does not
# exist, filters that apply and those refused, and the export of the
# network with its edges. Every step audited.
# Usage: test_graph_external.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"
py=/usr/bin/python3
[ -x "$py" ] || py=python3

"$cg" init >/dev/null
"$cg" agency add WMP --name "West Midlands Police" --type police_force --level local >/dev/null
"$cg" user add root --agency WMP --roles admin --clearance SECRET >/dev/null
"$cg" --as root agency add HMP --name "HMP Example" --type prison --level local >/dev/null
"$cg" --as root agency add NCA --name "National Crime Agency" --type national_unit --level national >/dev/null
"$cg" --as root user add ana --agency WMP --roles analyst --clearance SECRET >/dev/null
"$cg" --as root user add pio --agency HMP --roles pio,analyst --clearance SECRET >/dev/null
"$cg" --as root user add nca --agency NCA --roles analyst --clearance SECRET >/dev/null
ANA=(--as ana --reason "op test")
PIO=(--as pio --reason "op test")
tables() { # the external network tables, without times
	sqlite3 "$CG_DB" "SELECT id, name, owner_agency_id, classification, handling_code,
		coalesce(handling_conditions, '') FROM external_network ORDER BY id;
		SELECT network_id, key, coalesce(label, '-'), coalesce(group_name, '-') FROM external_node ORDER BY id;
		SELECT e.network_id, s.key, t.key, e.weight, coalesce(e.occurred_at, '-'), e.file, e.line
		FROM external_edge e JOIN external_node s ON s.id = e.source_node_id
		JOIN external_node t ON t.id = e.target_node_id ORDER BY e.network_id, e.file, e.line;"
}

# --- a seized phone: its own columns, its own date format, one agency only ---
cat > phone.profile <<'P'
# Call records from a seized handset: who called whom, how often, which day.
description = Seized handset call list
source_system = HANDSET
date_format = DD/MM/YYYY
classification = OFFICIAL-SENSITIVE
handling = C
conditions = agency:WMP
subject_category = suspect
statement_basis = fact

[calls]
kind = edge
match = calls*.csv
source = caller
target = callee
weight = count
date = day
P
cat > calls.csv <<'C'
caller,callee,count,day
07700900001,07700900002,3,01/02/2024
07700900002,07700900003,1,15/02/2024
07700900001,07700900003,,
07700900004,07700900001,0,03/02/2024
07700900004,07700900001,-2,03/02/2024
07700900004,07700900001,lots,03/02/2024
,07700900001,1,03/02/2024
07700900005,07700900005,1,03/02/2024
07700900005,07700900001,1,31/02/2024
"07700900006","07700900001",2.5,10/03/2024
C
expect 0 "profile check" -- "$cg" profile check ./phone.profile
contains out "calls (edge)"
sed 's/^target = callee$//' phone.profile > no_target.profile
expect 1 "an edge table needs a target" -- "$cg" profile check ./no_target.profile
contains err "table \[calls\] needs 'target'"
sed 's/^date = day$/classification = level/' phone.profile > row_label.profile
expect 1 "an edge table has no per-row label" -- "$cg" profile check ./row_label.profile
contains err "edge table takes no key 'classification'"
expect 1 "no network name" -- "$cg" --as ana import --profile ./phone.profile calls.csv
contains err "calls.csv: table \[calls\] holds an external network's edges: name the network"
expect 1 "a network name with a person profile" -- \
	"$cg" --as ana import --profile police --network x nominals.csv
contains err "a network name is only for edge and node tables, and table \[nominals\] is a person table"
expect 1 "a bad network name" -- "$cg" --as ana import --profile ./phone.profile --network "a/b" calls.csv
contains err "network name: no '/'"
expect 0 "import the phone" -- "$cg" --as ana import --profile ./phone.profile --network seized1 calls.csv
contains out "calls.csv \[calls\]: read 10, stored 4, unchanged 0, updated 0, rejected 6"
contains calls.csv.rejects.csv '^file,line,field,reason$'
contains calls.csv.rejects.csv '^calls.csv,5,count,the weight is not a positive number$'
contains calls.csv.rejects.csv '^calls.csv,6,count,the weight is not a positive number$'
contains calls.csv.rejects.csv '^calls.csv,7,count,the weight is not a positive number$'
contains calls.csv.rejects.csv '^calls.csv,8,caller,empty: every edge needs a key$'
contains calls.csv.rejects.csv '^calls.csv,9,callee,an edge joins two different keys$'
contains calls.csv.rejects.csv '^calls.csv,10,day,.*day 31 is past the end of month 2'
tables > t1
grep -qx '1|seized1|1|OFFICIAL-SENSITIVE|C|agency:WMP' t1 && ok || no "network row: $(head -1 t1)"
grep -qx '1|07700900001|07700900002|3.0|2024-02-01|calls.csv|2' t1 && ok || no "edge line 2"
grep -qx '1|07700900001|07700900003|1.0|-|calls.csv|4' t1 && ok || no "undated, unweighted edge"
grep -qx '1|07700900006|07700900001|2.5|2024-03-10|calls.csv|11' t1 && ok || no "edge line 11"
# only keys of stored edges became nodes (a rejected row creates none)
[ "$(sqlite3 "$CG_DB" "SELECT count(*) FROM external_node")" = 4 ] && ok || no "nodes: $(grep -c '^1|0' t1)"
sqlite3 "$CG_DB" "SELECT detail FROM audit_entry WHERE operation = 'collection'" > coll
contains coll "import calls.csv profile ./phone.profile tables calls: read 10, stored 4.* into network seized1"
[ "$(sqlite3 "$CG_DB" "SELECT count(*) FROM audit_record WHERE record_kind = 'external_network' AND record_id = 1")" -ge 1 ] &&
	ok || no "the collection entry does not name the network"

# --- importing again changes nothing ---
expect 0 "re-import" -- "$cg" --as ana import --profile ./phone.profile --network seized1 calls.csv
contains out "read 10, stored 0, unchanged 4, updated 0, rejected 6"
tables > t2
same t1 t2 "re-import changed the network"

# --- an edited file: a changed line, a fixed line, a line gone ---
sed -i 's/^07700900001,07700900002,3,/07700900001,07700900002,4,/' calls.csv
sed -i 's/^07700900004,07700900001,0,/07700900004,07700900001,1,/' calls.csv
sed -i '$d' calls.csv
expect 0 "edited import" -- "$cg" --as ana import --profile ./phone.profile --network seized1 calls.csv
contains out "read 9, stored 1, unchanged 2, updated 2, rejected 5"
tables > t3
grep -qx '1|07700900001|07700900002|4.0|2024-02-01|calls.csv|2' t3 && ok || no "edited edge"
grep -q '|calls.csv|11$' t3 && no "the removed line's edge stayed" || ok
grep -qx '1|07700900004|07700900001|1.0|2024-02-03|calls.csv|5' t3 && ok || no "fixed line"

# --- the built-in edgelist profile with a node list ---
printf 'source,target,weight,date\nA,B,2,2024-01-02\nB,C,1,\nC,D,0.5,2024-06-30\nE,F,1,2023-12-31\n' > case_edges.csv
printf 'key,group,label\nA,Crew 1,"Ann ""Big A"" <Smith> & Co"\nB,Crew 1,Bob\nD,Crew 2,\nZ,Crew 2,Zed (isolate)\n' > case_nodes.csv
expect 0 "profile check edgelist" -- "$cg" profile check edgelist
contains out "nodes (node) edges (edge)"
expect 0 "import edgelist" -- "$cg" --as ana import --profile edgelist --network case1 case_edges.csv case_nodes.csv
contains out "case_nodes.csv \[nodes\]: read 4, stored 4"
contains out "case_edges.csv \[edges\]: read 4, stored 4, unchanged 0, updated 0, rejected 0"
tables > t4
grep -qx '2|A|Ann "Big A" <Smith> & Co|Crew 1' t4 && ok || no "node A: $(grep '^2|A' t4)"
grep -qx '2|Z|Zed (isolate)|Crew 2' t4 && ok || no "node Z"
grep -qx '2|C|-|-' t4 && ok || no "node C named only by an edge"
expect 0 "re-import edgelist" -- "$cg" --as ana import --profile edgelist --network case1 case_nodes.csv case_edges.csv
contains out "case_nodes.csv \[nodes\]: read 4, stored 0, unchanged 4"
contains out "case_edges.csv \[edges\]: read 4, stored 0, unchanged 4"
# another label for the same network is refused, not applied
expect 1 "another label" -- "$cg" --as ana import --profile ./phone.profile --network case1 calls.csv
contains err "network case1 was imported with another label"

# --- all or nothing: a file that cannot be read stops every file ---
printf 'source,target\nX,Y\n' > bad_edges.csv
expect 1 "a file without the weight column" -- \
	"$cg" --as ana import --profile edgelist --network case2 case_nodes.csv bad_edges.csv
contains err "bad_edges.csv"
lacks out "case_nodes.csv"
[ "$(sqlite3 "$CG_DB" "SELECT count(*) FROM external_network WHERE name = 'case2'")" = 0 ] &&
	ok || no "a failed import left network case2 behind"

# a file the reader cannot finish, or whose header is ambiguous, stores
# nothing of any file and names the place
net_rows() { sqlite3 "$CG_DB" "SELECT count(*) FROM external_network; SELECT count(*) FROM external_node;
	SELECT count(*) FROM external_edge; SELECT count(*) FROM import_batch; SELECT count(*) FROM audit_entry"; }
net_rows > before
printf 'source,target,weight,date
X,Y,1,
X,"Z,1,
Y,Z,1,
' > open_edges.csv
expect 1 "an unterminated quote" -- \
	"$cg" --as ana import --profile edgelist --network case3 case_nodes.csv open_edges.csv
contains err "open_edges.csv:3: unterminated quoted field"
printf 'source,target,weight,date,target
X,Y,1,,Z
' > twice_edges.csv
expect 1 "a column twice" -- "$cg" --as ana import --profile edgelist --network case3 twice_edges.csv
contains err "twice_edges.csv: the header has two columns called 'target' (columns 2 and 5)"
printf '\xff\xfek\x00' > utf16_nodes.csv
expect 1 "a UTF-16 file" -- "$cg" --as ana import --profile edgelist --network case3 utf16_nodes.csv
contains err "utf16_nodes.csv: the file is UTF-16"
net_rows > after
same before after "a file that cannot be read changed the store"

# rows the reader or the checks refuse name their column
printf 'source,target,weight,date
X,Y"y,1,
X,Y,0x10,
X,Y, inf,
"X
x",Y,1,
X,Y,1e3,
' > odd_edges.csv
expect 0 "odd rows" -- "$cg" --as ana import --profile edgelist --network case3 odd_edges.csv
contains out "read 5, stored 1, unchanged 0, updated 0, rejected 4"
contains odd_edges.csv.rejects.csv '^odd_edges.csv,2,target,.*quote inside an unquoted field'
contains odd_edges.csv.rejects.csv '^odd_edges.csv,3,weight,the weight is not a positive number$'
contains odd_edges.csv.rejects.csv '^odd_edges.csv,4,weight,the weight is not a positive number$'
contains odd_edges.csv.rejects.csv '^odd_edges.csv,5,source,a key may not hold control characters$'

# --- listing: the owner sees both, another agency neither ---
expect 0 "list as ana" -- "$cg" "${ANA[@]}" graph networks --format csv
contains out "^WMP,case1,7,4,OFFICIAL-SENSITIVE,C,"
contains out "^WMP,seized1,5,4,OFFICIAL-SENSITIVE,C,"
expect 0 "list as pio" -- "$cg" "${PIO[@]}" graph networks
contains out "no external networks you may see"

# --- analysing it: the export gives the network ---
expect 0 "export json" -- "$cg" "${ANA[@]}" graph export --network case1 --format json
cp "$tmp/out" case1.json
"$py" - case1.json <<'PY' >check 2>&1 && ok || { no "case1 JSON: $(cat check)"; }
import json, sys
j = json.load(open(sys.argv[1]))
nodes = {n["key"]: n for n in j["nodes"]}
assert sorted(nodes) == list("ABCDEFZ"), sorted(nodes)
assert nodes["A"]["label"] == 'Ann "Big A" <Smith> & Co' and nodes["A"]["group"] == "Crew 1"
assert nodes["C"]["label"] is None and nodes["C"]["group"] is None
assert all(n["ocgs"] == [] and n["tier"] is None for n in j["nodes"])
key = {n["id"]: n["key"] for n in j["nodes"]}
edges = {tuple(sorted((key[e["source"]], key[e["target"]]))): e for e in j["edges"]}
assert sorted(edges) == [("A", "B"), ("B", "C"), ("C", "D"), ("E", "F")], sorted(edges)
assert edges[("A", "B")]["weight"] == 2 and edges[("C", "D")]["weight"] == 0.5
l = edges[("A", "B")]["links"]
assert len(l) == 1 and l[0]["type"] == "external" and l[0]["origin"] == "external", l
assert l[0]["from"] == l[0]["to"] == "2024-01-02", l
assert edges[("B", "C")]["links"][0]["from"] is None
assert any(line.startswith("network: case1 (external, owner WMP") for line in j["network"]), j["network"]
PY
sqlite3 "$CG_DB" "SELECT detail FROM audit_entry WHERE operation = 'consultation'" > cons
contains cons "graph network case1 (external, owner WMP): 7 nodes, 4 links"
sqlite3 "$CG_DB" "SELECT detail, recipients FROM audit_entry WHERE operation = 'disclosure'" > disc
contains disc "graph export json: 7 nodes, 4 links.*|ana (WMP), own analysis"

# the window keeps dated edges inside it and every undated one
expect 0 "window" -- "$cg" "${ANA[@]}" graph export --network case1 --format csv --from 2024-01-01 --to 2024-03-31
equals out "source,target,weight,types,links,first,last
A,B,2,external,1,2024-01-02,2024-01-02
B,C,1,external,1,,"
expect 0 "weights scale" -- "$cg" "${ANA[@]}" graph export --network case1 --format csv --weight external=3
contains out "^A,B,6,external,1,"
contains out "^D,C,1.5,external,1,"  # nodes in import order: D came with the node list
expect 1 "types other than external" -- "$cg" "${ANA[@]}" graph export --network case1 --types family
contains err "only links of type external"
expect 1 "grading does not apply" -- "$cg" "${ANA[@]}" graph export --network case1 --min-grading 2B
contains err "not graded"
expect 1 "custody does not apply" -- "$cg" "${ANA[@]}" graph export --network case1 --custody
contains err "no custody links"

# --- another agency: hidden exactly like a network that does not exist ---
expect 1 "pio cannot see seized1" -- "$cg" "${PIO[@]}" graph export --network seized1 --format json
contains err "no external network seized1"
cp "$tmp/err" hidden
expect 1 "no such network" -- "$cg" "${PIO[@]}" graph export --network seized9 --format json
sed 's/seized9/seized1/' "$tmp/err" > missing
same hidden missing "a hidden network is told apart from a missing one"
expect 1 "nor by agency and name" -- "$cg" "${PIO[@]}" graph export --network WMP/seized1
contains err "no external network WMP/seized1"
# the built-in label admits national units: NCA sees case1, by name or WMP/name
expect 0 "nca sees case1" -- "$cg" --as nca --reason "op test" graph export --network WMP/case1 --format csv
contains out "^A,B,2,external,1,"
expect 1 "but not seized1" -- "$cg" --as nca --reason "op test" graph export --network seized1
# a network of the user's own agency comes first
"$cg" --as nca import --profile edgelist --network case1 case_edges.csv >/dev/null 2>&1
expect 0 "nca's own case1" -- "$cg" --as nca --reason "op test" graph export --network case1 --format json
contains out "network: case1 (external, owner NCA"

# --- without a reason nothing is built ---
expect 2 "no reason" -- "$cg" --as ana graph export --network case1
contains err "reason"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
