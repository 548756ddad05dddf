#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/linux-demo.sh on the host, with a stand-in `jailhouse` that records
# its arguments: every missing artifact is named, `jailhouse enable` and
# `jailhouse cell linux` are issued with the board's paths, and -c / -c -b
# run crash-test
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
cell linux $JH_DIR/cells/qemu-arm64-linux-demo.cell $KERNEL -d $JH_DIR/inmate-qemu-arm64.dtb -i $INMATE_CPIO
EOF
	diff "$WORK/expected" "$WORK/jailhouse.log"
}
check linux-demo-issues-seed-command-sequence seed_sequence

# on an AM62P5 SK (the device tree says so) the seed's AM62P files: its
# cells, its device tree, its file name for the cpio (the addresses come
# from its cell config: tests/unit/tools/cell-linux.sh)
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
cell linux $JH_DIR/cells/k3-am62p5-sk-linux-demo.cell $KERNEL -d $JH_DIR/inmate-k3-am62p5-sk.dtb -i $INMATE_CPIO
EOF
	diff "$WORK/expected" "$WORK/jailhouse.log"
}
check linux-demo-am62p5-sk-seed-sequence am62p5_sequence

unknown_board() {
	out=$(BOARD=beagleplay sh "$SCRIPT" 2>&1) && return 1
	echo "$out" | grep -q "unknown board 'beagleplay' (expected qemu-arm64, k3-am625-sk or k3-am62p5-sk)"
}
check linux-demo-refuses-unknown-board unknown_board

# INMATE_CMDLINE: the kernel command line, instead of the device tree's
cmdline() {
	rm -f "$WORK/jailhouse.log"
	INMATE_CMDLINE="console=ttyAMA0 quiet" sh "$SCRIPT" >"$WORK/out.log" \
		2>&1 || return 1
	grep -qx "cell linux .* -i $INMATE_CPIO -c console=ttyAMA0 quiet" \
		"$WORK/jailhouse.log"
}
check linux-demo-passes-inmate-cmdline cmdline

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
