#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The JSON API against the real server on a loopback port: runs
# tests/http/test_api.py (standard-library Python only) with the cg binary.
# Usage: test_http_api.sh PATH/TO/cg
set -u
py=/usr/bin/python3
[ -x "$py" ] || py=python3
exec "$py" "$(cd "$(dirname "$0")/../http" && pwd)/test_api.py" "$1"
