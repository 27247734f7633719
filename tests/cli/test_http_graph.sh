#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Network analysis over HTTP against the real server on a loopback port:
# runs tests/http/test_graph_api.py (standard-library Python only) with the
# cg binary. Usage: test_http_graph.sh PATH/TO/cg
set -u
py=/usr/bin/python3
[ -x "$py" ] || py=python3
exec "$py" "$(cd "$(dirname "$0")/../http" && pwd)/test_graph_api.py" "$1"
