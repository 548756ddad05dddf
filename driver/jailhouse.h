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
#include <linux/rwsem.h>
#include <linux/kobject.h>
#include <jailhouse/cell-config.h>
#include <jailhouse/header.h>

#define JH_MAX_CELLS	8

struct cpu_stats;

/* A cell as the driver sees it; its kobject is cells/<id> in sysfs. */
struct jh_cell {
	struct kobject kobj;
	int id;
	char name[JAILHOUSE_CELL_NAME_MAXLEN + 1];
	cpumask_t cpus;
	struct jailhouse_cell_desc *config;	/* kvmalloc'ed copy */
	bool loaded;		/* an image was loaded since create */
	struct kobject *stats_dir;		/* statistics/ */
	struct cpu_stats *cpu_stats[NR_CPUS];	/* statistics/cpu<N>/ */
};

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
	struct jh_cell *cells[JH_MAX_CELLS];	/* by id, 0 = root */
};

extern struct jailhouse_state jh;

int jailhouse_sysfs_init(struct device *dev);
void jailhouse_sysfs_exit(struct device *dev);
int jailhouse_sysfs_cell_create(struct jh_cell *cell);
void jailhouse_sysfs_cell_delete(struct jh_cell *cell);
int jailhouse_sysfs_cell_cpus(struct jh_cell *cell);
struct jh_cell *jailhouse_cell_alloc(void);

/* pci.c: the root cell's virtual PCI host bridge */
int jailhouse_pci_register(void);
void jailhouse_pci_unregister(void);

/* cell.c: the CELL_* ioctls */
void jailhouse_flush_dcache(void *start, size_t size);
void jailhouse_report_kernel(void *ctx, const char *fmt, ...)
	__printf(2, 3);

/* the cell's LOADABLE regions, "0x0-0xfffff, ..." or "none" */
size_t jailhouse_loadable_ranges(const struct jh_cell *cell, char *buf,
				 size_t size);

int jailhouse_cmd_cell_create(void __user *arg);
int jailhouse_cmd_cell_load(void __user *arg);
int jailhouse_cmd_cell_start(void __user *arg);
int jailhouse_cmd_cell_destroy(void __user *arg);
int jailhouse_cell_destroy_all(void);
/* copies up to @len console bytes starting at stream offset *@pos */
ssize_t jailhouse_console_read(char *buf, size_t len, u64 *pos);

#endif
