/* SPDX-License-Identifier: GPL-2.0 */
/* sysfs.c: /sys/devices/jailhouse and its cells/<id> directories. */
#ifndef _JAILHOUSE_DRIVER_SYSFS_H
#define _JAILHOUSE_DRIVER_SYSFS_H

#include <linux/device.h>

struct jh_cell;

int jailhouse_sysfs_init(struct device *dev);
void jailhouse_sysfs_exit(struct device *dev);
int jailhouse_sysfs_cell_create(struct jh_cell *cell);
/* removes the directory and drops the cell's last reference */
void jailhouse_sysfs_cell_delete(struct jh_cell *cell);
/* statistics/cpu<N> follow the cell's CPU set */
int jailhouse_sysfs_cell_cpus(struct jh_cell *cell);

#endif
