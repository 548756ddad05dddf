// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 virtualization: physical interrupts are taken at EL2 and delivered
 * to the cell through the list registers (HW-linked, so the guest's
 * deactivation deactivates the physical interrupt); SGIs written to
 * ICC_SGI1R_EL1 are emulated inside the cell. This file: the CPU
 * interface, the physical interrupts, SGIs, bring-up and hand-over of a
 * CPU; gic-v3-mmio.c: the distributor and redistributor as cells see
 * them; gic-v3-cell.c: the interrupts a cell owns, the GIC's part of its
 * communication region and the frames no cell may map.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <jailhouse/hypercall.h>
#include <asm/gic.h>
#include "gic-v3.h"
#include <asm/spinlock.h>
#include <asm/sysregs.h>

u64 gicd_phys, gicr_phys;
unsigned int gicr_frames, maint_irq;
int gicr_owner[MAX_CPUS];
spinlock_t dist_lock;

#define RWP_POLLS		1000000

#define LR_STATE_PENDING	(1ULL << 62)
#define LR_STATE_ACTIVE		(2ULL << 62)
#define LR_STATE_MASK		(3ULL << 62)
#define LR_HW			BIT_ULL(61)
#define LR_GROUP1		BIT_ULL(60)
#define LR_PRIO_DEFAULT		(0xa0ULL << 48)
#define LR_PINTID_SHIFT		32

#define ICH_HCR_EN		BIT(0)
#define ICH_HCR_UIE		BIT(1)
#define ICC_CTLR_EOIMODE	BIT(1)

static u64 read_lr(unsigned int n)
{
	switch (n) {
	case 0: return read_sysreg_s("S3_4_C12_C12_0");
	case 1: return read_sysreg_s("S3_4_C12_C12_1");
	case 2: return read_sysreg_s("S3_4_C12_C12_2");
	case 3: return read_sysreg_s("S3_4_C12_C12_3");
	case 4: return read_sysreg_s("S3_4_C12_C12_4");
	case 5: return read_sysreg_s("S3_4_C12_C12_5");
	case 6: return read_sysreg_s("S3_4_C12_C12_6");
	case 7: return read_sysreg_s("S3_4_C12_C12_7");
	case 8: return read_sysreg_s("S3_4_C12_C13_0");
	case 9: return read_sysreg_s("S3_4_C12_C13_1");
	case 10: return read_sysreg_s("S3_4_C12_C13_2");
	case 11: return read_sysreg_s("S3_4_C12_C13_3");
	case 12: return read_sysreg_s("S3_4_C12_C13_4");
	case 13: return read_sysreg_s("S3_4_C12_C13_5");
	case 14: return read_sysreg_s("S3_4_C12_C13_6");
	default: return read_sysreg_s("S3_4_C12_C13_7");
	}
}

static void write_lr(unsigned int n, u64 v)
{
	switch (n) {
	case 0: write_sysreg_s(v, "S3_4_C12_C12_0"); break;
	case 1: write_sysreg_s(v, "S3_4_C12_C12_1"); break;
	case 2: write_sysreg_s(v, "S3_4_C12_C12_2"); break;
	case 3: write_sysreg_s(v, "S3_4_C12_C12_3"); break;
	case 4: write_sysreg_s(v, "S3_4_C12_C12_4"); break;
	case 5: write_sysreg_s(v, "S3_4_C12_C12_5"); break;
	case 6: write_sysreg_s(v, "S3_4_C12_C12_6"); break;
	case 7: write_sysreg_s(v, "S3_4_C12_C12_7"); break;
	case 8: write_sysreg_s(v, "S3_4_C12_C13_0"); break;
	case 9: write_sysreg_s(v, "S3_4_C12_C13_1"); break;
	case 10: write_sysreg_s(v, "S3_4_C12_C13_2"); break;
	case 11: write_sysreg_s(v, "S3_4_C12_C13_3"); break;
	case 12: write_sysreg_s(v, "S3_4_C12_C13_4"); break;
	case 13: write_sysreg_s(v, "S3_4_C12_C13_5"); break;
	case 14: write_sysreg_s(v, "S3_4_C12_C13_6"); break;
	default: write_sysreg_s(v, "S3_4_C12_C13_7"); break;
	}
}

static u64 mpidr_to_affinity(u64 mpidr)
{
	return (mpidr & 0xffffff) | (((mpidr >> 32) & 0xff) << 24);
}

struct per_cpu *gic_cpu_by_mpidr(u64 mpidr)
{
	unsigned int n;

	mpidr &= 0xff00ffffffULL;
	for (n = 0; n < MAX_CPUS; n++)
		if (per_cpu(n)->entered && per_cpu(n)->arch.mpidr == mpidr)
			return per_cpu(n);
	return NULL;
}

/* ---- physical SGIs ---- */

static u64 sgi1r_value(u64 mpidr, unsigned int sgi)
{
	u64 aff0 = mpidr & 0xff;

	return (1ULL << (aff0 % 16)) | (((mpidr >> 8) & 0xff) << 16) |
		((u64)sgi << 24) | (((mpidr >> 16) & 0xff) << 32) |
		((aff0 / 16) << 44) | (((mpidr >> 32) & 0xff) << 48);
}

static void send_sgi_mpidr(u64 mpidr, unsigned int sgi)
{
	dsb(ish);
	write_sysreg_s(sgi1r_value(mpidr, sgi), ICC_SGI1R_EL1);
	isb();
}

void gic_send_sgi(unsigned int cpu_id, unsigned int sgi)
{
	send_sgi_mpidr(per_cpu(cpu_id)->arch.mpidr, sgi);
}

/* ---- list registers and the pending queue ---- */

/* An SPI of the cell's virtual PCI host: no physical interrupt behind it. */
static bool virtual_spi(const struct cell *cell, unsigned int intid)
{
	const struct jailhouse_cell_desc *config = cell->config;

	return config->num_pci_devices &&
		intid >= arch_vpci_intx_irq(config, 1) &&
		intid <= arch_vpci_intx_irq(config, VPCI_INTX_PINS);
}

static bool lr_inject(struct per_cpu *cpu, unsigned int intid)
{
	u64 elrsr = read_sysreg_s(ICH_ELRSR_EL2);
	unsigned int n, free = ~0U;
	u64 lr;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		if (elrsr & BIT(n)) {
			if (free == ~0U)
				free = n;
			continue;
		}
		lr = read_lr(n);
		if ((u32)lr == intid && (lr & LR_STATE_PENDING))
			return true;	/* already pending */
	}
	if (free == ~0U)
		return false;
	lr = LR_STATE_PENDING | LR_GROUP1 | LR_PRIO_DEFAULT | intid;
	if (intid >= 16 && !virtual_spi(cpu->cell, intid))
		lr |= LR_HW | ((u64)intid << LR_PINTID_SHIFT);
	write_lr(free, lr);
	return true;
}

static void queue_irq_locked(struct per_cpu *cpu, unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < cpu->arch.num_pending; n++)
		if (cpu->arch.pending[n] == intid)
			break;
	if (n == cpu->arch.num_pending) {
		if (n < MAX_PENDING_IRQS)
			cpu->arch.pending[cpu->arch.num_pending++] = intid;
		else
			printk("CPU %u: virtual IRQ queue full, IRQ %u "
			       "dropped\n", cpu->cpu_id, intid);
	}
}

static void queue_irq(struct per_cpu *cpu, unsigned int intid)
{
	spin_lock(&cpu->arch.pending_lock);
	queue_irq_locked(cpu, intid);
	spin_unlock(&cpu->arch.pending_lock);
}

/* Move queued interrupts into free list registers (this CPU only). */
void gic_flush_pending(struct per_cpu *cpu)
{
	unsigned int n, kept = 0;
	u64 hcr;

	if (!cpu->entered)
		return;
	spin_lock(&cpu->arch.pending_lock);
	for (n = 0; n < cpu->arch.num_pending; n++)
		if (!lr_inject(cpu, cpu->arch.pending[n]))
			cpu->arch.pending[kept++] = cpu->arch.pending[n];
	cpu->arch.num_pending = kept;
	spin_unlock(&cpu->arch.pending_lock);

	hcr = read_sysreg_s(ICH_HCR_EL2);
	if (kept)
		hcr |= ICH_HCR_UIE;
	else
		hcr &= ~ICH_HCR_UIE;
	write_sysreg_s(hcr, ICH_HCR_EL2);
}

static void inject_local(struct per_cpu *cpu, unsigned int intid)
{
	if (!lr_inject(cpu, intid))
		queue_irq(cpu, intid);
}

/*
 * Set the bit of SPI @intid in the distributor's bit-per-interrupt
 * register bank at @reg (ICENABLER, ISPENDR...). Nothing else has bits
 * there: the bank of INTID n / 32 for an LPI or special INTID would be
 * another register (ICENABLER + 0x400 is IPRIORITYR).
 */
void gicd_set_spi_bit(u32 reg, unsigned int intid)
{
	if (gic_intid_kind(intid) == GIC_SPI)
		mmio_write32(gicd_phys + reg + (intid / 32) * 4,
			     BIT(intid % 32));
}

/*
 * The hypervisor neither uses nor virtualises the ITS: LPIs come only
 * from tables a cell must not program (gicr_access), or that Linux set
 * up before the hypervisor came. An LPI has no active state, so the
 * priority drop already done ends it; it is reported once.
 */
static void drop_unoffered(struct per_cpu *cpu, unsigned int intid,
			   enum gic_intid_kind kind)
{
	static bool lpi_reported, reserved_reported;
	bool *reported = kind == GIC_LPI ? &lpi_reported : &reserved_reported;

	if (kind != GIC_LPI)
		write_sysreg_s(intid, ICC_DIR_EL1);
	if (*reported)
		return;
	*reported = true;
	printk("CPU %u (cell \"%s\"): %s %u taken by the hypervisor, "
	       "which offers no %s to cells: dropped (reported once)\n",
	       cpu->cpu_id, cpu->cell->name,
	       kind == GIC_LPI ? "LPI" : "reserved INTID", intid,
	       kind == GIC_LPI ? "LPIs (no ITS)" : "INTIDs above 1019");
}

static void handle_sgi(struct per_cpu *cpu, unsigned int intid)
{
	write_sysreg_s(intid, ICC_DIR_EL1);
	if (intid == SGI_EVENT || intid == SGI_INJECT) {
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT]++;
	} else {
		/* from a CPU outside the hypervisor */
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_VSGI]++;
		inject_local(cpu, intid);
	}
}

/* One acknowledged interrupt, after its priority drop. */
static void handle_intid(struct per_cpu *cpu, unsigned int intid)
{
	enum gic_intid_kind kind = gic_intid_kind(intid);

	if (intid == maint_irq) {
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MAINTENANCE]++;
		write_sysreg_s(intid, ICC_DIR_EL1);
		/* underflow: gic_flush_pending refills on return */
	} else if (kind == GIC_SGI) {
		handle_sgi(cpu, intid);
	} else if (kind == GIC_LPI || kind == GIC_RESERVED) {
		drop_unoffered(cpu, intid, kind);
	} else if (kind == GIC_SPI && !gic_spi_owned(cpu->cell, intid)) {
		/* left enabled by a previous owner: silence it */
		write_sysreg_s(intid, ICC_DIR_EL1);
		gicd_set_spi_bit(GICD_ICENABLER, intid);
		printk("IRQ %u is not owned by cell \"%s\" (CPU %u): "
		       "disabled\n", intid, cpu->cell->name, cpu->cpu_id);
	} else {
		cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_VIRQ]++;
		inject_local(cpu, intid);
	}
}

void gic_handle_irq(struct per_cpu *cpu)
{
	unsigned int intid;
	u64 iar;

	for (;;) {
		iar = read_sysreg_s(ICC_IAR1_EL1);
		intid = iar & 0xffffff;
		if (gic_intid_kind(intid) == GIC_SPECIAL)
			break;	/* spurious: nothing acknowledged */
		/* priority drop; deactivation follows or by the guest */
		write_sysreg_s(iar, ICC_EOIR1_EL1);
		handle_intid(cpu, intid);
	}
}

/* ---- SGI emulation (ICC_SGI1R_EL1 writes of a cell) ---- */

/*
 * Make @intid pending on @target, from @cpu: in the list registers if it
 * is this CPU, else queued and kicked with SGI_INJECT while @target runs
 * under the hypervisor; while it runs Linux natively (root cell CPUs
 * during enable and disable) an SGI is sent to it physically if @native.
 * The target's pending lock orders this against it leaving
 * (gic_cpu_exit).
 */
static void deliver(struct per_cpu *cpu, struct per_cpu *target,
		    unsigned int intid, bool native)
{
	if (target == cpu) {
		inject_local(cpu, intid);
		return;
	}
	spin_lock(&target->arch.pending_lock);
	if (target->arch.virt_active) {
		queue_irq_locked(target, intid);
		send_sgi_mpidr(target->arch.mpidr, SGI_INJECT);
	} else if (native) {
		send_sgi_mpidr(target->arch.mpidr, intid);
	}
	spin_unlock(&target->arch.pending_lock);
}

/* SGI @sgi of @cpu's cell to @target (a CPU of the same cell) */
static void deliver_sgi(struct per_cpu *cpu, struct per_cpu *target,
			unsigned int sgi)
{
	deliver(cpu, target, sgi, cpu->cell == &root_cell);
}

/*
 * Virtual SPI of a cell's virtual PCI device: to the CPU its IROUTER names
 * if that CPU belongs to the cell, else to the cell's first CPU.
 */
void arch_inject_virq(struct cell *cell, unsigned int intid)
{
	struct per_cpu *target;
	u64 route = *(volatile u64 *)(gicd_phys + GICD_IROUTER + intid * 8);

	target = gic_cpu_by_mpidr(route);
	if (!target || target->cell != cell)
		target = per_cpu(cell_first_cpu(cell));
	deliver(this_cpu(), target, intid, false);
}

static struct per_cpu *known_cpu(u64 mpidr)
{
	unsigned int n;

	for (n = 0; n < MAX_CPUS; n++)
		if (per_cpu(n)->arch.mpidr_valid &&
		    per_cpu(n)->arch.mpidr == mpidr)
			return per_cpu(n);
	return NULL;
}

void gic_handle_sgir(struct per_cpu *cpu, u64 value)
{
	unsigned int sgi = (value >> 24) & 0xf, n, aff0;
	struct per_cpu *target;
	u64 mpidr;

	cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_VSGI]++;
	if (value & BIT_ULL(40)) {
		/* all other CPUs of the cell */
		for (n = 0; n < MAX_CPUS; n++) {
			target = per_cpu(n);
			if (target != cpu && cell_has_cpu(cpu->cell, n) &&
			    target->arch.mpidr_valid)
				deliver_sgi(cpu, target, sgi);
		}
		return;
	}
	for (aff0 = 0; aff0 < 16; aff0++) {
		if (!(value & BIT(aff0)))
			continue;
		mpidr = (((value >> 16) & 0xff) << 8) |
			(((value >> 32) & 0xff) << 16) |
			(((value >> 48) & 0xff) << 32) |
			((((value >> 44) & 0xf) * 16) + aff0);
		target = known_cpu(mpidr);
		if (target) {
			if (cell_has_cpu(cpu->cell, target->cpu_id))
				deliver_sgi(cpu, target, sgi);
		} else if (cpu->cell == &root_cell && num_cells == 1) {
			/* a root CPU that has not entered yet */
			send_sgi_mpidr(mpidr, sgi);
		}
	}
}

/* ---- setup ---- */

int gic_init(void)
{
	const struct jailhouse_system *sys = system_config;
	unsigned int n;
	u64 typer;
	int err;

	if (sys->platform_info.arm.gic_version != 3) {
		printk("GIC version %u not supported, expected 3\n",
		       sys->platform_info.arm.gic_version);
		return -ENODEV;
	}
	gicd_phys = sys->platform_info.arm.gicd_base;
	gicr_phys = sys->platform_info.arm.gicr_base;
	maint_irq = sys->platform_info.arm.maintenance_irq;
	err = arch_map_device(gicd_phys, GICD_SIZE);
	if (err)
		return err;
	for (n = 0; n < MAX_CPUS; n++)
		gicr_owner[n] = -1;
	for (gicr_frames = 0; gicr_frames < MAX_CPUS; gicr_frames++) {
		err = arch_map_device(gicr_phys +
				      gicr_frames * GICR_FRAME_SIZE,
				      GICR_FRAME_SIZE);
		if (err)
			return err;
		typer = *(volatile u64 *)(gicr_phys +
					  gicr_frames * GICR_FRAME_SIZE +
					  GICR_TYPER);
		if (typer & GICR_TYPER_LAST) {
			gicr_frames++;
			break;
		}
	}
	printk("GICv3: distributor 0x%llx, %u redistributors at 0x%llx, "
	       "maintenance IRQ %u\n", gicd_phys, gicr_frames, gicr_phys,
	       maint_irq);
	return 0;
}

static int find_redist(struct per_cpu *cpu)
{
	u64 aff = mpidr_to_affinity(cpu->arch.mpidr), typer;
	unsigned int n;

	for (n = 0; n < gicr_frames; n++) {
		typer = *(volatile u64 *)(gicr_phys + n * GICR_FRAME_SIZE +
					  GICR_TYPER);
		if ((typer >> 32) == aff) {
			cpu->arch.gicr = (void *)(gicr_phys +
						  n * GICR_FRAME_SIZE);
			gicr_owner[n] = cpu->cpu_id;
			return 0;
		}
	}
	printk("CPU %u: no redistributor for MPIDR 0x%llx\n", cpu->cpu_id,
	       cpu->arch.mpidr);
	return -ENODEV;
}

/* Active priorities: 1, 2 or 4 registers per group (ICH_VTR_EL2.PREbits) */
static void clear_aprs(void)
{
	unsigned int pre = ((read_sysreg_s(ICH_VTR_EL2) >> 26) & 7) + 1;

	write_sysreg_s(0, ICH_AP0R0_EL2);
	write_sysreg_s(0, ICH_AP1R0_EL2);
	if (pre < 6)
		return;
	write_sysreg_s(0, "S3_4_C12_C8_1");
	write_sysreg_s(0, "S3_4_C12_C9_1");
	if (pre < 7)
		return;
	write_sysreg_s(0, "S3_4_C12_C8_2");
	write_sysreg_s(0, "S3_4_C12_C9_2");
	write_sysreg_s(0, "S3_4_C12_C8_3");
	write_sysreg_s(0, "S3_4_C12_C9_3");
}

static void clear_lrs(struct per_cpu *cpu)
{
	unsigned int n;

	for (n = 0; n < cpu->arch.num_lrs; n++)
		write_lr(n, 0);
	clear_aprs();
	cpu->arch.num_pending = 0;
}

/*
 * The SGI/PPI configuration Linux set up before the hypervisor came: what
 * a CPU's private interrupts return to whenever it leaves a cell.
 */
static void save_private_config(struct per_cpu *cpu)
{
	u64 sgi_base = (u64)cpu->arch.gicr + GICR_SGI_BASE;
	struct gicr_private *p = &cpu->arch.private_irqs;
	unsigned int n;

	p->igroupr0 = mmio_read32(sgi_base + GICR_IGROUPR0);
	p->igrpmodr0 = mmio_read32(sgi_base + GICR_IGRPMODR0);
	p->icfgr1 = mmio_read32(sgi_base + GICR_ICFGR1);
	for (n = 0; n < 8; n++)
		p->ipriorityr[n] = mmio_read32(sgi_base + GICR_IPRIORITYR0 +
					       n * 4);
}

int gic_cpu_init(struct per_cpu *cpu)
{
	u64 pmr, ctlr, vmcr, sgi_base;
	int err;

	err = find_redist(cpu);
	if (err)
		return err;
	cpu->arch.num_lrs = (read_sysreg_s(ICH_VTR_EL2) & 0xf) + 1;
	clear_lrs(cpu);
	save_private_config(cpu);

	/* the guest's CPU interface state moves to the virtual one */
	pmr = read_sysreg_s(ICC_PMR_EL1);
	ctlr = read_sysreg_s(ICC_CTLR_EL1);
	cpu->arch.saved.icc_pmr = pmr;
	cpu->arch.saved.icc_ctlr = ctlr;
	cpu->arch.saved.ich_hcr = read_sysreg_s(ICH_HCR_EL2);
	vmcr = ((pmr & 0xff) << 24) |
		((read_sysreg_s(ICC_BPR0_EL1) & 7) << 21) |
		((read_sysreg_s(ICC_BPR1_EL1) & 7) << 18) |
		(((ctlr >> 1) & 1) << 9) | ((ctlr & 1) << 4) |
		((read_sysreg_s(ICC_IGRPEN1_EL1) & 1) << 1) |
		(read_sysreg_s(ICC_IGRPEN0_EL1) & 1);
	write_sysreg_s(vmcr, ICH_VMCR_EL2);

	/* physical interface: split priority drop / deactivation */
	write_sysreg_s(ctlr | ICC_CTLR_EOIMODE, ICC_CTLR_EL1);
	write_sysreg_s(0xf0, ICC_PMR_EL1);
	write_sysreg_s(ICH_HCR_EN, ICH_HCR_EL2);
	isb();
	spin_lock(&cpu->arch.pending_lock);
	cpu->arch.virt_active = true;
	spin_unlock(&cpu->arch.pending_lock);

	sgi_base = (u64)cpu->arch.gicr + GICR_SGI_BASE;
	mmio_write32(sgi_base + GICR_ISENABLER0,
		     BIT(SGI_INJECT) | BIT(SGI_EVENT) | BIT(maint_irq));
	return 0;
}


static void repend_physical(struct per_cpu *cpu, unsigned int intid)
{
	if (intid < 16)
		send_sgi_mpidr(cpu->arch.mpidr, intid);
	else if (intid < 32)
		mmio_write32((u64)cpu->arch.gicr + GICR_SGI_BASE +
			     GICR_ISPENDR0, BIT(intid));
	else
		gicd_set_spi_bit(GICD_ISPENDR, intid);
}

/*
 * Give the interrupts held in list registers and in the queue back to the
 * physical GIC: deactivate the HW-linked ones and, if the same OS goes on
 * running natively (@keep), make the pending ones pending again.
 */
static void release_virtual_irqs(struct per_cpu *cpu, bool keep)
{
	unsigned int n, intid;
	u64 lr;

	for (n = 0; n < cpu->arch.num_lrs; n++) {
		lr = read_lr(n);
		intid = (u32)lr;
		if (!(lr & LR_STATE_MASK))
			continue;
		if (lr & LR_HW)
			write_sysreg_s(intid, ICC_DIR_EL1);
		else if (intid >= 16)
			continue;	/* virtual: dies with the guest */
		if ((lr & LR_STATE_PENDING) && keep)
			repend_physical(cpu, intid);
	}
	for (n = 0; n < cpu->arch.num_pending; n++) {
		intid = cpu->arch.pending[n];
		if (virtual_spi(cpu->cell, intid))
			continue;
		if (intid >= 16)
			write_sysreg_s(intid, ICC_DIR_EL1);
		if (keep)
			repend_physical(cpu, intid);
	}
	clear_lrs(cpu);
}

/*
 * The CPU is turned off or restarted (PSCI, cell management): nothing the
 * old software held may stay active, nothing of it is delivered to the
 * next; it starts from a reset virtual interface.
 */
void gic_cpu_park(struct per_cpu *cpu)
{
	spin_lock(&cpu->arch.pending_lock);
	release_virtual_irqs(cpu, false);
	spin_unlock(&cpu->arch.pending_lock);
	write_sysreg_s(0, ICH_VMCR_EL2);
	write_sysreg_s(ICH_HCR_EN, ICH_HCR_EL2);
	isb();
}

static u32 hv_private_irqs(void)
{
	return BIT(SGI_INJECT) | BIT(SGI_EVENT) | BIT(maint_irq);
}

/* @keep: one bit per interrupt; @bits: width of an interrupt's field */
static u32 field_mask(u32 keep, unsigned int first, unsigned int bits)
{
	unsigned int n, count = 32 / bits;
	u32 field = (1U << bits) - 1, mask = 0;

	for (n = 0; n < count; n++)
		if (keep & BIT(first + n))
			mask |= field << (n * bits);
	return mask;
}

static void restore_reg(u64 addr, u32 value, u32 keep)
{
	mmio_write32(addr, (mmio_read32(addr) & keep) | (value & ~keep));
}

static void wait_rwp(struct per_cpu *cpu)
{
	unsigned int n;

	for (n = 0; n < RWP_POLLS; n++)
		if (!(mmio_read32((u64)cpu->arch.gicr) & GICR_CTLR_RWP))
			return;
	printk("CPU %u: redistributor 0x%llx still busy (GICR_CTLR.RWP) "
	       "after an SGI/PPI reset\n", cpu->cpu_id,
	       (u64)cpu->arch.gicr);
}

/*
 * The CPU leaves its cell (parked): every SGI and PPI the cell could
 * change goes back to a defined state, disabled, not pending, not active,
 * with the group, priority and trigger configuration Linux had when the
 * hypervisor was enabled. The hypervisor's SGIs and maintenance PPI stay
 * as they are. GICR_CTLR, GICR_WAKER and the LPI registers are never
 * written by cells (gicr_access), so there is nothing to undo there.
 */
void gic_cpu_reset_private(struct per_cpu *cpu)
{
	u64 sgi_base = (u64)cpu->arch.gicr + GICR_SGI_BASE;
	struct gicr_private *p = &cpu->arch.private_irqs;
	u32 keep = hv_private_irqs();
	unsigned int n;

	mmio_write32(sgi_base + GICR_ICENABLER0, ~keep);
	wait_rwp(cpu);
	mmio_write32(sgi_base + GICR_ICACTIVER0, ~keep);
	mmio_write32(sgi_base + GICR_ICPENDR0, ~keep);
	/* against read-modify-writes of the cell's other CPUs (gicr_access) */
	spin_lock(&dist_lock);
	restore_reg(sgi_base + GICR_IGROUPR0, p->igroupr0, keep);
	restore_reg(sgi_base + GICR_IGRPMODR0, p->igrpmodr0, keep);
	restore_reg(sgi_base + GICR_ICFGR1, p->icfgr1,
		    field_mask(keep, 16, 2));
	for (n = 0; n < 8; n++)
		restore_reg(sgi_base + GICR_IPRIORITYR0 + n * 4,
			    p->ipriorityr[n], field_mask(keep, n * 4, 8));
	spin_unlock(&dist_lock);
	dsb(sy);
}

/* Hand the CPU interface back to Linux without losing interrupts. */
void gic_cpu_exit(struct per_cpu *cpu)
{
	u64 vmcr = read_sysreg_s(ICH_VMCR_EL2), sgi_base;

	/* from now on, others send this CPU physical SGIs */
	spin_lock(&cpu->arch.pending_lock);
	cpu->arch.virt_active = false;
	spin_unlock(&cpu->arch.pending_lock);
	write_sysreg_s(0, ICH_HCR_EL2);
	isb();
	release_virtual_irqs(cpu, true);

	sgi_base = (u64)cpu->arch.gicr + GICR_SGI_BASE;
	mmio_write32(sgi_base + GICR_ICENABLER0, BIT(maint_irq));
	mmio_write32(sgi_base + GICR_ICPENDR0,
		     BIT(SGI_INJECT) | BIT(SGI_EVENT));

	write_sysreg_s((vmcr >> 24) & 0xff, ICC_PMR_EL1);
	write_sysreg_s((vmcr >> 18) & 7, ICC_BPR1_EL1);
	write_sysreg_s((cpu->arch.saved.icc_ctlr & ~ICC_CTLR_EOIMODE) |
		       (((vmcr >> 9) & 1) << 1), ICC_CTLR_EL1);
	write_sysreg_s((vmcr >> 1) & 1, ICC_IGRPEN1_EL1);
	isb();
}
