#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Source rules a compiler cannot check (see docs/CODING_STYLE.md):
#  1. every source file carries an SPDX licence line;
#  2. every .c file under src/ includes base/banned.h (after its other headers);
#  3. includes point downwards only: base < store < access < model <
#     capabilities (ingest, link, graph, risk, ops) < front ends (http, cli);
#  4. each dependency stays behind its door: sqlite3.h/libpq-fe.h only in
#     src/store, igraph.h only in src/graph, microhttpd.h only in src/http;
#  5. SQL is written only in src/store (string literals that start a
#     statement are refused elsewhere).
set -u
top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$top" || exit 2
fail=0
# Tracked and new (not ignored) files, so a file is checked before its
# first commit too.
files() { git ls-files --cached --others --exclude-standard -- "$@" 2>/dev/null | sort -u; }
bad() { echo "check-sources: $*"; fail=1; }

rank() {
	case $1 in
	base) echo 0 ;; store) echo 1 ;; access) echo 2 ;; model) echo 3 ;;
	ingest|link|graph|risk|ops) echo 4 ;; http|cli) echo 5 ;; *) echo 9 ;;
	esac
}

while IFS= read -r f; do
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' ||
		bad "$f: no SPDX-License-Identifier line in its first lines"
done < <(files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.sh' 'bench/*.c' 'bench/*.sh' 'scripts/*.sh')

for f in $(files 'src/*.c'); do
	grep -q '#include "base/banned.h"' "$f" || bad "$f: does not include base/banned.h"
	last=$(grep '#include' "$f" | tail -n 1)
	[ "$last" = '#include "base/banned.h"' ] || bad "$f: base/banned.h must be the last include"
done

for f in $(files 'src/*.c' 'src/*.h'); do
	layer=$(echo "$f" | cut -d/ -f2)
	mine=$(rank "$layer")
	while IFS= read -r inc; do
		dep=${inc%%/*}
		[ "$dep" = "$layer" ] && continue
		[ "$(rank "$dep")" -le "$mine" ] || bad "$f: includes $inc from a higher layer"
	done < <(sed -n 's/^#include "\([a-z]*\/[^"]*\)".*/\1/p' "$f")
	case $layer in
	store) ;; *) grep -Eq '#include <(sqlite3|libpq-fe)\.h>' "$f" && bad "$f: SQL libraries belong in src/store" ;;
	esac
	case $layer in
	graph) ;; *) grep -q '#include <igraph' "$f" && bad "$f: igraph belongs in src/graph" ;;
	esac
	case $layer in
	http) ;; *) grep -q '#include <microhttpd.h>' "$f" && bad "$f: libmicrohttpd belongs in src/http" ;;
	esac
done

for f in $(files 'src/*.c' 'src/*.h' | grep -v '^src/store/'); do
	grep -nE '"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT) ' "$f" |
		while IFS= read -r hit; do bad "$f:${hit%%:*}: SQL text outside src/store"; done
	grep -qE '"(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT) ' "$f" && fail=1
done

if [ $fail -eq 0 ]; then echo "check-sources: all rules hold"; fi
exit $fail
