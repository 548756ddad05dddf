# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Accesses to an emulated region (the GIC distributor) that the hypervisor
# cannot replay safely: a misaligned 4-byte read (GICD + 0x102), an
# exclusive load (LDXR) and a load pair (LDP, no syndrome: ISV=0). Each
# parks the cell with a message naming the cell, the CPU, the access, its
# width (or "unknown width"), its address and the PC; the root cell
# carries on after each (see the .check). Then the GIC's LPI side (mode
# its): LPI tables written into the cell's own redistributor never take
# (GICD_TYPER.LPIS, GICR_TYPER.PLPIS, EnableLPIs, PROPBASER, PENDBASER
# read 0) and a read of the ITS frame parks the cell, naming the ITS.
set -e
. /e2e/lib.sh
for mode in mmio-misaligned mmio-exclusive mmio-pair its; do
	hostile_is_parked "mode=$mode"
done
grep -q '^processor[[:space:]]*: 3' /proc/cpuinfo ||
	fail "CPU 3 did not come back to the root cell"
echo "root cell works after four refused accesses"
