# SPDX-License-Identifier: MIT
# The seed's "Run Crash Test To Detect Inmate Failure": linux-demo.sh -c -b
# enables the hypervisor, starts the Linux inmate, brings up enP1p0s1 and
# runs crash-test in the background; replies come while the inmate runs.
# The inmate then dies for real (its cell destroyed: its CPUs stop) and
# crash-test prints "No response received for packet <n>"; stopped, it
# prints its summary and exits 1 (failure seen). Then the same in the
# foreground (-c) with the hypervisor already enabled.
set -e
. /e2e/lib.sh
CELL=qemu-arm64-linux-demo
LD=/usr/share/jailhouse/linux-demo.sh
LOG=/tmp/crash-bg.log

# wait_log FILE PATTERN SECONDS: waits until FILE has a line matching
# PATTERN (grep -E).
wait_log() {
	i=0
	until grep -q -E "$2" "$1" 2>/dev/null; do
		[ $i -ge $(($3 * 10)) ] && return 1
		usleep 100000
		i=$((i + 1))
	done
}

# process_gone PID SECONDS: waits until PID exited.
process_gone() {
	i=0
	while kill -0 "$1" 2>/dev/null; do
		[ $i -ge $(($2 * 10)) ] && return 1
		usleep 100000
		i=$((i + 1))
	done
}

# kill_inmate LOG: destroys the running inmate cell and checks crash-test
# (writing to LOG) notices within 3 intervals; prints the time it took.
kill_inmate() {
	[ "$(cell_state $CELL)" = running ] || fail "inmate not running"
	t0=$(date +%s)
	jailhouse cell destroy $CELL || fail "cell destroy failed"
	echo "inmate cell destroyed"
	wait_log "$1" '^No response received for packet [0-9]+$' 5 ||
		fail "crash-test did not report the dead inmate within 5 s"
	echo "crash-test noticed after $(($(date +%s) - t0)) s:" \
	     "$(grep -m1 '^No response received' "$1")"
	# and it keeps reporting while the inmate stays dead
	i=0
	while [ "$(grep -c '^No response received' "$1")" -lt 2 ]; do
		[ $i -ge 30 ] && fail "crash-test stopped reporting the outage"
		usleep 100000
		i=$((i + 1))
	done
}

echo "=== linux-demo.sh -c -b"
CRASH_OPTS=-v $LD -c -b >$LOG 2>&1 || { cat $LOG; fail "linux-demo.sh -c -b"; }
sed -n '/^linux-demo.sh/p' $LOG
pid=$(sed -n 's/.*crash-test running in the background (pid \([0-9]*\)).*/\1/p' $LOG)
[ -n "$pid" ] || { cat $LOG; fail "no crash-test pid printed"; }
kill -0 "$pid" || fail "crash-test $pid not running"
[ "$(cat "$JH/enabled")" = 1 ] || fail "hypervisor not enabled"
ip addr show enP1p0s1 | grep -q 'inet 192.168.0.3/24' ||
	fail "enP1p0s1 has no 192.168.0.3/24"
wait_log $LOG '^Response received for packet 4 ' 15 ||
	{ cat $LOG; fail "no replies from the running inmate"; }
grep '^crash-test: pinging' $LOG
grep -m 2 '^Response received for packet' $LOG
! grep -q '^No response' $LOG || { cat $LOG; fail "lost packets while running"; }
kill_inmate $LOG
kill "$pid"
process_gone "$pid" 5 || fail "crash-test ignored SIGTERM"
grep -E '^(No response|crash-test: 192.168.0.2:)' $LOG ||
	{ cat $LOG; fail "no summary after SIGTERM"; }
grep -q -E '^crash-test: 192.168.0.2: [0-9]+ sent, [0-9]+ received, [1-9][0-9]* lost, 1 outage\(s\), 0 recovery\(ies\), longest outage [2-9][0-9]* packet\(s\), peer still not responding$' $LOG ||
	fail "summary does not report the outage"

echo "=== linux-demo.sh -c (foreground, hypervisor already enabled)"
FG=/tmp/crash-fg.log
CRASH_OPTS=-v $LD -c >$FG 2>&1 &
fg=$!
wait_log $FG '^crash-test: pinging' 150 ||
	{ cat $FG; fail "foreground crash-test did not start"; }
grep -q 'hypervisor already enabled' $FG || fail "enabled it twice?"
wait_log $FG 'inmate 192.168.0.2 answers' 1 || fail "inmate not waited for"
# the script exec'd crash-test: $fg is crash-test now
wait_log $FG '^Response received for packet 2 ' 10 ||
	{ cat $FG; fail "no replies from the running inmate"; }
! grep -q '^No response' $FG || { cat $FG; fail "lost while running"; }
kill_inmate $FG
kill $fg
rc=0
wait $fg || rc=$?
cat $FG
echo "crash-test exit status: $rc"
[ $rc = 1 ] || fail "exit status $rc, expected 1 (failure seen)"
grep -q -E '^crash-test: 192.168.0.2: .* [1-9][0-9]* lost, 1 outage' $FG ||
	fail "no summary"
jailhouse disable || fail "disable failed"
echo "IPC-CRASH-TEST-OK"
