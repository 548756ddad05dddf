# SPDX-License-Identifier: MIT
# e2e-accel: multi
# A cell never inherits another's memory: the hostile inmate fills its RAM
# (0x20000-0xfffff) with a pattern; once the cell is destroyed the root
# cell finds none of it there, and a new cell created on the same RAM
# scans it and finds none (see the .check). Also measures `jailhouse cell
# create` and `destroy` of the 512 MiB Linux demo cell (they scrub it).
# e2e-timeout: 150
set -e
. /e2e/lib.sh
PATTERN=0x686F7374696C6521	# "hostile!" read as a little-endian u64

hv_enable
run_inmate hostile.bin "mode=fill"
wait_cell_state inmate-demo "shut down" 20 ||
	fail "fill: cell state '$(cell_state inmate-demo)', expected shut down"
jailhouse cell destroy inmate-demo || fail "destroy after fill"
# the root cell got the memory back: the tenant's data must be gone
for off in 0x20000 0x80000 0xffff8; do
	v=$(devmem $((0xfff00000 + off)) 64)
	[ "$(printf '%d' "$v")" != "$(printf '%d' $PATTERN)" ] ||
		fail "0x$(printf '%x' $((0xfff00000 + off))) still holds the" \
		     "destroyed cell's pattern"
done
echo "root: no pattern left in 0xfff00000-0xfffff after destroy"

# the root's own leftovers: a new cell must not see them either
devmem 0xfff40000 64 $PATTERN
run_inmate hostile.bin "mode=scan"
wait_cell_state inmate-demo "shut down" 20 ||
	fail "scan: cell state '$(cell_state inmate-demo)', expected shut down"
jailhouse cell destroy inmate-demo || fail "destroy after scan"

# cost of the scrub: create and destroy of the Linux demo cell (512 MiB)
ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }	# 10 ms steps
for i in 1 2 3; do
	t0=$(ms)
	jailhouse cell create "$CELLS/$LINUX_DEMO.cell" || fail "create #$i"
	t1=$(ms)
	jailhouse cell destroy $LINUX_DEMO || fail "destroy #$i"
	t2=$(ms)
	echo "timing: linux-demo create $((t1 - t0)) ms, destroy $((t2 - t1)) ms"
done
jailhouse disable || fail "disable"
echo "HV-CELL-SCRUB-OK"
