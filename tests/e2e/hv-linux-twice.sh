# SPDX-License-Identifier: MIT
# e2e-accel: multi
# The Linux demo booted twice in one hypervisor session (linux-demo.sh):
# the second boot must not find the first one's initramfs in its RAM
# ("Initramfs unpacking failed: invalid magic", see the .check). Each boot
# is done when the inmate answers pings over the virtual Ethernet link.
# e2e-timeout: 420
set -e
. /e2e/lib.sh
LD=/usr/share/jailhouse/linux-demo.sh
ETHSTATS=/usr/libexec/jailhouse-tests/ethstats

wait_ping() {
	end=$(($(date +%s) + $1))
	until ping -c 1 -W 1 192.168.0.2 >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		usleep 200000
	done
}

for boot in 1 2; do
	$LD >/tmp/ld.log 2>&1 || { cat /tmp/ld.log; fail "linux-demo.sh #$boot"; }
	wait_ping 150 || {
		$ETHSTATS enP1p0s1
		fail "boot #$boot: the inmate does not answer pings"
	}
	echo "boot #$boot: the inmate answers"
	# the root's link went down once per inmate gone before: a handshake
	# never passes through RUN with the peer below READY (ABI.md), which
	# the driver takes for a peer restart (a link stuck in RESET/INIT
	# when the cells run really in parallel)
	resets=$($ETHSTATS enP1p0s1 | sed -n 's/^resets //p')
	[ "$resets" = $((boot - 1)) ] ||
		fail "boot #$boot: root's enP1p0s1 reset ${resets:-?} times, expected $((boot - 1))"
	jailhouse cell shutdown $LINUX_DEMO || fail "shutdown #$boot"
	jailhouse cell destroy $LINUX_DEMO || fail "destroy #$boot"
done
jailhouse disable || fail "disable"
echo "HV-LINUX-TWICE-OK"
