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

int gic_init(void);
int gic_cpu_init(struct per_cpu *cpu);
void gic_cpu_exit(struct per_cpu *cpu);
void gic_cpu_park(struct per_cpu *cpu);
void gic_cpu_reset_private(struct per_cpu *cpu);
int gic_cell_init(struct cell *cell);
void gic_handle_irq(struct per_cpu *cpu);
void gic_flush_pending(struct per_cpu *cpu);
void gic_handle_sgir(struct per_cpu *cpu, u64 value);
void gic_send_sgi(unsigned int cpu_id, unsigned int sgi);
struct per_cpu *gic_cpu_by_mpidr(u64 mpidr);

#endif
