/* SPDX-License-Identifier: GPL-2.0 */
/*
 * main.c: the driver's state (one hypervisor, its cells by id) and the
 * services main.c gives the other files: the kernel log report callback
 * of the validator, the data cache flush, the console stream.
 */
#ifndef _JAILHOUSE_DRIVER_MAIN_H
#define _JAILHOUSE_DRIVER_MAIN_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <jailhouse/cell-config.h>
#include <jailhouse/header.h>
#include <jailhouse/limits.h>

struct jh_cell;

struct jailhouse_state {
	struct mutex lock;		/* serializes ioctls */
	struct rw_semaphore hv_sem;	/* "enabled" for sysfs readers */
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
	struct jh_cell *cells[JAILHOUSE_MAX_CELLS];	/* by id, 0 = root */
};

extern struct jailhouse_state jh;

/* validator messages to the kernel log; @ctx names the config */
void jailhouse_report_kernel(void *ctx, const char *fmt, ...)
	__printf(2, 3);
void jailhouse_flush_dcache(void *start, size_t size);
/* copies up to @len console bytes starting at stream offset *@pos */
ssize_t jailhouse_console_read(char *buf, size_t len, u64 *pos);

#endif
