// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the inmate command line parser (inmates/lib/cmdline.c),
 * including the linux-loader's "kernel=... dtb=..." line from the manual.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <cmdline.h>

static void test_loader_line(void **state)
{
	const char *cl = "kernel=0xe0200000 dtb=0xe0000000";
	u64 val = 0;

	assert_int_equal(cmdline_get_u64(cl, "kernel", &val), 0);
	assert_int_equal(val, 0xe0200000);
	assert_int_equal(cmdline_get_u64(cl, "dtb", &val), 0);
	assert_int_equal(val, 0xe0000000);
}

static void test_loader_line_am62p(void **state)
{
	const char *cl = "kernel=0x9e0200000 dtb=0x9e0000000";
	u64 val = 0;

	assert_int_equal(cmdline_get_u64(cl, "kernel", &val), 0);
	assert_int_equal(val, 0x9e0200000ULL);
	assert_int_equal(cmdline_get_u64(cl, "dtb", &val), 0);
	assert_int_equal(val, 0x9e0000000ULL);
}

static void test_missing_key(void **state)
{
	u64 val = 42;

	assert_int_equal(cmdline_get_u64("dtb=0x1000", "kernel", &val),
			 -ENOENT);
	assert_int_equal(val, 42);
	assert_int_equal(cmdline_get_u64("", "kernel", &val), -ENOENT);
	assert_int_equal(cmdline_get_u64(NULL, "kernel", &val), -ENOENT);
}

static void test_prefix_is_not_a_match(void **state)
{
	u64 val = 0;

	/* "kernelx=" and "xkernel=" must not be taken for "kernel=". */
	assert_int_equal(cmdline_get_u64("kernelx=1 xkernel=2", "kernel",
					 &val), -ENOENT);
	assert_int_equal(cmdline_get_u64("kernelx=1 kernel=3", "kernel",
					 &val), 0);
	assert_int_equal(val, 3);
	/* A key that is a prefix of the word's key. */
	assert_int_equal(cmdline_get_u64("dtb=5", "dt", &val), -ENOENT);
}

static void test_bases(void **state)
{
	u64 val = 0;

	assert_int_equal(cmdline_get_u64("n=1234", "n", &val), 0);
	assert_int_equal(val, 1234);
	assert_int_equal(cmdline_get_u64("n=0XaBcD", "n", &val), 0);
	assert_int_equal(val, 0xabcd);
	assert_int_equal(cmdline_get_u64("n=017", "n", &val), 0);
	assert_int_equal(val, 15);
	assert_int_equal(cmdline_get_u64("n=0", "n", &val), 0);
	assert_int_equal(val, 0);
	assert_int_equal(cmdline_get_u64("n=0xffffffffffffffff", "n", &val),
			 0);
	assert_int_equal(val, UINT64_MAX);
}

static void test_invalid_numbers(void **state)
{
	u64 val = 7;

	assert_int_equal(cmdline_get_u64("n=", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=0x", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=12a", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=0x12g", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=08", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=-1", "n", &val), -EINVAL);
	assert_int_equal(cmdline_get_u64("n=0x10000000000000000", "n", &val),
			 -ERANGE);
	assert_int_equal(cmdline_get_u64("n=18446744073709551616", "n", &val),
			 -ERANGE);
	assert_int_equal(val, 7);
	assert_int_equal(cmdline_u64("n=bad", "n", 99), 99);
	assert_int_equal(cmdline_u64("m=1", "n", 98), 98);
	assert_int_equal(cmdline_u64("n=0x20", "n", 98), 0x20);
}

static void test_blanks_and_last_wins(void **state)
{
	const char *cl = "\t mode=read-root \r\n addr=0x40000000  addr=0x50\n";
	char buf[16];
	u64 val = 0;

	assert_int_equal(cmdline_get_str(cl, "mode", buf, sizeof(buf)), 9);
	assert_string_equal(buf, "read-root");
	assert_int_equal(cmdline_get_u64(cl, "addr", &val), 0);
	assert_int_equal(val, 0x50);
}

static void test_flags(void **state)
{
	const char *cl = "verbose con-type=8250 quiet";
	char buf[8] = "x";

	assert_true(cmdline_has(cl, "verbose"));
	assert_true(cmdline_has(cl, "quiet"));
	assert_true(cmdline_has(cl, "con-type"));
	assert_false(cmdline_has(cl, "verb"));
	assert_false(cmdline_has(cl, "8250"));
	assert_int_equal(cmdline_get_str(cl, "verbose", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

static void test_str_too_small(void **state)
{
	char buf[5] = "keep";

	assert_int_equal(cmdline_get_str("mode=gicd", "mode", buf, 4), -E2BIG);
	assert_string_equal(buf, "keep");
	assert_int_equal(cmdline_get_str("mode=gicd", "mode", buf, 0), -E2BIG);
	assert_int_equal(cmdline_get_str("mode=gic", "mode", buf, 5), 3);
	assert_string_equal(buf, "gic");
}

static void test_value_with_equals(void **state)
{
	char buf[16];

	assert_int_equal(cmdline_get_str("a=b=c", "a", buf, sizeof(buf)), 3);
	assert_string_equal(buf, "b=c");
	assert_int_equal(cmdline_get_str("a=b=c", "a=b", buf, sizeof(buf)),
			 1);
	assert_string_equal(buf, "c");
}

static void test_empty_key(void **state)
{
	u64 val;

	assert_int_equal(cmdline_get_u64("=5", "", &val), -ENOENT);
	assert_false(cmdline_has("a b", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_line),
		cmocka_unit_test(test_loader_line_am62p),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_prefix_is_not_a_match),
		cmocka_unit_test(test_bases),
		cmocka_unit_test(test_invalid_numbers),
		cmocka_unit_test(test_blanks_and_last_wins),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_str_too_small),
		cmocka_unit_test(test_value_with_equals),
		cmocka_unit_test(test_empty_key),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
