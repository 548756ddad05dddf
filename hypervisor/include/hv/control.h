/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercalls, the global hypervisor state, faults. */
#ifndef _HV_CONTROL_H
#define _HV_CONTROL_H

#include <hv/types.h>
#include <asm/fault.h>
#include <jailhouse/cell-config.h>

struct per_cpu;
struct trap_frame;

extern const struct jailhouse_system *system_config;
extern u64 hv_phys_base, hv_size;
extern volatile bool hv_shutting_down;

long hypercall(struct per_cpu *cpu, struct trap_frame *frame, u64 code,
	       u64 arg1, u64 arg2);

/* The cell of @cpu did something it must not: report and contain it. */
struct fault_report {
	const char *what;	/* e.g. "data abort" */
	struct arch_fault arch;	/* how the architecture reported it */
	u64 address;		/* guest physical, ~0 if none */
	u64 pc;
	bool is_write;
	unsigned int size;
};
void cell_fault(struct per_cpu *cpu, struct trap_frame *frame,
		const struct fault_report *report);

/* @cpu was the last running CPU of its (non-root) cell and turned off */
void cell_cpus_all_off(struct per_cpu *cpu, u64 pc);

/* Called by arch once per CPU from its entry path (MMU on). */
int hv_cpu_entry(struct per_cpu *cpu, bool first);
void hv_cpu_leaving(struct per_cpu *cpu);
u64 hv_early_setup(void);

#endif
