# SPDX-License-Identifier: MIT
# Board side of bench/perf (the manual's Cache Benchmark): the perf inmate
# (platform/qemu/mksd.sh) runs perf stat ROUNDS times alone, then ROUNDS
# times while the root cell runs the manual's dd in /usr/share/jailhouse
# (perf-dd.console types the inmate's side); bench/perf/run compares.
# The cells meet over the virtual Ethernet link: each phase's end is an
# ICMP echo request counted on the other side.
# e2e-sd: yes (the SD card is mounted: platform/qemu/init-root)
# e2e-timeout: 600
set -e
. /e2e/lib.sh
. /etc/profile
CELL=$LINUX_DEMO
sd=/media/sd/boot
cd /usr/share/jailhouse
INMATE_CPIO=$sd/perf-inmate.rootfs.cpio INMATE_DTB=$sd/perf-inmate.dtb \
	INITRD_WINDOW=$(cat $sd/perf-inmate.window) \
	./linux-demo.sh > /tmp/ld.log 2>&1 ||
	{ cat /tmp/ld.log; fail "linux-demo.sh with the perf inmate"; }
wait_for 400 "the inmate's baseline rounds (ping 1)" icmp_echos_at_least 1
echo "BENCH-INFO dd starts"
dd if=/dev/zero of=large_file bs=1M count=2000 > /tmp/dd.log 2>&1 &
dd_pid=$!
ping -c 1 -W 5 192.168.0.2 > /dev/null || fail "no echo reply from the inmate"
wait_for 300 "the inmate's rounds under dd (ping 2)" icmp_echos_at_least 2
if kill -0 $dd_pid 2>/dev/null; then
	echo "BENCH-INFO dd outlasted the loaded rounds"
else
	echo "BENCH-INFO dd ended before the last loaded round"
fi
wait $dd_pid || { cat /tmp/dd.log; fail "dd failed"; }
sed 's/^/BENCH-INFO dd: /' /tmp/dd.log
rm -f large_file
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "BENCH-INFO done"
