# SPDX-License-Identifier: MIT
# The seed's Linux demo: a second Linux boots in a cell on CPUs 1-3 (its
# console on the secondary terminal) while the root cell keeps CPU 0; shut
# down and destroyed, the CPUs come back to the root cell.
# e2e-timeout: 90
set -e
. /e2e/lib.sh
CELL=qemu-arm64-linux-demo
modprobe jailhouse
jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
jailhouse cell create /usr/share/jailhouse/cells/$CELL.cell
[ "$(cat /sys/devices/system/cpu/online)" = 0 ] || fail "CPUs 1-3 online"
jailhouse cell load $CELL /usr/libexec/jailhouse/linux-loader.bin -a 0x0 \
	-s "kernel=0xe0200000 dtb=0xe0000000" -a 0x1000 \
	/boot/Image -a 0xe0200000 \
	/boot/jailhouse-inmate-qemu-arm64.rootfs.cpio -a 0xe28d4000 \
	/usr/share/jailhouse/inmate-qemu-arm64.dtb -a 0xe0000000
jailhouse cell start $CELL
# the inmate's init prints this once its boot scripts ran
expect_secondary 'Jailhouse Linux inmate \(.*\) on 3 CPU\(s\)' 80
jailhouse cell list
[ "$(cat $JH/cells/1/state)" = running ] || fail "inmate not running"
[ "$(cat $JH/cells/1/cpus_failed_list)" = "" ] || fail "inmate CPU failed"
# the root cell is still fine on its one CPU
[ "$(echo $((6 * 7)))" = 42 ]
jailhouse cell shutdown $CELL
[ "$(cat $JH/cells/1/state)" = "shut down" ] || fail "not shut down"
jailhouse cell destroy $CELL
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not back"
for c in 1 2 3; do [ "$(taskset -c $c echo ok)" = ok ] || fail "CPU $c"; done
jailhouse disable
echo "HV-LINUX-INMATE-OK"
