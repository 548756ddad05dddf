# SPDX-License-Identifier: MIT
# Reuse a cell for another binary: run uart-demo, shut down, load
# gic-demo, start. The new binary runs from its beginning.
set -e
. /e2e/lib.sh
hv_enable
run_inmate uart-demo.bin "period-ms=100"
expect_secondary '^Hello 3 from cell!' 20
jailhouse cell shutdown inmate-demo
jailhouse cell load inmate-demo "$INMATES/gic-demo.bin"
jailhouse cell start inmate-demo
expect_secondary '^Timer fired, jitter' 20
[ "$(cell_state inmate-demo)" = running ] || fail "gic-demo not running"
jailhouse cell destroy inmate-demo
jailhouse disable
