# SPDX-License-Identifier: MIT
# 20 enable/disable cycles in one boot: no hang, no leak (kernel memory,
# kernel mappings, hypervisor page pool), Linux fine afterwards.
# e2e-timeout: 90
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse
mappings() { grep -c jailhouse /proc/vmallocinfo || true; }
avail() {
	sync; echo 3 > /proc/sys/vm/drop_caches
	sed -n 's/^MemAvailable: *\([0-9]*\).*/\1/p' /proc/meminfo
}

jailhouse enable $CELL
pool0=$(cat $JH/mem_pool_used)
jailhouse disable
map0=$(mappings)
i=1
while [ $i -le 20 ]; do
	# leaks show as a steady loss: compare cycle 10 with cycle 20
	[ $i = 11 ] && mem0=$(avail)
	jailhouse enable $CELL || fail "enable #$i"
	[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool use changed"
	[ "$(cat $JH/cells/0/state)" = running ] || fail "state #$i"
	jailhouse disable || fail "disable #$i"
	i=$((i + 1))
done
echo "20 cycles done"
mem1=$(avail)
map1=$(mappings)
echo "MemAvailable after 10 and 20 cycles: $mem0 kB -> $mem1 kB;" \
	"driver mappings $map0 -> $map1"
[ "$map1" = "$map0" ] || fail "kernel mappings leaked"
[ $((mem0 - mem1)) -lt 1024 ] || fail "10 cycles lost more than 1 MiB"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
for c in 0 1 2 3; do [ "$(taskset -c $c echo ok)" = ok ]; done
rmmod jailhouse || fail "module still busy after disable"
echo "HV-CYCLES-OK"
