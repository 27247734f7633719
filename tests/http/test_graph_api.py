#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Network analysis over HTTP (issue 8 serving issue 7), end to end.

Sets up a small synthetic world as bench/world.sh does (cg demo generate
--people 600, imported by each agency, linked), plants a police-only
association and an unapproved police report between two people probation
may see (as tests/cli/test_graph_hidden.sh does), starts `cg serve` on a
loopback port and calls every graph route:

  - each answer equals the command line's `--format json` for the same
    user and filter (the "built at" line aside), since both come from
    src/graph/json_*.c;
  - the neighbourhood routes add their measures and bounds;
  - probation's neighbourhood and path answers hold nothing of the hidden
    rows, while the police's do (so the check can fail);
  - bad filter values are 400 naming the parameter; no justification 400;
  - exports come with their Content-Type and Content-Disposition, GraphML
    parses, and the disclosure is in the audit log.

Usage: test_graph_api.py PATH/TO/cg  (tests/cli/test_http_graph.sh runs it)
"""
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apiclient import Checks, Server, bearer, login_token, query, request  # noqa: E402

CG = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="cg-http-graph-")
DB = os.path.join(tmp, "t.db")
WHY = "graph API test"
PASSWORDS = {"ana": "pw-ana-0123456789", "pat": "pw-pat-0123456789",
             "aud": "pw-aud-0123456789"}
check = Checks()


def cg(*args, stdin=None, rc=0, user=None, why=None):
    """Runs the command line on the test store; returns its stdout."""
    pre = [CG, "--db", DB] + (["--as", user] if user else []) + (["--reason", why] if why else [])
    p = subprocess.run(pre + list(args), input=stdin, capture_output=True, text=True,
                       timeout=120)
    if rc is not None and p.returncode != rc:
        raise SystemExit("cg %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def set_up():
    world = os.path.join(tmp, "world")
    cg("demo", "generate", "--out", world, "--people", "600", "--seed", "11")
    cg("init")
    cg("agency", "add", "WMP", "--name", "West Midlands Police", "--type", "police_force",
       "--level", "local")
    cg("user", "add", "admin", "--agency", "WMP", "--roles", "admin", "--clearance", "SECRET")
    cg("agency", "add", "HMPPS", "--name", "HMPPS prisons", "--type", "prison", "--level",
       "regional", user="admin")
    cg("agency", "add", "PROB", "--name", "Probation", "--type", "probation", "--level",
       "regional", user="admin")
    for a in ("WMP", "HMPPS", "PROB"):
        cg("user", "add", "svc." + a.lower(), "--agency", a, "--roles", "analyst",
           "--clearance", "SECRET", "--service", user="admin")
    for u, a, role in (("ana", "WMP", "analyst"), ("pat", "PROB", "analyst"),
                       ("aud", "WMP", "auditor")):
        cg("user", "add", u, "--agency", a, "--roles", role, "--clearance", "SECRET",
           "--password-stdin", user="admin", stdin=PASSWORDS[u] + "\n")
    for who, profile in (("svc.wmp", "police"), ("svc.hmpps", "prison"),
                         ("svc.prob", "probation")):
        files = sorted(os.path.join(world, profile, f)
                       for f in os.listdir(os.path.join(world, profile)) if f.endswith(".csv"))
        cg("import", "--profile", profile, "--rejects", tmp, *files, user=who)
    cg("link", user="svc.wmp")
    # an external network (docs/network-exchange.md), for the filters it refuses
    edges = os.path.join(tmp, "ext-edges.csv")
    with open(edges, "w") as f:
        f.write("source,target,weight,date\nk1,k2,1,2024-01-01\nk2,k3,2,\n")
    cg("import", "--profile", "edgelist", "--network", "ext1", edges, user="ana")


def plant_hidden():
    """A police association shared with nobody and an unapproved police
    report, each joining two people probation may also see. Returns
    (person_a, person_b, association row id, report id)."""
    db = sqlite3.connect(DB)
    rows = db.execute("""
        SELECT r.id, l.person_id FROM source_record r JOIN person_link l ON l.record_id = r.id
        JOIN agency a ON a.id = r.owner_agency_id
        WHERE a.code = 'WMP' AND r.handling_code = 'P' AND EXISTS (SELECT 1 FROM person_link l2
            JOIN source_record r2 ON r2.id = l2.record_id
            JOIN agency a2 ON a2.id = r2.owner_agency_id
            WHERE l2.person_id = l.person_id AND a2.code = 'PROB')
        GROUP BY l.person_id ORDER BY l.person_id LIMIT 2""").fetchall()
    if len(rows) < 2:
        raise SystemExit("no two police records of people probation also holds")
    (rec_a, person_a), (rec_b, person_b) = rows
    wmp = db.execute("SELECT id FROM agency WHERE code = 'WMP'").fetchone()[0]
    cur = db.execute("""INSERT INTO association (kind, from_record_id, to_record_id, created_at,
        owner_agency_id, classification, handling_code, handling_conditions)
        VALUES ('associate', ?, ?, '2026-01-01T00:00:00Z', ?, 'OFFICIAL', 'C', 'agency:WMP')""",
                     (rec_a, rec_b, wmp))
    assoc = cur.lastrowid
    db.commit()
    db.close()
    cg("intel", "add", "--text", "They meet weekly.", "--source", "2", "--assessment", "B",
       "--handling", "P", "--classification", "OFFICIAL", "--relates-to", "2025-06-01",
       "--mopi-group", "3", "--subjects", "person:%d,person:%d" % (person_a, person_b),
       user="svc.wmp")
    report = sqlite3.connect(DB).execute("SELECT max(id) FROM intel_report").fetchone()[0]
    # a person only the police may see: their records, all police ones,
    # shared with nobody
    db = sqlite3.connect(DB)
    hidden = db.execute("""SELECT l.person_id FROM person_link l
        JOIN source_record r ON r.id = l.record_id JOIN agency g ON g.id = r.owner_agency_id
        WHERE l.person_id NOT IN (?, ?) GROUP BY l.person_id
        HAVING sum(g.code <> 'WMP') = 0 ORDER BY count(*) DESC, l.person_id LIMIT 1""",
                        (person_a, person_b)).fetchone()[0]
    db.execute("""UPDATE source_record SET handling_code = 'C', handling_conditions = 'agency:WMP'
        WHERE id IN (SELECT record_id FROM person_link WHERE person_id = ?)""", (hidden,))
    db.commit()
    db.close()
    return str(person_a), str(person_b), assoc, report, str(hidden)


# ---------------------------------------------------------------- helpers

def timeless(doc):
    """doc without the "built at" line (in description lists and objects)."""
    if isinstance(doc, dict):
        return {k: timeless(v) for k, v in doc.items() if k != "built at"}
    if isinstance(doc, list):
        return [timeless(v) for v in doc
                if not (isinstance(v, str) and v.startswith("built at:"))]
    return doc


def cli_json(user, *args):
    return json.loads(cg("graph", *args, "--format", "json", user=user, why=WHY))


def get(tok, route, params=None, why=WHY):
    return request(SRV, "GET", "/api/v1/" + route + query(params), headers=bearer(tok, why))


def same_as_cli(tok, user, route, params, cli_args, what, strip=None):
    """GET route with params equals `cg graph CLI_ARGS --format json`;
    strip(doc) removes what the route adds. Returns the route's JSON."""
    r = get(tok, route, params)
    if not check(r.status == 200, what + ": 200", (r.status, r.raw[:300])):
        return None
    got = r.json
    want = cli_json(user, *cli_args)
    shown = strip(json.loads(json.dumps(got))) if strip else got
    check(timeless(shown) == timeless(want), what + ": same as the command line",
          first_difference(timeless(shown), timeless(want)))
    return got


def first_difference(a, b, where="$"):
    if type(a) != type(b):
        return (where, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return (where + "." + k, a.get(k, "<absent>"), b.get(k, "<absent>"))
            d = first_difference(a[k], b[k], where + "." + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return (where + " length", len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (where, i))
            if d:
                return d
        return None
    return None if a == b else (where, a, b)


EXPLORE_KEYS = ("reached", "capped", "max_nodes", "measures")
EXPLORE_NODE_KEYS = ("degree", "strength", "betweenness", "pagerank", "community")


def strip_explore(doc):
    for k in EXPLORE_KEYS:
        doc.pop(k, None)
    for n in doc.get("nodes", []):
        for k in EXPLORE_NODE_KEYS:
            n.pop(k, None)
    return doc


def all_links(doc):
    """Every link object with provenance anywhere in a document."""
    out = []
    if isinstance(doc, dict):
        if "origin" in doc and "row_id" in doc:
            out.append(doc)
        for v in doc.values():
            out += all_links(v)
    elif isinstance(doc, list):
        for v in doc:
            out += all_links(v)
    return out


# ---------------------------------------------------------------- the tests

def test_same_as_cli(tok, a, b):
    U = "ana"
    same_as_cli(tok, U, "graph/summary", {"links": "true", "types": "family,associate"},
                ["summary", "--links", "--types", "family,associate"], "summary with links")
    same_as_cli(tok, U, "graph/summary",
                {"min_grading": "2B", "from": "2020-01-01", "to": "2023-12-31",
                 "agency": "WMP,HMPPS", "weight": "family=2,associate=0.5"},
                ["summary", "--min-grading", "2B", "--from", "2020-01-01", "--to", "2023-12-31",
                 "--agency", "WMP,HMPPS", "--weight", "family=2,associate=0.5"],
                "summary with every kind of filter")
    same_as_cli(tok, U, "graph/summary", {"ocg": "1,3", "setting": "community"},
                ["summary", "--ocg", "1,3", "--community"], "summary of OCG members, community")
    same_as_cli(tok, U, "graph/summary", {"setting": "custody"}, ["summary", "--custody"],
                "summary, custody")
    m = same_as_cli(tok, U, "graph/metrics",
                    {"measures": "degree,pagerank,betweenness,community", "sort": "pagerank",
                     "top": "7"},
                    ["metrics", "--measures", "degree,pagerank,betweenness,community", "--sort",
                     "pagerank", "--top", "7"], "metrics")
    if m:
        check(len(m["nodes"]) == 7 and m["measures"] == ["degree", "betweenness", "pagerank",
                                                         "community"],
              "metrics: 7 rows, the measures asked", m["measures"])
        ranks = [n["pagerank"] for n in m["nodes"]]
        check(ranks == sorted(ranks, reverse=True), "metrics sorted by pagerank", ranks)
    same_as_cli(tok, U, "graph/metrics",
                {"measures": "closeness,coreness,articulation", "hops": "true", "sort": "coreness",
                 "top": "5", "betweenness": "exact"},
                ["metrics", "--measures", "closeness,coreness,articulation", "--hops", "--sort",
                 "coreness", "--top", "5", "--betweenness", "exact"], "metrics by hops")
    same_as_cli(tok, U, "graph/links", {"top": "9", "sort": "betweenness"},
                ["links", "--top", "9", "--sort", "betweenness"], "links")
    same_as_cli(tok, U, "graph/links", {"top": "4", "sort": "weight", "betweenness": "sample:20"},
                ["links", "--top", "4", "--sort", "weight", "--betweenness", "sample:20"],
                "links by weight, sampled")
    same_as_cli(tok, U, "graph/communities", {}, ["communities"], "communities (leiden)")
    same_as_cli(tok, U, "graph/communities",
                {"method": "louvain", "seed": "3", "resolution": "0.5"},
                ["communities", "--method", "louvain", "--seed", "3", "--resolution", "0.5"],
                "communities (louvain)")
    p = same_as_cli(tok, U, "graph/path", {"source": a, "target": b},
                    ["path", a, b], "shortest path")
    if p:
        check(p["kind"] == "shortest" and p["from"]["key"] == a and p["to"]["key"] == b,
              "path: its ends", (p["from"], p["to"]))
    same_as_cli(tok, U, "graph/path",
                {"source": a, "target": b, "kind": "all_shortest", "hops": "true"},
                ["path", a, b, "--all-shortest", "--hops"], "all shortest paths by hops")
    same_as_cli(tok, U, "graph/path",
                {"source": a, "target": b, "kind": "simple", "max_length": "3",
                 "max_paths": "20"},
                ["path", a, b, "--max-length", "3", "--max-paths", "20"], "simple paths")
    n = same_as_cli(tok, U, "graph/neighbourhood", {"person": a, "hops": "2"},
                    ["neighbours", a, "--hops", "2"], "neighbourhood", strip=strip_explore)
    if n:
        node = n["nodes"][0] if n["nodes"] else {}
        check(all(k in node for k in EXPLORE_NODE_KEYS + ("key", "label", "tier", "hops")),
              "neighbourhood nodes carry their measures", node)
        check(all(k in n for k in EXPLORE_KEYS) and n["capped"] is False and
              n["reached"] == len(n["nodes"]), "neighbourhood bounds", {k: n.get(k) for k in
                                                                         EXPLORE_KEYS})
        check(all(e["links"] and "origin" in e["links"][0] for e in n["links"]),
              "neighbourhood edges carry their links' provenance", n["links"][:1])
        check(any(x["key"] == a and x["hops"] == 0 for x in n["nodes"]),
              "the person is at distance 0")
    same_as_cli(tok, U, "graph/neighbourhood",
                {"ocg_members": "3", "hops": "1", "setting": "custody"},
                ["neighbours", "--ocg-members", "3", "--hops", "1", "--custody"],
                "neighbourhood of an OCG's members", strip=strip_explore)
    same_as_cli(tok, U, "ocgs/3/network", {}, ["neighbours", "--ocg-members", "3", "--hops", "1"],
                "an OCG's network", strip=strip_explore)
    audit = cg("audit", "user", U, "--format", "csv", user="aud")
    check("graph" in audit and "ocg show 3" not in audit,
          "an OCG's network is audited as the network it reads, not also as 'ocg show'",
          [l for l in audit.splitlines() if "ocg" in l][:3])
    # capped: the nearest first, and said so
    r = get(tok, "graph/neighbourhood", {"person": a, "hops": "3", "max_nodes": "5"})
    check(r.status == 200 and len(r.json["nodes"]) == 5 and r.json["capped"] is True and
          r.json["reached"] > 5 and any(l.startswith("drawn:") for l in r.json["network"]),
          "neighbourhood capped at max_nodes, and said so", r.raw[:300])
    if r.status == 200:
        hops = sorted(x["hops"] for x in r.json["nodes"])
        full = get(tok, "graph/neighbourhood", {"person": a, "hops": "3"}).json
        check(hops == sorted(x["hops"] for x in full["nodes"])[:5],
              "the capped neighbourhood keeps the nearest", hops)
    c = same_as_cli(tok, U, "graph/connect", {"keys": "%s,%s,71" % (a, b)},
                    ["connect", a, b, "71"], "connecting network")
    if c:
        check(len(c["pairs"]) == 3, "connect: three pairs", c["pairs"])
    same_as_cli(tok, U, "graph/brokers", {}, ["brokers"], "brokers")
    same_as_cli(tok, U, "graph/brokers",
                {"top": "3", "max_length": "2", "types": "associate,family"},
                ["brokers", "--top", "3", "--max-length", "2", "--types", "associate,family"],
                "brokers with types")
    x = same_as_cli(tok, U, "graph/crossovers", {}, ["crossovers"], "crossovers")
    same_as_cli(tok, U, "graph/crossovers", {"level": "establishment", "top": "5"},
                ["crossovers", "--level", "establishment", "--top", "5"],
                "crossovers at establishment level")
    same_as_cli(tok, U, "graph/recruitment", {"as_of": "2024-06-01"},
                ["recruitment", "--as-of", "2024-06-01"], "recruitment")
    same_as_cli(tok, U, "graph/recruitment",
                {"as_of": "2023-01-01", "top": "3", "half_life": "30"},
                ["recruitment", "--as-of", "2023-01-01", "--top", "3", "--half-life", "30"],
                "recruitment, short half-life")
    same_as_cli(tok, U, "graph/disrupt", {}, ["disrupt"], "disruption")
    same_as_cli(tok, U, "graph/disrupt",
                {"ocg_group": "3", "neighbours": "true", "k": "3", "measure": "components"},
                ["disrupt", "--ocg-group", "3", "--neighbours", "--k", "3", "--measure",
                 "components"], "disruption of a group")
    r = get(tok, "graph/networks")
    check(r.status == 200 and r.json == json.loads(cg("graph", "networks", "--format", "json",
                                                       user=U, why=WHY)),
          "networks: same as the command line", r.raw[:200])
    # a group's crossovers: those of the whole network with one of its members
    r = get(tok, "ocgs/3/crossovers")
    if check(r.status == 200 and x is not None, "ocg crossovers: 200", r.raw[:300]):
        mine = [c for c in x["crossovers"]
                if 3 in c["person_a"]["groups"] or 3 in c["person_b"]["groups"]]
        got = r.json["crossovers"]
        check([(c["person_a"]["key"], c["person_b"]["key"]) for c in got] ==
              [(c["person_a"]["key"], c["person_b"]["key"]) for c in mine],
              "ocg crossovers: the group's own", (len(got), len(mine)))
        check("group" in r.json["parameters"], "ocg crossovers say so", r.json["parameters"])
    r = get(tok, "ocgs/999/network")
    check(r.status == 404, "an OCG that does not exist: 404", r.raw)


def test_hidden(ana, pat, a, b, assoc, report, hidden_person):
    """Probation may see both people, not the association or the report."""
    def hidden_in(doc):
        return [l for l in all_links(doc)
                if (l.get("origin") == "association" and l.get("row_id") == assoc) or
                (l.get("origin") == "intel" and l.get("row_id") == report)]

    routes = [("graph/neighbourhood", {"person": a, "hops": "1"}),
              ("graph/neighbourhood", {"person": b, "hops": "2"}),
              ("graph/path", {"source": a, "target": b}),
              ("graph/path", {"source": a, "target": b, "kind": "all_shortest"}),
              ("graph/connect", {"keys": "%s,%s" % (a, b)})]
    seen_by_police = 0
    for route, params in routes:
        rp = get(pat, route, params)
        check(rp.status in (200, 404), "probation %s %s answers" % (route, params), rp.raw[:200])
        check(rp.status != 200 or not hidden_in(rp.json),
              "probation's %s %s holds no hidden link" % (route, params),
              hidden_in(rp.json) if rp.status == 200 else None)
        rw = get(ana, route, params)
        seen_by_police += rw.status == 200 and bool(hidden_in(rw.json))
    check(seen_by_police >= 3, "the police see the hidden links (so the check can fail)",
          seen_by_police)
    # probation's answers are the command line's for probation
    same_as_cli(pat, "pat", "graph/path", {"source": a, "target": b}, ["path", a, b],
                "probation's path")
    same_as_cli(pat, "pat", "graph/neighbourhood", {"person": a, "hops": "1"},
                ["neighbours", a, "--hops", "1"], "probation's neighbourhood",
                strip=strip_explore)
    # a person probation may not see at all is not in its network
    rp = get(pat, "graph/neighbourhood", {"person": hidden_person})
    check(rp.status == 404 and rp.error().get("field") == "person",
          "a person probation may not see: 404", rp.raw[:200])
    rp = get(pat, "graph/path", {"source": a, "target": hidden_person})
    check(rp.status == 404 and rp.error().get("field") == "target",
          "a path to a person probation may not see: 404", rp.raw[:200])
    check(get(ana, "graph/neighbourhood", {"person": hidden_person}).status == 200,
          "the police see that person")


def test_errors(tok, a):
    bad = [("types", "family,,visit"), ("from", "2022-13-01"), ("to", "yesterday"),
           ("min_grading", "4A"), ("agency", "NOPE"), ("ocg", "1,x"), ("setting", "prison"),
           ("weight", "family"), ("weight", "family=-1"), ("weight", "friend=2"),
           ("types", "friend"), ("network", "")]
    for field, value in bad:
        r = get(tok, "graph/summary", {field: value})
        check(r.status == 400 and r.error().get("field") == field,
              "bad %s=%r: 400 naming it" % (field, value), r.raw[:300])
    r = get(tok, "graph/summary", {"from": "2022-02-01", "to": "2022-01-01"})
    check(r.status == 400 and r.error().get("field") == "from", "a window backwards: 400",
          r.raw[:300])
    r = get(tok, "graph/summary", {"ocg": "999"})
    check(r.status == 404 and r.error().get("field") == "ocg", "an unknown OCG: 404", r.raw)
    r = get(tok, "graph/summary", {"network": "nope"})
    check(r.status == 404, "an unknown external network: 404", r.raw)
    # the builder's own words for what an external network refuses
    # ("minimum grading: ...", "agencies: ...") name the query parameter too
    for field, value in (("min_grading", "2B"), ("agency", "WMP"), ("ocg", "1"),
                         ("setting", "custody"), ("weight", "family=2"), ("types", "family")):
        r = get(tok, "graph/summary", {"network": "ext1", field: value})
        check(r.status == 400 and r.error().get("field") == field,
              "external network with %s=%s: 400 naming it" % (field, value), r.raw[:300])
    for route, params, field in (
            ("graph/metrics", {"measures": "degree,fame"}, "measures"),
            ("graph/metrics", {"sort": "fame"}, "sort"),
            ("graph/metrics", {"betweenness": "most"}, "betweenness"),
            ("graph/metrics", {"top": "-1"}, "top"),
            ("graph/links", {"sort": "colour"}, "sort"),
            ("graph/communities", {"method": "magic"}, "method"),
            ("graph/path", {"source": a}, "target"),
            ("graph/path", {"source": a, "target": a}, "target"),
            ("graph/path", {"source": a, "target": "71", "kind": "longest"}, "kind"),
            ("graph/path", {"source": a, "target": "71", "max_length": "3"}, "max_length"),
            ("graph/neighbourhood", {}, "person"),
            ("graph/neighbourhood", {"person": a, "hops": "9"}, "hops"),
            ("graph/connect", {"keys": a}, "keys"),
            ("graph/connect", {"keys": "%s,%s" % (a, a)}, "keys"),
            ("graph/crossovers", {"level": "landing"}, "level"),
            ("graph/recruitment", {"as_of": "2024-02-30"}, "as_of"),
            ("graph/disrupt", {"measure": "chaos"}, "measure"),
            ("graph/disrupt", {"neighbours": "true"}, "neighbours"),
            ("graph/export", {"format": "dot"}, "format"),
            ("graph/summary", {"colour": "red"}, "colour")):
        r = get(tok, route, params)
        check(r.status == 400 and r.error().get("field") == field,
              "%s %s: 400 naming %s" % (route, params, field), r.raw[:300])
    r = get(tok, "graph/summary", why=None)
    check(r.status == 400 and r.error().get("field") == "justification",
          "no justification: 400", r.raw)
    r = request(SRV, "GET", "/api/v1/graph/summary")
    check(r.status == 401, "no session: 401", r.raw)


def test_export(tok):
    types = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
             "csv": "text/csv", "json": "application/json"}
    for fmt, ctype in types.items():
        r = get(tok, "graph/export", {"format": fmt, "recipients": "test %s" % fmt})
        check(r.status == 200 and (r.header("Content-Type") or "").startswith(ctype),
              "export %s: 200 %s" % (fmt, ctype), (r.status, r.header("Content-Type")))
        check(r.header("Content-Disposition") == 'attachment; filename="network.%s"' % fmt,
              "export %s: offered as a file" % fmt, r.header("Content-Disposition"))
        check(r.header("Cache-Control") == "no-store", "export %s: not cached" % fmt)
        if r.status != 200:
            continue
        if fmt == "graphml":
            try:
                root = ET.fromstring(r.raw)
                ns = "{http://graphml.graphdrawing.org/xmlns}"
                nodes = root.findall(".//%snode" % ns)
                summary = get(tok, "graph/summary").json
                check(len(nodes) == summary["nodes"] and
                      len(root.findall(".//%sedge" % ns)) == summary["edges"],
                      "GraphML holds the network", (len(nodes), summary["nodes"]))
            except ET.ParseError as e:
                check(False, "GraphML parses", str(e))
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(r.raw.decode())))
            check(rows and rows[0][:3] == ["source", "target", "weight"], "CSV edge list",
                  rows[:1])
        elif fmt == "json":
            want = json.loads(cg("graph", "export", "--format", "json", user="ana", why=WHY))
            check(timeless(r.json) == timeless(want), "JSON export: same as the command line",
                  first_difference(timeless(r.json), timeless(want)))
    audit = cg("audit", "user", "ana", "--format", "csv", user="aud")
    for fmt in types:
        check("test %s" % fmt in audit, "export %s: a disclosure in the audit log" % fmt)


def main():
    global SRV
    set_up()
    a, b, assoc, report, hidden_person = plant_hidden()
    SRV = Server(CG, DB)
    try:
        ana = login_token(SRV, "ana", PASSWORDS["ana"])
        pat = login_token(SRV, "pat", PASSWORDS["pat"])
        test_same_as_cli(ana, a, b)
        test_hidden(ana, pat, a, b, assoc, report, hidden_person)
        test_errors(ana, a)
        test_export(ana)
    finally:
        status = SRV.stop()
    check(status == 0, "the server stops cleanly", status)
    print("%d passed, %d failed" % (check.passed, check.failed))
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
