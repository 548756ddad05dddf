# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Set/way cache maintenance is trapped (HCR_EL2.TSW) and emulated by
# address on the cell's own memory: the hostile inmate's DC CISW, DC CSW
# and DC ISW loops over every cache level complete, the cell keeps running
# (not parked), the hypervisor says on the secondary console that it
# trapped them, and the root cell is unharmed (a file written before is
# intact, CPU 3 comes back, dmesg is clean).
# e2e-timeout: 180
set -e
. /e2e/lib.sh

psci_exits() {
	for d in "$JH"/cells/*; do
		[ "$(cat "$d/name" 2>/dev/null)" = inmate-demo ] || continue
		cat "$d/statistics/vmexits_psci"
		return 0
	done
	echo 0
}

hv_enable
dmesg_lines=$(dmesg | wc -l)
dd if=/dev/urandom of=/tmp/canary bs=1024 count=512 2>/dev/null
sum0=$(md5sum < /tmp/canary)
run_inmate hostile.bin "mode=setway"
i=0
while [ "$(psci_exits)" -le 5 ]; do
	[ $i -ge 600 ] && fail "no PSCI beacon: the set/way loops did not " \
		"finish (state $(cell_state inmate-demo))"
	usleep 100000
	i=$((i + 1))
done
[ "$(cell_state inmate-demo)" = running ] ||
	fail "cell state is '$(cell_state inmate-demo)', expected running"
[ "$(md5sum < /tmp/canary)" = "$sum0" ] || fail "root data changed"
jailhouse cell destroy inmate-demo || fail "cell destroy"
i=0
while [ "$(cat /sys/devices/system/cpu/cpu3/online)" != 1 ]; do
	[ $i -ge 100 ] && fail "CPU 3 not back online"
	usleep 100000
	i=$((i + 1))
done
[ "$(taskset -c 3 echo ok)" = ok ] || fail "CPU 3 does not run work"
jailhouse disable || fail "disable"
if dmesg | tail -n +$((dmesg_lines + 1)) | grep -iE \
	'bug|warn|stall|oops|internal error|unable to handle|call trace'
then
	fail "root dmesg reports the lines above"
fi
echo "SETWAY-OK"
