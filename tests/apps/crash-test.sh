#!/bin/sh
# SPDX-License-Identifier: MIT
# crash-test on the host.
#  ICMP mode: pings the "inmate" namespace over netbridge (sim backend);
#  the inmate's netbridge is killed (no reply: "No response received for
#  packet x") and restarted (recovery reported); summary and exit status.
#  Heartbeat mode: two crash-test -H peers on a sim device; the watched
#  one is killed (reported within two heartbeat periods), restarted
#  (recovery), stopped with SIGSTOP (hung: no heartbeat) and continued.
# Usage: crash-test.sh BINDIR
BIN=${1:?usage: crash-test.sh BINDIR}
. "$(dirname "$0")/lib.sh"
setup_env apps-ct

SIM="sim:$WORK/net"
start_a() {
	bg "$WORK/a.log" ip netns exec "$NSA" "$BIN/netbridge" -d "$SIM" \
		--create --id 0 -u
	PIDA=$BGPID
	wait_for 10 ip -n "$NSA" link show enP1p0s1 &&
		ip -n "$NSA" addr add 192.168.0.3/24 dev enP1p0s1
}
start_b() {
	bg "$WORK/b.log" ip netns exec "$NSB" "$BIN/netbridge" -d "$SIM" \
		--create --id 1 -u
	PIDB=$BGPID
	wait_for 10 ip -n "$NSB" link show enp0s1 &&
		ip -n "$NSB" addr add 192.168.0.2/24 dev enp0s1
}

# ---- ICMP mode ------------------------------------------------------
start_a
start_b
wait_for 20 carrier "$NSA" enP1p0s1
ip netns exec "$NSA" ping -c 1 -W 5 192.168.0.2 >/dev/null 2>&1

CT="$WORK/ct.log"
bg "$CT" ip netns exec "$NSA" "$BIN/crash-test" -i 300 -I enP1p0s1 -v \
	192.168.0.2
PIDC=$BGPID
check crash-test-icmp-replies wait_for 10 in_log "$CT" \
	'Response received for packet [0-9]+'
kill -KILL "$PIDB"
check crash-test-icmp-reports-missing-reply wait_for 10 in_log "$CT" \
	'^No response received for packet [0-9]+$'
start_b
check crash-test-icmp-reports-recovery wait_for 30 in_log "$CT" \
	'Response received again for packet [0-9]+ after [0-9]+ lost'
kill -TERM "$PIDC"
EXITSTATUS=
wait_exit 10 "$PIDC"
check crash-test-icmp-exit-status-1-after-failure test "$EXITSTATUS" = 1
check crash-test-icmp-summary in_log "$CT" \
	'192.168.0.2: [0-9]+ sent, [0-9]+ received, [1-9][0-9]* lost, 1 outage'

# a healthy peer: all answered, exit status 0 (500 ms per reply: a 100 ms
# deadline was once missed on a loaded 2-core machine)
ip netns exec "$NSA" "$BIN/crash-test" -q -i 500 -c 5 192.168.0.2 \
	>"$WORK/ct2.log" 2>&1
st=$?
check crash-test-icmp-healthy-exit-0 sh -c "[ $st -eq 0 ] &&
	grep -q '5 sent, 5 received, 0 lost' $WORK/ct2.log"
"$BIN/crash-test" -i 100 -W 500 192.168.0.2 >"$WORK/ct3.log" 2>&1
st=$?
check crash-test-usage-error-exit-2 sh -c "[ $st -eq 2 ] &&
	grep -q 'must not exceed the interval' $WORK/ct3.log"
kill -TERM "$PIDA" "$PIDB"

# ---- heartbeat mode -------------------------------------------------
HB="sim:$WORK/hb"
PERIOD=1000
start_watcher() {
	bg "$WORK/w.log" "$BIN/crash-test" -H -d "$HB" --create --id 0 \
		-i "$PERIOD"
	PIDW=$BGPID
}
start_peer() {
	bg "$WORK/p.log" "$BIN/crash-test" -H -d "$HB" --create --id 1 \
		-i "$PERIOD" -q
	PIDP=$BGPID
}
start_watcher
start_peer
check crash-test-heartbeat-peer-alive wait_for 10 in_log "$WORK/w.log" \
	'Peer 1 alive'

# killed: reported within two heartbeat periods (polled every 0.1 s)
kill -KILL "$PIDP"
check crash-test-heartbeat-dead-within-2-periods \
	wait_for $((2 * PERIOD / 1000)) in_log "$WORK/w.log" 'Peer 1 failed'
wait_for 5 in_log "$WORK/w.log" 'Peer 1 failed'
start_peer
check crash-test-heartbeat-recovery wait_for 10 in_log "$WORK/w.log" \
	'Peer 1 recovered'

# hung: no heartbeat while stopped, recovered when continued
kill -STOP "$PIDP"
check crash-test-heartbeat-hung-detected wait_for 10 sh -c \
	"grep -c 'Peer 1 failed' $WORK/w.log | grep -qx 2 &&
	 grep -q 'no heartbeat for' $WORK/w.log"
kill -CONT "$PIDP"
check crash-test-heartbeat-hung-recovery wait_for 10 sh -c \
	"grep -c 'Peer 1 recovered' $WORK/w.log | grep -qx 2"

kill -TERM "$PIDW"
EXITSTATUS=
wait_exit 10 "$PIDW"
check crash-test-heartbeat-exit-status-1 test "$EXITSTATUS" = 1
check crash-test-heartbeat-summary in_log "$WORK/w.log" \
	'2 failure\(s\), 2 recovery\(ies\)'
kill -TERM "$PIDP"
wait_exit 10 "$PIDP"

if [ "$FAILED" -ne 0 ]; then
	KEEP=1
	echo "# crash-test logs kept in $WORK" >&2
	cat "$WORK/w.log" "$CT" >&2
fi
exit $((FAILED != 0))
