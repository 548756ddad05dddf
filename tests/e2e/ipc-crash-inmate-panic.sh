# SPDX-License-Identifier: MIT
# The crash the seed's crash test is for: the inmate's kernel panics
# (ipc-crash-inmate-panic.console types `echo c > /proc/sysrq-trigger` on
# the inmate's shell once it has answered 5 pings). crash-test, started by
# linux-demo.sh -c -b, prints "No response received for packet x"; the
# hypervisor and the root cell carry on; the dead cell is destroyed and
# the Linux demo started again (linux-demo.sh), and crash-test reports
# the recovery without being restarted.
# e2e-timeout: 300
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
LD=/usr/share/jailhouse/linux-demo.sh
LOG=/tmp/crash.log

# wait_log PATTERN SECONDS: waits until $LOG has a line matching PATTERN
wait_log() {
	i=0
	until grep -q -E "$1" $LOG; do
		if [ $i -ge $(($2 * 10)) ]; then
			cat $LOG
			fail "no '$1' from crash-test within $2 s"
		fi
		usleep 100000
		i=$((i + 1))
	done
}

$LD -c -b >$LOG 2>&1 || { cat $LOG; fail "linux-demo.sh -c -b"; }
pid=$(sed -n 's/.*crash-test running in the background (pid \([0-9]*\)).*/\1/p' $LOG)
[ -n "$pid" ] || { cat $LOG; fail "no crash-test pid printed"; }
wait_log '^crash-test: pinging' 10
echo "crash-test $pid watches the inmate; waiting for its kernel to crash"
wait_log '^No response received for packet [0-9]+$' 150
grep -m 1 '^No response received' $LOG
echo "the hypervisor still runs the cell: $(cell_list_row $CELL)"
[ "$(cat $JH/enabled)" = 1 ] || fail "hypervisor gone with the inmate"
kill -0 "$pid" || fail "crash-test died with the inmate"
jailhouse cell destroy $CELL || fail "cannot destroy the crashed cell"
echo "crashed cell destroyed; starting the Linux demo again"
$LD >/tmp/restart.log 2>&1 || { cat /tmp/restart.log; fail "restart"; }
wait_log 'peer recovered$' 150
grep -m 1 'peer recovered$' $LOG
kill "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
	[ $i -lt 50 ] || fail "crash-test ignored SIGTERM"
	usleep 100000
	i=$((i + 1))
done
grep '^crash-test: 192.168.0.2:' $LOG ||
	{ cat $LOG; fail "no summary after SIGTERM"; }
grep -q -E '^crash-test: 192.168.0.2: .* [1-9][0-9]* lost, 1 outage\(s\), 1 recovery\(ies\)' $LOG ||
	fail "summary does not report one outage and its recovery"
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "IPC-CRASH-INMATE-PANIC-OK"
