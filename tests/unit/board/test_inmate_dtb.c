// SPDX-License-Identifier: MIT
/*
 * A Linux inmate's device tree and its cell configuration are written
 * separately, and a mismatch only shows on the board (a kernel that
 * faults on its first UART access, an ivshmem interrupt that never comes).
 * For each pair given on the command line, the tree must describe what the
 * cell grants and nothing else:
 *   - memory: inside the cell's RAM, and so is the initramfs window;
 *   - every device with a reg: inside a region of the cell;
 *   - every SPI the tree names: granted to the cell by its irqchips;
 *   - the PCI host's INTx pins: the SPIs the hypervisor raises
 *     (32 + vpci_irq_base + pin - 1), edge triggered;
 *   - as many CPUs as the cell has;
 *   - every inmate: its CPUs' PMU, on PPI 7.
 *
 *   test_inmate_dtb CELL DTB [CELL DTB ...]
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

#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#include "load-file.h"

struct pair {
	const char *cell_path, *dtb_path;
	void *cell_buf;
	const struct jailhouse_cell_desc *cell;
	void *dtb;
};

static int setup(void **state)
{
	struct pair *p = *state;
	size_t size;

	p->cell_buf = load_file(p->cell_path, &size);
	if (!p->cell_buf || size < sizeof(*p->cell) ||
	    memcmp(p->cell_buf, JAILHOUSE_CELL_DESC_SIGNATURE, 5) ||
	    size < jailhouse_cell_config_size(p->cell_buf)) {
		fprintf(stderr, "%s is not a cell configuration\n",
			p->cell_path);
		return -1;
	}
	p->cell = p->cell_buf;
	p->dtb = load_file(p->dtb_path, &size);
	if (!p->dtb || fdt_check_header(p->dtb) || fdt_totalsize(p->dtb) >
	    size) {
		fprintf(stderr, "%s is not a flattened device tree\n",
			p->dtb_path);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct pair *p = *state;

	free(p->cell_buf);
	free(p->dtb);
	return 0;
}

/* The cell region holding [addr, addr + size) in guest addresses. */
static const struct jailhouse_memory *region_of(const struct pair *p,
						uint64_t addr, uint64_t size)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(p->cell);
	uint32_t n;

	for (n = 0; n < p->cell->num_memory_regions; n++)
		if (!(mem[n].flags & JAILHOUSE_MEM_COMM_REGION) &&
		    addr >= mem[n].virt_start &&
		    addr + size <= mem[n].virt_start + mem[n].size)
			return &mem[n];
	return NULL;
}

static bool spi_granted(const struct pair *p, uint32_t intid)
{
	return jailhouse_cell_irqchip_granting(p->cell, intid) >= 0;
}

static uint64_t cells_value(const fdt32_t *c, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*c++);
	return v;
}

static void memory_inside_cell_ram(void **state)
{
	const struct pair *p = *state;
	const fdt32_t *reg, *start, *end;
	uint64_t base, size, lo, hi;
	int off, len;

	off = fdt_path_offset(p->dtb, "/chosen");
	assert_true(off >= 0);
	start = fdt_getprop(p->dtb, off, "linux,initrd-start", &len);
	assert_true(start && len == 8);
	end = fdt_getprop(p->dtb, off, "linux,initrd-end", &len);
	assert_true(end && len == 8);
	lo = cells_value(start, 2);
	hi = cells_value(end, 2);

	off = fdt_node_offset_by_prop_value(p->dtb, -1, "device_type",
					    "memory", sizeof("memory"));
	assert_true(off >= 0);
	reg = fdt_getprop(p->dtb, off, "reg", &len);
	assert_true(reg && len == 16);
	base = cells_value(reg, 2);
	size = cells_value(reg + 2, 2);
	if (!region_of(p, base, size))
		fail_msg("%s: memory 0x%llx+0x%llx is not RAM of %s",
			 p->dtb_path, (unsigned long long)base,
			 (unsigned long long)size, p->cell_path);
	if (lo < base || hi > base + size || lo >= hi)
		fail_msg("%s: initramfs window 0x%llx..0x%llx outside its "
			 "memory", p->dtb_path, (unsigned long long)lo,
			 (unsigned long long)hi);
}

/* Devices under the root with reg (two address and two size cells). */
static void devices_inside_cell_regions(void **state)
{
	const struct pair *p = *state;
	int off, len, checked = 0;

	fdt_for_each_subnode(off, p->dtb, 0) {
		const char *name = fdt_get_name(p->dtb, off, NULL);
		const fdt32_t *reg;
		uint64_t addr, size;

		reg = fdt_getprop(p->dtb, off, "reg", &len);
		if (!reg || len < 16 || !strncmp(name, "memory", 6) ||
		    !strncmp(name, "interrupt-controller", 20) ||
		    !strncmp(name, "pci", 3))
			continue;	/* emulated, or RAM (checked above) */
		addr = cells_value(reg, 2);
		size = cells_value(reg + 2, 2);
		if (!region_of(p, addr, size))
			fail_msg("%s: %s at 0x%llx+0x%llx is not granted by %s",
				 p->dtb_path, name, (unsigned long long)addr,
				 (unsigned long long)size, p->cell_path);
		checked++;
	}
	assert_true(checked > 0);	/* at least the console */
}

static void spis_granted_to_cell(void **state)
{
	const struct pair *p = *state;
	int off, len, i;

	fdt_for_each_subnode(off, p->dtb, 0) {
		const fdt32_t *irq = fdt_getprop(p->dtb, off, "interrupts",
						 &len);

		for (i = 0; irq && i + 3 <= len / 4; i += 3) {
			uint32_t intid = 32 + fdt32_to_cpu(irq[i + 1]);

			if (fdt32_to_cpu(irq[i]) != 0)
				continue;	/* PPIs are per CPU */
			if (!spi_granted(p, intid))
				fail_msg("%s: %s uses SPI %u (INTID %u), not "
					 "granted by %s", p->dtb_path,
					 fdt_get_name(p->dtb, off, NULL),
					 intid - 32, intid, p->cell_path);
		}
	}
}

static void pci_intx_matches_vpci_irq_base(void **state)
{
	const struct pair *p = *state;
	const fdt32_t *map;
	int off, len, pin;

	off = fdt_node_offset_by_compatible(p->dtb, -1,
					    "pci-host-ecam-generic");
	if (!p->cell->num_pci_devices) {
		assert_true(off < 0);
		return;
	}
	assert_true(off >= 0);
	map = fdt_getprop(p->dtb, off, "interrupt-map", &len);
	/* child unit address (3) + pin (1) + parent phandle (1) + 3 cells */
	assert_true(map && len == 4 * 8 * 4);
	for (pin = 1; pin <= 4; pin++, map += 8) {
		uint32_t spi = fdt32_to_cpu(map[6]);
		uint32_t want = p->cell->vpci_irq_base + pin - 1;

		assert_int_equal(fdt32_to_cpu(map[3]), pin);
		assert_int_equal(fdt32_to_cpu(map[5]), 0);	/* SPI */
		if (spi != want)
			fail_msg("%s: INTx pin %d is SPI %u, the hypervisor "
				 "raises SPI %u (vpci_irq_base %u of %s)",
				 p->dtb_path, pin, spi, want,
				 p->cell->vpci_irq_base, p->cell_path);
		assert_int_equal(fdt32_to_cpu(map[7]), 1);	/* edge */
	}
	/* the pins the devices use must be the cell's */
	for (pin = 0; pin < (int)p->cell->num_pci_devices; pin++)
		if (!spi_granted(p, 32 + p->cell->vpci_irq_base + pin))
			fail_msg("%s: INTx SPI %u not granted", p->cell_path,
				 p->cell->vpci_irq_base + pin);
}

/*
 * The seed's perf benchmark runs in the Linux inmates: every tree
 * describes its CPUs' PMU (Cortex-A53 or the generic PMUv3) with PPI 7
 * (INTID 23, per CPU, so no cell grants it; PLATFORM.md).
 */
#define PMU_PPI		7

static void pmu_described(void **state)
{
	const struct pair *p = *state;
	const fdt32_t *irq;
	int off, len;

	off = fdt_node_offset_by_compatible(p->dtb, -1, "arm,cortex-a53-pmu");
	if (off < 0)
		off = fdt_node_offset_by_compatible(p->dtb, -1,
						    "arm,armv8-pmuv3");
	if (off < 0)
		fail_msg("%s: no PMU node (arm,cortex-a53-pmu or "
			 "arm,armv8-pmuv3), expected one for perf in the "
			 "inmate", p->dtb_path);
	irq = fdt_getprop(p->dtb, off, "interrupts", &len);
	if (!irq || len != 12 || fdt32_to_cpu(irq[0]) != 1 ||
	    fdt32_to_cpu(irq[1]) != PMU_PPI)
		fail_msg("%s: the PMU node's interrupt is not PPI %d",
			 p->dtb_path, PMU_PPI);
}

static void cpus_match(void **state)
{
	const struct pair *p = *state;
	int off, cpus = 0, want = 0;
	uint32_t n;

	for (n = 0; n < p->cell->cpu_set_size * 8; n++)
		if (jailhouse_cell_has_cpu(p->cell, n))
			want++;
	off = fdt_path_offset(p->dtb, "/cpus");
	assert_true(off >= 0);
	fdt_for_each_subnode(off, p->dtb, off)
		cpus++;
	assert_int_equal(cpus, want);
}

int main(int argc, char **argv)
{
	struct CMUnitTest *tests;
	struct pair *pairs;
	int n, npairs = (argc - 1) / 2, t = 0, ret;
	static const struct {
		const char *name;
		CMUnitTestFunction fn;
	} checks[] = {
		{ "memory", memory_inside_cell_ram },
		{ "devices", devices_inside_cell_regions },
		{ "spis", spis_granted_to_cell },
		{ "pci-intx", pci_intx_matches_vpci_irq_base },
		{ "cpus", cpus_match },
		{ "pmu", pmu_described },
	};
	const int nchecks = sizeof(checks) / sizeof(checks[0]);

	if (argc < 3 || argc % 2 == 0) {
		fprintf(stderr, "usage: %s CELL DTB [CELL DTB ...]\n",
			argv[0]);
		return 2;
	}
	pairs = calloc(npairs, sizeof(*pairs));
	tests = calloc(npairs * nchecks, sizeof(*tests));
	if (!pairs || !tests)
		return 1;
	for (n = 0; n < npairs; n++) {
		char *base = strrchr(argv[2 + 2 * n], '/');
		int c;

		pairs[n].cell_path = argv[1 + 2 * n];
		pairs[n].dtb_path = argv[2 + 2 * n];
		base = base ? base + 1 : argv[2 + 2 * n];
		for (c = 0; c < nchecks; c++, t++) {
			char *name = malloc(strlen(base) + 32);

			if (!name)
				return 1;
			sprintf(name, "%s-%s", base, checks[c].name);
			tests[t].name = name;
			tests[t].test_func = checks[c].fn;
			tests[t].setup_func = setup;
			tests[t].teardown_func = teardown;
			tests[t].initial_state = &pairs[n];
		}
	}
	ret = _cmocka_run_group_tests("inmate-dtb", tests, t, NULL, NULL);
	for (n = 0; n < t; n++)
		free((char *)tests[n].name);
	free(tests);
	free(pairs);
	return ret;
}
