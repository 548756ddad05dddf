# SPDX-License-Identifier: MIT
# The reserved range 0xdfa00000-0xffffffff (hypervisor, inmates, ivshmem) is
# absent from the root cell's System RAM, and the PL011 is not claimed by the
# root cell; bytes written to its data register reach the secondary console.
set -e
cat /proc/iomem
# Every System RAM range must end before 0xdfa00000 or start after 4 GiB.
grep 'System RAM' /proc/iomem | while IFS='-: ' read -r start end _; do
	s=$((0x$start)); e=$((0x$end))
	if [ "$e" -ge $((0xdfa00000)) ] && [ "$s" -le $((0xffffffff)) ]; then
		echo "FAIL: System RAM $start-$end overlaps the reserved range"
		exit 1
	fi
done
grep -q '^40000000-df9fffff : System RAM' /proc/iomem
if grep -qi '09000000-.*pl011\|uart-pl011\|ttyAMA' /proc/iomem; then
	echo "FAIL: the PL011 is claimed by the root cell"
	exit 1
fi
if ls /dev/ttyAMA* >/dev/null 2>&1; then
	echo "FAIL: the root cell has a PL011 tty"
	exit 1
fi
for c in R O O T - T O - P L 0 1 1 - O K; do
	devmem 0x09000000 8 "$(printf '%d' "'$c")"
done
devmem 0x09000000 8 10
echo "wrote ROOT-TO-PL011-OK to the PL011 data register"
