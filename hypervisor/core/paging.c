// SPDX-License-Identifier: GPL-2.0
/*
 * Generic page table management: 4 KiB granule, levels 1..3 (1 GiB and
 * 2 MiB blocks, 4 KiB pages). Used for the hypervisor's own EL2 tables and
 * for every cell's stage-2 tables; the architecture encodes descriptors.
 */
#include <hv/paging.h>
#include <hv/pool.h>
#include <hv/string.h>
#include <hv/arch.h>

#define ENTRIES		512
#define LEVEL_SHIFT(l)	(39 - 9 * (l))	/* 1: 30, 2: 21, 3: 12 */
#define LEVEL_SIZE(l)	(1ULL << LEVEL_SHIFT(l))

static unsigned int index_of(u64 virt, unsigned int level, unsigned int n)
{
	return (virt >> LEVEL_SHIFT(level)) % n;
}

int paging_init(struct paging *pg, const struct paging_format *fmt,
		unsigned int root_entries)
{
	unsigned int pages = root_entries / ENTRIES;

	pg->fmt = fmt;
	pg->root_entries = root_entries;
	pg->root = page_zalloc(pages, pages);
	return pg->root ? 0 : -ENOMEM;
}

static void free_table(struct paging *pg, pte_t *table, unsigned int level)
{
	unsigned int n;

	if (level < 3)
		for (n = 0; n < ENTRIES; n++)
			if (pg->fmt->is_table(table[n], level))
				free_table(pg, (pte_t *)pg->fmt->phys(table[n]),
					   level + 1);
	page_free(table, 1);
}

void paging_free(struct paging *pg)
{
	unsigned int n;

	if (!pg->root)
		return;
	for (n = 0; n < pg->root_entries; n++)
		if (pg->fmt->is_table(pg->root[n], 1))
			free_table(pg, (pte_t *)pg->fmt->phys(pg->root[n]), 2);
	page_free(pg->root, pg->root_entries / ENTRIES);
	pg->root = NULL;
}

/* Replace the block at @pte (level @level) by a table of smaller leaves. */
static int split_block(struct paging *pg, pte_t *pte, unsigned int level)
{
	unsigned long flags = pg->fmt->flags(*pte);
	u64 phys = pg->fmt->phys(*pte);
	pte_t *table;
	unsigned int n;

	table = page_zalloc(1, 1);
	if (!table)
		return -ENOMEM;
	for (n = 0; n < ENTRIES; n++)
		table[n] = pg->fmt->leaf(phys + n * LEVEL_SIZE(level + 1),
					 flags, level + 1);
	arch_paging_sync();
	*pte = pg->fmt->table((u64)table);
	return 0;
}

static pte_t *table_of(struct paging *pg, pte_t *pte, unsigned int level,
		       bool create, int *err)
{
	pte_t *table;

	*err = 0;
	if (pg->fmt->is_table(*pte, level))
		return (pte_t *)pg->fmt->phys(*pte);
	if (pg->fmt->is_valid(*pte)) {
		*err = split_block(pg, pte, level);
		return *err ? NULL : (pte_t *)pg->fmt->phys(*pte);
	}
	if (!create)
		return NULL;
	table = page_zalloc(1, 1);
	if (!table) {
		*err = -ENOMEM;
		return NULL;
	}
	*pte = pg->fmt->table((u64)table);
	return table;
}

static pte_t *walk(struct paging *pg, u64 virt, unsigned int target,
		   bool create, int *err)
{
	pte_t *pte = &pg->root[index_of(virt, 1, pg->root_entries)];
	unsigned int level;
	pte_t *table;

	for (level = 1; level < target; level++) {
		table = table_of(pg, pte, level, create, err);
		if (!table)
			return NULL;
		pte = &table[index_of(virt, level + 1, ENTRIES)];
	}
	return pte;
}

static unsigned int leaf_level(u64 phys, u64 virt, u64 size,
			       unsigned long flags)
{
	unsigned int level;

	for (level = (flags & PAGING_NO_HUGE) ? 3 : 1; level < 3; level++)
		if (!((phys | virt) & (LEVEL_SIZE(level) - 1)) &&
		    size >= LEVEL_SIZE(level))
			break;
	return level;
}

int paging_map(struct paging *pg, u64 phys, u64 virt, u64 size,
	       unsigned long flags)
{
	unsigned int level;
	pte_t *pte;
	int err = 0;

	if ((phys | virt | size) & ~PAGE_MASK)
		return -EINVAL;
	while (size) {
		level = leaf_level(phys, virt, size, flags);
		pte = walk(pg, virt, level, true, &err);
		if (!pte)
			return err ? err : -ENOMEM;
		if (pg->fmt->is_table(*pte, level))
			free_table(pg, (pte_t *)pg->fmt->phys(*pte), level + 1);
		*pte = pg->fmt->leaf(phys, flags, level);
		phys += LEVEL_SIZE(level);
		virt += LEVEL_SIZE(level);
		size -= LEVEL_SIZE(level);
	}
	arch_paging_sync();
	return 0;
}

/* Frees the tables below @table that map nothing; true if @table is empty. */
static bool prune(struct paging *pg, pte_t *table, unsigned int level,
		  unsigned int entries)
{
	bool empty = true;
	unsigned int n;
	pte_t *child;

	for (n = 0; n < entries; n++) {
		if (pg->fmt->is_table(table[n], level)) {
			child = (pte_t *)pg->fmt->phys(table[n]);
			if (prune(pg, child, level + 1, ENTRIES)) {
				table[n] = 0;
				arch_paging_sync();
				page_free(child, 1);
				continue;
			}
		}
		if (pg->fmt->is_valid(table[n]))
			empty = false;
	}
	return empty;
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	unsigned int level;
	u64 step;
	pte_t *pte;
	int err;

	if ((virt | size) & ~PAGE_MASK)
		return -EINVAL;
	while (size) {
		/* find the level of the existing leaf, splitting if needed */
		for (level = 1; level <= 3; level++) {
			pte = walk(pg, virt, level, false, &err);
			if (!pte) {
				if (err)
					return err;
				break;
			}
			if (!pg->fmt->is_valid(*pte))
				break;
			if (pg->fmt->is_table(*pte, level))
				continue;
			if (level < 3 &&
			    ((virt & (LEVEL_SIZE(level) - 1)) ||
			     size < LEVEL_SIZE(level))) {
				err = split_block(pg, pte, level);
				if (err)
					return err;
				continue;
			}
			*pte = 0;
			break;
		}
		if (level > 3)
			level = 3;
		step = LEVEL_SIZE(level) - (virt & (LEVEL_SIZE(level) - 1));
		step = min(step, size);
		virt += step;
		size -= step;
	}
	arch_paging_sync();
	prune(pg, pg->root, 1, pg->root_entries);
	return 0;
}

u64 paging_virt2phys(struct paging *pg, u64 virt)
{
	unsigned int level;
	pte_t *pte;
	int err;

	for (level = 1; level <= 3; level++) {
		pte = walk(pg, virt, level, false, &err);
		if (!pte || !pg->fmt->is_valid(*pte))
			return ~0ULL;
		if (!pg->fmt->is_table(*pte, level))
			return pg->fmt->phys(*pte) +
				(virt & (LEVEL_SIZE(level) - 1));
	}
	return ~0ULL;
}
