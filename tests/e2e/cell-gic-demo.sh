# SPDX-License-Identifier: MIT
# The manual's GIC demo: the virtual timer (PPI 27) fires at 10 Hz through
# the GICv3 and each interrupt prints its jitter.
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

jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/gic-demo.bin
jailhouse cell start inmate-demo
sleep 3
echo "state: $(cell_state)"
[ "$(cell_state)" = running ]
jailhouse cell destroy inmate-demo
jailhouse disable
