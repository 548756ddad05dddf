#!/bin/sh
# SPDX-License-Identifier: MIT
# Fetches Debian's arm64 libfdt-dev with `apt-get download` and unpacks it
# under $BUILD/libfdt-arm64, for the static arm64 jailhouse tool ("cell
# linux" edits device trees with libfdt). Not installed system-wide: the
# host's libfdt-dev (amd64, tests/unit/board) and libfdt-dev:arm64 cannot
# be installed side by side. Skips all work when already done.
set -eu

BUILD=${1:?usage: fetch-libfdt.sh BUILD_DIR}
out=$BUILD/libfdt-arm64
lib=$out/usr/lib/aarch64-linux-gnu/libfdt.a

[ -f "$lib" ] && exit 0

debs=$BUILD/debs
mkdir -p "$debs"
if ! ls "$debs"/libfdt-dev_*_arm64.deb >/dev/null 2>&1; then
	# the package lists may predate the arm64 architecture: refresh once
	(cd "$debs" && { apt-get download -q libfdt-dev:arm64 ||
		{ apt-get update -qq && apt-get download -q libfdt-dev:arm64; }
	}) || {
		echo "fetch-libfdt: cannot download libfdt-dev:arm64; is the" \
		     "arm64 architecture added (make deps)?" >&2
		exit 1
	}
fi
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
dpkg -x "$(ls "$debs"/libfdt-dev_*_arm64.deb | head -n 1)" "$out.tmp"
[ -f "$out.tmp/usr/lib/aarch64-linux-gnu/libfdt.a" ] || {
	echo "fetch-libfdt: no libfdt.a in the libfdt-dev:arm64 package" >&2
	exit 1
}
rm -rf "$out"
mv "$out.tmp" "$out"
