#!/bin/sh
# SPDX-License-Identifier: MIT
# `make install DESTDIR=` lays out the board's side as the TI SDK's
# `make jailhouse_install DESTDIR=` and the manual's paths; the board image
# is that install; `make install-sdk` installs the host SDK and nothing of
# the board's. One ok/not ok line per check.
# Usage: layout.sh TOP
set -u
top=${1:?usage: layout.sh TOP}
tmp=$(mktemp -d /tmp/install-layout.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
krel=$(sed -n 's/^KREL := //p' "$top/build/kernel/kernel.mk")
fail=0
ok() { echo "ok install/$1"; }
nok() { echo "not ok install/$1 ($2)"; fail=1; }

# without DESTDIR: refused at once, nothing built or installed in /
# (-n: were it not refused, this run still must not install anything)
if make -n -s -C "$top" install >"$tmp/nodest.log" 2>&1; then
	nok refuses-without-destdir "make install without DESTDIR succeeded"
elif ! grep -q 'DESTDIR is not set' "$tmp/nodest.log"; then
	nok refuses-without-destdir "no 'DESTDIR is not set' message:" \
		"$(head -n 1 "$tmp/nodest.log")"
else
	ok refuses-without-destdir
fi

d=$tmp/root
if ! make -s -C "$top" install DESTDIR="$d" >"$tmp/install.log" 2>&1; then
	nok target "make install DESTDIR=$d failed: $(tail -n 1 "$tmp/install.log")"
	exit 1
fi

# the manual's paths (TI's "Jailhouse" chapter and its commands)
want="lib/firmware/jailhouse.bin
lib/modules/$krel/extra/driver/jailhouse.ko
usr/sbin/jailhouse
usr/libexec/jailhouse/linux-loader.bin
usr/share/jailhouse/linux-demo.sh
usr/share/jailhouse/inmates/uart-demo.bin
usr/share/jailhouse/inmates/gic-demo.bin
usr/share/jailhouse/inmate-k3-am625-sk.dtb
usr/share/jailhouse/inmate-k3-am62p5-sk.dtb
usr/share/man/man3/cellipc_open.3
usr/share/man/man7/cellipc.7"
for b in k3-am625-sk k3-am62p5-sk qemu-arm64; do
	for c in "" -inmate-demo -linux-demo; do
		want="$want
usr/share/jailhouse/cells/$b$c.cell"
	done
done
# every module ivshmem/ builds, wherever it is named
for m in $(sed 's|.*/||; s|\.o$|.ko|' "$top/ivshmem/modules.order"); do
	want="$want
lib/modules/$krel/extra/ivshmem/$m"
done
# the tool's man pages and completion (tools/man, tools/completion)
for m in "$top"/tools/man/*.8; do
	[ -f "$m" ] && want="$want
usr/share/man/man8/${m##*/}"
done
[ -f "$top/tools/completion/jailhouse" ] && want="$want
usr/share/bash-completion/completions/jailhouse"
missing=
for f in $want; do
	[ -f "$d/$f" ] || missing="$missing /$f"
done
if [ -n "$missing" ]; then
	nok target-layout "missing:$missing"
else
	ok target-layout
fi

# nothing outside the board's places (no host SDK, no test programs)
stray=$(cd "$d" && find . ! -type d | sed 's|^\./||' | grep -vE \
	"^(lib/firmware/|lib/modules/$krel/extra/|usr/sbin/|usr/bin/|usr/libexec/jailhouse/|usr/share/jailhouse/|usr/share/man/man[1-8]/|usr/share/bash-completion/completions/|usr/include/cellipc\.h$|usr/lib/libcellipc\.a$)")
if [ -n "$stray" ]; then
	nok target-nothing-else "outside the board's places:" $stray
else
	ok target-nothing-else
fi

# arm64 binaries, executable where the manual runs them
bad=
for f in usr/sbin/jailhouse usr/share/jailhouse/linux-demo.sh; do
	[ -x "$d/$f" ] || bad="$bad /$f not executable;"
done
file -b "$d/usr/sbin/jailhouse" | grep -q 'ARM aarch64' ||
	bad="$bad /usr/sbin/jailhouse is not an arm64 binary;"
file -b "$d/usr/lib/libcellipc.a" 2>/dev/null | grep -q 'archive' &&
	! aarch64-linux-gnu-objdump -f "$d/usr/lib/libcellipc.a" 2>/dev/null |
		grep -q 'aarch64' && bad="$bad /usr/lib/libcellipc.a is not arm64;"
if [ -n "$bad" ]; then
	nok target-arm64-executables "$bad"
else
	ok target-arm64-executables
fi

# the board image holds exactly this install (plus its test-only files)
stage=$top/build/board/stage-root
diffs=
for f in $(cd "$d" && find . ! -type d | sed 's|^\./||'); do
	cmp -s "$d/$f" "$stage/$f" || diffs="$diffs /$f"
done
if [ ! -d "$stage" ]; then
	nok image-is-the-install "no $stage: run 'make image'"
elif [ -n "$diffs" ]; then
	nok image-is-the-install "differ from build/board/stage-root" \
		"(the sources changed since make image?):$diffs"
else
	ok image-is-the-install
fi

# the host SDK: DESTDIR set, yet no board file and no arm64 archive
s=$tmp/sdk
if ! make -s -C "$top" install-sdk DESTDIR="$s" PREFIX=/usr \
	>"$tmp/sdk.log" 2>&1; then
	nok sdk "make install-sdk DESTDIR=$s failed: $(tail -n 1 "$tmp/sdk.log")"
else
	missing=
	for f in usr/include/cellipc.h usr/lib/libcellipc.a \
		 usr/lib/libcellipc.so usr/lib/pkgconfig/cellipc.pc \
		 usr/share/man/man3/cellipc_open.3 usr/share/man/man7/cellipc.7; do
		[ -e "$s/$f" ] || missing="$missing /$f"
	done
	leak=$(cd "$s" && find . ! -type d | sed 's|^\./||' |
		grep -E '^(lib/|boot/|usr/sbin/|usr/libexec/|usr/share/jailhouse/)')
	if objdump -f "$s/usr/lib/libcellipc.a" 2>/dev/null |
		grep -q 'aarch64'; then
		leak="$leak usr/lib/libcellipc.a(arm64)"
	fi
	if [ -n "$missing" ]; then
		nok sdk-layout "missing:$missing"
	else
		ok sdk-layout
	fi
	if [ -n "$leak" ]; then
		nok sdk-has-no-board-files "board files in the SDK:" $leak
	else
		ok sdk-has-no-board-files
	fi
fi
exit $fail
