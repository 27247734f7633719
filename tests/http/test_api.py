#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The JSON API end to end against the real server on a loopback port.

Sets up a store with the command line (`cg demo`, passwords with
`cg user passwd`), starts `cg serve --listen 127.0.0.1:0`, reads the port
from its "listening on" line and drives it with the standard library only:
routes against docs/openapi.yaml both ways, login by cookie and bearer,
CSRF, malformed and oversized requests, justification and its audit entry,
intelligence submission and four-eyes approval across agencies, person,
risk, search, OCGs, the link review queue, audit reports, logout,
concurrent writers against the audit chain, shutdown with a request in
flight, and TLS with a Secure cookie.

Usage: test_api.py PATH/TO/cg  (tests/cli/test_http_api.sh runs it)
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apiclient import TIMEOUT, Checks, Server, bearer, request  # noqa: E402

CG = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
OPENAPI = os.path.join(HERE, "..", "..", "docs", "openapi.yaml")

check = Checks()


def cg(*args, stdin=None, check_rc=0):
    """Runs the command line on the test store; returns its stdout."""
    p = subprocess.run([CG, "--db", DB] + list(args), input=stdin, capture_output=True,
                       text=True, timeout=120)
    if check_rc is not None and p.returncode != check_rc:
        raise SystemExit("cg %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def login(srv, user, token=False, context=None):
    """POST /api/v1/session as user; the whole reply (cookie, CSRF token)."""
    body = {"username": user, "password": PASSWORDS[user]}
    if token:
        body["token"] = True
    r = request(srv, "POST", "/api/v1/session", body, context=context)
    if r.status != 200:
        raise SystemExit("login %s: %d %r" % (user, r.status, r.raw))
    return r


def cookie_of(r):
    m = re.match(r"cg_session=([^;]*)", r.header("Set-Cookie") or "")
    return m.group(1) if m else None


# ---------------------------------------------------------------- set-up

tmp = tempfile.mkdtemp(prefix="cg-http-")
DB = os.path.join(tmp, "t.db")
PASSWORDS = {u: "pw-%s-0123456789" % u
             for u in ("admin", "dc.khan", "ds.jones", "ds.reid", "pio.patel", "auditor")}


def set_up():
    cg("demo", "--people", "300", "--seed", "3", "--out", os.path.join(tmp, "demo"),
       "--no-serve")
    for u in ("admin", "dc.khan", "ds.jones", "pio.patel", "auditor"):
        cg("--as", "admin", "user", "passwd", u, stdin=PASSWORDS[u] + "\n")
    # a second supervisor of WMP, for four-eyes approval of a supervisor's report
    cg("--as", "admin", "user", "add", "ds.reid", "--agency", "WMP", "--roles",
       "supervisor", "--clearance", "SECRET", "--password-stdin",
       stdin=PASSWORDS["ds.reid"] + "\n")


def a_person_of(agency):
    out = cg("--as", "dc.khan", "--reason", "test set-up", "export", "links")
    for line in out.splitlines()[1:]:
        a, _, person = line.split(",")
        if a == agency and person:
            return int(person)
    raise SystemExit("no person with a record of " + agency)


# ---------------------------------------------------------------- the tests

def openapi_routes():
    """(METHOD, path) pairs under `paths:` of the OpenAPI document."""
    routes, path, in_paths = set(), None, False
    with open(OPENAPI) as f:
        for line in f:
            if re.match(r"^paths:\s*$", line):
                in_paths = True
                continue
            if in_paths and re.match(r"^\S", line):
                in_paths = False
            if not in_paths:
                continue
            m = re.match(r"^  (/\S*):\s*$", line)
            if m:
                path = m.group(1)
                continue
            m = re.match(r"^    (get|put|post|delete|patch|head|options):\s*$", line)
            if m and path:
                routes.add((m.group(1).upper(), path))
    return routes


def test_routes_documented():
    out = subprocess.run([CG, "serve", "--routes"], capture_output=True, text=True).stdout
    served = {tuple(line.split(" ", 1)) for line in out.splitlines() if line}
    documented = openapi_routes()
    check(len(served) >= 20, "cg serve --routes lists the routes", out)
    for r in sorted(served - documented):
        check(False, "route served but not in docs/openapi.yaml", r)
    for r in sorted(documented - served):
        check(False, "route in docs/openapi.yaml but not served", r)
    check(served == documented, "routes and docs/openapi.yaml agree")


def test_headers(srv):
    for r in (request(srv, "GET", "/api/v1/nothing"), login(srv, "dc.khan")):
        csp = r.header("Content-Security-Policy") or ""
        check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp
              and "'unsafe-inline'" not in csp, "CSP", csp)
        check(r.header("X-Content-Type-Options") == "nosniff", "nosniff")
        check(r.header("X-Frame-Options") == "DENY", "frame denial")
        check(r.header("Referrer-Policy") == "no-referrer", "referrer policy")
        check(r.header("Cache-Control") == "no-store", "no-store on /api/")
        check(r.header("Strict-Transport-Security") is None, "no HSTS over plain HTTP")
        check((r.header("Content-Type") or "").startswith("application/json"), "JSON type")


def test_errors(srv, token):
    r = request(srv, "GET", "/api/v1/nothing")
    check(r.status == 404 and r.error().get("code") == "NOT_FOUND", "unknown route 404", r.raw)
    r = request(srv, "GET", "/api/v1/%FF%FE")
    check(r.status == 404 and r.json is not None, "a path that is not UTF-8: 404 in JSON", r.raw)
    r = request(srv, "GET", "/api/v1/persons/abc", headers=bearer(token, "x"))
    check(r.status == 404, "non-numeric id 404", r.raw)
    r = request(srv, "PUT", "/api/v1/intel", headers=bearer(token))
    check(r.status == 405, "wrong method 405", r.raw)
    check(r.header("Allow") == "GET, POST", "Allow lists the methods", r.header("Allow"))
    check(r.error().get("code") == "METHOD_NOT_ALLOWED", "405 code", r.raw)

    h = bearer(token)
    h["Content-Type"] = "application/json"
    r = request(srv, "POST", "/api/v1/intel", raw=b'{"text": "x",\n "mopi_group": }', headers=h)
    check(r.status == 400 and r.error().get("code") == "INVALID", "malformed JSON 400", r.raw)
    check(re.search(r"line 2, column \d+", r.error().get("message", "")) is not None,
          "malformed JSON: line and column", r.raw)
    r = request(srv, "POST", "/api/v1/intel", raw=b'{"a": 1, "a": 2}', headers=h)
    check(r.status == 400, "duplicate key refused", r.raw)
    r = request(srv, "POST", "/api/v1/intel", raw=b'[1, 2]', headers=h)
    check(r.status == 400 and "object" in r.error().get("message", ""), "array body 400", r.raw)
    r = request(srv, "POST", "/api/v1/intel", {"text": "x", "mopi_group": "3"}, headers=h)
    check(r.status == 400 and r.error().get("field") == "mopi_group", "wrong type names the field",
          r.raw)
    r = request(srv, "POST", "/api/v1/intel", {"text": "x", "colour": "red"}, headers=h)
    check(r.status == 400 and r.error().get("field") == "colour",
          "unknown field names the field", r.raw)
    r = request(srv, "GET", "/api/v1/ocgs?agency=WMP&colour=red", headers=bearer(token, "x"))
    check(r.status == 400 and r.error().get("field") == "colour",
          "unknown query parameter names it", r.raw)
    r = request(srv, "GET", "/api/v1/link/review?limit=5&limit=6", headers=bearer(token))
    check(r.status == 400 and r.error().get("field") == "limit"
          and "more than once" in r.error().get("message", ""),
          "a query parameter given twice is refused, not half-read", r.raw)
    r = request(srv, "GET", "/api/v1/link/review?limit", headers=bearer(token))
    check(r.status == 400 and r.error().get("field") == "limit",
          "a query parameter without a value is refused, not ignored", r.raw)
    r = request(srv, "POST", "/api/v1/intel", raw=b"text=x",
                headers=dict(bearer(token), **{"Content-Type": "application/x-www-form-urlencoded"}))
    check(r.status == 415 and r.error().get("field") == "Content-Type", "not JSON: 415", r.raw)
    r = request(srv, "POST", "/api/v1/intel",
                raw=b'{"text": "' + b"x" * (1 << 20) + b'"}', headers=h)
    check(r.status == 413 and r.error().get("code") == "LIMIT", "oversized body 413",
          (r.status, r.raw[:200]))
    r = request(srv, "GET", "/api/v1/session/me", raw=b'{"a": 1}', headers=h)
    check(r.status == 400, "a GET takes no body", r.raw)


def test_sessions(srv):
    r = request(srv, "POST", "/api/v1/session", {"username": "dc.khan", "password": "wrong one!"})
    check(r.status == 401 and r.error().get("code") == "AUTH", "wrong password 401", r.raw)
    check(r.header("Set-Cookie") is None, "no cookie for a failed login")
    r = request(srv, "POST", "/api/v1/session", {"username": "dc.khan"})
    check(r.status == 400 and r.error().get("field") == "password", "missing password", r.raw)
    for ttl in (-1, 31 * 86400, 1 << 40):
        r = request(srv, "POST", "/api/v1/session",
                    {"username": "dc.khan", "password": PASSWORDS["dc.khan"], "ttl": ttl})
        check(r.status == 400 and r.error().get("field") == "ttl"
              and r.header("Set-Cookie") is None, "ttl %d is refused, naming ttl" % ttl, r.raw)
    r = request(srv, "GET", "/api/v1/session/me")
    check(r.status == 401, "no credentials 401", r.raw)
    check((r.header("WWW-Authenticate") or "").startswith("Bearer"), "401 says Bearer",
          r.header("WWW-Authenticate"))
    r = request(srv, "GET", "/api/v1/session/me", headers=bearer("cgs_" + "A" * 43))
    check(r.status == 401, "unknown token 401", r.raw)

    r = login(srv, "dc.khan")
    cookie = r.header("Set-Cookie") or ""
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie,
          "cookie attributes", cookie)
    check("Secure" not in cookie, "no Secure without TLS", cookie)
    check("token" not in r.json, "the token stays in the cookie unless asked for", r.json)
    check(r.json.get("user") == "dc.khan" and r.json.get("agency") == "WMP"
          and "analyst" in r.json.get("roles", []), "login answers the user", r.json)
    csrf = r.json.get("csrf_token")
    token = cookie_of(r)
    ch = {"Cookie": "cg_session=" + token}
    r = request(srv, "GET", "/api/v1/session/me", headers=ch)
    check(r.status == 200 and r.json.get("user") == "dc.khan", "me by cookie", r.raw)
    check(r.json.get("csrf_token") == csrf, "me answers the same CSRF token", r.json)

    # CSRF: a cookie-authenticated change needs the header; bearer does not
    bad = {"text": "x", "source_evaluation": "4"}
    r = request(srv, "POST", "/api/v1/intel", bad, headers=ch)
    check(r.status == 403 and r.error().get("field") == "X-CSRF-Token", "CSRF missing 403",
          r.raw)
    r = request(srv, "POST", "/api/v1/intel", bad, headers=dict(ch, **{"X-CSRF-Token": "x" * 43}))
    check(r.status == 403, "CSRF wrong 403", r.raw)
    r = request(srv, "POST", "/api/v1/intel", bad, headers=dict(ch, **{"X-CSRF-Token": csrf}))
    check(r.status == 400 and r.error().get("field") == "source_evaluation",
          "CSRF present: on to the library's validation", r.raw)
    r = request(srv, "GET", "/api/v1/ocgs", headers=dict(ch, **{"X-Justification": "t"}))
    check(r.status == 200, "a GET by cookie needs no CSRF token", r.raw)

    b = login(srv, "dc.khan", token=True).json
    check(b.get("token", "").startswith("cgs_"), "the token when asked for", b)
    r = request(srv, "GET", "/api/v1/session/me", headers=bearer(b["token"]))
    check(r.status == 200 and r.json.get("user") == "dc.khan", "me by bearer", r.raw)
    r = request(srv, "POST", "/api/v1/intel", bad, headers=bearer(b["token"]))
    check(r.status == 400, "bearer needs no CSRF token", r.raw)

    # logout: by cookie (with CSRF), then the token is dead for good
    r = request(srv, "DELETE", "/api/v1/session", headers=ch)
    check(r.status == 403, "logout by cookie needs the CSRF token", r.raw)
    r = request(srv, "DELETE", "/api/v1/session", headers=dict(ch, **{"X-CSRF-Token": csrf}))
    check(r.status == 200, "logout", r.raw)
    check("Max-Age=0" in (r.header("Set-Cookie") or ""), "logout clears the cookie",
          r.header("Set-Cookie"))
    r = request(srv, "GET", "/api/v1/session/me", headers=ch)
    check(r.status == 401, "logged-out cookie 401", r.raw)
    r = request(srv, "DELETE", "/api/v1/session", headers=bearer(b["token"]))
    check(r.status == 200, "logout by bearer", r.raw)
    r = request(srv, "GET", "/api/v1/session/me", headers=bearer(b["token"]))
    check(r.status == 401, "logged-out bearer token 401", r.raw)


def intel_body(**over):
    body = {"text": "NOWAK Mariusz is storing cannabis at the Holmcroft garage.",
            "source_evaluation": "1", "intel_assessment": "B", "classification": "OFFICIAL",
            "handling_code": "P", "relates_to": "2026-01-10", "mopi_group": 3}
    body.update(over)
    return {k: v for k, v in body.items() if v is not None}


def test_intel(srv, khan, jones, reid, patel):
    for bad, field in ((intel_body(source_evaluation="4"), "source_evaluation"),
                       (intel_body(intel_assessment=None), "intel_assessment"),
                       (intel_body(handling_code="C"), "handling_conditions"),
                       (intel_body(relates_to="2026-02-30"), "relates_to"),
                       (intel_body(mopi_group=7), "mopi_group"),
                       (intel_body(text=None), "text"),
                       (intel_body(subjects=[{"kind": "person"}]), "subjects[0]")):
        r = request(srv, "POST", "/api/v1/intel", bad, headers=bearer(khan))
        check(r.status == 400 and r.error().get("field") == field,
              "3x5x2 validation names " + field, r.raw)
    before = cg("audit", "head")
    r = request(srv, "POST", "/api/v1/intel", intel_body(source_evaluation="9"),
                headers=bearer(khan))
    check(cg("audit", "head") == before, "a refused submission writes nothing")

    r = request(srv, "POST", "/api/v1/intel", intel_body(justification="API test: body why"),
                headers=bearer(khan))
    check(r.status == 201 and r.json.get("status") == "submitted", "submit 201", r.raw)
    entries = json.loads(cg("--as", "auditor", "audit", "user", "dc.khan", "--format", "json"))
    check(any(e["justification"] == "API test: body why" and e["detail"] == "intel add"
              for e in entries), "a justification in the body reaches the audit log")
    rid = (r.json or {}).get("id")
    path = "/api/v1/intel/%s" % rid
    why = bearer(patel, "API test: prison intelligence check")
    r = request(srv, "GET", path, headers=why)
    check(r.status == 404, "another agency cannot see an unapproved report", r.raw)
    r = request(srv, "GET", path, headers=bearer(khan, "API test: my report"))
    check(r.status == 200 and r.json.get("status") == "submitted", "the author's agency sees it",
          r.raw)
    r = request(srv, "POST", path + "/approve", headers=bearer(patel))
    check(r.status == 404, "another agency cannot approve it either", r.raw)
    r = request(srv, "POST", path + "/approve", headers=bearer(khan))
    check(r.status == 403, "an analyst may not approve", r.raw)
    r = request(srv, "POST", path + "/approve", {}, headers=bearer(jones))
    check(r.status == 200 and r.json.get("status") == "approved", "supervisor approves", r.raw)
    r = request(srv, "POST", path + "/approve", headers=bearer(jones))
    check(r.status == 409, "approving twice is a conflict", r.raw)
    r = request(srv, "GET", path, headers=why)
    check(r.status == 200 and r.json.get("id") == rid and r.json.get("status") == "approved",
          "the other agency sees it after approval", r.raw)

    # four eyes: a supervisor's own report needs another supervisor
    r = request(srv, "POST", "/api/v1/intel", intel_body(text="Supervisor's own report."),
                headers=bearer(jones))
    own = (r.json or {}).get("id")
    r = request(srv, "POST", "/api/v1/intel/%s/approve" % own, headers=bearer(jones))
    check(r.status == 403, "no approving one's own report", r.raw)
    r = request(srv, "POST", "/api/v1/intel/%s/reject" % own, {}, headers=bearer(reid))
    check(r.status == 400 and r.error().get("field") == "reason", "reject needs a reason", r.raw)
    r = request(srv, "POST", "/api/v1/intel/%s/approve" % own, headers=bearer(reid))
    check(r.status == 200, "another supervisor of the agency approves", r.raw)

    r = request(srv, "GET", "/api/v1/intel?q=Holmcroft&status=approved", headers=why)
    ids = [x["id"] for x in (r.json or {}).get("reports", [])]
    check(r.status == 200 and rid in ids, "search finds the approved report", r.raw)
    r = request(srv, "GET", "/api/v1/intel?q=Holmcroft&limit=0", headers=why)
    check(r.status == 400 and r.error().get("field") == "limit", "bad limit names it", r.raw)
    r = request(srv, "GET", "/api/v1/intel?subject=nobody", headers=why)
    check(r.status == 400 and r.error().get("field") == "subject", "bad subject names it", r.raw)
    for param, value in (("source", "9"), ("assessment", "Z")):
        r = request(srv, "GET", "/api/v1/intel?%s=%s" % (param, value), headers=why)
        check(r.status == 400 and r.error().get("field") == param,
              "a bad %s filter names the query parameter" % param, r.raw)


def test_consultation(srv, khan, auditor, person):
    r = request(srv, "GET", "/api/v1/persons/%d" % person, headers=bearer(khan))
    check(r.status == 400 and r.error().get("field") == "justification",
          "a consultation without justification 400", r.raw)
    check("X-Justification" in r.error().get("message", ""), "the message says where it goes",
          r.raw)
    why = "API test: case 4242 person check"
    r = request(srv, "GET", "/api/v1/persons/%d" % person, headers=bearer(khan, why))
    check(r.status == 200 and len(r.json.get("records", [])) >= 1 and "flags" in r.json,
          "person with its records", r.raw)
    rec = r.json["records"][0] if r.status == 200 else {}
    check(all(k in rec for k in ("owner_agency", "source_system", "classification",
                                 "handling_code", "identifiers")),
          "records carry their provenance and label", rec)
    entries = json.loads(cg("--as", "auditor", "audit", "user", "dc.khan", "--format", "json"))
    check(any(e["justification"] == why and "person show" in e["detail"] for e in entries),
          "the consultation is in the audit log with its justification", entries[-3:])
    # in the body of a POST, too
    r = request(srv, "GET", "/api/v1/records/%d" % rec.get("id", 1),
                headers=bearer(khan, "API test: record"))
    check(r.status == 200 and r.json.get("id") == rec.get("id"), "one record", r.raw)
    r = request(srv, "GET", "/api/v1/persons/999999", headers=bearer(khan, why))
    check(r.status == 404, "no such person 404", r.raw)
    r = request(srv, "GET", "/api/v1/persons/%d" % person,
                headers=bearer(khan, "bad\x01why"))
    check(r.status == 400, "a justification with a control character", r.raw)

    # search by name and date of birth
    name = rec.get("surname", "x")
    r = request(srv, "GET", "/api/v1/records/search?name=%s" % name, headers=bearer(khan, why))
    check(r.status == 200 and any(x["id"] == rec.get("id") for x in r.json.get("records", [])),
          "search by name", r.raw)
    if rec.get("dob"):
        r = request(srv, "GET", "/api/v1/records/search?name=%s&dob=%s" % (name, rec["dob"]),
                    headers=bearer(khan, why))
        check(r.status == 200 and r.json.get("records")
              and all(x["dob"] == rec["dob"] for x in r.json["records"]), "and dob", r.raw)
        r = request(srv, "GET", "/api/v1/records/search?name=%s&dob=1800-01-01" % name,
                    headers=bearer(khan, why))
        check(r.status == 200 and r.json.get("records") == [], "a dob nobody has", r.raw)
    r = request(srv, "GET", "/api/v1/records/search?name=%s&dob=31/12/1990" % name,
                headers=bearer(khan, why))
    check(r.status == 400 and r.error().get("field") == "dob", "bad dob names it", r.raw)
    r = request(srv, "GET", "/api/v1/records/search", headers=bearer(khan, why))
    check(r.status == 400 and r.error().get("field") == "name", "search needs a name", r.raw)
    r = request(srv, "GET", "/api/v1/records/search?name=-", headers=bearer(khan, why))
    check(r.status == 400 and r.error().get("field") == "name", "a name of no letters names it",
          r.raw)

    # risk
    r = request(srv, "GET", "/api/v1/persons/%d/risk" % person, headers=bearer(khan, why))
    check(r.status == 200 and "tier" in r.json and "factors" in r.json, "risk", r.raw)
    r = request(srv, "GET", "/api/v1/persons/%d/risk/history" % person,
                headers=bearer(khan, why))
    check(r.status == 200 and isinstance(r.json, list) and len(r.json) >= 1, "risk history",
          r.raw)

    # OCGs
    r = request(srv, "GET", "/api/v1/ocgs", headers=bearer(khan, why))
    ocgs = (r.json or {}).get("ocgs", [])
    check(r.status == 200 and len(ocgs) >= 1, "OCG list", r.raw)
    if ocgs:
        r = request(srv, "GET", "/api/v1/ocgs/%d" % ocgs[0]["id"], headers=bearer(khan, why))
        check(r.status == 200 and r.json.get("name") == ocgs[0]["name"], "one OCG", r.raw)

    # audit reports and verification, for auditors
    r = request(srv, "GET", "/api/v1/audit/users/dc.khan", headers=bearer(auditor))
    check(r.status == 200 and any(e["justification"] == why for e in r.json.get("entries", [])),
          "audit by user over HTTP", r.raw)
    r = request(srv, "GET", "/api/v1/audit/consulted?agency=WMP", headers=bearer(auditor))
    check(r.status == 200 and isinstance(r.json.get("entries"), list), "audit consulted", r.raw)
    r = request(srv, "GET", "/api/v1/audit/consulted", headers=bearer(auditor))
    check(r.status == 400 and r.error().get("field") == "agency", "consulted needs an agency",
          r.raw)
    r = request(srv, "GET", "/api/v1/audit/subjects/%d" % person, headers=bearer(khan))
    check(r.status == 403, "an analyst runs no subject report", r.raw)
    r = request(srv, "GET", "/api/v1/audit/verify", headers=bearer(auditor))
    check(r.status == 200 and r.json.get("intact") is True and r.json.get("entries", 0) > 0,
          "audit verify", r.raw)
    r = request(srv, "GET", "/api/v1/audit/verify", headers=bearer(khan))
    check(r.status == 403, "an analyst may not verify over HTTP", r.raw)


def test_review(srv, khan, patel):
    r = request(srv, "GET", "/api/v1/link/review?limit=100", headers=bearer(khan))
    items = (r.json or {}).get("items", [])
    check(r.status == 200 and len(items) >= 1, "review queue", r.raw)
    r = request(srv, "GET", "/api/v1/link/review", headers=bearer(patel))
    check(r.status == 403, "a PIO has no review queue", r.raw)
    if not items:
        return
    it = items[0]
    url = "/api/v1/link/review/%d" % it["id"]
    r = request(srv, "POST", url, {"decision": "maybe", "reason": "x"}, headers=bearer(khan))
    check(r.status == 400 and r.error().get("field") == "decision", "unknown decision", r.raw)
    r = request(srv, "POST", url, {"decision": "reject"}, headers=bearer(khan))
    check(r.status == 400 and r.error().get("field") == "reason", "a decision needs a reason",
          r.raw)
    r = request(srv, "POST", url, {"decision": "split", "record": 999999, "reason": "x"},
                headers=bearer(khan))
    check(r.status == 400 and r.error().get("field") == "record", "split one of the pair", r.raw)
    r = request(srv, "POST", url, {"decision": "reject", "reason": "different dates of birth"},
                headers=bearer(khan))
    check(r.status == 200 and r.json.get("decision") == "reject", "decide an item", r.raw)
    r = request(srv, "GET", "/api/v1/link/review?limit=100", headers=bearer(khan))
    check(all(x["id"] != it["id"] for x in (r.json or {}).get("items", [])),
          "a decided item leaves the queue", r.raw)
    r = request(srv, "POST", url, {"decision": "reject", "reason": "again"}, headers=bearer(khan))
    check(r.status == 404, "deciding it again 404", r.raw)


def test_concurrency(srv, tokens, person):
    """Parallel consultations (each an audit entry): all answered, chain intact."""
    results = []

    def worker(tok, n):
        for i in range(n):
            r = request(srv, "GET", "/api/v1/persons/%d" % person,
                        headers=bearer(tok, "API test: parallel %d" % i))
            results.append(r.status)

    threads = [threading.Thread(target=worker, args=(tokens[i % len(tokens)], 5))
               for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    check(results.count(200) == 30, "30 parallel consultations answered",
          [s for s in results if s != 200])
    out = cg("audit", "verify")
    check(out.startswith("audit chain intact"), "the audit chain after parallel writers", out)


def test_shutdown_in_flight():
    """SIGTERM while a request is half sent: it is still answered; exit 0."""
    srv = Server(CG, DB)
    body = json.dumps({"username": "dc.khan", "password": PASSWORDS["dc.khan"]}).encode()
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=TIMEOUT)
    sock.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
    sock.sendall(body[:10])
    time.sleep(0.5)  # the server has read the headers: the request is in flight
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    check(srv.proc.poll() is None, "the server waits for the request in flight")
    sock.sendall(body[10:])
    answer = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        answer += chunk
    sock.close()
    check(answer.startswith(b"HTTP/1.1 200"), "the request in flight is answered", answer[:200])
    check(b"Connection: close" in answer, "and asked to close the connection", answer[:400])
    try:
        rc = srv.proc.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        srv.proc.kill()
        rc = None
    check(rc == 0, "exit 0 after SIGTERM", (rc, srv.proc.stderr.read()))
    try:
        socket.create_connection(("127.0.0.1", srv.port), timeout=2).close()
        check(False, "the port is closed after shutdown")
    except OSError:
        check(True, "")


def test_tls():
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    srv = Server(CG, DB, "--tls-cert", cert, "--tls-key", key)
    check(srv.scheme == "https", "TLS: listening on https")
    ctx = ssl.create_default_context(cafile=cert)
    r = login(srv, "ds.jones", context=ctx)
    check("Secure" in (r.header("Set-Cookie") or ""), "TLS: the cookie is Secure",
          r.header("Set-Cookie"))
    check((r.header("Strict-Transport-Security") or "").startswith("max-age="), "TLS: HSTS")
    ch = {"Cookie": "cg_session=" + cookie_of(r)}
    r = request(srv, "GET", "/api/v1/session/me", headers=ch, context=ctx)
    check(r.status == 200 and r.json.get("user") == "ds.jones", "TLS: me by cookie", r.raw)
    # a plain-HTTP request to the TLS port gets no answer in clear
    try:
        plain = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        plain.request("GET", "/api/v1/session/me")
        status = plain.getresponse().status
    except (OSError, http.client.HTTPException):
        status = None
    check(status is None, "TLS: no plain HTTP on the TLS port", status)
    check(srv.stop() == 0, "TLS: exit 0 after SIGTERM")


def main():
    set_up()
    person = a_person_of("WMP")
    test_routes_documented()
    out = subprocess.run([CG, "--db", DB, "serve", "--listen", "localhost:80"],
                         capture_output=True, text=True)
    check(out.returncode == 2 and "numeric" in out.stderr, "--listen refuses names", out.stderr)
    out = subprocess.run([CG, "--db", os.path.join(tmp, "none.db"), "serve", "--listen",
                          "127.0.0.1:0"], capture_output=True, text=True, timeout=TIMEOUT)
    check(out.returncode == 1 and "listening" not in out.stdout, "no store: exit 1", out.stderr)

    srv = Server(CG, DB)
    try:
        test_headers(srv)
        khan = login(srv, "dc.khan", token=True).json["token"]
        jones = login(srv, "ds.jones", token=True).json["token"]
        reid = login(srv, "ds.reid", token=True).json["token"]
        patel = login(srv, "pio.patel", token=True).json["token"]
        auditor = login(srv, "auditor", token=True).json["token"]
        test_errors(srv, khan)
        test_sessions(srv)
        test_intel(srv, khan, jones, reid, patel)
        test_consultation(srv, khan, auditor, person)
        test_review(srv, khan, patel)
        test_concurrency(srv, [khan, jones, reid], person)
    finally:
        rc = srv.stop()
    check(rc == 0, "exit 0 after SIGTERM", rc)
    test_shutdown_in_flight()
    test_tls()
    out = cg("audit", "verify")
    check(out.startswith("audit chain intact"), "the audit chain at the end", out)


try:
    main()
finally:
    if not os.environ.get("CG_TEST_KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("kept", tmp)
print("%d passed, %d failed" % (check.passed, check.failed))
sys.exit(1 if check.failed else 0)
