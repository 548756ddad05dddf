# SPDX-License-Identifier: MIT
# The PMU is the cell's own: a hostile bare-metal cell first leaves CPU 3
# with counters running and the overflow interrupt on (dirty-cpu
# what=all), is destroyed; then the Linux inmate on CPUs 1-3 (file system
# with pmucount, linux-pmu.stage) counts cycles with a hardware perf event
# and gets the PMU overflow interrupt (linux-pmu.console). The inmate then
# pings the root cell, which is how this side knows it is done. The root
# gets its CPUs back and its dmesg stays clean.
# e2e-timeout: 240
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
hv_enable
dmesg_lines=$(dmesg | wc -l)
run_inmate hostile.bin "mode=dirty-cpu what=all"
i=0
until [ "$(cat $JH/cells/1/statistics/vmexits_psci)" -gt 5 ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "no beacon from the hostile inmate"
	usleep 100000
done
jailhouse cell destroy inmate-demo || fail "destroy of the hostile cell"
jailhouse disable || fail "disable"
INMATE_CPIO=/boot/pmu-inmate.rootfs.cpio \
	/usr/share/jailhouse/linux-demo.sh > /tmp/ld.log 2>&1 ||
	{ cat /tmp/ld.log; fail "linux-demo.sh with the pmucount cpio"; }
i=0
until [ "$(icmp_echos_in)" -ge 1 ]; do
	i=$((i + 1))
	[ $i -lt 1500 ] || fail "the inmate never pinged: did pmucount run?"
	usleep 100000
done
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not back"
jailhouse disable || fail "disable failed"
if dmesg | tail -n +$((dmesg_lines + 1)) | grep -iE \
	'bug|warn|stall|oops|internal error|unable to handle|call trace'
then
	fail "root dmesg reports the lines above"
fi
echo "LINUX-PMU-OK"
