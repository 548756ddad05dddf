// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the inmate library's printf-style formatter
 * (inmates/lib/format.c), checked against the formats the demos print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <format.h>

#define CHECK(expected, ...)						\
	do {								\
		char _buf[128];						\
		int _len = snprintk(_buf, sizeof(_buf), __VA_ARGS__);	\
		assert_string_equal(_buf, expected);			\
		assert_int_equal(_len, strlen(expected));		\
	} while (0)

static void test_gic_demo_line(void **state)
{
	CHECK("Timer fired, jitter:   9324 ns, min:    739 ns, max: 1234567 ns",
	      "Timer fired, jitter: %6lu ns, min: %6lu ns, max: %6lu ns",
	      9324UL, 739UL, 1234567UL);
}

static void test_uart_demo_line(void **state)
{
	CHECK("Hello 1 from cell!\n", "Hello %lu from cell!\n", 1UL);
	CHECK("Hello 18446744073709551615 from cell!\n",
	      "Hello %lu from cell!\n", (unsigned long)UINT64_MAX);
}

static void test_integers(void **state)
{
	CHECK("0 -1 2147483647 -2147483648", "%d %d %d %d", 0, -1, INT32_MAX,
	      INT32_MIN);
	CHECK("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK("4294967295 37777777777", "%u %o", UINT32_MAX, UINT32_MAX);
	CHECK("ff FF 0xff 0XFF", "%x %X %#x %#X", 255, 255, 255, 255);
	CHECK("0 0", "%#x %x", 0, 0);
	CHECK("255 -1 127", "%hhu %hhd %hhd", 0x1ff, 0xff, 0x7f);
	CHECK("65535 -1", "%hu %hd", 0x1ffff, 0xffff);
	CHECK("12345678", "%zu", (size_t)12345678);
}

static void test_width_and_flags(void **state)
{
	CHECK("[    42]", "[%6d]", 42);
	CHECK("[42    ]", "[%-6d]", 42);
	CHECK("[000042]", "[%06d]", 42);
	CHECK("[-00042]", "[%06d]", -42);
	CHECK("[+42]", "[%+d]", 42);
	CHECK("[ 42]", "[% d]", 42);
	CHECK("[  0042]", "[%6.4d]", 42);
	CHECK("[0x0000002a]", "[%#010x]", 42);
	CHECK("[    2a]", "[%*x]", 6, 42);
	CHECK("[2a    ]", "[%*x]", -6, 42);
	CHECK("[]", "[%.0d]", 0);
	CHECK("[0000000000001000]", "[%016lx]", 0x1000UL);
}

static void test_strings_and_chars(void **state)
{
	const char *volatile null_string = NULL;

	CHECK("hello", "%s", "hello");
	CHECK("[   abc]", "[%6s]", "abc");
	CHECK("[abc   ]", "[%-6s]", "abc");
	CHECK("[ab]", "[%.2s]", "abc");
	CHECK("(null)", "%s", null_string);
	CHECK("[x]", "[%c]", 'x');
	CHECK("[  x]", "[%3c]", 'x');
	CHECK("100%", "100%%");
}

static void test_pointer(void **state)
{
	CHECK("0x80000000", "%p", (void *)0x80000000UL);
}

static void test_unknown_conversion(void **state)
{
	/* Not literals, so that the compiler lets the bad formats through. */
	const char *unknown = "%q", *trailing = "trailing %";

	CHECK("%q", unknown);
	CHECK("trailing %", trailing);
}

static void test_truncation(void **state)
{
	char buf[8];
	int len;

	memset(buf, 'z', sizeof(buf));
	len = snprintk(buf, sizeof(buf), "Hello %d from cell!", 12);
	assert_int_equal(len, 19);
	assert_string_equal(buf, "Hello 1");

	len = snprintk(buf, 1, "abc");
	assert_int_equal(len, 3);
	assert_string_equal(buf, "");

	memset(buf, 'z', sizeof(buf));
	len = snprintk(buf, 0, "abc");
	assert_int_equal(len, 3);
	assert_int_equal(buf[0], 'z');
}

/* Compare with the host's printf for a sweep of values and formats. */
static void test_against_libc(void **state)
{
	static const char *const fmts[] = {
		"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d",
		"%x", "%#x", "%08x", "%#08x", "%X", "%o", "%#o", "%u",
	};
	static const int vals[] = {
		0, 1, -1, 7, 42, -42, 255, 4096, 65535, -65536, 123456789,
		INT32_MAX, INT32_MIN,
	};
	char ours[64], theirs[64];
	size_t f, v;

	for (f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		for (v = 0; v < sizeof(vals) / sizeof(vals[0]); v++) {
			snprintk(ours, sizeof(ours), fmts[f], vals[v]);
			snprintf(theirs, sizeof(theirs), fmts[f], vals[v]);
			if (strcmp(ours, theirs))
				fail_msg("format \"%s\" value %d: got \"%s\", libc \"%s\"",
					 fmts[f], vals[v], ours, theirs);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gic_demo_line),
		cmocka_unit_test(test_uart_demo_line),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_against_libc),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
