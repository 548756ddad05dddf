#!/bin/sh
# SPDX-License-Identifier: MIT
# cellipc.pc carries what a static link needs: install libcellipc into a
# fresh PREFIX (host, without the shared library, so libcellipc.a is what
# the linker finds; and the arm64 cross SDK) and link every example with
# nothing but `cc $(pkg-config --static --cflags --libs cellipc)`. The host
# builds must not need libcellipc.so and must run; the arm64 ones must be
# fully static aarch64 executables.
# Usage: pkgconfig-static.sh LIBCELLIPC_DIR STAGE HOSTCC CROSSCC ARMPCDIR
# (MAKE from the environment, default make)
set -u
src=${1:?usage}; stage=${2:?usage}; hostcc=${3:?usage}; crosscc=${4:?usage}
armpc=${5:?usage}
here=$(cd "$(dirname "$0")" && pwd)
: "${MAKE:=make}"
fail=0
bad() { echo "pkgconfig-static: $*" >&2; fail=1; }

rm -rf "$stage" && mkdir -p "$stage" || exit 1
"$MAKE" -s -C "$src" install-host PREFIX="$stage/host" >/dev/null ||
	{ echo "pkgconfig-static: install-host PREFIX=$stage/host failed" >&2; exit 1; }
rm -f "$stage"/host/lib/libcellipc.so*
"$MAKE" -s -C "$src" install-arm64 PREFIX="$stage/arm64" >/dev/null ||
	{ echo "pkgconfig-static: install-arm64 PREFIX=$stage/arm64 failed" >&2; exit 1; }

hpc() { PKG_CONFIG_PATH="$stage/host/lib/pkgconfig" pkg-config "$@"; }
apc() { PKG_CONFIG_LIBDIR="$stage/arm64/lib/pkgconfig:$armpc" \
	PKG_CONFIG_PATH= pkg-config "$@"; }

hflags=$(hpc --static --cflags --libs cellipc) ||
	{ echo "pkgconfig-static: host pkg-config --static cellipc failed" >&2; exit 1; }
aflags=$(apc --static --cflags --libs cellipc) ||
	{ echo "pkgconfig-static: arm64 pkg-config --static cellipc failed" >&2; exit 1; }
echo "host:  $hflags"
echo "arm64: $aflags"

for ex in "$src"/examples/*.c; do
	n=$(basename "$ex" .c)
	# shellcheck disable=SC2086 # flags are words
	if ! $hostcc -o "$stage/$n" "$ex" $hflags; then
		bad "host: $n does not link with '$hflags'"
	elif readelf -d "$stage/$n" | grep -q 'NEEDED.*libcellipc'; then
		bad "host: $n needs libcellipc.so (expected the static archive)"
	fi
	# shellcheck disable=SC2086
	if ! $crosscc -static -o "$stage/$n.arm64" "$ex" $aflags; then
		bad "arm64: $n does not link -static with '$aflags'"
	elif ! file "$stage/$n.arm64" | grep -q 'ARM aarch64.*statically linked'; then
		bad "arm64: $n is not a static aarch64 executable: $(file "$stage/$n.arm64")"
	fi
done
[ "$fail" -eq 0 ] || exit 1

# the host builds work (every event loop the pingpong example drives)
for l in poll libevent uring; do
	timeout 60 "$stage/cellipc-pingpong" -n 100 -l "$l" >/dev/null ||
		bad "host: cellipc-pingpong -l $l failed"
done
sh "$here/example-raw.sh" "$stage/cellipc-raw" >/dev/null ||
	bad "host: cellipc-raw on two sim peers failed"
exit "$fail"
