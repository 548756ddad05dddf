#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/linux-demo.sh on the host, with a stand-in `jailhouse` that records
# its arguments: every missing artifact is named, the seed's command
# sequence is issued with the board's paths, and -c / -c -b run crash-test
# over a netbridge link between two network namespaces.
# Usage: linux-demo.sh BINDIR
BIN=${1:?usage: linux-demo.sh BINDIR}
HERE=$(cd "$(dirname "$0")" && pwd)
SCRIPT="$HERE/../../tools/linux-demo.sh"
. "$HERE/lib.sh"
setup_env apps-ld

# stand-in jailhouse: logs its command line
mkdir -p "$WORK/stub" "$WORK/jh/cells" "$WORK/sys" "$WORK/boot"
cat >"$WORK/stub/jailhouse" <<EOF
#!/bin/sh
echo "\$*" >>"$WORK/jailhouse.log"
EOF
chmod +x "$WORK/stub/jailhouse"
echo 0 >"$WORK/sys/enabled"

export JH_DIR="$WORK/jh" JAILHOUSE_DEV=/dev/null JAILHOUSE_SYSFS="$WORK/sys"
export LOADER="$WORK/linux-loader.bin" KERNEL="$WORK/boot/Image"
export INMATE_CPIO="$WORK/boot/jailhouse-inmate-qemu-arm64.rootfs.cpio"
export PATH="$WORK/stub:$BIN:$HERE/../../apps/netbridge:$PATH"
export SYSFS="$WORK/sysfs"	# netbridge-up looks for PCI devices here

names_missing() {
	for f in "$JH_DIR/cells/qemu-arm64.cell" \
		 "$JH_DIR/cells/qemu-arm64-linux-demo.cell" "$LOADER" \
		 "$KERNEL" "$INMATE_CPIO" "$JH_DIR/inmate-qemu-arm64.dtb"; do
		out=$(sh "$SCRIPT" 2>&1) && return 1
		echo "$out" | grep -q "missing .*: $f" || {
			echo "# expected '$f' in: $out"
			return 1
		}
		head -c 1000 /dev/zero >"$f"
	done
	[ ! -s "$WORK/jailhouse.log" ]
}
check linux-demo-names-each-missing-artifact names_missing

seed_sequence() {
	rm -f "$WORK/jailhouse.log"
	sh "$SCRIPT" >"$WORK/out.log" 2>&1 || return 1
	cat >"$WORK/expected" <<EOF
enable $JH_DIR/cells/qemu-arm64.cell
cell create $JH_DIR/cells/qemu-arm64-linux-demo.cell
cell load qemu-arm64-linux-demo $LOADER -a 0x0 -s kernel=0xe0200000 dtb=0xe0000000 -a 0x1000 $KERNEL -a 0xe0200000 $INMATE_CPIO -a 0xe28d4000 $JH_DIR/inmate-qemu-arm64.dtb -a 0xe0000000
cell start qemu-arm64-linux-demo
EOF
	diff "$WORK/expected" "$WORK/jailhouse.log"
}
check linux-demo-issues-seed-command-sequence seed_sequence

# on an AM62P5 SK (the device tree says so) the seed's AM62P sequence:
# its cells, its device tree, its addresses; its file name for the cpio
am62p5_sequence() {
	printf 'ti,am62p5-sk\0ti,am62p5\0' >"$WORK/compatible"
	for f in k3-am62p5-sk k3-am62p5-sk-linux-demo; do
		head -c 1000 /dev/zero >"$JH_DIR/cells/$f.cell"
	done
	head -c 1000 /dev/zero >"$JH_DIR/inmate-k3-am62p5-sk.dtb"
	out=$(env -u INMATE_CPIO DT_COMPATIBLE="$WORK/compatible" \
		sh "$SCRIPT" 2>&1) && return 1
	echo "$out" | grep -q "missing inmate root file system: /boot/tisdk-jailhouse-inmate-am62pxx-evm.rootfs.cpio" ||
		{ echo "# $out"; return 1; }
	rm -f "$WORK/jailhouse.log"
	DT_COMPATIBLE="$WORK/compatible" sh "$SCRIPT" >"$WORK/out.log" 2>&1 ||
		return 1
	cat >"$WORK/expected" <<EOF
enable $JH_DIR/cells/k3-am62p5-sk.cell
cell create $JH_DIR/cells/k3-am62p5-sk-linux-demo.cell
cell load k3-am62p5-sk-linux-demo $LOADER -a 0x0 -s kernel=0x9e0200000 dtb=0x9e0000000 -a 0x1000 $KERNEL -a 0x9e0200000 $INMATE_CPIO -a 0x9e28d4000 $JH_DIR/inmate-k3-am62p5-sk.dtb -a 0x9e0000000
cell start k3-am62p5-sk-linux-demo
EOF
	diff "$WORK/expected" "$WORK/jailhouse.log"
}
check linux-demo-am62p5-sk-seed-sequence am62p5_sequence

unknown_board() {
	out=$(BOARD=beagleplay sh "$SCRIPT" 2>&1) && return 1
	echo "$out" | grep -q "unknown board 'beagleplay' (expected qemu-arm64, k3-am625-sk or k3-am62p5-sk)"
}
check linux-demo-refuses-unknown-board unknown_board

# an initramfs larger than the device tree's window would be cut off
big_initramfs() {
	cp "$INMATE_CPIO" "$WORK/cpio.saved"
	head -c 19000000 /dev/zero >"$INMATE_CPIO"
	rm -f "$WORK/jailhouse.log"
	out=$(sh "$SCRIPT" 2>&1)
	st=$?
	cp "$WORK/cpio.saved" "$INMATE_CPIO"
	[ $st -ne 0 ] && [ ! -s "$WORK/jailhouse.log" ] &&
		echo "$out" | grep -q "$INMATE_CPIO is 19000000 bytes, more than the 18874368"
}
check linux-demo-refuses-initramfs-larger-than-dtb-window big_initramfs

# the script's default window is the one every inmate device tree gives
window_matches_dts() {
	win=$(sed -n 's/^INITRD_WINDOW=${INITRD_WINDOW:-\(0x[0-9a-f]*\)}$/\1/p' "$SCRIPT")
	[ -n "$win" ] || return 1
	for dts in "$HERE"/../../configs/arm64/dts/inmate-*.dts; do
		start=$(sed -n 's/.*linux,initrd-start = <0x[0-9a-f]* \(0x[0-9a-f]*\)>;/\1/p' "$dts")
		end=$(sed -n 's/.*linux,initrd-end = <0x[0-9a-f]* \(0x[0-9a-f]*\)>;/\1/p' "$dts")
		echo "# $(basename "$dts"): window $start..$end, script $win"
		[ -n "$start" ] && [ -n "$end" ] &&
			[ $((end - start)) -eq $((win)) ] || return 1
	done
}
check linux-demo-initramfs-window-matches-inmate-dts window_matches_dts

overlap() {
	head -c 50000000 /dev/zero >"$WORK/big"
	out=$(KERNEL="$WORK/big" sh "$SCRIPT" 2>&1) && return 1
	echo "$out" | grep -q "overlaps the initramfs"
}
check linux-demo-refuses-kernel-overlapping-initramfs overlap

# a small Image whose header says it needs 48 MiB once running (BSS)
overlap_bss() {
	{ head -c 16 /dev/zero; printf '\000\000\000\003\000\000\000\000'
	  head -c 1000 /dev/zero; } >"$WORK/bss"
	out=$(KERNEL="$WORK/bss" sh "$SCRIPT" 2>&1) && return 1
	echo "$out" | grep -q "50331648 bytes.*overlaps the initramfs"
}
check linux-demo-uses-image-size-from-header overlap_bss

out=$(sh "$SCRIPT" -b 2>&1)
st=$?
check linux-demo-b-needs-c sh -c "[ $st -ne 0 ] &&
	echo '$out' | grep -q 'use it with -c'"

# netbridge-up: a cell without the device, a device of another kind
nb_up_no_device() {
	out=$(netbridge-up 0001:00:01.0 enP1p0s1 192.168.0.3/24) &&
		echo "$out" | grep -q 'no PCI device 0001:00:01.0'
}
check netbridge-up-without-device-is-fine nb_up_no_device
nb_up_wrong_device() {
	d="$SYSFS/bus/pci/devices/0001:00:01.0"
	mkdir -p "$d"
	echo 0x8086 >"$d/vendor"
	echo 0x100e >"$d/device"
	echo 0x020000 >"$d/class"
	out=$(netbridge-up 0001:00:01.0 enP1p0s1 192.168.0.3/24 2>&1) &&
		return 1
	rm -rf "$SYSFS"
	echo "$out" | grep -q 'not an ivshmem-net device.*0x8086 0x100e'
}
check netbridge-up-refuses-other-device nb_up_wrong_device

# -c: crash-test over the virtual Ethernet link (netbridge over sim)
bg "$WORK/a.log" ip netns exec "$NSA" "$BIN/netbridge" -d "sim:$WORK/net" \
	--create --id 0 -u
bg "$WORK/b.log" ip netns exec "$NSB" "$BIN/netbridge" -d "sim:$WORK/net" \
	--create --id 1 -u
wait_for 10 ip -n "$NSB" link show enp0s1 &&
	ip -n "$NSB" addr add 192.168.0.2/24 dev enp0s1
wait_for 10 ip -n "$NSA" link show enP1p0s1

ip netns exec "$NSA" env CRASH_COUNT=3 CRASH_INTERVAL=200 \
	INMATE_BOOT_TIMEOUT=20 sh "$SCRIPT" -c >"$WORK/c.log" 2>&1
st=$?
check linux-demo-c-runs-crash-test sh -c "[ $st -eq 0 ] &&
	grep -q '3 sent, 3 received, 0 lost' $WORK/c.log"
check linux-demo-c-configures-root-address \
	sh -c "ip -n $NSA addr show enP1p0s1 | grep -q 'inet 192.168.0.3/24'"

ip netns exec "$NSA" env CRASH_COUNT=3 CRASH_INTERVAL=200 \
	INMATE_BOOT_TIMEOUT=20 sh "$SCRIPT" -c -b >"$WORK/cb.log" 2>&1
st=$?
check linux-demo-c-b-runs-crash-test-in-background sh -c "[ $st -eq 0 ] &&
	grep -q 'crash-test running in the background' $WORK/cb.log"
check linux-demo-c-b-crash-test-reports wait_for 10 in_log "$WORK/cb.log" \
	'3 sent, 3 received, 0 lost'

[ "$FAILED" -ne 0 ] && cat "$WORK/c.log" "$WORK/cb.log" >&2
exit $((FAILED != 0))
