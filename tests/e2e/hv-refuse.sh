# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Broken requests are refused with a message that says what is wrong, and
# leave Linux and the hypervisor state intact: wrong signature, revision,
# architecture, truncated file, hypervisor memory not reserved, enable
# while enabled, disable while disabled, missing jailhouse.bin.
# e2e-timeout: 60
set -e
fail() { echo "FAIL: $*"; exit 1; }
JH=/sys/devices/jailhouse
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse

# patch FILE OFFSET OCTAL-BYTES: overwrite bytes in place
patch() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# refused MESSAGE-REGEX CMD...: CMD must fail (exit 1) printing MESSAGE
refused() {
	msg=$1; shift
	if "$@" > /tmp/out 2>&1; then
		cat /tmp/out; fail "'$*' succeeded"
	fi
	cat /tmp/out
	grep -q -e "$msg" /tmp/out || fail "'$*': no '$msg' in the message"
	[ "$(cat $JH/enabled)" = 0 ] || fail "enabled after a refusal"
	[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs lost"
}

cp $CELL /tmp/sig.cell; patch /tmp/sig.cell 0 'X'
refused 'wrong signature "XHSYS", expected "JHSYS"' \
	jailhouse enable /tmp/sig.cell

cp $CELL /tmp/rev.cell; patch /tmp/rev.cell 6 '\015'
refused 'config revision 13, expected 14' jailhouse enable /tmp/rev.cell

cp $CELL /tmp/arch.cell; patch /tmp/arch.cell 5 '\001'
refused 'architecture 1 (arm), expected 2 (arm64)' \
	jailhouse enable /tmp/arch.cell

head -c 700 $CELL > /tmp/short.cell
refused 'describes 1280 bytes but the file has 700 (truncated file)' \
	jailhouse enable /tmp/short.cell

# hypervisor memory in RAM Linux uses: shrink root RAM to 0x40000000-
# 0x9fffffff (region 17 size @1056) and move the hypervisor to 0xa0000000
cp $CELL /tmp/ram.cell
patch /tmp/ram.cell 1056 '\000\000\000\140\000\000\000\000'
patch /tmp/ram.cell 12 '\000\000\000\240\000\000\000\000'
jailhouse config check /tmp/ram.cell
refused 'enable failed: Invalid argument' jailhouse enable /tmp/ram.cell
dmesg | tail -3 | grep -q \
	'hypervisor memory 0xa0000000-0xa03fffff is System RAM used by Linux' ||
	fail "no kernel message about unreserved hypervisor memory"
dmesg | tail -1

# disable while disabled
refused 'the hypervisor is not enabled' jailhouse disable

# missing firmware
mv /lib/firmware/jailhouse.bin /lib/firmware/jailhouse.bin.away
refused 'firmware jailhouse.bin not found' jailhouse enable $CELL
mv /lib/firmware/jailhouse.bin.away /lib/firmware/jailhouse.bin

# enable while enabled: the running hypervisor stays untouched
jailhouse enable $CELL
if jailhouse enable $CELL > /tmp/out 2>&1; then fail "double enable"; fi
cat /tmp/out
grep -q 'already enabled' /tmp/out || fail "double enable message"
[ "$(cat $JH/enabled)" = 1 ] || fail "second enable broke the first"
[ "$(cat $JH/cells/0/state)" = running ] || fail "root cell state"
jailhouse disable
[ "$(cat $JH/enabled)" = 0 ] || fail "disable"

# usage errors exit 2, help exits 0
jailhouse --help | grep -q 'enable SYSCONFIG'
set +e
jailhouse bogus >/dev/null 2>&1; [ $? = 2 ] || fail "unknown command rc"
jailhouse enable >/dev/null 2>&1; [ $? = 2 ] || fail "missing arg rc"
echo "HV-REFUSE-OK"
