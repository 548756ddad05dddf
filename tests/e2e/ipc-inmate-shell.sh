# SPDX-License-Identifier: MIT
# The manual's steps typed on the Linux inmate's own shell (the secondary
# terminal; ipc-inmate-shell.console types them): `ls /dev/uio0`,
# `cat /proc/interrupts | grep uio`, ivshmem-demo run on both the root and
# the inmate cell, then `ifconfig enp0s1 192.168.0.2` and a ping of the
# root's enP1p0s1 (192.168.0.3) from the inmate; the inmate turns a CPU
# off and `jailhouse cell list` shows it parked while the cell runs on.
# e2e-timeout: 240
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
hv_enable
# no modprobe: uio_ivshmem binds 0001:00:00.0 by itself (module alias)
wait_for 10 "uio_ivshmem binding 0001:00:00.0" ls /dev/uio0
ls /dev/uio0
cat /proc/interrupts | grep uio || fail "no uio interrupt line"
# ivshmem-net.ko binds 0001:00:01.0: the manual's ifconfig, verbatim
wait_for 10 "ivshmem-net's enP1p0s1" ip link show enP1p0s1
ifconfig enP1p0s1 192.168.0.3 || fail "ifconfig enP1p0s1 failed"
start_linux_demo

# demo_until PATTERN SECONDS: waits for PATTERN in the demo's output
demo_until() {
	if ! wait_secs "$2" grep -q "$1" /tmp/demo.log; then
		cat /tmp/demo.log
		grep uio /proc/interrupts
		fail "root ivshmem-demo: no '$1' in ${2}s"
	fi
}

# The root's demo waits for the inmate's (typed on the inmate's shell):
# its state write (3) and then its doorbells interrupt the root.
ivshmem-demo > /tmp/demo.log 2>&1 &
pid=$!
demo_until '^state\[2\] = 3$' 150
demo_until '^Interrupt #2$' 30
kill $pid
wait $pid || true
cat /tmp/demo.log
# "You may shutdown and start the same binary multiple times": started
# again, the root's demo sees the inmate's at once, and the inmate sees
# the root go (state 0) and come back (state 1)
expect_secondary '^state\[0\] = 0$' 30
ivshmem-demo > /tmp/demo.log 2>&1 &
pid=$!
# (uio's event count goes on: the numbers continue from the first run)
demo_until '^Interrupt #[0-9]' 30
kill $pid
wait $pid || true
cat /tmp/demo.log
[ "$(grep -m 1 '^state\[2\]' /tmp/demo.log)" = 'state[2] = 3' ] ||
	fail "restarted root demo did not see the inmate's state 3"
grep uio /proc/interrupts

# the inmate pings 192.168.0.3 three times
wait_secs 120 icmp_echos_at_least 3 ||
	fail "the inmate did not ping (echo requests: $(icmp_echos_in))"
echo "echo requests answered by the root cell: $(icmp_echos_in)"
# the inmate turned its CPU 2 off (ipc-inmate-shell.console): CPU 3 of the
# board is parked in the hypervisor, the cell is running on 1-2
parked() { [ "$(cell_list_row $CELL)" = "1 $CELL running 1-3 3" ]; }
wait_for 60 "cell list showing CPU 3 parked" parked
jailhouse cell list
[ "$(cat $JH/cells/1/cpus_parked_list)" = 3 ] ||
	fail "cpus_parked_list '$(cat $JH/cells/1/cpus_parked_list)', expected 3"
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "IPC-INMATE-SHELL-OK"
