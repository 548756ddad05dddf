# SPDX-License-Identifier: MIT
# The project's kernel modules (jailhouse.ko, uio_ivshmem.ko,
# ivshmem-net.ko), built out of tree against Debian's unmodified kernel,
# load and unload cleanly, twice.
set -e
krel=$(uname -r)
# where `make install` puts them (the published tree's extra/driver)
for m in driver/jailhouse ivshmem/uio_ivshmem ivshmem/ivshmem-net; do
	if [ ! -f "/lib/modules/$krel/extra/$m.ko" ]; then
		echo "FAIL: /lib/modules/$krel/extra/$m.ko is not installed"
		exit 1
	fi
done
for round in 1 2; do
	modprobe jailhouse
	grep -q '^jailhouse ' /proc/modules
	[ -c /dev/jailhouse ]
	[ "$(cat /sys/devices/jailhouse/enabled)" = 0 ]
	modprobe uio_ivshmem
	grep -q '^uio_ivshmem ' /proc/modules
	[ -d /sys/bus/pci/drivers/uio_ivshmem ]
	modprobe ivshmem_net
	grep -q '^ivshmem_net ' /proc/modules
	[ -d /sys/bus/pci/drivers/ivshmem-net ]
	echo "round $round: loaded: $(grep -E \
		'^(jailhouse|uio_ivshmem|ivshmem_net|uio) ' /proc/modules |
		cut -d' ' -f1 | tr '\n' ' ')"
	rmmod ivshmem_net
	rmmod uio_ivshmem
	rmmod jailhouse
	if grep -qE '^(jailhouse|uio_ivshmem|ivshmem_net) ' /proc/modules; then
		echo "FAIL: a module is still loaded after rmmod"
		exit 1
	fi
	[ ! -e /dev/jailhouse ]
	[ ! -e /sys/devices/jailhouse ]
done
if dmesg | grep -E 'BUG|Oops|WARNING:|Call trace|refcount'; then
	echo "FAIL: the kernel complained while loading or unloading"
	exit 1
fi
echo "modules load and unload cleanly"
