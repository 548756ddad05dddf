# SPDX-License-Identifier: MIT
# The manual's UART demo with our file names. "Hello N from cell!" goes to
# the secondary console. Shut down, load the same binary, start again: it
# starts from the beginning (a second "Hello 1 from cell!").
# cell list and sysfs show the state at each step.
set -e
. /e2e/lib.sh
hv_enable
jailhouse cell create "$CELLS/qemu-arm64-inmate-demo.cell"
[ "$(cell_list_row inmate-demo)" = "1 inmate-demo shut down 3" ] ||
	fail "after create: '$(cell_list_row inmate-demo)'"
jailhouse cell load inmate-demo "$INMATES/uart-demo.bin"
jailhouse cell start inmate-demo
[ "$(cell_list_row inmate-demo)" = "1 inmate-demo running 3" ] ||
	fail "after start: '$(cell_list_row inmate-demo)'"
expect_secondary '^Hello 5 from cell!' 30
[ "$(cell_state inmate-demo)" = running ] || fail "not running after Hello 5"
jailhouse cell shutdown inmate-demo
[ "$(cell_state inmate-demo)" = "shut down" ] ||
	fail "after shutdown: $(cell_state inmate-demo)"
[ "$(cell_list_row inmate-demo)" = "1 inmate-demo shut down 3" ] ||
	fail "cell list after shutdown: '$(cell_list_row inmate-demo)'"
jailhouse cell load inmate-demo "$INMATES/uart-demo.bin"
jailhouse cell start inmate-demo
# started from the beginning: a second "Hello 1"
expect_secondary '^Hello 1 from cell!' 30
jailhouse cell destroy inmate-demo
[ -z "$(jailhouse cell list | grep inmate-demo)" ] ||
	fail "destroyed cell still listed"
jailhouse disable
