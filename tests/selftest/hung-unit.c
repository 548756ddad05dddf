// SPDX-License-Identifier: MIT
/*
 * hung-unit - a cmocka binary whose second test never returns (as a
 * blocking read() on a broken doorbell would). tests/run-all runs it under
 * the unit runner with a short timeout and expects a failure naming it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

static void test_finishes(void **state)
{
	(void)state;
}

static void test_blocks_forever(void **state)
{
	(void)state;
	for (;;)
		pause();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finishes),
		cmocka_unit_test(test_blocks_forever),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
