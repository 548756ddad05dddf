// SPDX-License-Identifier: GPL-2.0
/*
 * EL2 stage-1 and stage-2 descriptor formats for the generic paging code,
 * EL2 MMU enable, stage-2 activation and cache maintenance.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <asm/mmu.h>
#include <asm/spinlock.h>
#include <asm/sysregs.h>

#define PTE_VALID	BIT(0)
#define PTE_TABLE	(BIT(0) | BIT(1))
#define PTE_PAGE	(BIT(0) | BIT(1))
#define PTE_BLOCK	BIT(0)
#define PTE_AF		BIT(10)
#define PTE_SH_INNER	(3UL << 8)
#define PTE_XN		BIT_ULL(54)
#define PTE_ADDR	0x0000fffffffff000ULL

/* EL2 stage 1: MAIR index 1 device nGnRE, index 2 normal write-back */
#define S1_ATTR_DEVICE	(1UL << 2)
#define S1_ATTR_NORMAL	(2UL << 2)
#define S1_AP_RO	BIT(7)
#define MAIR_VALUE	(0x00UL | (0x04UL << 8) | (0xffUL << 16))

/* stage 2 */
#define S2_MEMATTR_DEVICE	(0x1UL << 2)
#define S2_MEMATTR_NORMAL	(0xfUL << 2)
#define S2_AP_READ		BIT(6)
#define S2_AP_WRITE		BIT(7)

#define TCR_EL2_RES1	(BIT(31) | BIT(23))
#define TCR_T0SZ(n)	(n)
#define TCR_IRGN_WBWA	(1UL << 8)
#define TCR_ORGN_WBWA	(1UL << 10)
#define TCR_SH_INNER	(3UL << 12)
#define VTCR_RES1	BIT(31)
#define VTCR_SL0_L1	(1UL << 6)

static u64 pa_bits_field(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return min(parange, 2ULL);	/* up to 40 bits */
}

static pte_t block_bits(unsigned int level)
{
	return level == 3 ? PTE_PAGE : PTE_BLOCK;
}

static pte_t s1_leaf(u64 phys, unsigned long flags, unsigned int level)
{
	pte_t pte = (phys & PTE_ADDR) | block_bits(level) | PTE_AF;

	if (flags & PAGING_DEVICE)
		pte |= S1_ATTR_DEVICE | PTE_XN;
	else
		pte |= S1_ATTR_NORMAL | PTE_SH_INNER;
	if (!(flags & PAGING_WRITE))
		pte |= S1_AP_RO;
	if (!(flags & PAGING_EXEC))
		pte |= PTE_XN;
	return pte;
}

static unsigned long s1_flags(pte_t pte)
{
	unsigned long flags = PAGING_READ;

	if ((pte & (7UL << 2)) == S1_ATTR_DEVICE)
		flags |= PAGING_DEVICE;
	if (!(pte & S1_AP_RO))
		flags |= PAGING_WRITE;
	if (!(pte & PTE_XN))
		flags |= PAGING_EXEC;
	return flags;
}

static pte_t s2_leaf(u64 phys, unsigned long flags, unsigned int level)
{
	pte_t pte = (phys & PTE_ADDR) | block_bits(level) | PTE_AF;

	if (flags & PAGING_DEVICE)
		pte |= S2_MEMATTR_DEVICE | PTE_XN;
	else
		pte |= S2_MEMATTR_NORMAL | PTE_SH_INNER;
	if (flags & PAGING_READ)
		pte |= S2_AP_READ;
	if (flags & PAGING_WRITE)
		pte |= S2_AP_WRITE;
	if (!(flags & PAGING_EXEC))
		pte |= PTE_XN;
	return pte;
}

static unsigned long s2_flags(pte_t pte)
{
	unsigned long flags = 0;

	if ((pte & (0xfUL << 2)) == S2_MEMATTR_DEVICE)
		flags |= PAGING_DEVICE;
	if (pte & S2_AP_READ)
		flags |= PAGING_READ;
	if (pte & S2_AP_WRITE)
		flags |= PAGING_WRITE;
	if (!(pte & PTE_XN))
		flags |= PAGING_EXEC;
	return flags;
}

static pte_t table(u64 phys)
{
	return (phys & PTE_ADDR) | PTE_TABLE;
}

static bool is_valid(pte_t pte)
{
	return pte & PTE_VALID;
}

static bool is_table(pte_t pte, unsigned int level)
{
	return level < 3 && (pte & 3) == 3;
}

static u64 pte_phys(pte_t pte)
{
	return pte & PTE_ADDR;
}

const struct paging_format arch_hv_paging_format = {
	.leaf = s1_leaf, .table = table, .is_valid = is_valid,
	.is_table = is_table, .phys = pte_phys, .flags = s1_flags,
};

const struct paging_format arch_stage2_format = {
	.leaf = s2_leaf, .table = table, .is_valid = is_valid,
	.is_table = is_table, .phys = pte_phys, .flags = s2_flags,
};

void arch_paging_sync(void)
{
	dsb(ishst);
}

static unsigned int dcache_line(void)
{
	return 4 << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

void dcache_inval_range(u64 start, u64 size)
{
	unsigned int line = dcache_line();
	u64 addr;

	for (addr = start & ~(u64)(line - 1); addr < start + size;
	     addr += line)
		asm volatile("dc ivac, %0" : : "r" (addr) : "memory");
	dsb(sy);
}

void arch_dcache_flush(const volatile void *addr, unsigned long size)
{
	unsigned int line = dcache_line();
	u64 start = (u64)addr, a;

	for (a = start & ~(u64)(line - 1); a < start + size; a += line)
		asm volatile("dc civac, %0" : : "r" (a) : "memory");
	dsb(sy);
}

/* Turn on the EL2 MMU with identity tables: addresses do not change. */
void el2_mmu_enable(u64 ttbr)
{
	write_sysreg(MAIR_VALUE, mair_el2);
	write_sysreg(TCR_EL2_RES1 | TCR_T0SZ(25) | TCR_IRGN_WBWA |
		     TCR_ORGN_WBWA | TCR_SH_INNER | (pa_bits_field() << 16),
		     tcr_el2);
	write_sysreg(ttbr, ttbr0_el2);
	isb();
	asm volatile("tlbi alle2" ::: "memory");
	dsb(sy);
	isb();
	write_sysreg(SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C |
		     SCTLR_EL2_I | SCTLR_EL2_SA, sctlr_el2);
	isb();
}

void stage2_enable(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	write_sysreg(VTCR_RES1 | TCR_T0SZ(24) | VTCR_SL0_L1 | TCR_IRGN_WBWA |
		     TCR_ORGN_WBWA | TCR_SH_INNER | (pa_bits_field() << 16),
		     vtcr_el2);
	write_sysreg((u64)cell->stage2.root | ((u64)cell->id << 48),
		     vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1" ::: "memory");
	dsb(nsh);
	isb();
}

void stage2_disable(struct per_cpu *cpu)
{
	asm volatile("tlbi vmalls12e1" ::: "memory");
	dsb(nsh);
	isb();
}

int arch_map_region(struct cell *cell, u64 phys, u64 virt, u64 size,
		    unsigned long flags)
{
	return paging_map(&cell->stage2, phys, virt, size, flags);
}

int arch_unmap_region(struct cell *cell, u64 virt, u64 size)
{
	int err = paging_unmap(&cell->stage2, virt, size);

	arch_flush_cell_tlb(cell);
	return err;
}

void arch_flush_cell_tlb(struct cell *cell)
{
	u64 saved = read_sysreg(vttbr_el2);

	/* invalidate by VMID: switch VMID, flush inner shareable, restore */
	write_sysreg((u64)cell->stage2.root | ((u64)cell->id << 48),
		     vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	write_sysreg(saved, vttbr_el2);
	isb();
}

extern struct paging hv_paging;
extern spinlock_t hv_paging_lock;	/* setup.c */

int arch_map_device(u64 phys, u64 size)
{
	int err;

	spin_lock(&hv_paging_lock);
	err = paging_map(&hv_paging, phys & PAGE_MASK, phys & PAGE_MASK,
			 PAGE_ALIGN(size + (phys & ~PAGE_MASK)),
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	spin_unlock(&hv_paging_lock);
	dsb(ishst);
	asm volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
	return err;
}

/*
 * A private EL2 window for cache maintenance of memory the hypervisor
 * does not map: above every physical address of the supported boards and
 * inside the 39-bit EL2 address space, so it never replaces an identity
 * mapping (the hypervisor's own, a device, a temporary one).
 */
#define FLUSH_WINDOW		0x7000000000ULL
#define FLUSH_WINDOW_SIZE	(1ULL << 30)

static spinlock_t flush_window_lock;

static void flush_window_sync(void)
{
	dsb(ishst);
	asm volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

int arch_dcache_flush_phys(u64 phys, u64 size)
{
	u64 off, len, virt;
	int err = 0;

	spin_lock(&flush_window_lock);
	while (size) {
		off = phys & (FLUSH_WINDOW_SIZE - 1);
		len = size < FLUSH_WINDOW_SIZE - off ? size :
			FLUSH_WINDOW_SIZE - off;
		virt = FLUSH_WINDOW + off;
		spin_lock(&hv_paging_lock);
		err = paging_map(&hv_paging, phys, virt, len,
				 PAGING_READ | PAGING_WRITE);
		spin_unlock(&hv_paging_lock);
		flush_window_sync();
		if (!err)
			arch_dcache_flush((void *)virt, len);
		spin_lock(&hv_paging_lock);
		paging_unmap(&hv_paging, virt, len);
		spin_unlock(&hv_paging_lock);
		flush_window_sync();
		if (err)
			break;
		phys += len;
		size -= len;
	}
	spin_unlock(&flush_window_lock);
	return err;
}
