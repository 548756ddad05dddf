# SPDX-License-Identifier: MIT
# bench/net: what bench.sh and rtt-compare.sh share (sourced after
# tests/apps/lib.sh, which sets up $NSA and $NSB).

# veth_pair NAME: a veth pair NAMEa ($NSA, 10.199.0.1) <-> NAMEb ($NSB,
# 10.199.0.2) with netbridge's MTU, the baseline of every comparison
veth_pair() {
	ip link add "$1a" netns "$NSA" type veth peer name "$1b" \
		netns "$NSB" || return 1
	ip -n "$NSA" link set "$1a" mtu 16384 up &&
		ip -n "$NSB" link set "$1b" mtu 16384 up &&
		ip -n "$NSA" addr add 10.199.0.1/24 dev "$1a" &&
		ip -n "$NSB" addr add 10.199.0.2/24 dev "$1b"
}

# rtt DST: median RTT in ms of 200 pings from $NSA (the machine may be
# shared: the median ignores the scheduling outliers an average would
# amplify)
rtt() {
	ip netns exec "$NSA" ping -c 200 -i 0.005 -W 2 "$1" 2>/dev/null |
		sed -n 's/.* time=\([0-9.]*\) ms$/\1/p' | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
