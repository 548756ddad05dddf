// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI emulation. A CPU that a cell turns off stays parked inside the
 * hypervisor (so that another cell can take it later); CPU_ON restarts a
 * parked CPU of the same cell at the requested entry point at EL1.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <jailhouse/hypercall.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/reset.h>
#include <asm/spinlock.h>
#include <asm/sysregs.h>
#include <asm/trap.h>

bool psci_is_call(u64 fid)
{
	return (fid & 0xbfffffe0) == 0x84000000;
}

static void restart_guest(struct per_cpu *cpu, struct trap_frame *frame)
{
	memset(frame, 0, sizeof(*frame));
	frame->x[0] = cpu->arch.on_context;
	frame->elr = cpu->arch.on_entry;
	frame->spsr = PSR_MODE_EL1H | PSR_DAIF;
	/* drop what was queued for the CPU while it was off */
	gic_cpu_park(cpu);
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, vbar_el1);
	/* the CPU may have changed cells while parked */
	stage2_enable(cpu);
}

/* Power off for real: the hypervisor is going away. */
static void __noreturn power_off(struct per_cpu *cpu)
{
	hv_cpu_leaving(cpu);
	dsb(sy);
	WRITE_ONCE(cpu->parked, false);
	dsb(sy);
	sev();
	smc_call(PSCI_CPU_OFF, 0, 0, 0, NULL);
	for (;;)
		wfi();
}

void psci_park(struct per_cpu *cpu, struct trap_frame *frame)
{
	gic_cpu_park(cpu);
	/* whatever runs next on this CPU finds none of the old state */
	arch_cpu_reset_state(cpu);
	cpu->arch.park_request = false;
	cpu->arch.on_request = false;
	dsb(ish);
	WRITE_ONCE(cpu->parked, true);
	for (;;) {
		dsb(ish);
		if (READ_ONCE(cpu->arch.power_off_request))
			power_off(cpu);
		if (READ_ONCE(cpu->arch.on_request))
			break;
		wfe();
	}
	cpu->arch.on_request = false;
	WRITE_ONCE(cpu->arch.cpu_off, false);
	WRITE_ONCE(cpu->parked, false);
	restart_guest(cpu, frame);
}

/* Two CPUs of a cell turning off at once: exactly one of them is last. */
static spinlock_t cpu_off_lock;

static bool last_cpu_off(struct per_cpu *cpu)
{
	struct per_cpu *other;
	bool last = true;
	unsigned int n;

	spin_lock(&cpu_off_lock);
	WRITE_ONCE(cpu->arch.cpu_off, true);
	for_each_cpu_in(n, &cpu->cell->cpus) {
		other = per_cpu(n);
		if (other != cpu && (READ_ONCE(other->arch.on_request) ||
				     !(READ_ONCE(other->arch.cpu_off) ||
				       READ_ONCE(other->parked))))
			last = false;
	}
	spin_unlock(&cpu_off_lock);
	return last;
}

static long cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target = gic_cpu_by_mpidr(mpidr);

	if (!target || target->cell != cpu->cell)
		return target ? PSCI_DENIED : PSCI_INVALID_PARAMS;
	if (!READ_ONCE(target->parked))
		return PSCI_ALREADY_ON;
	if (READ_ONCE(target->arch.on_request))
		return PSCI_ON_PENDING;
	psci_wake(target, entry, context);
	return PSCI_SUCCESS;
}

/* Restart a parked CPU at @entry (EL1, MMU off, x0 = @context). */
void psci_wake(struct per_cpu *target, u64 entry, u64 context)
{
	target->arch.on_entry = entry;
	target->arch.on_context = context;
	dsb(ish);
	WRITE_ONCE(target->arch.on_request, true);
	dsb(ish);
	sev();
}

static long affinity_info(struct per_cpu *cpu, u64 mpidr, u64 level)
{
	struct per_cpu *target = gic_cpu_by_mpidr(mpidr);

	if (level || !target || target->cell != cpu->cell)
		return PSCI_INVALID_PARAMS;
	if (!READ_ONCE(target->parked))
		return 0;			/* ON */
	return READ_ONCE(target->arch.on_request) ? 2 : 1; /* PENDING/OFF */
}

/*
 * A non-root cell asked to power off or reset the system: that ends the
 * cell (state "shut down"), not the machine. Its other CPUs park at their
 * next exit, this one parks now.
 */
static void cell_shutdown_self(struct per_cpu *cpu, struct trap_frame *frame)
{
	struct cell *cell = cpu->cell;
	unsigned int n;

	printk("Cell \"%s\" powered itself off\n", cell->name);
	cell->state = JAILHOUSE_CELL_SHUT_DOWN;
	if (cell->comm)
		cell->comm->cell_state = JAILHOUSE_CELL_SHUT_DOWN;
	for_each_cpu_in(n, &cell->cpus) {
		if (per_cpu(n) == cpu || READ_ONCE(per_cpu(n)->parked))
			continue;
		WRITE_ONCE(per_cpu(n)->arch.park_request, true);
		dsb(ish);
		gic_send_sgi(n, SGI_EVENT);
	}
	psci_park(cpu, frame);
}

void psci_handle(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 fid = frame->x[0] & 0xffffffff;
	long ret;

	switch (fid) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
		ret = smc_call(frame->x[0], frame->x[1], 0, 0, NULL);
		break;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		/* emulated as standby: return on the next interrupt */
		wfi();
		ret = PSCI_SUCCESS;
		break;
	case PSCI_CPU_OFF:
		if (cpu->cell != &root_cell && last_cpu_off(cpu))
			cell_cpus_all_off(cpu, frame->elr - 4);
		psci_park(cpu, frame);
		return;
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		ret = cpu_on(cpu, frame->x[1], frame->x[2], frame->x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		ret = affinity_info(cpu, frame->x[1], frame->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2;	/* no trusted OS that needs migration */
		break;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		if (cpu->cell == &root_cell) {
			printk("Root cell requested system %s\n",
			       fid == PSCI_SYSTEM_OFF ? "off" : "reset");
			ret = smc_call(fid, 0, 0, 0, NULL);
			break;
		}
		cell_shutdown_self(cpu, frame);
		return;
	default:
		ret = PSCI_NOT_SUPPORTED;
	}
	frame->x[0] = ret;
}

void arch_release_parked_cpus(void)
{
	struct per_cpu *cpu;
	unsigned int n;

	for (n = 0; n < MAX_CPUS; n++) {
		cpu = per_cpu(n);
		if (!cpu->entered || !READ_ONCE(cpu->parked) || cpu->failed)
			continue;
		WRITE_ONCE(cpu->arch.power_off_request, true);
		dsb(ish);
		sev();
		while (READ_ONCE(cpu->parked))
			wfe();
		/* wait until the firmware reports it off */
		while (smc_call(PSCI_AFFINITY_INFO_64, cpu->arch.mpidr, 0, 0,
				NULL) != 1)
			;
	}
}
