# SPDX-License-Identifier: MIT
# The manual's "Running Shared Memory Demo": ivshmem v2 device 00:00.0
# between the root cell (peer 0, Linux ivshmem-demo on /dev/uio0) and the
# bare-metal ivshmem-demo cell (peer 1). Both sides ring each other's
# doorbell; the interrupts must arrive on both sides.
set -e
. /e2e/lib.sh
hv_enable
ls /sys/bus/pci/devices/0001:00:00.0 >/dev/null ||
	fail "no virtual PCI device 0001:00:00.0 after enable"
# no modprobe: uio_ivshmem binds 0001:00:00.0 by itself (module alias)
wait_for 10 "uio_ivshmem binding 0001:00:00.0" ls /dev/uio0
ls /dev/uio0
cat /proc/interrupts | grep uio || fail "no uio interrupt line"
[ -e /dev/uio0 ] || fail "no /dev/uio0 for 0001:00:00.0"
for m in /sys/class/uio/uio0/maps/map*; do
	echo "uio0 $(basename $m): $(cat $m/name) size $(cat $m/size)"
done
jailhouse cell create "$CELLS/qemu-arm64-ivshmem-inmate-demo.cell" ||
	fail "cell create failed"
# the inmate rings peer 0 (the root), the root rings peer 1 (the inmate)
jailhouse cell load ivshmem-demo "$INMATES/ivshmem-demo.bin" \
	-s "target=0" -a 0x1000 ||
	fail "cell load failed"
jailhouse cell start ivshmem-demo || fail "cell start failed"
expect_secondary '^Maximum peers = 3$' 20
ivshmem-demo -d /dev/uio0 > /tmp/demo.log 2>&1 &
pid=$!
wait_for 20 "the root demo's first doorbell" \
	grep -q '^Sending interrupt' /tmp/demo.log
uio_irqs() { grep uio /proc/interrupts | tr -s ' ' | cut -d' ' -f3-6; }
sum() { s=0; for v in $1; do s=$((s + v)); done; echo $s; }
before=$(uio_irqs)
uio_irqs_above() { [ "$(sum "$(uio_irqs)")" -gt "$1" ]; }
# the inmate answers each doorbell: the root's uio count must rise
wait_for 20 "the inmate's interrupts reaching the root" \
	uio_irqs_above "$(sum "$before")"
expect_secondary '^Interrupt #2' 20
after=$(uio_irqs)
kill $pid
wait $pid || true
cat /tmp/demo.log
grep uio /proc/interrupts
echo "uio interrupts: $(sum "$before") -> $(sum "$after")"
[ "$(sum "$after")" -gt "$(sum "$before")" ] ||
	fail "the uio interrupt count did not rise"
grep -q '^ID = 0$' /tmp/demo.log || fail "root demo: no 'ID = 0'"
grep -q '^Maximum peers = 3$' /tmp/demo.log || fail "root: no max peers 3"
grep -q '^Sending interrupt' /tmp/demo.log || fail "root: sent nothing"
grep -q '^Interrupt #[0-9]' /tmp/demo.log || fail "root: no interrupt"
[ "$(cell_state ivshmem-demo)" = running ] || fail "cell not running"
jailhouse cell destroy ivshmem-demo || fail "cell destroy failed"
# disable with uio_ivshmem still bound: the host goes, the device with it
jailhouse disable || fail "disable failed"
[ ! -e /sys/bus/pci/devices/0001:00:00.0 ] ||
	fail "virtual PCI device still present after disable"
[ ! -e /dev/uio0 ] || fail "/dev/uio0 still present after disable"
echo "virtual PCI host gone"
# and back on the next enable
jailhouse enable "$CELLS/qemu-arm64.cell" || fail "second enable failed"
[ -e /dev/uio0 ] || fail "no /dev/uio0 after the second enable"
jailhouse disable || fail "second disable failed"
echo "second enable/disable with the virtual PCI host done"
