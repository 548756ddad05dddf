#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/net: netbridge (ivshmem-net over the sim backend) against a veth
# pair between the same two network namespaces, in the same run.
# Prints ping RTT and TCP throughput (iperf3) and their ratios.
# Goals: RTT <= 2x veth, throughput >= 50% of veth. Not a test: it never
# fails on a missed goal, only on a broken setup.
# Usage: [NB_OPTS="netbridge options"] bench.sh BINDIR [SECONDS]
BIN=${1:?usage: bench.sh BINDIR [SECONDS]}
SECS=${2:-5}
. "$(dirname "$0")/../../tests/apps/lib.sh"
. "$(dirname "$0")/net-lib.sh"
setup_env apps-bench

die() { echo "bench-net: $*" >&2; exit 1; }

# netbridge link: 192.168.0.3 (A, enP1p0s1) <-> 192.168.0.2 (B, enp0s1)
# shellcheck disable=SC2086 # NB_OPTS: several options
nb_pair "$WORK/net" enP1p0s1 192.168.0.3 enp0s1 192.168.0.2 "" "" $NB_OPTS ||
	die "netbridge link did not come up"

# veth baseline: 10.199.0.1 (A) <-> 10.199.0.2 (B), same MTU
veth_pair "vb$$" || die "cannot create a veth pair"

# tput DST: TCP throughput in Mbit/s (receiver side)
tput() {
	ip netns exec "$NSB" iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
	srv=$!
	wait_for 5 sh -c "ip netns exec $NSB ss -ltn | grep -q :5201"
	ip netns exec "$NSA" iperf3 -c "$1" -p 5201 -t "$SECS" -f m 2>/dev/null |
		awk '/receiver/ { for (i = 1; i < NF; i++)
			if ($(i + 1) == "Mbits/sec") v = $i } END { print v }'
	wait "$srv" 2>/dev/null
}

ip netns exec "$NSA" ping -c 3 -W 2 192.168.0.2 >/dev/null ||
	die "no ping over netbridge"
ip netns exec "$NSA" ping -c 3 -W 2 10.199.0.2 >/dev/null ||
	die "no ping over veth"

# interleaved, best of two: both paths see the same machine load
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 > b + 0) ? a : b }'; }
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? a : b }'; }
rv=$(rtt 10.199.0.2)
rn=$(rtt 192.168.0.2)
rv=$(least "$rv" "$(rtt 10.199.0.2)")
rn=$(least "$rn" "$(rtt 192.168.0.2)")
tv=$(tput 10.199.0.2)
tn=$(tput 192.168.0.2)
tv=$(best "$tv" "$(tput 10.199.0.2)")
tn=$(best "$tn" "$(tput 192.168.0.2)")
load=$(cut -d' ' -f1 /proc/loadavg)
[ -n "$rv" ] && [ -n "$rn" ] && [ -n "$tv" ] && [ -n "$tn" ] ||
	die "measurement failed (rtt '$rv' '$rn', throughput '$tv' '$tn')"

# The same with --busy-poll: each netbridge spins on a CPU of its own, as
# in a cell that owns its CPUs. Started only now, so that the figures
# above ran on an otherwise idle machine; veth is measured again while
# they spin and the lower (harder) veth RTT is the baseline.
rb= tb=
if [ "$(nproc)" -ge 2 ]; then
	nb_pair "$WORK/poll" nbpolla 192.168.1.3 nbpollb 192.168.1.2 \
		"taskset -c 0" "taskset -c 1" --busy-poll ||
		die "busy-polling netbridge link did not come up"
	pa=$NB_PID_A pb=$NB_PID_B
	ip netns exec "$NSA" ping -c 3 -W 2 192.168.1.2 >/dev/null ||
		die "no ping over the busy-polling netbridges"
	rb=$(rtt 192.168.1.2)
	rv=$(least "$rv" "$(rtt 10.199.0.2)")
	rb=$(least "$rb" "$(rtt 192.168.1.2)")
	tb=$(tput 192.168.1.2)
	tb=$(best "$tb" "$(tput 192.168.1.2)")
	kill -TERM "$pa" "$pb"
	wait_exit 5 "$pa"
	wait_exit 5 "$pb"
	[ -n "$rb" ] && [ -n "$tb" ] ||
		die "busy-poll measurement failed (rtt '$rb', throughput '$tb')"
fi

# what a process wake-up costs here: a netbridge round trip takes three
wake=
if [ -x "$BIN/wakeup" ] && [ "$(nproc)" -ge 2 ]; then
	wake="$("$BIN/wakeup" 0 0) us same CPU, $("$BIN/wakeup" 0 1) us across CPUs"
fi

awk -v rv="$rv" -v rn="$rn" -v tv="$tv" -v tn="$tn" -v load="$load" \
    -v rb="$rb" -v tb="$tb" -v cpus="$(nproc)" 'BEGIN {
	printf "bench-net: load average %s on %d CPUs during the run\n", \
	       load, cpus
	printf "bench-net: ping RTT median: veth %.3f ms, netbridge %.3f ms: " \
	       "%.2fx veth (goal <= 2x) %s\n", rv, rn, rn / rv,
	       ((rn / rv <= 2) ? "met" : "MISSED")
	printf "bench-net: TCP throughput: veth %.0f Mbit/s, netbridge " \
	       "%.0f Mbit/s: %.0f%% of veth (goal >= 50%%) %s\n", tv, tn,
	       100 * tn / tv, ((tn / tv >= 0.5) ? "met" : "MISSED")
	if (rb != "")
		printf "bench-net: with --busy-poll (2 CPUs spinning): RTT " \
		       "%.3f ms: %.2fx veth (goal <= 2x) %s; TCP %.0f " \
		       "Mbit/s: %.0f%% of veth (goal >= 50%%) %s\n", rb,
		       rb / rv, ((rb / rv <= 2) ? "met" : "MISSED"), tb,
		       100 * tb / tv, ((tb / tv >= 0.5) ? "met" : "MISSED")
}'
[ -n "$wake" ] && echo "bench-net: process wake-up (median, one-way): $wake"
exit 0
