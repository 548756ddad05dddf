# SPDX-License-Identifier: MIT
# Reuse a cell for another binary: run uart-demo, shut down, load
# gic-demo, start. The new binary runs from its beginning.
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

jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/uart-demo.bin \
	-s "period-ms=100" -a 0x1000
jailhouse cell start inmate-demo
sleep 1
jailhouse cell shutdown inmate-demo
jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/gic-demo.bin
jailhouse cell start inmate-demo
sleep 2
echo "state: $(cell_state)"
[ "$(cell_state)" = running ]
jailhouse cell destroy inmate-demo
jailhouse disable
