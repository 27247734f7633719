# SPDX-License-Identifier: GPL-3.0-or-later
"""A small client for tests that drive `cg serve` on a loopback port.

Standard library only. Server starts `cg serve --listen 127.0.0.1:0` on a
store and reads the port from its "listening on" line; request() sends one
request on a fresh connection and returns a Reply (status, headers, raw
body and the body as JSON when it is JSON); Checks counts passed and
failed checks and prints each failure.
"""
import http.client
import json
import re
import select
import signal
import subprocess
import urllib.parse

TIMEOUT = 30  # seconds for any one wait


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, cond, what, detail=None):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            text = "" if detail is None else ": %r" % (detail,)
            print("FAIL: %s%s" % (what, text[:2000]))
        return cond


class Server:
    """`cg serve` as a child process on a free loopback port."""

    def __init__(self, cg, db, *extra, threads=4):
        self.proc = subprocess.Popen([cg, "--db", db, "serve", "--listen", "127.0.0.1:0",
                                      "--threads", str(threads)] + list(extra),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        line = self.proc.stdout.readline().decode() if ready else ""
        m = re.match(r"listening on (https?)://127\.0\.0\.1:(\d+)$", line.strip())
        if not m:
            self.proc.kill()
            raise SystemExit("cg serve did not start: %r %r" % (line, self.proc.stderr.read()))
        self.scheme, self.port = m.group(1), int(m.group(2))

    def stop(self):
        """SIGTERM; returns the exit status (None if it did not exit)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        return self.headers.get(name.lower())

    def error(self):
        return ((self.json or {}).get("error") or {}) if isinstance(self.json, dict) else {}


def request(srv, method, path, body=None, headers=None, raw=None, context=None):
    """One request on a fresh connection. body: JSON-encoded; raw: bytes;
    context: the ssl.SSLContext of an https server."""
    if srv.scheme == "https":
        conn = http.client.HTTPSConnection("127.0.0.1", srv.port, timeout=TIMEOUT,
                                           context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=TIMEOUT)
    h = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    out = Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    conn.close()
    return out


def login_token(srv, user, password):
    """A bearer token for user (POST /api/v1/session with token: true)."""
    r = request(srv, "POST", "/api/v1/session",
                {"username": user, "password": password, "token": True})
    if r.status != 200:
        raise SystemExit("login %s: %d %r" % (user, r.status, r.raw))
    return r.json["token"]


def bearer(token, why=None):
    h = {"Authorization": "Bearer " + token}
    if why:
        h["X-Justification"] = why
    return h


def query(params):
    """"?a=1&b=x" from a dict (or "" for none), values URL-encoded."""
    return "?" + urllib.parse.urlencode(params) if params else ""
