// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/devices/jailhouse/{console, enabled, mem_pool_size,
 * mem_pool_used, remap_pool_size, remap_pool_used} and
 * /sys/devices/jailhouse/cells/<id>/{name, state, cpus_assigned,
 * cpus_assigned_list, cpus_failed, cpus_failed_list, statistics/<counter>,
 * statistics/cpu<N>/<counter>} (counters of CPU_GET_INFO; a cell-wide file
 * sums the cell's CPUs).
 * Readers take jh.hv_sem (not the ioctl mutex): cell directories can be
 * removed under the mutex without waiting for a reader that waits for it.
 */
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <jailhouse/hypercall.h>

#include "cell.h"
#include "main.h"
#include "sysfs.h"

static struct kobject *cells_dir;

/* A hypercall on behalf of a sysfs reader, if the hypervisor runs. */
static long hv_query(u64 code, u64 arg1, u64 arg2, bool *ok)
{
	long v = -EINVAL;

	down_read(&jh.hv_sem);
	*ok = jh.enabled;
	if (jh.enabled)
		v = (long)jailhouse_call_arg2(code, arg1, arg2);
	up_read(&jh.hv_sem);
	return v;
}

static ssize_t enabled_show(struct device *dev, struct device_attribute *a,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", jh.enabled);
}

static ssize_t console_show(struct device *dev, struct device_attribute *a,
			    char *buf)
{
	u64 pos = 0, head;
	ssize_t n;

	mutex_lock(&jh.lock);
	head = jh.console ? jh.console->head : jh.console_copy_head;
	if (head > PAGE_SIZE - 1)
		pos = head - (PAGE_SIZE - 1);
	n = jailhouse_console_read(buf, PAGE_SIZE - 1, &pos);
	mutex_unlock(&jh.lock);
	return n;
}

#define INFO_ATTR(name, type)						\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *a, char *buf)	\
{									\
	bool ok;							\
	long v = hv_query(JAILHOUSE_HC_HYPERVISOR_GET_INFO, type, 0, &ok); \
									\
	return !ok || v < 0 ? -EIO : sysfs_emit(buf, "%ld\n", v);	\
}									\
static DEVICE_ATTR_RO(name)

INFO_ATTR(mem_pool_size, JAILHOUSE_INFO_MEM_POOL_SIZE);
INFO_ATTR(mem_pool_used, JAILHOUSE_INFO_MEM_POOL_USED);
INFO_ATTR(remap_pool_size, JAILHOUSE_INFO_REMAP_POOL_SIZE);
INFO_ATTR(remap_pool_used, JAILHOUSE_INFO_REMAP_POOL_USED);
static DEVICE_ATTR_RO(enabled);
static DEVICE_ATTR_RO(console);

static struct attribute *jailhouse_attrs[] = {
	&dev_attr_console.attr,
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_remap_pool_size.attr,
	&dev_attr_remap_pool_used.attr,
	NULL,
};

static const struct attribute_group jailhouse_group = {
	.attrs = jailhouse_attrs,
};

/* ---- cells/<id> ---- */

#define to_cell(k)	container_of(k, struct jh_cell, kobj)

static ssize_t show_cpus(struct jh_cell *cell, char *buf, bool failed,
			 bool list)
{
	cpumask_var_t set;
	unsigned int cpu;
	ssize_t n;
	bool ok;

	if (!zalloc_cpumask_var(&set, GFP_KERNEL))
		return -ENOMEM;
	for_each_cpu(cpu, &cell->cpus)
		if (!failed ||
		    hv_query(JAILHOUSE_HC_CPU_GET_INFO, cpu,
			     JAILHOUSE_CPU_INFO_STATE, &ok) ==
		    JAILHOUSE_CPU_FAILED)
			cpumask_set_cpu(cpu, set);
	n = sysfs_emit(buf, list ? "%*pbl\n" : "%*pb\n",
		       cpumask_pr_args(set));
	free_cpumask_var(set);
	return n;
}

static ssize_t name_show(struct kobject *k, struct kobj_attribute *a,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_cell(k)->name);
}

static ssize_t state_show(struct kobject *k, struct kobj_attribute *a,
			  char *buf)
{
	static const char *const names[] = {
		"running", "running/locked", "shut down", "failed",
		"failed/comm rev",
	};
	bool ok;
	long s = hv_query(JAILHOUSE_HC_CELL_GET_STATE, to_cell(k)->id, 0,
			  &ok);

	if (!ok || s < 0 || s >= ARRAY_SIZE(names))
		return sysfs_emit(buf, "invalid\n");
	return sysfs_emit(buf, "%s\n", names[s]);
}

/* virtual ranges "jailhouse cell load" may write, for its messages */
static ssize_t loadable_show(struct kobject *k, struct kobj_attribute *a,
			     char *buf)
{
	size_t len = jailhouse_loadable_ranges(to_cell(k), buf,
					       PAGE_SIZE - 1);

	buf[len++] = '\n';
	return len;
}

#define CPUS_ATTR(name, failed, list)					\
static ssize_t name##_show(struct kobject *k, struct kobj_attribute *a,	\
			   char *buf)					\
{									\
	return show_cpus(to_cell(k), buf, failed, list);		\
}									\
static struct kobj_attribute name##_attr = __ATTR_RO(name)

CPUS_ATTR(cpus_assigned, false, false);
CPUS_ATTR(cpus_assigned_list, false, true);
CPUS_ATTR(cpus_failed, true, false);
CPUS_ATTR(cpus_failed_list, true, true);
static struct kobj_attribute name_attr = __ATTR_RO(name);
static struct kobj_attribute state_attr = __ATTR_RO(state);
static struct kobj_attribute loadable_attr = __ATTR_RO(loadable);

static struct attribute *cell_attrs[] = {
	&name_attr.attr,
	&state_attr.attr,
	&cpus_assigned_attr.attr,
	&cpus_assigned_list_attr.attr,
	&cpus_failed_attr.attr,
	&cpus_failed_list_attr.attr,
	&loadable_attr.attr,
	NULL,
};

static const struct attribute_group cell_group = {
	.attrs = cell_attrs,
};

/* ---- cells/<id>/statistics/{<counter>, cpu<N>/<counter>} ---- */

struct stat_attr {
	struct kobj_attribute attr;
	unsigned int stat;		/* JAILHOUSE_CPU_STAT_* */
};

/* statistics/cpu<N>: the counters of one CPU of the cell */
struct cpu_stats {
	struct kobject kobj;
	unsigned int cpu;
};

static u64 cpu_stat(unsigned int cpu, unsigned int stat)
{
	bool ok;
	long v = hv_query(JAILHOUSE_HC_CPU_GET_INFO, cpu,
			  JAILHOUSE_CPU_INFO_STAT_BASE + stat, &ok);

	return ok && v > 0 ? v : 0;
}

static u64 cell_stat(struct jh_cell *cell, unsigned int stat)
{
	unsigned int cpu;
	u64 sum = 0;

	for_each_cpu(cpu, &cell->cpus)
		sum += cpu_stat(cpu, stat);
	return sum;
}

static void cpu_stats_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct cpu_stats, kobj));
}

static const struct kobj_type cpu_stats_ktype = {
	.release = cpu_stats_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

/* statistics/<counter> sums the cell's CPUs, cpu<N>/<counter> is one */
static ssize_t stat_show(struct kobject *k, struct kobj_attribute *a,
			 char *buf)
{
	unsigned int stat = container_of(a, struct stat_attr, attr)->stat;

	if (k->ktype == &cpu_stats_ktype)
		return sysfs_emit(buf, "%llu\n",
				  cpu_stat(container_of(k, struct cpu_stats,
							kobj)->cpu, stat));
	return sysfs_emit(buf, "%llu\n", cell_stat(to_cell(k->parent), stat));
}

#define STAT_ATTR(_name, _stat)						\
static struct stat_attr _name##_attr = {				\
	.attr = __ATTR(_name, 0444, stat_show, NULL),			\
	.stat = _stat,							\
}

STAT_ATTR(vmexits_total, JAILHOUSE_CPU_STAT_VMEXITS_TOTAL);
STAT_ATTR(vmexits_mmio, JAILHOUSE_CPU_STAT_VMEXITS_MMIO);
STAT_ATTR(vmexits_management, JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT);
STAT_ATTR(vmexits_hypercall, JAILHOUSE_CPU_STAT_VMEXITS_HYPERCALL);
STAT_ATTR(vmexits_maintenance, JAILHOUSE_CPU_STAT_VMEXITS_MAINTENANCE);
STAT_ATTR(vmexits_virq, JAILHOUSE_CPU_STAT_VMEXITS_VIRQ);
STAT_ATTR(vmexits_vsgi, JAILHOUSE_CPU_STAT_VMEXITS_VSGI);
STAT_ATTR(vmexits_psci, JAILHOUSE_CPU_STAT_VMEXITS_PSCI);
STAT_ATTR(vmexits_smccc, JAILHOUSE_CPU_STAT_VMEXITS_SMCCC);

static struct attribute *stat_attrs[] = {
	&vmexits_total_attr.attr.attr,
	&vmexits_mmio_attr.attr.attr,
	&vmexits_management_attr.attr.attr,
	&vmexits_hypercall_attr.attr.attr,
	&vmexits_maintenance_attr.attr.attr,
	&vmexits_virq_attr.attr.attr,
	&vmexits_vsgi_attr.attr.attr,
	&vmexits_psci_attr.attr.attr,
	&vmexits_smccc_attr.attr.attr,
	NULL,
};

static const struct attribute_group stat_group = {
	.attrs = stat_attrs,
};

static void cpu_stats_remove(struct jh_cell *cell, unsigned int cpu)
{
	struct cpu_stats *cs = cell->cpu_stats[cpu];

	if (!cs)
		return;
	cell->cpu_stats[cpu] = NULL;
	sysfs_remove_group(&cs->kobj, &stat_group);
	kobject_del(&cs->kobj);
	kobject_put(&cs->kobj);
}

static int cpu_stats_add(struct jh_cell *cell, unsigned int cpu)
{
	struct cpu_stats *cs = kzalloc(sizeof(*cs), GFP_KERNEL);
	int err;

	if (!cs)
		return -ENOMEM;
	cs->cpu = cpu;
	kobject_init(&cs->kobj, &cpu_stats_ktype);
	err = kobject_add(&cs->kobj, cell->stats_dir, "cpu%u", cpu);
	if (err)
		goto out_put;
	err = sysfs_create_group(&cs->kobj, &stat_group);
	if (err)
		goto out_del;
	cell->cpu_stats[cpu] = cs;
	return 0;

out_del:
	kobject_del(&cs->kobj);
out_put:
	kobject_put(&cs->kobj);
	return err;
}

/* Make statistics/cpu<N> match the cell's CPU set (root cell: changes). */
int jailhouse_sysfs_cell_cpus(struct jh_cell *cell)
{
	unsigned int cpu;
	int err;

	if (!cell->stats_dir)
		return 0;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (!cpumask_test_cpu(cpu, &cell->cpus)) {
			cpu_stats_remove(cell, cpu);
			continue;
		}
		if (cell->cpu_stats[cpu])
			continue;
		err = cpu_stats_add(cell, cpu);
		if (err)
			return err;
	}
	return 0;
}

static void stats_delete(struct jh_cell *cell)
{
	unsigned int cpu;

	if (!cell->stats_dir)
		return;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		cpu_stats_remove(cell, cpu);
	sysfs_remove_group(cell->stats_dir, &stat_group);
	kobject_put(cell->stats_dir);
	cell->stats_dir = NULL;
}

static int stats_create(struct jh_cell *cell)
{
	int err;

	cell->stats_dir = kobject_create_and_add("statistics", &cell->kobj);
	if (!cell->stats_dir)
		return -ENOMEM;
	err = sysfs_create_group(cell->stats_dir, &stat_group);
	if (!err)
		err = jailhouse_sysfs_cell_cpus(cell);
	if (err)
		stats_delete(cell);
	return err;
}

int jailhouse_sysfs_cell_create(struct jh_cell *cell)
{
	int err;

	err = kobject_add(&cell->kobj, cells_dir, "%d", cell->id);
	if (err)
		return err;
	err = sysfs_create_group(&cell->kobj, &cell_group);
	if (err)
		goto out_del;
	err = stats_create(cell);
	if (err)
		goto out_group;
	return 0;

out_group:
	sysfs_remove_group(&cell->kobj, &cell_group);
out_del:
	kobject_del(&cell->kobj);
	return err;
}

/* Removes the directory and drops the cell's last reference. */
void jailhouse_sysfs_cell_delete(struct jh_cell *cell)
{
	if (cell->kobj.state_in_sysfs) {
		stats_delete(cell);
		sysfs_remove_group(&cell->kobj, &cell_group);
		kobject_del(&cell->kobj);
	}
	kobject_put(&cell->kobj);
}

int jailhouse_sysfs_init(struct device *dev)
{
	int err;

	err = sysfs_create_group(&dev->kobj, &jailhouse_group);
	if (err)
		return err;
	cells_dir = kobject_create_and_add("cells", &dev->kobj);
	if (!cells_dir) {
		sysfs_remove_group(&dev->kobj, &jailhouse_group);
		return -ENOMEM;
	}
	return 0;
}

void jailhouse_sysfs_exit(struct device *dev)
{
	kobject_put(cells_dir);
	sysfs_remove_group(&dev->kobj, &jailhouse_group);
}
