# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Under the hypervisor the root cell keeps working: all CPUs, the virtio
# console, a parallel CPU + memory workload with verified results, and CPU
# offline/online (the CPU is parked inside the hypervisor meanwhile).
# e2e-timeout: 90
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
modprobe jailhouse

# workload: per CPU, fill 16 MiB, copy it around, checksum
work() {
	dd if=/dev/urandom of=/tmp/in.$1 bs=1M count=4 2>/dev/null
	cat /tmp/in.$1 /tmp/in.$1 /tmp/in.$1 /tmp/in.$1 > /tmp/big.$1
	i=0; while [ $i -lt 3 ]; do
		cp /tmp/big.$1 /tmp/copy.$1; i=$((i + 1)); done
	md5sum < /tmp/copy.$1 | cut -d' ' -f1
}
for c in 0 1 2 3; do
	dd if=/dev/urandom of=/tmp/seed.$c bs=1M count=4 2>/dev/null
	cat /tmp/seed.$c /tmp/seed.$c /tmp/seed.$c /tmp/seed.$c |
		md5sum | cut -d' ' -f1 > /tmp/ref.$c
done

jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
echo "virtio console alive under the hypervisor"

for c in 0 1 2 3; do
	taskset -c $c sh -c "
		cp /tmp/seed.$c /tmp/in.$c
		cat /tmp/in.$c /tmp/in.$c /tmp/in.$c /tmp/in.$c > /tmp/big.$c
		i=0; while [ \$i -lt 3 ]; do cp /tmp/big.$c /tmp/cp.$c;
			i=\$((i + 1)); done
		n=0; x=0; while [ \$n -lt 20000 ]; do
			x=\$(((x * 31 + n) % 1000003)); n=\$((n + 1)); done
		echo \$x > /tmp/calc.$c
		md5sum < /tmp/cp.$c | cut -d' ' -f1 > /tmp/out.$c" &
done
wait
x=0; n=0
while [ $n -lt 20000 ]; do x=$(((x * 31 + n) % 1000003)); n=$((n + 1)); done
for c in 0 1 2 3; do
	cmp -s /tmp/ref.$c /tmp/out.$c || fail "CPU $c: memory result differs"
	[ "$(cat /tmp/calc.$c)" = "$x" ] || fail "CPU $c: computed wrong value"
	echo "CPU $c: workload verified"
done
rm -f /tmp/big.* /tmp/cp.* /tmp/in.*

psci0=$(cat $JH/cells/0/statistics/vmexits_psci)
for c in 3 2 1; do
	echo 0 > /sys/devices/system/cpu/cpu$c/online
	grep -q "^$c\$" /sys/devices/system/cpu/offline ||
		grep -q "$c" /sys/devices/system/cpu/offline || fail "cpu$c on"
	echo 1 > /sys/devices/system/cpu/cpu$c/online
	[ "$(taskset -c $c cat /sys/devices/jailhouse/enabled)" = 1 ] ||
		fail "cpu$c does not run tasks after online"
	echo "CPU $c offline and online again"
done
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
psci1=$(cat $JH/cells/0/statistics/vmexits_psci)
echo "PSCI exits: $psci0 -> $psci1"
[ "$psci1" -ge $((psci0 + 6)) ] || fail "hotplug did not go through PSCI"
[ "$(cat $JH/cells/0/cpus_failed_list)" = "" ] || fail "failed CPUs"

# offline a CPU and disable while it is parked: it must come back natively
echo 0 > /sys/devices/system/cpu/cpu2/online
jailhouse disable
echo 1 > /sys/devices/system/cpu/cpu2/online
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "cpu2 not back"
[ "$(taskset -c 2 echo ok)" = ok ] || fail "cpu2 does not run"
echo "HV-ROOT-WORKS-OK"
