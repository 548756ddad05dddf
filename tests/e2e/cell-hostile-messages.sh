# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Precise messages: an 8-byte read that runs over the end of the cell's
# RAM (0xffffc, RAM ends at 0x100000) is reported at its own address, not
# at the next page's; a cell whose only CPU does PSCI CPU_OFF is shut down
# with a message instead of staying "running". The root cell carries on.
set -e
. /e2e/lib.sh
hostile_is_parked "mode=read-straddle"

hv_enable
run_inmate hostile.bin "mode=cpu-off"
wait_cell_state inmate-demo "shut down" 10 ||
	fail "cell state is '$(cell_state inmate-demo)' after CPU_OFF of" \
	     "its only CPU, expected shut down"
[ "$(cell_list_row inmate-demo)" = "1 inmate-demo shut down 3" ] ||
	fail "cell list after CPU_OFF: '$(cell_list_row inmate-demo)'"
# it can be started again: the CPU comes back from CPU_OFF
jailhouse cell start inmate-demo || fail "restart after CPU_OFF"
wait_cell_state inmate-demo "shut down" 10 ||
	fail "state '$(cell_state inmate-demo)' after the second CPU_OFF"
jailhouse cell destroy inmate-demo || fail "destroy after CPU_OFF"
jailhouse disable || fail "disable after CPU_OFF"
grep -q '^processor[[:space:]]*: 3' /proc/cpuinfo ||
	fail "CPU 3 did not come back to the root cell"
echo "root cell still alive"
