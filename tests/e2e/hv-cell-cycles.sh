# SPDX-License-Identifier: MIT
# e2e-accel: multi
# 50 create/load/start/destroy rounds of a bare-metal cell in one
# hypervisor session: the CPU always comes back to Linux, the hypervisor's
# page pool returns to the same level, the root cell keeps its memory.
# (About 30 s on a loaded 2-core host, boot included.)
# e2e-timeout: 90
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELLS=/usr/share/jailhouse/cells
modprobe jailhouse
jailhouse enable $CELLS/qemu-arm64.cell
pool0=$(cat $JH/mem_pool_used)
i=1
while [ $i -le 50 ]; do
	jailhouse cell create $CELLS/qemu-arm64-inmate-demo.cell ||
		fail "create #$i"
	jailhouse cell load inmate-demo \
		/usr/share/jailhouse/inmates/uart-demo.bin \
		-s "period-ms=50" -a 0x1000 || fail "load #$i"
	jailhouse cell start inmate-demo || fail "start #$i"
	[ "$(cat $JH/cells/1/state)" = running ] || fail "state #$i"
	# pacing: destroy a cell that is busy printing, not one just started
	usleep 300000
	jailhouse cell destroy inmate-demo || fail "destroy #$i"
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs #$i"
	[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool #$i"
	i=$((i + 1))
done
[ "$(taskset -c 3 echo ok)" = ok ] || fail "CPU 3"
devmem 0xfff00000 32 > /dev/null || fail "memory not back in the root cell"
jailhouse disable
echo "HV-CELL-CYCLES-OK"
