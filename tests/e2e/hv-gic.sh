# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Interrupt ownership: a root cell whose config leaves out the RTC's SPI
# (INTID 34) gets no RTC interrupt under the hypervisor, even though Linux
# enabled it before; with the full config the same alarm is delivered.
# e2e-timeout: 60
set -e
. /e2e/lib.sh
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
RTC=/sys/class/rtc/rtc0
modprobe jailhouse
rtc_irqs() {
	grep pl031 /proc/interrupts | tr -s ' ' | cut -d' ' -f3-6 |
		tr ' ' '+' | sed 's/+$//' | xargs -I{} sh -c 'echo $(({}))'
}
alarm() {
	echo 0 > $RTC/wakealarm
	echo +1 > $RTC/wakealarm
}
rtc_more_than() {
	[ "$(rtc_irqs)" -gt "$1" ]
}

# full config: the alarm interrupt reaches Linux through the hypervisor
jailhouse enable $CELL
n0=$(rtc_irqs); alarm
wait_for 10 "the owned RTC alarm interrupt reaching Linux" rtc_more_than "$n0"
n1=$(rtc_irqs)
echo "RTC interrupts, owned: $n0 -> $n1"
[ "$n1" -gt "$n0" ] || fail "owned RTC interrupt not delivered"
jailhouse disable

# root cell without SPI 2 (INTID 34): irqchip 0 bitmap word 0 = ~0x4
cp $CELL /tmp/nortc.cell
printf '\373\377\377\377' | dd of=/tmp/nortc.cell bs=1 seek=1120 \
	conv=notrunc 2>/dev/null
jailhouse config check /tmp/nortc.cell
jailhouse enable /tmp/nortc.cell
n0=$(rtc_irqs); alarm
# the alarm fired once the hypervisor refused its interrupt
wait_for 10 "the hypervisor reporting the RTC interrupt it refused" \
	sh -c 'jailhouse console | grep -q "IRQ 34 is not owned"'
n1=$(rtc_irqs)
echo "RTC interrupts, not owned: $n0 -> $n1"
[ "$n1" = "$n0" ] || fail "an interrupt the cell does not own arrived"
jailhouse console | grep "IRQ 34 is not owned" || fail "no report"
for c in 0 1 2 3; do
	[ "$(taskset -c $c echo alive)" = alive ] || fail "CPU $c lost"
done
jailhouse disable
echo "HV-GIC-OK"
