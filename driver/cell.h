/* SPDX-License-Identifier: GPL-2.0 */
/* cell.c: a cell as the driver sees it and the CELL_* ioctls. */
#ifndef _JAILHOUSE_DRIVER_CELL_H
#define _JAILHOUSE_DRIVER_CELL_H

#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <jailhouse/cell-config.h>

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

/* a cell with no id yet; kobject_put() frees it and its config */
struct jh_cell *jailhouse_cell_alloc(void);

/* the cell's LOADABLE regions, "0x0-0xfffff, ..." or "none" */
size_t jailhouse_loadable_ranges(const struct jh_cell *cell, char *buf,
				 size_t size);

int jailhouse_cmd_cell_create(void __user *arg);
int jailhouse_cmd_cell_load(void __user *arg);
int jailhouse_cmd_cell_start(void __user *arg);
int jailhouse_cmd_cell_destroy(void __user *arg);
int jailhouse_cell_destroy_all(void);

#endif
