// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU hand-over: whatever a cell can change in the CPU it runs on is
 * put back to a defined state when the CPU parks (it leaves its software:
 * cell destroy, cell load/start, PSCI CPU_OFF, a fault), so nothing of one
 * cell reaches the next, and the root finds after PSCI CPU_ON what Linux
 * finds after a cold CPU_ON. MDCR_EL2 (who owns PMU and debug) and the
 * set/way cache maintenance trap live here too. See README.md for the
 * per-register-group decisions.
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/reset.h>
#include <asm/sysregs.h>
#include <asm/trap.h>

/* ID_AA64DFR0_EL1 fields */
#define DFR0_PMUVER(d)		(((d) >> 8) & 0xf)
#define DFR0_BRPS(d)		((((d) >> 12) & 0xf) + 1)
#define DFR0_WRPS(d)		((((d) >> 20) & 0xf) + 1)
#define DFR0_PMSVER(d)		(((d) >> 32) & 0xf)
#define PMUVER_V3P1		4
#define PMUVER_IMPDEF		0xf

#define PMCR_P			BIT(1)
#define PMCR_C			BIT(2)
#define PMCR_N(p)		(((p) >> 11) & 0x1f)
#define PMU_ALL_COUNTERS	0xffffffffUL

#define MDCR_HPMN(n)		(n)
#define MDCR_TPMS		BIT(14)
#define MDCR_HPMD		BIT(17)

#define CPTR_TFP		BIT(10)

static bool have_pmu(u64 dfr0)
{
	return DFR0_PMUVER(dfr0) && DFR0_PMUVER(dfr0) != PMUVER_IMPDEF;
}

/*
 * PMU and debug registers are passed through (no trap): a cell profiles
 * and debugs itself at native speed. They act only on this CPU, which
 * belongs to one cell at a time, and are reset on hand-over. All event
 * counters belong to EL1 (HPMN = PMCR_EL0.N, none reserved for EL2);
 * with PMUv3p1 they stop counting at EL2 (HPMD). The statistical
 * profiling registers, if any, trap (TPMS, E2PB = 0): they are not reset
 * here, so a cell may not use them.
 */
u64 arch_mdcr_value(void)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1), mdcr = 0;

	if (have_pmu(dfr0)) {
		mdcr |= MDCR_HPMN(PMCR_N(read_sysreg(pmcr_el0)));
		if (DFR0_PMUVER(dfr0) >= PMUVER_V3P1)
			mdcr |= MDCR_HPMD;
	}
	if (DFR0_PMSVER(dfr0))
		mdcr |= MDCR_TPMS;
	return mdcr;
}

static void reset_timers(void)
{
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, cntv_cval_el0);
	write_sysreg(0, cntp_cval_el0);
	write_sysreg(0, cntkctl_el1);
}

static void reset_pmu(u64 dfr0)
{
	unsigned int n, counters;

	if (!have_pmu(dfr0))
		return;
	write_sysreg(PMU_ALL_COUNTERS, pmcntenclr_el0);
	write_sysreg(PMU_ALL_COUNTERS, pmintenclr_el1);
	isb();
	/* disabled (E = 0), event and cycle counters zeroed */
	write_sysreg(PMCR_P | PMCR_C, pmcr_el0);
	isb();
	write_sysreg(PMU_ALL_COUNTERS, pmovsclr_el0);
	counters = PMCR_N(read_sysreg(pmcr_el0));
	for (n = 0; n < counters; n++) {
		write_sysreg(n, pmselr_el0);
		isb();
		write_sysreg(0, pmxevtyper_el0);
		write_sysreg(0, pmxevcntr_el0);
	}
	write_sysreg(0, pmccfiltr_el0);
	write_sysreg(0, pmselr_el0);
	write_sysreg(0, pmuserenr_el0);
	write_sysreg(0, pmcr_el0);
}

#define DBG_PAIR(n) \
	case n: \
		write_sysreg(0, dbgbcr##n##_el1); \
		write_sysreg(0, dbgbvr##n##_el1); \
		break

static void reset_breakpoint(unsigned int n)
{
	switch (n) {
	DBG_PAIR(0); DBG_PAIR(1); DBG_PAIR(2); DBG_PAIR(3);
	DBG_PAIR(4); DBG_PAIR(5); DBG_PAIR(6); DBG_PAIR(7);
	DBG_PAIR(8); DBG_PAIR(9); DBG_PAIR(10); DBG_PAIR(11);
	DBG_PAIR(12); DBG_PAIR(13); DBG_PAIR(14); DBG_PAIR(15);
	}
}

#define WPT_PAIR(n) \
	case n: \
		write_sysreg(0, dbgwcr##n##_el1); \
		write_sysreg(0, dbgwvr##n##_el1); \
		break

static void reset_watchpoint(unsigned int n)
{
	switch (n) {
	WPT_PAIR(0); WPT_PAIR(1); WPT_PAIR(2); WPT_PAIR(3);
	WPT_PAIR(4); WPT_PAIR(5); WPT_PAIR(6); WPT_PAIR(7);
	WPT_PAIR(8); WPT_PAIR(9); WPT_PAIR(10); WPT_PAIR(11);
	WPT_PAIR(12); WPT_PAIR(13); WPT_PAIR(14); WPT_PAIR(15);
	}
}

/* Breakpoints and watchpoints off, no monitor debug, OS lock open. */
static void reset_debug(u64 dfr0)
{
	unsigned int n;

	write_sysreg(0, mdscr_el1);
	isb();
	for (n = 0; n < DFR0_BRPS(dfr0); n++)
		reset_breakpoint(n);
	for (n = 0; n < DFR0_WRPS(dfr0); n++)
		reset_watchpoint(n);
	write_sysreg(0, mdccint_el1);
	write_sysreg(0, osdlr_el1);
	write_sysreg(0, oslar_el1);
	isb();
}

/* EL1/EL0 context registers: nothing of the old software survives. */
static void reset_el1(void)
{
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	isb();
	write_sysreg(0, ttbr0_el1);
	write_sysreg(0, ttbr1_el1);
	write_sysreg(0, tcr_el1);
	write_sysreg(0, mair_el1);
	write_sysreg(0, amair_el1);
	write_sysreg(0, vbar_el1);
	write_sysreg(0, contextidr_el1);
	write_sysreg(0, tpidr_el1);
	write_sysreg(0, tpidr_el0);
	write_sysreg(0, tpidrro_el0);
	write_sysreg(0, sp_el0);
	write_sysreg(0, sp_el1);
	write_sysreg(0, elr_el1);
	write_sysreg(0, spsr_el1);
	write_sysreg(0, esr_el1);
	write_sysreg(0, far_el1);
	write_sysreg(0, afsr0_el1);
	write_sysreg(0, afsr1_el1);
	write_sysreg(0, par_el1);
	write_sysreg(0, csselr_el1);
	write_sysreg(0, cpacr_el1);
	isb();
}

void fpsimd_zero(void);		/* entry.S: V0-V31, FPCR, FPSR */

static void reset_fpsimd(void)
{
	u64 cptr = read_sysreg(cptr_el2);

	write_sysreg(cptr & ~CPTR_TFP, cptr_el2);
	isb();
	fpsimd_zero();
	write_sysreg(cptr, cptr_el2);
	isb();
}

void arch_cpu_reset_state(struct per_cpu *cpu)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);

	reset_timers();
	reset_pmu(dfr0);
	reset_debug(dfr0);
	reset_el1();
	reset_fpsimd();
	gic_cpu_reset_private(cpu);
	cpu->arch.setway_reported = false;
	isb();
}

/* ---- set/way cache maintenance (HCR_EL2.TSW) ---- */

static const char *setway_name(u64 reg)
{
	if (reg == ISS_DC_ISW)
		return "DC ISW";
	return reg == ISS_DC_CSW ? "DC CSW" : "DC CISW";
}

/*
 * DC ISW/CSW/CISW of a cell. By set/way they would act on lines of every
 * cell sharing the cache (an ISW can discard another cell's dirty data).
 * The cell's own memory is cleaned and invalidated by address instead:
 * a superset of what the cell asked for (invalidate becomes clean and
 * invalidate, which loses nothing), limited to memory it may write. The
 * whole loop of a flush traps once per line; only the first op of a run
 * of consecutive set/way exits does the work.
 */
void arch_handle_setway(struct per_cpu *cpu, struct trap_frame *frame,
			u64 reg)
{
	cpu->arch.setway_exit = true;
	if (!cpu->arch.setway_reported) {
		printk("cell \"%s\", CPU %u: %s at PC 0x%llx trapped: cleaning "
		       "and invalidating the cell's memory by address "
		       "instead\n", cpu->cell->name, cpu->cpu_id,
		       setway_name(reg), frame->elr);
		cpu->arch.setway_reported = true;
	}
	if (!cpu->arch.setway_prev)
		cell_flush_memory(cpu->cell);
	frame->elr += 4;
}
