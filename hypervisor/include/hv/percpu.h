/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU state: core part, then the architecture's part. */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#include <hv/types.h>
#include <asm/percpu.h>
#include <jailhouse/hypercall.h>

#define PERCPU_SIZE	0x4000	/* struct per_cpu + stack */

struct cell;

struct per_cpu {
	unsigned int cpu_id;
	bool entered;		/* under the hypervisor */
	bool failed;
	bool parked;
	struct cell *cell;
	u64 stats[JAILHOUSE_NUM_CPU_STATS];
	struct arch_per_cpu arch;
};

struct per_cpu *per_cpu(unsigned int cpu);
struct per_cpu *this_cpu(void);

#endif
