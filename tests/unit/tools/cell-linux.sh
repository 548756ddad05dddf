#!/bin/sh
# SPDX-License-Identifier: MIT
# `jailhouse cell linux` on the host (tools/Makefile `test`): -w writes the
# cell's device tree (/chosen bootargs, linux,initrd-start/end, /memory
# from the cell's loadable RAM) and prints the load commands with
# addresses from the cell config; an initramfs larger than the old 18 MiB
# window fits; a kernel or initramfs too big for the cell's RAM, a config
# without loadable RAM, a missing file, a missing -d and a wrong -a are
# refused with messages naming them. One ok/not ok line each.
# Usage: cell-linux.sh TOP OUT
set -u
top=${1:?usage}; out=${2:?usage}
jh=$out/jailhouse-host
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok tools/cell_linux_$1"; }
nok() { echo "not ok tools/cell_linux_$1 # $2"; fail=1; }
cd "$tmp" || exit 1

# a cell config: RAM_START RAM_SIZE LOADABLE_FLAG -> NAME.cell
cell() {
	cat > "$1.c" <<EOF
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>
struct {
	struct jailhouse_cell_desc cell;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[3];
} __attribute__((packed)) config = {
	.cell = {
		.signature = JAILHOUSE_CELL_DESC_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = "$1",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 3,
	},
	.cpus = { 0x8 },
	.mem_regions = {
		{ .phys_start = 0xffff0000, .virt_start = 0, .size = 0x10000,
		  .flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
			   JAILHOUSE_MEM_EXECUTE | $4 },
		{ .phys_start = $2, .virt_start = $2, .size = $3,
		  .flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
			   JAILHOUSE_MEM_EXECUTE | $4 },
		{ .virt_start = 0x80000000, .size = 0x1000,
		  .flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
			   JAILHOUSE_MEM_COMM_REGION },
	},
};
EOF
	aarch64-linux-gnu-gcc -O2 -ffreestanding -fno-common -fno-pic \
		-I"$top/include" -c -o "$1.o" "$1.c" &&
	aarch64-linux-gnu-objcopy -O binary \
		--remove-section=.note.gnu.property --remove-section=.comment \
		"$1.o" "$1.cell"
}

# an arm64 Image header: FILE FILE_SIZE IMAGE_SIZE
image() {
	python3 - "$@" <<'EOF'
import struct, sys
name, fsize, isize = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0)
hdr = struct.pack('<IIQQQQQQI', 0x14000010, 0, 0, isize, 0xa, 0, 0, 0,
		  0x644d5241) + b'\0' * 4
open(name, 'wb').write(hdr + b'\0' * (fsize - len(hdr)))
EOF
}

# run NAME: the tool with the rest, output in NAME.out, status in $rc
run() {
	n=$1; shift
	JAILHOUSE_LINUX_LOADER=$tmp/loader.bin "$jh" cell linux "$@" \
		> "$n.out" 2>&1
	rc=$?
}

# refused NAME 'MESSAGE' ARGS...: exit 1 and MESSAGE (a fixed string)
refused() {
	n=$1; msg=$2; shift 2
	run "$n" "$@"
	if [ "$rc" -eq 1 ] && grep -qF -- "$msg" "$n.out"; then
		ok "$n"
	else
		nok "$n" "exit $rc, expected 1 and '$msg'; got: $(cat "$n.out")"
	fi
}

dtc -q -I dts -O dtb -o inmate.dtb \
	"$top/configs/arm64/dts/inmate-qemu-arm64.dts" || exit 1
cell demo 0xe0000000 0x1fff0000 JAILHOUSE_MEM_LOADABLE || exit 1
cell small 0x40000000 0x1000000 JAILHOUSE_MEM_LOADABLE || exit 1
cell noload 0x40000000 0x1000000 0 || exit 1
head -c 17176 /dev/zero > loader.bin
image Image 0x100000 0x2010000
image Image.small 0x10000 0x800000
image Image.big 0x10000 0x1400000
image Image.kf 0x80000 0x100000
head -c 20000000 /dev/zero > big.cpio		# > the old 0x1200000

# -w: the commands, with the addresses of the cell's RAM
run write -w params.dtb -d inmate.dtb -i big.cpio \
	-c "console=ttyAMA0 rdinit=/init" demo.cell Image
cat > write.exp <<EOF
Parameters (the cell's device tree) written to 'params.dtb'. Boot the cell with:

jailhouse cell create demo.cell
jailhouse cell load demo \\
	$tmp/loader.bin -a 0x0 \\
	-s 'kernel=0xe0200000 dtb=0xe0000000 initrd-size=20000000' -a 0x1000 \\
	Image -a 0xe0200000 \\
	big.cpio -a 0xe2400000 \\
	params.dtb -a 0xe0000000
jailhouse cell start demo
EOF
if [ "$rc" -eq 0 ] && diff -u write.exp write.out > write.diff; then
	ok write_params_commands
else
	nok write_params_commands "exit $rc; $(cat write.diff write.out | tr '\n' '|')"
fi
got=$(fdtget params.dtb /chosen bootargs 2>&1)
[ "$got" = "console=ttyAMA0 rdinit=/init" ] && ok write_params_bootargs ||
	nok write_params_bootargs "bootargs '$got'"
got="$(fdtget -tx params.dtb /chosen linux,initrd-start 2>&1) $(fdtget -tx \
	params.dtb /chosen linux,initrd-end 2>&1)"
# 0xe2400000 + 20000000 = 0xe3712d00
[ "$got" = "0 e2400000 0 e3712d00" ] && ok write_params_initrd_window ||
	nok write_params_initrd_window "initrd-start/end '$got'"
got=$(fdtget -tx params.dtb /memory@e0000000 reg 2>&1)
[ "$got" = "0 e0000000 0 1fff0000" ] && ok write_params_memory ||
	nok write_params_memory "/memory reg '$got'"
got=$(fdtget params.dtb /chosen stdout-path 2>&1)
[ "$got" = serial0 ] && ok write_params_keeps_the_rest ||
	nok write_params_keeps_the_rest "stdout-path '$got'"

# no -i, no -c: no initramfs properties left, the tree's bootargs kept
run noinitrd -w plain.dtb --dtb inmate.dtb demo.cell Image
if [ "$rc" -eq 0 ] && ! grep -q 'initrd' noinitrd.out &&
   ! fdtget plain.dtb /chosen linux,initrd-start >/dev/null 2>&1 &&
   fdtget plain.dtb /chosen bootargs | grep -q '^console=ttyAMA0 '; then
	ok without_initrd
else
	nok without_initrd "exit $rc: $(cat noinitrd.out)"
fi

# a smaller cell: the addresses follow its RAM
run small -w small.dtb -d inmate.dtb -i big.cpio small.cell Image.small
if [ "$rc" -eq 1 ]; then
	ok small_cell_initrd_too_big_exit
else
	nok small_cell_initrd_too_big_exit "exit $rc: $(cat small.out)"
fi
refused initrd_too_big "initramfs 'big.cpio' (20000000 bytes) does not fit the RAM of cell \"small\" after the kernel: it would end at 0x41d12cff, the RAM is 0x40000000-0x40ffffff (16 MiB) with 6291456 bytes free from 0x40a00000" \
	-w x.dtb -d inmate.dtb -i big.cpio small.cell Image.small
refused kernel_too_big "kernel 'Image.big' needs 20971520 bytes at 0x40200000 (image_size of its header), more than the RAM of cell \"small\" holds: 0x40000000-0x40ffffff (16 MiB)" \
	-w x.dtb -d inmate.dtb small.cell Image.big
head -c 4000000 /dev/zero > fits.cpio
run fits -w fits.dtb -d inmate.dtb -i fits.cpio small.cell Image.small
grep -q 'fits.cpio -a 0x40a00000' fits.out && [ "$rc" -eq 0 ] &&
	ok small_cell_addresses || nok small_cell_addresses "$(cat fits.out)"
# -k: FACTOR times the file size when that is more than image_size
refused decomp_factor "kernel 'Image.kf' needs 20971520 bytes at 0x40200000 (image_size of its header, or -k times its size)" \
	-w x.dtb -d inmate.dtb -k 40 small.cell Image.kf
run kfactor -w x.dtb -d inmate.dtb -k 320 small.cell Image.kf
[ "$rc" -eq 2 ] && grep -q 'FACTOR' kfactor.out && ok decomp_factor_range ||
	nok decomp_factor_range "exit $rc: $(cat kfactor.out)"
refused no_loadable_ram "cell \"noload\" of 'noload.cell' has no loadable RAM" \
	-w x.dtb -d inmate.dtb noload.cell Image
refused missing_kernel "cannot open 'nothere': No such file" \
	-w x.dtb -d inmate.dtb demo.cell nothere
refused missing_initrd "cannot open 'nothere.cpio': No such file" \
	-w x.dtb -d inmate.dtb -i nothere.cpio demo.cell Image
refused not_an_image "'loader.bin' is not an arm64 kernel Image" \
	-w x.dtb -d inmate.dtb demo.cell loader.bin
refused not_a_dtb "device tree 'loader.bin': not a flattened device tree" \
	-w x.dtb -d loader.bin demo.cell Image
# a bare device tree: /chosen and /memory are added
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <1>; };\n' > bare.dts
printf '/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n memory@0 { device_type = "memory"; reg = <0 0x1000>; };\n memory@80000000 { device_type = "memory"; reg = <0x80000000 0x1000>; }; };\n' > two.dts
dtc -q -I dts -O dtb -o two.dtb two.dts || exit 1
run two -w two.out.dtb -d two.dtb small.cell Image.small
got="$(fdtget -tx two.out.dtb /memory@40000000 reg 2>&1) $(fdtget -l two.out.dtb / 2>&1 | sort | tr '\n' ' ')"
[ "$rc" -eq 0 ] && [ "$got" = "40000000 1000000 chosen memory@40000000 " ] &&
	ok one_memory_node || nok one_memory_node "exit $rc, got '$got': $(cat two.out)"
dtc -q -I dts -O dtb -o bare.dtb bare.dts || exit 1
run bare -w bare.out.dtb -d bare.dtb -i fits.cpio -c "quiet" demo.cell Image
got="$(fdtget -tx bare.out.dtb /memory@e0000000 reg 2>&1) $(fdtget \
	bare.out.dtb /memory@e0000000 device_type 2>&1) $(fdtget bare.out.dtb \
	/chosen bootargs 2>&1) $(fdtget -tx bare.out.dtb /chosen linux,initrd-start 2>&1)"
[ "$rc" -eq 0 ] && [ "$got" = "0 e0000000 1fff0000 memory quiet 0 e2400000" ] &&
	ok adds_chosen_and_memory ||
	nok adds_chosen_and_memory "exit $rc, got '$got': $(cat bare.out)"

head -c 3000000 /dev/zero > zeros
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; big = /incbin/("zeros"); };\n' > big.dts
dtc -q -I dts -O dtb -o big.dtb big.dts || exit 1
refused dtb_too_big "device tree 'big.dtb' is " \
	-w x.dtb -d big.dtb demo.cell Image
refused arch "architecture 'x86' is not supported" \
	-a x86 -w x.dtb -d inmate.dtb demo.cell Image
run nodtb -w x.dtb demo.cell Image
[ "$rc" -eq 2 ] && grep -q -- '-d DTB is required' nodtb.out &&
	ok dtb_required || nok dtb_required "exit $rc: $(cat nodtb.out)"
# the board configs: the seed's addresses follow from their RAM
for b in qemu-arm64:0xe k3-am625-sk:0xe k3-am62p5-sk:0x9e; do
	n=${b%:*}-linux-demo; base=${b#*:}
	aarch64-linux-gnu-gcc -O2 -ffreestanding -fno-common -fno-pic \
		-I"$top/include" -c -o "$n.o" "$top/configs/arm64/$n.c" &&
	aarch64-linux-gnu-objcopy -O binary \
		--remove-section=.note.gnu.property \
		--remove-section=.comment "$n.o" "$n.cell" || exit 1
	run "$n" -w x.dtb -d inmate.dtb -i big.cpio "$n.cell" Image
	want="-s 'kernel=${base}0200000 dtb=${base}0000000 initrd-size=20000000' -a 0x1000"
	[ "$rc" -eq 0 ] && grep -qF -- "$want" "$n.out" &&
		grep -qF "big.cpio -a ${base}2400000" "$n.out" &&
		ok "board_$n" || nok "board_$n" "exit $rc, expected '$want': $(cat "$n.out")"
done

run help --help
[ "$rc" -eq 0 ] && grep -q '^Usage: jailhouse cell linux ' help.out &&
	ok help || nok help "exit $rc: $(cat help.out)"
exit "$fail"
