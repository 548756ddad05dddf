# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Enable, CPU hotplug and disable, 30 times, while every CPU runs a
# checksum workload (forks, IPIs, memory traffic): the transitions between
# native and virtualized CPUs lose no interrupt and corrupt no data.
# e2e-timeout: 180
set -e
. /e2e/lib.sh
fail() { echo "FAIL: $*"; touch /tmp/stop; exit 1; }
# CPU hotplug answers EBUSY while a PCI probe holds it off: after each
# enable, the hotplug helper binds the root's new ivshmem devices.
cpu_online() { echo "$2" > "/sys/devices/system/cpu/cpu$1/online"; }
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse
ref=$(dd if=/dev/zero bs=64k count=32 2>/dev/null | md5sum)
for c in 0 1 2 3; do
	taskset -c $c sh -c "
		n=0
		while [ ! -f /tmp/stop ]; do
			s=\$(dd if=/dev/zero bs=64k count=32 2>/dev/null | md5sum)
			[ \"\$s\" = '$ref' ] || echo bad >> /tmp/bad
			n=\$((n + 1))
		done
		echo \$n > /tmp/count.$c" &
done
i=1
while [ $i -le 30 ]; do
	jailhouse enable $CELL || fail "enable #$i"
	c=$((i % 3 + 1))
	wait_secs 10 cpu_online $c 0 || fail "CPU $c offline #$i"
	wait_secs 10 cpu_online $c 1 || fail "CPU $c online #$i"
	jailhouse disable || fail "disable #$i"
	i=$((i + 1))
done
touch /tmp/stop
wait
[ ! -f /tmp/bad ] || fail "$(wc -l < /tmp/bad) corrupted checksums"
for c in 0 1 2 3; do
	echo "CPU $c: $(cat /tmp/count.$c) verified checksums"
	[ "$(cat /tmp/count.$c)" -gt 0 ] || fail "CPU $c made no progress"
done
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
echo "HV-STRESS-OK"
