/* SPDX-License-Identifier: GPL-2.0 */
/* Guest register frame saved on every exit to EL2. */
#ifndef _ASM_TRAP_H
#define _ASM_TRAP_H

#define FRAME_SIZE	272
#define FRAME_ELR	248
#define FRAME_SPSR	256

#define EXIT_SYNC	0
#define EXIT_IRQ	1
#define EXIT_FIQ	2
#define EXIT_SERROR	3
#define EXIT_AARCH32	4

#ifndef __ASSEMBLY__
#include <hv/types.h>

struct trap_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame size");

void arch_handle_exit(struct trap_frame *frame, unsigned long type);
void arch_handle_sync(struct per_cpu *cpu, struct trap_frame *frame);
void arch_handle_smc(struct per_cpu *cpu, struct trap_frame *frame);
#endif

#endif
