// SPDX-License-Identifier: MIT
/*
 * The root cell's device tree (build/board/root.dtb) must describe the board
 * DESIGN.md promises: the reservation the hypervisor and the inmates rely on,
 * the PL011 left to them, four PSCI CPUs, GICv3 without ITS.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "load-file.h"

static void *blob;

static void *load_dtb(const char *path)
{
	size_t size;
	void *buf = load_file(path, &size);

	if (buf && (fdt_check_header(buf) || fdt_totalsize(buf) > size)) {
		fprintf(stderr, "%s is not a flattened device tree\n", path);
		free(buf);
		buf = NULL;
	}
	return buf;
}

static int node(const char *path)
{
	int off = fdt_path_offset(blob, path);

	if (off < 0)
		fail_msg("node %s missing: %s", path, fdt_strerror(off));
	return off;
}

/* reg of a node with #address-cells = #size-cells = 2 */
static void reg64(const char *path, int index, uint64_t *addr, uint64_t *size)
{
	int len;
	const fdt32_t *reg = fdt_getprop(blob, node(path), "reg", &len);

	assert_non_null(reg);
	assert_true(len >= (index + 1) * 16);
	reg += index * 4;
	*addr = ((uint64_t)fdt32_to_cpu(reg[0]) << 32) | fdt32_to_cpu(reg[1]);
	*size = ((uint64_t)fdt32_to_cpu(reg[2]) << 32) | fdt32_to_cpu(reg[3]);
}

static void reservation_covers_hypervisor_and_inmates(void **state)
{
	uint64_t addr, size;
	int off;

	(void)state;
	reg64("/reserved-memory/jailhouse@dfa00000", 0, &addr, &size);
	assert_int_equal(addr, 0xdfa00000);
	assert_int_equal(addr + size, 0x100000000ULL);
	off = node("/reserved-memory/jailhouse@dfa00000");
	assert_non_null(fdt_getprop(blob, off, "no-map", NULL));
	off = node("/reserved-memory");
	assert_non_null(fdt_getprop(blob, off, "ranges", NULL));
}

static void memory_is_3g_from_1g(void **state)
{
	uint64_t addr, size;

	(void)state;
	reg64("/memory@40000000", 0, &addr, &size);
	assert_int_equal(addr, 0x40000000);
	assert_int_equal(size, 0xc0000000);
}

static void pl011_left_to_hypervisor(void **state)
{
	const char *status;
	int off;

	(void)state;
	status = fdt_getprop(blob, node("/pl011@9000000"), "status", NULL);
	assert_non_null(status);
	assert_string_equal(status, "disabled");
	off = node("/chosen");
	assert_null(fdt_getprop(blob, off, "stdout-path", NULL));
}

static void four_psci_cpus(void **state)
{
	char path[32];
	const char *method;

	(void)state;
	for (int cpu = 0; cpu < 4; cpu++) {
		snprintf(path, sizeof(path), "/cpus/cpu@%d", cpu);
		method = fdt_getprop(blob, node(path), "enable-method", NULL);
		assert_non_null(method);
		assert_string_equal(method, "psci");
	}
	assert_true(fdt_path_offset(blob, "/cpus/cpu@4") < 0);
	method = fdt_getprop(blob, node("/psci"), "method", NULL);
	assert_non_null(method);
	assert_string_equal(method, "smc");
}

static void gicv3_without_its(void **state)
{
	uint64_t addr, size;
	int off;

	(void)state;
	off = node("/intc@8000000");
	assert_int_equal(fdt_node_check_compatible(blob, off, "arm,gic-v3"), 0);
	reg64("/intc@8000000", 0, &addr, &size);
	assert_int_equal(addr, 0x08000000);
	reg64("/intc@8000000", 1, &addr, &size);
	assert_int_equal(addr, 0x080a0000);
	/* QEMU sizes the region for its CPU limit; it must fit our four */
	assert_true(size >= 4 * 0x20000);
	assert_int_equal(fdt_node_offset_by_compatible(blob, -1,
						       "arm,gic-v3-its"),
			 -FDT_ERR_NOTFOUND);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reservation_covers_hypervisor_and_inmates),
		cmocka_unit_test(memory_is_3g_from_1g),
		cmocka_unit_test(pl011_left_to_hypervisor),
		cmocka_unit_test(four_psci_cpus),
		cmocka_unit_test(gicv3_without_its),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: %s ROOT_DTB\n", argv[0]);
		return 2;
	}
	blob = load_dtb(argv[1]);
	if (!blob)
		return 1;
	return cmocka_run_group_tests_name("root-dtb", tests, NULL, NULL);
}
