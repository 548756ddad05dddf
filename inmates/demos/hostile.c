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
	else
		printk("hostile: unknown or missing mode in \"%s\"; use "
		       "mode=read-root|write-hv|gicd-enable|exec-root|calls\n",
		       cl);
}
