// SPDX-License-Identifier: MIT
/*
 * The config validator against the real root cell configs and mutations
 * of them: every refusal must say what was wrong and what was expected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jailhouse/config-check.h>

struct cfg {
	const void *data;
	size_t size;
};

extern char cfg_qemu_arm64[], cfg_k3_am625_sk[], cfg_k3_am62p5_sk[];
extern char cfg_qemu_arm64_linux_demo[], cfg_k3_am625_sk_linux_demo[];

static char msg[4096];

static void report(void *ctx, const char *fmt, ...)
{
	size_t len = strlen(msg);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg + len, sizeof(msg) - len, fmt, ap);
	va_end(ap);
}

static size_t cfg_size(const void *c)
{
	return jailhouse_system_config_size(c);
}

static int check(const void *c, size_t size)
{
	msg[0] = 0;
	return jailhouse_check_system_config(c, size, JAILHOUSE_ARM64, report,
					     NULL);
}

static struct jailhouse_system *copy_qemu(size_t *size)
{
	*size = cfg_size(cfg_qemu_arm64);
	return memcpy(malloc(*size), cfg_qemu_arm64, *size);
}

static struct jailhouse_memory *region(struct jailhouse_system *s,
				       unsigned int n)
{
	return (struct jailhouse_memory *)
		jailhouse_cell_mem_regions(&s->root_cell) + n;
}

#define EXPECT_REFUSED(sys, size, text) do {				\
	assert_int_equal(check(sys, size), -JH_CHECK_EINVAL);		\
	if (!strstr(msg, text))						\
		fail_msg("message \"%s\" lacks \"%s\"", msg, text);	\
} while (0)

static void test_valid_configs(void **state)
{
	assert_int_equal(check(cfg_qemu_arm64, cfg_size(cfg_qemu_arm64)), 0);
	assert_int_equal(check(cfg_k3_am625_sk, cfg_size(cfg_k3_am625_sk)), 0);
	assert_int_equal(check(cfg_k3_am62p5_sk, cfg_size(cfg_k3_am62p5_sk)),
			 0);
	assert_string_equal(msg, "");
}

static void test_qemu_layout(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_qemu_arm64;
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(&s->root_cell);
	unsigned int n, ram = 0;

	assert_int_equal(s->hypervisor_memory.phys_start, 0xdfc00000);
	assert_int_equal(s->hypervisor_memory.size, 0x400000);
	assert_int_equal(s->platform_info.arm.gicd_base, 0x08000000);
	assert_int_equal(s->platform_info.arm.gicr_base, 0x080a0000);
	assert_int_equal(s->debug_console.address, 0x09000000);
	for (n = 0; n < s->root_cell.num_memory_regions; n++) {
		/* nothing of the root cell touches the PL011 or the GIC */
		assert_false(mem[n].phys_start <= 0x09000000 &&
			     mem[n].phys_start + mem[n].size > 0x09000000);
		assert_false(mem[n].phys_start < 0x08200000 &&
			     mem[n].phys_start + mem[n].size > 0x08000000);
		if (mem[n].phys_start == 0x40000000 &&
		    mem[n].phys_start + mem[n].size == 0xdfa00000)
			ram = 1;
	}
	assert_true(ram);
	assert_int_equal(cfg_size(s), 1280);
}

static void test_signature(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);

	s->signature[0] = 'X';
	EXPECT_REFUSED(s, size, "wrong signature \"XHSYS\", expected "
		       "\"JHSYS\"");
	memcpy(s->signature, "JHCLL", 5);
	EXPECT_REFUSED(s, size, "this is a cell config");
	free(s);
}

static void test_revision_arch(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);

	s->revision = 13;
	EXPECT_REFUSED(s, size, "config revision 13, expected 14");
	s->revision = JAILHOUSE_CONFIG_REVISION;
	s->architecture = JAILHOUSE_X86;
	EXPECT_REFUSED(s, size, "architecture 0 (x86), expected 2 (arm64)");
	free(s);
}

static void test_sizes(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);

	EXPECT_REFUSED(s, 100, "smaller than the 488-byte system config");
	EXPECT_REFUSED(s, size - 1, "describes 1280 bytes but the file has "
		       "1279 (truncated file)");
	s = realloc(s, size + 8);
	EXPECT_REFUSED(s, size + 8, "(trailing garbage)");
	free(s);
}

static void test_memory_regions(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);
	struct jailhouse_memory saved = *region(s, 18);

	/* inmate RAM moved onto the hypervisor */
	region(s, 18)->phys_start = 0xdfe00000;
	EXPECT_REFUSED(s, size, "root memory region 18 (0xdfe00000-0xffdfffff)"
		       " overlaps the hypervisor memory (0xdfc00000-0xdfffffff)");
	*region(s, 18) = saved;

	/* two regions at the same guest address */
	region(s, 10)->virt_start = region(s, 9)->virt_start;
	EXPECT_REFUSED(s, size, "memory regions 9 (virt 0x9010000-0x9010fff)"
		       " and 10");
	free(s);
	s = copy_qemu(&size);

	region(s, 17)->phys_start += 0x800;
	EXPECT_REFUSED(s, size, "memory region 17: phys_start 0x40000800 is "
		       "not page aligned");
	free(s);
	s = copy_qemu(&size);
	region(s, 17)->size = 0;
	EXPECT_REFUSED(s, size, "memory region 17 (phys 0x40000000): size is "
		       "0");
	free(s);
}

static void test_cpus_name_console(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);
	unsigned long long zero = 0;

	memcpy((void *)jailhouse_cell_cpu_set(&s->root_cell), &zero, 8);
	EXPECT_REFUSED(s, size, "CPU set is empty");
	free(s);
	s = copy_qemu(&size);
	memset(s->root_cell.name, 'a', sizeof(s->root_cell.name));
	EXPECT_REFUSED(s, size, "cell name is not NUL-terminated");
	free(s);
	s = copy_qemu(&size);
	s->debug_console.type = 77;
	EXPECT_REFUSED(s, size, "debug console type 77 unknown");
	free(s);
}

static void test_platform(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);
	struct jailhouse_irqchip *chip;

	s->platform_info.arm.gic_version = 4;
	EXPECT_REFUSED(s, size, "GIC version 4, expected 2 or 3");
	s->platform_info.arm.gic_version = 3;
	s->platform_info.arm.maintenance_irq = 40;
	EXPECT_REFUSED(s, size, "maintenance IRQ 40, expected a PPI");
	s->platform_info.arm.maintenance_irq = 25;
	s->hypervisor_memory.size = 0x1000;
	EXPECT_REFUSED(s, size, "expected page aligned and at least 1 MiB");
	free(s);
	s = copy_qemu(&size);
	chip = (struct jailhouse_irqchip *)
		jailhouse_cell_irqchips(&s->root_cell);
	chip[1].pin_base = 960;
	EXPECT_REFUSED(s, size, "irqchip 1: pin_base 960 out of range");
	free(s);
}

static void test_ivshmem(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);
	struct jailhouse_pci_device *dev = (struct jailhouse_pci_device *)
		jailhouse_cell_pci_devices(&s->root_cell);

	dev[1].shmem_regions_start = 17;
	EXPECT_REFUSED(s, size, "ivshmem device 1: memory regions 17..20 "
		       "beyond the 19 declared");
	dev[1].shmem_regions_start = 5;
	dev[1].shmem_dev_id = 2;
	EXPECT_REFUSED(s, size, "ivshmem device 1: id 2 with 2 peers");
	free(s);
}

static void test_cell_config(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_qemu_arm64;

	msg[0] = 0;
	/* the root cell descriptor alone is not a valid cell config file */
	assert_int_equal(jailhouse_check_cell_config(s, cfg_size(s),
		JAILHOUSE_ARM64, report, NULL), -JH_CHECK_EINVAL);
	assert_non_null(strstr(msg, "this is a system config"));
}

static int check_pair(const void *sys, const void *cell)
{
	msg[0] = 0;
	return jailhouse_check_cell_for_system(sys, cell, report, NULL);
}

static struct jailhouse_cell_desc *copy_linux_demo(void)
{
	const struct jailhouse_cell_desc *c = (const void *)
		cfg_qemu_arm64_linux_demo;
	size_t size = jailhouse_cell_config_size(c);

	return memcpy(malloc(size), c, size);
}

#define EXPECT_PAIR_REFUSED(sys, cell, text) do {			\
	assert_int_equal(check_pair(sys, cell), -JH_CHECK_EINVAL);	\
	if (!strstr(msg, text))						\
		fail_msg("message \"%s\" lacks \"%s\"", msg, text);	\
} while (0)

static void *copy_cfg(const void *c, size_t size)
{
	return memcpy(malloc(size), c, size);
}

/* The index of the root region starting at @phys. */
static struct jailhouse_memory *region_at(struct jailhouse_system *s,
					  __u64 phys)
{
	unsigned int n;

	for (n = 0; n < s->root_cell.num_memory_regions; n++)
		if (region(s, n)->phys_start == phys)
			return region(s, n);
	fail_msg("no root region at 0x%llx", (unsigned long long)phys);
	return NULL;
}

/* The seed's GIC windows (ITS, redistributors of CPUs 1-3) are refused. */
static void test_gic_overlap(void **state)
{
	size_t size = cfg_size(cfg_k3_am625_sk);
	struct jailhouse_system *s = copy_cfg(cfg_k3_am625_sk, size);
	struct jailhouse_memory *m = region_at(s, 0x02800000);

	m->phys_start = m->virt_start = 0x018a0000;
	m->size = 0x60000;
	EXPECT_REFUSED(s, size, "cell \"k3-am625-sk\": memory region ");
	EXPECT_REFUSED(s, size, "(0x18a0000-0x18fffff) overlaps the "
		       "interrupt controller's redistributors (0x1880000-"
		       "0x18fffff)");
	m->phys_start = m->virt_start = 0x01810000;
	m->size = 0x70000;
	EXPECT_REFUSED(s, size, "(0x1810000-0x187ffff) overlaps the "
		       "interrupt controller's frames between distributor "
		       "and redistributors (ITS) (0x1810000-0x187ffff)");
	m->phys_start = m->virt_start = 0x01800000;
	m->size = 0x1000;
	EXPECT_REFUSED(s, size, "overlaps the interrupt controller's "
		       "distributor (0x1800000-0x180ffff)");
	free(s);

	/* a non-root cell with a window on the QEMU board's GICR */
	{
		struct jailhouse_cell_desc *c = copy_linux_demo();
		struct jailhouse_memory *mem = (struct jailhouse_memory *)
			jailhouse_cell_mem_regions(c);
		unsigned int n;

		for (n = 0; n < c->num_memory_regions; n++)
			if (mem[n].flags & JAILHOUSE_MEM_IO)
				break;
		assert_true(n < c->num_memory_regions);
		mem[n].phys_start = 0x080c0000;
		EXPECT_PAIR_REFUSED(cfg_qemu_arm64, c,
				    "overlaps the interrupt controller's "
				    "redistributors (0x80a0000-0x811ffff)");
		free(c);
	}
}

static struct jailhouse_irqchip *chip_of(struct jailhouse_cell_desc *c,
					 unsigned int intid)
{
	struct jailhouse_irqchip *chip = (struct jailhouse_irqchip *)
		jailhouse_cell_irqchips(c);
	unsigned int n;

	for (n = 0; n < c->num_irqchips; n++)
		if (intid >= chip[n].pin_base &&
		    intid < chip[n].pin_base + JAILHOUSE_IRQCHIP_PINS)
			return &chip[n];
	fail_msg("no irqchip for INTID %u", intid);
	return NULL;
}

static void grant(struct jailhouse_cell_desc *c, unsigned int intid)
{
	struct jailhouse_irqchip *chip = chip_of(c, intid);
	unsigned int bit = intid - chip->pin_base;

	chip->pin_bitmap[bit / 32] |= 1u << (bit % 32);
}

/* A vPCI SPI must not be a device line of a cell. */
static void test_vpci_spis(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_k3_am625_sk;
	const struct jailhouse_cell_desc *demo = (const void *)
		cfg_k3_am625_sk_linux_demo;
	size_t size = jailhouse_cell_config_size(demo);
	struct jailhouse_cell_desc *c;

	/* the cell takes the root's INTx pin 1 for a device */
	c = copy_cfg(demo, size);
	grant(c, 32 + s->root_cell.vpci_irq_base);
	EXPECT_PAIR_REFUSED(s, c, "irqchip 0 grants SPI 192 (INTID 224), "
			    "virtual PCI INTx pin 1 of the root cell "
			    "\"k3-am625-sk\" (vpci_irq_base 192)");
	free(c);

	/* its own INTx pin 4, which neither virtual device (slots 0, 1) uses */
	c = copy_cfg(demo, size);
	grant(c, 32 + c->vpci_irq_base + 3);
	EXPECT_PAIR_REFUSED(s, c, "irqchip 0 grants SPI 199 (INTID 231), "
			    "its own virtual PCI INTx pin 4 (vpci_irq_base "
			    "196) that no virtual device uses");
	free(c);
}

static void test_cell_for_system(void **state)
{
	struct jailhouse_cell_desc *c;
	struct jailhouse_memory *mem;
	unsigned int n;

	/* each Linux demo cell fits its own board's root cell */
	assert_int_equal(check_pair(cfg_qemu_arm64, cfg_qemu_arm64_linux_demo),
			 0);
	assert_int_equal(check_pair(cfg_k3_am625_sk,
				    cfg_k3_am625_sk_linux_demo), 0);
	/* ... and not another board's */
	EXPECT_PAIR_REFUSED(cfg_qemu_arm64, cfg_k3_am625_sk_linux_demo,
		"irqchip 0 at 0x1800000 is not this system's interrupt "
		"controller 0x8000000 (a config for another board?)");
	EXPECT_PAIR_REFUSED(cfg_k3_am625_sk, cfg_qemu_arm64_linux_demo,
		"is not this system's interrupt controller 0x1800000");

	c = copy_linux_demo();
	*(__u8 *)jailhouse_cell_cpu_set(c) |= 1;
	EXPECT_PAIR_REFUSED(cfg_qemu_arm64, c, "CPU 0 is the root cell's own");
	free(c);

	c = copy_linux_demo();
	*(__u8 *)jailhouse_cell_cpu_set(c) |= 0x10;
	EXPECT_PAIR_REFUSED(cfg_qemu_arm64, c,
			    "CPU 4 is not the root cell's");
	free(c);

	/* the Linux RAM region moved beyond the root's RAM */
	c = copy_linux_demo();
	mem = (struct jailhouse_memory *)jailhouse_cell_mem_regions(c);
	for (n = 0; n < c->num_memory_regions; n++)
		if (mem[n].phys_start == 0xe0000000)
			mem[n].phys_start = 0x140000000ULL;
	EXPECT_PAIR_REFUSED(cfg_qemu_arm64, c,
			    "0x140000000 is not RAM of the root cell");
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_configs),
		cmocka_unit_test(test_qemu_layout),
		cmocka_unit_test(test_signature),
		cmocka_unit_test(test_revision_arch),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_memory_regions),
		cmocka_unit_test(test_cpus_name_console),
		cmocka_unit_test(test_platform),
		cmocka_unit_test(test_ivshmem),
		cmocka_unit_test(test_gic_overlap),
		cmocka_unit_test(test_vpci_spis),
		cmocka_unit_test(test_cell_config),
		cmocka_unit_test(test_cell_for_system),
	};

	return cmocka_run_group_tests_name("config-check", tests, NULL, NULL);
}
