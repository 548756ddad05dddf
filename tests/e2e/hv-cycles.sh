# SPDX-License-Identifier: MIT
# e2e-accel: multi
# 20 enable/disable cycles in one boot: no hang, no leak (kernel memory,
# kernel mappings, hypervisor page pool), Linux fine afterwards. Memory is
# compared once the freshly booted system has settled (20 warm-up cycles),
# against a control loop that runs the same commands without the
# hypervisor: unreclaimable slab (where the driver's allocations live;
# noise about 0.1 MiB) within 0.5 MiB, MemAvailable (all pages; noise up
# to 6 MiB after drop_caches, measured over 9 boots) within 8 MiB.
# e2e-timeout: 90
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse
# mem FIELD: that /proc/meminfo field in kB, caches dropped and the
# per-CPU page lists drained (compaction does)
mem() {
	sync; echo 3 > /proc/sys/vm/drop_caches
	echo 1 > /proc/sys/vm/compact_memory
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}
cycle() {
	jailhouse enable $CELL || fail "enable #$1"
	[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool use changed"
	[ "$(cat $JH/cells/0/state)" = running ] || fail "state #$1"
	jailhouse disable || fail "disable #$1"
}
control() {
	jailhouse --help > /dev/null
	[ "$(cat $JH/enabled)" = 0 ]
	[ "$(cat $JH/enabled)" = 0 ]
	jailhouse console > /dev/null
}

jailhouse enable $CELL
pool0=$(cat $JH/mem_pool_used)
jailhouse disable
for i in $(seq 20); do cycle w$i; control; done
m0=$(mem MemAvailable) s0=$(mem SUnreclaim)
for i in $(seq 20); do control; done
m1=$(mem MemAvailable) s1=$(mem SUnreclaim)
for i in $(seq 20); do cycle $i; done
m2=$(mem MemAvailable) s2=$(mem SUnreclaim)
echo "20 cycles done"
echo "MemAvailable: control loop $((m0 - m1)) kB, 20 cycles $((m1 - m2)) kB"
echo "SUnreclaim growth: control loop $((s1 - s0)) kB, 20 cycles" \
	"$((s2 - s1)) kB"
[ $((s2 - s1)) -lt $((s1 - s0 + 512)) ] ||
	fail "20 cycles left 0.5 MiB more slab than the control loop"
[ $((m1 - m2)) -lt $((m0 - m1 + 8192)) ] ||
	fail "20 cycles lost 8 MiB more than the control loop"
[ "$(grep -c jailhouse /proc/vmallocinfo || true)" = 0 ] ||
	fail "driver mappings left"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
for c in 0 1 2 3; do [ "$(taskset -c $c echo ok)" = ok ]; done
rmmod jailhouse || fail "module still busy after disable"
echo "HV-CYCLES-OK"
