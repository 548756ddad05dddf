/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private to gic-v3.c, gic-v3-mmio.c and gic-v3-cell.c: the registers
 * they share and the GIC's global state. Nothing else includes it.
 */
#ifndef _GIC_V3_H
#define _GIC_V3_H

#include <hv/types.h>
#include <asm/gic.h>
#include <asm/spinlock.h>

/* distributor (GICD) */
#define GICD_SIZE		0x10000
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_TYPER_LPIS_BIT	17
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0

/* redistributor (GICR): RD frame, then the SGI frame */
#define GICR_FRAME_SIZE		0x20000
#define GICR_SGI_BASE		0x10000
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS_BIT 0
#define GICR_CTLR_RWP		BIT(3)
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008
#define GICR_TYPER_PLPIS_BIT	0
#define GICR_TYPER_DIRECTLPI_BIT 3
#define GICR_TYPER_LAST		BIT(4)
/* SETLPIR, CLRLPIR, PROPBASER, PENDBASER, INVLPIR, INVALLR, SYNCR */
#define GICR_LPI_REGS		0x0040
#define GICR_LPI_REGS_END	0x00c8
#define GICR_IDREGS		0xffd0
/* in the SGI frame */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ISPENDR0		0x0200
#define GICR_ICPENDR0		0x0280
#define GICR_ICACTIVER0		0x0380
#define GICR_IPRIORITYR0	0x0400
#define GICR_ICFGR1		0x0c04
#define GICR_IGRPMODR0		0x0d00

extern u64 gicd_phys, gicr_phys;	/* identity mapped at EL2 */
extern unsigned int gicr_frames, maint_irq;
/* the CPU whose redistributor frame n is, -1: none entered */
extern int gicr_owner[MAX_CPUS];
/* read-modify-writes of shared distributor/redistributor registers */
extern spinlock_t dist_lock;

static inline u32 mmio_read32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline void mmio_write32(u64 addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

/* set SPI @intid's bit in the bank at @reg (ICENABLER...); SPIs only */
void gicd_set_spi_bit(u32 reg, unsigned int intid);
/* does @cell own SPI @intid? */
bool gic_spi_owned(struct cell *cell, unsigned int intid);
int gic_mmio_cell_init(struct cell *cell);

#endif
