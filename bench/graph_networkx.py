# SPDX-License-Identifier: GPL-3.0-or-later
"""NetworkX's side of bench/graph.sh: PageRank and Louvain on the same edge
list cg exported (source,target,weight CSV), timed the same way, so the
benchmark can print cg's ratio to NetworkX in one run.

usage: graph_networkx.py EDGES.csv  -> prints "pagerank SECONDS" and
"louvain SECONDS MODULARITY" lines."""
import csv
import sys
import time

import networkx as nx


def main():
    g = nx.Graph()
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            g.add_edge(row["source"], row["target"], weight=float(row["weight"]))
    print(f"networkx {nx.__version__}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges",
          flush=True)
    t = time.perf_counter()
    nx.pagerank(g, alpha=0.85, weight="weight")
    print(f"pagerank {time.perf_counter() - t:.3f}", flush=True)
    t = time.perf_counter()
    parts = nx.community.louvain_communities(g, weight="weight", seed=1)
    took = time.perf_counter() - t
    q = nx.community.modularity(g, parts, weight="weight")
    print(f"louvain {took:.3f} {q:.4f}", flush=True)


if __name__ == "__main__":
    main()
