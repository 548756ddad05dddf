# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Per-CPU state does not survive a change of owner. For each group of
# state (gicr: the cell's own redistributor SGIs/PPIs and the virtual CPU
# interface; timer; pmu; debug; el1: thread/context and FP registers) the
# hostile inmate leaves it dirty on CPU 3 (mode=dirty-cpu), then:
#  1. the same cell is reloaded with mode=probe-cpu, which reports any
#     register not in its reset state (checked on the secondary console),
#  2. it is dirtied again and the cell destroyed: CPU 3 must come back
#     online in the root cell and run work there.
# Finally everything at once (what=all), and root dmesg must be clean
# (the original report: "kernel BUG at kernel/irq_work.c", RCU stalls and
# a lost CPU 3 after a cell disabled and pended SGI 2).
# e2e-timeout: 300
set -e
. /e2e/lib.sh

# vmexits_psci of the inmate-demo cell (the inmates' "done" beacon)
psci_exits() {
	for d in "$JH"/cells/*; do
		[ "$(cat "$d/name" 2>/dev/null)" = inmate-demo ] || continue
		cat "$d/statistics/vmexits_psci"
		return 0
	done
	echo 0
}

# wait_beacon N: until the inmate made more than N + 5 PSCI calls (20 s)
wait_beacon() {
	i=0
	while [ "$(psci_exits)" -le $(($1 + 5)) ]; do
		[ $i -ge 200 ] && fail "no PSCI beacon from the inmate " \
			"(state $(cell_state inmate-demo))"
		usleep 100000
		i=$((i + 1))
	done
}

reload() {
	n=$(psci_exits)
	jailhouse cell load inmate-demo "$INMATES/hostile.bin" -s "$1" \
		-a 0x1000 || fail "cell load '$1'"
	jailhouse cell start inmate-demo || fail "cell start '$1'"
	wait_beacon "$n"
	[ "$(cell_state inmate-demo)" = running ] ||
		fail "'$1': cell state $(cell_state inmate-demo)"
}

cpu3_works() {
	wait_cpu=0
	while [ "$(cat /sys/devices/system/cpu/cpu3/online)" != 1 ]; do
		[ $wait_cpu -ge 100 ] && fail "$1: CPU 3 not back online"
		usleep 100000
		wait_cpu=$((wait_cpu + 1))
	done
	[ "$(taskset -c 3 sh -c 'i=0; while [ $i -lt 2000 ]; do
		i=$((i + 1)); done; echo $i')" = 2000 ] ||
		fail "$1: no work done on CPU 3"
	echo "$1: CPU 3 back in the root cell and working"
}

hv_enable
dmesg_lines=$(dmesg | wc -l)
for what in gicr timer pmu debug el1; do
	run_inmate hostile.bin "mode=dirty-cpu what=$what"
	wait_beacon 0
	reload "mode=probe-cpu"
	reload "mode=dirty-cpu what=$what"
	jailhouse cell destroy inmate-demo || fail "$what: destroy"
	cpu3_works "$what"
done
run_inmate hostile.bin "mode=dirty-cpu what=all"
wait_beacon 0
reload "mode=probe-cpu"
reload "mode=dirty-cpu what=all"
jailhouse cell destroy inmate-demo || fail "all: destroy"
cpu3_works all
# the next cell on the same CPU, after the root had it, starts clean too
run_inmate hostile.bin "mode=probe-cpu"
wait_beacon 0
jailhouse cell destroy inmate-demo || fail "last probe: destroy"
cpu3_works "last probe"
jailhouse disable || fail "disable"
cpu3_works "after disable"
if dmesg | tail -n +$((dmesg_lines + 1)) | grep -iE \
	'bug|warn|stall|oops|internal error|unable to handle|call trace|not come back|spurious'
then
	fail "root dmesg reports the lines above"
fi
echo "CPU-STATE-OK"
