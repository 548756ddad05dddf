/* SPDX-License-Identifier: GPL-2.0 */
/* Guest register frame saved on every exit to EL2. */
#ifndef _ASM_TRAP_H
#define _ASM_TRAP_H

/* offsets used by entry.S, checked against struct trap_frame below */
#define FRAME_SIZE	272
#define FRAME_X30	240
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
_Static_assert(offsetof(struct trap_frame, x[30]) == FRAME_X30, "FRAME_X30");
_Static_assert(offsetof(struct trap_frame, elr) == FRAME_ELR, "FRAME_ELR");
_Static_assert(offsetof(struct trap_frame, spsr) == FRAME_SPSR,
	       "FRAME_SPSR");
/* entry.S saves and restores x0..x29 in pairs at 16 * n */
_Static_assert(offsetof(struct trap_frame, x[2]) == 16, "x pairs");
_Static_assert(FRAME_SIZE % 16 == 0, "stack alignment");

void arch_handle_exit(struct trap_frame *frame, unsigned long type);
void arch_handle_sync(struct per_cpu *cpu, struct trap_frame *frame);
void arch_handle_smc(struct per_cpu *cpu, struct trap_frame *frame);
#endif

#endif
