#!/bin/sh
# SPDX-License-Identifier: MIT
# Debian arm64 programs with the shared libraries they need, as a tree:
#   debian-userland.sh BUILD_DIR OUT_DIR PKG[=VERSION]:PATH...
# e.g. linux-perf=6.1.192-3:/usr/bin/perf coreutils:/bin/dd. Each PKG is
# fetched with `apt-get download` into BUILD_DIR/debs and unpacked under
# BUILD_DIR/userland/pkgs (nothing is installed system-wide). PATH is copied
# to OUT_DIR/usr/bin; every library it needs (readelf's NEEDED, then theirs,
# recursively) goes to OUT_DIR/usr/lib/aarch64-linux-gnu, the program
# interpreter to OUT_DIR/lib. A soname not found in the packages unpacked
# so far is looked for in the Depends/Pre-Depends of the package that holds
# the file needing it, as apt knows them (only those in Section libs: where
# Debian puts shared libraries). OUT_DIR.sizes lists what was copied.
set -eu

build=${1:?usage: debian-userland.sh BUILD_DIR OUT_DIR PKG[=VER]:PATH...}
out=${2:?output directory missing}
shift 2
[ $# -gt 0 ] || { echo "debian-userland: no PKG:PATH given" >&2; exit 2; }

debs=$build/debs
pkgs=$build/userland/pkgs
libdir=usr/lib/aarch64-linux-gnu
mkdir -p "$debs" "$pkgs"

# fetch PKG[=VER]: download (once) and unpack into $pkgs/NAME
fetch() {
	name=${1%%=*}
	[ -d "$pkgs/$name" ] && return 0
	if ! ls "$debs/${name}"_*_arm64.deb >/dev/null 2>&1 &&
	   ! ls "$debs/${name}"_*_all.deb >/dev/null 2>&1; then
		case $1 in
		*=*) spec="$name:arm64=${1#*=}" ;;
		*) spec="$name:arm64" ;;
		esac
		(cd "$debs" && apt-get download -q "$spec" >/dev/null) || {
			echo "debian-userland: apt-get download $spec failed" \
			     "(is the arm64 architecture added: make deps?)" >&2
			exit 1
		}
	fi
	deb=$(ls "$debs/${name}"_*_arm64.deb "$debs/${name}"_*_all.deb \
		2>/dev/null | head -n 1)
	rm -rf "$pkgs/$name.tmp"
	dpkg -x "$deb" "$pkgs/$name.tmp"
	mv "$pkgs/$name.tmp" "$pkgs/$name"
}

# lib_deps PKG: its Depends/Pre-Depends that are arm64 packages in Section
# libs (virtual and :any dependencies, e.g. perl:any, are not libraries)
lib_deps() {
	apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$1:arm64" 2>/dev/null |
		sed -n 's/^ *\(Pre\)\{0,1\}Depends: \([^<>: ]*\)\(:arm64\)\{0,1\}$/\2/p' |
		sort -u | while read -r d; do
			sec=$(apt-cache show --no-all-versions "$d:arm64" \
				2>/dev/null | sed -n 's/^Section: //p' |
				head -n 1)
			case $sec in
			libs|oldlibs|*/libs) echo "$d" ;;
			esac
		done
}

# find_lib SONAME: the file (path) of SONAME in the unpacked packages
find_lib() {
	for p in "$pkgs"/*/; do
		for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu \
			 lib usr/lib; do
			if [ -e "$p$d/$1" ]; then
				echo "$p$d/$1"
				return 0
			fi
		done
	done
	return 1
}

# owner FILE: the package FILE was unpacked from
owner() {
	f=${1#"$pkgs"/}
	echo "${f%%/*}"
}

needed() {
	readelf -d "$1" 2>/dev/null |
		sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p'
}

interp() {
	readelf -l "$1" 2>/dev/null |
		sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p'
}

# resolve FILE: copies every library FILE needs (recursively) into $out
resolve() {
	for so in $(needed "$1"); do
		[ -e "$out/$libdir/$so" ] && continue
		if ! lib=$(find_lib "$so"); then
			from=$(owner "$1")
			for d in $(lib_deps "$from"); do
				fetch "$d"
			done
			lib=$(find_lib "$so") || {
				echo "debian-userland: $so (needed by" \
				     "${1#"$pkgs"/}) is in no Section-libs" \
				     "dependency of $from" >&2
				exit 1
			}
		fi
		cp -L "$lib" "$out/$libdir/$so"
		echo "$(wc -c < "$lib") $libdir/$so" >> "$out.sizes"
		resolve "$lib"
	done
}

# Done already for the same programs: keep the tree.
if [ -f "$out.sizes" ] && [ "$(cat "$out.args" 2>/dev/null)" = "$*" ]; then
	exit 0
fi
rm -rf "$out"
mkdir -p "$out/usr/bin" "$out/$libdir" "$out/lib"
: > "$out.sizes"
for spec in "$@"; do
	pkg=${spec%%:*}
	path=${spec#*:}
	fetch "$pkg"
	prog=$pkgs/${pkg%%=*}$path
	[ -f "$prog" ] || {
		echo "debian-userland: package $pkg has no $path" >&2
		exit 1
	}
	cp -L "$prog" "$out/usr/bin/"
	echo "$(wc -c < "$prog") usr/bin/${path##*/}" >> "$out.sizes"
	ld=$(interp "$prog")
	if [ -n "$ld" ] && [ ! -e "$out/$libdir/${ld##*/}" ]; then
		file=$(find_lib "${ld##*/}") || {
			fetch libc6
			file=$(find_lib "${ld##*/}")
		} || {
			echo "debian-userland: interpreter $ld of $path" \
			     "not found" >&2
			exit 1
		}
		cp -L "$file" "$out/$libdir/${ld##*/}"
		echo "$(wc -c < "$file") $libdir/${ld##*/}" >> "$out.sizes"
		ln -sf "../$libdir/${ld##*/}" "$out/lib/${ld##*/}"
	fi
	resolve "$prog"
done
echo "$*" > "$out.args"
total=$(awk '{ s += $1 } END { print s }' "$out.sizes")
echo "debian-userland: $# program(s), $(wc -l < "$out.sizes") files," \
     "$((total / 1024)) KiB in $out"
