# SPDX-License-Identifier: MIT
# Bad input to the cell commands is refused with a message that says what
# is wrong and what to do, and changes nothing: a start of a cell nothing
# was loaded into since create (it would run stale RAM), a -s string
# larger than the 4 KiB command-line area at 0x1000 (it would overwrite
# the image at 0x2000) or running past its end, an image larger than the
# cell's loadable memory or outside it (the message names the image, its
# address and size, and the loadable ranges), and a destroy of the root
# cell (by id, by name, and by raw ioctl past the tool's check).
# e2e-timeout: 90
set -e
. /e2e/lib.sh
RAW=/usr/libexec/jailhouse-tests/jh-raw	# cell ioctls without the tool
DEMO=$CELLS/qemu-arm64-inmate-demo.cell

# refused MESSAGE CMD...: CMD exits 1 and prints MESSAGE (a fixed string)
refused() {
	msg=$1; shift
	set +e
	"$@" > /tmp/out 2>&1
	rc=$?
	set -e
	cat /tmp/out
	[ $rc = 1 ] || fail "'$*' exited $rc, expected 1"
	grep -F -q -e "$msg" /tmp/out || fail "'$*': no '$msg' in its output"
	echo "refused as expected: $msg"
}

# kernel log line MESSAGE (fixed string) since the last dmesg -c
logged() {
	dmesg | grep -F -q -e "$1" || { dmesg | tail; fail "no '$1' in dmesg"; }
}

hv_enable
jailhouse cell create $DEMO
dmesg -c > /dev/null

# start before any load: the driver refuses, the tool says to load first
refused "cell start: no image was loaded into the cell since it was created: load one first ('jailhouse cell load CELL IMAGE [-a ADDRESS]')" \
	jailhouse cell start inmate-demo
logged 'cell "inmate-demo": no image loaded since it was created; load one first'
[ "$(cell_state inmate-demo)" = "shut down" ] || fail "refused start ran"
# a shutdown (load without image) is no load either
jailhouse cell shutdown inmate-demo
refused "no image was loaded into the cell since it was created" \
	jailhouse cell start inmate-demo

# strings: at most the 4 KiB command-line area at 0x1000, and inside it
big=$(head -c 5000 /dev/zero | tr '\000' x)
refused "cell load: string of 5001 bytes (with its NUL) is larger than the 4096-byte command-line area at 0x1000; nothing loaded" \
	jailhouse cell load inmate-demo $INMATES/uart-demo.bin -s "$big" -a 0x1000
mid=$(head -c 3000 /dev/zero | tr '\000' y)
refused "cell load: string of 3001 bytes at 0x1800 runs past the end of the 4096-byte command-line area 0x1000-0x1fff; nothing loaded" \
	jailhouse cell load inmate-demo -s "$mid" -a 0x1800
full=$(head -c 4095 /dev/zero | tr '\000' z)

# images: too large for the 1 MiB loadable region, or outside it
head -c 2097152 /dev/zero > /tmp/big.bin
refused "cell load: image '/tmp/big.bin' (2097152 bytes at 0x0) does not fit in the loadable memory of cell \"inmate-demo\" (loadable: 0x0-0xfffff); nothing loaded" \
	jailhouse cell load inmate-demo /tmp/big.bin
refused "cell load: image '$INMATES/uart-demo.bin' ($(wc -c < $INMATES/uart-demo.bin) bytes at 0x200000) does not fit in the loadable memory of cell \"inmate-demo\" (loadable: 0x0-0xfffff); nothing loaded" \
	jailhouse cell load inmate-demo $INMATES/uart-demo.bin -a 0x200000
[ "$(cell_state inmate-demo)" = "shut down" ] || fail "refused loads"
refused "no image was loaded into the cell since it was created" \
	jailhouse cell start inmate-demo

# the root cell cannot be destroyed (nor started, loaded, shut down)
refused "cell destroy: cell 0 \"qemu-arm64\" is the root cell (Linux): it cannot be destroyed; use 'jailhouse disable' to stop the hypervisor" \
	jailhouse cell destroy 0
refused "cell destroy: cell 0 \"qemu-arm64\" is the root cell (Linux): it cannot be destroyed; use 'jailhouse disable'" \
	jailhouse cell destroy qemu-arm64
refused "cell 0 \"qemu-arm64\" is the root cell (Linux): it cannot be shut down" \
	jailhouse cell shutdown 0
refused "cell 0 \"qemu-arm64\" is the root cell (Linux): it cannot be loaded" \
	jailhouse cell load 0 -s x
dmesg -c > /dev/null
refused "jh-raw: refused: Invalid argument" $RAW destroy 0
logged "cell 0 (\"qemu-arm64\") is the root cell: it cannot be destroyed (use 'jailhouse disable')"
[ "$(cat /sys/devices/system/cpu/online)" = 0-2 ] || fail "CPUs changed"
[ "$(cat $JH/enabled)" = 1 ] || fail "hypervisor gone"

# a string filling the area exactly, then a real load: the cell starts
jailhouse cell load inmate-demo $INMATES/uart-demo.bin -s "$full" -a 0x1000
jailhouse cell load inmate-demo $INMATES/uart-demo.bin \
	-s "period-ms=50" -a 0x1000
jailhouse cell start inmate-demo
wait_cell_state inmate-demo running 10 || fail "loaded cell not running"
jailhouse cell destroy inmate-demo
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPU 3 not back"
jailhouse disable
echo "CELL-BAD-INPUT-OK"
