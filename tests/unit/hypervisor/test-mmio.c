// SPDX-License-Identifier: MIT
/*
 * MMIO dispatch (hypervisor/core/mmio.c): an access reaches the handler
 * of the emulated region that contains it only if its address is a
 * multiple of its width; a misaligned one is refused before any handler
 * (replayed at EL2 on device memory it would fault in the hypervisor).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <hv/cell.h>
#include <hv/mmio.h>

#define GICD	0x08000000ULL

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static unsigned int calls;

static enum mmio_result handler(void *arg, struct mmio_access *access)
{
	calls++;
	access->value = 0x12345678;
	return MMIO_HANDLED;
}

static struct cell cell;

static int setup(void **state)
{
	memset(&cell, 0, sizeof(cell));
	calls = 0;
	return mmio_region_register(&cell, GICD, 0x10000, handler, NULL);
}

static enum mmio_result access(u64 address, unsigned int size,
			       bool is_write)
{
	struct mmio_access a = {
		.address = address, .size = size, .is_write = is_write,
	};

	return mmio_handle_access(&cell, &a);
}

/* the case: a 4-byte read at GICD + 0x102 */
static void test_misaligned_refused(void **state)
{
	assert_int_equal(access(GICD + 0x102, 4, false), MMIO_MISALIGNED);
	assert_int_equal(access(GICD + 0x102, 4, true), MMIO_MISALIGNED);
	assert_int_equal(access(GICD + 0x104, 8, false), MMIO_MISALIGNED);
	assert_int_equal(access(GICD + 0x101, 2, true), MMIO_MISALIGNED);
	assert_int_equal(calls, 0);
}

static void test_aligned_handled(void **state)
{
	assert_int_equal(access(GICD + 0x100, 4, false), MMIO_HANDLED);
	assert_int_equal(access(GICD + 0x108, 8, true), MMIO_HANDLED);
	assert_int_equal(access(GICD + 0x102, 2, false), MMIO_HANDLED);
	assert_int_equal(access(GICD + 0x103, 1, false), MMIO_HANDLED);
	assert_int_equal(calls, 4);
}

/* outside every region, or running over its end: not the cell's */
static void test_outside_unhandled(void **state)
{
	assert_int_equal(access(GICD + 0x10000, 4, false), MMIO_UNHANDLED);
	assert_int_equal(access(GICD + 0xfffc, 8, false), MMIO_UNHANDLED);
	assert_int_equal(calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_misaligned_refused, setup),
		cmocka_unit_test_setup(test_aligned_handled, setup),
		cmocka_unit_test_setup(test_outside_unhandled, setup),
	};

	return cmocka_run_group_tests_name("mmio", tests, NULL, NULL);
}
