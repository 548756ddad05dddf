/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <hv/types.h>

void dcache_inval_range(u64 start, u64 size);
void el2_mmu_enable(u64 ttbr);
void stage2_enable(struct per_cpu *cpu);
void stage2_disable(struct per_cpu *cpu);

#endif
