#!/bin/sh
# SPDX-License-Identifier: MIT
# ivshmem-demo on the host: three peers on a sim device with the demo's
# layout (3 peers, R/W section, 0x2000 output sections), as in the seed's
# "Running Shared Memory Demo". Checks the seed's output pattern: IDs,
# maximum peers, states id+1, rw values, "Sending interrupt", and rising
# "Interrupt #n" counts with rw[id] = n and out[0] = 10 n seen by others.
# Usage: ivshmem-demo.sh BINDIR
BIN=${1:?usage: ivshmem-demo.sh BINDIR}
. "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/apps-demo.XXXXXX)
trap cleanup EXIT

for i in 0 1 2; do
	bg "$WORK/$i.log" "$BIN/ivshmem-demo" -d "sim:$WORK/demo" --create \
		--id $i
	eval PID$i=\$BGPID
done

for i in 0 1 2; do
	wait_for 20 in_log "$WORK/$i.log" '^Interrupt #4$'
done
kill -INT "$PID0" "$PID1" "$PID2"
st=0
for i in 0 1 2; do
	EXITSTATUS=
	wait_exit 10 "$(eval echo \$PID$i)"
	[ "$EXITSTATUS" = 0 ] || st=1
done

header() {
	for i in 0 1 2; do
		head -2 "$WORK/$i.log" | tr '\n' ' ' |
			grep -q "^ID = $i Maximum peers = 3 " || return 1
	done
}
check ivshmem-demo-ids-and-max-peers header
check ivshmem-demo-states-id-plus-1 sh -c "
	grep -q '^state\[0\] = 1$' $WORK/2.log &&
	grep -q '^state\[1\] = 2$' $WORK/0.log &&
	grep -q '^state\[2\] = 3$' $WORK/1.log"
check ivshmem-demo-sends-to-next-peer sh -c "
	grep -q '^Sending interrupt 1 to peer 1$' $WORK/0.log &&
	grep -q '^Sending interrupt 2 to peer 2$' $WORK/1.log &&
	grep -q '^Sending interrupt 3 to peer 0$' $WORK/2.log"

rising() {
	grep '^Interrupt #' "$1" | sed 's/Interrupt #//' | awk '
		$1 <= prev { bad = 1 } { prev = $1 }
		END { exit bad || prev < 4 }'
}
check ivshmem-demo-interrupt-counts-rising-0 rising "$WORK/0.log"
check ivshmem-demo-interrupt-counts-rising-1 rising "$WORK/1.log"
check ivshmem-demo-interrupt-counts-rising-2 rising "$WORK/2.log"

# what peer 0 stored on its interrupts is visible to the others
# (rw[0] = n and in@0x0000 = 10 n in the same dump)
seen_by_others() {
	awk '/^rw\[0\] = /{ n = $3 } /^in@0x0000 = /{
		if (n > 0 && $3 == 10 * n) ok = 1 } END { exit !ok }' "$1"
}
check ivshmem-demo-rw-and-out-values-shared seen_by_others "$WORK/1.log"
check ivshmem-demo-clean-exit-on-sigint test "$st" = 0

# the seed's "send characters" variant (-c H on every peer): what peer 0
# stores on its interrupts shows as in@0x0000 = H on the others
for i in 0 1 2; do
	bg "$WORK/c$i.log" "$BIN/ivshmem-demo" -d "sim:$WORK/chars" \
		--create --id $i -c H
	eval CPID$i=\$BGPID
done
char_seen() {
	wait_for 20 sh -c "grep -a -q '^Interrupt #2\$' $WORK/c0.log" &&
		wait_for 20 sh -c "grep -a -q '^in@0x0000 = H\$' $WORK/c1.log" &&
		! grep -a -q '^in@0x0000 = [0-9]' "$WORK/c1.log"
}
check ivshmem-demo-char-mode-sends-H char_seen
kill -INT "$CPID0" "$CPID1" "$CPID2"
for i in 0 1 2; do
	wait_exit 10 "$(eval echo \$CPID$i)"
done
check ivshmem-demo-char-refuses-two-chars sh -c \
	"! $BIN/ivshmem-demo -c HH -d sim:$WORK/none 2>$WORK/err.log &&
	grep -q \"takes one character, not 'HH'\" $WORK/err.log"
# a peer that floods the demo with doorbells, then goes quiet: the demo
# handles them and goes back to its 1 s period, using almost no CPU
bg "$WORK/f0.log" "$BIN/ivshmem-demo" -d "sim:$WORK/flood" --create --id 0
FPID=$BGPID
wait_for 10 in_log "$WORK/f0.log" '^Maximum peers = 3$'
bg "$WORK/fp.log" "$BIN/scripted-peer" doorbells "sim:$WORK/flood" 1 20000
SPID=$BGPID
check ivshmem-demo-flooding-peer-rang wait_for 30 in_log "$WORK/fp.log" \
	'doorbells done: 20000'
check ivshmem-demo-handles-the-flood wait_for 10 in_log "$WORK/f0.log" \
	'^Interrupt #[0-9]+$'
check ivshmem-demo-idle-after-the-flood idle_for "$FPID" 2 20
kill -TERM "$SPID"
wait_exit 10 "$SPID"
check ivshmem-demo-idle-after-the-peer-left idle_for "$FPID" 2 20
kill -INT "$FPID"
wait_exit 10 "$FPID"
exit $((FAILED != 0))
