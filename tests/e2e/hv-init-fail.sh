# SPDX-License-Identifier: MIT
# e2e-accel: multi
# The hypervisor failing during bring-up returns cleanly: once in its
# global init (a GIC it does not support) and once in the per-CPU init of
# a CPU (no redistributor for it). Each time the error is reported, every
# CPU is back in Linux, and a correct enable works afterwards.
# e2e-timeout: 60
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
intact() {
	[ "$(cat $JH/enabled)" = 0 ] || fail "enabled after a failure"
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
	for c in 0 1 2 3; do
		[ "$(taskset -c $c echo ok)" = ok ] || fail "CPU $c"
	done
}

# GICv2 is a valid config value, but this hypervisor drives GICv3 only
cp $CELL /tmp/gicv2.cell; patch /tmp/gicv2.cell 313 '\002'
jailhouse config check /tmp/gicv2.cell
if jailhouse enable /tmp/gicv2.cell; then fail "GICv2 accepted"; fi
dmesg | tail -12 | grep -q "GIC version 2 not supported, expected 3" ||
	fail "no reason in the kernel log"
intact

# redistributors start one frame late: CPU 0 finds none
cp $CELL /tmp/gicr.cell; patch /tmp/gicr.cell 348 '\000\000\014\010'
if jailhouse enable /tmp/gicr.cell; then fail "bad GICR accepted"; fi
dmesg | tail -12 | grep -q "CPU 0: no redistributor for MPIDR" ||
	fail "no reason in the kernel log"
intact

jailhouse enable $CELL
[ "$(cat $JH/enabled)" = 1 ] || fail "enable after failures"
jailhouse disable
intact
echo "HV-INIT-FAIL-OK"
