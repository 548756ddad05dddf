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
 *
 * Each attempt is announced with "hostile: <mode>: attempting ...". Under
 * a hypervisor that isolates correctly the cell is stopped right there;
 * the line "hostile: <mode>: survived ..." proves the opposite.
 */
#include <inmate.h>

#define GICD_ISENABLER		0x0100
#define DEFAULT_ROOT_ADDR	0x40000000UL
#define DEFAULT_HV_ADDR		0xdfc00000UL
#define DEFAULT_IRQ		48
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
	else
		printk("hostile: unknown or missing mode in \"%s\"; use mode=read-root|write-hv|gicd-enable\n",
		       cl);
}
