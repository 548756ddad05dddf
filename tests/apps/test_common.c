// SPDX-License-Identifier: MIT
/*
 * Unit tests of the apps' helpers: predictable interface names from PCI
 * addresses (netbridge) and ICMP echo building/parsing (crash-test).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "args.h"
#include "icmp.h"
#include "ifname.h"
#include "ratelimit.h"

static void name_of(const char *pci, const char *want)
{
	struct pci_addr a;
	char name[16];

	assert_int_equal(pci_addr_parse(pci, &a), 0);
	assert_int_equal(pci_ifname(&a, name, sizeof(name)), 0);
	assert_string_equal(name, want);
}

static void test_parse_unsigned(void **state)
{
	unsigned long v;

	(void)state;
	assert_int_equal(parse_unsigned("42", 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_unsigned("0x10", 100, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(parse_unsigned("100", 100, &v), 0);
	assert_int_equal(parse_unsigned("101", 100, &v), -EINVAL);
	assert_int_equal(parse_unsigned("-1", ~0UL, &v), -EINVAL);
	assert_int_equal(parse_unsigned("+1", 100, &v), -EINVAL);
	assert_int_equal(parse_unsigned("", 100, &v), -EINVAL);
	assert_int_equal(parse_unsigned("12x", 100, &v), -EINVAL);
	assert_int_equal(parse_unsigned("99999999999999999999999", ~0UL, &v),
			 -EINVAL);
}

static void test_ifname(void **state)
{
	struct pci_addr a;
	char name[16];

	(void)state;
	/* the seed's names: root cell domain 1, inmate domain 0 */
	name_of("0001:00:01.0", "enP1p0s1");
	name_of("0000:00:01.0", "enp0s1");
	name_of("00:01.0", "enp0s1");
	name_of("0000:03:1f.2", "enp3s31f2");
	name_of("000a:10:00.0", "enP10p16s0");

	assert_int_equal(pci_addr_parse("0000:00:20.0", &a), -EINVAL);
	assert_int_equal(pci_addr_parse("0000:00:01.8", &a), -EINVAL);
	assert_int_equal(pci_addr_parse("1:2:3:4.0", &a), -EINVAL);
	assert_int_equal(pci_addr_parse("zz:01.0", &a), -EINVAL);
	assert_int_equal(pci_addr_parse("00:01", &a), -EINVAL);
	assert_int_equal(pci_addr_parse("", &a), -EINVAL);
	assert_int_equal(pci_addr_parse(NULL, &a), -EINVAL);
	assert_int_equal(pci_addr_parse("-1:01.0", &a), -EINVAL);

	a = (struct pci_addr){ .domain = 0xffff, .bus = 0xff, .slot = 31,
			       .func = 7 };
	assert_int_equal(pci_ifname(&a, name, sizeof(name)), -ENAMETOOLONG);
}

static void test_uio_pci(void **state)
{
	char dir[] = "/tmp/apps-sysfs-XXXXXX", path[256];
	struct pci_addr a;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/class", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/class/uio", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/class/uio/uio3", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/class/uio/uio3/device", dir);
	assert_int_equal(symlink("../../../0001:00:01.0", path), 0);

	assert_int_equal(uio_pci_addr(dir, "/dev/uio3", &a), 0);
	assert_int_equal(a.domain, 1);
	assert_int_equal(a.slot, 1);
	assert_int_equal(uio_pci_addr(dir, "uio3", &a), 0);
	assert_int_equal(uio_pci_addr(dir, "uio4", &a), -ENOENT);
	assert_int_equal(uio_pci_addr(dir, "/dev/null", &a), -EINVAL);

	unlink(path);
	snprintf(path, sizeof(path), "%s/class/uio/uio3", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/class/uio", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/class", dir);
	rmdir(path);
	rmdir(dir);
}

/* Wrap an ICMP message into a minimal IPv4 header. */
static size_t ipv4(unsigned char *pkt, const unsigned char *icmp, size_t len)
{
	memset(pkt, 0, 20);
	pkt[0] = 0x45;
	pkt[2] = (20 + len) >> 8;
	pkt[3] = (20 + len) & 0xff;
	pkt[9] = 1;
	memcpy(pkt + 20, icmp, len);
	return 20 + len;
}

static void test_icmp(void **state)
{
	unsigned char icmp[64], pkt[128];
	uint16_t seq = 0;
	size_t n;
	int len;

	(void)state;
	len = icmp_build_echo(icmp, sizeof(icmp), 0x1234, 7, 56);
	assert_int_equal(len, 64);
	assert_int_equal(icmp[0], 8);
	assert_int_equal(icmp_checksum(icmp, len), 0);
	assert_int_equal(icmp_build_echo(icmp, 10, 1, 1, 56), -EMSGSIZE);

	/* turn it into the reply a peer would send */
	icmp[0] = 0;
	icmp[2] = icmp[3] = 0;
	{
		uint16_t c = icmp_checksum(icmp, len);

		icmp[2] = c >> 8;
		icmp[3] = c & 0xff;
	}
	n = ipv4(pkt, icmp, len);
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1234, &seq), 0);
	assert_int_equal(seq, 7);
	/* not ours, truncated, corrupted, a request */
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1235, &seq), -EINVAL);
	assert_int_equal(icmp_parse_reply(pkt, 25, 0x1234, &seq), -EINVAL);
	pkt[40] ^= 1;
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1234, &seq), -EINVAL);
	pkt[40] ^= 1;
	pkt[20] = 8;
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1234, &seq), -EINVAL);
	pkt[20] = 0;
	pkt[0] = 0x4f;		/* header longer than the packet */
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1234, &seq), -EINVAL);
	pkt[0] = 0x45;
	pkt[2] = 0xff;		/* total length beyond what was received */
	assert_int_equal(icmp_parse_reply(pkt, n, 0x1234, &seq), -EINVAL);
}

/* burst per window, the rest counted; counts reported once, exactly */
static void test_ratelimit(void **state)
{
	struct ratelimit rl;
	unsigned long rep, total = 0;
	unsigned int printed = 0, i;

	(void)state;
	ratelimit_init(&rl, 3, 1000);
	for (i = 0; i < 10; i++) {
		if (ratelimit_allow(&rl, 100 + i, &rep))
			printed++;
		assert_int_equal(rep, 0);
	}
	assert_int_equal(printed, 3);
	/* same window: nothing to flush yet, unless forced */
	assert_int_equal(ratelimit_flush(&rl, 500, false), 0);
	/* the window ends: the 7 suppressed are reported by the next one */
	assert_true(ratelimit_allow(&rl, 1200, &rep));
	assert_int_equal(rep, 7);
	total += rep;
	for (i = 0; i < 5; i++)
		ratelimit_allow(&rl, 1300, &rep);
	/* periodic flush after the window: the 3 suppressed, once */
	assert_int_equal(ratelimit_flush(&rl, 2300, false), 3);
	assert_int_equal(ratelimit_flush(&rl, 2300, false), 0);
	total += 3;
	assert_int_equal(rl.suppressed_total, total);
	/* forced at exit */
	for (i = 0; i < 6; i++)
		ratelimit_allow(&rl, 2400, &rep);
	assert_int_equal(ratelimit_flush(&rl, 2401, true), 3);
	assert_int_equal(rl.suppressed_total, total + 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_unsigned),
		cmocka_unit_test(test_ifname),
		cmocka_unit_test(test_uio_pci),
		cmocka_unit_test(test_icmp),
		cmocka_unit_test(test_ratelimit),
	};

	return cmocka_run_group_tests_name("apps-common", tests, NULL, NULL);
}
