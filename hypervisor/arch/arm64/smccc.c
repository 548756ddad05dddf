// SPDX-License-Identifier: GPL-2.0
/*
 * SMC calls of a cell: PSCI is emulated (psci.c); other SMCCC calls of the
 * root cell are forwarded to the firmware, those of other cells refused.
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <asm/psci.h>
#include <asm/trap.h>

u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3, u64 *res)
{
	register u64 x0 asm("x0") = fid;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	if (res) {
		res[0] = x0;
		res[1] = x1;
		res[2] = x2;
		res[3] = x3;
	}
	return x0;
}

void arch_handle_smc(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 fid = frame->x[0] & 0xffffffff;
	u64 res[4];

	if (psci_is_call(fid)) {
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_PSCI]++;
		psci_handle(cpu, frame);
		return;
	}
	cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_SMCCC]++;
	if (cpu->cell != &root_cell) {
		frame->x[0] = SMCCC_NOT_SUPPORTED;
		return;
	}
	smc_call(frame->x[0], frame->x[1], frame->x[2], frame->x[3], res);
	frame->x[0] = res[0];
	frame->x[1] = res[1];
	frame->x[2] = res[2];
	frame->x[3] = res[3];
}
