/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 part of a cell (struct cell's member arch): what it owns of
 * the GIC. Core speaks of "the interrupts a cell owns" only through the
 * hooks of hv/arch.h.
 */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <hv/types.h>
#include <asm/gic.h>
#include <jailhouse/cell-config.h>

/* room for every SPI (INTIDs 32-1019, asm/gic.h) */
#define GIC_MAX_IRQS	1024

struct arch_cell {
	u64 irq_owned[GIC_MAX_IRQS / 64];	/* SPIs this cell may use */
};

/*
 * The interrupt that INTx pin @pin (1 = INTA .. 4 = INTD) of a cell's
 * virtual PCI host raises: SPI vpci_irq_base + pin - 1, i.e. INTID 32 +
 * vpci_irq_base + pin - 1 (shared/ABI.md). The one place of this mapping:
 * core/ivshmem.c injects it, the GIC code knows it has no physical
 * source.
 */
#define VPCI_INTX_PINS	4

static inline unsigned int
arch_vpci_intx_irq(const struct jailhouse_cell_desc *config, unsigned int pin)
{
	return GIC_FIRST_SPI + config->vpci_irq_base + pin - 1;
}

#endif
