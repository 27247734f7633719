#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command-line tests of accounts: the bootstrap of a new store through the
# CLI (first agency, first admin with a password from stdin), more agencies,
# users and compartments as that admin, the exit codes of refusals (denied 1,
# missing --as 2, bad values 1 with a message), listings, and the session
# login / check / logout / reuse flow. Usage: test_accounts.sh PATH/TO/cg
set -u
cg=$1
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
unset CG_DB CG_USER
export CG_DB="$tmp/s.db"

# expect STATUS DESCRIPTION -- COMMAND...: runs it (stdin from /dev/null
# unless $input is set), keeps stdout/stderr in $tmp/out and $tmp/err, and
# checks the exit status.
sql() { sqlite3 "$CG_DB" "$1"; }

admin_pw='admin password, long enough'
alice_pw='alice password 2024!'

expect 0 "init" -- "$cg" init

# --- bootstrap: no --as while the store has no administrator ---
expect 2 "agency add without --type" -- "$cg" agency add MPS --name "Metropolitan Police" --level local
contains err "usage: cg agency add"
expect 1 "bad agency type" -- "$cg" agency add MPS --name "Metropolitan Police" --type police --level local
contains err "agency type 'police' is not one of"
expect 1 "lower-case code" -- "$cg" agency add mps --name "Metropolitan Police" --type police_force --level local
contains err "agency code"
contains err "upper case"
expect 0 "bootstrap agency add" -- "$cg" agency add MPS --name "Metropolitan Police" --type police_force --level local
contains out "agency MPS added"
expect 1 "duplicate agency" -- "$cg" agency add MPS --name "Again" --type prison --level local
contains err "agency code MPS is taken"
expect 1 "bootstrap may not add a non-admin" -- "$cg" user add alice --agency MPS --roles analyst --clearance SECRET
contains err "administrator"
expect 1 "OFFICIAL-SENSITIVE is no clearance" -- "$cg" user add root --agency MPS --roles admin --clearance OFFICIAL-SENSITIVE
contains err "handling caveat"
input='short' expect 1 "short password" -- "$cg" user add root --agency MPS --roles admin --clearance SECRET --password-stdin
contains err "shorter than 12"
lacks err "short$"
expect 1 "no password on stdin" -- "$cg" user add root --agency MPS --roles admin --clearance SECRET --password-stdin
contains err "no password on standard input"
input=$admin_pw expect 0 "bootstrap first admin" -- "$cg" user add root --agency MPS --roles admin,auditor --clearance SECRET --password-stdin --name "Root Admin"
contains out "user root added"
expect 1 "bootstrap is over" -- "$cg" agency add NCA --name "National Crime Agency" --type national_unit --level national
contains err "already has an administrator"

# --- as the admin ---
expect 0 "agency with parent" -- "$cg" --as root agency add HMP-B --name "HMP Birmingham" --type prison --level local --parent MPS --contact "0121 000 0000, intel desk"
expect 0 "national agency" -- "$cg" agency add NCA --as root --name "National Crime Agency" --type national_unit --level national
expect 1 "unknown parent" -- "$cg" --as root agency add X --name X --type prison --level local --parent NOPE
contains err "parent agency NOPE does not exist"
input=$alice_pw expect 0 "user with password" -- "$cg" --as root user add alice --agency MPS --roles analyst,supervisor --clearance TOP\ SECRET --password-stdin --name "Alice Analyst"
expect 0 "user without password" -- "$cg" --as root user add bob --agency HMP-B --roles pio --clearance OFFICIAL
expect 0 "service account" -- "$cg" --as root user add batch --agency MPS --roles analyst --clearance SECRET --service
expect 2 "service with password" -- "$cg" --as root user add batch2 --agency MPS --roles analyst --clearance SECRET --service --password-stdin
expect 1 "duplicate user" -- "$cg" --as root user add alice --agency MPS --roles analyst --clearance SECRET
contains err "username alice is taken"
expect 1 "bad role" -- "$cg" --as root user add carol --agency MPS --roles wizard --clearance SECRET
contains err "role 'wizard' is not one of"
expect 1 "bad username" -- "$cg" --as root user add Carol --agency MPS --roles analyst --clearance SECRET
contains err "username"
expect 1 "unknown agency" -- "$cg" --as root user add carol --agency NOPE --roles analyst --clearance SECRET
contains err "agency NOPE does not exist"
expect 0 "compartment add" -- "$cg" --as root compartment add OP-ALPHA --name "Operation Alpha"
contains out "owned by MPS"
expect 0 "compartment grant" -- "$cg" --as root compartment grant OP-ALPHA alice
expect 1 "grant twice" -- "$cg" --as root compartment grant OP-ALPHA alice
contains err "already holds"
expect 1 "grant unknown compartment" -- "$cg" --as root compartment grant NOPE alice
contains err "no compartment NOPE"

# --- refusals ---
expect 2 "compartment add without --as" -- "$cg" compartment add OP-B --name "Operation B"
contains err "--as"
expect 2 "user list without --as" -- "$cg" user list
expect 2 "agency list without --as" -- "$cg" agency list
expect 1 "analyst may not add agencies" -- "$cg" --as alice agency add X --name X --type prison --level local
contains err "does not hold the role"
expect 1 "analyst may not add users" -- "$cg" --as alice user add carol --agency MPS --roles analyst --clearance SECRET
expect 1 "analyst may not list users" -- "$cg" --as alice user list
expect 1 "unknown --as user" -- "$cg" --as nobody agency list
expect 2 "grant with one argument" -- "$cg" --as root compartment grant OP-ALPHA

# --- listings ---
expect 0 "agency list" -- "$cg" --as alice agency list
lines out 3
contains out "^HMP-B .*MPS .*HMP Birmingham"
expect 0 "agency list csv" -- "$cg" --as alice agency list --format csv
contains out "^code,name,type,level,parent,contact,created_at$"
contains out '^HMP-B,HMP Birmingham,prison,local,MPS,"0121 000 0000, intel desk",'
expect 0 "agency list json" -- "$cg" --as alice agency list --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [a["code"] for a in d] == ["HMP-B", "MPS", "NCA"] and d[1]["parent"] is None' "$tmp/out" && ok || no "agency list json"
expect 2 "agency list bad format" -- "$cg" --as alice agency list --format xml
expect 0 "user list" -- "$cg" --as root user list
lines out 4
contains out "^alice .*MPS .*analyst,supervisor .*TOP SECRET .*OP-ALPHA"
contains out "^batch .*service"
contains out "^bob .*no-password"
expect 0 "user list csv" -- "$cg" --as root user list --format csv
contains out "^alice,Alice Analyst,MPS,\"analyst,supervisor\",TOP SECRET,OP-ALPHA,0,0,0,1,"
expect 0 "user list json" -- "$cg" --as root user list --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); a=[u for u in d if u["username"]=="alice"][0]; assert a["roles"]=="analyst,supervisor" and a["compartments"]=="OP-ALPHA" and a["has_password"] and "password_hash" not in a' "$tmp/out" && ok || no "user list json"

# --- sessions ---
input=$alice_pw expect 0 "login" -- "$cg" session login alice
token=$(cat "$tmp/out")
[ ${#token} -eq 47 ] && [ "${token#cgs_}" != "$token" ] && ok || no "token '$token' is not cgs_ and 43 characters"
lines out 1
expect 0 "check" -- "$cg" session check "$token"
contains out "^alice MPS analyst,supervisor$"
input=$token expect 0 "check from stdin" -- "$cg" session check -
contains out "^alice MPS analyst,supervisor$"
expect 0 "logout" -- "$cg" session logout "$token"
expect 1 "check after logout" -- "$cg" session check "$token"
contains err "unknown, expired or revoked"
expect 1 "logout twice" -- "$cg" session logout "$token"
expect 1 "check nonsense" -- "$cg" session check not-a-token
expect 2 "check without token" -- "$cg" session check
expect 2 "bad ttl" -- "$cg" session login alice --ttl soon

input='wrong password!' expect 1 "wrong password" -- "$cg" session login alice
contains err "wrong username or password"
cp "$tmp/err" "$tmp/err.wrong"
input=$alice_pw expect 1 "unknown user" -- "$cg" session login nobody
cmp -s "$tmp/err" "$tmp/err.wrong" && ok || no "unknown user and wrong password read differently"
input=$alice_pw expect 1 "service account" -- "$cg" session login batch
cmp -s "$tmp/err" "$tmp/err.wrong" && ok || no "service account and wrong password read differently"

for i in 2 3 4 5; do
	input='wrong password!' expect 1 "wrong password $i" -- "$cg" session login alice
done
input=$alice_pw expect 1 "locked" -- "$cg" session login alice
cmp -s "$tmp/err" "$tmp/err.wrong" && ok || no "locked and wrong password read differently"
expect 0 "user list shows the lock" -- "$cg" --as root user list
contains out "^alice .*locked"
input='a new password for alice' expect 0 "admin resets the password" -- "$cg" --as root user passwd alice
input='a new password for alice' expect 0 "login after reset" -- "$cg" session login alice --ttl 60
token=$(cat "$tmp/out")
expect 0 "short session checks" -- "$cg" session check "$token"
input='alice changes it herself' expect 0 "own password" -- "$cg" --as alice user passwd alice
expect 1 "password change ended the session" -- "$cg" session check "$token"
input='not for root!!' expect 1 "analyst may not set root's password" -- "$cg" --as alice user passwd root
expect 2 "passwd without --as" -- "$cg" user passwd alice

# --- what reached the store ---
[ "$(sql "SELECT count(*) FROM audit_entry WHERE operation = 'administration'")" -eq 11 ] && ok ||
	no "administration entries: $(sql "SELECT count(*) FROM audit_entry WHERE operation = 'administration'")"
sql "SELECT username, detail FROM audit_entry" >"$tmp/audit"
contains audit "^bootstrap|agency add MPS type=police_force level=local$"
contains audit "^bootstrap|user add root agency=MPS roles=admin,auditor clearance=SECRET password=set$"
contains audit "^alice|login ok$"
contains audit "^alice|logout$"
contains audit "^nobody|login failed: unknown user$"
contains audit "^alice|account locked$"
sql "SELECT * FROM audit_entry; SELECT * FROM app_user; SELECT hex(token_hash) FROM user_session" >"$tmp/dump"
for secret in "$admin_pw" "$alice_pw" "wrong password!" "a new password for alice" "$token"; do
	lacks dump "$secret"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
