// SPDX-License-Identifier: MIT
/*
 * GICv3 for one CPU: distributor, this CPU's redistributor (found by
 * comparing GICR_TYPER affinity with MPIDR_EL1) and the system register
 * CPU interface. All interrupts are non-secure Group 1.
 *
 * Under the hypervisor the distributor is already enabled by the root cell
 * and is only read here; it is written only on a bare machine.
 */
#include <inmate.h>

#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_IPRIORITYR		0x0400
#define GICD_IROUTER		0x6000
#define GICD_CTLR_G1		(1 << 1)
#define GICD_CTLR_ARE		(1 << 4)
#define GICD_CTLR_RWP		(1U << 31)

#define GICR_FRAME_SIZE		0x10000
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_TYPER_VLPIS	(1 << 1)
#define GICR_TYPER_LAST		(1 << 4)
#define GICR_WAKER_SLEEP	(1 << 1)
#define GICR_WAKER_ASLEEP	(1 << 2)
#define GICR_MAX_FRAMES		512

/* In the SGI_base frame that follows RD_base. */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_IPRIORITYR		0x0400

#define IRQ_PRIORITY		0xa0
#define ICC_IAR_SPURIOUS	1020
#define POLL_LIMIT		1000000

static u64 gicd;
static u64 gicr;		/* RD_base of this CPU */
static u32 max_intid;
static irq_handler_t irq_handler;

static u32 mpidr_affinity(void)
{
	u64 mpidr = read_sysreg(mpidr_el1);

	return (mpidr & 0xffffff) | (((mpidr >> 32) & 0xff) << 24);
}

static int wait_bits_clear(u64 addr, u32 mask, const char *what)
{
	unsigned int n;

	for (n = 0; n < POLL_LIMIT; n++) {
		if (!(mmio_read32(addr) & mask))
			return 0;
		cpu_relax();
	}
	printk("gic: timeout waiting for %s (register 0x%lx = 0x%x)\n",
	       what, (unsigned long)addr, mmio_read32(addr));
	return -ETIMEDOUT;
}

static int distributor_init(void)
{
	u32 ctlr = mmio_read32(gicd + GICD_CTLR);
	u32 want = GICD_CTLR_ARE | GICD_CTLR_G1;

	max_intid = ((mmio_read32(gicd + GICD_TYPER) & 0x1f) + 1) * 32 - 1;
	if (max_intid > 1019)
		max_intid = 1019;
	if ((ctlr & want) == want)
		return 0;
	mmio_write32(gicd + GICD_CTLR, ctlr | want);
	return wait_bits_clear(gicd + GICD_CTLR, GICD_CTLR_RWP,
			       "GICD_CTLR.RWP");
}

static int redistributor_find(void)
{
	u32 aff = mpidr_affinity();
	u64 frame = platform.gicr_base;
	unsigned int n;

	for (n = 0; n < GICR_MAX_FRAMES; n++) {
		u32 typer_lo = mmio_read32(frame + GICR_TYPER);
		u32 typer_hi = mmio_read32(frame + GICR_TYPER + 4);

		if (typer_hi == aff) {
			gicr = frame;
			return 0;
		}
		if (typer_lo & GICR_TYPER_LAST)
			break;
		frame += (typer_lo & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME_SIZE :
							 2 * GICR_FRAME_SIZE;
	}
	printk("gic: no redistributor for affinity 0x%x (searched from 0x%lx)\n",
	       aff, (unsigned long)platform.gicr_base);
	return -ENODEV;
}

static int redistributor_wake(void)
{
	u32 waker = mmio_read32(gicr + GICR_WAKER);

	if (!(waker & GICR_WAKER_SLEEP))
		return 0;
	mmio_write32(gicr + GICR_WAKER, waker & ~GICR_WAKER_SLEEP);
	return wait_bits_clear(gicr + GICR_WAKER, GICR_WAKER_ASLEEP,
			       "GICR_WAKER.ChildrenAsleep");
}

static int cpu_interface_init(void)
{
	u64 sre = read_sysreg_s(ICC_SRE_EL1);

	if (!(sre & ICC_SRE_SRE)) {
		write_sysreg_s(ICC_SRE_EL1, sre | ICC_SRE_SRE);
		isb();
		if (!(read_sysreg_s(ICC_SRE_EL1) & ICC_SRE_SRE)) {
			printk("gic: ICC_SRE_EL1.SRE stays 0: no system register access to the CPU interface\n");
			return -ENODEV;
		}
	}
	write_sysreg_s(ICC_PMR_EL1, 0xf0);
	write_sysreg_s(ICC_BPR1_EL1, 0);
	write_sysreg_s(ICC_CTLR_EL1, 0);
	write_sysreg_s(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

int gic_init(irq_handler_t handler)
{
	int err;

	if (platform.gic_version && platform.gic_version != 3) {
		printk("gic: GIC version %u reported, only GICv3 is supported\n",
		       platform.gic_version);
		return -ENODEV;
	}
	gicd = platform.gicd_base;
	irq_handler = handler;

	err = distributor_init();
	if (!err)
		err = redistributor_find();
	if (!err)
		err = redistributor_wake();
	if (!err)
		err = cpu_interface_init();
	return err;
}

/* Set bit @intid % 32 in the 32-bit register at @reg unless already set. */
static void set_bit32(u64 reg, u32 intid)
{
	u32 val = mmio_read32(reg);

	if (!(val & (1U << (intid % 32))))
		mmio_write32(reg, val | (1U << (intid % 32)));
}

static void set_priority(u64 base, u32 intid)
{
	u64 reg = base + (intid & ~3U);
	unsigned int shift = (intid % 4) * 8;
	u32 val = mmio_read32(reg);

	val &= ~(0xffU << shift);
	mmio_write32(reg, val | (IRQ_PRIORITY << shift));
}

int gic_enable_irq(u32 intid)
{
	u64 sgi = gicr + GICR_FRAME_SIZE;
	u32 aff;

	if (!gicr || intid > max_intid) {
		printk("gic: cannot enable interrupt %u (%s)\n", intid,
		       gicr ? "beyond GICD_TYPER range" : "GIC not set up");
		return -EINVAL;
	}
	if (intid < 32) {
		set_bit32(sgi + GICR_IGROUPR0, intid);
		set_priority(sgi + GICR_IPRIORITYR, intid);
		mmio_write32(sgi + GICR_ISENABLER0, 1U << intid);
		return 0;
	}

	aff = mpidr_affinity();
	set_bit32(gicd + GICD_IGROUPR + (intid / 32) * 4, intid);
	set_priority(gicd + GICD_IPRIORITYR, intid);
	mmio_write32(gicd + GICD_IROUTER + intid * 8, aff & 0xffffff);
	mmio_write32(gicd + GICD_IROUTER + intid * 8 + 4, aff >> 24);
	mmio_write32(gicd + GICD_ISENABLER + (intid / 32) * 4,
		     1U << (intid % 32));
	return 0;
}

void gic_handle_irq(void)
{
	for (;;) {
		u32 intid = read_sysreg_s(ICC_IAR1_EL1) & 0xffffff;

		if (intid >= ICC_IAR_SPURIOUS && intid <= 1023)
			break;
		if (irq_handler)
			irq_handler(intid);
		else
			printk("gic: unhandled interrupt %u\n", intid);
		write_sysreg_s(ICC_EOIR1_EL1, intid);
		isb();
	}
}
