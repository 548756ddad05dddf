#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/net: ping RTT of two netbridge configurations against a veth pair,
# all three links between the same two network namespaces and measured
# interleaved (200 pings at 5 ms per link and round), so that every round
# sees the same machine load. Prints each round and the median ratios.
# Used to evaluate netbridge changes (see README.md); not a test.
# Usage: rtt-compare.sh BINDIR ROUNDS "OPTIONS X" "OPTIONS Y"
#        (environment of each side's netbridge: ENV_X, ENV_Y)
BIN=${1:?usage: rtt-compare.sh BINDIR ROUNDS "OPTIONS X" "OPTIONS Y"}
ROUNDS=${2:-9}
OPTS_X=$3
OPTS_Y=$4
. "$(dirname "$0")/../../tests/apps/lib.sh"
. "$(dirname "$0")/net-lib.sh"
setup_env nb-rtt

die() { echo "rtt-compare: $*" >&2; exit 1; }

# link NAME OPTIONS ENV SUBNET: a netbridge pair nb<NAME>a <-> nb<NAME>b
link() {
	# shellcheck disable=SC2086 # OPTIONS: several options
	nb_pair "$WORK/net$1" "nb$1a" "$4.1" "nb$1b" "$4.2" "env $3" "env $3" \
		$2 || die "link $1 did not come up"
}
link x "$OPTS_X" "$ENV_X" 192.168.10
link y "$OPTS_Y" "$ENV_Y" 192.168.11
veth_pair "vr$$" || die "cannot create a veth pair"
for d in 192.168.10.2 192.168.11.2 10.199.0.2; do
	ip netns exec "$NSA" ping -c 3 -W 2 "$d" >/dev/null || die "no ping $d"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

i=0
while [ "$i" -lt "$ROUNDS" ]; do
	echo "$(rtt 10.199.0.2) $(rtt 192.168.10.2) $(rtt 192.168.11.2)"
	i=$((i + 1))
done >"$WORK/rounds"
awk '{ printf "rtt-compare: veth %.3f ms, X %.3f ms (%.2fx), " \
	"Y %.3f ms (%.2fx)\n", $1, $2, $2 / $1, $3, $3 / $1 }' "$WORK/rounds"
echo "rtt-compare: median of $ROUNDS rounds: X $(awk '{ print $2 / $1 }' \
	"$WORK/rounds" | median)x veth, Y $(awk '{ print $3 / $1 }' \
	"$WORK/rounds" | median)x veth; load average" \
	"$(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
