# SPDX-License-Identifier: MIT
# e2e-accel: multi
# `jailhouse disable` with cells left, as the published tool and driver do
# it: the driver destroys every non-root cell (running or not), the tool
# prints which ones, then the hypervisor goes; their CPUs are Linux's
# again. A disable with no cell left prints none.
# e2e-timeout: 90
set -e
. /e2e/lib.sh

# disabled_ok OUT: the hypervisor is gone and every CPU is Linux's
disabled_ok() {
	[ "$(cat $JH/enabled 2>/dev/null || echo gone)" != 1 ] ||
		fail "still enabled after disable: $(cat "$1")"
	[ ! -e $JH/cells/1 ] || fail "cell 1 still in sysfs after disable"
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] ||
		fail "online CPUs $(cat /sys/devices/system/cpu/online), expected 0-3"
	[ "$(taskset -c 3 echo ok)" = ok ] || fail "CPU 3 does not run tasks"
}

# a running cell
hv_enable
run_inmate uart-demo.bin
expect_secondary '^Hello 1 from cell!' 20
[ "$(cell_state inmate-demo)" = running ] || fail "cell not running"
dmesg -c > /dev/null
jailhouse disable > /tmp/out 2>&1 || { cat /tmp/out; fail "disable with a running cell"; }
cat /tmp/out
grep -qx 'Destroyed cell "inmate-demo" (id 1)' /tmp/out ||
	fail "disable did not say it destroyed inmate-demo"
dmesg | grep -q 'disable: destroying cell "inmate-demo" (id 1)' ||
	fail "the driver did not log the teardown"
disabled_ok /tmp/out
echo "DISABLED-RUNNING-CELL"

# a cell created but never started
hv_enable
jailhouse cell create "$CELLS/qemu-arm64-inmate-demo.cell"
[ "$(cell_state inmate-demo)" = "shut down" ] || fail "new cell not shut down"
jailhouse disable > /tmp/out 2>&1 || { cat /tmp/out; fail "disable with a stopped cell"; }
grep -qx 'Destroyed cell "inmate-demo" (id 1)' /tmp/out ||
	fail "disable did not name the stopped cell: $(cat /tmp/out)"
disabled_ok /tmp/out
echo "DISABLED-STOPPED-CELL"

# no cell: nothing to report
hv_enable
jailhouse disable > /tmp/out 2>&1 || { cat /tmp/out; fail "plain disable"; }
! grep -q 'Destroyed' /tmp/out || fail "plain disable reported a cell: $(cat /tmp/out)"
disabled_ok /tmp/out
echo "HV-DISABLE-CELLS-OK"
