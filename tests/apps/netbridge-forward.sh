#!/bin/sh
# SPDX-License-Identifier: MIT
# netbridge when the root cell forwards the inmate's traffic: namespace B
# (inmate, enp0s1) reaches namespace C through namespace A (root cell,
# enP1p0s1 + a veth towards C, IP forwarding on). A's veth has checksum
# offload off, so the kernel must complete in software the partial
# checksums of the coalesced TCP packets netbridge hands to A's stack, and
# C verifies them: a wrong pseudo-header sum loses the transfer.
# Usage: netbridge-forward.sh BINDIR
BIN=${1:?usage: netbridge-forward.sh BINDIR}
. "$(dirname "$0")/lib.sh"
setup_env apps-fw
NSC="apps-fw-c-$$"
ip netns add "$NSC" || exit 1
NSLIST="$NSLIST $NSC"
ip -n "$NSC" link set lo up

if ! command -v ethtool >/dev/null 2>&1; then
	notok netbridge-forward-setup "ethtool missing (platform/deps.sh)"
	exit 1
fi

bg "$WORK/a.log" ip netns exec "$NSA" "$BIN/netbridge" -d "sim:$WORK/net" \
	--create --id 0 -u
PIDA=$BGPID
bg "$WORK/b.log" ip netns exec "$NSB" "$BIN/netbridge" -d "sim:$WORK/net" \
	--create --id 1 -u
PIDB=$BGPID
wait_for 10 ip -n "$NSA" link show enP1p0s1 &&
	ip -n "$NSA" addr add 192.168.0.3/24 dev enP1p0s1
wait_for 10 ip -n "$NSB" link show enp0s1 &&
	ip -n "$NSB" addr add 192.168.0.2/24 dev enp0s1
ip -n "$NSB" route add default via 192.168.0.3

ip link add "fw$$a" netns "$NSA" type veth peer name "fw$$c" netns "$NSC"
ip -n "$NSA" addr add 10.77.0.1/24 dev "fw$$a"
ip -n "$NSC" addr add 10.77.0.2/24 dev "fw$$c"
ip -n "$NSA" link set "fw$$a" up
ip -n "$NSC" link set "fw$$c" up
ip -n "$NSC" route add 192.168.0.0/24 via 10.77.0.1
ip netns exec "$NSA" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$NSA" ethtool -K "fw$$a" tx off >/dev/null 2>&1

check netbridge-forward-ping wait_for 20 sh -c \
	"ip netns exec $NSB ping -c 1 -W 2 10.77.0.2 >/dev/null"

# 8 MiB over TCP each way, checksum compared
check netbridge-forward-tcp-inmate-to-outside \
	tcp_transfer "$NSB" "$NSC" 10.77.0.2 8 5002 15
check netbridge-forward-tcp-outside-to-inmate \
	tcp_transfer "$NSC" "$NSB" 192.168.0.2 8 5002 15

# the coalescing did happen on the root side (fewer writes than frames)
kill -USR1 "$PIDA"
wait_for 5 in_log "$WORK/a.log" 'stats:'
rx=$(stat_of "$WORK/a.log" rx_frames)
sw=$(stat_of "$WORK/a.log" stack_writes)
echo "# root side: $rx frames from the inmate, $sw writes to the stack"
check netbridge-forward-coalesced test "${sw:-0}" -lt "${rx:-0}"
# and C saw no checksum errors
errs=$(ip netns exec "$NSC" cat /proc/net/snmp |
	awk '/^Tcp:/ { if (h) print $NF; h = 1 }')
check netbridge-forward-no-checksum-errors test "${errs:-1}" -eq 0

kill -TERM "$PIDA" "$PIDB"
wait_exit 10 "$PIDA"
wait_exit 10 "$PIDB"
exit $((FAILED != 0))
