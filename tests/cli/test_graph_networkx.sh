#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Network measures checked against NetworkX (tests/graph/networkx_check.py):
# five graphs (a hand graph, a weighted one, a disconnected one with
# isolates, Zachary's karate club, a 300-node planted partition) go in as
# external networks through the edgelist profile, and what `cg graph
# metrics`, `links`, `communities`, `path` and `neighbours` say about them
# must agree with NetworkX: degree, strength, betweenness, closeness,
# harmonic, PageRank, eigenvector, coreness, articulation points, bridges,
# components, edge betweenness, modularity, shortest and simple paths and
# neighbourhoods. The tolerances and why are in the Python file.
# Usage: test_graph_networkx.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
check="$(cd "$(dirname "$0")/../graph" && pwd)/networkx_check.py"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import networkx' 2>/dev/null; then
	echo "NetworkX is not installed: skipped"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_USER
export CG_DB="$tmp/t.db"

"$cg" init >/dev/null
"$cg" agency add WMP --name "West Midlands Police" --type police_force --level local >/dev/null
"$cg" user add root --agency WMP --roles admin --clearance SECRET >/dev/null
"$cg" --as root user add ana --agency WMP --roles analyst --clearance SECRET >/dev/null
A=(--as ana --reason "networkx comparison")

expect 0 "make the graphs" -- "$py" "$check" make "$tmp"
cp "$tmp/out" graphs.txt
lines graphs.txt 5

while read -r name a b; do
	expect 0 "$name: import" -- "$cg" --as ana import --profile edgelist --network "$name" \
		"${name}_edges.csv" "${name}_nodes.csv"
	for tag in weighted hops; do
		h=()
		[ "$tag" = hops ] && h=(--hops)
		expect 0 "$name: metrics $tag" -- "$cg" "${A[@]}" graph metrics --network "$name" \
			--measures degree,strength,betweenness,closeness,harmonic,pagerank,eigenvector,coreness,articulation \
			"${h[@]}" --format csv
		cp "$tmp/out" "$name.metrics_$tag.csv"
		expect 0 "$name: links $tag" -- "$cg" "${A[@]}" graph links --network "$name" \
			"${h[@]}" --format csv
		cp "$tmp/out" "$name.links_$tag.csv"
		expect 0 "$name: all shortest paths $tag" -- "$cg" "${A[@]}" graph path "$a" "$b" \
			--network "$name" --all-shortest --max-paths 100000 "${h[@]}" --format json
		cp "$tmp/out" "$name.paths_$tag.json"
	done
	for method in louvain leiden; do
		expect 0 "$name: $method" -- "$cg" "${A[@]}" graph communities --network "$name" \
			--method "$method" --format json
		cp "$tmp/out" "$name.$method.json"
	done
	expect 0 "$name: simple paths" -- "$cg" "${A[@]}" graph path "$a" "$b" --network "$name" \
		--max-length 4 --max-paths 100000 --format json
	cp "$tmp/out" "$name.simple.json"
	expect 0 "$name: neighbours" -- "$cg" "${A[@]}" graph neighbours "$a" --hops 2 \
		--network "$name" --format csv
	cp "$tmp/out" "$name.neighbours.csv"
	expect 0 "$name: NetworkX agrees" -- "$py" "$check" check "$tmp" "$name"
	lacks out "FAIL"
done < graphs.txt

# The same seed gives the same communities; the description and the
# parameters head every result.
"$cg" "${A[@]}" graph communities --network planted --format csv >c1.csv
"$cg" "${A[@]}" graph communities --network planted --format csv >c2.csv
same c1.csv c2.csv "the same seed gives the same communities"
contains c1.csv "^# communities: leiden, modularity with resolution 1, edge weights as strengths, seed 20261125$"
expect 0 "metrics text" -- "$cg" "${A[@]}" graph metrics --network karate --top 3
contains out "^# path lengths: distance = 1/weight"
contains out "^# betweenness: exact$"
contains out "^# summary: 34 nodes, 78 edges"
lines out "$(( $(grep -c "^# " "$tmp/out") + 6 ))" # header, 3 rows, 2 notes
expect 0 "sampled betweenness" -- "$cg" "${A[@]}" graph metrics --network planted \
	--measures betweenness --betweenness sample:30 --seed 5 --format csv
contains out "^# betweenness: estimated from 30 of 300 source nodes drawn at random (seed 5)"
cp "$tmp/out" s1.csv
"$cg" "${A[@]}" graph metrics --network planted --measures betweenness \
	--betweenness sample:30 --seed 5 --format csv >s2.csv
same s1.csv s2.csv "the same seed gives the same sample"

# Usage errors come before the network is built.
expect 2 "unknown measure" -- "$cg" "${A[@]}" graph metrics --network karate --measures degre
contains err "unknown measure 'degre'"
expect 2 "bad sample" -- "$cg" "${A[@]}" graph metrics --network karate --betweenness sample:0
contains err "\-\-betweenness: 'sample:0'"
expect 2 "one key" -- "$cg" "${A[@]}" graph path k0 --network karate
contains err "give the two people's keys"
expect 2 "both path kinds" -- "$cg" "${A[@]}" graph path k0 k1 --network karate --all-shortest \
	--max-length 3
contains err "\-\-all-shortest or \-\-max-length, not both"
expect 2 "too long" -- "$cg" "${A[@]}" graph path k0 k1 --network karate --max-length 9
contains err "\-\-max-length '9'"
expect 1 "unknown key" -- "$cg" "${A[@]}" graph path k0 nobody --network karate
contains err "'nobody' is not in the network"
expect 2 "bad method" -- "$cg" "${A[@]}" graph communities --network karate --method walktrap
contains err "\-\-method: 'leiden' or 'louvain', not 'walktrap'"
expect 2 "neighbours of nobody" -- "$cg" "${A[@]}" graph neighbours --network karate
contains err "give one person's key"
expect 2 "connect one" -- "$cg" "${A[@]}" graph connect k0 --network karate
contains err "give at least two people's keys"
expect 0 "connect" -- "$cg" "${A[@]}" graph connect p1 p5 i1 --network disconnected --hops
contains out "p1 - p5: 3 links apart"
contains out "p1 - i1: not connected"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
