// SPDX-License-Identifier: MIT
/*
 * uio.c - the "uio" backend: /dev/uioN of the uio_ivshmem driver, and the
 * sysfs search for ivshmem v2 devices.
 *
 * Maps are found by their sysfs names (registers, state_table, rw_section,
 * input_sections, output_section); map K is mmapped at offset K * page size.
 * Registers are accessed with single aligned 32-bit loads/stores (on arm64
 * with plain ldr/str so that a trapping hypervisor sees a valid syndrome).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define REG_ID		0x00
#define REG_MAX_PEERS	0x04
#define REG_INT_CTRL	0x08
#define REG_DOORBELL	0x0c
#define REG_STATE	0x10
#define REG_MIN_SIZE	0x14

#define MAX_MAPS	5

struct uio_map {
	void *addr;
	size_t size;
};

struct uio_priv {
	int fd;
	volatile uint32_t *regs;
	struct uio_map maps[MAX_MAPS];
	unsigned int nmaps;
};

static inline uint32_t reg_read(struct uio_priv *u, unsigned int off)
{
	volatile uint32_t *p = u->regs + off / 4;
#if defined(__aarch64__)
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
	return v;
#else
	return *p;
#endif
}

static inline void reg_write(struct uio_priv *u, unsigned int off, uint32_t v)
{
	volatile uint32_t *p = u->regs + off / 4;
#if defined(__aarch64__)
	/* earlier stores to normal memory complete before the doorbell */
	__asm__ volatile("dsb st\n\tstr %w0, [%1]" : : "r"(v), "r"(p)
			 : "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*p = v;
#endif
}

static struct uio_priv *U(struct cellipc *c)
{
	return c->priv;
}

static int uio_state_set(struct cellipc *c, uint32_t state)
{
	reg_write(U(c), REG_STATE, state);
	return 0;
}

static int uio_doorbell(struct cellipc *c, uint32_t peer, uint32_t vector)
{
	reg_write(U(c), REG_DOORBELL, vector | peer << 16);
	return 0;
}

static int uio_irq_ack(struct cellipc *c, uint32_t *count)
{
	uint32_t n;
	ssize_t r;

	do {
		r = read(U(c)->fd, &n, sizeof(n));
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (r != sizeof(n))
		return -EIO;
	if (count)
		*count = n;
	return 1;
}

static int uio_irq_enable(struct cellipc *c)
{
	reg_write(U(c), REG_INT_CTRL, 1);
	return 0;
}

static void uio_release(struct uio_priv *u)
{
	unsigned int i;

	for (i = 0; i < u->nmaps; i++)
		if (u->maps[i].addr)
			munmap(u->maps[i].addr, u->maps[i].size);
	if (u->fd >= 0)
		close(u->fd);
	free(u);
}

static void uio_close(struct cellipc *c)
{
	/* the driver writes state 0 when the file is released */
	uio_release(U(c));
}

static const struct cipc_backend_ops uio_ops = {
	.name = "uio",
	.state_set = uio_state_set,
	.doorbell = uio_doorbell,
	.irq_ack = uio_irq_ack,
	.irq_enable = uio_irq_enable,
	.close = uio_close,
};

/* Read a small sysfs attribute into buf, newline stripped. */
static int read_attr(const char *path, char *buf, size_t len)
{
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = read(fd, buf, len - 1);
	close(fd);
	if (r < 0)
		return -errno;
	buf[r] = 0;
	while (r > 0 && (buf[r - 1] == '\n' || buf[r - 1] == ' '))
		buf[--r] = 0;
	return 0;
}

static int read_ulong(const char *path, unsigned long long *v)
{
	char buf[64], *end;
	int ret;

	ret = read_attr(path, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

static const char *sysroot(const struct cellipc_params *p)
{
	return p && p->sysfs_root ? p->sysfs_root : "/sys";
}

static const char *devroot(const struct cellipc_params *p)
{
	return p && p->dev_root ? p->dev_root : "/dev";
}

/* uioN name from "/dev/uioN", "uioN" or any path ending in it. */
static int uio_name(const char *dev_path, char *name, size_t len)
{
	const char *b = strrchr(dev_path, '/');
	char *end;

	b = b ? b + 1 : dev_path;
	if (strncmp(b, "uio", 3) || !b[3])
		return -EINVAL;
	strtoul(b + 3, &end, 10);
	if (*end)
		return -EINVAL;
	if ((size_t)snprintf(name, len, "%s", b) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * Is class/uio/<name> an ivshmem v2 device? Fills *proto and the PCI
 * address (basename of the device link).
 */
static int check_ivshmem(const char *root, const char *name,
			 unsigned int *proto, char *bdf, size_t bdf_len)
{
	char path[PATH_MAX], link[PATH_MAX];
	unsigned long long vendor, device, class;
	const char *b;
	ssize_t r;

	snprintf(path, sizeof(path), "%s/class/uio/%s/device/vendor", root, name);
	if (read_ulong(path, &vendor))
		return -ENODEV;
	snprintf(path, sizeof(path), "%s/class/uio/%s/device/device", root, name);
	if (read_ulong(path, &device))
		return -ENODEV;
	if (vendor != CELLIPC_PCI_VENDOR || device != CELLIPC_PCI_DEVICE)
		return -ENODEV;
	snprintf(path, sizeof(path), "%s/class/uio/%s/device/class", root, name);
	if (read_ulong(path, &class))
		return -ENODEV;
	if ((class >> 16) != 0xff)
		return -ENODEV;
	*proto = class & 0xffff;
	snprintf(path, sizeof(path), "%s/class/uio/%s/device", root, name);
	r = readlink(path, link, sizeof(link) - 1);
	if (r < 0)
		return -ENODEV;
	link[r] = 0;
	b = strrchr(link, '/');
	b = b ? b + 1 : link;
	if (strlen(b) >= bdf_len)
		return -ENODEV;
	memcpy(bdf, b, strlen(b) + 1);
	return 0;
}

CIPC_EXPORT int cellipc_find_uio(const char *pci_addr, int protocol,
				 const struct cellipc_params *p, char *path,
				 size_t len)
{
	char dir[PATH_MAX], bdf[64], best[64] = "";
	const char *root = sysroot(p);
	unsigned long best_n = ULONG_MAX, n;
	struct dirent *de;
	unsigned int proto;
	DIR *d;

	if (!path || !len)
		return -EINVAL;
	snprintf(dir, sizeof(dir), "%s/class/uio", root);
	d = opendir(dir);
	if (!d) {
		cipc_perr(p, "uio: cannot list %s: %s (is the uio module loaded?)",
			  dir, strerror(errno));
		return -ENOENT;
	}
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "uio", 3))
			continue;
		if (check_ivshmem(root, de->d_name, &proto, bdf, sizeof(bdf)))
			continue;
		if (protocol != CELLIPC_PROTO_ANY && (int)proto != protocol)
			continue;
		if (pci_addr && strcmp(pci_addr, bdf) &&
		    !(strlen(bdf) > 5 && !strcmp(pci_addr, bdf + 5)))
			continue;
		/* lowest uio number wins: stable across readdir orders */
		n = strtoul(de->d_name + 3, NULL, 10);
		if (n < best_n && strlen(de->d_name) < sizeof(best)) {
			best_n = n;
			memcpy(best, de->d_name, strlen(de->d_name) + 1);
		}
	}
	closedir(d);
	if (!best[0]) {
		cipc_perr(p, "uio: no ivshmem v2 device (vendor 0x110a device 0x4106)%s%s%s in %s",
			  pci_addr ? " at " : "", pci_addr ? pci_addr : "",
			  protocol != CELLIPC_PROTO_ANY ? " with that protocol" : "",
			  dir);
		return -ENOENT;
	}
	if ((size_t)snprintf(path, len, "%s/%s", devroot(p), best) >= len)
		return -ENAMETOOLONG;
	return 0;
}

enum { M_REGS, M_STATE, M_RW, M_IN, M_OUT, M_COUNT };

static const char *const map_names[M_COUNT] = {
	"registers", "state_table", "rw_section", "input_sections",
	"output_section",
};

static int map_all(struct cellipc *c, struct uio_priv *u, const char *root,
		   const char *name, const struct cellipc_params *p,
		   void *slot[M_COUNT], size_t sizes[M_COUNT])
{
	long pg = sysconf(_SC_PAGESIZE);
	char path[PATH_MAX], mname[64];
	unsigned long long size;
	unsigned int k, i;
	void *a;

	for (k = 0; k < MAX_MAPS; k++) {
		snprintf(path, sizeof(path), "%s/class/uio/%s/maps/map%u/name",
			 root, name, k);
		if (read_attr(path, mname, sizeof(mname)))
			break;
		snprintf(path, sizeof(path), "%s/class/uio/%s/maps/map%u/size",
			 root, name, k);
		if (read_ulong(path, &size) || !size || size > SIZE_MAX) {
			cipc_perr(p, "uio: %s: bad size for map%u", name, k);
			return -EINVAL;
		}
		for (i = 0; i < M_COUNT; i++)
			if (!strcmp(mname, map_names[i]))
				break;
		if (i == M_COUNT || slot[i]) {
			cipc_perr(p, "uio: %s: unexpected map%u \"%s\" (is this uio_ivshmem?)",
				  name, k, mname);
			return -ENODEV;
		}
		a = mmap(NULL, size,
			 (i == M_STATE || i == M_IN) ? PROT_READ :
			 PROT_READ | PROT_WRITE, MAP_SHARED, u->fd,
			 (off_t)k * pg);
		if (a == MAP_FAILED) {
			int e = -errno;

			cipc_perr(p, "uio: %s: mmap of map%u (%s, %llu bytes) failed: %s",
				  name, k, mname, size, strerror(-e));
			return e;
		}
		u->maps[u->nmaps].addr = a;
		u->maps[u->nmaps].size = size;
		u->nmaps++;
		slot[i] = a;
		sizes[i] = size;
	}
	(void)c;
	for (i = 0; i < M_COUNT; i++) {
		if (i != M_RW && !slot[i]) {
			cipc_perr(p, "uio: %s: map \"%s\" missing (is this uio_ivshmem?)",
				  name, map_names[i]);
			return -ENODEV;
		}
	}
	return 0;
}

int cipc_uio_open(const char *dev_path, const struct cellipc_params *p,
		  struct cellipc **cp)
{
	void *slot[M_COUNT] = { 0 };
	size_t sizes[M_COUNT] = { 0 };
	const char *root = sysroot(p);
	char name[32], bdf[64], path[PATH_MAX];
	struct cellipc *c = NULL;
	struct uio_priv *u;
	unsigned int proto;
	uint32_t id, maxp;
	int ret;

	ret = uio_name(dev_path, name, sizeof(name));
	if (ret) {
		cipc_perr(p, "uio: \"%s\" is not a /dev/uioN path", dev_path);
		return ret;
	}
	if (check_ivshmem(root, name, &proto, bdf, sizeof(bdf))) {
		cipc_perr(p, "uio: %s is not an ivshmem v2 device (%s/class/uio/%s/device: vendor 0x110a device 0x4106 class 0xffXXXX expected)",
			  name, root, name);
		return -ENODEV;
	}
	u = calloc(1, sizeof(*u));
	if (!u)
		return -ENOMEM;
	if (strchr(dev_path, '/'))
		snprintf(path, sizeof(path), "%s", dev_path);
	else
		snprintf(path, sizeof(path), "%s/%s", devroot(p), name);
	u->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (u->fd < 0) {
		ret = -errno;
		cipc_perr(p, "uio: cannot open %s: %s", path, strerror(errno));
		goto err;
	}
	ret = map_all(c, u, root, name, p, slot, sizes);
	if (ret)
		goto err;
	if (sizes[M_REGS] < REG_MIN_SIZE) {
		cipc_perr(p, "uio: %s: register map too small", name);
		ret = -ENODEV;
		goto err;
	}
	u->regs = slot[M_REGS];
	id = reg_read(u, REG_ID);
	maxp = reg_read(u, REG_MAX_PEERS);
	if (maxp < 2 || maxp > CELLIPC_MAX_PEERS || id >= maxp ||
	    sizes[M_STATE] < 4ull * maxp ||
	    sizes[M_IN] / maxp < sizes[M_OUT] ||
	    sizes[M_OUT] > (1ull << 32)) {
		cipc_perr(p, "uio: %s: inconsistent device (id %u, max peers %u, state table %zu, input %zu, output %zu bytes)",
			  name, id, maxp, sizes[M_STATE], sizes[M_IN],
			  sizes[M_OUT]);
		ret = -ENODEV;
		goto err;
	}
	ret = cipc_alloc(&c, id, maxp);
	if (ret)
		goto err;
	c->priv = u;
	c->ops = &uio_ops;
	c->backend = CELLIPC_BACKEND_UIO;
	c->protocol = proto;
	c->st_size = sizes[M_STATE];
	c->rw_size = sizes[M_RW];
	c->out_size = sizes[M_OUT];
	c->state = slot[M_STATE];
	c->rw = slot[M_RW];
	c->in = slot[M_IN];
	c->out = slot[M_OUT];
	c->fd = u->fd;
	*cp = c;
	return 0;
err:
	uio_release(u);
	return ret;
}
