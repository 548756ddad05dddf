#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the host packages listed in host-packages.txt and arm64-packages.txt
# when any is missing. Idempotent: a second run touches no network.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

list() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"
}

missing() {
	for pkg in $(list "$1"); do
		status=$(dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null || true)
		case "$status" in
		*" installed") ;;
		*) echo "$pkg" ;;
		esac
	done
}

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: must run as root to install packages" >&2
	exit 1
fi

need_update=
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "deps: adding the arm64 architecture"
	dpkg --add-architecture arm64
	need_update=1
fi

host_missing=$(missing "$here/host-packages.txt")
arm_missing=$(missing "$here/arm64-packages.txt")
if [ -z "$host_missing$arm_missing" ] && [ -z "$need_update" ]; then
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Two passes: apt's resolver gives up on some amd64+arm64 multiarch mixes
# that it solves fine one architecture at a time.
for pkgs in "$host_missing" "$arm_missing"; do
	[ -n "$pkgs" ] || continue
	echo "deps: installing:" $pkgs
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
done
echo "deps: done"
