// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 distributor and redistributors as cells see them: never
 * mapped, every access trapped and filtered by ownership (the SPIs of
 * gic_gic_spi_owned(), the SGIs/PPIs of the cell's own CPUs but the
 * hypervisor's), with LPIs hidden and the ITS span refused.
 */
#include <hv/arch.h>
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <jailhouse/hypercall.h>
#include <asm/gic.h>
#include "gic-v3.h"
#include <asm/spinlock.h>

struct irq_reg {
	u32 base;
	u32 bits;		/* per interrupt */
	bool setclear;		/* writing 0 bits has no effect */
	bool sets;		/* raises state: enable, pending, active */
};

static const struct irq_reg irq_regs[] = {
	{ 0x0080, 1, false, false },	/* IGROUPR */
	{ 0x0100, 1, true, true },	/* ISENABLER */
	{ 0x0180, 1, true, false },	/* ICENABLER */
	{ 0x0200, 1, true, true },	/* ISPENDR */
	{ 0x0280, 1, true, false },	/* ICPENDR */
	{ 0x0300, 1, true, true },	/* ISACTIVER */
	{ 0x0380, 1, true, false },	/* ICACTIVER */
	{ 0x0400, 8, false, false },	/* IPRIORITYR */
	{ 0x0c00, 2, false, false },	/* ICFGR */
	{ 0x0d00, 1, false, false },	/* IGRPMODR */
	{ 0x0e00, 2, false, false },	/* NSACR */
};

typedef bool (*owned_fn)(struct cell *cell, unsigned int irq);

static u64 owned_mask(struct cell *cell, owned_fn owned, unsigned int first,
		      const struct irq_reg *reg, unsigned int size)
{
	unsigned int n, count = size * 8 / reg->bits;
	u64 field = (1ULL << reg->bits) - 1, mask = 0;

	for (n = 0; n < count; n++)
		if (owned(cell, first + n))
			mask |= field << (n * reg->bits);
	return mask;
}

static enum mmio_result irq_reg_access(struct cell *cell, owned_fn owned,
				       bool strict, u64 phys, u32 offset,
				       struct mmio_access *access)
{
	const struct irq_reg *reg = NULL;
	struct mmio_access cur;
	unsigned int n, first;
	u64 mask;

	for (n = 0; n < sizeof(irq_regs) / sizeof(irq_regs[0]); n++)
		if (offset >= irq_regs[n].base &&
		    offset < irq_regs[n].base + 1024 * irq_regs[n].bits / 8)
			reg = &irq_regs[n];
	if (!reg)
		return MMIO_UNHANDLED;

	first = (offset - reg->base) * 8 / reg->bits;
	mask = owned_mask(cell, owned, first, reg, access->size);
	if (!access->is_write) {
		mmio_perform_access(phys, access);
		access->value &= mask;
	} else if (reg->setclear) {
		/*
		 * Raising the state of another cell's SPI is a violation for
		 * a non-root cell (@strict). Clearing is filtered silently:
		 * an OS starting up clears every interrupt in bulk writes.
		 * So are the root cell's writes and writes naming the
		 * hypervisor's own SGIs/PPI.
		 */
		if ((access->value & ~mask) && strict && reg->sets &&
		    cell != &root_cell)
			return MMIO_ERROR;
		access->value &= mask;
		if (access->value)
			mmio_perform_access(phys, access);
	} else if (mask) {
		spin_lock(&dist_lock);
		cur = *access;
		cur.is_write = false;
		mmio_perform_access(phys, &cur);
		access->value = (cur.value & ~mask) | (access->value & mask);
		mmio_perform_access(phys, access);
		spin_unlock(&dist_lock);
	}
	return MMIO_HANDLED;
}

static u64 irouter_target(struct cell *cell, u64 route)
{
	struct per_cpu *target = gic_cpu_by_mpidr(route & 0xff00ffffffULL);
	unsigned int first;

	if (target ? target->cell == cell : cell == &root_cell)
		return route & 0xff00ffffffULL;	/* no IRM (1-of-N) */
	first = cell_first_cpu(cell);
	return per_cpu(first)->arch.mpidr;
}

/*
 * Clear bit @bit of the register at offset @reg in what @access (at
 * offset @offset, any width) read, if the access covers that bit.
 */
static void hide_bit(struct mmio_access *access, u32 offset, u32 reg,
		     unsigned int bit)
{
	u64 pos = (u64)reg * 8 + bit, first = (u64)offset * 8;

	if (pos >= first && pos < first + access->size * 8)
		access->value &= ~(1ULL << (pos - first));
}

/*
 * A redistributor without LPIs, as cells see it: GICR_TYPER.PLPIS and
 * DirectLPI read 0, GICR_CTLR.EnableLPIs reads 0, the LPI registers
 * (SETLPIR to SYNCR, PROPBASER and PENDBASER among them) read 0. Writes
 * never reach them (gicr_access), so no cell can make the GIC read or
 * write LPI tables in memory it names.
 */
static void gicr_read_no_lpis(u32 reg, u64 phys, struct mmio_access *access)
{
	if (reg >= GICR_LPI_REGS && reg < GICR_LPI_REGS_END) {
		access->value = 0;
		return;
	}
	mmio_perform_access(phys, access);
	hide_bit(access, reg, GICR_CTLR, GICR_CTLR_ENABLE_LPIS_BIT);
	hide_bit(access, reg, GICR_TYPER, GICR_TYPER_PLPIS_BIT);
	hide_bit(access, reg, GICR_TYPER, GICR_TYPER_DIRECTLPI_BIT);
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u32 offset = access->address - gicd_phys;
	u64 phys = gicd_phys + offset;
	enum mmio_result res;
	unsigned int irq;

	if (offset >= GICD_IROUTER && offset < GICD_IROUTER_END) {
		irq = (offset - GICD_IROUTER) / 8;
		if (!gic_spi_owned(cell, irq)) {
			access->value = 0;
			return MMIO_HANDLED;
		}
		if (access->is_write && !(offset & 4))
			access->value = irouter_target(cell, access->value);
		else if (access->is_write)
			return MMIO_HANDLED;	/* upper half: Aff3 only */
		mmio_perform_access(phys, access);
		return MMIO_HANDLED;
	}
	res = irq_reg_access(cell, gic_spi_owned, true, phys, offset, access);
	if (res != MMIO_UNHANDLED)
		return res;
	/* identification, control, status: readable, not writable */
	if (!access->is_write) {
		mmio_perform_access(phys, access);
		/* no LPIs: cells find no ITS to set up */
		hide_bit(access, offset, GICD_TYPER, GICD_TYPER_LPIS_BIT);
	}
	return MMIO_HANDLED;
}

static bool sgi_ppi_owned(struct cell *cell, unsigned int irq)
{
	return irq < 32 && irq != SGI_INJECT && irq != SGI_EVENT &&
		irq != maint_irq;
}

static enum mmio_result gicr_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u32 offset = access->address - gicr_phys;
	unsigned int frame = offset / GICR_FRAME_SIZE;
	u32 reg = offset % GICR_FRAME_SIZE;
	u64 phys = access->address;
	int owner = frame < MAX_CPUS ? gicr_owner[frame] : -1;
	enum mmio_result res;
	bool mine = owner >= 0 ? cell_has_cpu(cell, owner) :
		cell == &root_cell;

	if (!mine) {
		/*
		 * Others' frames: only what an OS reads while scanning for
		 * its own redistributor (IIDR, TYPER, ID registers).
		 */
		access->value = 0;
		if (!access->is_write &&
		    ((reg >= GICR_IIDR && reg < GICR_TYPER + 8) ||
		     (reg >= GICR_IDREGS && reg < GICR_SGI_BASE)))
			gicr_read_no_lpis(reg, phys, access);
		return MMIO_HANDLED;
	}
	if (reg >= GICR_SGI_BASE) {
		res = irq_reg_access(cell, sgi_ppi_owned, false, phys,
				     reg - GICR_SGI_BASE, access);
		if (res != MMIO_UNHANDLED)
			return res;
	}
	/*
	 * CTLR (EnableLPIs), WAKER, PROPBASER, PENDBASER, the other LPI
	 * registers: never written by cells, the hypervisor keeps them as
	 * they are
	 */
	if (!access->is_write && reg < GICR_SGI_BASE)
		gicr_read_no_lpis(reg, phys, access);
	else if (!access->is_write)
		mmio_perform_access(phys, access);
	return MMIO_HANDLED;
}

/*
 * The span between the distributor and the redistributors: where a
 * GICv3 puts its ITS (AM62x: 0x01820000, QEMU virt: 0x08080000). No cell
 * may map it (config-check.c); an access parks the cell, named here.
 */
static enum mmio_result its_access(void *arg, struct mmio_access *access)
{
	struct per_cpu *cpu = this_cpu();

	printk("cell \"%s\", CPU %u: %s at 0x%llx in the GIC ITS frames "
	       "(0x%llx-0x%llx): the hypervisor offers no ITS to cells\n",
	       cpu->cell->name, cpu->cpu_id,
	       access->is_write ? "write" : "read", access->address,
	       gicd_phys + GICD_SIZE, gicr_phys - 1);
	return MMIO_ERROR;
}

/* Trap the distributor, the ITS span and the redistributors. */
int gic_mmio_cell_init(struct cell *cell)
{
	int err;

	err = mmio_region_register(cell, gicd_phys, GICD_SIZE, gicd_access,
				   cell);
	if (err)
		return err;
	if (gicr_phys > gicd_phys + GICD_SIZE) {
		err = mmio_region_register(cell, gicd_phys + GICD_SIZE,
					   gicr_phys - gicd_phys - GICD_SIZE,
					   its_access, cell);
		if (err)
			return err;
	}
	return mmio_region_register(cell, gicr_phys,
				    gicr_frames * GICR_FRAME_SIZE,
				    gicr_access, cell);
}
