# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Cell requests the hypervisor must refuse, each with a message that names
# the field or value and what was expected, leaving every CPU where it was
# and the hypervisor's page pool at its level: a cell claiming CPU 0, a CPU
# or RAM of another cell, RAM the root cell does not own, a bad signature
# or revision, an image outside the cell's loadable memory (nothing of the
# request is written, a running cell keeps running; refused by the tool,
# naming the image, and by the driver, for a raw ioctl), a config for
# another board.
# e2e-timeout: 90
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELLS=/usr/share/jailhouse/cells
DEMO=$CELLS/qemu-arm64-inmate-demo.cell
RAW=/usr/libexec/jailhouse-tests/jh-raw	# cell ioctls without the tool
modprobe jailhouse
jailhouse enable $CELLS/qemu-arm64.cell
pool0=$(cat $JH/mem_pool_used)
pool=$pool0

# patch FILE OFFSET OCTAL-BYTES: overwrite bytes in place
patch() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# variant NAME: a copy of the demo cell config, renamed (name at offset 8)
variant() {
	cp $DEMO /tmp/$1.cell
	patch /tmp/$1.cell 8 "$1\000"
}

# refused CPUS MESSAGE CMD...: CMD must fail; MESSAGE (a fixed string) in
# its output, the kernel log or the hypervisor console; online CPUs = CPUS
refused() {
	cpus=$1; msg=$2; shift 2
	dmesg -c > /dev/null
	if "$@" > /tmp/out 2>&1; then
		cat /tmp/out; fail "'$*' succeeded"
	fi
	{ cat /tmp/out; dmesg; jailhouse console | tail -5; } > /tmp/msgs
	grep -F -q -e "$msg" /tmp/msgs || {
		cat /tmp/msgs; fail "'$*': no '$msg' in the messages"; }
	echo "refused as expected: $msg"
	[ "$(cat /sys/devices/system/cpu/online)" = "$cpus" ] ||
		fail "'$*': online CPUs $(cat /sys/devices/system/cpu/online)"
	[ "$(cat $JH/mem_pool_used)" = "$pool" ] || fail "'$*' leaked pages"
}

# CPU 0 stays with the root cell (CPU set at offset 132: CPUs 0 and 3)
variant cpu0; patch /tmp/cpu0.cell 132 '\011'
refused 0-3 'cell "cpu0": its config claims CPU 0, which stays with the root cell; expected CPUs 1-3 only' \
	jailhouse cell create /tmp/cpu0.cell

# signature and revision are checked before anything happens
variant sig; patch /tmp/sig.cell 0 'X'
refused 0-3 'wrong signature "XHCLL", expected "JHCLL"' \
	jailhouse cell create /tmp/sig.cell
variant rev; patch /tmp/rev.cell 6 '\015'
refused 0-3 'config revision 13, expected 14' \
	jailhouse cell create /tmp/rev.cell

# RAM outside the root cell's (region 1 phys_start at 172: 0x100000000)
variant noram; patch /tmp/noram.cell 172 '\000\000\000\000\001\000\000\000'
refused 0-3 'cell "noram": memory region 1 (0x100000000, size 0x100000): 0x100000000 is not root cell RAM; expected memory of the root cell'"'"'s config' \
	jailhouse cell create /tmp/noram.cell

# a cell config written for another board (the AM625 SK's Linux demo)
refused 0-3 'cell "k3-am625-sk-linux-demo": irqchip 0 at 0x1800000 is not this system'"'"'s interrupt controller 0x8000000 (a config for another board?)' \
	jailhouse cell create $CELLS/k3-am625-sk-linux-demo.cell

# two cells that overlap: the same CPU 3, or the same RAM on CPU 2
jailhouse cell create $DEMO
pool=$(cat $JH/mem_pool_used)
variant samecpu
refused 0-2 'cell "samecpu": CPU 3 belongs to cell "inmate-demo"; expected a CPU of the root cell' \
	jailhouse cell create /tmp/samecpu.cell
variant sameram; patch /tmp/sameram.cell 132 '\004'
refused 0-2 'cell "sameram": memory region 1 (0xfff00000, size 0x100000) belongs to cell "inmate-demo"; expected memory no other cell holds' \
	jailhouse cell create /tmp/sameram.cell
[ "$(cat $JH/cells/1/name)" = inmate-demo ] || fail "first cell disturbed"
[ ! -e $JH/cells/2 ] || fail "a refused cell is listed"

# images outside LOADABLE memory (0x0-0xfffff): a running cell keeps
# running, a stopped one gets none of the request's images
jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/uart-demo.bin \
	-s "period-ms=50" -a 0x1000
jailhouse cell start inmate-demo
refused 0-2 "string 'x' (2 bytes at 0x100000) does not fit in the loadable memory of cell \"inmate-demo\" (loadable: 0x0-0xfffff); nothing loaded" \
	jailhouse cell load inmate-demo -s AAAA -a 0 -s x -a 0x100000
[ "$(cat $JH/cells/1/state)" = running ] || fail "refused load stopped it"
# the driver's own check, without the tool's (raw ioctl)
refused 0-2 'cell "inmate-demo": image 2 of 2, 2 bytes at 0x100000, is outside its loadable memory (loadable: 0x0-0xfffff); nothing loaded' \
	$RAW load 1 0 4 0x100000 2
[ "$(cat $JH/cells/1/state)" = running ] || fail "refused load stopped it"
jailhouse cell shutdown inmate-demo
[ "$(cat $JH/cells/1/state)" = "shut down" ] || fail "shutdown"
word=$(devmem 0xfff00000 32)
[ "$word" != 0x41414141 ] || fail "image already holds the marker"
refused 0-2 "string '0123456789abcde' (16 bytes at 0xffff8) does not fit in the loadable memory of cell \"inmate-demo\" (loadable: 0x0-0xfffff)" \
	jailhouse cell load inmate-demo -s AAAA -a 0 -s 0123456789abcde \
	-a 0xffff8
[ "$(devmem 0xfff00000 32)" = "$word" ] || fail "refused load wrote"
refused 0-2 'image 2 of 2, 16 bytes at 0xffff8, is outside its loadable memory (loadable: 0x0-0xfffff)' \
	$RAW load 1 0 4 0xffff8 16
[ "$(devmem 0xfff00000 32)" = "$word" ] || fail "refused raw load wrote"
jailhouse cell load inmate-demo -s AAAA -a 0
[ "$(devmem 0xfff00000 32)" = 0x41414141 ] || fail "valid load not written"

jailhouse cell destroy inmate-demo
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back"
[ "$(cat $JH/mem_pool_used)" = "$pool0" ] || fail "pool leaked"
jailhouse disable
echo "HV-CELL-REFUSE-OK"
