# SPDX-License-Identifier: MIT
# e2e-accel: multi
# The root cell touching a device it was not given (the hypervisor's PL011)
# gets a precise report on the hypervisor console (cell, CPU, exception
# class, address, PC) and an abort that Linux survives - no hang.
# e2e-timeout: 60
set -e
fail() { echo "FAIL: $*"; exit 1; }
modprobe jailhouse
jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
set +e
taskset -c 1 devmem 0x09000018 32
rc=$?
set -e
echo "devmem exit status: $rc"
[ $rc -ne 0 ] || fail "the access succeeded"
jailhouse console | grep 'FATAL' | tee /tmp/report
grep -q 'cell "qemu-arm64", CPU 1: access to memory not assigned' \
	/tmp/report || fail "report does not name cell and CPU"
grep -q 'read of 4 bytes at address 0x9000018' /tmp/report ||
	fail "report does not name the address"
# the hypervisor's own memory is out of reach too, and survives the try
set +e
taskset -c 2 devmem 0xdfc00000 32 0x12345678
rc=$?
set -e
[ $rc -ne 0 ] || fail "write to hypervisor memory succeeded"
jailhouse console | grep -q \
	'CPU 2: access to memory not assigned to the cell.*write of 4 bytes at address 0xdfc00000' ||
	fail "no report for the hypervisor memory write"
[ "$(cat /sys/devices/jailhouse/cells/0/state)" = running ] ||
	fail "hypervisor damaged"
# Linux is fine: all CPUs still schedule, disable works
for c in 0 1 2 3; do [ "$(taskset -c $c echo ok)" = ok ]; done
jailhouse disable
echo "HV-TRAP-OK"
