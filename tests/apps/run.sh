#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the apps' tests: cmocka unit tests (ASan/UBSan, and TSan for the
# ring engine in two threads), then the host scenarios in network
# namespaces (netbridge, crash-test, ivshmem-demo). One line per test,
# "ok NAME" or "not ok NAME"; exit status 1 if any failed.
# Usage: run.sh BINDIR (host build of apps/, see apps/Makefile)
BIN=${1:?usage: run.sh BINDIR}
HERE=$(cd "$(dirname "$0")" && pwd)
LOGS=$(mktemp -d /tmp/apps-tests.XXXXXX)
failed=0

# unit TEST_BINARY PREFIX: one result line per cmocka test
unit() {
	log="$LOGS/$2.log"
	timeout "${UNIT_TIMEOUT:-300}" "$1" >"$log" 2>&1
	st=$?
	[ "$st" -eq 124 ] && echo "not ok $2 # timed out after" \
		"${UNIT_TIMEOUT:-300}s: a test hung"
	sed -n -e "s/^\[       OK \] \(test_.*\)/ok $2-\1/p" \
		-e "s/^\[  FAILED  \] \(test_[a-z0-9_]*\)$/not ok $2-\1/p" \
		"$log" | sort -u
	if [ "$st" -ne 0 ]; then
		echo "not ok $2 # exit status $st, log follows" 
		sed 's/^/# /' "$log" | tail -30
		failed=1
	fi
}

unit "$BIN/test_ivnet" unit-ivnet
unit "$BIN/test_ivnet_tsan" unit-ivnet-tsan
unit "$BIN/test_common" unit-apps-common
unit "$BIN/test_gro" unit-gro

# scenario:timeout (s); the sum stays under the contract's 3 minutes
for t in netbridge:70 netbridge-forward:30 crash-test:60 ivshmem-demo:20 \
	 linux-demo:20; do
	limit=${t#*:}
	t=${t%:*}
	timeout "$limit" sh "$HERE/$t.sh" "$BIN" || {
		st=$?
		[ "$st" -eq 124 ] &&
			echo "not ok $t-scenario # timed out after $limit s"
		failed=1
	}
done
rm -rf "$LOGS"
exit "$failed"
