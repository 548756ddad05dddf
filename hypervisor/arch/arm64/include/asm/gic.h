/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 virtualization (arch/arm64/gic-v3.c). */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <hv/types.h>
#include <asm/spinlock.h>

struct per_cpu;
struct cell;

/* SGIs the hypervisor keeps for itself (Linux uses 0..7) */
#define SGI_INJECT	14
#define SGI_EVENT	15

/*
 * What an INTID is (GICv3 architecture): SGIs 0-15, PPIs 16-31, SPIs
 * 32-1019, the special INTIDs 1020-1023 (nothing to acknowledge), a
 * reserved range up to 8191 (GICv3.1's extended PPIs/SPIs, which the
 * GIC-600 of the K3 SoCs does not implement) and LPIs from 8192. Only
 * SPIs have bits in the distributor's per-interrupt registers.
 */
#define GIC_FIRST_PPI		16
#define GIC_FIRST_SPI		32
#define GIC_FIRST_SPECIAL	1020
#define GIC_FIRST_RESERVED	1024
#define GIC_FIRST_LPI		8192

enum gic_intid_kind {
	GIC_SGI, GIC_PPI, GIC_SPI, GIC_SPECIAL, GIC_RESERVED, GIC_LPI
};

static inline enum gic_intid_kind gic_intid_kind(u32 intid)
{
	if (intid < GIC_FIRST_PPI)
		return GIC_SGI;
	if (intid < GIC_FIRST_SPI)
		return GIC_PPI;
	if (intid < GIC_FIRST_SPECIAL)
		return GIC_SPI;
	if (intid < GIC_FIRST_RESERVED)
		return GIC_SPECIAL;
	if (intid < GIC_FIRST_LPI)
		return GIC_RESERVED;
	return GIC_LPI;
}

int gic_init(void);
int gic_cpu_init(struct per_cpu *cpu);
void gic_cpu_exit(struct per_cpu *cpu);
void gic_cpu_park(struct per_cpu *cpu);
void gic_cpu_reset_private(struct per_cpu *cpu);
/* the SPIs the cell's config grants, its GICD/GICR/ITS traps */
int gic_cell_init(struct cell *cell);
/* disable SPI @intid in the distributor (nothing else is touched) */
void gic_disable_spi(unsigned int intid);
void gic_handle_irq(struct per_cpu *cpu);
void gic_flush_pending(struct per_cpu *cpu);
void gic_handle_sgir(struct per_cpu *cpu, u64 value);
void gic_send_sgi(unsigned int cpu_id, unsigned int sgi);
struct per_cpu *gic_cpu_by_mpidr(u64 mpidr);

/* ---- shared by gic-v3.c, gic-v3-mmio.c and gic-v3-cell.c ---- */

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
