// SPDX-License-Identifier: MIT
/*
 * failing-unit - a cmocka binary with one passing, one failing and one
 * skipped test. tests/selftest/unit-harness.sh runs it under the unit
 * runner and expects one line of each kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_passes(void **state)
{
	(void)state;
}

static void test_fails(void **state)
{
	(void)state;
	assert_int_equal(1, 2);
}

static void test_skipped(void **state)
{
	(void)state;
	skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passes),
		cmocka_unit_test(test_fails),
		cmocka_unit_test(test_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
