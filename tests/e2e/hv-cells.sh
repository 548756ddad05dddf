# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Cell management as the root cell sees it: the CPUs a cell takes leave
# Linux and come back on destroy; the cell's memory is out of the root
# cell's reach while it runs; refusals say why (duplicate cell, decided
# by the hypervisor and relayed by the driver, also when only the bytes
# after the name's NUL differ; unknown cell); the hypervisor pool returns to its level. (Disable with cells
# left destroys them: hv-disable-cells.)
# e2e-timeout: 60
set -e
. /e2e/lib.sh
JH=/sys/devices/jailhouse
CELLS=/usr/share/jailhouse/cells
modprobe jailhouse
jailhouse enable $CELLS/qemu-arm64.cell
pool0=$(cat $JH/mem_pool_used)

# a cell may not map the GIC: its UART region moved onto the distributor
cp $CELLS/qemu-arm64-inmate-demo.cell /tmp/gic.cell
printf '\000\000\000\010' | dd of=/tmp/gic.cell bs=1 seek=140 conv=notrunc \
	2>/dev/null
if jailhouse cell create /tmp/gic.cell; then fail "cell with the GIC"; fi
jailhouse console | grep -q 'memory region 0 (0x8000000, size 0x1000) overlaps the GIC distributor' ||
	fail "no reason for the refused cell"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back"
[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "refused cell leaked"

jailhouse cell create $CELLS/qemu-arm64-inmate-demo.cell
[ "$(cat /sys/devices/system/cpu/online)" = 0-2 ] || fail "CPU 3 still online"
jailhouse cell list | tee /tmp/list
grep -q '^0 *qemu-arm64 *running *0-2 *$' /tmp/list || fail "root cell row"
grep -q '^1 *inmate-demo *shut down *3 *$' /tmp/list || fail "new cell row"

if jailhouse cell create $CELLS/qemu-arm64-inmate-demo.cell 2>/tmp/err; then
	fail "same cell created twice"
fi
dmesg | tail -3 | grep -q 'a cell named "inmate-demo" exists' ||
	fail "no reason for the duplicate"
# the hypervisor decides (the driver relays): its console names the cell
jailhouse console | tail -3 |
	grep -qF 'cell "inmate-demo": a cell named "inmate-demo" exists (id 1)' ||
	fail "the hypervisor did not refuse the duplicate"
# names compare as strings: bytes after the NUL (offset 8 + 12) do not count
cp $CELLS/qemu-arm64-inmate-demo.cell /tmp/dup.cell
printf 'x' | dd of=/tmp/dup.cell bs=1 seek=20 conv=notrunc 2>/dev/null
if jailhouse cell create /tmp/dup.cell 2>/tmp/err; then
	fail "same name with other bytes after its NUL created"
fi
dmesg | tail -3 | grep -q 'a cell named "inmate-demo" exists' ||
	fail "no reason for the duplicate with bytes after the NUL"
[ "$(cat /sys/devices/system/cpu/online)" = 0-2 ] || fail "CPUs changed"
if jailhouse cell start nosuchcell 2>/tmp/err; then fail "unknown cell"; fi
dmesg | tail -2 | grep -q 'no cell named "nosuchcell"' || fail "unknown msg"

jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/uart-demo.bin
jailhouse cell start 1
expect_secondary '^Hello 1 from cell!' 20
[ "$(cat $JH/cells/1/state)" = running ] || fail "cell not running"
# the cell's RAM (phys 0xfff00000) is not the root cell's any more
set +e
devmem 0xfff00000 32 > /dev/null 2>&1
rc=$?
set -e
[ $rc -ne 0 ] || fail "root cell read the running cell's memory"
jailhouse console | grep -q 'CPU [0-2]: access to memory not assigned.*0xfff00000' ||
	fail "no report of the root cell's attempt"
[ "$(cat $JH/cells/1/state)" = running ] || fail "cell disturbed"
jailhouse cell stats inmate-demo | tee /tmp/stats
# uart-demo polls its UART: it may cause no exit at all; all 9 counters
[ "$(grep -c '^vmexits_[a-z]*  *[0-9][0-9]*$' /tmp/stats)" = 9 ] ||
	fail "statistics incomplete"

jailhouse cell destroy inmate-demo
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back"
[ "$(taskset -c 3 echo ok)" = ok ] || fail "CPU 3 does not run tasks"
[ ! -e $JH/cells/1 ] || fail "cell still in sysfs"
[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool pages leaked"
# the root cell has its memory back
devmem 0xfff00000 32 > /dev/null || fail "memory not returned to root"
jailhouse disable
echo "HV-CELLS-OK"
