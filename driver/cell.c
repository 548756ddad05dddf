// SPDX-License-Identifier: GPL-2.0
/*
 * The CELL_* ioctls: create a cell (its CPUs leave Linux and park in the
 * hypervisor), load images into its loadable memory, start it, shut it
 * down (load with no image) and destroy it (CPUs come back to Linux).
 * Also the driver's cell object: allocation and release (its kobject
 * is cells/<id> in sysfs, which sysfs.c adds and removes).
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <jailhouse/config-check.h>
#include <jailhouse/hypercall.h>
#include <jailhouse/ioctl.h>

#include "cell.h"
#include "main.h"
#include "sysfs.h"

/* The last reference to a cell is gone: free it and its config. */
static void cell_release(struct kobject *kobj)
{
	struct jh_cell *cell = container_of(kobj, struct jh_cell, kobj);

	kvfree(cell->config);
	kfree(cell);
}

static struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

struct jh_cell *jailhouse_cell_alloc(void)
{
	struct jh_cell *cell = kzalloc(sizeof(*cell), GFP_KERNEL);

	if (cell)
		kobject_init(&cell->kobj, &cell_ktype);
	return cell;
}

static int need_enabled(void)
{
	if (jh.enabled)
		return 0;
	pr_err("jailhouse: the hypervisor is not enabled\n");
	return -EINVAL;
}

/* Is @cid the root cell (id 0, or its name)? */
static bool names_root(const struct jailhouse_cell_id *cid)
{
	struct jh_cell *root = jh.cells[0];

	if (cid->id == 0)
		return true;
	return cid->id == JAILHOUSE_CELL_ID_UNUSED && root &&
		!strcmp(root->name, cid->name);
}

/*
 * The non-root cell @arg names, with the hypervisor enabled. @verb says
 * what the command would do to it ("destroyed", ...) for the message that
 * refuses the root cell.
 */
static struct jh_cell *find_cell(void __user *arg, const char *verb)
{
	struct jailhouse_cell_id cid;
	struct jh_cell *cell;
	int n, err;

	err = need_enabled();
	if (err)
		return ERR_PTR(err);
	if (copy_from_user(&cid, arg, sizeof(cid)))
		return ERR_PTR(-EFAULT);
	cid.name[sizeof(cid.name) - 1] = 0;
	if (names_root(&cid)) {
		pr_err("jailhouse: cell 0 (\"%s\") is the root cell: it "
		       "cannot be %s%s\n", jh.cells[0] ? jh.cells[0]->name : "",
		       verb, strcmp(verb, "destroyed") ? "" :
		       " (use 'jailhouse disable')");
		return ERR_PTR(-EINVAL);
	}
	for (n = 1; n < JAILHOUSE_MAX_CELLS; n++) {
		cell = jh.cells[n];
		if (cell && (cid.id == JAILHOUSE_CELL_ID_UNUSED ?
			     !strcmp(cell->name, cid.name) : cell->id == cid.id))
			return cell;
	}
	if (cid.id == JAILHOUSE_CELL_ID_UNUSED)
		pr_err("jailhouse: no cell named \"%s\"\n", cid.name);
	else
		pr_err("jailhouse: no cell with id %d\n", cid.id);
	return ERR_PTR(-ENOENT);
}

static void cpus_online(const struct cpumask *cpus)
{
	unsigned int cpu;
	int err;

	for_each_cpu(cpu, cpus) {
		err = add_cpu(cpu);
		if (err)
			pr_err("jailhouse: CPU %u does not come back online "
			       "(%d)\n", cpu, err);
	}
}

/*
 * -EBUSY is mostly a moment of CPU hotplug held off: a PCI probe does
 * that, and the hotplug helper binds the ivshmem devices enable created
 * while a script may already create a cell. Retry for up to 2 s.
 */
static int cpu_offline(unsigned int cpu)
{
	int err, n;

	for (n = 0; n < 200; n++) {
		err = remove_cpu(cpu);
		if (err != -EBUSY)
			break;
		msleep(10);
	}
	return err;
}

static int cpus_offline(struct jh_cell *cell)
{
	cpumask_t done;
	unsigned int cpu;
	int err;

	cpumask_clear(&done);
	for_each_cpu(cpu, &cell->cpus) {
		err = cpu_online(cpu) ? cpu_offline(cpu) : 0;
		if (err) {
			pr_err("jailhouse: cell \"%s\": CPU %u cannot go "
			       "offline (%d)\n", cell->name, cpu, err);
			cpus_online(&done);
			return err;
		}
		cpumask_set_cpu(cpu, &done);
	}
	return 0;
}

/*
 * The CPUs of @cell's config Linux holds (the root cell's), which go
 * offline for the hypervisor to take. Linux never gives up CPU 0. Whether
 * the cell may have its CPUs (CPU 0, a CPU of another cell or none of the
 * root cell's) is the hypervisor's decision: it refuses the cell, naming
 * the CPU, and cell_create_call() relays that.
 */
static void cell_cpus(struct jh_cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, &jh.cells[0]->cpus)
		if (cpu && jailhouse_cell_has_cpu(cell->config, cpu))
			cpumask_set_cpu(cpu, &cell->cpus);
}

/*
 * The hypervisor refused @cell with @err: relay to the kernel log, naming
 * the cell, what it printed on its console during the call (from stream
 * offset @pos on), where it names the conflict.
 */
static void report_refused(const struct jh_cell *cell, long err, u64 pos)
{
	static char buf[512];
	char *line, *next;
	ssize_t n;

	n = jailhouse_console_read(buf, sizeof(buf) - 1, &pos);
	buf[n > 0 ? n : 0] = 0;
	pr_err("jailhouse: the hypervisor refused cell \"%s\" (%ld)%s\n",
	       cell->name, err, n > 0 ? ":" : "; see 'jailhouse console'");
	for (line = buf; *line; line = next) {
		next = strchrnul(line, '\n');
		if (*next)
			*next++ = 0;
		pr_err("jailhouse:   %s\n", line);
	}
}

/* CELL_CREATE of the config in @buf: the new cell's id, or -errno. */
static long cell_create_call(struct jh_cell *cell, void *buf)
{
	u64 pos = jh.console ? READ_ONCE(jh.console->head) : 0;
	long id;

	id = (long)jailhouse_call_arg1(JAILHOUSE_HC_CELL_CREATE,
				       virt_to_phys(buf));
	if (id > 0 && id < JAILHOUSE_MAX_CELLS)
		return id;
	report_refused(cell, id, pos);
	return id < 0 ? id : -EIO;
}

/* The root cell's statistics/cpu<N> follow its CPU set. */
static void root_stats_update(void)
{
	int err = jailhouse_sysfs_cell_cpus(jh.cells[0]);

	if (err)
		pr_err("jailhouse: root cell: per-CPU statistics in sysfs "
		       "not updated (%d)\n", err);
}

int jailhouse_cmd_cell_create(void __user *arg)
{
	struct jailhouse_cell_create req;
	struct jh_cell *cell;
	void *buf;
	long id;
	int err;

	err = need_enabled();
	if (err)
		return err;
	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.config_size < sizeof(struct jailhouse_cell_desc) ||
	    req.config_size > JAILHOUSE_MAX_CELL_CONFIG_SIZE) {
		pr_err("jailhouse: cell config of %u bytes, expected %zu..%lu\n",
		       req.config_size, sizeof(struct jailhouse_cell_desc),
		       JAILHOUSE_MAX_CELL_CONFIG_SIZE);
		return -EINVAL;
	}
	/* physically contiguous: the hypervisor reads it from here */
	buf = alloc_pages_exact(req.config_size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_user(buf, (void __user *)(uintptr_t)req.config_address,
			   req.config_size))
		goto out_buf;
	err = jailhouse_check_cell_config(buf, req.config_size,
					  JAILHOUSE_ARM64,
					  jailhouse_report_kernel,
					  "cell config");
	if (err)
		goto out_buf;

	err = -ENOMEM;
	cell = jailhouse_cell_alloc();
	if (!cell)
		goto out_buf;
	cell->config = kvmalloc(req.config_size, GFP_KERNEL);
	if (!cell->config)
		goto out_cell;
	memcpy(cell->config, buf, req.config_size);
	strscpy(cell->name, cell->config->name, sizeof(cell->name));
	cell_cpus(cell);
	err = cpus_offline(cell);
	if (err)
		goto out_cell;

	id = cell_create_call(cell, buf);
	if (id < 0) {
		cpus_online(&cell->cpus);
		err = id;
		goto out_cell;
	}
	cell->id = id;
	jh.cells[id] = cell;
	cpumask_andnot(&jh.cells[0]->cpus, &jh.cells[0]->cpus, &cell->cpus);
	root_stats_update();
	err = jailhouse_sysfs_cell_create(cell);
	if (err)
		pr_err("jailhouse: no sysfs entry for cell %ld (%d)\n", id,
		       err);
	free_pages_exact(buf, req.config_size);
	pr_info("jailhouse: created cell \"%s\" (id %ld)\n", cell->name, id);
	return id;

out_cell:
	kobject_put(&cell->kobj);
out_buf:
	free_pages_exact(buf, req.config_size);
	return err;
}

/* Does @img fit in @cell's LOADABLE memory? At which physical address? */
static bool image_target(struct jh_cell *cell,
			 const struct jailhouse_preload_image *img, u64 *phys)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	u32 n;

	for (n = 0; n < cell->config->num_memory_regions; n++)
		if ((mem[n].flags & JAILHOUSE_MEM_LOADABLE) &&
		    img->target_address >= mem[n].virt_start &&
		    img->size <= mem[n].size &&
		    img->target_address - mem[n].virt_start <=
		    mem[n].size - img->size) {
			*phys = mem[n].phys_start + img->target_address -
				mem[n].virt_start;
			return true;
		}
	return false;
}

size_t jailhouse_loadable_ranges(const struct jh_cell *cell, char *buf,
				 size_t size)
{
	const struct jailhouse_memory *mem;
	size_t len = 0;
	u32 n;

	buf[0] = 0;
	if (cell->config) {
		mem = jailhouse_cell_mem_regions(cell->config);
		for (n = 0; n < cell->config->num_memory_regions; n++)
			if (mem[n].flags & JAILHOUSE_MEM_LOADABLE &&
			    mem[n].size)
				len += scnprintf(buf + len, size - len,
						 "%s0x%llx-0x%llx",
						 len ? ", " : "",
						 mem[n].virt_start,
						 mem[n].virt_start +
						 mem[n].size - 1);
	}
	if (!len)
		len = scnprintf(buf, size, "none");
	return len;
}

static void report_outside(struct jh_cell *cell,
			   const struct jailhouse_preload_image *img, u32 n,
			   u32 count)
{
	char ranges[160];

	jailhouse_loadable_ranges(cell, ranges, sizeof(ranges));
	pr_err("jailhouse: cell \"%s\": image %u of %u, %llu bytes at "
	       "0x%llx, is outside its loadable memory (loadable: %s); "
	       "nothing loaded\n", cell->name, n + 1, count, img->size,
	       img->target_address, ranges);
}

static int load_image(struct jh_cell *cell,
		      const struct jailhouse_preload_image *img, u32 n,
		      u32 count)
{
	void *map;
	int err = 0;
	u64 phys;

	if (!image_target(cell, img, &phys)) {
		report_outside(cell, img, n, count); /* changed since checked */
		return -EINVAL;
	}
	if (!img->size)
		return 0;
	map = memremap(phys, img->size, MEMREMAP_WB);
	if (!map)
		return -ENOMEM;
	if (copy_from_user(map, (void __user *)(uintptr_t)img->source_address,
			   img->size))
		err = -EFAULT;
	jailhouse_flush_dcache(map, img->size);
	memunmap(map);
	return err;
}

/* Every image must fit before the cell is stopped and anything written. */
static int check_images(struct jh_cell *cell,
			struct jailhouse_cell_load __user *uload, u32 count)
{
	struct jailhouse_preload_image img;
	u64 phys;
	u32 n;

	for (n = 0; n < count; n++) {
		if (copy_from_user(&img, &uload->image[n], sizeof(img)))
			return -EFAULT;
		if (!image_target(cell, &img, &phys)) {
			report_outside(cell, &img, n, count);
			return -EINVAL;
		}
	}
	return 0;
}

int jailhouse_cmd_cell_load(void __user *arg)
{
	struct jailhouse_cell_load __user *uload = arg;
	struct jailhouse_preload_image img;
	struct jh_cell *cell;
	u32 n, count;
	long ret;
	int err;

	cell = find_cell(arg, "loaded or shut down");
	if (IS_ERR(cell))
		return PTR_ERR(cell);
	if (get_user(count, &uload->num_preload_images))
		return -EFAULT;
	err = check_images(cell, uload, count);
	if (err)
		return err;
	ret = (long)jailhouse_call_arg1(JAILHOUSE_HC_CELL_SET_LOADABLE,
					cell->id);
	if (ret) {
		pr_err("jailhouse: cell \"%s\" cannot be stopped (%ld)%s\n",
		       cell->name, ret, ret == -EPERM ?
		       ": it denied the shutdown request" : "");
		return ret;
	}
	if (!count)
		return 0;	/* cell shutdown: what was loaded stays */
	cell->loaded = false;
	for (n = 0; n < count; n++) {
		if (copy_from_user(&img, &uload->image[n], sizeof(img)))
			return -EFAULT;
		err = load_image(cell, &img, n, count);
		if (err)
			return err;
	}
	cell->loaded = true;
	return 0;
}

int jailhouse_cmd_cell_start(void __user *arg)
{
	struct jh_cell *cell;
	long ret;

	cell = find_cell(arg, "started");
	if (IS_ERR(cell))
		return PTR_ERR(cell);
	/* its RAM holds whatever was there before: nothing to run */
	if (!cell->loaded) {
		pr_err("jailhouse: cell \"%s\": no image loaded since it was "
		       "created; load one first ('jailhouse cell load %s "
		       "IMAGE')\n", cell->name, cell->name);
		return -ENOEXEC;
	}
	ret = (long)jailhouse_call_arg1(JAILHOUSE_HC_CELL_START, cell->id);
	if (ret)
		pr_err("jailhouse: cell \"%s\" does not start (%ld)\n",
		       cell->name, ret);
	return ret;
}

/* Destroy a non-root cell: its CPUs come back to Linux, sysfs forgets it. */
static int cell_destroy(struct jh_cell *cell)
{
	long ret;

	ret = (long)jailhouse_call_arg1(JAILHOUSE_HC_CELL_DESTROY, cell->id);
	if (ret) {
		pr_err("jailhouse: cell \"%s\" cannot be destroyed (%ld)\n",
		       cell->name, ret);
		return ret;
	}
	jh.cells[cell->id] = NULL;
	cpumask_or(&jh.cells[0]->cpus, &jh.cells[0]->cpus, &cell->cpus);
	root_stats_update();
	cpus_online(&cell->cpus);
	pr_info("jailhouse: destroyed cell \"%s\"\n", cell->name);
	jailhouse_sysfs_cell_delete(cell);
	return 0;
}

int jailhouse_cmd_cell_destroy(void __user *arg)
{
	struct jh_cell *cell;

	cell = find_cell(arg, "destroyed");
	if (IS_ERR(cell))
		return PTR_ERR(cell);
	return cell_destroy(cell);
}

/*
 * DISABLE with cells left: destroy every non-root cell first, as the
 * published driver does. Stops at the first cell the hypervisor refuses
 * to destroy (e.g. one that denies shutdown), naming it.
 */
int jailhouse_cell_destroy_all(void)
{
	unsigned int n;
	int err;

	for (n = 1; n < JAILHOUSE_MAX_CELLS; n++) {
		struct jh_cell *cell = jh.cells[n];

		if (!cell)
			continue;
		pr_info("jailhouse: disable: destroying cell \"%s\" (id %u)\n",
			cell->name, n);
		err = cell_destroy(cell);
		if (err) {
			pr_err("jailhouse: disable: cell \"%s\" is still "
			       "there (destroy failed with %d); the "
			       "hypervisor stays enabled\n", cell->name, err);
			return err;
		}
	}
	return 0;
}
