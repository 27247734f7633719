# SPDX-License-Identifier: GPL-3.0-or-later
"""NetworkX as the reference for cg's network measures (tests/cli/test_graph_networkx.sh).

    networkx_check.py make DIR        writes DIR/NAME_edges.csv and DIR/NAME_nodes.csv for
                                      each test graph and prints "NAME A B" per graph: two
                                      keys to ask paths between
    networkx_check.py check DIR NAME  reads the graph back from those files and what cg
                                      wrote for it (DIR/NAME.*), compares, prints one line
                                      per check, exits 1 if any failed

The graphs: a small hand graph, a weighted graph whose weights are powers of two (so every
distance 1/weight and every sum of them is exact in binary, and weighted betweenness can be
compared exactly), a disconnected graph with isolates, Zachary's karate club with its
interaction counts as weights, and a planted-partition graph of 300 nodes with four groups.

Tolerances. Degree, coreness, components, articulation points, bridges, paths and
neighbourhoods are exact. Betweenness, closeness and harmonic centrality are compared to 1e-9
(relative to the size of the value), unweighted and weighted with distance = 1/weight. For the
weighted ones NetworkX runs on exact rational distances (fractions.Fraction): with floats it
compares path lengths with exact equality, so 1/3 + 1/6 and 1/2 (which round differently) make
two paths of different lengths, where igraph compares within a relative 1e-10 and finds the
tie that is mathematically there. On the karate club that alone moves normalised betweenness
by up to 2e-3 (the igraph notes measured up to 4e-3 on large networks); against exact
arithmetic igraph agrees to rounding.
PageRank: igraph's PRPACK solves to 1e-10; NetworkX's power iteration is run with tol=1e-13
(it stops when the L1 change is below n * tol), so both are within about 1e-10 of the exact
vector and 1e-9 is attainable. Eigenvector centrality (both scaled to a largest value of 1)
is compared to 1e-6 on connected graphs: ARPACK's and a power iteration's accuracy. Communities
are compared by modularity: cg's Louvain and Leiden must be within 0.02 of the best of
NetworkX's louvain_communities over seeds 0-9, or better, and the modularity cg reports must
be the modularity of the partition it returns (to 1e-9).
"""
import csv
import fractions
import json
import math
import random
import sys

import networkx as nx

# ---------------------------------------------------------------- the graphs


def hand_graph():
    g = nx.Graph()
    g.add_edges_from([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "e"),
                      ("e", "f"), ("e", "g"), ("f", "g"), ("g", "h"), ("d", "h")])
    return g, {}


def weighted_graph():
    rnd = random.Random(7)
    g = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=7)
    g = nx.relabel_nodes(g, {n: "w%d" % n for n in g})
    for a, b in g.edges():
        g[a][b]["weight"] = rnd.choice([0.25, 0.5, 1, 2, 4])
    return g, {}


def disconnected_graph():
    g = nx.Graph()
    g.add_edges_from([("p1", "p2"), ("p2", "p3"), ("p3", "p1"), ("p3", "p4"), ("p4", "p5"),
                      ("q1", "q2"), ("q2", "q3"), ("r1", "r2")])
    for n in ("i1", "i2", "i3"):
        g.add_node(n)  # isolates: known nominals without a link
    return g, {}


def karate_graph():
    k = nx.karate_club_graph()
    g = nx.relabel_nodes(k, {n: "k%d" % n for n in k})
    groups = {"k%d" % n: d["club"] for n, d in k.nodes(data=True)}
    return g, groups


def planted_graph():
    rnd = random.Random(11)
    p = nx.planted_partition_graph(4, 75, 0.2, 0.01, seed=11)
    g = nx.relabel_nodes(p, {n: "g%d" % n for n in p})
    for a, b in g.edges():
        g[a][b]["weight"] = rnd.choice([1, 2, 3])
    groups = {"g%d" % n: "group%d" % (n // 75) for n in p}
    return g, groups


GRAPHS = {
    "hand": (hand_graph, ("a", "h")),
    "weighted": (weighted_graph, ("w0", "w20")),
    "disconnected": (disconnected_graph, ("p1", "p5")),
    "karate": (karate_graph, ("k0", "k33")),
    "planted": (planted_graph, ("g0", "g150")),
}


def make(out):
    for name, (build, (a, b)) in GRAPHS.items():
        g, groups = build()
        with open("%s/%s_edges.csv" % (out, name), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["source", "target", "weight", "date"])
            for x, y, d in sorted(g.edges(data=True)):
                w.writerow([x, y, repr(float(d.get("weight", 1))), "2024-01-01"])
        with open("%s/%s_nodes.csv" % (out, name), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["key", "group", "label"])
            for n in sorted(g.nodes()):
                w.writerow([n, groups.get(n, ""), "Node %s" % n])
        print(name, a, b)


def read_graph(d, name):
    g = nx.Graph()
    with open("%s/%s_nodes.csv" % (d, name)) as f:
        for row in csv.DictReader(f):
            g.add_node(row["key"])
    with open("%s/%s_edges.csv" % (d, name)) as f:
        for row in csv.DictReader(f):
            w = float(row["weight"])
            # the distance as an exact fraction (see the tolerances above)
            g.add_edge(row["source"], row["target"], weight=w,
                       dist=1 / fractions.Fraction(w).limit_denominator(1 << 20))
    return g


# ---------------------------------------------------------------- reading cg's output


def read_table(path):
    """cg's CSV: '# ' lines (what was used), then a header and rows by key."""
    comments, lines = [], []
    with open(path) as f:
        for line in f:
            (comments if line.startswith("# ") else lines).append(line)
    return comments, {r["key"]: r for r in csv.DictReader(lines)}


def read_links(path):
    lines = [l for l in open(path) if not l.startswith("# ")]
    return {frozenset((r["a"], r["b"])): r for r in csv.DictReader(lines)}


# ---------------------------------------------------------------- comparing

failures = 0


def report(ok, what, detail=""):
    global failures
    if not ok:
        failures += 1
    print("%s: %s%s" % ("ok" if ok else "FAIL", what, "" if ok else " - " + detail))


def compare(what, got, want, tol, relative=True):
    """got/want: dicts by key of numbers. Worst difference within tol (scaled by
    max(1, |want|) when relative)."""
    worst, at = 0.0, None
    if set(got) != set(want):
        report(False, what, "keys differ: %s" % sorted(set(got) ^ set(want))[:5])
        return
    for k in want:
        diff = abs(got[k] - want[k])
        if relative:
            diff /= max(1.0, abs(want[k]))
        if not diff <= worst:
            worst, at = diff, k
    report(worst <= tol, "%s (worst difference %.2g)" % (what, worst),
           "at %s: cg %.17g, NetworkX %.17g, tolerance %g" % (at, got.get(at, 0),
                                                               want.get(at, 0), tol))


def column(rows, name, conv=float):
    return {k: conv(r[name]) for k, r in rows.items()}


def pagerank(g):
    try:
        return nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=100000)
    except ImportError:  # NetworkX 2.8 uses SciPy when it is installed
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=100000)


def check_summary(g, comments):
    line = [c for c in comments if c.startswith("# summary:")]
    if not line:
        report(False, "summary line", "missing")
        return
    nums = [int(x) for x in line[0].replace(",", " ").replace("(", " ").split() if x.isdigit()]
    # "# summary: N nodes, E edges (L links), C components (CL without the I isolates), largest S"
    nodes, edges, _links, comps, comps_linked, isolates, largest = nums[:7]
    want_comps = nx.number_connected_components(g)
    want_isolates = nx.number_of_isolates(g)
    want_largest = max((len(c) for c in nx.connected_components(g)), default=0)
    got = (nodes, edges, comps, comps_linked, isolates, largest)
    want = (g.number_of_nodes(), g.number_of_edges(), want_comps, want_comps - want_isolates,
            want_isolates, want_largest)
    report(got == want, "summary: nodes, edges, components with and without isolates, "
           "isolates, largest component", "cg %s, NetworkX %s" % (got, want))


def check_metrics(name, g, d):
    for hops in (False, True):
        tag = "hops" if hops else "weighted"
        comments, rows = read_table("%s/%s.metrics_%s.csv" % (d, name, tag))
        dist = None if hops else "dist"
        if not hops:
            check_summary(g, comments)
            compare("degree", column(rows, "degree"), dict(g.degree()), 0)
            compare("strength", column(rows, "strength"), dict(g.degree(weight="weight")), 1e-9)
            compare("coreness", column(rows, "coreness"), nx.core_number(g), 0)
            arts = {k for k, r in rows.items() if r["articulation"] == "1"}
            want = set(nx.articulation_points(g))
            report(arts == want, "articulation points", "cg %s, NetworkX %s" %
                   (sorted(arts), sorted(want)))
            compare("pagerank (1e-9)", column(rows, "pagerank"), pagerank(g), 1e-9)
            if nx.is_connected(g):
                ev = nx.eigenvector_centrality(g, weight="weight", max_iter=100000, tol=1e-13)
                top = max(ev.values())
                compare("eigenvector (largest 1, 1e-6)", column(rows, "eigenvector"),
                        {k: v / top for k, v in ev.items()}, 1e-6)
        # one (slow, rational) run: normalized=True divides by (n-1)(n-2)/2
        norm = nx.betweenness_centrality(g, weight=dist, normalized=True)
        n = g.number_of_nodes()
        scale = (n - 1) * (n - 2) / 2 if n > 2 else 1
        compare("betweenness %s" % tag, column(rows, "betweenness"),
                {k: v * scale for k, v in norm.items()}, 1e-9)
        compare("betweenness %s normalised" % tag, column(rows, "betweenness_normalised"),
                norm, 1e-9, relative=False)
        compare("closeness %s (Wasserman-Faust)" % tag, column(rows, "closeness"),
                nx.closeness_centrality(g, distance=dist), 1e-9)
        compare("harmonic %s" % tag, column(rows, "harmonic"),
                nx.harmonic_centrality(g, distance=dist), 1e-9)


def check_links(name, g, d):
    for hops in (False, True):
        tag = "hops" if hops else "weighted"
        links = read_links("%s/%s.links_%s.csv" % (d, name, tag))
        want = nx.edge_betweenness_centrality(g, weight=None if hops else "dist",
                                              normalized=False)
        got = {frozenset(k): float(r["betweenness"]) for k, r in links.items()}
        want = {frozenset(k): v for k, v in want.items()}
        compare("edge betweenness %s" % tag, got, want, 1e-9)
        if not hops:
            bridges = {k for k, r in links.items() if r["bridge"] == "1"}
            want_b = {frozenset(e) for e in nx.bridges(g)}
            report(bridges == want_b, "bridges", "cg %d, NetworkX %d" %
                   (len(bridges), len(want_b)))


def check_communities(name, g, d):
    best = max(nx.community.modularity(g, nx.community.louvain_communities(g, weight="weight",
                                                                          seed=s),
                                       weight="weight")
               for s in range(10))
    for method in ("louvain", "leiden"):
        with open("%s/%s.%s.json" % (d, name, method)) as f:
            res = json.load(f)
        parts = [set(c["members"]) for c in res["communities"]]
        covered = set().union(*parts) if parts else set()
        report(covered == set(g.nodes()) and sum(map(len, parts)) == len(covered),
               "%s: a partition of the nodes" % method, "not a partition")
        q = nx.community.modularity(g, parts, weight="weight")
        report(abs(q - res["modularity"]) <= 1e-9,
               "%s: reported modularity is the partition's (%.6f)" % (method, q),
               "cg says %.12f, NetworkX computes %.12f" % (res["modularity"], q))
        report(q >= best - 0.02, "%s: modularity %.4f against NetworkX's best %.4f" %
               (method, q, best), "more than 0.02 below")
        isolates = nx.number_of_isolates(g)
        report(res["count"] - res["count_without_isolates"] == isolates,
               "%s: communities with and without isolates" % method,
               "%d and %d, %d isolates" % (res["count"], res["count_without_isolates"],
                                           isolates))


def check_paths(name, g, d, a, b):
    for tag, weight in (("hops", None), ("weighted", "dist")):
        with open("%s/%s.paths_%s.json" % (d, name, tag)) as f:
            res = json.load(f)
        got = {tuple(n["key"] for n in p["nodes"]) for p in res["paths"]}
        want = {tuple(p) for p in nx.all_shortest_paths(g, a, b, weight=weight)}
        report(got == want and res["found"] == len(want) and not res["capped"],
               "all shortest paths %s %s-%s (%d)" % (tag, a, b, len(want)),
               "cg %d (found %s), NetworkX %d" % (len(got), res["found"], len(want)))
    with open("%s/%s.simple.json" % (d, name)) as f:
        res = json.load(f)
    got = [tuple(n["key"] for n in p["nodes"]) for p in res["paths"]]
    want = {tuple(p) for p in nx.all_simple_paths(g, a, b, cutoff=res["max_length"])}
    report(set(got) == want and len(got) == len(want) and not res["capped"],
           "simple paths %s-%s up to %d links (%d)" % (a, b, res["max_length"], len(want)),
           "cg %d, NetworkX %d" % (len(got), len(want)))
    lengths = [len(p) for p in got]
    report(lengths == sorted(lengths), "simple paths shortest first", str(lengths))
    _, rows = read_table("%s/%s.neighbours.csv" % (d, name))
    ego = nx.single_source_shortest_path_length(g, a, cutoff=2)
    compare("2-hop neighbourhood of %s" % a, column(rows, "hops"), ego, 0)


def check(d, name):
    g = read_graph(d, name)
    a, b = GRAPHS[name][1]
    check_metrics(name, g, d)
    check_links(name, g, d)
    check_communities(name, g, d)
    check_paths(name, g, d, a, b)
    print("%s: %d failed" % (name, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit("usage: networkx_check.py make DIR | check DIR NAME")
