#!/bin/sh
# SPDX-License-Identifier: MIT
# netbridge on the host: two instances over the sim backend, one per
# network namespace, named as on the board (enP1p0s1 root, enp0s1 inmate).
# Ping both ways, a TCP transfer with a verified checksum, link down/up
# when one side restarts, SIGUSR1 counters, SIGTERM, daemon mode, and a
# hostile peer writing garbage into its output section.
# Usage: netbridge.sh BINDIR
BIN=${1:?usage: netbridge.sh BINDIR}
. "$(dirname "$0")/lib.sh"
setup_env apps-nb

SIM="sim:$WORK/net"
IPA=192.168.0.3
IPB=192.168.0.2

start_a() {
	bg "$WORK/a.log" ip netns exec "$NSA" "$BIN/netbridge" -d "$SIM" \
		--create --id 0 -u -v
	PIDA=$BGPID
}
start_b() {
	bg "$WORK/b.log" ip netns exec "$NSB" "$BIN/netbridge" -d "$SIM" \
		--create --id 1 -u -v
	PIDB=$BGPID
}
addr_b() {
	wait_for 10 ip -n "$NSB" link show enp0s1 &&
		ip -n "$NSB" addr add "$IPB/24" dev enp0s1
}

start_a
wait_for 10 ip -n "$NSA" link show enP1p0s1 &&
	ip -n "$NSA" addr add "$IPA/24" dev enP1p0s1
start_b
addr_b

check netbridge-names-from-pci sh -c "{ ip -n $NSA link show enP1p0s1 &&
	ip -n $NSB link show enp0s1; } >/dev/null"
check netbridge-mtu-16384 \
	sh -c "ip -n $NSA link show enP1p0s1 | grep -q 'mtu 16384'"
check netbridge-carrier-up \
	wait_for 20 sh -c "ip -n $NSA link show enP1p0s1 | grep -q LOWER_UP &&
		ip -n $NSB link show enp0s1 | grep -q LOWER_UP"

ping_ab() {
	ip netns exec "$NSA" ping -c 3 -i 0.2 -W 3 "$IPB" >"$WORK/ping.log" 2>&1
}
ping_ba() {
	ip netns exec "$NSB" ping -c 3 -i 0.2 -W 3 "$IPA" >>"$WORK/ping.log" 2>&1
}
check netbridge-ping-root-to-inmate wait_for 10 ping_ab
check netbridge-ping-inmate-to-root ping_ba
check netbridge-ping-large-frames sh -c "ip netns exec $NSA ping -c 2 \
	-s 16000 -M do -W 3 $IPB >/dev/null"

# TCP: 16 MiB of random data across, checksum compared
check netbridge-tcp-16MiB-checksum tcp_transfer "$NSA" "$NSB" "$IPB" 16 \
	5001 60

# an idle link costs no CPU: busy polling after traffic stops by itself
# (3 s idle; allowed: 3 ticks, i.e. 1% of a CPU, for the idle-poll timer)
idle_no_cpu() {
	ip netns exec "$NSA" ping -c 50 -i 0.002 -W 1 "$IPB" >/dev/null 2>&1
	# pacing: let the last replies settle before the window starts
	sleep 0.5
	a0=$(cpu_ticks "$PIDA") b0=$(cpu_ticks "$PIDB")
	# pacing: the measurement window itself
	sleep 3
	a1=$(cpu_ticks "$PIDA") b1=$(cpu_ticks "$PIDB")
	echo "# idle 3 s: $((a1 - a0)) and $((b1 - b0)) ticks of" \
		"$(getconf CLK_TCK)/s"
	[ $((a1 - a0)) -le 3 ] && [ $((b1 - b0)) -le 3 ]
}
check netbridge-idle-uses-no-cpu idle_no_cpu

# counters on demand
kill -USR1 "$PIDA"
check netbridge-counters-on-sigusr1 wait_for 5 sh -c \
	"grep 'stats:' $WORK/a.log | grep -q 'tx_frames=[1-9]'"

# stats_now PID LOG: ask for counters, wait for the new line
stats_now() {
	n=$(grep -c 'stats:' "$2")
	kill -USR1 "$1"
	wait_for 5 sh -c "[ \$(grep -c 'stats:' $2) -gt $n ]"
}

# event-index suppression: while the receiver sleeps (stopped), a burst of
# frames costs the sender at most one doorbell. The receiver is stopped
# before the baseline: it cannot re-arm its event index, so the one doorbell
# falls before or after the baseline, never twice (a frame in flight at the
# stop used to ring a second one after the baseline).
burst_one_doorbell() {
	kill -STOP "$PIDB"
	# pacing: a frame in flight at the stop lands before the baseline
	sleep 0.2
	stats_now "$PIDA" "$WORK/a.log"
	f0=$(stat_of "$WORK/a.log" tx_frames)
	d0=$(stat_of "$WORK/a.log" doorbells)
	ip netns exec "$NSA" ping -c 20 -i 0.01 -W 1 "$IPB" >/dev/null 2>&1
	stats_now "$PIDA" "$WORK/a.log"
	kill -CONT "$PIDB"
	f1=$(stat_of "$WORK/a.log" tx_frames)
	d1=$(stat_of "$WORK/a.log" doorbells)
	echo "# burst: $((f1 - f0)) frames, $((d1 - d0)) doorbell(s)"
	[ $((f1 - f0)) -ge 20 ] && [ $((d1 - d0)) -le 1 ]
}
check netbridge-burst-costs-one-doorbell burst_one_doorbell

mac_b() { ip -n "$NSB" link show enp0s1 | awk '/link\/ether/ { print $2 }'; }
MAC1=$(mac_b)

# the inmate side restarts: link goes down, comes back, A keeps running
kill -TERM "$PIDB"
EXITSTATUS=
wait_exit 10 "$PIDB"
check netbridge-sigterm-clean-exit test "$EXITSTATUS" = 0
check netbridge-stats-at-exit in_log "$WORK/b.log" 'stats:.*rx_frames=[1-9]'
check netbridge-link-down-on-peer-exit wait_for 10 no_carrier "$NSA" enP1p0s1
start_b
addr_b
check netbridge-link-up-after-peer-restart wait_for 20 carrier "$NSA" enP1p0s1
check netbridge-ping-after-peer-restart wait_for 10 ping_ab
check netbridge-survivor-not-restarted alive "$PIDA"
check netbridge-mac-stable-across-restart test "$MAC1" = "$(mac_b)"

# a crash (SIGKILL) of the root side: the inmate side follows
kill -KILL "$PIDA"
wait_exit 5 "$PIDA"
check netbridge-link-down-on-peer-crash wait_for 10 no_carrier "$NSB" enp0s1
start_a
wait_for 10 ip -n "$NSA" link show enP1p0s1 &&
	ip -n "$NSA" addr add "$IPA/24" dev enP1p0s1
check netbridge-ping-after-peer-crash wait_for 20 ping_ba

# daemon mode with a pid file
kill -TERM "$PIDB"
wait_exit 10 "$PIDB"
ip netns exec "$NSB" "$BIN/netbridge" -d "$SIM" --id 1 -u -D \
	-p "$WORK/b.pid" -l "$WORK/bd.log"
st=$?
DPID=$(cat "$WORK/b.pid" 2>/dev/null)
[ -n "$DPID" ] && PIDLIST="$PIDLIST $DPID"
check netbridge-daemon-starts sh -c "[ $st -eq 0 ] && kill -0 ${DPID:-0}"
addr_b
check netbridge-daemon-ping wait_for 20 ping_ab
[ -n "$DPID" ] && kill -TERM "$DPID"
check netbridge-daemon-stops wait_for 10 sh -c "! kill -0 ${DPID:-0}"
check netbridge-daemon-removes-pidfile wait_for 5 test ! -e "$WORK/b.pid"

# setup errors are reported, not hidden
ip netns exec "$NSB" "$BIN/netbridge" -d "sim:$WORK/none" --id 1 \
	>"$WORK/err.log" 2>&1
st=$?
check netbridge-error-names-device sh -c \
	"[ $st -ne 0 ] && grep -q 'cannot open ivshmem device' $WORK/err.log"
ip netns exec "$NSB" "$BIN/netbridge" -d "$SIM" --id 1 -m 10 \
	>"$WORK/err.log" 2>&1
st=$?
check netbridge-error-bad-mtu sh -c \
	"[ $st -ne 0 ] && grep -q 'MTU 10 out of range' $WORK/err.log"

ip netns exec "$NSB" "$BIN/netbridge" -d "$SIM" --id 1 -a 01:00:00:00:00:01 \
	>"$WORK/err.log" 2>&1
st=$?
check netbridge-error-bad-mac sh -c \
	"[ $st -ne 0 ] && grep -q 'invalid MAC address' $WORK/err.log"

# hostile peer: garbage in its output section, netbridge drops and counts
wait_for 5 sh -c "! ip -n $NSB link show enp0s1"
"$BIN/hostile-peer" "$SIM" 1 6 >"$WORK/hostile.log" 2>&1 &
HPID=$!
PIDLIST="$PIDLIST $HPID"
# traffic from A towards the hostile peer meanwhile
ip netns exec "$NSA" ping -c 20 -i 0.2 -W 1 "$IPB" >/dev/null 2>&1 &
wait_exit 30 "$HPID"
check netbridge-hostile-peer-survived alive "$PIDA"
stats_now "$PIDA" "$WORK/a.log"
drops=$(stat_of "$WORK/a.log" rx_drops)
rerr=$(stat_of "$WORK/a.log" ring_errors)
check netbridge-hostile-frames-dropped-and-counted \
	test $((${drops:-0} + ${rerr:-0})) -gt 0
# the link recovers once a sane peer comes back
start_b
addr_b
check netbridge-recovers-after-hostile-peer wait_for 20 ping_ab

kill -TERM "$PIDA" "$PIDB"
wait_exit 10 "$PIDA"
wait_exit 10 "$PIDB"

# --busy-poll on both sides: traffic flows, and neither side rings the
# other (each tells its peer through the event index not to), apart from
# the first frame after the link came up
busy_poll_no_doorbells() {
	nb_pair "$WORK/poll" nbpolla 192.168.7.1 nbpollb 192.168.7.2 "" "" \
		--busy-poll || return 1
	PPA=$NB_PID_A PPB=$NB_PID_B
	la=$WORK/nbpolla.log lb=$WORK/nbpollb.log
	ip netns exec "$NSA" ping -c 50 -i 0.01 -W 2 192.168.7.2 \
		>"$WORK/pping.log" 2>&1 || return 1
	stats_now "$PPA" "$la" && stats_now "$PPB" "$lb" || return 1
	echo "# busy-poll: A sent $(stat_of "$la" tx_frames) frames with" \
		"$(stat_of "$la" doorbells) doorbell(s), B" \
		"$(stat_of "$lb" tx_frames) with $(stat_of "$lb" doorbells)"
	[ "$(stat_of "$la" tx_frames)" -ge 50 ] &&
		[ "$(stat_of "$lb" tx_frames)" -ge 50 ] &&
		[ "$(stat_of "$la" doorbells)" -le 1 ] &&
		[ "$(stat_of "$lb" doorbells)" -le 1 ]
}
check netbridge-busy-poll-needs-no-doorbells busy_poll_no_doorbells
# a spinning loop still hears SIGTERM, and stops cleanly
busy_poll_sigterm() {
	kill -TERM "$PPA" "$PPB"
	wait_exit 5 "$PPA" && [ "$EXITSTATUS" = 0 ] &&
		wait_exit 5 "$PPB" && [ "$EXITSTATUS" = 0 ] &&
		grep -q 'Terminated received, shutting down' "$WORK/nbpolla.log"
}
check netbridge-busy-poll-stops-on-sigterm busy_poll_sigterm
# a flapping peer: every link change counted exactly, a few printed
FLAPS=200
FL=$WORK/nbflap.log
bg "$FL" ip netns exec "$NSA" "$BIN/netbridge" -d "sim:$WORK/flap" --create \
	--id 0 -u -i nbflap
FPID=$BGPID
wait_for 10 ip -n "$NSA" link show nbflap
t0=$(date +%s)
bg "$WORK/flap-peer.log" "$BIN/scripted-peer" states "sim:$WORK/flap" 1 \
	"$FLAPS"
SPID=$BGPID
check netbridge-flapping-peer-flapped wait_for 60 in_log \
	"$WORK/flap-peer.log" "states done: $FLAPS"
secs=$(($(date +%s) - t0))
kill -TERM "$FPID"
wait_exit 10 "$FPID"
kill -TERM "$SPID"
changes=$(stat_of "$FL" link_changes)
lines=$(grep -cE 'nbflap: link (up|down)' "$FL")
supp=$(sed -n 's/.*nbflap: \([0-9]*\) similar link message(s) suppressed.*/\1/p' \
	"$FL" | awk '{ n += $1 } END { print n + 0 }')
echo "# flapping: ${changes:-?} link changes in $secs s, $lines printed," \
	"$supp suppressed"
# a round netbridge sees only as RESET then RUN without its carrier ever
# coming up (the peer resets again first) changes nothing: at least one
# change per four rounds, and every change either printed or counted
check netbridge-flapping-counted-exactly test "${changes:-0}" -ge \
	$((FLAPS / 4)) -a $((lines + supp)) -eq "${changes:-0}"
check netbridge-flapping-lines-limited test "$lines" -le \
	$((10 * (secs / 10 + 1)))
check netbridge-flapping-says-suppressed in_log "$FL" \
	'nbflap: [0-9]+ similar link message\(s\) suppressed \(peer 1 flapping\)'

if [ "$FAILED" -ne 0 ]; then
	echo "# netbridge logs kept in $WORK" >&2
	KEEP=1
	tail -n 20 "$WORK/a.log" "$WORK/b.log" "$FL" >&2
fi
exit $((FAILED != 0))
