#!/bin/sh
# SPDX-License-Identifier: MIT
# The root cell's device tree from a board's own (the seed's "Memory
# Reservation" and "Hardware Modules Reservation"), edited with fdtput:
#
#   jailhouse-dtb.sh IN.dtb OUT.dtb BASE SIZE NODE...
#
# adds /reserved-memory/jailhouse@BASE (no-map, BASE and SIZE in hex, two
# address and two size cells) and sets status = "disabled" in every NODE
# (full paths). Fails, naming it, on a node the tree does not have.
set -eu

in=$1 out=$2 base=$3 size=$4
shift 4
tmp=$out.tmp
res=/reserved-memory/jailhouse@$(printf '%x' "$base")
hi() { printf '0x%x' $(( $1 >> 32 )); }
lo() { printf '0x%x' $(( $1 & 0xffffffff )); }

cp "$in" "$tmp"
fdtput -c "$tmp" "$res"
fdtput -t x "$tmp" "$res" reg $(hi "$base") $(lo "$base") \
	$(hi "$size") $(lo "$size")
fdtput "$tmp" "$res" no-map
for node in "$@"; do
	if ! fdtget "$tmp" "$node" reg >/dev/null 2>&1; then
		echo "jailhouse-dtb: $in has no node $node" >&2
		rm -f "$tmp"
		exit 1
	fi
	fdtput -t s "$tmp" "$node" status disabled
done
mv "$tmp" "$out"
