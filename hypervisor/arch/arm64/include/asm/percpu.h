/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of the per-CPU state. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <hv/types.h>
#include <asm/spinlock.h>

#define MAX_PENDING_IRQS	32

/* EL2 state found at entry, restored when the CPU returns to Linux */
struct el2_saved {
	u64 vbar, sctlr, hcr, vttbr, vtcr, cptr, mdcr, cnthctl, tcr, mair,
	    ttbr0, ich_hcr, icc_pmr, icc_ctlr, cntvoff;
};

/* SGI/PPI configuration at enable, restored when the CPU leaves a cell */
struct gicr_private {
	u32 igroupr0, igrpmodr0, icfgr1, ipriorityr[8];
};

struct arch_per_cpu {
	u64 mpidr;
	bool mpidr_valid;
	bool virt_active;		/* virtual GIC interface in use */
	struct el2_saved saved;
	unsigned int num_lrs;
	void *gicr;			/* this CPU's redistributor */
	struct gicr_private private_irqs;
	/* set/way emulation: this exit and the previous one were DC *SW */
	bool setway_exit, setway_prev;
	bool setway_reported;		/* message once per cell start */
	/* interrupts waiting for a free list register */
	spinlock_t pending_lock;
	unsigned int num_pending;
	u16 pending[MAX_PENDING_IRQS];
	/* PSCI: a CPU_ON request for this (parked) CPU */
	volatile bool on_request;
	u64 on_entry, on_context;
	volatile bool power_off_request;
	/* PSCI CPU_OFF from the guest, until the CPU runs again */
	volatile bool cpu_off;
	/* cell management: park at the next exit */
	volatile bool park_request;
};

#endif
