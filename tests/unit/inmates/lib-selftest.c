// SPDX-License-Identifier: MIT
/*
 * On-target tests of the inmate library, run by ./run on QEMU virt (GICv3,
 * no hypervisor): interrupts of each kind through the real GIC (SGI, PPI
 * of the virtual timer, SPI), the timer, and the cross-compiled formatter,
 * command line parser and string functions.
 *
 * Prints "selftest: NAME: ok" or "selftest: NAME: FAIL why" per test and
 * "selftest: done" at the end. Expects the command line
 * "answer=0x2a flag", plus "pci-serial" when QEMU has a pci-serial device:
 * then a line is also printed through the 8250 driver on that device.
 */
#include <inmate.h>

#define TEST_SGI		3
#define TEST_SPI		40
#define GICD_ISPENDR		0x0200
#define WAIT_US			200000

/* QEMU virt: PCIe ECAM (highmem), I/O window, and its pci-serial device. */
#define QEMU_ECAM		0x4010000000UL
#define QEMU_PCI_IO		0x3eff0000UL
#define PCI_SERIAL_VENDOR	0x1b36
#define PCI_SERIAL_DEVICE	0x0002
#define PCI_SERIAL_IO_BAR	0x1000
#define PCI_CMD_IO		0x0001

static volatile u32 last_irq = 1023;
static volatile u32 irq_count;
static volatile u64 irq_ticks;

static void on_irq(u32 intid)
{
	irq_ticks = timer_get_ticks();
	last_irq = intid;
	irq_count++;
	if (intid == TIMER_IRQ)
		timer_stop();
}

static void result(const char *name, bool ok, const char *why)
{
	if (ok)
		printk("selftest: %s: ok\n", name);
	else
		printk("selftest: %s: FAIL %s\n", name, why);
}

/* Wait until an interrupt arrived after @count, or WAIT_US passed. */
static bool wait_irq(u32 count)
{
	u64 end = timer_get_ticks() + timer_ns_to_ticks(WAIT_US * 1000);

	while (irq_count == count && timer_get_ticks() < end)
		cpu_relax();
	return irq_count != count;
}

static void test_sgi(void)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u32 count = irq_count;
	u64 sgi1r;

	gic_enable_irq(TEST_SGI);
	sgi1r = ((mpidr >> 32) & 0xff) << 48 | ((mpidr >> 16) & 0xff) << 32 |
		(u64)TEST_SGI << 24 | ((mpidr >> 8) & 0xff) << 16 |
		(1UL << (mpidr & 0xf));
	write_sysreg_s(S3_0_C12_C11_5, sgi1r);	/* ICC_SGI1R_EL1 */
	isb();
	result("sgi", wait_irq(count) && last_irq == TEST_SGI,
	       "SGI 3 to self not delivered");
}

static void test_spi(void)
{
	u32 count = irq_count;

	if (gic_enable_irq(TEST_SPI) < 0) {
		result("spi", false, "gic_enable_irq(40) failed");
		return;
	}
	mmio_write32(platform.gicd_base + GICD_ISPENDR + (TEST_SPI / 32) * 4,
		     1U << (TEST_SPI % 32));
	result("spi", wait_irq(count) && last_irq == TEST_SPI,
	       "pending SPI 40 not delivered");
}

static void test_timer_irq(void)
{
	u64 deadline = timer_get_ticks() + timer_ns_to_ticks(2000000);
	u32 count = irq_count;

	gic_enable_irq(TIMER_IRQ);
	timer_start_at(deadline);
	if (!wait_irq(count) || last_irq != TIMER_IRQ)
		result("timer-irq", false, "PPI 27 not delivered");
	else
		result("timer-irq", irq_ticks >= deadline,
		       "PPI 27 arrived before its deadline");
}

static void test_delay(void)
{
	u64 start = timer_get_ticks();
	u64 ns;

	delay_us(50000);
	ns = timer_ticks_to_ns(timer_get_ticks() - start);
	result("delay", ns >= 50000000 && ns < 5000000000ULL,
	       "delay_us(50000) not between 50 ms and 5 s");
}

static void test_conversions(void)
{
	u64 freq = timer_get_frequency();

	result("ticks-to-ns", freq && timer_ticks_to_ns(freq) == 1000000000 &&
	       timer_ns_to_ticks(1000000000) == freq &&
	       timer_ticks_to_ns(freq * 3600 * 24 * 365) ==
	       3600ULL * 24 * 365 * 1000000000,
	       "conversion of 1 s or one year of ticks is wrong");
}

static void test_format(void)
{
	char buf[80];

	snprintk(buf, sizeof(buf), "[%6lu|%-4d|%#x|%s|%c|%05d|%llx]",
		 9324UL, -7, 255, "ab", 'z', 42, 0x123456789abcdefULL);
	result("format", !strcmp(buf,
		"[  9324|-7  |0xff|ab|z|00042|123456789abcdef]"), buf);
}

static void test_cmdline(void)
{
	const char *cl = cmdline();

	result("cmdline", cmdline_u64(cl, "answer", 0) == 42 &&
	       cmdline_has(cl, "flag") && !cmdline_has(cl, "fla"),
	       "expected answer=0x2a and flag at 0x1000");
}

static void test_strings(void)
{
	char a[16], b[16];

	memset(a, 'x', sizeof(a));
	memcpy(a + 1, "unaligned", 10);
	memcpy(b, a + 1, 10);
	result("strings", a[0] == 'x' && !strcmp(b, "unaligned") &&
	       memcmp(a + 1, "unaligneD", 9) > 0 && strlen(a + 1) == 9 &&
	       a[11] == 'x', "memset/memcpy/memcmp/strlen mismatch");
}

/*
 * Find QEMU's pci-serial (a 16550 behind an I/O BAR), place its BAR, and
 * print one line through it with the 8250 driver (register distance 1,
 * divisor programmed). The host checks that the line arrived.
 */
static void test_8250(void)
{
	struct inmate_platform saved = platform;
	u32 bar;
	int bdf;

	platform.pci_mmconfig_base = QEMU_ECAM;
	bdf = pci_find_device(PCI_SERIAL_VENDOR, PCI_SERIAL_DEVICE, 0);
	if (bdf < 0) {
		platform = saved;
		result("pci-find", false, "no pci-serial (1b36:0002) on bus 0");
		return;
	}
	pci_write_config(bdf, PCI_CFG_BAR0, PCI_SERIAL_IO_BAR, 4);
	pci_write_config(bdf, PCI_CFG_COMMAND, PCI_CMD_IO, 2);
	bar = pci_read_config(bdf, PCI_CFG_BAR0, 4);
	result("pci-find", (bar & ~3U) == PCI_SERIAL_IO_BAR &&
	       (pci_read_config(bdf, PCI_CFG_COMMAND, 2) & PCI_CMD_IO),
	       "BAR0 or command register did not take the value written");

	platform.con_type = JAILHOUSE_CON_TYPE_8250;
	platform.con_base = QEMU_PCI_IO + PCI_SERIAL_IO_BAR;
	platform.con_flags = JAILHOUSE_CON_ACCESS_MMIO;
	platform.con_divider = 1;
	console_init();
	printk("selftest-8250: hello through the 8250 at 0x%lx\n",
	       (unsigned long)platform.con_base);
	platform = saved;
}

void inmate_main(void)
{
	test_format();
	test_cmdline();
	test_strings();
	test_conversions();
	test_delay();
	if (cmdline_has(cmdline(), "pci-serial"))
		test_8250();

	if (gic_init(on_irq) < 0) {
		result("gic-init", false, "gic_init failed");
	} else {
		result("gic-init", true, "");
		irq_enable();
		test_sgi();
		test_spi();
		test_timer_irq();
	}
	printk("selftest: done\n");
}
