#!/bin/sh
# SPDX-License-Identifier: MIT
# Self-test of the unit runner (tests/lib/run-unit.sh): broken tests on
# purpose must come out as failures (or skips) naming them, and the six
# suites that print results must go through the runner. One ok/not ok line
# per check; run by tests/run-all.
# Usage: unit-harness.sh TOP
set -u
top=${1:?usage: unit-harness.sh TOP}
here=$top/tests/selftest
run=$top/tests/lib/run-unit.sh
out=$top/build/test-logs/unit-harness
mkdir -p "$out"
. "$top/tests/lib/result.sh"

# expect NAME STATUS LOG LINE...: the runner exited STATUS and printed
# every LINE (a fixed string, a whole line) into LOG
expect() {
	name=$1 want=$2 log=$3 rc=$4
	shift 4
	if [ "$rc" -ne "$want" ]; then
		result_fail "$name" "runner exit status $rc, expected $want;" \
			"see ${log#"$top"/}"
		return
	fi
	for line in "$@"; do
		if ! grep -qxF -- "$line" "$log"; then
			result_fail "$name" "no line '$line' in ${log#"$top"/}"
			return
		fi
	done
	result_ok "$name"
}

for f in hung-unit failing-unit; do
	if ! gcc -o "$out/$f" "$here/$f.c" -lcmocka >"$out/$f.build" 2>&1; then
		result_fail "unit-harness-builds-$f" \
			"cannot build tests/selftest/$f.c"
		exit 1
	fi
done

UNIT_TIMEOUT=2 sh "$run" "cmocka:selftest/hung-unit:$out/hung-unit" \
	>"$out/hung.log" 2>&1
expect unit-harness-stops-a-hung-test 1 "$out/hung.log" $? \
	"ok selftest/hung-unit/test_finishes" \
	"not ok selftest/hung-unit (timed out after 2s: the test after test_finishes hung)"

sh "$run" --timeout 2 "cmd:selftest/hung-command:tail -f /dev/null" \
	>"$out/hung-cmd.log" 2>&1
expect unit-harness-stops-a-hung-command 1 "$out/hung-cmd.log" $? \
	"not ok selftest/hung-command (timed out after 2s)"

sh "$run" "cmocka:selftest/failing-unit:$out/failing-unit" \
	>"$out/failing.log" 2>&1
expect unit-harness-reports-a-failing-test 1 "$out/failing.log" $? \
	"ok selftest/failing-unit/test_passes" \
	"not ok selftest/failing-unit/test_fails (failed, see below)" \
	"ok selftest/failing-unit/test_skipped # SKIP skip() in the test"

sh "$run" "cmd:selftest/skips:echo 'no frobnicator on this host'; exit 77" \
	"cmd:selftest/passes:true" >"$out/skip.log" 2>&1
expect unit-harness-skips-with-a-reason 0 "$out/skip.log" $? \
	"ok selftest/skips # SKIP no frobnicator on this host" \
	"ok selftest/passes"

sh "$run" "lines:selftest/dead-runner:echo 'set -u abort' >&2; exit 2" \
	"cmd:selftest/after-it:true" >"$out/dead.log" 2>&1
expect unit-harness-catches-a-dead-runner 1 "$out/dead.log" $? \
	"not ok selftest/dead-runner (exit status 2 before any result)" \
	"#   set -u abort" "ok selftest/after-it"

# the six suites: each hands its tests to the runner (or prints through
# result.sh) and prints no result line of its own
bad=
for f in tests/unit/hypervisor/Makefile libcellipc/Makefile \
	 inmates/Makefile tests/unit/inmates/run tests/apps/run.sh \
	 configs/Makefile tests/unit/board/Makefile; do
	grep -qE 'lib/(run-unit|result)\.sh' "$top/$f" ||
		bad="$bad $f does not use tests/lib;"
	grep -nE "(echo|printf)[^#]*[\"' ]not ok" "$top/$f" >/dev/null &&
		bad="$bad $f prints its own 'not ok';"
done
if [ -n "$bad" ]; then
	result_fail unit-suites-use-the-runner "$bad"
else
	result_ok unit-suites-use-the-runner
fi
[ "$RESULT_FAILED" -eq 0 ]
