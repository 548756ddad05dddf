# SPDX-License-Identifier: MIT
# The communication-region shutdown protocol on a cell without
# PASSIVE_COMMREG: "jailhouse cell shutdown" asks the running gic-demo,
# which approves, and the cell stops; an inmate that never answers
# (hostile.bin without a mode halts with interrupts off) is considered
# failed after msg_reply_timeout (500 ms) and stopped all the same.
# e2e-timeout: 60
set -e
. /e2e/lib.sh
JH=/sys/devices/jailhouse
CELLS=/usr/share/jailhouse/cells
INMATES=/usr/share/jailhouse/inmates
modprobe jailhouse
jailhouse enable $CELLS/qemu-arm64.cell
pool0=$(cat $JH/mem_pool_used)
jailhouse cell create $CELLS/qemu-arm64-inmate-demo-commreg.cell
jailhouse cell load commreg-demo $INMATES/gic-demo.bin
jailhouse cell start commreg-demo
# the check wants 5 ticks before the request
for i in 1 2 3 4 5; do
	expect_secondary '^Timer fired, jitter' 20
done
[ "$(cat $JH/cells/1/state)" = running ] || fail "gic-demo not running"

jailhouse cell shutdown commreg-demo || fail "shutdown refused"
[ "$(cat $JH/cells/1/state)" = "shut down" ] || fail "state after shutdown"
jailhouse console | tail -3 | tee /tmp/con
grep -q 'cell "commreg-demo" approved the shutdown request' /tmp/con ||
	fail "the cell was not asked"
echo "SHUTDOWN-APPROVED"

# no answer: the cell is stopped and marked failed
jailhouse cell load commreg-demo $INMATES/hostile.bin -s "mode=none" \
	-a 0x1000
jailhouse cell start commreg-demo
expect_secondary '^hostile: unknown or missing mode' 20
[ "$(cat $JH/cells/1/state)" = running ] || fail "hostile not running"
jailhouse cell shutdown commreg-demo || fail "shutdown of a silent cell"
[ "$(cat $JH/cells/1/state)" = failed ] || fail "silent cell not failed"
jailhouse console | tail -3 | tee /tmp/con
grep -q 'cell "commreg-demo" did not answer the shutdown request within 500 ms: considered failed' /tmp/con ||
	fail "no message about the missing answer"
echo "SHUTDOWN-TIMEOUT"

# a failed cell can be started again, and is asked again
jailhouse cell load commreg-demo $INMATES/gic-demo.bin
jailhouse cell start commreg-demo
expect_secondary '^Timer fired, jitter' 20
[ "$(cat $JH/cells/1/state)" = running ] || fail "restart"
jailhouse cell destroy commreg-demo
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back"
[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool leaked"
jailhouse disable
echo "HV-CELL-SHUTDOWN-OK"
