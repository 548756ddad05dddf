# SPDX-License-Identifier: MIT
# A custom application added to the inmate's file system the manual's way
# (linux-custom-app.stage, on the host) runs in the Linux inmate: the
# demo started with that cpio (INMATE_CPIO, linux-demo.sh), the app typed
# on the inmate's shell (linux-custom-app.console); it then pings the
# root cell, which is how this side knows it is done.
# e2e-timeout: 200
set -e
. /e2e/lib.sh
CELL=$LINUX_DEMO
ls -l /boot/custom-inmate.rootfs.cpio
INMATE_CPIO=/boot/custom-inmate.rootfs.cpio \
	/usr/share/jailhouse/linux-demo.sh > /tmp/ld.log 2>&1 ||
	{ cat /tmp/ld.log; fail "linux-demo.sh with the custom cpio"; }
cat /tmp/ld.log
wait_for 150 "the inmate's first ping (did the app run?)" \
	icmp_echos_at_least 1
jailhouse cell shutdown $CELL || fail "cell shutdown failed"
jailhouse cell destroy $CELL || fail "cell destroy failed"
jailhouse disable || fail "disable failed"
echo "LINUX-CUSTOM-APP-OK"
