#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Network exports through the command line, read back by NetworkX: the
# demo region's network as GraphML (nx.read_graphml), GEXF (nx.read_gexf),
# a CSV edge list and JSON must hold the same nodes, edges and attributes;
# names with XML, CSV and JSON special characters and UTF-8 survive every
# format; --out writes a file whole; each export is logged as a disclosure.
# Usage: test_graph_export.sh PATH/TO/cg
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
if ! "$py" -c 'import networkx' 2>/dev/null; then
	echo "networkx is missing (Debian: python3-networkx)"
	exit 1
fi

"$cg" demo --people 300 --no-serve --out "$tmp/demo" >/dev/null || { echo "demo failed"; exit 1; }
AS=(--as dc.khan --reason "export test")
# A person whose name needs escaping everywhere (an isolate: no links).
"$cg" --as dc.khan record add --system PNC --id AWK1 --surname "O'Neil & <Sons>, \"Ltd\"" \
	--forenames "Séamus Zoë 张" --category suspect --basis fact --classification OFFICIAL \
	--handling P >/dev/null || no "record add"
"$cg" --as dc.khan link >/dev/null || no "link"
# An external network whose keys and groups need escaping too (CSV keys
# are node keys, so they meet the commas and quotes there).
printf '%s\n' 'source,target,weight,date' '"a,b","c ""q""",2,2024-01-02' \
	'"c ""q""",<d&e>,0.1,' '<d&e>,Zoë 张,1e-3,2023-05-06' '"a,b",<d&e>,3,2024-02-29' > awk_edges.csv
printf '%s\n' 'key,group,label' '"a,b",g&1,"Ann, ""A"" <x>"' "Zoë 张,'g2',Zoë" 'lone,,Isolated' > awk_nodes.csv
"$cg" --as dc.khan import --profile edgelist --network awkward awk_edges.csv awk_nodes.csv >/dev/null ||
	no "import the awkward network"

# export NAME [network options]: every format of one network, to NAME.*
export_all() {
	local name=$1; shift
	for f in graphml gexf csv json; do
		expect 0 "export $name $f" -- "$cg" "${AS[@]}" graph export --format "$f" --out "$name.$f" "$@"
		contains err "as $f to $name.$f"
		[ -s "$name.$f" ] && [ ! -e "$name.$f.tmp" ] && ok || no "$name.$f not written whole"
	done
}
export_all net
export_all awk --network awkward
expect 0 "export to standard output" -- "$cg" "${AS[@]}" graph export --format json
same "$tmp/out" net.json "standard output and --out differ"

cat > check.py <<'PY'
"""Reads NAME.{json,graphml,gexf,csv} and checks they say the same."""
import csv, json, sys
import networkx as nx

name, min_nodes, min_edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
j = json.load(open(name + ".json"))
nodes = {n["key"]: n for n in j["nodes"]}
assert len(nodes) == len(j["nodes"]) >= min_nodes, len(nodes)
key = {n["id"]: n["key"] for n in j["nodes"]}

def summary(e):
    """What the text formats say of a JSON edge."""
    types = []
    for l in e["links"]:
        if l["type"] not in types:
            types.append(l["type"])
    days = [d for l in e["links"] for d in (l["from"], l["to"]) if d]
    return {"weight": e["weight"], "types": ";".join(types), "links": len(e["links"]),
            "first": min(days) if days else None, "last": max(days) if days else None}

edges = {frozenset((key[e["source"]], key[e["target"]])): summary(e) for e in j["edges"]}
assert len(edges) == len(j["edges"]) >= min_edges

def check_nodes(G, fmt):
    assert set(G.nodes) == set(nodes), f"{fmt}: nodes differ"
    for k, d in G.nodes(data=True):
        n = nodes[k]
        assert d.get("key") == k, (fmt, k, d)
        assert d.get("label") == n["label"], (fmt, k, d.get("label"), n["label"])
        assert d.get("ocgs", "") == ";".join(str(o) for o in n["ocgs"]), (fmt, k, d)
        assert d.get("tier") == n["tier"], (fmt, k, d)
        assert d.get("group") == n["group"], (fmt, k, d)

def check_edges(G, fmt):
    assert G.number_of_edges() == len(edges), (fmt, G.number_of_edges(), len(edges))
    for a, b, d in G.edges(data=True):
        want = edges[frozenset((a, b))]
        got = {k: d.get(k) for k in ("weight", "types", "links", "first", "last")}
        assert got == want, (fmt, a, b, got, want)

g = nx.read_graphml(name + ".graphml")
assert not g.is_directed() and not g.is_multigraph()
check_nodes(g, "graphml")
check_edges(g, "graphml")

x = nx.read_gexf(name + ".gexf")
assert not x.is_directed() and not x.is_multigraph()
check_nodes(x, "gexf")
for a, b, d in x.edges(data=True):
    d.pop("id")
check_edges(x, "gexf")

rows = list(csv.DictReader(open(name + ".csv", newline="", encoding="utf-8")))
assert len(rows) == len(edges)
for r in rows:
    want = edges[frozenset((r["source"], r["target"]))]
    got = {"weight": float(r["weight"]), "types": r["types"], "links": int(r["links"]),
           "first": r["first"] or None, "last": r["last"] or None}
    assert got == want, (r, want)

# weighted degrees agree (the weights are the same numbers)
for k in nodes:
    assert g.degree(k, weight="weight") == x.degree(k, weight="weight")
print(json.dumps({"nodes": nodes, "edges": {";".join(sorted(k)): v for k, v in edges.items()}},
                 ensure_ascii=False))
PY
"$py" check.py net 100 100 >net.check 2>&1 && ok || no "the net formats disagree: $(tail -5 net.check)"
"$py" check.py awk 5 4 >awk.check 2>&1 && ok || no "the awkward formats disagree: $(tail -5 awk.check)"
"$py" - <<'PY' >check 2>&1 && ok || no "content: $(cat check)"
import json
net = json.load(open("net.check"))
assert any(n["ocgs"] for n in net["nodes"].values()), "no OCG members"
assert any(n["tier"] is not None for n in net["nodes"].values()), "no tiers"
assert any(e["first"] for e in net["edges"].values()), "no dated edges"
assert any(";" in e["types"] for e in net["edges"].values()), "no edge of two types"
assert [n["label"] for n in net["nodes"].values() if "<Sons>" in (n["label"] or "")] == \
    ["O'Neil & <Sons>, \"Ltd\" Séamus Zoë 张"], "the awkward person"
awk = json.load(open("awk.check"))
assert sorted(awk["nodes"]) == sorted(['a,b', 'c "q"', '<d&e>', 'Zoë 张', 'lone']), awk["nodes"]
assert awk["nodes"]["a,b"]["label"] == 'Ann, "A" <x>' and awk["nodes"]["a,b"]["group"] == "g&1"
assert awk["nodes"]["Zoë 张"]["group"] == "'g2'"
assert awk["edges"]['<d&e>;Zoë 张'] == {"weight": 0.001, "types": "external", "links": 1,
                                       "first": "2023-05-06", "last": "2023-05-06"}
assert awk["edges"]['<d&e>;c "q"']["weight"] == 0.1
PY

# --- what the exports record ---
sqlite3 "$CG_DB" "SELECT detail || '|' || recipients FROM audit_entry WHERE operation = 'disclosure'" > disc
lines disc 9
contains disc "^graph export graphml: .* nodes, .* links; principal: dc.khan (WMP)|dc.khan (WMP), own analysis$"
expect 0 "recipients named" -- "$cg" "${AS[@]}" graph export --format csv --recipients "NCA analyst team"
sqlite3 "$CG_DB" "SELECT recipients FROM audit_entry WHERE operation = 'disclosure' ORDER BY seq DESC LIMIT 1" > last
equals last "NCA analyst team"

# --- usage ---
expect 2 "unknown format" -- "$cg" "${AS[@]}" graph export --format dot
contains err "dot"
expect 2 "no reason" -- "$cg" --as dc.khan graph export --format json
expect 2 "empty recipients" -- "$cg" "${AS[@]}" graph export --recipients ""
contains err "\-\-recipients: empty"
disclosures() { sqlite3 "$CG_DB" "SELECT count(*) FROM audit_entry WHERE operation = 'disclosure'"; }
before=$(disclosures)
expect 1 "an unwritable --out leaves nothing" -- "$cg" "${AS[@]}" graph export --out "$tmp/no/such/dir/x.graphml"
[ ! -e "$tmp/no/such/dir/x.graphml.tmp" ] && ok || no "a partial file was left"
[ "$(disclosures)" = "$before" ] && ok || no "an export that wrote nothing was logged as a disclosure"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
