# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers the command-line tests share; sourced by tests/cli/test_*.sh.
# Each check counts into $passed or $failed; a script ends with
#     echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]
# Files named by the checks live in $tmp, the script's temporary directory.

passed=0 failed=0
input=

ok() { passed=$((passed + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect STATUS DESCRIPTION -- COMMAND...: runs the command with $input (if
# set, then cleared) as standard input, keeps its output in $tmp/out and
# $tmp/err, and checks its exit status.
expect() {
	local want=$1 what=$2; shift 3
	if [ -n "$input" ]; then
		printf '%s\n' "$input" | "$@" >"$tmp/out" 2>"$tmp/err"
	else
		"$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	fi
	local got=$?
	input=
	if [ "$got" -eq "$want" ]; then ok; else no "$what: exit $got, wanted $want"; cat "$tmp/out" "$tmp/err"; fi
}

# contains FILE PATTERN / lacks FILE PATTERN: grep in $tmp/FILE.
contains() { if grep -q -- "$2" "$tmp/$1"; then ok; else no "$1 lacks '$2'"; cat "$tmp/$1"; fi; }
lacks() { if grep -q -- "$2" "$tmp/$1"; then no "$1 has '$2'"; cat "$tmp/$1"; else ok; fi; }
# lines FILE N: $tmp/FILE has N lines. equals FILE TEXT: it is exactly TEXT.
lines() { local n; n=$(wc -l <"$tmp/$1"); if [ "$n" -eq "$2" ]; then ok; else no "$1 has $n lines, wanted $2"; fi; }
equals() { local got; got=$(cat "$tmp/$1"); if [ "$got" = "$2" ]; then ok; else no "$1 is '$got', wanted '$2'"; fi; }
# same A B WHAT: two files are identical.
same() { if cmp -s "$1" "$2"; then ok; else no "$3"; diff "$1" "$2" | head -5; fi; }
