# SPDX-License-Identifier: MIT
# The manual's Performance section on the board (its dd and perf lines
# verbatim): the root cell's SD card (platform/qemu/mksd.sh) holds the
# manual's working directory, Debian's perf and GNU dd; the Linux inmate
# boots the SD card's perf-inmate file system. Then
#  1. the manual's perf line runs in the root (while the inmate boots) and
#     in the inmate (typed, linux-perf.console): counts for cycles, faults,
#     migrations, `<not supported>` for the events QEMU has no model of
#     (linux-perf.check);
#  2. the inmate runs it again while the root runs the manual's dd in
#     /usr/share/jailhouse; dd prints GNU's summary line. make test writes
#     DD_COUNT=400 MiB (about 10 s under TCG), not the manual's 2000 (about
#     70 s on a loaded 2-core host): `make bench` (bench/perf) runs the
#     manual's count;
#  3. the counts are each cell's own: while the inmate spins on its three
#     CPUs, the root's system-wide cycle count (perf -a: CPU 0 only, the
#     others are the inmate's) stays within one CPU's worth of the time the
#     counter ran (QEMU's cycle counter runs at 1 GHz of virtual time, idle
#     or not), where the inmate's three CPUs would add three times more.
# The two cells meet over the virtual Ethernet link: each step's end is an
# ICMP echo request, counted on the other side.
# e2e-sd: yes (the SD card is mounted: platform/qemu/init-root)
# e2e-timeout: 300
set -e
. /e2e/lib.sh
. /etc/profile
CELL=$LINUX_DEMO
DD_COUNT=${DD_COUNT:-400}
INMATE_IP=192.168.0.2
sd=/media/sd/boot
mount | grep -q ' /usr/share/jailhouse type ext4' ||
	fail "the SD card is not mounted at /usr/share/jailhouse (mount-sd)"
[ "$(type dd)" = "dd is an alias for /usr/bin/dd" ] ||
	fail "dd is not GNU dd from the SD card: $(type dd)"

cd /usr/share/jailhouse
INMATE_CPIO=$sd/perf-inmate.rootfs.cpio INMATE_DTB=$sd/perf-inmate.dtb \
	INITRD_WINDOW=$(cat $sd/perf-inmate.window) \
	./linux-demo.sh > /tmp/ld.log 2>&1 ||
	{ cat /tmp/ld.log; fail "linux-demo.sh with the perf inmate"; }

echo "root: the manual's perf line"
# pacing: the manual's measurement window (perf stat ... sleep 5)
perf stat -B -e cache-references,cache-misses,cycles,instructions,branches,faults,migrations sleep 5

wait_for 200 "the inmate's baseline perf stat (ping 1)" icmp_echos_at_least 1
echo "root: dd of $DD_COUNT MiB while the inmate counts"
dd if=/dev/zero of=large_file bs=1M count=$DD_COUNT > /tmp/dd.log 2>&1 &
dd_pid=$!
ping -c 1 -W 5 $INMATE_IP > /dev/null || fail "no echo reply from the inmate"
wait_for 120 "the inmate's perf stat under dd (ping 2)" icmp_echos_at_least 2
if kill -0 $dd_pid 2>/dev/null; then
	echo "root: dd still running when the inmate's perf stat ended"
fi
wait $dd_pid || { cat /tmp/dd.log; fail "dd failed"; }
cat /tmp/dd.log
ls -l large_file
rm -f large_file

wait_for 60 "the inmate's spinners (ping 3)" icmp_echos_at_least 3
cpus=$(grep -c ^processor /proc/cpuinfo)
[ "$cpus" = 1 ] || fail "root has $cpus CPUs online, expected 1"
# pacing: a 2 s measurement window
perf stat -e cycles -a -x, -o /tmp/cycles.csv sleep 2
cat /tmp/cycles.csv
# CSV: count,unit,event,time the counter ran (ns),...
cycles=$(sed -n 's/^\([0-9]*\),[^,]*,cycles,\([0-9]*\),.*/\1/p' /tmp/cycles.csv)
ran=$(sed -n 's/^\([0-9]*\),[^,]*,cycles,\([0-9]*\),.*/\2/p' /tmp/cycles.csv)
[ -n "$cycles" ] && [ -n "$ran" ] ||
	fail "no cycles count from perf stat -a in the root"
limit=$(awk -v t="$ran" 'BEGIN { printf "%.0f", t * 1.05 }')
echo "root: $cycles cycles on CPU 0 in $ran ns counted (limit $limit)"
[ "$cycles" -le "$limit" ] ||
	fail "root counted $cycles cycles, more than its one CPU's $limit"

jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "LINUX-PERF-OK"
