# SPDX-License-Identifier: MIT
# The manual's UART demo with our file names. "Hello N from cell!" goes to
# the secondary console. Shut down, load the same binary, start again: it
# starts from the beginning (a second "Hello 1 from cell!").
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

jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/uart-demo.bin
jailhouse cell start inmate-demo
sleep 3
echo "state after start: $(cell_state)"
[ "$(cell_state)" = running ]
jailhouse cell shutdown inmate-demo
echo "state after shutdown: $(cell_state)"
[ "$(cell_state)" = "shut down" ]
jailhouse cell load inmate-demo /usr/share/jailhouse/inmates/uart-demo.bin
jailhouse cell start inmate-demo
sleep 2
jailhouse cell destroy inmate-demo
jailhouse disable
