# SPDX-License-Identifier: MIT
# Helpers for end-to-end scenarios, available on the board as /e2e/lib.sh:
#   . /e2e/lib.sh
# (tests/e2e/run ships this file with every scenario.)

CELLS=/usr/share/jailhouse/cells
INMATES=/usr/share/jailhouse/inmates
JH=/sys/devices/jailhouse

fail() {
	echo "FAIL: $*"
	exit 1
}

# hv_enable: loads the driver and enables the hypervisor with the board's
# root cell.
hv_enable() {
	modprobe jailhouse || fail "cannot load jailhouse.ko"
	jailhouse enable "$CELLS/qemu-arm64.cell" || fail "enable failed"
}

# cell_state NAME: prints the state of the cell called NAME, as sysfs
# spells it ("running", "shut down", "failed", ...).
cell_state() {
	for d in "$JH"/cells/*; do
		if [ "$(cat "$d/name" 2>/dev/null)" = "$1" ]; then
			cat "$d/state"
			return 0
		fi
	done
	echo "no cell named $1"
	return 1
}

# wait_cell_state NAME STATE SECONDS: waits until the cell is in STATE.
wait_cell_state() {
	i=0
	while [ "$(cell_state "$1")" != "$2" ]; do
		[ $i -ge $(($3 * 10)) ] && return 1
		usleep 100000
		i=$((i + 1))
	done
}

# run_inmate IMAGE [CMDLINE]: creates the inmate-demo cell and starts IMAGE
# in it, with CMDLINE at 0x1000 if given.
run_inmate() {
	jailhouse cell create "$CELLS/qemu-arm64-inmate-demo.cell" ||
		fail "cell create failed"
	if [ -n "${2:-}" ]; then
		jailhouse cell load inmate-demo "$INMATES/$1" -s "$2" -a 0x1000
	else
		jailhouse cell load inmate-demo "$INMATES/$1"
	fi || fail "cell load $1 failed"
	jailhouse cell start inmate-demo || fail "cell start failed"
}

# cell_list_row NAME: the `jailhouse cell list` row of cell NAME, spaces
# squeezed ("1 inmate-demo running 3").
cell_list_row() {
	jailhouse cell list | tr -s ' ' | sed 's/ $//' | grep "^[0-9]* $1 "
}

# hostile_is_parked CMDLINE: runs the hostile inmate with CMDLINE and
# expects the hypervisor to stop the cell, the root cell to carry on and
# the cell to be destroyable.
hostile_is_parked() {
	hv_enable
	run_inmate hostile.bin "$1"
	wait_cell_state inmate-demo failed 10 ||
		fail "cell state is '$(cell_state inmate-demo)', expected failed"
	echo "state: $(cell_state inmate-demo)"
	cell_list_row inmate-demo
	jailhouse cell destroy inmate-demo || fail "destroy of the failed cell"
	jailhouse disable || fail "disable after the failed cell"
	echo "root cell still alive"
}

# start_linux_demo: creates the Linux demo cell and boots the inmate
# kernel in it with `jailhouse cell linux` (addresses from the cell config)
# and the board's paths, as linux-demo.sh does.
LINUX_DEMO=qemu-arm64-linux-demo
start_linux_demo() {
	jailhouse cell linux "$CELLS/$LINUX_DEMO.cell" /boot/Image \
		-d /usr/share/jailhouse/inmate-qemu-arm64.dtb \
		-i /boot/jailhouse-inmate-qemu-arm64.rootfs.cpio ||
		fail "jailhouse cell linux failed"
}

# icmp_echos_in: ICMP echo requests this cell's stack has received
icmp_echos_in() {
	awk '/^Icmp:/ { if (!n++) { for (i = 2; i <= NF; i++)
		if ($i == "InEchos") col = i } else print $col }' /proc/net/snmp
}

# wait_secondary REGEX [SECONDS]: waits (default 30 s) until a line of the
# secondary console (hypervisor, inmates) that comes after the previous
# wait's match matches the extended REGEX. The host reads the console and
# answers over the virtio serial port e2e.sync (see tests/e2e/run).
wait_secondary() {
	local port reply id
	if [ -z "${E2E_SYNC_FD:-}" ]; then
		port=
		for p in /sys/class/virtio-ports/*; do
			[ "$(cat "$p/name" 2>/dev/null)" = e2e.sync ] &&
				port=/dev/${p##*/}
		done
		[ -n "$port" ] || fail "no e2e.sync virtio port (tests/e2e/run)"
		exec 7<>"$port"
		E2E_SYNC_FD=7
	fi
	E2E_WAIT_ID=$((${E2E_WAIT_ID:-0} + 1))
	id=$E2E_WAIT_ID
	echo "@@E2E-WAIT@@ $id ${2:-30} $1" >&7
	while IFS= read -r reply <&7; do
		case $reply in
		"@@E2E-DONE@@ $id ok"*) return 0 ;;
		"@@E2E-DONE@@ $id "*) return 1 ;;
		esac
	done
	return 1
}

# expect_secondary REGEX [SECONDS]: wait_secondary or fail naming it
expect_secondary() {
	wait_secondary "$@" ||
		fail "secondary console: no line matching /$1/ within ${2:-30}s"
}

# wait_secs SECONDS CMD...: polls CMD every 0.1 s until it succeeds;
# returns 1 if it did not within SECONDS.
wait_secs() {
	local n=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ $n -gt 0 ] || return 1
		usleep 100000
		n=$((n - 1))
	done
}

# wait_for SECONDS WHAT CMD...: wait_secs or fail naming WHAT
wait_for() {
	local secs=$1 what=$2
	shift 2
	wait_secs "$secs" "$@" || fail "$what: not within ${secs}s"
}

# icmp_echos_at_least N: this cell's stack received N echo requests
icmp_echos_at_least() {
	[ "$(icmp_echos_in)" -ge "$1" ]
}
