#!/bin/sh
# SPDX-License-Identifier: MIT
# Packs a busybox file system as a newc cpio:
#   mkrootfs.sh KERNEL_MK INIT MODULE_LIST OUT.cpio [STAGING_DIR...]
# KERNEL_MK comes from fetch-kernel.sh, INIT becomes /init, MODULE_LIST names
# the Debian modules to carry (their dependencies follow), and every
# STAGING_DIR is copied on top (the components' `make install` output).
set -eu

kmk=${1:?usage: mkrootfs.sh KERNEL_MK INIT MODULE_LIST OUT.cpio [DIR...]}
init=${2:?init script missing}
modlist=${3:?module list missing}
out=${4:?output file missing}
shift 4

mkvar() {
	sed -n "s/^$1 := //p" "$kmk"
}
krel=$(mkvar KREL)
kmods=$(mkvar KMODULES)
busybox=$(mkvar BUSYBOX)
[ -n "$krel" ] && [ -d "$kmods" ] && [ -x "$busybox" ] || {
	echo "mkrootfs: $kmk is incomplete; run platform/qemu/fetch-kernel.sh" >&2
	exit 1
}

root=$out.d
rm -rf "$root"
mkdir -p "$root"
for d in bin sbin usr/bin usr/sbin proc sys dev tmp run root etc \
	 "lib/modules/$krel"; do
	mkdir -p "$root/$d"
done
cp "$busybox" "$root/bin/busybox"
cp "$init" "$root/init"
chmod 755 "$root/init"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"

# Resolve each module and its dependencies through Debian's modules.dep.
want=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$modlist")
for m in $want; do
	line=$(grep -E "(^|/)$m\.ko:" "$kmods/modules.dep" || true)
	if [ -z "$line" ]; then
		echo "mkrootfs: module '$m' (from $modlist) is not in $krel" >&2
		exit 1
	fi
	for f in $(echo "$line" | tr -d ':'); do
		mkdir -p "$root/lib/modules/$krel/$(dirname "$f")"
		cp "$kmods/$f" "$root/lib/modules/$krel/$f"
	done
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
	cp "$kmods/$f" "$root/lib/modules/$krel/"
done

for stage in "$@"; do
	[ -d "$stage" ] && cp -a "$stage/." "$root/"
done
depmod -b "$root" "$krel"

(cd "$root" && find . | LC_ALL=C sort |
	cpio --quiet --reproducible -o -H newc -R root:root) > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$root"
