# SPDX-License-Identifier: MIT
# A cell may refuse to be shut down: gic-demo with shutdown=deny in a cell
# that is asked through the communication region (not PASSIVE_COMMREG).
# `jailhouse cell shutdown` fails and says why, the cell keeps running;
# without the refusal the same cell approves and stops.
# e2e-timeout: 60
set -e
. /e2e/lib.sh
hv_enable
jailhouse cell create "$CELLS/qemu-arm64-inmate-demo-commreg.cell"
jailhouse cell load commreg-demo "$INMATES/gic-demo.bin" \
	-s "shutdown=deny" -a 0x1000
jailhouse cell start commreg-demo
expect_secondary '^Timer fired, jitter' 20
if jailhouse cell shutdown commreg-demo; then
	fail "a cell that denies shutdown was shut down"
fi
[ "$(cell_state commreg-demo)" = running ] ||
	fail "state after the refusal: $(cell_state commreg-demo)"
jailhouse console | grep -q 'cell "commreg-demo" denied the shutdown request; it keeps running' ||
	fail "the hypervisor did not say the cell refused"
dmesg | tail -n 5 | grep -q 'it denied the shutdown request' ||
	fail "the driver did not say the cell refused"
echo "SHUTDOWN-DENIED"
# the timer keeps firing after the denial
expect_secondary '^gic-demo: shutdown request denied' 20
expect_secondary '^Timer fired, jitter' 20
jailhouse cell destroy commreg-demo

jailhouse cell create "$CELLS/qemu-arm64-inmate-demo-commreg.cell"
jailhouse cell load commreg-demo "$INMATES/gic-demo.bin"
jailhouse cell start commreg-demo
expect_secondary '^Timer fired, jitter' 20
jailhouse cell shutdown commreg-demo || fail "an approving cell refused"
[ "$(cell_state commreg-demo)" = "shut down" ] ||
	fail "state after the approval: $(cell_state commreg-demo)"
echo "SHUTDOWN-APPROVED"
jailhouse cell destroy commreg-demo
jailhouse disable
