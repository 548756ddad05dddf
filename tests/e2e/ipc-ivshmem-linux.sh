# SPDX-License-Identifier: MIT
# The Linux inmate of the seed's Linux demo gets its side of the ivshmem
# devices (00:00.0 demo, peer 2; 00:01.0 ivshmem-net, peer 1) on its own
# virtual PCI host (domain 0), while the root cell keeps using its
# 0001:00:00.0 through uio with the Linux ivshmem-demo.
# e2e-timeout: 120
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
hv_enable
# no modprobe: uio_ivshmem binds 0001:00:00.0 by itself (module alias)
wait_for 10 "uio_ivshmem binding 0001:00:00.0" ls /dev/uio0
ls /dev/uio0
cat /proc/interrupts | grep uio || fail "no uio interrupt line"
start_linux_demo
expect_secondary 'Jailhouse Linux inmate \(.*\) on 3 CPU\(s\)' 90
[ "$(cell_state $CELL)" = running ] || fail "inmate not running"
ivshmem-demo -d /dev/uio0 -t 2 > /tmp/demo.log 2>&1 &
pid=$!
wait_for 20 "the root's ivshmem-demo ringing peer 2" \
	grep -q '^Sending interrupt 1 to peer 2$' /tmp/demo.log
kill $pid
wait $pid || true
cat /tmp/demo.log
grep -q '^ID = 0$' /tmp/demo.log || fail "root demo: no 'ID = 0'"
grep -q '^Sending interrupt 1 to peer 2$' /tmp/demo.log ||
	fail "root demo: did not ring peer 2"
[ "$(cell_state $CELL)" = running ] || fail "inmate not running after"
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "IPC-IVSHMEM-LINUX-OK"
