// SPDX-License-Identifier: GPL-2.0
/*
 * Bring-up sequencing: early setup with the MMU off (first CPU only), the
 * global init (console, config check, root cell) on the first CPU and the
 * per-CPU init on every CPU as the driver hands it over.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <jailhouse/config-check.h>
#include <jailhouse/header.h>

struct per_cpu_area {
	struct per_cpu cpu;
	u8 stack[PERCPU_SIZE - sizeof(struct per_cpu)];
} __aligned(PAGE_SIZE);

_Static_assert(sizeof(struct per_cpu) <= 2048, "per_cpu too large");
_Static_assert(sizeof(struct per_cpu_area) == PERCPU_SIZE, "percpu size");
_Static_assert(sizeof(struct jailhouse_console_ring) % PAGE_SIZE == 0,
	       "console ring must fill whole pages (mapped into root)");

struct per_cpu_area percpu_areas[MAX_CPUS];
struct jailhouse_console_ring console_ring __aligned(PAGE_SIZE);
extern struct jailhouse_header hv_header;

const struct jailhouse_system *system_config;
u64 hv_phys_base, hv_size;
struct paging hv_paging;

static unsigned int cpus_entered;
static int global_error;

struct per_cpu *per_cpu(unsigned int cpu)
{
	return &percpu_areas[cpu].cpu;
}

/*
 * MMU off, first CPU: locate the config and the pool, identity map the
 * hypervisor memory. Returns the root table for TTBR0_EL2 (0 on error).
 */
u64 hv_early_setup(void)
{
	u64 pool_start;

	hv_phys_base = hv_header.phys_base;
	system_config = (const void *)(hv_phys_base + hv_header.config_offset);
	hv_size = system_config->hypervisor_memory.size;
	pool_start = PAGE_ALIGN(hv_phys_base + hv_header.config_offset +
				hv_header.config_size);
	if (pool_start >= hv_phys_base + hv_size ||
	    pool_init(pool_start, hv_phys_base + hv_size - pool_start))
		return 0;
	if (paging_init(&hv_paging, &arch_hv_paging_format,
			ARCH_HV_ROOT_ENTRIES))
		return 0;
	if (paging_map(&hv_paging, hv_phys_base, hv_phys_base, hv_size,
		       PAGING_READ | PAGING_WRITE | PAGING_EXEC))
		return 0;
	return (u64)hv_paging.root;
}

static int global_init(void)
{
	const struct jailhouse_system *sys = system_config;
	int err;

	pool_enable_locking();
	console_ring.head = 0;
	err = arch_dbg_init(&sys->debug_console);
	printk("\nInitializing Jailhouse hypervisor %s on CPU %u\n",
	       hv_header.version_string, this_cpu()->cpu_id);
	if (err)
		return err;
	printk("Code location: 0x%llx, memory 0x%llx-0x%llx\n", hv_phys_base,
	       hv_phys_base, hv_phys_base + hv_size - 1);
	err = jailhouse_check_system_config(sys, hv_header.config_size,
					    JAILHOUSE_ARM64, printk_report,
					    "system config");
	if (err)
		return err;
	err = arch_init();
	if (err)
		return err;
	err = cell_init(&root_cell, &sys->root_cell);
	if (err)
		return err;
	num_cells = 1;
	if (SYS_FLAGS_VIRTUAL_DEBUG_CONSOLE(sys->flags)) {
		/* the driver shows the console: root may read the ring */
		err = arch_map_region(&root_cell, (u64)&console_ring,
				      (u64)&console_ring,
				      PAGE_ALIGN(sizeof(console_ring)),
				      PAGING_READ);
		if (err)
			return err;
	}
	printk("Page pool usage after early setup: mem %lu/%lu\n",
	       pool_used_pages(), pool_pages());
	printk("Initializing processors:\n");
	return 0;
}

int hv_cpu_entry(struct per_cpu *cpu, bool first)
{
	int err;

	if (first) {
		global_error = global_init();
		if (global_error) {
			printk("Hypervisor initialization failed: %d\n",
			       global_error);
			return global_error;
		}
	}
	if (global_error)
		return global_error;
	if (!cell_has_cpu(&root_cell, cpu->cpu_id)) {
		printk(" CPU %u... FAILED: not in the root cell's CPU set\n",
		       cpu->cpu_id);
		return -EINVAL;
	}
	cpu->cell = &root_cell;
	memset(cpu->stats, 0, sizeof(cpu->stats));
	err = arch_cpu_init(cpu);
	if (err) {
		printk(" CPU %u... FAILED (%d)\n", cpu->cpu_id, err);
		return err;
	}
	cpu->entered = true;
	printk(" CPU %u... OK\n", cpu->cpu_id);
	if (++cpus_entered == hv_header.online_cpus) {
		printk("Created root cell \"%s\" (%u CPUs)\n", root_cell.name,
		       cpus_entered);
		printk("Page pool usage after late setup: mem %lu/%lu\n",
		       pool_used_pages(), pool_pages());
		printk("Activating hypervisor\n");
	}
	return 0;
}

/* This CPU leaves the hypervisor for good (disable or failed entry). */
void hv_cpu_leaving(struct per_cpu *cpu)
{
	if (cpu->entered) {
		arch_cpu_exit(cpu);
		cpu->entered = false;
		if (--cpus_entered == 0) {
			arch_shutdown();
			printk("Hypervisor shut down\n");
		}
	}
}
