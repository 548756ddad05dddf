// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell has of the GICv3: the SPIs it owns (struct arch_cell,
 * granted by its config's irqchips, moved between it and the root cell),
 * the GIC's part of its communication region, and the GIC frames no cell
 * may map.
 */
#include <hv/arch.h>
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <jailhouse/hypercall.h>
#include <asm/gic.h>
#include "gic-v3.h"

/* Does @cell own SPI @intid (granted by its config, not taken away)? */
bool gic_spi_owned(struct cell *cell, unsigned int intid)
{
	return gic_intid_kind(intid) == GIC_SPI &&
		test_bit(intid, cell->arch.irq_owned);
}

void gic_disable_spi(unsigned int intid)
{
	gicd_set_spi_bit(GICD_ICENABLER, intid);
}

/* The SPIs the irqchips of @config at this distributor grant. */
static void grant_irqs(struct cell *cell,
		       const struct jailhouse_cell_desc *config)
{
	const struct jailhouse_irqchip *chip = jailhouse_cell_irqchips(config);
	unsigned int n, pin, intid;

	for (n = 0; n < config->num_irqchips; n++) {
		if (chip[n].address != gicd_phys)
			continue;
		for (pin = 0; pin < JAILHOUSE_IRQCHIP_PINS; pin++) {
			intid = chip[n].pin_base + pin;
			if (chip[n].pin_bitmap[pin / 32] & (1U << (pin % 32)) &&
			    intid < GIC_MAX_IRQS)
				set_bit(intid, cell->arch.irq_owned);
		}
	}
}

void arch_cell_take_irqs(struct cell *cell)
{
	unsigned int intid;

	for (intid = GIC_FIRST_SPI; intid < GIC_MAX_IRQS; intid++) {
		if (!gic_spi_owned(cell, intid))
			continue;
		gic_disable_spi(intid);
		clear_bit(intid, root_cell.arch.irq_owned);
	}
}

void arch_cell_give_irqs(struct cell *cell)
{
	struct cell *other;
	unsigned int intid, n;

	for (intid = GIC_FIRST_SPI; intid < GIC_MAX_IRQS; intid++)
		if (gic_spi_owned(cell, intid))
			gic_disable_spi(intid);
	/* root gets back what its config gives it, minus others' */
	grant_irqs(&root_cell, root_cell.config);
	for (other = root_cell.next; other; other = other->next)
		if (other != cell)
			for (n = 0; n < GIC_MAX_IRQS / 64; n++)
				root_cell.arch.irq_owned[n] &=
					~other->arch.irq_owned[n];
}

const char *arch_reserved_device(u64 phys, u64 size)
{
	if (jailhouse_ranges_overlap(phys, size, gicd_phys, GICD_SIZE))
		return "the GIC distributor";
	if (jailhouse_ranges_overlap(phys, size, gicr_phys,
				     gicr_frames * GICR_FRAME_SIZE))
		return "the GIC redistributors";
	return NULL;
}

/* The GIC's part (arm64 part) of a cell's communication region. */
void arch_comm_region_init(struct cell *cell)
{
	const struct jailhouse_system *sys = system_config;
	struct jailhouse_comm_region *comm = cell->comm;

	comm->gic_version = sys->platform_info.arm.gic_version;
	comm->gicd_base = gicd_phys;
	comm->gicc_base = sys->platform_info.arm.gicc_base;
	comm->gicr_base = gicr_phys;
	comm->vpci_irq_base = cell->config->vpci_irq_base;
}

/* The cell's SPIs and the traps of its distributor and redistributors. */
int gic_cell_init(struct cell *cell)
{
	grant_irqs(cell, cell->config);
	return gic_mmio_cell_init(cell);
}
