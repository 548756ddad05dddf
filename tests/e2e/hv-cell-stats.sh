# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Per-CPU statistics in sysfs, laid out like the system we replace:
# cells/<id>/statistics/cpu<N>/<counter> for each CPU of the cell and
# cells/<id>/statistics/<counter> summing them; the root cell's per-CPU
# directories follow the CPUs it gives away and gets back; the counters
# of a cell running gic-demo (10 timer interrupts a second) rise.
# e2e-timeout: 60
set -e
. /e2e/lib.sh
JH=/sys/devices/jailhouse
CELLS=/usr/share/jailhouse/cells
COUNTERS="vmexits_total vmexits_mmio vmexits_management vmexits_hypercall
vmexits_maintenance vmexits_virq vmexits_vsgi vmexits_psci vmexits_smccc"
modprobe jailhouse
jailhouse enable $CELLS/qemu-arm64.cell

# cpu_dirs ID: the per-CPU directory names of cell ID, on one line
cpu_dirs() {
	echo $(cd $JH/cells/$1/statistics && ls -d cpu* 2>/dev/null)
}

[ "$(cpu_dirs 0)" = "cpu0 cpu1 cpu2 cpu3" ] || fail "root: $(cpu_dirs 0)"
for c in $COUNTERS; do
	[ -r $JH/cells/0/statistics/$c ] || fail "root: no $c"
	[ -r $JH/cells/0/statistics/cpu2/$c ] || fail "root: no cpu2/$c"
done

jailhouse cell create $CELLS/qemu-arm64-inmate-demo.cell
[ "$(cpu_dirs 0)" = "cpu0 cpu1 cpu2" ] || fail "root kept $(cpu_dirs 0)"
[ "$(cpu_dirs 1)" = cpu3 ] || fail "cell: $(cpu_dirs 1)"
jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/gic-demo.bin
jailhouse cell start inmate-demo
expect_secondary '^Timer fired, jitter' 20
S=$JH/cells/1/statistics
t1=$(cat $S/cpu3/vmexits_total); v1=$(cat $S/cpu3/vmexits_virq)
# pacing: the window over which the counters must move, not a wait
sleep 2
t2=$(cat $S/cpu3/vmexits_total); v2=$(cat $S/cpu3/vmexits_virq)
sum=$(cat $S/vmexits_total)
echo "cpu3 vmexits_total $t1 -> $t2, vmexits_virq $v1 -> $v2, sum $sum"
[ "$t2" -gt "$t1" ] || fail "vmexits_total did not rise"
[ "$v2" -ge $((v1 + 10)) ] || fail "vmexits_virq: $v1 -> $v2 in 2 s at 10 Hz"
[ "$sum" -ge "$t2" ] || fail "cell-wide sum $sum below CPU 3's $t2"
for c in $COUNTERS; do
	grep -q '^[0-9][0-9]*$' $S/cpu3/$c || fail "cpu3/$c: $(cat $S/cpu3/$c)"
done

jailhouse cell destroy inmate-demo
[ ! -e $JH/cells/1 ] || fail "cell directory left"
[ "$(cpu_dirs 0)" = "cpu0 cpu1 cpu2 cpu3" ] || fail "root: $(cpu_dirs 0)"
jailhouse disable
echo "HV-CELL-STATS-OK"
