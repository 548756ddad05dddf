// SPDX-License-Identifier: GPL-2.0
/*
 * Page pool: a bitmap allocator over the hypervisor memory left after the
 * image, the per-CPU areas and the config copy.
 */
#include <hv/pool.h>
#include <hv/string.h>
#include <hv/bitmap.h>
#include <asm/spinlock.h>

#define POOL_MAX_PAGES	16384	/* 64 MiB */

static u64 pool_start;
static unsigned long pool_npages, pool_nused;
static u64 pool_map[POOL_MAX_PAGES / 64];
static spinlock_t pool_lock;
/* off while the first CPU builds page tables with the MMU off */
static bool pool_locking;

void pool_enable_locking(void)
{
	pool_locking = true;
}

int pool_init(u64 start, u64 size)
{
	pool_start = start;
	pool_npages = min(size / PAGE_SIZE, (u64)POOL_MAX_PAGES);
	pool_nused = 0;
	return pool_npages ? 0 : -ENOMEM;
}

static long find_free(unsigned int pages, unsigned int align)
{
	unsigned long n, k;

	for (n = 0; n + pages <= pool_npages; n++) {
		if ((pool_start / PAGE_SIZE + n) % align)
			continue;
		for (k = 0; k < pages; k++)
			if (test_bit(n + k, pool_map))
				break;
		if (k == pages)
			return n;
	}
	return -1;
}

void *page_zalloc(unsigned int pages, unsigned int align_pages)
{
	unsigned int k;
	void *p;
	long n;

	if (pool_locking)
		spin_lock(&pool_lock);
	n = find_free(pages, align_pages ? align_pages : 1);
	if (n < 0) {
		if (pool_locking)
			spin_unlock(&pool_lock);
		return NULL;
	}
	for (k = 0; k < pages; k++)
		set_bit(n + k, pool_map);
	pool_nused += pages;
	if (pool_locking)
		spin_unlock(&pool_lock);
	p = (void *)(pool_start + n * PAGE_SIZE);
	memset(p, 0, pages * PAGE_SIZE);
	return p;
}

void *page_alloc(unsigned int pages)
{
	return page_zalloc(pages, 1);
}

void page_free(void *page, unsigned int pages)
{
	unsigned long n = ((u64)page - pool_start) / PAGE_SIZE;
	unsigned int k;

	if (!page)
		return;
	spin_lock(&pool_lock);
	for (k = 0; k < pages; k++)
		clear_bit(n + k, pool_map);
	pool_nused -= pages;
	spin_unlock(&pool_lock);
}

unsigned long pool_pages(void)
{
	return pool_npages;
}

unsigned long pool_used_pages(void)
{
	return pool_nused;
}
