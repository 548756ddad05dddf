// SPDX-License-Identifier: MIT
/*
 * hostile: tries to break out of its cell, to test isolation. The command
 * line selects one attempt:
 *
 *   mode=read-root   [addr=A]  read 8 bytes of root cell RAM
 *                              (default 0x40000000)
 *   mode=write-hv    [addr=A]  write hypervisor memory (default 0xdfc00000)
 *   mode=gicd-enable [irq=N]   set GICD_ISENABLER for an SPI the cell does
 *                              not own (default 48)
 *   mode=exec-root   [addr=A]  jump into root cell RAM (default 0x40000000)
 *   mode=mmio-misaligned [addr=A]  4-byte read at a misaligned address of
 *                              an emulated region (default GICD + 0x102)
 *   mode=mmio-exclusive  [addr=A]  exclusive 4-byte load (LDXR) from an
 *                              emulated register (default GICD_CTLR)
 *   mode=mmio-pair       [addr=A]  load pair (LDP, no syndrome: ISV=0)
 *                              from an emulated region (default GICD_CTLR)
 *   mode=read-straddle   [addr=A]  8-byte read that runs over the end of
 *                              the cell's RAM (default 0xffffc: RAM is
 *                              0-0xfffff in qemu-arm64-inmate-demo)
 *   mode=fill                  fill the cell's RAM from 0x20000 to
 *                              0xfffff with "hostile!", for the next cell
 *   mode=scan                  count the 8-byte words of that range that
 *                              hold "hostile!" (what a previous cell left)
 *                              fill and scan then power the cell off (PSCI
 *                              SYSTEM_OFF): the root sees it shut down
 *   mode=cpu-off               PSCI CPU_OFF of the cell's only CPU: the
 *                              cell is shut down, with a message
 *   mode=calls                 ask for what a cell may not have: PSCI
 *                              CPU_ON of the root's CPU 0, the hypercalls
 *                              that manage cells, a firmware (SiP) SMC,
 *                              an HVC with a foreign immediate
 *   mode=dirty-cpu what=W      leave CPU state behind for whoever gets the
 *                              CPU next; W = gicr (own redistributor:
 *                              SGI 2 disabled and pending, SGI 3 active,
 *                              priorities, an SGI acknowledged and never
 *                              ended), timer (both EL1 timers firing),
 *                              pmu (counters running, overflow IRQ on),
 *                              debug (breakpoints, watchpoints, monitor
 *                              debug armed, OS lock set), el1 (thread and
 *                              context registers, FP/SIMD registers), all
 *   mode=probe-cpu             report every piece of that state that is
 *                              not in its reset state ("leaked")
 *   mode=setway                clean and invalidate the data caches by
 *                              set/way (DC CISW, DC CSW, DC ISW)
 *   mode=its         [addr=A]  program LPI tables in its own redistributor
 *                              (PROPBASER, PENDBASER, EnableLPIs), report
 *                              what reads back, then read the ITS frame
 *                              (default GICD + 0x80000, where QEMU virt
 *                              puts it; the AM62x's is at GICD + 0x20000)
 *
 * dirty-cpu, probe-cpu and setway then stay in a loop of PSCI VERSION
 * calls: the root sees them in vmexits_psci and knows the work is done.
 *
 * Each attempt is announced with "hostile: <mode>: attempting ...". Under
 * a hypervisor that isolates correctly the cell is stopped right there;
 * the line "hostile: <mode>: survived ..." proves the opposite. Calls are
 * different: the right answer is a refusal, printed as "hostile: calls:
 * <call> refused with <code>", and the cell goes on.
 */
#include <inmate.h>

#define GICD_ISENABLER		0x0100
#define DEFAULT_ROOT_ADDR	0x40000000UL
#define DEFAULT_HV_ADDR		0xdfc00000UL
#define DEFAULT_IRQ		48
#define PSCI_CPU_ON_64		0xc4000003UL
#define PSCI_CPU_OFF		0x84000002UL
#define PSCI_SYSTEM_OFF		0x84000008UL
#define DEFAULT_STRADDLE_ADDR	0xffffcUL
/* RAM of qemu-arm64-inmate-demo above the image, stack and command line */
#define SCRUB_START		0x20000UL
#define SCRUB_END		0x100000UL
#define SIP_CALL		0x82000000UL	/* SMC32, SiP service 0 */
#define HC_DISABLE		0
#define HC_CELL_DESTROY		4
#define JAILHOUSE_HVC		"0x4a48"
/* "hostile!" in ASCII */
#define PATTERN			0x686f7374696c6521UL

static void read_root(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", DEFAULT_ROOT_ADDR);
	u64 val;

	printk("hostile: read-root: attempting to read 0x%lx\n",
	       (unsigned long)addr);
	val = mmio_read64(addr);
	printk("hostile: read-root: survived, read 0x%016lx from 0x%lx\n",
	       (unsigned long)val, (unsigned long)addr);
}

static void write_hv(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", DEFAULT_HV_ADDR);

	printk("hostile: write-hv: attempting to write 0x%lx\n",
	       (unsigned long)addr);
	mmio_write64(addr, PATTERN);
	dsb_sy();
	printk("hostile: write-hv: survived, 0x%lx now holds 0x%016lx\n",
	       (unsigned long)addr, (unsigned long)mmio_read64(addr));
}

static void gicd_enable(const char *cl)
{
	u64 irq = cmdline_u64(cl, "irq", DEFAULT_IRQ);
	u64 reg;

	if (irq < 32 || irq > 1019) {
		printk("hostile: gicd-enable: irq=%lu is not an SPI (32..1019)\n",
		       (unsigned long)irq);
		return;
	}
	reg = platform.gicd_base + GICD_ISENABLER + (irq / 32) * 4;
	printk("hostile: gicd-enable: attempting to enable interrupt %lu at 0x%lx\n",
	       (unsigned long)irq, (unsigned long)reg);
	mmio_write32(reg, 1U << (irq % 32));
	dsb_sy();
	printk("hostile: gicd-enable: survived, interrupt %lu is %s\n",
	       (unsigned long)irq,
	       (mmio_read32(reg) & (1U << (irq % 32))) ? "enabled" :
							  "still disabled");
}

static void exec_root(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", DEFAULT_ROOT_ADDR);
	void (*target)(void) = (void (*)(void))addr;

	printk("hostile: exec-root: attempting to run code at 0x%lx\n",
	       (unsigned long)addr);
	target();
	printk("hostile: exec-root: survived, came back from 0x%lx\n",
	       (unsigned long)addr);
}

static long smc(unsigned long fid, unsigned long a1)
{
	register unsigned long x0 asm("x0") = fid;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = 0;
	register unsigned long x3 asm("x3") = 0;

	asm volatile("smc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "memory");
	return (long)x0;
}

static long hvc_jailhouse(unsigned long code, unsigned long arg)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg;

	asm volatile("hvc #" JAILHOUSE_HVC : "+r" (x0), "+r" (x1)
		     : : "memory");
	return (long)x0;
}

static long hvc_foreign(void)
{
	register unsigned long x0 asm("x0") = 0;

	asm volatile("hvc #0" : "+r" (x0) : : "memory");
	return (long)x0;
}

static void report_call(const char *what, long ret)
{
	if (ret < 0)
		printk("hostile: calls: %s refused with %ld\n", what, ret);
	else
		printk("hostile: calls: %s survived, returned %ld\n", what,
		       ret);
}

static void calls(void)
{
	printk("hostile: calls: attempting PSCI CPU_ON of CPU 0, cell "
	       "management hypercalls, a SiP SMC, a foreign HVC\n");
	report_call("CPU_ON(CPU 0)", smc(PSCI_CPU_ON_64, 0));
	report_call("hypercall DISABLE", hvc_jailhouse(HC_DISABLE, 0));
	report_call("hypercall CELL_DESTROY(0)",
		    hvc_jailhouse(HC_CELL_DESTROY, 0));
	report_call("SiP SMC 0x82000000", smc(SIP_CALL, 0));
	report_call("HVC #0", hvc_foreign());
	printk("hostile: calls: done, still running\n");
}

/* ---- accesses the hypervisor cannot emulate, CPU_OFF ---- */

static void mmio_misaligned(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", platform.gicd_base + 0x102);
	u32 val;

	printk("hostile: mmio-misaligned: attempting a 4-byte read at 0x%lx\n",
	       (unsigned long)addr);
	val = mmio_read32(addr);
	printk("hostile: mmio-misaligned: survived, read 0x%x\n", val);
}

static void mmio_exclusive(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", platform.gicd_base);
	u32 val;

	printk("hostile: mmio-exclusive: attempting LDXR of 4 bytes at 0x%lx\n",
	       (unsigned long)addr);
	asm volatile("ldxr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	asm volatile("clrex" ::: "memory");
	printk("hostile: mmio-exclusive: survived, read 0x%x\n", val);
}

static void mmio_pair(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", platform.gicd_base);
	u32 lo, hi;

	printk("hostile: mmio-pair: attempting LDP of 2x4 bytes at 0x%lx\n",
	       (unsigned long)addr);
	asm volatile("ldp %w0, %w1, [%2]" : "=r" (lo), "=r" (hi)
		     : "r" (addr) : "memory");
	printk("hostile: mmio-pair: survived, read 0x%x 0x%x\n", lo, hi);
}

static void read_straddle(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr", DEFAULT_STRADDLE_ADDR);
	u64 val;

	printk("hostile: read-straddle: attempting an 8-byte read at 0x%lx\n",
	       (unsigned long)addr);
	val = mmio_read64(addr);
	printk("hostile: read-straddle: survived, read 0x%016lx\n",
	       (unsigned long)val);
}

static void fill(void)
{
	u64 a;

	printk("hostile: fill: writing the pattern to 0x%lx-0x%lx\n",
	       SCRUB_START, SCRUB_END - 1);
	for (a = SCRUB_START; a < SCRUB_END; a += 8)
		mmio_write64(a, PATTERN);
	dsb_sy();
	printk("hostile: fill: done\n");
	smc(PSCI_SYSTEM_OFF, 0);
}

static void scan(void)
{
	unsigned long found = 0;
	u64 a, first = 0;

	for (a = SCRUB_START; a < SCRUB_END; a += 8)
		if (mmio_read64(a) == PATTERN && !found++)
			first = a;
	printk("hostile: scan: %lu of %lu words in 0x%lx-0x%lx hold the "
	       "pattern (first at 0x%lx)\n", found,
	       (SCRUB_END - SCRUB_START) / 8, SCRUB_START, SCRUB_END - 1,
	       (unsigned long)first);
	smc(PSCI_SYSTEM_OFF, 0);
}

static void cpu_off(void)
{
	long ret;

	printk("hostile: cpu-off: attempting PSCI CPU_OFF of the only CPU\n");
	ret = smc(PSCI_CPU_OFF, 0);
	printk("hostile: cpu-off: survived, CPU_OFF returned %ld\n", ret);
}

/* ---- CPU state left behind for the next owner (dirty-cpu, probe-cpu) ---- */

#define PSCI_VERSION		0x84000000UL
#define GICR_FRAME_SIZE		0x20000
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1U << 4)
#define GICR_SGI		0x10000
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_ISPENDR0		(GICR_SGI + 0x0200)
#define GICR_ISACTIVER0		(GICR_SGI + 0x0300)
#define GICR_IPRIORITYR0	(GICR_SGI + 0x0400)
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define PMU_IRQ			23
#define DIRTY_PRIORITY		0x10
#define PATTERN_TPIDR		0x7469647268737421UL
#define CNTKCTL_DIRTY		0x303UL	/* EL0 counter and timer access */

/* This CPU's redistributor, by affinity (GICR_TYPER[63:32]). */
static u64 own_gicr(void)
{
	u64 mpidr = read_sysreg(mpidr_el1), frame = platform.gicr_base;
	u32 aff = (mpidr & 0xffffff) | (((mpidr >> 32) & 0xff) << 24);
	unsigned int n;

	for (n = 0; n < 64; n++, frame += GICR_FRAME_SIZE) {
		if (mmio_read32(frame + GICR_TYPER + 4) == aff)
			return frame;
		if (mmio_read32(frame + GICR_TYPER) & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

#define GICD_TYPER		0x0004
#define GICR_CTLR		0x0000
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define DEFAULT_ITS_OFFSET	0x80000UL

/*
 * LPIs: tables in this cell's own RAM would still let the GIC write
 * wherever a cell says; the hypervisor offers a GIC without LPIs and
 * no ITS at all.
 */
static void its(const char *cl)
{
	u64 addr = cmdline_u64(cl, "addr",
			       platform.gicd_base + DEFAULT_ITS_OFFSET);
	u64 gicr = own_gicr();

	if (gicr) {
		mmio_write64(gicr + GICR_PROPBASER, SCRUB_START | 0xf);
		mmio_write64(gicr + GICR_PENDBASER, SCRUB_START + 0x10000);
		mmio_write32(gicr + GICR_CTLR, 1);
		dsb_sy();
		printk("hostile: its: LPIs after programming them: "
		       "GICD_TYPER.LPIS %u, GICR_TYPER.PLPIS %u, "
		       "GICR_CTLR.EnableLPIs %u, PROPBASER 0x%lx, "
		       "PENDBASER 0x%lx\n",
		       (mmio_read32(platform.gicd_base + GICD_TYPER) >> 17) & 1,
		       mmio_read32(gicr + GICR_TYPER) & 1,
		       mmio_read32(gicr + GICR_CTLR) & 1,
		       (unsigned long)mmio_read64(gicr + GICR_PROPBASER),
		       (unsigned long)mmio_read64(gicr + GICR_PENDBASER));
	}
	printk("hostile: its: attempting to read the ITS at 0x%lx\n",
	       (unsigned long)addr);
	printk("hostile: its: survived, read 0x%lx\n",
	       (unsigned long)mmio_read64(addr));
}

static void beacon(const char *mode)
{
	printk("hostile: %s: done, signalling with PSCI VERSION calls\n",
	       mode);
	for (;;) {
		smc(PSCI_VERSION, 0);
		delay_us(1000);
	}
}

static void dirty_gicr(void)
{
	u64 gicr = own_gicr(), iar;

	if (!gicr) {
		printk("hostile: dirty-cpu: no redistributor found\n");
		return;
	}
	/* the repro: SGI 2 disabled, then made pending */
	mmio_write32(gicr + GICR_ICENABLER0, 1U << 2);
	mmio_write32(gicr + GICR_ISPENDR0, 1U << 2);
	mmio_write32(gicr + GICR_ISACTIVER0, 1U << 3);
	mmio_write32(gicr + GICR_IPRIORITYR0, DIRTY_PRIORITY * 0x01010101U);
	mmio_write32(gicr + GICR_ISENABLER0, (1U << 1) | (1U << PMU_IRQ));
	/* SGI 1 to itself, acknowledged, never ended: active in an LR */
	write_sysreg_s(ICC_PMR_EL1, 0xf0);
	write_sysreg_s(ICC_IGRPEN1_EL1, 1);
	isb();
	write_sysreg_s(ICC_SGI1R_EL1, (1UL << 1) << 24 |
		       (1UL << (read_sysreg(mpidr_el1) & 0xf)));
	isb();
	delay_us(10000);
	iar = read_sysreg_s(ICC_IAR1_EL1);
	/* then mask everything in the virtual interface */
	write_sysreg_s(ICC_PMR_EL1, 0);
	write_sysreg_s(ICC_BPR1_EL1, 7);
	printk("hostile: dirty-cpu: gicr: SGI 2 disabled and pending, SGI 3 "
	       "active, priorities 0x%x, acknowledged IRQ %lu\n",
	       DIRTY_PRIORITY, (unsigned long)(iar & 0xffffff));
}

static void dirty_timer(void)
{
	u64 now = read_sysreg(cntvct_el0);

	write_sysreg(cntkctl_el1, CNTKCTL_DIRTY);
	write_sysreg(cntv_cval_el0, now);
	write_sysreg(cntv_ctl_el0, 1);
	write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0));
	write_sysreg(cntp_ctl_el0, 1);
	isb();
	printk("hostile: dirty-cpu: timer: virtual and physical timer "
	       "firing, CNTKCTL_EL1 0x%lx\n", CNTKCTL_DIRTY);
}

static void dirty_pmu(void)
{
	u64 n = (read_sysreg(pmcr_el0) >> 11) & 0x1f;

	write_sysreg(pmuserenr_el0, 0xf);
	write_sysreg(pmselr_el0, 0);
	isb();
	write_sysreg(pmxevtyper_el0, 0x11);	/* CPU cycles */
	write_sysreg(pmxevcntr_el0, 0xfffffff0UL);
	write_sysreg(pmccfiltr_el0, 0);
	write_sysreg(pmccntr_el0, ~0UL - 0x100);
	write_sysreg(pmintenset_el1, (1UL << 31) | 1);
	write_sysreg(pmcntenset_el0, (1UL << 31) | 1);
	write_sysreg(pmcr_el0, 1);		/* E */
	isb();
	write_sysreg(pmovsset_el0, 1);
	printk("hostile: dirty-cpu: pmu: %lu counters, counter 0 and the "
	       "cycle counter running, overflow IRQ enabled, EL0 access\n",
	       (unsigned long)n);
}

static void dirty_debug(void)
{
	/* where this image never executes nor accesses: its last page */
	u64 far = 0xff000;

	write_sysreg(dbgbvr0_el1, far);
	write_sysreg(dbgbcr0_el1, (0xfUL << 5) | (3UL << 1) | 1);
	write_sysreg(dbgwvr0_el1, far + 0x800);
	write_sysreg(dbgwcr0_el1, (0xffUL << 5) | (3UL << 3) | (3UL << 1) |
		     1);
	write_sysreg(mdscr_el1, (1UL << 15) | (1UL << 13));
	isb();
	write_sysreg(oslar_el1, 1);
	isb();
	printk("hostile: dirty-cpu: debug: breakpoint 0 and watchpoint 0 "
	       "armed, MDSCR_EL1.MDE/KDE set, OS lock set\n");
}

static void fp_enable(void)
{
	write_sysreg(cpacr_el1, 3UL << 20);
	isb();
}

static void dirty_el1(void)
{
	u64 v = PATTERN_TPIDR;

	write_sysreg(tpidr_el0, v);
	write_sysreg(tpidr_el1, v);
	write_sysreg(tpidrro_el0, v);
	write_sysreg(contextidr_el1, 0x1234);
	fp_enable();
	asm volatile(".arch_extension fp\n"
		     "fmov d0, %0\n"
		     "fmov d31, %0" : : "r" (v));
	printk("hostile: dirty-cpu: el1: TPIDR_EL0/EL1/RO, CONTEXTIDR_EL1, "
	       "D0 and D31 hold 0x%016lx\n", (unsigned long)v);
}

static void dirty_cpu(const char *cl)
{
	char what[8];
	bool all;

	if (cmdline_get_str(cl, "what", what, sizeof(what)) < 0)
		what[0] = 0;
	all = !what[0] || !strcmp(what, "all");
	printk("hostile: dirty-cpu: attempting to leave %s state in CPU "
	       "%lu\n", all ? "all" : what,
	       (unsigned long)(read_sysreg(mpidr_el1) & 0xff));
	if (all || !strcmp(what, "gicr"))
		dirty_gicr();
	if (all || !strcmp(what, "timer"))
		dirty_timer();
	if (all || !strcmp(what, "pmu"))
		dirty_pmu();
	if (all || !strcmp(what, "debug"))
		dirty_debug();
	if (all || !strcmp(what, "el1"))
		dirty_el1();
	beacon("dirty-cpu");
}

static unsigned int leaks;

static void expect(const char *group, const char *reg, u64 val, u64 good)
{
	if (val == good)
		return;
	printk("hostile: probe-cpu: %s leaked: %s = 0x%lx, reset value "
	       "0x%lx\n", group, reg, (unsigned long)val,
	       (unsigned long)good);
	leaks++;
}

static void probe_gicr(void)
{
	u64 gicr = own_gicr();
	unsigned int n, b;
	u32 prio;

	if (!gicr) {
		expect("gicr", "redistributor", 0, 1);
		return;
	}
	/* the hypervisor's own SGIs and PPI read as 0 here */
	expect("gicr", "GICR_ISENABLER0", mmio_read32(gicr + GICR_ISENABLER0),
	       0);
	expect("gicr", "GICR_ISPENDR0", mmio_read32(gicr + GICR_ISPENDR0), 0);
	expect("gicr", "GICR_ISACTIVER0", mmio_read32(gicr + GICR_ISACTIVER0),
	       0);
	for (n = 0; n < 8; n++) {
		prio = mmio_read32(gicr + GICR_IPRIORITYR0 + n * 4);
		for (b = 0; b < 4; b++)
			if (((prio >> (b * 8)) & 0xff) == DIRTY_PRIORITY)
				break;
		if (b < 4)
			expect("gicr", "GICR_IPRIORITYR<n> byte", prio,
			       prio & ~(0xffU << (b * 8)));
	}
	expect("gicr", "ICC_PMR_EL1 (virtual)", read_sysreg_s(ICC_PMR_EL1), 0);
	expect("gicr", "ICC_IAR1_EL1 (virtual)",
	       read_sysreg_s(ICC_IAR1_EL1) & 0xffffff, 1023);
}

static void probe_timer(void)
{
	expect("timer", "CNTV_CTL_EL0.ENABLE", read_sysreg(cntv_ctl_el0) & 1,
	       0);
	expect("timer", "CNTP_CTL_EL0.ENABLE", read_sysreg(cntp_ctl_el0) & 1,
	       0);
	expect("timer", "CNTV_CVAL_EL0", read_sysreg(cntv_cval_el0), 0);
	expect("timer", "CNTKCTL_EL1", read_sysreg(cntkctl_el1), 0);
}

static void probe_pmu(void)
{
	expect("pmu", "PMCR_EL0.E", read_sysreg(pmcr_el0) & 1, 0);
	expect("pmu", "PMCNTENSET_EL0", read_sysreg(pmcntenset_el0), 0);
	expect("pmu", "PMINTENSET_EL1", read_sysreg(pmintenset_el1), 0);
	expect("pmu", "PMOVSSET_EL0", read_sysreg(pmovsset_el0), 0);
	expect("pmu", "PMUSERENR_EL0", read_sysreg(pmuserenr_el0), 0);
	expect("pmu", "PMCCNTR_EL0", read_sysreg(pmccntr_el0), 0);
	write_sysreg(pmselr_el0, 0);
	isb();
	expect("pmu", "PMEVTYPER0_EL0", read_sysreg(pmxevtyper_el0), 0);
	expect("pmu", "PMEVCNTR0_EL0", read_sysreg(pmxevcntr_el0), 0);
}

static void probe_debug(void)
{
	expect("debug", "MDSCR_EL1", read_sysreg(mdscr_el1), 0);
	expect("debug", "DBGBCR0_EL1", read_sysreg(dbgbcr0_el1), 0);
	expect("debug", "DBGBVR0_EL1", read_sysreg(dbgbvr0_el1), 0);
	expect("debug", "DBGWCR0_EL1", read_sysreg(dbgwcr0_el1), 0);
	expect("debug", "DBGWVR0_EL1", read_sysreg(dbgwvr0_el1), 0);
	expect("debug", "OSLSR_EL1.OSLK", (read_sysreg(oslsr_el1) >> 1) & 1,
	       0);
}

static void probe_el1(void)
{
	u64 d0, d31;

	expect("el1", "TPIDR_EL0", read_sysreg(tpidr_el0), 0);
	expect("el1", "TPIDR_EL1", read_sysreg(tpidr_el1), 0);
	expect("el1", "TPIDRRO_EL0", read_sysreg(tpidrro_el0), 0);
	expect("el1", "CONTEXTIDR_EL1", read_sysreg(contextidr_el1), 0);
	expect("el1", "CPACR_EL1", read_sysreg(cpacr_el1), 0);
	fp_enable();
	asm volatile(".arch_extension fp\n"
		     "fmov %0, d0\n"
		     "fmov %1, d31" : "=r" (d0), "=r" (d31));
	expect("el1", "D0", d0, 0);
	expect("el1", "D31", d31, 0);
}

static void probe_cpu(void)
{
	printk("hostile: probe-cpu: attempting to find state of the CPU's "
	       "previous software\n");
	probe_gicr();
	probe_timer();
	probe_pmu();
	probe_debug();
	probe_el1();
	if (leaks)
		printk("hostile: probe-cpu: survived, %u registers leaked\n",
		       leaks);
	else
		printk("hostile: probe-cpu: clean, nothing leaked\n");
	beacon("probe-cpu");
}

/* ---- set/way cache maintenance ---- */

#define DC_SW(op, v)	asm volatile("dc " op ", %0" : : "r" (v) : "memory")

/* Every set and way of every data or unified cache level, with @op. */
static unsigned long setway_all(unsigned int op)
{
	u64 clidr = read_sysreg(clidr_el1), ccsidr, sw;
	unsigned int level, type, sets, ways, line, wshift, set, way;
	unsigned long count = 0;

	for (level = 0; level < 7; level++) {
		type = (clidr >> (level * 3)) & 7;
		if (type < 2)
			continue;	/* none or instruction only */
		write_sysreg(csselr_el1, level << 1);
		isb();
		ccsidr = read_sysreg(ccsidr_el1);
		line = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		wshift = ways > 1 ? __builtin_clz(ways - 1) : 0;
		for (set = 0; set < sets; set++) {
			for (way = 0; way < ways; way++) {
				sw = ((u64)way << wshift) |
					((u64)set << line) | (level << 1);
				if (op == 0)
					DC_SW("cisw", sw);
				else if (op == 1)
					DC_SW("csw", sw);
				else
					DC_SW("isw", sw);
				count++;
			}
		}
	}
	asm volatile("dsb sy" : : : "memory");
	return count;
}

static void setway(void)
{
	unsigned long n;
	u64 t0;

	printk("hostile: setway: attempting DC CISW, DC CSW and DC ISW over "
	       "every cache level\n");
	t0 = timer_get_ticks();
	n = setway_all(0);
	n += setway_all(1);
	n += setway_all(2);
	printk("hostile: setway: %lu set/way operations done in %lu us, still "
	       "running\n", n, (unsigned long)
	       (timer_ticks_to_ns(timer_get_ticks() - t0) / 1000));
	beacon("setway");
}

void inmate_main(void)
{
	const char *cl = cmdline();
	char mode[16];

	if (cmdline_get_str(cl, "mode", mode, sizeof(mode)) < 0)
		mode[0] = 0;

	if (!strcmp(mode, "read-root"))
		read_root(cl);
	else if (!strcmp(mode, "write-hv"))
		write_hv(cl);
	else if (!strcmp(mode, "gicd-enable"))
		gicd_enable(cl);
	else if (!strcmp(mode, "exec-root"))
		exec_root(cl);
	else if (!strcmp(mode, "calls"))
		calls();
	else if (!strcmp(mode, "mmio-misaligned"))
		mmio_misaligned(cl);
	else if (!strcmp(mode, "mmio-exclusive"))
		mmio_exclusive(cl);
	else if (!strcmp(mode, "mmio-pair"))
		mmio_pair(cl);
	else if (!strcmp(mode, "read-straddle"))
		read_straddle(cl);
	else if (!strcmp(mode, "fill"))
		fill();
	else if (!strcmp(mode, "scan"))
		scan();
	else if (!strcmp(mode, "cpu-off"))
		cpu_off();
	else if (!strcmp(mode, "dirty-cpu"))
		dirty_cpu(cl);
	else if (!strcmp(mode, "probe-cpu"))
		probe_cpu();
	else if (!strcmp(mode, "setway"))
		setway();
	else if (!strcmp(mode, "its"))
		its(cl);
	else
		printk("hostile: unknown or missing mode in \"%s\"; use "
		       "mode=read-root|write-hv|gicd-enable|exec-root|calls|"
		       "mmio-misaligned|mmio-exclusive|mmio-pair|read-straddle|"
		       "fill|scan|cpu-off|dirty-cpu|probe-cpu|setway|its\n",
		       cl);
}
