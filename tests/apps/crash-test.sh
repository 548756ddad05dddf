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

# ---- a peer that sends once, then goes quiet --------------------------
# crash-test uses no messages: it must drop them and sleep, not spin on
# an unread one (cellipc_timeout_ms() stays 0 while a message is queued).
HB2="sim:$WORK/hb2"
bg "$WORK/w2.log" "$BIN/crash-test" -H -d "$HB2" --create --id 0 -i 500
PIDW2=$BGPID
bg "$WORK/s.log" "$BIN/scripted-peer" send-once "$HB2" 1
PIDS=$BGPID
check crash-test-peer-sent-a-message wait_for 10 in_log "$WORK/s.log" \
	'send-once done: 1'
check crash-test-says-it-discards-messages wait_for 10 in_log \
	"$WORK/w2.log" 'Peer 1 sends messages; crash-test does not use them'
check crash-test-idle-after-a-message idle_for "$PIDW2" 2 20
kill -TERM "$PIDS"
wait_exit 10 "$PIDS"
check crash-test-idle-after-the-sender-closed idle_for "$PIDW2" 2 20
kill -TERM "$PIDW2"
wait_exit 10 "$PIDW2"
check crash-test-summary-counts-discarded in_log "$WORK/w2.log" \
	'1 message\(s\) of peer 1 discarded'

# ---- a flapping peer: counted exactly, printed with a limit ------------
HB3="sim:$WORK/hb3"
FLAPS=300
bg "$WORK/w3.log" "$BIN/crash-test" -H -q -d "$HB3" --create --id 0 -i 500
PIDW3=$BGPID
bg "$WORK/f.log" "$BIN/scripted-peer" flap "$HB3" 1 "$FLAPS"
PIDF=$BGPID
check crash-test-flapping-peer-flapped wait_for 60 in_log "$WORK/f.log" \
	"flap done: $FLAPS"
kill -TERM "$PIDW3"
wait_exit 10 "$PIDW3"
kill -TERM "$PIDF"
wait_exit 10 "$PIDF"
summary=$(grep 'crash-test: watched' "$WORK/w3.log")
fails=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failure(s).*/\1/p')
recs=$(echo "$summary" | sed -n 's/.* \([0-9]*\) recovery(ies).*/\1/p')
secs=$(echo "$summary" | sed -n 's/.* for \([0-9]*\)\.[0-9] s:.*/\1/p')
lines=$(grep -cE '^Peer 1 (failed|recovered)' "$WORK/w3.log")
supp=$(sed -n 's/^Peer 1: \([0-9]*\) similar message(s) suppressed$/\1/p' \
	"$WORK/w3.log" | awk '{ n += $1 } END { print n + 0 }')
echo "# flapping: $fails failures, $recs recoveries in ${secs:-?} s;" \
	"$lines lines printed, $supp suppressed"
check crash-test-flapping-counted-exactly test \
	"${fails:-0}" -ge 100 -a $((lines + supp)) -eq $((${fails:-0} + ${recs:-0}))
check crash-test-flapping-lines-limited test \
	"$lines" -le $((10 * (${secs:-0} / 10 + 1)))
check crash-test-flapping-says-suppressed in_log "$WORK/w3.log" \
	'^Peer 1: [0-9]+ similar message\(s\) suppressed$'

if [ "$FAILED" -ne 0 ]; then
	KEEP=1
	echo "# crash-test logs kept in $WORK" >&2
	tail -n 40 "$WORK/w.log" "$CT" "$WORK/w2.log" "$WORK/w3.log" >&2
fi
exit $((FAILED != 0))
