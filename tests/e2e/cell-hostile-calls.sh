# SPDX-License-Identifier: MIT
# e2e-accel: multi
# A cell asks for what is not its to have: PSCI CPU_ON of the root's CPU 0,
# the hypercalls that disable the hypervisor and destroy cells, a firmware
# SMC, an HVC that is not the hypervisor's. Each is refused with an error
# code (checked on the inmate's console); the cell keeps running, the root
# cell and its CPU 0 are untouched.
set -e
. /e2e/lib.sh
hv_enable
run_inmate hostile.bin "mode=calls"
expect_secondary '^hostile: calls: done, still running$' 20
[ "$(cell_state inmate-demo)" = running ] ||
	fail "cell state is '$(cell_state inmate-demo)', expected running"
cell_list_row inmate-demo
[ "$(cat $JH/enabled)" = 1 ] || fail "the hypervisor is gone"
grep -q '^processor[[:space:]]*: 0' /proc/cpuinfo || fail "CPU 0 gone"
jailhouse cell destroy inmate-demo || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "root cell still alive"
