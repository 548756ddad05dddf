# SPDX-License-Identifier: MIT
# The manual's GIC demo: the virtual timer (PPI 27) fires at 10 Hz through
# the GICv3 and each interrupt prints its jitter.
set -e
. /e2e/lib.sh
hv_enable
run_inmate gic-demo.bin
# the check wants at least 15 timer lines (1.5 s at 10 Hz)
for i in $(seq 15); do
	expect_secondary '^Timer fired, jitter' 10
done
[ "$(cell_state inmate-demo)" = running ] || fail "gic-demo cell not running"
cell_list_row inmate-demo
jailhouse cell destroy inmate-demo
jailhouse disable
