// SPDX-License-Identifier: MIT
/* Predictable interface names of PCI functions, see ifname.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ifname.h"

static int parse_hex(const char **p, char end, unsigned int max,
		     unsigned int *v)
{
	char *e;
	unsigned long x;

	if (!**p || **p == '-' || **p == '+' || **p == ' ')
		return -EINVAL;
	errno = 0;
	x = strtoul(*p, &e, 16);
	if (errno || e == *p || *e != end || x > max)
		return -EINVAL;
	*v = x;
	*p = end ? e + 1 : e;
	return 0;
}

int pci_addr_parse(const char *s, struct pci_addr *a)
{
	const char *p = s;
	int colons = 0;

	if (!s)
		return -EINVAL;
	for (; *p; p++)
		colons += *p == ':';
	p = s;
	a->domain = 0;
	if (colons == 2 && parse_hex(&p, ':', 0xffff, &a->domain))
		return -EINVAL;
	if (colons < 1 || colons > 2 ||
	    parse_hex(&p, ':', 0xff, &a->bus) ||
	    parse_hex(&p, '.', 0x1f, &a->slot) ||
	    parse_hex(&p, '\0', 7, &a->func))
		return -EINVAL;
	return 0;
}

int pci_ifname(const struct pci_addr *a, char *name, size_t len)
{
	char dom[16] = "", fn[16] = "";
	int n;

	if (a->domain)
		snprintf(dom, sizeof(dom), "P%u", a->domain);
	if (a->func)
		snprintf(fn, sizeof(fn), "f%u", a->func);
	n = snprintf(name, len, "en%sp%us%u%s", dom, a->bus, a->slot, fn);
	/* IFNAMSIZ is 16 including the NUL */
	if (n < 0 || (size_t)n >= len || n > 15)
		return -ENAMETOOLONG;
	return 0;
}

int uio_pci_addr(const char *sysfs, const char *uio, struct pci_addr *a)
{
	char link[PATH_MAX], target[PATH_MAX];
	const char *base = strrchr(uio, '/');
	ssize_t n;

	base = base ? base + 1 : uio;
	if (strncmp(base, "uio", 3))
		return -EINVAL;
	snprintf(link, sizeof(link), "%s/class/uio/%s/device",
		 sysfs ? sysfs : "/sys", base);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	return pci_addr_parse(base ? base + 1 : target, a);
}
