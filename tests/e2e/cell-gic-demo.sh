# SPDX-License-Identifier: MIT
# The manual's GIC demo: the virtual timer (PPI 27) fires at 10 Hz through
# the GICv3 and each interrupt prints its jitter.
set -e
. /e2e/lib.sh
hv_enable
run_inmate gic-demo.bin
sleep 3
[ "$(cell_state inmate-demo)" = running ] || fail "gic-demo cell not running"
cell_list_row inmate-demo
jailhouse cell destroy inmate-demo
jailhouse disable
