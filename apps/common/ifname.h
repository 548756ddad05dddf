/* SPDX-License-Identifier: MIT */
/*
 * Interface names the way udev's predictable naming gives them to PCI
 * network functions ("en" [P<domain>] p<bus> s<slot> [f<function>]), so a
 * TAP created by netbridge has the name the kernel's ivshmem-net driver
 * would get: enP1p0s1 in the root cell, enp0s1 in a Linux inmate.
 */
#ifndef APPS_IFNAME_H
#define APPS_IFNAME_H

#include <stddef.h>

struct pci_addr {
	unsigned int domain, bus, slot, func;
};

/* Parse "DDDD:BB:SS.F" (hex, domain optional). 0 or -EINVAL. */
int pci_addr_parse(const char *s, struct pci_addr *a);

/* Name for @a into @name (@len >= 16). 0, or -ENAMETOOLONG. */
int pci_ifname(const struct pci_addr *a, char *name, size_t len);

/*
 * PCI address of the device behind a UIO node ("/dev/uio3", "uio3"):
 * resolves <sysfs>/class/uio/uioN/device. 0, -ENOENT or -EINVAL.
 */
int uio_pci_addr(const char *sysfs, const char *uio, struct pci_addr *a);

#endif /* APPS_IFNAME_H */
