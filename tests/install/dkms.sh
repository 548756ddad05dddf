#!/bin/bash
# SPDX-License-Identifier: MIT
# `make install-dkms` gives a source tree DKMS builds: dkms.conf names
# every module driver/ and ivshmem/ build, and `dkms build` (its own trees
# in a temporary directory, never /var/lib/dkms; cross, as the fetched
# Debian headers are arm64) builds each of them for that kernel. Without
# dkms on the host, the MAKE line of dkms.conf is run as dkms runs it.
# Usage: dkms.sh TOP
set -u
top=${1:?usage: dkms.sh TOP}
tmp=$(mktemp -d /tmp/install-dkms.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mk() { sed -n "s/^$1 := //p" "$top/build/kernel/kernel.mk"; }
krel=$(mk KREL)
kdir=$(mk KDIR)
ver=$(cat "$top/VERSION")
fail=0
ok() { echo "ok install/$1"; }
nok() { echo "not ok install/$1 ($2)"; fail=1; }

src=$tmp/root/usr/src/jailhouse-$ver
if ! make -s -C "$top" install-dkms DESTDIR="$tmp/root" >"$tmp/inst.log" 2>&1; then
	nok dkms-source "make install-dkms failed: $(tail -n 1 "$tmp/inst.log")"
	exit 1
fi

# every module the two folders build (kbuild's own list), named in dkms.conf
want=
for d in driver ivshmem; do
	for m in $(sed 's|.*/||; s|\.ko$||; s|\.o$||' "$top/$d/modules.order"); do
		want="$want $d/$m"
	done
done
got=$(bash -c '. "$1"; for i in "${!BUILT_MODULE_NAME[@]}"; do
	echo "${BUILT_MODULE_LOCATION[$i]%/}/${BUILT_MODULE_NAME[$i]}"; done' \
	_ "$src/dkms.conf" | sort | tr '\n' ' ')
if [ "$got" != "$(echo $want | tr ' ' '\n' | sort | tr '\n' ' ')" ]; then
	nok dkms-conf-names-every-module "dkms.conf builds '$got', the tree" \
		"builds '$want'"
else
	ok dkms-conf-names-every-module
fi

if command -v dkms >/dev/null; then
	how="dkms build"
	trees="--dkmstree $tmp/dkms --sourcetree $tmp/root/usr/src
		--installtree $tmp/installed"
	mkdir -p "$tmp/dkms" "$tmp/installed"
	# sign_file: no signing key is made (it would go to /var/lib/dkms)
	dkms add $trees -m jailhouse -v "$ver" >"$tmp/build.log" 2>&1 &&
	CROSS_COMPILE=aarch64-linux-gnu- sign_file=/nonexistent \
		dkms build --verbose $trees -m jailhouse -v "$ver" -k "$krel" \
		-a aarch64 --kernelsourcedir "$kdir" >>"$tmp/build.log" 2>&1
	rc=$?
	out=$tmp/dkms/jailhouse/$ver/$krel/aarch64/module
else
	how="dkms.conf's MAKE line (no dkms here)"
	cp -R "$src" "$tmp/build"
	(cd "$tmp/build" && kernel_source_dir=$kdir kernelver=$krel \
		CROSS_COMPILE=aarch64-linux-gnu- bash -c \
		'. ./dkms.conf && eval "${MAKE[0]}"') >"$tmp/build.log" 2>&1
	rc=$?
	out=$tmp/build
fi
bad=
for m in $want; do
	ko=$(find "$out" -name "${m#*/}.ko" | head -n 1)
	if [ -z "$ko" ]; then
		bad="$bad ${m#*/}.ko not built;"
	elif ! modinfo -F vermagic "$ko" | grep -q "^$krel .*aarch64"; then
		bad="$bad ${m#*/}.ko not for $krel/aarch64;"
	fi
done
if [ $rc -ne 0 ] || [ -n "$bad" ]; then
	nok dkms-build "$how: exit status $rc;$bad log follows"
	tail -n 15 "$tmp/build.log" | sed 's/^/#   /'
else
	ok dkms-build
fi
exit $fail
