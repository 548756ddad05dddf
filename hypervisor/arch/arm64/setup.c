// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 bring-up: the C part of the entry (MMU off until the identity
 * tables are live), per-CPU EL2 configuration and the return to Linux.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/reset.h>
#include <asm/spinlock.h>
#include <jailhouse/hypercall.h>
#include <asm/sysregs.h>
#include <asm/trap.h>

#define PERCPU_CHECK	_Static_assert(PERCPU_SIZE == 0x4000, "entry.S")
PERCPU_CHECK;

void __noreturn el2_leave(struct trap_frame *frame, u64 vbar, u64 sctlr);
extern u8 hyp_vectors[];

/* written once with the MMU off by the first CPU, read by the others */
u64 bootstrap_ttbr __aligned(64);

struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

static void save_el2_state(struct el2_saved *s)
{
	s->vbar = read_sysreg(vbar_el2);
	s->sctlr = read_sysreg(sctlr_el2);
	s->hcr = read_sysreg(hcr_el2);
	s->vttbr = read_sysreg(vttbr_el2);
	s->vtcr = read_sysreg(vtcr_el2);
	s->cptr = read_sysreg(cptr_el2);
	s->mdcr = read_sysreg(mdcr_el2);
	s->cnthctl = read_sysreg(cnthctl_el2);
	s->cntvoff = read_sysreg(cntvoff_el2);
}

void __noreturn arch_cpu_leave(struct per_cpu *cpu, struct trap_frame *frame,
			       long ret)
{
	frame->x[0] = ret;
	el2_leave(frame, cpu->arch.saved.vbar, cpu->arch.saved.sctlr);
}

/* C entry of every CPU, called from entry.S with the MMU off. */
void arch_boot(struct trap_frame *frame)
{
	struct per_cpu *cpu = this_cpu();
	bool first = false;
	u64 ttbr;
	int err;

	cpu->cpu_id = frame->x[0];
	save_el2_state(&cpu->arch.saved);
	ttbr = READ_ONCE(bootstrap_ttbr);
	if (!ttbr) {
		ttbr = hv_early_setup();
		if (!ttbr) {
			frame->x[0] = -ENOMEM;
			el2_leave(frame, cpu->arch.saved.vbar,
				  cpu->arch.saved.sctlr);
		}
		WRITE_ONCE(bootstrap_ttbr, ttbr);
		first = true;
		/* nothing cached may shadow what was written uncached */
		dcache_inval_range(hv_phys_base, hv_size);
	} else {
		dcache_inval_range((u64)cpu, PERCPU_SIZE);
	}
	el2_mmu_enable(ttbr);
	write_sysreg((u64)hyp_vectors, vbar_el2);
	isb();

	err = hv_cpu_entry(cpu, first);
	if (err)
		arch_cpu_leave(cpu, frame, err);
	frame->x[0] = 0;
}

int arch_init(void)
{
	return gic_init();
}

int arch_cpu_init(struct per_cpu *cpu)
{
	int err;

	cpu->arch.mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffULL;
	cpu->arch.mpidr_valid = true;
	/* the only step that can fail comes first, before any trap is set */
	err = gic_cpu_init(cpu);
	if (err)
		return err;
	stage2_enable(cpu);
	write_sysreg(arch_mdcr_value(), mdcr_el2);
	write_sysreg(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO |
		     HCR_FB | HCR_BSU_IS | HCR_TSC | HCR_TSW | HCR_RW,
		     hcr_el2);
	isb();
	return 0;
}

void arch_cpu_exit(struct per_cpu *cpu)
{
	struct el2_saved *s = &cpu->arch.saved;

	gic_cpu_exit(cpu);
	write_sysreg(s->hcr, hcr_el2);
	isb();
	stage2_disable(cpu);
	write_sysreg(s->vttbr, vttbr_el2);
	write_sysreg(s->vtcr, vtcr_el2);
	write_sysreg(s->cptr, cptr_el2);
	write_sysreg(s->mdcr, mdcr_el2);
	write_sysreg(s->cnthctl, cnthctl_el2);
	write_sysreg(s->cntvoff, cntvoff_el2);
	isb();
}

void arch_shutdown(void)
{
}

int arch_cell_init(struct cell *cell)
{
	int err;

	err = paging_init(&cell->stage2, &arch_stage2_format,
			  ARCH_STAGE2_ROOT_ENTRIES);
	if (err)
		return err;
	return gic_cell_init(cell);
}

void arch_cell_destroy(struct cell *cell)
{
	arch_flush_cell_tlb(cell);
}

void arch_park_cpu(struct per_cpu *cpu, struct trap_frame *frame)
{
	psci_park(cpu, frame);
}

/* Stop a CPU of another cell: it parks at its next exit. */
void arch_park_remote(struct per_cpu *target)
{
	if (READ_ONCE(target->parked))
		return;
	WRITE_ONCE(target->arch.park_request, true);
	dsb(ish);
	gic_send_sgi(target->cpu_id, SGI_EVENT);
	while (!READ_ONCE(target->parked))
		dmb(ish);
}

void arch_start_cpu(struct per_cpu *target, u64 entry)
{
	psci_wake(target, entry, 0);
}

u64 arch_time_ns(void)
{
	u64 freq = read_sysreg(cntfrq_el0), cnt = read_sysreg(cntpct_el0);

	return freq ? cnt / freq * 1000000000ULL +
		cnt % freq * 1000000000ULL / freq : 0;
}

extern struct paging hv_paging;

/*
 * Changes of the hypervisor's tables after setup: management (under its
 * lock) and the fault path of cell CPUs (reading the instruction at the
 * PC) may map and unmap at the same time, sharing intermediate tables.
 */
spinlock_t hv_paging_lock;

int arch_map_hv_memory(u64 phys, u64 size)
{
	int err;

	spin_lock(&hv_paging_lock);
	err = paging_map(&hv_paging, phys, phys, size,
			 PAGING_READ | PAGING_WRITE);
	spin_unlock(&hv_paging_lock);
	dsb(ishst);
	isb();
	return err;
}

void arch_unmap_hv_memory(u64 phys, u64 size)
{
	spin_lock(&hv_paging_lock);
	paging_unmap(&hv_paging, phys, size);
	spin_unlock(&hv_paging_lock);
	dsb(ishst);
	asm volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

/* Exceptions taken at EL2 itself are hypervisor bugs: report and stop. */
void __noreturn arch_hv_fault(struct trap_frame *frame, unsigned long type)
{
	printk("FATAL: hypervisor exception on CPU %u: %s, ESR 0x%llx, "
	       "FAR 0x%llx, ELR 0x%llx\n", this_cpu()->cpu_id,
	       type ? "asynchronous" : "synchronous",
	       read_sysreg(esr_el2), read_sysreg(far_el2), frame->elr);
	this_cpu()->failed = true;
	for (;;)
		wfi();
}
