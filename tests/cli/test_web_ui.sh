#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The web UI in a real browser: runs tests/browser/ui.test.mjs with node
# (playwright-core from web/node_modules driving Debian's Chromium) against
# the cg binary. Missing tools fail the test, never skip it: CI installs
# them (deps/debian-packages.txt and `make deps`, which runs npm ci in web/).
# SCREENSHOTS=1 refreshes docs/screenshots/.
# Usage: test_web_ui.sh PATH/TO/cg
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v node >/dev/null || { echo "FAIL: node is not installed (deps/debian-packages.txt: nodejs)"; echo "0 passed, 1 failed"; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed"; echo "0 passed, 1 failed"; exit 1; }
[ -d "$top/web/node_modules/playwright-core" ] ||
	{ echo "FAIL: web/node_modules is missing: run make deps (npm ci in web/)"; echo "0 passed, 1 failed"; exit 1; }
exec node "$top/tests/browser/ui.test.mjs" "$1"
