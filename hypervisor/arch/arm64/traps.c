// SPDX-License-Identifier: GPL-2.0
/*
 * Exit handling: decodes the exception syndrome of every trap from the
 * guest and dispatches to hypercalls, PSCI/SMCCC, MMIO emulation, the SGI
 * register emulation or the fault report.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/reset.h>
#include <asm/spinlock.h>
#include <asm/sysregs.h>
#include <asm/trap.h>
#include <jailhouse/hypercall.h>

/* ESR ISS encoding of the ICC SGI generation registers */
#define ISS_ICC_SGI1R		SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R		SYSREG_ISS(3, 0, 12, 11, 6)
#define ISS_ICC_SGI0R		SYSREG_ISS(3, 0, 12, 11, 7)

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "unknown instruction";
	case EC_WFX:
		return "WFI/WFE";
	case EC_HVC64:
		return "HVC";
	case EC_SMC64:
		return "SMC";
	case EC_SYSREG:
		return "system register access";
	case EC_IABT_LOW:
		return "instruction abort";
	case EC_DABT_LOW:
		return "data abort";
	default:
		return "unhandled exception";
	}
}

static void fault(struct per_cpu *cpu, struct trap_frame *frame, u64 esr,
		  u64 address, bool is_write, unsigned int size,
		  const char *what)
{
	struct fault_report r = {
		.what = what ? what : ec_name(ESR_EC(esr)),
		.arch = { .ec = ESR_EC(esr), .syndrome = esr },
		.address = address,
		.pc = frame->elr,
		.is_write = is_write,
		.size = size,
	};

	cell_fault(cpu, frame, &r);
}

static u64 fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) & 0xffffffffff0ULL) << 8) |
		(read_sysreg(far_el2) & 0xfff);
}

/* The guest's stack pointer: SPSR.M[0] selects SP_EL1 over SP_EL0. */
static u64 guest_sp(const struct trap_frame *frame)
{
	if (!(frame->spsr & 1))
		return read_sysreg(sp_el0);
	return read_sysreg(sp_el1);
}

/*
 * Translate the guest virtual address @va with the trapped CPU's EL1
 * regime: stage 1 only (@both false: the IPA) or both stages (the PA).
 * ~0 if it does not translate. PAR_EL1 is the guest's: kept as it was.
 */
static u64 guest_translate(u64 va, bool both)
{
	u64 saved = read_sysreg(par_el1), par;

	if (both)
		asm volatile("at s12e1r, %0" : : "r" (va));
	else
		asm volatile("at s1e1r, %0" : : "r" (va));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(saved, par_el1);
	if (par & 1)
		return ~0ULL;
	return (par & 0xfffffffff000ULL) | (va & 0xfff);
}

static spinlock_t insn_lock;

/* The instruction at the guest's PC, false if it cannot be read. */
static bool guest_insn(const struct trap_frame *frame, u32 *insn)
{
	u64 pa = guest_translate(frame->elr, true), page = pa & PAGE_MASK;
	bool mapped;

	if (pa == ~0ULL || (pa & 3) ||
	    jailhouse_ranges_overlap(page, PAGE_SIZE, hv_phys_base, hv_size))
		return false;
	/* two CPUs of a cell may fault in the same page at once */
	spin_lock(&insn_lock);
	mapped = !arch_map_hv_memory(page, PAGE_SIZE);
	if (mapped) {
		*insn = *(volatile u32 *)pa;
		arch_unmap_hv_memory(page, PAGE_SIZE);
	}
	spin_unlock(&insn_lock);
	return mapped;
}

static u64 guest_reg(const struct trap_frame *frame, unsigned int n,
		     bool sp)
{
	if (n == 31)
		return sp ? guest_sp(frame) : 0;
	return frame->x[n];
}

/*
 * The virtual address a single-register load/store @insn accesses (the
 * forms that report a syndrome: unsigned offset, unscaled offset,
 * register offset, exclusive/ordered), false for other forms.
 */
static bool insn_address(const struct trap_frame *frame, u32 insn, u64 *va)
{
	u64 base = guest_reg(frame, (insn >> 5) & 0x1f, true), off;
	unsigned int size = insn >> 30, option = (insn >> 13) & 7;
	s64 imm9;

	if ((insn & 0x3f000000) == 0x08000000) {	/* exclusive, ordered */
		*va = base;
		return true;
	}
	if ((insn & 0x3b000000) == 0x39000000) {	/* unsigned imm12 */
		*va = base + ((u64)((insn >> 10) & 0xfff) << size);
		return true;
	}
	if ((insn & 0x3b200c00) == 0x38000000) {	/* unscaled imm9 */
		imm9 = (s64)((u64)((insn >> 12) & 0x1ff) << 55) >> 55;
		*va = base + imm9;
		return true;
	}
	if ((insn & 0x3b200c00) == 0x38200800) {	/* register offset */
		off = guest_reg(frame, (insn >> 16) & 0x1f, false);
		if (!(option & 1))
			off = option & 4 ? (u64)(s64)(s32)off : (u32)off;
		if (insn & BIT(12))
			off <<= size;
		*va = base + off;
		return true;
	}
	return false;
}

/*
 * FAR and HPFAR name the page that faulted. An access that straddles a
 * page boundary into an unmapped page faults in its second page: report
 * the address the access starts at, read from the instruction.
 */
static u64 access_address(const struct trap_frame *frame, u64 ipa,
			  unsigned int size)
{
	u64 far = read_sysreg(far_el2), va, start;
	u32 insn;

	if (!guest_insn(frame, &insn) || !insn_address(frame, insn, &va) ||
	    far < va || far >= va + size ||
	    (va & ~PAGE_MASK) + size <= PAGE_SIZE)
		return ipa;
	start = guest_translate(va, false);
	return start == ~0ULL ? ipa : start;
}

/* Why an access without a valid syndrome (ISV=0) cannot be emulated. */
static const char *no_syndrome_reason(const struct trap_frame *frame,
				      unsigned int *size)
{
	u32 insn;

	*size = 0;	/* width unknown */
	if (!guest_insn(frame, &insn))
		return "data abort without instruction syndrome (ISV=0), "
		       "instruction unreadable; expected a single load or "
		       "store of one general-purpose register";
	if ((insn & 0x3f800000) == 0x08000000) {
		*size = insn & BIT(21) ? 8 << ((insn >> 30) & 1) :
			1 << (insn >> 30);
		return "exclusive load/store to an emulated region (cannot be "
		       "emulated; expected a plain load or store)";
	}
	if ((insn & 0x3f000000) == 0x08000000 ||
	    (insn & 0x3b200c00) == 0x38200000) {
		*size = 1 << (insn >> 30);
		return "atomic access to an emulated region (cannot be "
		       "emulated; expected a plain load or store)";
	}
	return "data abort without instruction syndrome (ISV=0: pair, "
	       "writeback or SIMD access); expected a single load or store "
	       "of one general-purpose register";
}

static void handle_dabt(struct per_cpu *cpu, struct trap_frame *frame,
			u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int srt = ISS_DABT_SRT(iss), size;
	struct mmio_access access;
	enum mmio_result res;
	const char *why;
	u64 val;

	access.address = fault_ipa();
	access.size = 1 << ISS_DABT_SAS(iss);
	access.is_write = !!(iss & ISS_DABT_WNR);
	/* not an access of the instruction: nothing to emulate */
	if (iss & ISS_DABT_S1PTW) {
		fault(cpu, frame, esr, access.address, access.is_write, 0,
		      "stage-2 fault on the cell's stage-1 table walk "
		      "(expected its page tables in its own RAM)");
		return;
	}
	if (DFSC_IS_EXTERNAL(ISS_DABT_DFSC(iss))) {
		fault(cpu, frame, esr, access.address, access.is_write, 0,
		      iss & ISS_DABT_EA ? "synchronous external abort "
		      "(EA set)" : "synchronous external abort");
		return;
	}
	if (!(iss & ISS_DABT_ISV)) {
		why = no_syndrome_reason(frame, &size);
		fault(cpu, frame, esr, access.address, access.is_write, size,
		      why);
		return;
	}
	access.value = 0;
	if (access.is_write && srt != 31)
		access.value = frame->x[srt];
	if (access.size < 8)
		access.value &= (1ULL << (access.size * 8)) - 1;

	cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_MMIO]++;
	res = mmio_handle_access(cpu->cell, &access);
	if (res != MMIO_HANDLED) {
		if (res == MMIO_UNHANDLED)
			access.address = access_address(frame, access.address,
							access.size);
		fault(cpu, frame, esr, access.address, access.is_write,
		      access.size, res == MMIO_ERROR ?
		      "access to an emulated region denied" :
		      res == MMIO_MISALIGNED ?
		      "misaligned access to an emulated region (expected an "
		      "address aligned to the access width)" :
		      "access to memory not assigned to the cell");
		return;
	}
	if (!access.is_write && srt != 31) {
		val = access.value;
		if ((iss & ISS_DABT_SSE) && access.size < 8 &&
		    (val & (1ULL << (access.size * 8 - 1))))
			val |= ~((1ULL << (access.size * 8)) - 1);
		if (!(iss & ISS_DABT_SF))
			val &= 0xffffffffULL;
		frame->x[srt] = val;
	}
	frame->elr += 4;
}

static void handle_sysreg(struct per_cpu *cpu, struct trap_frame *frame,
			  u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int rt = ISS_SYSREG_RT(iss);
	bool is_read = iss & ISS_SYSREG_READ;
	u64 reg = iss & SYSREG_ISS_MASK;

	if (!is_read && (reg == ISS_ICC_SGI1R || reg == ISS_ICC_ASGI1R)) {
		gic_handle_sgir(cpu, rt == 31 ? 0 : frame->x[rt]);
		frame->elr += 4;
		return;
	}
	if (!is_read && (reg == ISS_DC_ISW || reg == ISS_DC_CSW ||
			 reg == ISS_DC_CISW)) {
		arch_handle_setway(cpu, frame, reg);
		return;
	}
	if (!is_read && reg == ISS_ICC_SGI0R) {
		/* group 0 SGIs are not offered to cells */
		frame->elr += 4;
		return;
	}
	printk("cell \"%s\": %s of system register op0=%llu op1=%llu "
	       "CRn=%llu CRm=%llu op2=%llu\n", cpu->cell->name,
	       is_read ? "read" : "write", ISS_SYSREG_OP0(iss),
	       ISS_SYSREG_OP1(iss), ISS_SYSREG_CRN(iss), ISS_SYSREG_CRM(iss),
	       ISS_SYSREG_OP2(iss));
	fault(cpu, frame, esr, ~0ULL, !is_read, 8, NULL);
}

static void handle_hvc(struct per_cpu *cpu, struct trap_frame *frame,
		       u64 esr)
{
	if (ISS_IMM16(ESR_ISS(esr)) != JAILHOUSE_HVC_CODE) {
		/* not ours (e.g. a hyp-stub call): refuse like SMCCC does */
		frame->x[0] = SMCCC_NOT_SUPPORTED;
		return;
	}
	frame->x[0] = hypercall(cpu, frame, frame->x[0], frame->x[1],
				frame->x[2]);
}

void arch_handle_sync(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 esr = read_sysreg(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		handle_hvc(cpu, frame, esr);
		break;
	case EC_SMC64:
		frame->elr += 4;
		arch_handle_smc(cpu, frame);
		break;
	case EC_DABT_LOW:
		handle_dabt(cpu, frame, esr);
		break;
	case EC_SYSREG:
		handle_sysreg(cpu, frame, esr);
		break;
	case EC_IABT_LOW:
		fault(cpu, frame, esr, fault_ipa(), false, 4, NULL);
		break;
	default:
		fault(cpu, frame, esr, ~0ULL, false, 0, NULL);
	}
}

void arch_handle_exit(struct trap_frame *frame, unsigned long type)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[JAILHOUSE_CPU_STAT_VMEXITS_TOTAL]++;
	cpu->arch.setway_prev = cpu->arch.setway_exit;
	cpu->arch.setway_exit = false;
	switch (type) {
	case EXIT_SYNC:
		arch_handle_sync(cpu, frame);
		break;
	case EXIT_IRQ:
		gic_handle_irq(cpu);
		break;
	case EXIT_SERROR:
		printk("cell \"%s\", CPU %u: SError, ESR 0x%llx, PC 0x%llx\n",
		       cpu->cell->name, cpu->cpu_id, read_sysreg(esr_el2),
		       frame->elr);
		break;
	default:
		fault(cpu, frame, read_sysreg(esr_el2), ~0ULL, false, 0,
		      type == EXIT_FIQ ? "FIQ" : "exception from AArch32");
	}
	if (READ_ONCE(cpu->arch.park_request))
		psci_park(cpu, frame);
	gic_flush_pending(cpu);
}

void arch_print_fault(const struct arch_fault *f)
{
	printk("exception class 0x%x, syndrome 0x%llx, ", f->ec, f->syndrome);
}

void arch_dump_regs(struct trap_frame *frame)
{
	unsigned int n;

	for (n = 0; n < 28; n += 4)
		printk(" x%02u 0x%016llx  x%02u 0x%016llx  x%02u 0x%016llx  "
		       "x%02u 0x%016llx\n", n, frame->x[n], n + 1,
		       frame->x[n + 1], n + 2, frame->x[n + 2], n + 3,
		       frame->x[n + 3]);
	printk(" x28 0x%016llx  x29 0x%016llx  x30 0x%016llx  "
	       "sp  0x%016llx\n",
	       frame->x[28], frame->x[29], frame->x[30], guest_sp(frame));
	printk(" pc  0x%016llx  spsr 0x%08llx  esr 0x%08llx\n", frame->elr,
	       frame->spsr, read_sysreg(esr_el2));
	printk(" far 0x%016llx  hpfar 0x%016llx\n", read_sysreg(far_el2),
	       read_sysreg(hpfar_el2));
}

void arch_inject_abort(struct per_cpu *cpu, struct trap_frame *frame,
		       u64 address, bool is_write)
{
	u64 spsr = frame->spsr;
	bool from_el0 = (spsr & PSR_MODE_MASK) == 0;
	u64 esr, vector = read_sysreg(vbar_el1);

	if (address != ~0ULL)
		esr = ((u64)(from_el0 ? EC_DABT_LOW : EC_DABT_CUR) << 26) |
			ESR_IL | (is_write ? BIT(6) : 0) | 0x10;
	else
		esr = ESR_IL;	/* unknown reason: undefined instruction */
	write_sysreg(esr, esr_el1);
	write_sysreg(read_sysreg(far_el2), far_el1);
	write_sysreg(frame->elr, elr_el1);
	write_sysreg(spsr, spsr_el1);
	if (from_el0)
		vector += 0x400;
	else if (spsr & 1)
		vector += 0x200;
	frame->elr = vector;
	frame->spsr = PSR_MODE_EL1H | PSR_DAIF;
}
