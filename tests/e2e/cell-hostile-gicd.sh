# SPDX-License-Identifier: MIT
# Isolation: an inmate that enables SPI 48 (not its own) in
# GICD_ISENABLER1 is stopped by the hypervisor (cell state "failed"); the
# root cell and the hypervisor carry on, and the cell can be destroyed.
set -e
modprobe jailhouse
jailhouse enable /usr/share/jailhouse/cells/qemu-arm64.cell
jailhouse cell create /usr/share/jailhouse/cells/qemu-arm64-inmate-demo.cell

cell_state() {
	for d in /sys/devices/jailhouse/cells/*; do
		if [ "$(cat "$d/name")" = inmate-demo ]; then
			cat "$d/state"
			return
		fi
	done
	echo "no cell named inmate-demo"
}

jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/hostile.bin \
	-s "mode=gicd-enable irq=48" -a 0x1000
jailhouse cell start inmate-demo
sleep 2
echo "state: $(cell_state)"
[ "$(cell_state)" = failed ]
jailhouse cell destroy inmate-demo
jailhouse disable
echo "root cell still alive"
