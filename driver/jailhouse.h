/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/: jailhouse.ko - /dev/jailhouse, firmware loading, CPU hand-over
 * to the hypervisor and back, sysfs under /sys/devices/jailhouse.
 */
#ifndef _JAILHOUSE_DRIVER_H
#define _JAILHOUSE_DRIVER_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <jailhouse/cell-config.h>
#include <jailhouse/header.h>

struct jailhouse_state {
	struct mutex lock;
	bool enabled;
	struct device *dev;		/* /sys/devices/jailhouse */
	void *hv_mem;			/* kernel mapping of hv memory */
	u64 hv_phys, hv_size;
	/* the live console ring, while enabled and readable */
	struct jailhouse_console_ring *console;
	char *console_copy;		/* ring kept after disable */
	u64 console_copy_head;
	struct jailhouse_system *config; /* root cell config copy */
	cpumask_t entered;		/* CPUs under the hypervisor */
};

extern struct jailhouse_state jh;

int jailhouse_sysfs_init(struct device *dev);
void jailhouse_sysfs_exit(struct device *dev);
int jailhouse_sysfs_cell_create(void);
void jailhouse_sysfs_cell_delete(void);
/* copies up to @len console bytes starting at stream offset *@pos */
ssize_t jailhouse_console_read(char *buf, size_t len, u64 *pos);

#endif
