#!/bin/sh
# SPDX-License-Identifier: MIT
# The DKMS source tree of the kernel modules:
#   mksource.sh TOP DEST VERSION
# copies driver/, ivshmem/, include/, config-check/ (the validator the
# driver builds) and every file their sources include by a relative path
# to DEST, and
# writes DEST/dkms.conf from dkms/dkms.conf.in with one BUILT_MODULE entry
# per module the two Kbuild files name (obj-m), so a module added there is
# built and installed by DKMS without touching this script.
set -eu
top=${1:?usage: mksource.sh TOP DEST VERSION}
dest=${2:?usage: mksource.sh TOP DEST VERSION}
version=${3:?usage: mksource.sh TOP DEST VERSION}

rm -rf "$dest"
mkdir -p "$dest"
cd "$top"
for d in driver ivshmem; do
	mkdir -p "$dest/$d"
	for f in "$d"/*.c "$d"/*.h "$d"/Makefile "$d"/Kbuild; do
		case $f in *.mod.c) continue ;; esac
		[ -f "$f" ] && cp "$f" "$dest/$d/"
	done
done
# the validator the driver builds (driver/Makefile: JH_CONFIG_CHECK)
cp -R include config-check "$dest/"

# files included as "../path" from a copied source, until none is new
new=1
while [ -n "$new" ]; do
	new=
	for f in $(cd "$dest" && find . -name '*.[ch]'); do
		dir=$(dirname "$f")
		for inc in $(sed -n 's/^#include "\(\.\.\/[^"]*\)".*/\1/p' \
			"$dest/$f"); do
			rel=$(realpath -m --relative-to=. "$dir/$inc")
			case $rel in
			../*) echo "mksource: $f includes $inc outside the" \
				"tree" >&2; exit 1 ;;
			esac
			[ -f "$dest/$rel" ] && continue
			[ -f "$rel" ] || { echo "mksource: $f includes $inc:" \
				"no $top/$rel" >&2; exit 1; }
			mkdir -p "$dest/$(dirname "$rel")"
			cp "$rel" "$dest/$rel"
			new=1
		done
	done
done

# obj-m names of a Kbuild file (or the kbuild part of a Makefile)
modules() {
	sed -n 's/^obj-m[[:space:]]*[:+]\{0,1\}=//p' "$1" | tr ' \t' '\n\n' |
		sed -n 's/\.o$//p'
}

sed "s/@VERSION@/$version/" dkms/dkms.conf.in > "$dest/dkms.conf"
i=0
for d in driver ivshmem; do
	kb=$d/Kbuild
	[ -f "$kb" ] || kb=$d/Makefile
	for m in $(modules "$kb"); do
		cat >> "$dest/dkms.conf" <<EOT
BUILT_MODULE_NAME[$i]="$m"
BUILT_MODULE_LOCATION[$i]="$d/"
DEST_MODULE_LOCATION[$i]="/extra/$d"
EOT
		i=$((i + 1))
	done
done
[ "$i" -gt 0 ] || { echo "mksource: no obj-m in driver/ or ivshmem/" >&2; exit 1; }
