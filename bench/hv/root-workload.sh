# SPDX-License-Identifier: MIT
# Guest side of bench/hv: times a parallel CPU + memory workload on all 4
# CPUs, natively and under the hypervisor, interleaved.
# e2e-timeout: 300
set -e
CELL=/usr/share/jailhouse/cells/qemu-arm64.cell
modprobe jailhouse
dd if=/dev/urandom of=/tmp/seed bs=1M count=2 2>/dev/null
ref=$(cat /tmp/seed /tmp/seed /tmp/seed /tmp/seed | md5sum)

now() { cut -d' ' -f1 /proc/uptime | tr -d .; }	# centiseconds

workload() {
	for c in 0 1 2 3; do
		taskset -c $c sh -c '
			i=0; while [ $i -lt 3 ]; do
				cat /tmp/seed /tmp/seed /tmp/seed /tmp/seed |
					md5sum > /tmp/sum.'$c'
				i=$((i + 1))
			done
			n=0; x=0; while [ $n -lt 6000 ]; do
				x=$(((x * 31 + n) % 1000003)); n=$((n + 1)); done
			echo $x > /tmp/calc.'$c &
	done
	wait
	for c in 0 1 2 3; do
		[ "$(cat /tmp/sum.$c)" = "$ref" ] || { echo "bad sum"; exit 1; }
	done
}

timed() { t0=$(now); workload; t1=$(now); echo $((t1 - t0)); }

median() { echo "$@" | tr ' ' '\n' | sort -n | sed -n 2p; }

workload	# warm up
nat=""; hv=""
for round in 1 2 3; do
	nat="$nat $(timed)"
	jailhouse enable $CELL
	hv="$hv $(timed)"
	S=/sys/devices/jailhouse/cells/0/statistics
	exits=""
	for s in total virq vsgi mmio management maintenance psci; do
		exits="$exits $s=$(cat $S/vmexits_$s)"
	done
	jailhouse disable
done
n=$(median $nat); h=$(median $hv)
echo "BENCH native runs (cs):$nat; hypervisor runs (cs):$hv"
echo "BENCH exits during the last hypervisor run (all CPUs):$exits"
echo "BENCH hv-root-workload: native $((n / 100)).$(printf %02d $((n % 100))) s, under hypervisor $((h / 100)).$(printf %02d $((h % 100))) s, ratio $((h * 100 / n / 100)).$(printf %02d $((h * 100 / n % 100))) (hypervisor / native, lower is better)"
