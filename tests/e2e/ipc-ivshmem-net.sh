# SPDX-License-Identifier: MIT
# The seed's "Running Ethernet Demo" verbatim, then every pairing of the
# two implementations of the ivshmem-net wire protocol in one boot: the
# kernel driver (ivshmem-net.ko, binds by itself) and netbridge (user
# space, netbridge-up takes the device from the driver). Device 00:01.0:
# root 0001:00:01.0 peer 0 (enP1p0s1), inmate 0000:00:01.0 peer 1 (enp0s1).
# The inmate's half is typed on its shell (ipc-ivshmem-net.console).
# After the first transfers a UDP flood fills the root driver's ring: its
# queue stops and must come back (the later phases need the link).
#   1 driver/driver      2 netbridge(root)/driver(inmate)
#   3 netbridge/netbridge 4 driver(root)/netbridge(inmate)
# each with a ping and a TCP transfer both ways, checked by md5sum: root
# -> inmate 16 MiB from tcpblast (64 KiB writes), inmate -> root 4x /bin/busybox (the same file
# in both cells) with busybox nc.
# e2e-timeout: 300
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
PCI=0001:00:01.0
DATA=/tmp/data
RATES=/tmp/rates

drv_of() {
	basename "$(readlink "/sys/bus/pci/devices/$1/driver")" 2>/dev/null
}

# uptime in centiseconds
now_cs() {
	tr -d . < /proc/uptime | cut -d' ' -f1
}

# rate LABEL T0 BYTES: kB/s of BYTES since T0 (centiseconds)
rate() {
	t=$(($(now_cs) - $2))
	[ $t -gt 0 ] || t=1
	echo "$1: $3 bytes in $((t / 100)).$((t % 100 / 10)) s," \
	     "$(($3 * 100 / t / 1000)) kB/s" | tee -a $RATES
}

# link_up: the inmate answers pings
link_up() {
	ping -c 1 -W 2 192.168.0.2 >/dev/null
}

# root -> inmate: 16 MiB of 'Z' in 64 KiB writes, which fill the ring
send_to() {
	/usr/libexec/jailhouse-tests/tcpblast send 192.168.0.2 "$1" 16
}

# xfer PHASE: root -> inmate on port 5000+2*PHASE-1 (the inmate's nc
# prints XFER-<port> <md5>), then inmate -> root on 5000+2*PHASE (the
# root's listener writes /tmp/rx-<port>)
xfer() {
	out=$((5000 + 2 * $1 - 1))
	in=$((out + 1))
	wait_for 60 "phase $1: the inmate answering pings" link_up
	t0=$(now_cs)
	wait_for 60 "phase $1: sending to the inmate's port $out" send_to $out
	expect_secondary "^XFER-$out $md5_out" 60
	rate "phase $1 ($2) root -> inmate" $t0 $size_out
	t0=$(now_cs)
	expect_secondary "^SENT-$in" 120
	wait_for 20 "phase $1: the root's listener on $in" \
		grep -q . /tmp/rx-$in
	[ "$(cut -d' ' -f1 /tmp/rx-$in)" = "$md5" ] ||
		fail "phase $1: inmate -> root data differ: $(cat /tmp/rx-$in)"
	rate "phase $1 ($2) inmate -> root" $t0 $size
}

cat /bin/busybox /bin/busybox /bin/busybox /bin/busybox > $DATA
size=$(wc -c < $DATA)
md5=$(md5sum $DATA | cut -d' ' -f1)
size_out=16777216
md5_out=$(dd if=/dev/zero bs=65536 count=256 2>/dev/null | tr '\0' Z |
	md5sum | cut -d' ' -f1)
# busybox nc ends at its stdin's EOF: keep the listeners' stdin open
for port in 5002 5004 5006 5008; do
	tail -f /dev/null | nc -l -p $port | md5sum > /tmp/rx-$port &
done

# the manual's lines, nothing loaded by hand
hv_enable
wait_for 10 "uio_ivshmem on 0001:00:00.0" ls /dev/uio0
ls /dev/uio0
cat /proc/interrupts | grep uio || fail "no uio interrupt"
wait_for 10 "ivshmem-net on $PCI" test "$(drv_of $PCI)" = ivshmem-net
ifconfig enP1p0s1 192.168.0.3 || fail "ifconfig enP1p0s1 failed"
start_linux_demo
expect_secondary 'Jailhouse Linux inmate \(.*\) on 3 CPU\(s\)' 90
wait_for 60 "the inmate 192.168.0.2 answering" link_up
ping -c 5 192.168.0.2 > /tmp/ping.log || true
cat /tmp/ping.log
grep -q ' 0% packet loss' /tmp/ping.log || fail "pings lost"
grep enP1p0s1 /proc/interrupts || fail "no enP1p0s1 interrupt line"
expect_secondary '3 packets transmitted, 3 packets received' 60
xfer 1 "driver/driver"
# a UDP flood fills the ring: the queue stops, and must come back. To
# the broadcast address: no ICMP answer from the inmate wakes us up.
/usr/libexec/jailhouse-tests/tcpblast udp 192.168.0.255 9 32 ||
	fail "UDP flood towards the inmate failed"
wait_for 30 "the link after the UDP flood" link_up
# ethtool -S's statistics (ethstats: busybox has no ethtool)
/usr/libexec/jailhouse-tests/ethstats enP1p0s1 > /tmp/stats ||
	fail "no ethtool statistics on enP1p0s1"
cat /tmp/stats
stat() {
	sed -n "s/^$1 //p" /tmp/stats
}
[ "$(stat driver)" = "ivshmem-net bus $PCI" ] || fail "ethtool: driver"
[ "$(stat state)" = 3 ] && [ "$(stat peer_state)" = 3 ] ||
	fail "ethtool: states $(stat state)/$(stat peer_state), expected 3/3"
[ "$(stat rx_bad_desc)" = 0 ] && [ "$(stat ring_errors)" = 0 ] ||
	fail "ethtool: bad descriptors or ring errors from a sane peer"
# the flood filled the ring: the queue stopped (and came back: pings)
[ "$(stat tx_ring_full)" -gt 0 ] ||
	fail "ethtool: the ring never filled (tx_ring_full 0)"
[ "$(stat rx_bytes)" -ge "$size" ] && [ "$(stat interrupts)" -gt 0 ] &&
	[ "$(stat doorbells)" -gt 0 ] || fail "ethtool: no traffic counted"

echo "=== phase 2: netbridge in the root, the driver in the inmate"
netbridge-up $PCI enP1p0s1 192.168.0.3/24 || fail "netbridge-up failed"
[ "$(drv_of $PCI)" = uio_ivshmem ] || fail "$PCI not given to uio_ivshmem"
xfer 2 "netbridge/driver"

echo "=== phase 3: netbridge on both sides"
expect_secondary '^netbridge-up: enp0s1 192.168.0.2/24' 60
xfer 3 "netbridge/netbridge"

echo "=== phase 4: the driver in the root again, netbridge in the inmate"
kill "$(cat /run/netbridge-enP1p0s1.pid)"
wait_for 10 "netbridge gone" sh -c '! ip link show enP1p0s1'
echo $PCI > /sys/bus/pci/drivers/uio_ivshmem/unbind
echo $PCI > /sys/bus/pci/drivers/ivshmem-net/bind ||
	fail "cannot bind $PCI to ivshmem-net again"
ifconfig enP1p0s1 192.168.0.3 || fail "ifconfig enP1p0s1 failed"
xfer 4 "driver/netbridge"

echo "=== rmmod ivshmem_net while a transfer runs"
tx0=$(cat /sys/class/net/enP1p0s1/statistics/tx_bytes)
nc_pid=
n=0
# (re)connect until 4 MB more went out: the inmate's nc -l comes up
until [ -n "$nc_pid" ] && kill -0 "$nc_pid" 2>/dev/null &&
      [ "$(cat /sys/class/net/enP1p0s1/statistics/tx_bytes)" -gt \
	$((tx0 + 4000000)) ]; do
	if [ -z "$nc_pid" ] || ! kill -0 "$nc_pid" 2>/dev/null; then
		nc 192.168.0.2 5009 < /dev/zero &
		nc_pid=$!
	fi
	[ $n -lt 600 ] || fail "no traffic towards the inmate's port 5009"
	usleep 100000
	n=$((n + 1))
done
rmmod ivshmem_net || fail "rmmod ivshmem_net failed"
kill "$nc_pid" 2>/dev/null || true
! ip link show enP1p0s1 2>/dev/null || fail "enP1p0s1 still there"
[ -z "$(drv_of $PCI)" ] || fail "$PCI still bound to $(drv_of $PCI)"
if dmesg | grep -E 'BUG:|Oops|WARNING:|Call trace|refcount'; then
	fail "the kernel complained about the rmmod"
fi
echo "rmmod with traffic running: clean"

cat $RATES
grep -E 'enP1p0s1|uio' /proc/interrupts
dmesg | grep -i -E 'ivshmem-net|enP1p0s1' | tail -20
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "IPC-IVSHMEM-NET-OK"
