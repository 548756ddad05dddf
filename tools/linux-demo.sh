#!/bin/sh
# SPDX-License-Identifier: MIT
#
# linux-demo.sh - start the Linux inmate demo (two Linux instances on one
# board) and, with -c, the crash test that watches the inmate.
#
# Usage: linux-demo.sh [-c] [-b] [-h]
#   -c   run crash-test after the Linux demo started: ICMP echo requests
#        from the root cell (enP1p0s1, 192.168.0.3) to the inmate
#        (enp0s1, 192.168.0.2); "No response received for packet x" means
#        the inmate stopped answering
#   -b   with -c: run the crash test in the background. Without -b,
#        crash-test holds the console until Ctrl-C: it reports an outage
#        (crash the inmate from its own shell), but nothing can restart
#        the inmate meanwhile. With -b the console stays free: after a
#        crash, `jailhouse cell destroy NAME` and `linux-demo.sh` (no -c)
#        start the inmate again and crash-test reports the recovery.
#   -h   this text
#
# The root's side of the link is ivshmem-net.ko's enP1p0s1 (it binds the
# device by itself once the hypervisor is enabled); NET_BACKEND=netbridge,
# or no driver, runs netbridge instead (netbridge-up).
#
# Installed as /usr/share/jailhouse/linux-demo.sh in the root cell. The
# board comes from the device tree's compatible (BOARD overrides it):
# qemu-arm64 (the emulated board), k3-am625-sk or k3-am62p5-sk, each with
# the seed's cell and file names; `jailhouse cell linux` takes the load
# addresses from the cell config. Every path below can be overridden from
# the environment (INMATE_CMDLINE replaces the device tree's bootargs), e.g.
# INMATE_CPIO=/boot/other.cpio linux-demo.sh; CRASH_OPTS passes more
# options to crash-test (CRASH_OPTS=-v: one line per reply). With -b, the
# background crash-test writes to this script's output; its pid is
# printed, and SIGTERM makes it print its summary.

DT_COMPATIBLE=${DT_COMPATIBLE:-/proc/device-tree/compatible}

detect_board() {
	case "$(tr '\0' ' ' <"$DT_COMPATIBLE" 2>/dev/null)" in
	*ti,am62p5*) echo k3-am62p5-sk ;;
	*ti,am625*) echo k3-am625-sk ;;
	*) echo qemu-arm64 ;;
	esac
}
BOARD=${BOARD:-$(detect_board)}

case $BOARD in
qemu-arm64)
	cpio=/boot/jailhouse-inmate-qemu-arm64.rootfs.cpio ;;
k3-am625-sk)
	cpio=/boot/tisdk-jailhouse-inmate-am62xx-evm.rootfs.cpio ;;
k3-am62p5-sk)
	cpio=/boot/tisdk-jailhouse-inmate-am62pxx-evm.rootfs.cpio ;;
*)
	echo "linux-demo.sh: unknown board '$BOARD' (expected qemu-arm64," \
	     "k3-am625-sk or k3-am62p5-sk)" >&2
	exit 1 ;;
esac

JH_DIR=${JH_DIR:-/usr/share/jailhouse}
ROOT_CELL=${ROOT_CELL:-$JH_DIR/cells/$BOARD.cell}
DEMO_CELL=${DEMO_CELL:-$JH_DIR/cells/$BOARD-linux-demo.cell}
CELL_NAME=${CELL_NAME:-$BOARD-linux-demo}
LOADER=${LOADER:-/usr/libexec/jailhouse/linux-loader.bin}
KERNEL=${KERNEL:-/boot/Image}
INMATE_CPIO=${INMATE_CPIO:-$cpio}
INMATE_DTB=${INMATE_DTB:-$JH_DIR/inmate-$BOARD.dtb}
# the addresses come from the cell config: jailhouse cell linux puts the
# device tree, the kernel and the initramfs into the cell's RAM
INMATE_CMDLINE=${INMATE_CMDLINE:-}	# empty: the device tree's bootargs

# crash test over the virtual Ethernet link
NET_PCI=${NET_PCI:-0001:00:01.0}
NET_IF=${NET_IF:-enP1p0s1}
NET_BACKEND=${NET_BACKEND:-driver}	# driver (ivshmem-net.ko) or netbridge
ROOT_IP=${ROOT_IP:-192.168.0.3}
INMATE_IP=${INMATE_IP:-192.168.0.2}
CRASH_INTERVAL=${CRASH_INTERVAL:-1000}
INMATE_BOOT_TIMEOUT=${INMATE_BOOT_TIMEOUT:-120}
CRASH_COUNT=${CRASH_COUNT:-}		# empty: run until stopped
CRASH_OPTS=${CRASH_OPTS:-}		# more crash-test options, e.g. -v
JAILHOUSE_DEV=${JAILHOUSE_DEV:-/dev/jailhouse}
JAILHOUSE_SYSFS=${JAILHOUSE_SYSFS:-/sys/devices/jailhouse}

crash=
background=

die() {
	echo "linux-demo.sh: $*" >&2
	exit 1
}

usage() {
	sed -n '/^# Usage:/,/^#   -h/s/^# \{0,1\}//p' "$0"
}

need_file() {
	[ -f "$1" ] || die "missing $2: $1 (not installed on this board?)"
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 ||
		die "missing command '$1' (expected in PATH: $2)"
}

check_artifacts() {
	need_cmd jailhouse "/usr/sbin/jailhouse"
	need_file "$ROOT_CELL" "root cell config"
	need_file "$DEMO_CELL" "Linux demo cell config"
	need_file "$LOADER" "Linux loader"
	need_file "$KERNEL" "inmate kernel image"
	need_file "$INMATE_CPIO" "inmate root file system"
	need_file "$INMATE_DTB" "inmate device tree"
	if [ -n "$crash" ]; then
		need_cmd crash-test "/usr/bin/crash-test"
	fi
}

enable_hypervisor() {
	if [ ! -e "$JAILHOUSE_DEV" ]; then
		modprobe jailhouse 2>/dev/null ||
			die "cannot load the jailhouse driver (modprobe" \
			    "jailhouse): is jailhouse.ko installed?"
	fi
	if [ "$(cat "$JAILHOUSE_SYSFS/enabled" 2>/dev/null)" = 1 ]; then
		echo "linux-demo.sh: hypervisor already enabled"
		return
	fi
	jailhouse enable "$ROOT_CELL" ||
		die "jailhouse enable $ROOT_CELL failed (see the" \
		    "hypervisor console: jailhouse console)"
}

# jailhouse cell linux checks that the kernel and the initramfs fit the
# cell's RAM and says so
start_linux_demo() {
	JAILHOUSE_LINUX_LOADER=$LOADER jailhouse cell linux "$DEMO_CELL" \
		"$KERNEL" -d "$INMATE_DTB" -i "$INMATE_CPIO" \
		${INMATE_CMDLINE:+-c "$INMATE_CMDLINE"} ||
		die "jailhouse cell linux $DEMO_CELL failed"
	echo "linux-demo.sh: $CELL_NAME started; its console is the" \
	     "secondary UART"
}

# The root cell's side of the virtual Ethernet link (seed: enP1p0s1,
# 192.168.0.3). ivshmem-net.ko binds the device by itself when the
# hypervisor is enabled (module alias): then the interface only gets its
# address. NET_BACKEND=netbridge, or no driver on the device, bridges the
# link in user space instead (netbridge-up takes the device from the
# driver).
start_root_net() {
	dev=${SYSFS:-/sys}/bus/pci/devices/$NET_PCI
	n=0
	# the hotplug helper loads the driver as the device appears
	while [ "$NET_BACKEND" != netbridge ] && [ $n -lt 50 ] &&
	      [ -e "$dev" ] && ! [ -e "$dev/driver" ]; do
		usleep 100000
		n=$((n + 1))
	done
	if [ "$NET_BACKEND" != netbridge ] &&
	   [ "$(basename "$(readlink "$dev/driver")" 2>/dev/null)" = \
	     ivshmem-net ] && [ -e "${SYSFS:-/sys}/class/net/$NET_IF" ]; then
		ip addr show "$NET_IF" | grep -q "inet $ROOT_IP/" ||
			ip addr add "$ROOT_IP/24" dev "$NET_IF" || return 1
		ip link set "$NET_IF" up || return 1
		echo "linux-demo.sh: $NET_IF $ROOT_IP/24 (ivshmem-net driver)"
		return 0
	fi
	if ! command -v netbridge-up >/dev/null 2>&1; then
		echo "linux-demo.sh: netbridge-up not installed: no" \
		     "$NET_IF" >&2
		return 1
	fi
	netbridge-up "$NET_PCI" "$NET_IF" "$ROOT_IP/24"
}

wait_inmate() {
	echo "linux-demo.sh: waiting up to $INMATE_BOOT_TIMEOUT s for the" \
	     "inmate at $INMATE_IP"
	end=$(($(date +%s) + INMATE_BOOT_TIMEOUT))
	while [ "$(date +%s)" -lt "$end" ]; do
		if ping -c 1 -W 1 "$INMATE_IP" >/dev/null 2>&1; then
			echo "linux-demo.sh: inmate $INMATE_IP answers"
			return 0
		fi
		# an unreachable network fails at once: do not spin
		sleep 1
	done
	echo "linux-demo.sh: inmate not answering after" \
	     "$INMATE_BOOT_TIMEOUT s; crash-test starts anyway and reports" \
	     "what it sees" >&2
}

run_crash_test() {
	ip link show "$NET_IF" >/dev/null 2>&1 ||
		die "no network interface $NET_IF: the crash test needs the" \
		    "virtual Ethernet link (ivshmem-net device $NET_PCI)"
	wait_inmate
	if [ -n "$background" ]; then
		# shellcheck disable=SC2086 # CRASH_OPTS: several options
		crash-test -i "$CRASH_INTERVAL" ${CRASH_COUNT:+-c $CRASH_COUNT} \
			$CRASH_OPTS -I "$NET_IF" "$INMATE_IP" &
		echo "linux-demo.sh: crash-test running in the background" \
		     "(pid $!); stop it with: kill $!"
	else
		echo "linux-demo.sh: crash-test holds this console until" \
		     "Ctrl-C (summary); to restart the inmate and see the" \
		     "recovery, use -c -b instead"
		# shellcheck disable=SC2086 # CRASH_OPTS: several options
		exec crash-test -i "$CRASH_INTERVAL" \
			${CRASH_COUNT:+-c $CRASH_COUNT} $CRASH_OPTS \
			-I "$NET_IF" "$INMATE_IP"
	fi
}

while getopts cbh opt; do
	case $opt in
	c) crash=1 ;;
	b) background=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }
[ -n "$background" ] && [ -z "$crash" ] &&
	die "-b runs the crash test in the background: use it with -c"

check_artifacts
enable_hypervisor
start_linux_demo
start_root_net || [ -z "$crash" ] ||
	die "cannot bring up $NET_IF for the crash test"
[ -n "$crash" ] && run_crash_test
exit 0
