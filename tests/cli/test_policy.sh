#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line tests of the shared risk protocol file: `cg policy check` on
# the default and on broken files (the error names FILE:LINE, exit 1), and
# `cg policy publish|list|show` on a store: publishing as an admin, refusal
# for others, the same text twice (a conflict naming the version), a second
# version, listings in every format, the stored text byte for byte, the
# schema's refusal to edit or delete a published version, and the audit
# entry of each publication. Usage: test_policy.sh PATH/TO/cg
set -u
cg=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
default="$here/../../policy/default.policy"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_DB CG_USER
export CG_DB="$tmp/s.db"
sql() { sqlite3 "$CG_DB" "$1"; }

# --- check: no store, no user ---
expect 0 "check the default" -- "$cg" policy check "$default"
contains out "default.policy: valid: 13 factors, hash [0-9a-f]\{64\}$"
sed 's/^cap = 30$/cap = zero/' "$default" >bad.policy
line=$(grep -n '^cap = zero$' bad.policy | cut -d: -f1)
expect 1 "check a bad number" -- "$cg" policy check bad.policy
contains err "bad.policy:$line: cap: 'zero' is not a number"
sed 's/^\[tiers\]$/[tier]/' "$default" >bad2.policy
expect 1 "check an unknown section" -- "$cg" policy check bad2.policy
contains err "bad2.policy:$(grep -n '^\[tier\]$' bad2.policy | cut -d: -f1): unknown section \[tier\]"
expect 1 "check a missing file" -- "$cg" policy check nope.policy
contains err "nope.policy: cannot open"
expect 2 "check without a file" -- "$cg" policy check
contains err "usage: cg policy check"
for verb in check publish list show; do
	expect 0 "policy $verb --help" -- "$cg" policy $verb --help
	contains out "usage: cg policy $verb"
done

# --- a store with an admin and an analyst ---
expect 0 "init" -- "$cg" init
expect 0 "agency" -- "$cg" agency add WMP --name "West Midlands Police" --type police_force --level local
expect 0 "admin" -- "$cg" user add root --agency WMP --roles admin --clearance SECRET
expect 0 "analyst" -- "$cg" --as root user add ann --agency WMP --roles analyst,supervisor --clearance SECRET

expect 1 "show before any publication" -- "$cg" --as ann policy show
contains err "no risk policy is published yet"
expect 1 "analyst may not publish" -- "$cg" --as ann policy publish "$default"
contains err "policy publish"
expect 2 "publish needs --as" -- "$cg" policy publish "$default"
expect 1 "publish refuses a bad file" -- "$cg" --as root policy publish bad.policy
contains err "bad.policy:$line: cap"
equals out ""

expect 0 "publish the default" -- "$cg" --as root policy publish "$default"
hash1=$(b2sum -l 256 "$default" | cut -d' ' -f1)
equals out "policy version 1 published, hash $hash1"
expect 1 "publish the same text again" -- "$cg" --as root policy publish "$default"
contains err "already published as version 1"

sed 's/^high = 50 /high = 55 /' "$default" >v2.policy
expect 0 "publish a second version" -- "$cg" --as root policy publish v2.policy
hash2=$(b2sum -l 256 v2.policy | cut -d' ' -f1)
equals out "policy version 2 published, hash $hash2"

expect 0 "list" -- "$cg" --as ann policy list
lines out 2
contains out "^1 .* root .*$hash1"
contains out "^2 .* root .*$hash2"
expect 0 "list as csv" -- "$cg" --as ann policy list --format csv
contains out "^version,hash,published_by,published_at$"
contains out "^2,$hash2,root,20[0-9-]*T[0-9:]*Z$"
expect 0 "list as json" -- "$cg" --as ann policy list --format json
contains out "\"version\": 1"
contains out "\"published_by\": \"root\""
expect 2 "list with a bad format" -- "$cg" --as ann policy list --format xml

expect 0 "show the newest" -- "$cg" --as ann policy show
same "$tmp/out" v2.policy "show prints the newest version exactly"
expect 0 "show version 1" -- "$cg" --as ann policy show 1
same "$tmp/out" "$default" "show 1 prints the default exactly"
expect 1 "show a missing version" -- "$cg" --as ann policy show 9
contains err "no risk policy version 9"
expect 2 "show a bad version" -- "$cg" --as ann policy show x

# --- published versions are immutable ---
if sql "UPDATE risk_policy SET content = 'x' WHERE version = 1" 2>"$tmp/sqlerr"; then
	no "UPDATE of a published policy succeeded"
else
	ok
fi
contains sqlerr "immutable"
if sql "DELETE FROM risk_policy WHERE version = 2" 2>"$tmp/sqlerr"; then
	no "DELETE of a published policy succeeded"
else
	ok
fi
contains sqlerr "immutable"
expect 0 "version 1 unchanged" -- "$cg" --as ann policy show 1
same "$tmp/out" "$default" "version 1 still the default"

# --- one audit entry per publication, naming the row ---
equals_sql() { local got; got=$(sql "$1"); if [ "$got" = "$2" ]; then ok; else no "$1: '$got', wanted '$2'"; fi; }
equals_sql "SELECT count(*) FROM audit_entry WHERE operation = 'administration' AND detail LIKE 'policy publish%'" 2
equals_sql "SELECT e.username FROM audit_entry e JOIN audit_record r ON r.seq = e.seq WHERE r.record_kind = 'risk_policy' AND r.record_id = (SELECT id FROM risk_policy WHERE version = 2)" root
equals_sql "SELECT count(*) FROM audit_entry WHERE detail LIKE '%$hash1%'" 1
expect 0 "audit chain intact" -- "$cg" audit verify

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
