/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells: a fixed partition of CPUs, memory and interrupts. The root cell is
 * cell 0, created from the system config; other cells are created the
 * same way from their configs.
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/types.h>
#include <hv/paging.h>
#include <hv/mmio.h>
#include <asm/cell.h>
#include <jailhouse/cell-config.h>
#include <jailhouse/limits.h>

struct per_cpu;

struct cpu_set {
	u64 bits[(MAX_CPUS + 63) / 64];
};

struct jailhouse_comm_region;

struct cell {
	unsigned int id;
	char name[JAILHOUSE_CELL_NAME_MAXLEN + 1];
	const struct jailhouse_cell_desc *config;
	u32 state;
	struct cpu_set cpus;
	struct arch_cell arch;	/* what it owns of the interrupt controller */
	struct paging stage2;
	struct mmio_table mmio;
	struct jailhouse_comm_region *comm;	/* non-root cells */
	void *config_copy;			/* pool pages, non-root */
	unsigned int config_pages;
	bool loadable;		/* LOADABLE regions mapped into root */
	struct cell *next;
};

extern struct cell root_cell;
extern unsigned int num_cells;

#define for_each_cpu_in(cpu, set) \
	for ((cpu) = 0; (cpu) < MAX_CPUS; (cpu)++) \
		if ((set)->bits[(cpu) / 64] & (1ULL << ((cpu) % 64)))

static inline bool cell_has_cpu(const struct cell *cell, unsigned int cpu)
{
	return cpu < MAX_CPUS &&
		(cell->cpus.bits[cpu / 64] >> (cpu % 64)) & 1;
}

/* a cell's resources from its config (core/cell-resources.c) */
int cell_init(struct cell *cell, const struct jailhouse_cell_desc *config);
unsigned long cell_mem_flags(u64 flags);
/* JAILHOUSE_CELL_*, also in the cell's communication region */
void cell_set_state(struct cell *cell, u32 state);
struct cell *cell_by_id(unsigned int id);

/* cell lifecycle (core/cell-lifecycle.c), called from the root cell's
 * hypercalls */
long cell_create(struct per_cpu *caller, u64 config_gpa);
long cell_set_loadable(struct per_cpu *caller, u64 id);
long cell_start(struct per_cpu *caller, u64 id);
long cell_destroy(struct per_cpu *caller, u64 id);
void cell_destroy_resources(struct cell *cell);
unsigned int cell_first_cpu(const struct cell *cell);
/* clean + invalidate the caches for the memory the cell may write */
void cell_flush_memory(struct cell *cell);

#endif
