/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU hand-over, MDCR_EL2, set/way emulation (arch/arm64/reset.c). */
#ifndef _ASM_RESET_H
#define _ASM_RESET_H

#include <hv/types.h>

struct per_cpu;
struct trap_frame;

#include <asm/sysregs.h>

#define ISS_DC_ISW		SYSREG_ISS(1, 0, 7, 6, 2)
#define ISS_DC_CSW		SYSREG_ISS(1, 0, 7, 10, 2)
#define ISS_DC_CISW		SYSREG_ISS(1, 0, 7, 14, 2)

/* MDCR_EL2 while the hypervisor runs */
u64 arch_mdcr_value(void);
/* back to the defined hand-over state (timers, PMU, debug, EL1, GIC) */
void arch_cpu_reset_state(struct per_cpu *cpu);
/* a trapped DC ISW/CSW/CISW (@reg: ISS_DC_*) */
void arch_handle_setway(struct per_cpu *cpu, struct trap_frame *frame,
			u64 reg);

#endif
