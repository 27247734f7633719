#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Network analysis speed (issue 7), on the synthetic world's network (not a
# random graph) as the analyst user svc.wmp may see it.
#   Targets on this 2-core machine, at about 100,000 persons and 1,000,000
#   links: building the network from the store under 5 s; degree, PageRank,
#   components, k-core and Louvain together under 10 s; the 2-hop
#   neighbourhood of one person under 5 ms at the 99th percentile. Prints
#   the ratio to NetworkX (Debian's python3-networkx) for PageRank and
#   Louvain on the same graph, measured in the same run.
# Usage: bench/graph.sh [BUILD_DIR] [PEOPLE] [TYPES [FROM]]
#   (default build, 160000 people, which link into about 100,000 persons;
#   TYPES "default" or a list such as "family,associate,same_wing", FROM the
#   start of a time window. The default types make about 490,000 links at
#   100,000 persons; adding same_wing from 2024-01-01 about a million.)
#   NO_NETWORKX=1 skips the NetworkX comparison.
set -euo pipefail
build=${1:-build}
people=${2:-160000}
types=${3:-default}
from=${4:-}
cg=$(cd "$(dirname "$build/cg")" && pwd)/cg
bench=$(cd "$build" && pwd)/bench/bench_graph
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/world.sh"
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

echo "cg: $("$cg" version)"
"$cg" demo generate --out "$tmp/world" --people "$people" --seed 7 >/dev/null
setup_store "$tmp/cg.db"
import_world "$tmp/world" >/dev/null
"$cg" --as svc.wmp link >/dev/null
echo "persons: $(sqlite3 "$CG_DB" "SELECT count(*) FROM person WHERE status = 'active'")"

/usr/bin/time -f '%M' -o "$tmp/rss" "$bench" "$CG_DB" svc.wmp "$tmp/edges.csv" 10000 "$types" $from | tee "$tmp/out"
echo "peak RSS $(( $(tail -n 1 "$tmp/rss") / 1024 )) MB"
val() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/out"; }
awk -v b="$(val build_seconds)" -v a="$(val analysis_seconds)" -v p="$(val p99_ms)" 'BEGIN {
	printf "target: build under 5 s: %s (%.2f s)\n", (b < 5 ? "met" : "NOT met"), b
	printf "target: degree+PageRank+components+k-core+Louvain under 10 s: %s (%.2f s)\n", (a < 10 ? "met" : "NOT met"), a
	printf "target: 2-hop neighbourhood p99 under 5 ms: %s (%.3f ms)\n", (p < 5 ? "met" : "NOT met"), p }'

if [ -z "${NO_NETWORKX:-}" ]; then
	"$py" "$here/graph_networkx.py" "$tmp/edges.csv" | tee "$tmp/nx"
	awk -v cp="$(val pagerank_seconds)" -v cl="$(val louvain_seconds)" '
		$1 == "pagerank" { np = $2 } $1 == "louvain" { nl = $2; q = $3 }
		END { printf "ratio NetworkX/cg: PageRank %.1fx, Louvain %.1fx (NetworkX modularity %s)\n", np / cp, nl / cl, q }' "$tmp/nx"
fi
