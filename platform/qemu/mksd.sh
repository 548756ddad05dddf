#!/bin/sh
# SPDX-License-Identifier: MIT
# The board's SD card and what lives on it:
#   mksd.sh BUILD_DIR BOARD_DIR
# Run by `make image` after the inmate file system and before the root's
# cpio is packed. Builds, from Debian's arm64 packages (debian-userland.sh):
# perf (linux-perf of the board's kernel) and GNU dd with their libraries.
# They stay out of the two initramfs (each board boot and each inmate load
# would pay for ~28 MiB more); instead
#  - BOARD_DIR/disk.img: a sparse ext4 image (mke2fs -d, no loop mount),
#    the root cell's virtio-blk disk: /debian (perf, dd, libraries),
#    /jailhouse (the manual's working directory, room for its 2000 MiB
#    large_file), /boot/perf-inmate.rootfs.cpio and /boot/perf-inmate.dtb
#    (the inmate file system with perf and dd, and an inmate device tree
#    whose initramfs window fits it);
#  - BOARD_DIR/stage-root/sbin/mount-sd: the root's init mounts the card.
set -eu

build=${1:?usage: mksd.sh BUILD_DIR BOARD_DIR}
board=${2:?board directory missing}
here=$(cd "$(dirname "$0")" && pwd)
kmk=$build/kernel/kernel.mk
size=${SD_SIZE:-4G}

kversion=$(sed -n 's/^KVERSION := //p' "$kmk")
[ -n "$kversion" ] || { echo "mksd: no KVERSION in $kmk" >&2; exit 1; }
command -v mke2fs >/dev/null || {
	echo "mksd: mke2fs missing (e2fsprogs, platform/host-packages.txt):" \
	     "run make deps" >&2
	exit 1
}

tree=$build/userland/tree
"$here/debian-userland.sh" "$build" "$tree" \
	"linux-perf=$kversion:/usr/bin/perf" coreutils:/bin/dd

sd=$board/stage-sd
rm -rf "$sd"
mkdir -p "$sd/debian" "$sd/jailhouse" "$sd/boot"
cp -a "$tree/usr" "$tree/lib" "$sd/debian/"

# The inmate with perf: its usual file system plus the Debian tree.
"$here/mkrootfs.sh" "$kmk" "$here/init-inmate" "$here/inmate-modules.txt" \
	"$sd/boot/perf-inmate.rootfs.cpio" "$board/stage-inmate" "$tree"
# Its device tree: linux-loader trims linux,initrd-end to the archive, but
# only within the window the tree gives (18 MiB in the shipped one).
dtb_in=$board/stage-root/usr/share/jailhouse/inmate-qemu-arm64.dtb
dtb=$sd/boot/perf-inmate.dtb
cp "$dtb_in" "$dtb"
start=$(fdtget -t x "$dtb" /chosen linux,initrd-start | awk '{ print $NF }')
cpio_size=$(wc -c < "$sd/boot/perf-inmate.rootfs.cpio")
window=$(( (cpio_size + 0xfffff) & ~0xfffff ))
fdtput -t x "$dtb" /chosen linux,initrd-end 0 \
	"$(printf '%x' $((0x$start + window)))"
echo "$window" > "$sd/boot/perf-inmate.window"

rm -f "$board/disk.img"
mke2fs -q -t ext4 -L sd -d "$sd" -F \
	-E lazy_itable_init=1,lazy_journal_init=1,root_owner=0:0 \
	"$board/disk.img" "$size"
mkdir -p "$board/stage-root/sbin"
cp "$here/mount-sd" "$board/stage-root/sbin/mount-sd"
chmod 755 "$board/stage-root/sbin/mount-sd"
echo "  SD      $board/disk.img ($size sparse, $(du -k "$board/disk.img" |
	cut -f1) KiB used; perf inmate cpio $((cpio_size / 1024)) KiB)"
rm -rf "$sd"
