# SPDX-License-Identifier: MIT
# e2e-accel: multi
# The seed's Linux demo: a second Linux boots in a cell on CPUs 1-3 (its
# console on the secondary terminal) while the root cell keeps CPU 0; shut
# down and destroyed, the CPUs come back to the root cell. Booted with
# `jailhouse cell linux`, a command line of its own (-c) and an initramfs
# larger than the 18 MiB window the inmate device tree gives.
# e2e-timeout: 90
set -e
. /e2e/lib.sh
CELL=qemu-arm64-linux-demo
modprobe jailhouse
jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
# -w prints what the one command does: create, load at the cell config's
# addresses, start
jailhouse cell linux -w /tmp/params.dtb /usr/share/jailhouse/cells/$CELL.cell \
	/boot/Image -d /usr/share/jailhouse/inmate-qemu-arm64.dtb \
	-i /boot/jailhouse-inmate-qemu-arm64.rootfs.cpio > /tmp/params.txt ||
	fail "jailhouse cell linux -w failed"
cat /tmp/params.txt
grep -q 'kernel=0xe0200000 dtb=0xe0000000 initrd-size=' /tmp/params.txt ||
	fail "cell linux -w: not the cell's addresses"
[ ! -e $JH/cells/1 ] || fail "cell linux -w created a cell"
# an initramfs larger than the 18 MiB window the device tree once gave:
# the archive, then 16 MiB of zero padding (the kernel skips it)
cp /boot/jailhouse-inmate-qemu-arm64.rootfs.cpio /tmp/big.cpio
head -c 16777216 /dev/zero >> /tmp/big.cpio
size=$(wc -c < /tmp/big.cpio)
[ "$size" -gt $((0x1200000)) ] || fail "big.cpio only $size bytes"
echo "initramfs: $size bytes"
jailhouse cell linux /usr/share/jailhouse/cells/$CELL.cell /boot/Image \
	-d /usr/share/jailhouse/inmate-qemu-arm64.dtb -i /tmp/big.cpio \
	-c "console=ttyAMA0 earlycon=pl011,0x09000000 rdinit=/init e2e=big-initrd" ||
	fail "jailhouse cell linux failed"
rm -f /tmp/big.cpio
[ "$(cat /sys/devices/system/cpu/online)" = 0 ] || fail "CPUs 1-3 online"
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
