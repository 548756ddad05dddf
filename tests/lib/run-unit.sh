#!/bin/sh
# SPDX-License-Identifier: MIT
# The unit test runner every suite goes through (tests/lib/README.md).
# Runs each ENTRY under a timeout and prints the contract lines:
#   ok NAME | not ok NAME (REASON) | ok NAME # SKIP REASON
# with a failing entry's other output after it as "#   " lines. Exits 1 if
# any entry failed, 2 on a usage error.
#
#   run-unit.sh [--timeout SECONDS] ENTRY... [--timeout SECONDS] ENTRY...
#
# ENTRY is one of (COMMAND is run by sh -c):
#   cmocka:NAME[=PREFIX]:COMMAND  cmocka tests (TAP): one line per test
#                    case, named PREFIX<case> (PREFIX defaults to NAME/),
#                    plus "not ok NAME (...)" if the binary hung, crashed
#                    or exited non-zero without naming a failed case
#   lines:NAME:COMMAND  COMMAND prints its own contract lines (result.sh);
#                    "not ok NAME (...)" if it hung, printed no result or
#                    exited non-zero without reporting a failure
#   cmd:NAME:COMMAND    one line from COMMAND's exit status: 0 passes, 77
#                    skips (the reason is its last output line), any
#                    other fails
# --timeout applies to the entries after it (default $UNIT_TIMEOUT, else
# 300 s); an entry still running then is killed and reported as
# "not ok NAME (timed out after Ns...)".
limit=${UNIT_TIMEOUT:-300}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/result.sh"
log=$(mktemp /tmp/run-unit.XXXXXX)
trap 'rm -f "$log" "$log.r"' EXIT

# run COMMAND [VAR=VALUE...]: COMMAND in that environment, output in
# $log, exit status in $rc (124: timed out)
run() {
	c=$1
	shift
	env "$@" timeout -k 5 "$limit" sh -c "$c" >"$log" 2>&1
	rc=$?
	[ $rc -eq 137 ] && rc=124
}

# details: the entry's output but its result lines, as "#   " lines
details() {
	grep -v -e '^ok ' -e '^not ok ' -e '^1\.\.[0-9]*$' "$log" |
		head -n 60 | result_detail
}

cmocka() {
	case $name in
	*=*) prefix=${name#*=}; name=${name%%=*} ;;
	*) prefix=$name/ ;;
	esac
	run "$cmd" CMOCKA_MESSAGE_OUTPUT=TAP
	sed -n -e "s|^ok [0-9]* - \(.*\)|ok $prefix\1|p" \
	       -e "s|^not ok [0-9]* # SKIP \(.*\)|ok $prefix\1 # SKIP skip() in the test|p" \
	       -e "s|^not ok [0-9]* - \(.*\)|not ok $prefix\1 (failed, see below)|p" \
		"$log" >"$log.r"
	cat "$log.r"
	bad=$(grep -c '^not ok ' "$log.r")
	RESULT_FAILED=$((RESULT_FAILED + bad))
	# TAP names a case when it ends: a hang or crash is in the next one
	last=$(sed -n 's/^ok [0-9]* - //p' "$log" | tail -n 1)
	after="the test after ${last:-the start}"
	if [ $rc -eq 124 ]; then
		result_fail "$name" "timed out after ${limit}s: $after hung"
	elif [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		result_fail "$name" "exit status $rc: $after crashed or failed"
	elif [ ! -s "$log.r" ]; then
		result_fail "$name" "exit status $rc, no test case reported"
	fi
	[ $rc -ne 0 ] || [ "$bad" -ne 0 ] && details
}

lines() {
	run "$cmd"
	grep -e '^ok ' -e '^not ok ' "$log" >"$log.r"
	cat "$log.r"
	bad=$(grep -c '^not ok ' "$log.r")
	RESULT_FAILED=$((RESULT_FAILED + bad))
	if [ $rc -eq 124 ]; then
		result_fail "$name" "timed out after ${limit}s"
	elif [ ! -s "$log.r" ]; then
		result_fail "$name" "exit status $rc before any result"
	elif [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
		result_fail "$name" "exit status $rc, no failure reported"
	fi
	[ $rc -ne 0 ] || [ "$bad" -ne 0 ] && details
}

command_entry() {
	run "$cmd"
	if [ $rc -eq 0 ]; then
		result_ok "$name"
	elif [ $rc -eq 77 ]; then
		result_skip "$name" "$(tail -n 1 "$log")"
	elif [ $rc -eq 124 ]; then
		result_fail "$name" "timed out after ${limit}s"
		details
	else
		result_fail "$name" "exit status $rc"
		details
	fi
}

[ $# -gt 0 ] || { echo "usage: run-unit.sh [--timeout S] ENTRY..." >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--timeout)
		limit=${2:?run-unit.sh: --timeout needs seconds}
		shift 2
		continue ;;
	esac
	kind=${1%%:*}
	rest=${1#*:}
	name=${rest%%:*}
	cmd=${rest#*:}
	if [ "$rest" = "$1" ] || [ "$cmd" = "$rest" ] || [ -z "$name" ]; then
		echo "run-unit.sh: '$1' is not KIND:NAME:COMMAND" >&2
		exit 2
	fi
	case $kind in
	cmocka) cmocka ;;
	lines) lines ;;
	cmd) command_entry ;;
	*) echo "run-unit.sh: unknown kind '$kind' in '$1'" \
		"(expected cmocka, lines or cmd)" >&2; exit 2 ;;
	esac
	shift
done
[ "$RESULT_FAILED" -eq 0 ]
