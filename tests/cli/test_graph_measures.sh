#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Network measures on the store's own network (a small synthetic world):
# `cg graph metrics`, `links`, `communities`, `path`, `neighbours` and
# `connect` name the network and parameters they used, show each path's
# links with their provenance (type, dates, origin, rows, owner agency,
# grading), compare communities with the recorded OCG memberships, start
# neighbourhoods from an OCG's members, and give the same result twice.
# The mathematics is checked against NetworkX in test_graph_networkx.sh.
# Usage: test_graph_measures.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"

"$cg" demo --out "$tmp/data" --people 400 --no-serve >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
A=(--as dc.khan --reason "network test")

# --- metrics: what was used, a summary, one row per person ---
expect 0 "metrics csv" -- "$cg" "${A[@]}" graph metrics --format csv --sort degree
cp "$tmp/out" m.csv
contains m.csv "^# principal: dc.khan (WMP)$"
contains m.csv "^# betweenness: exact$"
contains m.csv "^# path lengths: distance = 1/weight"
contains m.csv "^# summary: [0-9]* nodes, "
contains m.csv "^key,label,ocgs,tier,degree,strength,betweenness,betweenness_normalised,closeness,harmonic,pagerank,eigenvector,coreness,articulation$"
nodes=$(sed -n 's/^# summary: \([0-9]*\) nodes.*/\1/p' m.csv)
lines m.csv "$(( $(grep -c '^# ' m.csv) + 1 + nodes ))"
A1=$(grep -v '^#' m.csv | sed -n 2p | cut -d, -f1)
A2=$(grep -v '^#' m.csv | sed -n 3p | cut -d, -f1)
"$cg" "${A[@]}" graph metrics --format csv --sort degree >m2.csv
same m.csv m2.csv "metrics are the same twice"
expect 0 "metrics json" -- "$cg" "${A[@]}" graph metrics --measures degree,community --top 5 \
	--sort degree --format json
cp "$tmp/out" m.json
expect 0 "metrics json parses" -- "$py" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["network"][0].startswith("principal: dc.khan"), j["network"][0]
assert j["measures"] == ["degree", "community"], j["measures"]
assert len(j["nodes"]) == 5 and all("community" in n and "ocgs" in n for n in j["nodes"])
degrees = [n["degree"] for n in j["nodes"]]
assert degrees == sorted(degrees, reverse=True), degrees
assert j["summary"]["components"] >= j["summary"]["components_without_isolates"]
' m.json
expect 0 "links" -- "$cg" "${A[@]}" graph links --top 3
contains out "^a  *b  *weight links betweenness bridge  types$"
# three rows under the header, then how many there are in all
[ "$(grep -c '^[0-9][0-9]*  *[0-9][0-9]*  *[0-9.]* *[0-9]* *[0-9.]* ' "$tmp/out")" -eq 3 ] && ok ||
	{ no "links --top 3 does not list three pairs"; cat "$tmp/out"; }
contains out "^(3 of [0-9]* shown; --top N for more)$"

# --- a path with the provenance of every link ---
expect 0 "path text" -- "$cg" "${A[@]}" graph path "$A1" "$A2" --max-length 3 --max-paths 5
contains out "paths\? of up to 3 links from $A1 "
contains out "      | .*, \(association\|event\|object\|custody\|intelligence\) row [0-9]*"
contains out ", \(WMP\|HMPPS\|PROB\)[ ,]"
expect 0 "path json" -- "$cg" "${A[@]}" graph path "$A1" "$A2" --all-shortest --format json
cp "$tmp/out" p.json
expect 0 "path json has provenance" -- "$py" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["kind"] == "all-shortest" and j["paths"], j
for p in j["paths"]:
    assert p["nodes"][0]["key"] == sys.argv[2] and p["nodes"][-1]["key"] == sys.argv[3]
    assert len(p["steps"]) == p["links"] == len(p["nodes"]) - 1
    for s in p["steps"]:
        for l in s["links"]:
            assert l["type"] and l["origin"] and l["row_id"] > 0, l
            assert l["owner_agency"] in ("WMP", "HMPPS", "PROB"), l
            assert "from" in l and "grading" in l
' p.json "$A1" "$A2"
expect 1 "path to nobody" -- "$cg" "${A[@]}" graph path "$A1" 999999
contains err "'999999' is not in the network"

# --- communities against recorded memberships ---
expect 0 "communities json" -- "$cg" "${A[@]}" graph communities --format json
cp "$tmp/out" c.json
expect 0 "lookalikes sit in dominated communities without the membership" -- "$py" -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["method"] == "leiden" and j["seed"] == 20261125 and j["modularity"] > 0.3, j["modularity"]
coms = {c["community"]: c for c in j["communities"]}
assert sum(c["size"] for c in coms.values()) == sum(len(c["members"]) for c in coms.values())
for l in j["looks_like_members"]:
    c = coms[l["community"]]
    assert c["dominated"] and c["dominant"] == l["looks_like_member_of"], (l, c)
    assert c["dominant"]["ocg"] not in l["ocgs"], l
    assert l["key"] in c["members"]
    assert 0 < l["share"] <= 1
    assert c["dominant_count"] >= 3 and 2 * c["dominant_count"] >= c["affiliated"]
shares = [l["share"] for l in j["looks_like_members"]]
assert shares == sorted(shares, reverse=True)
' c.json
"$cg" "${A[@]}" graph communities --format json >c2.json
same c.json c2.json "communities are the same twice"
expect 0 "communities text" -- "$cg" "${A[@]}" graph communities --method louvain --top 2
contains out "^louvain: [0-9]* communities ([0-9]* with links; [0-9]* isolates alone), modularity 0\."
contains out "^community 1: [0-9]* people"
contains out "^Looks like a member but is not recorded as one: "

# --- neighbourhoods of a person and of a group ---
expect 0 "neighbours of a person" -- "$cg" "${A[@]}" graph neighbours "$A1" --hops 1 --format csv
contains out "^$A1,.*,0$"
deg=$(grep -v '^#' m.csv | sed -n 2p | cut -d, -f5)
lines out "$(( $(grep -c '^# ' "$tmp/out") + 2 + deg ))"
expect 0 "neighbours of OCG 1's members" -- "$cg" "${A[@]}" graph neighbours --ocg-members 1 \
	--hops 1 --format csv
cp "$tmp/out" n.csv
expect 0 "members at distance 0, others at 1" -- "$py" -c '
import csv, sys
rows = list(csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("# ")))
assert rows
for r in rows:
    member = "1" in r["ocgs"].split(";")
    assert (r["hops"] == "0") == member, r
' n.csv
expect 2 "neighbours of two things" -- "$cg" "${A[@]}" graph neighbours "$A1" --ocg-members 1
contains err "give one person's key, \-\-ocg-members ID or \-\-group NAME"
expect 2 "neighbours too far" -- "$cg" "${A[@]}" graph neighbours "$A1" --hops 7
contains err "\-\-hops '7': expected a whole number from 1 to 6"
expect 2 "neighbours of no OCG id" -- "$cg" "${A[@]}" graph neighbours --ocg-members x
contains err "\-\-ocg-members 'x'"

# --- the connecting network of three people ---
A3=$(grep -v '^#' m.csv | sed -n 4p | cut -d, -f1)
expect 0 "connect" -- "$cg" "${A[@]}" graph connect "$A1" "$A2" "$A3"
contains out "^connecting network: [0-9]* people and [0-9]* links; 3 of 3 pairs connected$"
contains out "^  \* $A1 "
expect 2 "connect twice the same" -- "$cg" "${A[@]}" graph connect "$A1" "$A1"
contains err "'$A1' is given twice"

# --- bad measure options name the option ---
expect 2 "metrics top too big" -- "$cg" "${A[@]}" graph metrics --top 99999999999
contains err "\-\-top '99999999999'"
expect 2 "metrics bad sample" -- "$cg" "${A[@]}" graph metrics --betweenness sample:0
contains err "\-\-betweenness"
expect 2 "communities resolution nan" -- "$cg" "${A[@]}" graph communities --resolution nan
contains err "\-\-resolution 'nan'"

# --- building the network is a consultation: --reason is required ---
expect 2 "no reason" -- "$cg" --as dc.khan graph metrics
contains err "\-\-reason: required"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
