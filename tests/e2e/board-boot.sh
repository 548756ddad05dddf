# SPDX-License-Identifier: MIT
# The board boots to the root shell with all 4 CPUs online and the root
# cell's console on hvc0 (virtio), not on the PL011 (no ttyAMA device).
set -e
online=$(cat /sys/devices/system/cpu/online)
echo "cpus online: $online"
[ "$online" = "0-3" ]
[ "$(grep -c ^processor /proc/cpuinfo)" -eq 4 ]
if ls /dev/ttyAMA* >/dev/null 2>&1; then
	echo "FAIL: root cell has a PL011 tty"
	exit 1
fi
tty=$(readlink /proc/$$/fd/1)
echo "stdout: $tty"
[ "$tty" = /dev/hvc0 ]
echo "started at EL2: $(dmesg | grep -c 'CPU: All CPU(s) started at EL2')"
dmesg | grep -q 'CPU: All CPU(s) started at EL2'
echo "kernel: $(uname -r)"
