// SPDX-License-Identifier: GPL-2.0
/*
 * jailhouse.ko: /dev/jailhouse (ENABLE/DISABLE ioctls, read() returns the
 * hypervisor console), firmware loading and the CPU hand-over through
 * Linux's hyp stub. Works on a stock kernel: no patched exports needed.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <jailhouse/config-check.h>
#include <jailhouse/hypercall.h>
#include <jailhouse/ioctl.h>

#include "cell.h"
#include "main.h"
#include "pci.h"
#include "sysfs.h"

#define JH_FIRMWARE		"jailhouse.bin"
#ifndef R_AARCH64_RELATIVE
#define R_AARCH64_RELATIVE	1027
#endif

struct jailhouse_state jh = {
	.lock = __MUTEX_INITIALIZER(jh.lock),
	.hv_sem = __RWSEM_INITIALIZER(jh.hv_sem),
};

/* Config validation messages to the kernel log; @ctx names the config. */
void jailhouse_report_kernel(void *ctx, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	pr_err("jailhouse: %s: %pV", (const char *)ctx, &vaf);
	va_end(ap);
}

/* Is EL2 ours to take? (the stock kernel cannot tell a module) */
static int check_el2(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	struct arm_smccc_res res;

	if (!((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf)) {
		pr_err("jailhouse: this CPU has no EL2: cannot run a "
		       "hypervisor\n");
		return -ENODEV;
	}
	if (is_kernel_in_hyp_mode()) {
		pr_err("jailhouse: the kernel runs at EL2 (VHE): boot with "
		       "kvm-arm.mode=none and without VHE\n");
		return -EBUSY;
	}
	arm_smccc_1_1_hvc(HVC_STUB_HCALL_NR + 0x100, &res);
	if (res.a0 != HVC_STUB_ERR) {
		pr_err("jailhouse: EL2 is not Linux's hyp stub (KVM active?):"
		       " boot with kvm-arm.mode=none\n");
		return -EBUSY;
	}
	return 0;
}

static int check_reserved(u64 phys, u64 size)
{
	if (region_intersects(phys, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("jailhouse: hypervisor memory 0x%llx-0x%llx is System "
		       "RAM used by Linux; expected a no-map reserved-memory "
		       "region there\n", phys, phys + size - 1);
		return -EINVAL;
	}
	return 0;
}

static int check_cpus(const struct jailhouse_system *sys)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		if (!jailhouse_cell_has_cpu(&sys->root_cell, cpu)) {
			pr_err("jailhouse: CPU %u is online but not in the "
			       "root cell's CPU set\n", cpu);
			return -EINVAL;
		}
	}
	for (cpu = 0; cpu < sys->root_cell.cpu_set_size * 8; cpu++) {
		if (jailhouse_cell_has_cpu(&sys->root_cell, cpu) &&
		    !cpu_online(cpu)) {
			pr_err("jailhouse: CPU %u of the root cell is offline;"
			       " bring it online before enabling\n", cpu);
			return -EBUSY;
		}
	}
	return 0;
}

static int check_firmware(const struct firmware *fw, u64 hv_size,
			  u64 config_size)
{
	const struct jailhouse_header *hdr = (const void *)fw->data;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, JAILHOUSE_HEADER_SIGNATURE, 8)) {
		pr_err("jailhouse: %s is not a hypervisor image (signature "
		       "\"%s\" expected)\n", JH_FIRMWARE,
		       JAILHOUSE_HEADER_SIGNATURE);
		return -EINVAL;
	}
	if (hdr->version != JAILHOUSE_HEADER_VERSION) {
		pr_err("jailhouse: %s header version %u, expected %u: driver "
		       "and firmware do not match\n", JH_FIRMWARE,
		       hdr->version, JAILHOUSE_HEADER_VERSION);
		return -EINVAL;
	}
	if (fw->size > hdr->image_size || hdr->image_size > hdr->core_size ||
	    hdr->rela_end > fw->size || hdr->rela_start > hdr->rela_end ||
	    hdr->entry >= fw->size) {
		pr_err("jailhouse: %s is inconsistent (size %zu, image %llu, "
		       "core %llu)\n", JH_FIRMWARE, fw->size, hdr->image_size,
		       hdr->core_size);
		return -EINVAL;
	}
	if (hdr->core_size + PAGE_ALIGN(config_size) + 64 * PAGE_SIZE >
	    hv_size) {
		pr_err("jailhouse: hypervisor memory of %llu KiB too small: "
		       "need at least %llu KiB\n", hv_size >> 10,
		       (hdr->core_size + PAGE_ALIGN(config_size) +
			64 * PAGE_SIZE) >> 10);
		return -ENOMEM;
	}
	return 0;
}

static void relocate(void *base, u64 phys, const struct jailhouse_header *h)
{
	const u64 *rela = base + h->rela_start;
	const u64 *end = base + h->rela_end;

	/* Elf64_Rela: r_offset, r_info, r_addend */
	for (; rela + 3 <= end; rela += 3) {
		if ((rela[1] & 0xffffffff) == R_AARCH64_RELATIVE)
			*(u64 *)(base + rela[0]) = phys + rela[2];
	}
}

/*
 * Clean and invalidate to the point of coherency, so that code running
 * with caches off (the hypervisor's entry, a cell's first instructions)
 * reads what we wrote.
 */
void jailhouse_flush_dcache(void *start, size_t size)
{
	unsigned long line = 4 << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long addr = (unsigned long)start & ~(line - 1);

	for (; addr < (unsigned long)start + size; addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	dsb(sy);
}

struct entry_args {
	u64 entry;
	u64 phys;
};

static int enter_cpu(void *data)
{
	struct entry_args *args = data;
	unsigned long flags;
	register u64 x0 asm("x0");
	register u64 x1 asm("x1");
	register u64 x2 asm("x2");
	register u64 x3 asm("x3");
	register u64 x4 asm("x4");

	local_irq_save(flags);
	x0 = HVC_SOFT_RESTART;
	x1 = args->entry;
	x2 = smp_processor_id();
	x3 = args->phys;
	x4 = 0;
	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3), "+r" (x4)
		     : : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	local_irq_restore(flags);
	return (int)x0;
}

static int leave_cpu(void *data)
{
	return (int)jailhouse_call(JAILHOUSE_HC_DISABLE);
}

static void print_console_tail(void)
{
	static char buf[1024];
	u64 pos = 0;
	ssize_t n;

	if (!jh.console)
		return;
	if (jh.console->head > sizeof(buf) - 1)
		pos = jh.console->head - (sizeof(buf) - 1);
	n = jailhouse_console_read(buf, sizeof(buf) - 1, &pos);
	if (n > 0) {
		buf[n] = 0;
		pr_err("jailhouse: hypervisor console:\n%s", buf);
	}
}

static void unwind_cpus(void)
{
	unsigned int cpu;

	for_each_cpu(cpu, &jh.entered)
		smp_call_on_cpu(cpu, leave_cpu, NULL, false);
	cpumask_clear(&jh.entered);
}

/* Called once no CPU runs the hypervisor: its memory is readable again. */
static void keep_console(void)
{
	const struct jailhouse_header *hdr = jh.hv_mem;

	if (hdr)
		jh.console = jh.hv_mem + hdr->console;
	if (!jh.console)
		return;
	kfree(jh.console_copy);
	jh.console_copy = kmemdup(jh.console->content,
				  JAILHOUSE_CONSOLE_SIZE, GFP_KERNEL);
	jh.console_copy_head = jh.console_copy ? jh.console->head : 0;
	jh.console = NULL;
}

static int enter_all_cpus(struct jailhouse_header *hdr)
{
	struct entry_args args = {
		.entry = jh.hv_phys + hdr->entry,
		.phys = jh.hv_phys,
	};
	unsigned int cpu;
	int err;

	cpumask_clear(&jh.entered);
	for_each_online_cpu(cpu) {
		err = smp_call_on_cpu(cpu, enter_cpu, &args, false);
		if (err) {
			pr_err("jailhouse: CPU %u failed to enter the "
			       "hypervisor (error %d)\n", cpu, err);
			unwind_cpus();
			/* no CPU runs the hypervisor: its console is ours */
			jh.console = (void *)hdr + hdr->console;
			print_console_tail();
			return err > 0 ? -EIO : err;
		}
		cpumask_set_cpu(cpu, &jh.entered);
	}
	return 0;
}

static int load_hypervisor(const struct firmware *fw, u32 config_size)
{
	struct jailhouse_header *hdr;
	void *mem;

	mem = memremap(jh.hv_phys, jh.hv_size, MEMREMAP_WB);
	if (!mem) {
		pr_err("jailhouse: cannot map hypervisor memory 0x%llx\n",
		       jh.hv_phys);
		return -ENOMEM;
	}
	hdr = mem;
	memset(mem, 0, ((const struct jailhouse_header *)fw->data)->core_size);
	memcpy(mem, fw->data, fw->size);
	relocate(mem, jh.hv_phys, hdr);
	hdr->phys_base = jh.hv_phys;
	hdr->config_offset = hdr->core_size;
	hdr->config_size = config_size;
	hdr->online_cpus = num_online_cpus();
	memcpy(mem + hdr->config_offset, jh.config, config_size);
	jailhouse_flush_dcache(mem, jh.hv_size);
	jh.hv_mem = mem;
	/* readable by the root cell only if the config allows it */
	if (SYS_FLAGS_VIRTUAL_DEBUG_CONSOLE(jh.config->flags))
		jh.console = mem + hdr->console;
	else
		pr_info("jailhouse: console not readable (config flag "
			"JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE not set)\n");
	return 0;
}

static void root_cell_sysfs(const struct jailhouse_system *config)
{
	struct jh_cell *root = jailhouse_cell_alloc();

	if (!root)
		return;
	root->id = 0;
	strscpy(root->name, config->root_cell.name, sizeof(root->name));
	cpumask_copy(&root->cpus, &jh.entered);
	jh.cells[0] = root;
	if (jailhouse_sysfs_cell_create(root))
		pr_err("jailhouse: no sysfs entry for the root cell\n");
}

/* The root cell's virtual PCI devices: useful, not vital to the root. */
static void register_root_pci(void)
{
	if (jailhouse_pci_register())
		pr_warn("jailhouse: running without the virtual PCI devices "
			"of the root cell\n");
}

static int jailhouse_enable(void __user *arg)
{
	struct jailhouse_system hdr, *config = NULL;
	const struct firmware *fw = NULL;
	u64 size;
	int err;

	if (jh.enabled) {
		pr_err("jailhouse: enable: the hypervisor is already "
		       "enabled\n");
		return -EBUSY;
	}
	if (copy_from_user(&hdr, arg, sizeof(hdr)))
		return -EFAULT;
	size = jailhouse_system_config_size(&hdr);
	if (memcmp(hdr.signature, JAILHOUSE_SYSTEM_SIGNATURE, 5) ||
	    size > JAILHOUSE_MAX_SYSTEM_CONFIG_SIZE) {
		/* let the validator word it; the sizes are not trustworthy */
		size = sizeof(hdr);
		config = kmemdup(&hdr, size, GFP_KERNEL);
	} else {
		config = vmalloc(size);
		if (config && copy_from_user(config, arg, size)) {
			vfree(config);
			return -EFAULT;
		}
	}
	if (!config)
		return -ENOMEM;
	err = jailhouse_check_system_config(config, size, JAILHOUSE_ARM64,
					    jailhouse_report_kernel,
					    "system config");
	if (err)
		goto out_free;

	jh.hv_phys = config->hypervisor_memory.phys_start;
	jh.hv_size = config->hypervisor_memory.size;
	err = check_reserved(jh.hv_phys, jh.hv_size);
	if (!err)
		err = check_el2();
	if (err)
		goto out_free;

	err = request_firmware_direct(&fw, JH_FIRMWARE, jh.dev);
	if (err) {
		pr_err("jailhouse: firmware %s not found (error %d); install "
		       "it in /lib/firmware\n", JH_FIRMWARE, err);
		goto out_free;
	}
	err = check_firmware(fw, jh.hv_size, size);
	if (err)
		goto out_fw;

	cpus_read_lock();
	err = check_cpus(config);
	if (err)
		goto out_unlock;
	jh.config = config;
	err = load_hypervisor(fw, size);
	if (err)
		goto out_unlock;
	err = enter_all_cpus(jh.hv_mem);
	if (err)
		goto out_unmap;
	cpus_read_unlock();
	release_firmware(fw);

	down_write(&jh.hv_sem);
	jh.enabled = true;
	up_write(&jh.hv_sem);
	__module_get(THIS_MODULE);
	root_cell_sysfs(config);
	pr_info("jailhouse: the hypervisor is enabled, root cell \"%s\"\n",
		config->root_cell.name);
	register_root_pci();
	return 0;

out_unmap:
	keep_console();
	memunmap(jh.hv_mem);
	jh.hv_mem = NULL;
out_unlock:
	cpus_read_unlock();
	jh.config = NULL;
out_fw:
	release_firmware(fw);
out_free:
	kvfree(config);
	return err;
}

static int jailhouse_disable(void)
{
	unsigned int cpu;
	int err;

	if (!jh.enabled) {
		pr_err("jailhouse: disable: the hypervisor is not enabled\n");
		return -EINVAL;
	}
	err = jailhouse_cell_destroy_all();
	if (err)
		return err;
	jailhouse_pci_unregister();
	down_write(&jh.hv_sem);
	cpus_read_lock();
	for_each_cpu(cpu, &jh.entered) {
		if (!cpu_online(cpu))
			continue;	/* parked inside, powered off by hv */
		err = smp_call_on_cpu(cpu, leave_cpu, NULL, false);
		if (err) {
			pr_err("jailhouse: CPU %u refused to leave the "
			       "hypervisor (error %d)\n", cpu, err);
			if (cpu == cpumask_first(&jh.entered)) {
				cpus_read_unlock();
				up_write(&jh.hv_sem);
				goto still_enabled;
			}
		}
	}
	cpumask_clear(&jh.entered);
	cpus_read_unlock();
	jh.enabled = false;
	up_write(&jh.hv_sem);

	if (jh.cells[0])
		jailhouse_sysfs_cell_delete(jh.cells[0]);
	jh.cells[0] = NULL;
	keep_console();
	memunmap(jh.hv_mem);
	jh.hv_mem = NULL;
	kvfree(jh.config);
	jh.config = NULL;
	module_put(THIS_MODULE);
	pr_info("jailhouse: the hypervisor is disabled\n");
	return 0;

still_enabled:
	/* nothing left the hypervisor: give the root its devices back */
	register_root_pci();
	return err;
}

static long jailhouse_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	long err;

	if (mutex_lock_interruptible(&jh.lock))
		return -EINTR;
	switch (cmd) {
	case JAILHOUSE_ENABLE:
		err = jailhouse_enable((void __user *)arg);
		break;
	case JAILHOUSE_DISABLE:
		err = jailhouse_disable();
		break;
	case JAILHOUSE_CELL_CREATE:
		err = jailhouse_cmd_cell_create((void __user *)arg);
		break;
	case JAILHOUSE_CELL_LOAD:
		err = jailhouse_cmd_cell_load((void __user *)arg);
		break;
	case JAILHOUSE_CELL_START:
		err = jailhouse_cmd_cell_start((void __user *)arg);
		break;
	case JAILHOUSE_CELL_DESTROY:
		err = jailhouse_cmd_cell_destroy((void __user *)arg);
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&jh.lock);
	return err;
}

ssize_t jailhouse_console_read(char *buf, size_t len, u64 *pos)
{
	const char *content;
	u64 head, start;
	size_t n = 0;

	if (jh.console) {
		head = READ_ONCE(jh.console->head);
		smp_rmb();
		content = jh.console->content;
	} else if (jh.console_copy) {
		head = jh.console_copy_head;
		content = jh.console_copy;
	} else {
		return 0;
	}
	start = *pos;
	if (head > JAILHOUSE_CONSOLE_SIZE &&
	    start < head - JAILHOUSE_CONSOLE_SIZE)
		start = head - JAILHOUSE_CONSOLE_SIZE;
	if (start > head)
		start = head;	/* a new enable restarted the stream */
	while (start + n < head && n < len) {
		buf[n] = content[(start + n) % JAILHOUSE_CONSOLE_SIZE];
		n++;
	}
	*pos = start + n;
	return n;
}

static ssize_t jailhouse_read(struct file *file, char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	u64 pos = *ppos;
	ssize_t n;
	char *buf;

	len = min_t(size_t, len, PAGE_SIZE);
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&jh.lock);
	n = jailhouse_console_read(buf, len, &pos);
	mutex_unlock(&jh.lock);
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	else
		*ppos = pos;
	kfree(buf);
	return n;
}

static const struct file_operations jailhouse_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = jailhouse_ioctl,
	.compat_ioctl = jailhouse_ioctl,
	.read = jailhouse_read,
	.llseek = default_llseek,
};

static struct miscdevice jailhouse_misc_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "jailhouse",
	.fops = &jailhouse_fops,
};

static int __init jailhouse_init(void)
{
	int err;

	jh.dev = root_device_register("jailhouse");
	if (IS_ERR(jh.dev))
		return PTR_ERR(jh.dev);
	err = jailhouse_sysfs_init(jh.dev);
	if (err)
		goto out_dev;
	err = misc_register(&jailhouse_misc_dev);
	if (err)
		goto out_sysfs;
	return 0;

out_sysfs:
	jailhouse_sysfs_exit(jh.dev);
out_dev:
	root_device_unregister(jh.dev);
	return err;
}

static void __exit jailhouse_exit(void)
{
	misc_deregister(&jailhouse_misc_dev);
	jailhouse_sysfs_exit(jh.dev);
	root_device_unregister(jh.dev);
	kfree(jh.console_copy);
}

module_init(jailhouse_init);
module_exit(jailhouse_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Loader and control of a static partitioning "
		   "hypervisor (Jailhouse 0.12 compatible interface)");
MODULE_FIRMWARE(JH_FIRMWARE);
