#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the apps' tests: cmocka unit tests (ASan/UBSan, and TSan for the
# ring engine in two threads), then the host scenarios in network
# namespaces (netbridge, crash-test, ivshmem-demo). One line per test,
# "ok NAME" or "not ok NAME (reason)" (tests/lib/run-unit.sh, which runs
# each under its timeout); exit status 1 if any failed.
# Usage: run.sh BINDIR (host build of apps/, see apps/Makefile)
BIN=${1:?usage: run.sh BINDIR}
HERE=$(cd "$(dirname "$0")" && pwd)

# one timeout per entry: UNIT_TIMEOUT (300 s) for the unit tests, each
# scenario its own; the sum stays under the contract's 3 minutes
exec sh "$HERE/../lib/run-unit.sh" \
	"cmocka:unit-ivnet=unit-ivnet-:$BIN/test_ivnet" \
	"cmocka:unit-ivnet-tsan=unit-ivnet-tsan-:$BIN/test_ivnet_tsan" \
	"cmocka:unit-apps-common=unit-apps-common-:$BIN/test_common" \
	"cmocka:unit-gro=unit-gro-:$BIN/test_gro" \
	--timeout 70 "lines:netbridge-scenario:sh $HERE/netbridge.sh $BIN" \
	--timeout 30 "lines:netbridge-forward-scenario:sh $HERE/netbridge-forward.sh $BIN" \
	--timeout 60 "lines:crash-test-scenario:sh $HERE/crash-test.sh $BIN" \
	--timeout 20 "lines:ivshmem-demo-scenario:sh $HERE/ivshmem-demo.sh $BIN" \
	--timeout 20 "lines:linux-demo-scenario:sh $HERE/linux-demo.sh $BIN"
