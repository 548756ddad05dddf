# SPDX-License-Identifier: MIT
# e2e-accel: multi
# The seed's first step: "jailhouse enable <root cell config>" turns the
# running Linux into the root cell; sysfs, the console and the statistics
# reflect it; "jailhouse disable" gives the machine back.
# e2e-timeout: 60
set -e
. /e2e/lib.sh
modprobe jailhouse
[ "$(cat $JH/enabled)" = 0 ] || fail "enabled before enable"

jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
[ "$(cat $JH/enabled)" = 1 ] || fail "enabled is not 1 after enable"
echo "enabled: $(cat $JH/enabled)"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
[ "$(cat $JH/cells/0/name)" = qemu-arm64 ] || fail "cell name"
[ "$(cat $JH/cells/0/state)" = running ] || fail "cell state"
[ "$(cat $JH/cells/0/cpus_assigned_list)" = 0-3 ] || fail "cell CPUs"
[ "$(cat $JH/cells/0/cpus_failed_list)" = "" ] || fail "failed CPUs"
jailhouse cell list | tee /tmp/list
grep -q '^0 *qemu-arm64 *running *0-3 *$' /tmp/list || fail "cell list"
size=$(cat $JH/mem_pool_size); used=$(cat $JH/mem_pool_used)
echo "mem pool: $used/$size pages"
[ "$size" -gt 0 ] && [ "$used" -gt 0 ] && [ "$used" -lt "$size" ]

# the hypervisor console, through the driver
jailhouse console > /tmp/console.txt
cat /tmp/console.txt
grep -q "Initializing Jailhouse hypervisor" /tmp/console.txt
for c in 0 1 2 3; do grep -q " CPU $c... OK" /tmp/console.txt; done
grep -q 'Created root cell "qemu-arm64"' /tmp/console.txt
grep -q "Initializing Jailhouse hypervisor" $JH/console
# -f keeps following: a line the hypervisor prints after the reader
# started (a cell created now) shows up in the same reader
jailhouse console -f > /tmp/follow.txt &
follower=$!
wait_for 10 "console -f printing the ring" \
	grep -q 'Created root cell "qemu-arm64"' /tmp/follow.txt
! grep -q 'Created cell "inmate-demo"' /tmp/follow.txt ||
	fail "the inmate cell was in the console before it was created"
jailhouse cell create "$CELLS/qemu-arm64-inmate-demo.cell"
wait_for 10 "console -f showing a line printed after it started" \
	grep -q '^Created cell "inmate-demo"' /tmp/follow.txt
kill $follower
jailhouse cell destroy inmate-demo

# statistics: interrupts reach Linux through the hypervisor
for s in total hypercall virq vsgi; do
	v=$(cat $JH/cells/0/statistics/vmexits_$s)
	echo "vmexits_$s: $v"
	[ "$v" -gt 0 ] || fail "no $s exits counted"
done

jailhouse disable
[ "$(cat $JH/enabled)" = 0 ] || fail "enabled is not 0 after disable"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
[ ! -e $JH/cells/0 ] || fail "root cell still in sysfs"
jailhouse console | grep -q "Hypervisor shut down" || fail "console after disable"
echo "HV-ENABLE-OK"
