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
	else
		printk("hostile: unknown or missing mode in \"%s\"; use "
		       "mode=read-root|write-hv|gicd-enable|exec-root|calls|"
		       "mmio-misaligned|mmio-exclusive|mmio-pair|read-straddle|"
		       "fill|scan|cpu-off\n",
		       cl);
}
