// SPDX-License-Identifier: MIT
/*
 * Generic page tables (hypervisor/core/paging.c) over the page pool
 * (core/pool.c), with a simple descriptor format: blocks where aligned,
 * splitting on partial unmap, translation, and every page back on free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/paging.h>
#include <hv/pool.h>

#define POOL_PAGES	256
#define ADDR		0x0000fffffffff000ULL

void arch_paging_sync(void)
{
}

/* bit0 valid, bit1 table-or-page, bits 2..6 flags */
static pte_t leaf(u64 phys, unsigned long flags, unsigned int level)
{
	return (phys & ADDR) | 1 | (level == 3 ? 2 : 0) | (flags << 2);
}

static pte_t table(u64 phys)
{
	return (phys & ADDR) | 3;
}

static bool is_valid(pte_t pte)
{
	return pte & 1;
}

static bool is_table(pte_t pte, unsigned int level)
{
	return level < 3 && (pte & 3) == 3;
}

static u64 pte_phys(pte_t pte)
{
	return pte & ADDR;
}

static unsigned long pte_flags(pte_t pte)
{
	return (pte >> 2) & 0x1f;
}

static const struct paging_format fmt = {
	.leaf = leaf, .table = table, .is_valid = is_valid,
	.is_table = is_table, .phys = pte_phys, .flags = pte_flags,
};

static void *pool_mem;

static int setup(void **state)
{
	pool_mem = aligned_alloc(2 * PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	memset(pool_mem, 0, POOL_PAGES * PAGE_SIZE);
	assert_int_equal(pool_init((u64)pool_mem, POOL_PAGES * PAGE_SIZE), 0);
	return 0;
}

static int teardown(void **state)
{
	free(pool_mem);
	return 0;
}

static void test_blocks_and_pages(void **state)
{
	struct paging pg;
	unsigned long base;

	assert_int_equal(paging_init(&pg, &fmt, 1024), 0);
	base = pool_used_pages();
	assert_int_equal(base, 2);	/* concatenated root */
	/* 1 GiB + 2 MiB + 4 KiB: one L1 block, one L2 block, one page */
	assert_int_equal(paging_map(&pg, 0x40000000, 0x40000000,
				    0x40000000 + 0x200000 + 0x1000,
				    PAGING_READ | PAGING_WRITE), 0);
	assert_int_equal(pool_used_pages(), base + 2);	/* L2 + L3 table */
	assert_int_equal(paging_virt2phys(&pg, 0x40001234), 0x40001234);
	assert_int_equal(paging_virt2phys(&pg, 0x80100008), 0x80100008);
	assert_int_equal(paging_virt2phys(&pg, 0x80200ff0), 0x80200ff0);
	assert_int_equal(paging_virt2phys(&pg, 0x80201000), ~0ULL);
	assert_int_equal(paging_virt2phys(&pg, 0x3ffff000), ~0ULL);
	/* IPA above 512 GiB uses the second root page */
	assert_int_equal(paging_map(&pg, 0x8000000000, 0x8000000000,
				    0x40000000, PAGING_READ), 0);
	assert_int_equal(paging_virt2phys(&pg, 0x8000000010), 0x8000000010);
	paging_free(&pg);
	assert_int_equal(pool_used_pages(), 0);
}

static void test_split_on_unmap(void **state)
{
	struct paging pg;

	assert_int_equal(paging_init(&pg, &fmt, 512), 0);
	assert_int_equal(paging_map(&pg, 0xc0000000, 0xc0000000, 0x40000000,
				    PAGING_READ | PAGING_EXEC), 0);
	assert_int_equal(pool_used_pages(), 1);
	/* punch one page out of the 1 GiB block */
	assert_int_equal(paging_unmap(&pg, 0xc0201000, 0x1000), 0);
	assert_int_equal(pool_used_pages(), 3);
	assert_int_equal(paging_virt2phys(&pg, 0xc0201000), ~0ULL);
	assert_int_equal(paging_virt2phys(&pg, 0xc0200fff), 0xc0200fff);
	assert_int_equal(paging_virt2phys(&pg, 0xc0202000), 0xc0202000);
	assert_int_equal(paging_virt2phys(&pg, 0xfffff000), 0xfffff000);
	/* remap it elsewhere (a cell taking memory) */
	assert_int_equal(paging_map(&pg, 0x12345000, 0xc0201000, 0x1000,
				    PAGING_READ), 0);
	assert_int_equal(paging_virt2phys(&pg, 0xc0201008), 0x12345008);
	/* unmap a range crossing block boundaries */
	assert_int_equal(paging_unmap(&pg, 0xc0100000, 0x300000), 0);
	assert_int_equal(paging_virt2phys(&pg, 0xc0100000), ~0ULL);
	assert_int_equal(paging_virt2phys(&pg, 0xc03ff000), ~0ULL);
	assert_int_equal(paging_virt2phys(&pg, 0xc0400000), 0xc0400000);
	assert_int_equal(paging_virt2phys(&pg, 0xc00ff000), 0xc00ff000);
	paging_free(&pg);
	assert_int_equal(pool_used_pages(), 0);
}

static void test_errors(void **state)
{
	struct paging pg;
	u64 v;

	assert_int_equal(paging_init(&pg, &fmt, 512), 0);
	assert_int_equal(paging_map(&pg, 0x1000, 0x1800, 0x1000, 0),
			 -EINVAL);
	/* no huge pages when asked: 2 MiB become 512 pages */
	assert_int_equal(paging_map(&pg, 0x200000, 0x200000, 0x200000,
				    PAGING_READ | PAGING_NO_HUGE), 0);
	assert_int_equal(pool_used_pages(), 3);
	/* exhaust the pool: mapping many separate pages fails cleanly */
	for (v = 0; v < 600; v++)
		if (paging_map(&pg, 0, 0x4000000000ULL * (v % 8) +
			       v * 0x200000, 0x1000, PAGING_READ))
			break;
	assert_true(v < 600);
	paging_free(&pg);
	assert_int_equal(pool_used_pages(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_blocks_and_pages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_split_on_unmap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	return cmocka_run_group_tests_name("paging", tests, NULL, NULL);
}
