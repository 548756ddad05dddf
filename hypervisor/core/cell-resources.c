// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: building a cell's resources (CPU set, stage-2 memory map, emulated
 * sub-page regions; the arch part, arch_cell_init, its interrupts) from
 * its configuration.
 */
#include <hv/cell.h>
#include <hv/arch.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/bitmap.h>
#include <hv/pci.h>
#include <jailhouse/hypercall.h>

struct cell root_cell;
unsigned int num_cells;

struct cell *cell_by_id(unsigned int id)
{
	struct cell *cell;

	for (cell = &root_cell; cell; cell = cell->next)
		if (cell->id == id)
			return cell;
	return NULL;
}

unsigned int cell_first_cpu(const struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu_in(cpu, &cell->cpus)
		return cpu;
	return MAX_CPUS;
}

unsigned long cell_mem_flags(u64 flags)
{
	unsigned long pf = 0;

	if (flags & JAILHOUSE_MEM_READ)
		pf |= PAGING_READ;
	if (flags & JAILHOUSE_MEM_WRITE)
		pf |= PAGING_WRITE;
	if (flags & JAILHOUSE_MEM_EXECUTE)
		pf |= PAGING_EXEC;
	if (flags & JAILHOUSE_MEM_IO)
		pf |= PAGING_DEVICE;
	if (flags & JAILHOUSE_MEM_NO_HUGEPAGES)
		pf |= PAGING_NO_HUGE;
	return pf;
}

/* A region not page aligned: accesses trap and are forwarded if allowed. */
static enum mmio_result subpage_handler(void *arg, struct mmio_access *access)
{
	const struct jailhouse_memory *mem = arg;
	u64 offset = access->address - mem->virt_start;
	u64 width_flags = mem->flags >> JAILHOUSE_MEM_IO_WIDTH_SHIFT;

	if (access->is_write ? !(mem->flags & JAILHOUSE_MEM_WRITE) :
	    !(mem->flags & JAILHOUSE_MEM_READ))
		return MMIO_ERROR;
	if ((width_flags & 0xf) && !(width_flags & access->size))
		return MMIO_ERROR;
	/*
	 * Misaligned accesses never get here (mmio_handle_access refuses
	 * them, JAILHOUSE_MEM_IO_UNALIGNED or not): replayed on device
	 * memory at EL2 they would fault inside the hypervisor.
	 */
	mmio_perform_access(mem->phys_start + offset, access);
	return MMIO_HANDLED;
}

static int map_region(struct cell *cell, const struct jailhouse_memory *mem)
{
	u64 start, end;
	int err;

	if (!mem->size)
		return 0;	/* placeholder */
	if (mem->flags & JAILHOUSE_MEM_COMM_REGION) {
		if (!cell->comm)
			return -EINVAL;
		return arch_map_region(cell, (u64)cell->comm, mem->virt_start,
				       PAGE_SIZE, PAGING_READ | PAGING_WRITE);
	}
	if ((mem->virt_start | mem->size) & ~PAGE_MASK) {
		start = mem->phys_start & PAGE_MASK;
		end = PAGE_ALIGN(mem->phys_start + mem->size);
		err = arch_map_device(start, end - start);
		if (err)
			return err;
		return mmio_region_register(cell, mem->virt_start, mem->size,
					    subpage_handler, (void *)mem);
	}
	return arch_map_region(cell, mem->phys_start, mem->virt_start,
			       mem->size, cell_mem_flags(mem->flags));
}

int cell_init(struct cell *cell, const struct jailhouse_cell_desc *config)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(config);
	unsigned int n;
	int err;

	struct jailhouse_comm_region *comm = cell->comm;

	memset(cell, 0, sizeof(*cell));
	cell->comm = comm;	/* allocated by the caller for non-root cells */
	cell->config = config;
	strncpy_terminated(cell->name, config->name, sizeof(cell->name));
	for (n = 0; n < MAX_CPUS; n++)
		if (jailhouse_cell_has_cpu(config, n))
			set_bit(n, cell->cpus.bits);

	err = arch_cell_init(cell);
	if (err)
		return err;
	for (n = 0; n < config->num_memory_regions; n++) {
		err = map_region(cell, &mem[n]);
		if (err) {
			printk("cell \"%s\": mapping memory region %u "
			       "(0x%llx, size 0x%llx) failed: %d\n",
			       cell->name, n, mem[n].phys_start, mem[n].size,
			       err);
			cell_destroy_resources(cell);
			return err;
		}
	}
	err = pci_cell_init(cell);
	if (err) {
		printk("cell \"%s\": virtual PCI devices failed: %d\n",
		       cell->name, err);
		cell_destroy_resources(cell);
		return err;
	}
	cell->state = JAILHOUSE_CELL_RUNNING;
	return 0;
}

/*
 * The cell's state, written back to its communication region (which it
 * may read with its caches off).
 */
void cell_set_state(struct cell *cell, u32 state)
{
	cell->state = state;
	if (cell->comm) {
		cell->comm->cell_state = state;
		arch_dcache_flush(cell->comm, sizeof(*cell->comm));
	}
}

void cell_destroy_resources(struct cell *cell)
{
	pci_cell_exit(cell);
	arch_cell_destroy(cell);
	paging_free(&cell->stage2);
	cell->mmio.count = 0;
}

/*
 * Clean and invalidate, by address, every RAM region the cell may write
 * (not device memory, not its communication region, nothing read-only:
 * what the cell cannot write holds no dirty data of its own).
 */
void cell_flush_memory(struct cell *cell)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_memory_regions; n++) {
		if (mem[n].flags & (JAILHOUSE_MEM_IO |
				    JAILHOUSE_MEM_COMM_REGION) ||
		    !(mem[n].flags & JAILHOUSE_MEM_WRITE))
			continue;
		if (arch_dcache_flush_phys(mem[n].phys_start, mem[n].size))
			printk("cell \"%s\": cannot map 0x%llx-0x%llx for "
			       "cache maintenance, expected a free EL2 "
			       "window\n", cell->name, mem[n].phys_start,
			       mem[n].phys_start + mem[n].size - 1);
	}
}
