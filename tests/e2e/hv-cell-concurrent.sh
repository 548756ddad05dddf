# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Cell management is atomic in the hypervisor: two sysfs readers loop over
# every cell's state, CPU lists and statistics (CELL_GET_STATE and
# CPU_GET_INFO hypercalls on root CPUs) and the hypervisor's counters
# while 30 create/load/start/destroy rounds run. A reader may lose a cell
# it was reading (ENOENT, or ENODEV: sysfs removed the file it had open)
# but never reads anything but a state name, never gets another error
# (the driver shows "invalid" for a cell already gone in the hypervisor); the root cell stays healthy, the pool
# returns to its level.
# e2e-timeout: 180
set -e
. /e2e/lib.sh
STOP=/tmp/readers.stop
rm -f $STOP /tmp/reader.*

reader() {
	n=0
	while [ ! -e $STOP ]; do
		for f in $JH/cells/*/state $JH/cells/*/cpus_failed \
			 $JH/cells/*/cpus_failed_list \
			 $JH/cells/*/statistics/*/vmexits_total \
			 $JH/cells/*/statistics/vmexits_total \
			 $JH/mem_pool_used; do
			[ -e "$f" ] || continue
			if ! v=$(cat "$f" 2>/tmp/reader.$1.err); then
				grep -q -e 'No such file' -e 'No such device' \
					/tmp/reader.$1.err ||
					cat /tmp/reader.$1.err >>/tmp/reader.$1.bad
				continue
			fi
			case $f in
			*/state)
				# invalid: the driver asked about a cell the
				# hypervisor destroyed before its sysfs went
				case $v in
				running|"shut down"|failed|invalid) ;;
				*) echo "$f: '$v'" >>/tmp/reader.$1.bad ;;
				esac ;;
			esac
			n=$((n + 1))
		done
	done
	echo $n >/tmp/reader.$1.count
}

hv_enable
pool0=$(cat $JH/mem_pool_used)
reader 1 &
reader 2 &
i=1
while [ $i -le 30 ]; do
	jailhouse cell create "$CELLS/qemu-arm64-inmate-demo.cell" ||
		fail "create #$i"
	jailhouse cell load inmate-demo "$INMATES/uart-demo.bin" \
		-s "period-ms=50" -a 0x1000 || fail "load #$i"
	jailhouse cell start inmate-demo || fail "start #$i"
	jailhouse cell destroy inmate-demo || fail "destroy #$i"
	i=$((i + 1))
done
touch $STOP
wait
for r in 1 2; do
	[ -s /tmp/reader.$r.count ] || fail "reader $r did not finish"
	echo "reader $r: $(cat /tmp/reader.$r.count) reads"
	if [ -s /tmp/reader.$r.bad ]; then
		cat /tmp/reader.$r.bad
		fail "reader $r saw errors or invalid states"
	fi
done
[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool not back"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not back"
[ "$(taskset -c 3 echo ok)" = ok ] || fail "CPU 3"
jailhouse disable || fail "disable"
echo "HV-CELL-CONCURRENT-OK"
