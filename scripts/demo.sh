#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo quick start: creates a fresh store in demo/ and runs what the
# product can do so far. Usage: scripts/demo.sh PATH/TO/cg
set -euo pipefail
cg=${1:-build/cg}
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/demo"
mkdir -p "$dir"
export CG_DB="$dir/commonground.db"
rm -f "$CG_DB" "$CG_DB-wal" "$CG_DB-shm"

"$cg" version
"$cg" init
echo
echo "Tables in the new store:"
"$cg" stats
echo
echo "The demo store is $CG_DB; try: $cg --db $CG_DB help"
