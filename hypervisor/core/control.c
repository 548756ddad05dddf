// SPDX-License-Identifier: GPL-2.0
/*
 * Control: the hypercall interface (include/jailhouse/hypercall.h), the
 * hypervisor shutdown and the containment of faulting cells.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <jailhouse/hypercall.h>
#include <asm/spinlock.h>

volatile bool hv_shutting_down;

/*
 * Serialises the hypercalls that read or change the set of cells (create,
 * load, start, destroy, disable, and the state/info queries that walk the
 * cell list or a CPU's cell): each runs as a whole against the others, so
 * a sysfs reader never sees a cell that cell_destroy is freeing. Only
 * root cell CPUs take it; nothing that holds it waits for a root CPU.
 */
static spinlock_t management_lock;

static long disable(struct per_cpu *cpu, struct trap_frame *frame)
{
	if (cpu->cell != &root_cell)
		return -EPERM;
	spin_lock(&management_lock);
	if (num_cells > 1) {
		spin_unlock(&management_lock);
		return -EBUSY;
	}
	if (!hv_shutting_down) {
		/* no cell can be created once this is set */
		hv_shutting_down = true;
		printk("Shutting down hypervisor\n");
		arch_release_parked_cpus();
	}
	spin_unlock(&management_lock);
	hv_cpu_leaving(cpu);
	arch_cpu_leave(cpu, frame, 0);
}

static long get_info(u64 type)
{
	switch (type) {
	case JAILHOUSE_INFO_MEM_POOL_SIZE:
		return pool_pages();
	case JAILHOUSE_INFO_MEM_POOL_USED:
		return pool_used_pages();
	case JAILHOUSE_INFO_REMAP_POOL_SIZE:
	case JAILHOUSE_INFO_REMAP_POOL_USED:
		return 0;	/* identity mapped: no remap pool */
	case JAILHOUSE_INFO_NUM_CELLS:
		return num_cells;
	default:
		return -EINVAL;
	}
}

static long cpu_get_info(u64 cpu_id, u64 type)
{
	struct per_cpu *cpu;

	if (cpu_id >= MAX_CPUS || !per_cpu(cpu_id)->cell)
		return -EINVAL;
	cpu = per_cpu(cpu_id);
	if (type == JAILHOUSE_CPU_INFO_STATE)
		return cpu->failed ? JAILHOUSE_CPU_FAILED :
			READ_ONCE(cpu->parked) ? JAILHOUSE_CPU_PARKED :
			JAILHOUSE_CPU_RUNNING;
	if (type >= JAILHOUSE_CPU_INFO_STAT_BASE &&
	    type < JAILHOUSE_CPU_INFO_STAT_BASE + JAILHOUSE_NUM_CPU_STATS)
		return cpu->stats[type - JAILHOUSE_CPU_INFO_STAT_BASE] &
			0x7fffffffffffffffULL;
	return -EINVAL;
}

static long cell_get_state(u64 id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? (long)cell->state : -ENOENT;
}

/* The root cell's calls other than DISABLE, under the management lock. */
static long management_call(struct per_cpu *cpu, u64 code, u64 arg1,
			    u64 arg2)
{
	switch (code) {
	case JAILHOUSE_HC_HYPERVISOR_GET_INFO:
		return get_info(arg1);
	case JAILHOUSE_HC_CPU_GET_INFO:
		return cpu_get_info(arg1, arg2);
	case JAILHOUSE_HC_CELL_GET_STATE:
		return cell_get_state(arg1);
	case JAILHOUSE_HC_CELL_CREATE:
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT]++;
		return cell_create(cpu, arg1);
	case JAILHOUSE_HC_CELL_START:
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT]++;
		return cell_start(cpu, arg1);
	case JAILHOUSE_HC_CELL_SET_LOADABLE:
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT]++;
		return cell_set_loadable(cpu, arg1);
	case JAILHOUSE_HC_CELL_DESTROY:
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT]++;
		return cell_destroy(cpu, arg1);
	default:
		return -ENOSYS;
	}
}

long hypercall(struct per_cpu *cpu, struct trap_frame *frame, u64 code,
	       u64 arg1, u64 arg2)
{
	long ret;

	cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_HYPERCALL]++;

	if (code == JAILHOUSE_HC_DEBUG_CONSOLE_PUTC) {
		if (cpu->cell != &root_cell &&
		    !CELL_FLAGS_VIRTUAL_CONSOLE_PERMITTED(
				cpu->cell->config->flags))
			return -EPERM;
		console_putc((char)arg1);
		return 0;
	}
	if (cpu->cell != &root_cell)
		return -EPERM;
	/* DISABLE returns only on failure */
	if (code == JAILHOUSE_HC_DISABLE)
		return disable(cpu, frame);

	spin_lock(&management_lock);
	ret = management_call(cpu, code, arg1, arg2);
	spin_unlock(&management_lock);
	return ret;
}

void cell_fault(struct per_cpu *cpu, struct trap_frame *frame,
		const struct fault_report *r)
{
	struct cell *cell = cpu->cell;

	printk("FATAL: cell \"%s\", CPU %u: %s, ", cell->name, cpu->cpu_id,
	       r->what);
	arch_print_fault(&r->arch);
	if (r->address != ~0ULL && r->size)
		printk("%s of %u bytes at address 0x%llx, ",
		       r->is_write ? "write" : "read", r->size, r->address);
	else if (r->address != ~0ULL)
		printk("%s of unknown width at address 0x%llx, ",
		       r->is_write ? "write" : "read", r->address);
	printk("PC 0x%llx\n", r->pc);
	arch_dump_regs(frame);

	if (cell == &root_cell) {
		/* Linux handles an abort: the offending task, not the box */
		printk("Injecting a synchronous abort into the root cell\n");
		arch_inject_abort(cpu, frame, r->address, r->is_write);
		return;
	}
	cell_set_state(cell, JAILHOUSE_CELL_FAILED);
	cpu->failed = true;
	printk("Parking CPU %u of failed cell \"%s\"\n", cpu->cpu_id,
	       cell->name);
	arch_park_cpu(cpu, frame);
}

/*
 * @cpu, the last running CPU of its cell, turned itself off (PSCI CPU_OFF
 * at @pc): nothing runs in the cell any more, so it is shut down, as if
 * it had called SYSTEM_OFF. It can be started again or destroyed.
 */
void cell_cpus_all_off(struct per_cpu *cpu, u64 pc)
{
	struct cell *cell = cpu->cell;

	if (cell == &root_cell)
		return;
	printk("Cell \"%s\": CPU %u, its last running CPU, turned itself "
	       "off (PSCI CPU_OFF at PC 0x%llx): cell shut down\n",
	       cell->name, cpu->cpu_id, pc);
	cell_set_state(cell, JAILHOUSE_CELL_SHUT_DOWN);
}
