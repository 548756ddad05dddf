#!/bin/sh
# SPDX-License-Identifier: MIT
# libcellipc test runner (called by libcellipc/Makefile "test"). Prints one
# contract line per test, "ok <name>" or "not ok <name>", and exits
# non-zero if any failed. Arguments, run in order:
#   cmocka:<binary>          cmocka tests (TAP), one line per test case
#   lines:<command...>       prints its own ok/not ok lines; exit checked
#   cmd:<name>:<command...>  one line, from the command's exit status
# On failure the test's output is shown indented (never at column 0).
# UNIT_TIMEOUT: seconds per binary before it counts as hung
limit=${UNIT_TIMEOUT:-300}
fail=0
log=$(mktemp /tmp/cellipc-test-log.XXXXXX)

show() {
	sed -e 's/^/    /' "$log" | head -60
}

for arg in "$@"; do
	case "$arg" in
	cmocka:*)
		bin=${arg#cmocka:}
		name=$(basename "$bin")
		CMOCKA_MESSAGE_OUTPUT=TAP timeout "$limit" "$bin" >"$log" 2>&1
		rc=$?
		if [ $rc -eq 124 ]; then
			# TAP names a test when it ends: the hung one is next
			last=$(sed -n 's/^ok [0-9]* - //p' "$log" | tail -n 1)
			echo "not ok cellipc/$name # timed out after ${limit}s:" \
				"the test after ${last:-the start} hung"
		fi
		sed -n -e "s|^ok [0-9]* - \(.*\)|ok cellipc/$name/\1|p" \
		       -e "s|^not ok [0-9]* - \(.*\)|not ok cellipc/$name/\1|p" \
		       "$log"
		if [ $rc -ne 0 ] || grep -q '^not ok' "$log"; then
			fail=1
			grep -q '^not ok' "$log" || [ $rc -eq 124 ] ||
				echo "not ok cellipc/$name # exit status $rc"
			grep -v -e '^ok ' -e '^not ok ' "$log" >"$log.x"
			mv "$log.x" "$log"
			show
		fi
		;;
	lines:*)
		sh -c "${arg#lines:}" >"$log" 2>&1
		rc=$?
		grep -e '^ok ' -e '^not ok ' "$log"
		if [ $rc -ne 0 ]; then
			fail=1
			grep -q '^not ok ' "$log" ||
				echo "not ok ${arg#lines:} # exit status $rc"
			grep -v -e '^ok ' -e '^not ok ' "$log" >"$log.x"
			mv "$log.x" "$log"
			show
		fi
		;;
	cmd:*)
		rest=${arg#cmd:}
		name=${rest%%:*}
		sh -c "${rest#*:}" >"$log" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then
			echo "ok cellipc/$name"
		else
			fail=1
			echo "not ok cellipc/$name # exit status $rc"
			show
		fi
		;;
	esac
done
rm -f "$log" "$log.x"
exit $fail
