/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 part of a cell (struct cell's member arch): what it owns of
 * the GIC. Core speaks of "the interrupts a cell owns" only through the
 * hooks of hv/arch.h.
 */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <hv/types.h>

/* room for every SPI (INTIDs 32-1019, asm/gic.h) */
#define GIC_MAX_IRQS	1024

struct arch_cell {
	u64 irq_owned[GIC_MAX_IRQS / 64];	/* SPIs this cell may use */
};

#endif
