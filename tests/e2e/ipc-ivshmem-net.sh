# SPDX-License-Identifier: MIT
# The seed's virtual Ethernet between the root cell and the Linux inmate,
# over the hypervisor's ivshmem-net device 00:01.0 (root 0001:00:01.0 peer
# 0, inmate 0000:00:01.0 peer 1; the inmate's side comes up by itself from
# /etc/inmate.d): pings cross, the root's ivshmem-net interrupt counts.
# e2e-timeout: 120
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
hv_enable
modprobe uio_ivshmem || fail "cannot load uio_ivshmem.ko"
start_linux_demo
expect_secondary 'Jailhouse Linux inmate \(.*\) on 3 CPU\(s\)' 90
netbridge-up 0001:00:01.0 enP1p0s1 192.168.0.3/24 ||
	fail "netbridge-up on 0001:00:01.0 failed"
ok=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	if ping -c 1 -W 2 192.168.0.2 >/dev/null; then
		ok=1
		break
	fi
done
[ $ok = 1 ] || fail "the inmate 192.168.0.2 does not answer"
ping -c 5 -W 2 192.168.0.2 > /tmp/ping.log || true
cat /tmp/ping.log
grep -q ' 0% packet loss' /tmp/ping.log || fail "pings lost"
irqs=$(grep 'GICv3 129 Edge' /proc/interrupts | tr -s ' ' | cut -d' ' -f3)
echo "ivshmem-net interrupts on the root: $irqs"
[ "${irqs:-0}" -ge 5 ] || fail "too few ivshmem-net interrupts: $irqs"
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "IPC-IVSHMEM-NET-OK"
