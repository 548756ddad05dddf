/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic 4 KiB-granule page tables, walked from level 1 (a root table of
 * root_entries entries, concatenated when more than 512). The descriptor
 * format is supplied by the architecture (EL2 stage 1, stage 2).
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <hv/types.h>

#define PAGING_READ	0x1
#define PAGING_WRITE	0x2
#define PAGING_EXEC	0x4
#define PAGING_DEVICE	0x8
#define PAGING_NO_HUGE	0x10

typedef u64 pte_t;

struct paging_format {
	pte_t (*leaf)(u64 phys, unsigned long flags, unsigned int level);
	pte_t (*table)(u64 phys);
	bool (*is_valid)(pte_t pte);
	bool (*is_table)(pte_t pte, unsigned int level);
	u64 (*phys)(pte_t pte);
	unsigned long (*flags)(pte_t pte);
};

struct paging {
	const struct paging_format *fmt;
	pte_t *root;
	unsigned int root_entries;
};

int paging_init(struct paging *pg, const struct paging_format *fmt,
		unsigned int root_entries);
void paging_free(struct paging *pg);
int paging_map(struct paging *pg, u64 phys, u64 virt, u64 size,
	       unsigned long flags);
int paging_unmap(struct paging *pg, u64 virt, u64 size);
/* Returns the physical address of @virt, or ~0 if unmapped. */
u64 paging_virt2phys(struct paging *pg, u64 virt);

#endif
