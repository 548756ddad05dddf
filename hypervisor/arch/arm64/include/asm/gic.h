/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 virtualization (arch/arm64/gic-v3.c). */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <hv/types.h>

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

#endif
