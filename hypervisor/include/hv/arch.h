/* SPDX-License-Identifier: GPL-2.0 */
/* What core needs from the architecture. */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <hv/types.h>
#include <hv/paging.h>

struct per_cpu;
struct cell;
struct trap_frame;
struct arch_fault;

extern const struct paging_format arch_hv_paging_format;
extern const struct paging_format arch_stage2_format;
#define ARCH_HV_ROOT_ENTRIES		512
#define ARCH_STAGE2_ROOT_ENTRIES	1024

/* make page table updates visible to the table walkers */
void arch_paging_sync(void);

/* global init after the MMU is on (first CPU), and per CPU */
int arch_init(void);
int arch_cpu_init(struct per_cpu *cpu);
/* undo arch_cpu_init; the CPU then returns to Linux */
void arch_cpu_exit(struct per_cpu *cpu);
void arch_shutdown(void);

/* the cell's stage 2 and interrupt controller; it owns the interrupts
 * its config grants */
int arch_cell_init(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
int arch_map_region(struct cell *cell, u64 phys, u64 virt, u64 size,
		    unsigned long flags);
int arch_unmap_region(struct cell *cell, u64 virt, u64 size);
void arch_flush_cell_tlb(struct cell *cell);

/* identity map (or unmap) device memory for the hypervisor itself */
int arch_map_device(u64 phys, u64 size);

/* leave the hypervisor on this CPU: back to Linux at EL1 with @ret in x0 */
void __noreturn arch_cpu_leave(struct per_cpu *cpu, struct trap_frame *frame,
			       long ret);
/* contain a faulting CPU of a cell */
void arch_inject_abort(struct per_cpu *cpu, struct trap_frame *frame,
		       u64 address, bool is_write);
/* the arch part of a fault report line, e.g. "syndrome 0x..., " */
void arch_print_fault(const struct arch_fault *fault);
/* print the guest registers of a trapped CPU (after a fault report) */
void arch_dump_regs(struct trap_frame *frame);
/* park the calling CPU until it is (re)started; then @frame is reset */
void arch_park_cpu(struct per_cpu *cpu, struct trap_frame *frame);

/* cell management, called on a root cell CPU */
void arch_park_remote(struct per_cpu *target);	/* returns once parked */
void arch_start_cpu(struct per_cpu *target, u64 entry);
/* the new @cell takes the interrupts it owns from the root cell */
void arch_cell_take_irqs(struct cell *cell);
/* @cell (unlinked, being destroyed) gives them back to the root cell */
void arch_cell_give_irqs(struct cell *cell);
/*
 * make the virtual interrupt @intid pending in @cell (no physical source);
 * a virtual PCI INTx pin's is arch_vpci_intx_irq() (asm/cell.h)
 */
void arch_inject_virq(struct cell *cell, unsigned int intid);
/* the arch fields of @cell's comm region (core filled the generic ones) */
void arch_comm_region_init(struct cell *cell);
/*
 * Clean and invalidate [addr, addr + size) to the point of coherency.
 * Memory shared with a cell that may run with its caches off (a bare-metal
 * inmate before it enables its MMU sees RAM, not our caches): after we
 * write such memory, and before we read what the cell wrote.
 */
void arch_dcache_flush(const volatile void *addr, unsigned long size);
/* the same for physical memory the hypervisor has not mapped */
int arch_dcache_flush_phys(u64 phys, u64 size);
/* does [phys, phys + size) hold a device the hypervisor must keep? */
const char *arch_reserved_device(u64 phys, u64 size);
/* temporary hypervisor mapping of normal memory (e.g. a cell config) */
int arch_map_hv_memory(u64 phys, u64 size);
void arch_unmap_hv_memory(u64 phys, u64 size);
u64 arch_time_ns(void);
/* wake parked CPUs so that they power off (hypervisor shutdown) */
void arch_release_parked_cpus(void);

void arch_dbg_putc(char c);
int arch_dbg_init(const void *console);

#endif
