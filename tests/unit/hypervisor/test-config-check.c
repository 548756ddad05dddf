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
extern char cfg_compat_smmu_root[], cfg_compat_pvu_cell[];

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


/*
 * Crafted files that read out of bounds before the counts were capped and
 * the sizes summed in 64 bits (ASan: heap-buffer-overflow / SEGV).
 */
static void test_wrapping_cell_size(void **state)
{
	struct jailhouse_cell_desc *c = calloc(1, 140);

	memcpy(c->signature, JAILHOUSE_CELL_DESC_SIGNATURE, 5);
	c->architecture = JAILHOUSE_ARM64;
	c->revision = JAILHOUSE_CONFIG_REVISION;
	strcpy(c->name, "wrap");
	c->cpu_set_size = 8;
	((unsigned char *)c)[132] = 0x2;
	/* 2^27 regions of 32 bytes: the 32-bit size sum is 140 again */
	c->num_memory_regions = 1u << 27;
	msg[0] = 0;
	assert_int_equal(jailhouse_check_cell_config(c, 140, JAILHOUSE_ARM64,
						     report, NULL),
			 -JH_CHECK_EINVAL);
	if (!strstr(msg, "cell \"wrap\": num_memory_regions is 134217728, "
		    "expected at most 4096"))
		fail_msg("message \"%s\"", msg);
	free(c);
}

/*
 * Each count raised by a value whose share of the 32-bit size sum wraps to
 * 0: the sum still matched the file and the tables were read past its end.
 */
static void test_wrapping_counts(void **state)
{
	static const struct {
		size_t offset;
		__u32 add;
		const char *name;
	} cases[] = {
		{ offsetof(struct jailhouse_cell_desc, num_memory_regions),
		  1u << 27, "num_memory_regions" },
		{ offsetof(struct jailhouse_cell_desc, num_cache_regions),
		  1u << 30, "num_cache_regions" },
		{ offsetof(struct jailhouse_cell_desc, num_irqchips),
		  1u << 27, "num_irqchips" },
		{ offsetof(struct jailhouse_cell_desc, num_pio_regions),
		  1u << 30, "num_pio_regions" },
		{ offsetof(struct jailhouse_cell_desc, num_pci_devices),
		  1u << 29, "num_pci_devices" },
		{ offsetof(struct jailhouse_cell_desc, num_pci_caps),
		  1u << 29, "num_pci_caps" },
		{ offsetof(struct jailhouse_cell_desc, num_stream_ids),
		  1u << 30, "num_stream_ids" },
	};
	char text[80];
	unsigned int n;
	size_t size;

	for (n = 0; n < sizeof(cases) / sizeof(cases[0]); n++) {
		struct jailhouse_system *s = copy_qemu(&size);
		__u32 *field = (__u32 *)((char *)&s->root_cell +
					 cases[n].offset);

		*field += cases[n].add;
		snprintf(text, sizeof(text), "%s is %u, expected at most",
			 cases[n].name, *field);
		EXPECT_REFUSED(s, size, text);
		free(s);
	}
}

/*
 * Bit flips of a system config: one in num_cache_regions moved the
 * irqchip table 12 GiB away and check_irqchips segfaulted ("jailhouse
 * config check" exited 139); one in num_irqchips read irqchips past the
 * table.
 */
static void test_bitflips(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);

	s->root_cell.num_cache_regions ^= 1u << 30;
	EXPECT_REFUSED(s, size, "cell \"qemu-arm64\": num_cache_regions is "
		       "1073741824, expected at most 256");
	free(s);
	s = copy_qemu(&size);
	s->root_cell.num_irqchips ^= 1u << 27;
	EXPECT_REFUSED(s, size, "cell \"qemu-arm64\": num_irqchips is "
		       "134217730, expected at most 64");
	free(s);
}

/*
 * The counts are checked before the name: a header of 0xff bytes past its
 * revision must not make the message read the name past the buffer.
 */
static void test_count_message_unterminated_name(void **state)
{
	struct jailhouse_system *s = malloc(sizeof(*s));
	char name[40];

	memset(s, 0xff, sizeof(*s));
	memcpy(s->signature, JAILHOUSE_SYSTEM_SIGNATURE, 5);
	s->architecture = JAILHOUSE_ARM64;
	s->revision = JAILHOUSE_CONFIG_REVISION;
	memset(name, 0xff, 32);
	name[32] = 0;
	EXPECT_REFUSED(s, sizeof(*s), "cpu_set_size is 4294967295, expected "
		       "at most 128");
	assert_non_null(strstr(msg, name));
	assert_null(strstr(msg, "\xff\xff\xff\xff\xff\xff\xff\xff\xff"
			    "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
			    "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
			    "\xff\xff"));
	free(s);
}

/* pin_base + 128 wrapped in 32 bits and passed the range check */
static void test_pin_base_wrap(void **state)
{
	size_t size;
	struct jailhouse_system *s = copy_qemu(&size);
	struct jailhouse_irqchip *chip = (struct jailhouse_irqchip *)
		jailhouse_cell_irqchips(&s->root_cell);

	chip[0].pin_base = 0xffffffc0;
	EXPECT_REFUSED(s, size, "irqchip 0: pin_base 4294967232 out of range");
	free(s);
}

static void test_short_descriptor(void **state)
{
	msg[0] = 0;
	assert_int_equal(jailhouse_check_cell_desc((const void *)
		cfg_qemu_arm64_linux_demo, 100, report, NULL),
		-JH_CHECK_EINVAL);
	assert_non_null(strstr(msg, "cell descriptor of 100 bytes, smaller "
			       "than its 132-byte header"));
}

/* Published-style configs (compat/): stream ids, zero irqchip entries. */
static const struct jailhouse_cell_desc *compat_cell(void)
{
	return (const void *)cfg_compat_pvu_cell;
}

static void test_compat_published_style(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_compat_smmu_root;
	const union jailhouse_stream_id *sid;

	assert_int_equal(check(s, cfg_size(s)), 0);
	msg[0] = 0;
	assert_int_equal(jailhouse_check_cell_config(compat_cell(),
		jailhouse_cell_config_size(compat_cell()), JAILHOUSE_ARM64,
		report, NULL), 0);
	assert_int_equal(check_pair(s, compat_cell()), 0);
	assert_string_equal(msg, "");

	/* the published layout: u32 id, or u16 id then u16 mask_out */
	sid = jailhouse_cell_stream_ids(&s->root_cell);
	assert_int_equal(s->root_cell.num_stream_ids, 3);
	assert_int_equal(sid[1].mmu500.id, 0x880);
	assert_int_equal(sid[1].mmu500.mask_out, 0x7);
	assert_int_equal(sid[1].id, 0x00070880);
	assert_int_equal(sid[2].id, 0x4800);
	assert_int_equal(jailhouse_cell_stream_ids(compat_cell())[1].id,
			 0x4801);
	assert_int_equal(cfg_size(s), 488 + 8 + 4 * 32 + 3 * 32 + 3 * 4);
}

static struct jailhouse_cell_desc *copy_compat_cell(size_t *size)
{
	*size = jailhouse_cell_config_size(compat_cell());
	return memcpy(malloc(*size), compat_cell(), *size);
}

static int check_cell(const void *c, size_t size, unsigned int arch)
{
	msg[0] = 0;
	return jailhouse_check_cell_config(c, size, arch, report, NULL);
}

#define EXPECT_CELL_REFUSED(c, size, text) do {				\
	assert_int_equal(check_cell(c, size, JAILHOUSE_ARM64),		\
			 -JH_CHECK_EINVAL);				\
	if (!strstr(msg, text))						\
		fail_msg("message \"%s\" lacks \"%s\"", msg, text);	\
} while (0)

/* what is accepted for compatibility does not let real errors through */
static void test_compat_real_errors(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_compat_smmu_root;
	struct jailhouse_cell_desc *c;
	struct jailhouse_irqchip *chip;
	struct jailhouse_memory *mem;
	size_t size;

	/* an arm64 config is refused on arm */
	c = copy_compat_cell(&size);
	assert_int_equal(check_cell(c, size, JAILHOUSE_ARM), -JH_CHECK_EINVAL);
	assert_non_null(strstr(msg, "architecture 2 (arm64), expected 1 "
			       "(arm)"));
	free(c);

	/* RAM over the UART in the guest address space */
	c = copy_compat_cell(&size);
	mem = (struct jailhouse_memory *)jailhouse_cell_mem_regions(c);
	mem[1].virt_start = 0x02800000;
	EXPECT_CELL_REFUSED(c, size, "memory regions 0 (virt 0x2810000-"
			    "0x2810fff) and 1 (virt 0x2800000-0x28fffff) "
			    "overlap");
	free(c);

	/* a used entry is still checked: pins but no address */
	c = copy_compat_cell(&size);
	chip = (struct jailhouse_irqchip *)jailhouse_cell_irqchips(c);
	chip[1].pin_bitmap[0] = 1;
	EXPECT_CELL_REFUSED(c, size, "irqchip 1: pin_base 0 out of range");
	chip[1].pin_base = 64;
	EXPECT_CELL_REFUSED(c, size, "irqchip 1: address is 0");
	/* ... and one at another board's distributor is refused */
	chip[1].address = 0x08000000;
	assert_int_equal(check_cell(c, size, JAILHOUSE_ARM64), 0);
	EXPECT_PAIR_REFUSED(s, c, "irqchip 1 at 0x8000000 is not this "
			    "system's interrupt controller 0x1800000");
	free(c);
}

/*
 * The shared helpers of cell-config.h every consumer uses instead of its
 * own copy: the CPU-set bit test (bounded by cpu_set_size) and the range
 * overlap test (half-open ranges, an empty range overlaps nothing).
 */
static void test_shared_helpers(void **state)
{
	const struct jailhouse_system *s = (const void *)cfg_qemu_arm64;
	const struct jailhouse_cell_desc *root = &s->root_cell;
	unsigned int cpu;

	for (cpu = 0; cpu < 4; cpu++)
		assert_true(jailhouse_cell_has_cpu(root, cpu));
	for (cpu = 4; cpu < root->cpu_set_size * 8; cpu++)
		assert_false(jailhouse_cell_has_cpu(root, cpu));
	/* past the set: not read, not claimed */
	assert_false(jailhouse_cell_has_cpu(root, root->cpu_set_size * 8));
	assert_false(jailhouse_cell_has_cpu(root, ~0u));

	assert_true(jailhouse_ranges_overlap(0x1000, 0x1000, 0x1fff, 1));
	assert_true(jailhouse_ranges_overlap(0x1fff, 1, 0x1000, 0x1000));
	assert_true(jailhouse_ranges_overlap(0, 0x10000, 0x1000, 0x10));
	assert_false(jailhouse_ranges_overlap(0x1000, 0x1000, 0x2000, 1));
	assert_false(jailhouse_ranges_overlap(0x2000, 1, 0x1000, 0x1000));
	assert_false(jailhouse_ranges_overlap(0x1000, 0, 0x0, 0x10000));
	assert_false(jailhouse_ranges_overlap(0x0, 0x10000, 0x1000, 0));
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
		cmocka_unit_test(test_wrapping_cell_size),
		cmocka_unit_test(test_wrapping_counts),
		cmocka_unit_test(test_bitflips),
		cmocka_unit_test(test_count_message_unterminated_name),
		cmocka_unit_test(test_pin_base_wrap),
		cmocka_unit_test(test_short_descriptor),
		cmocka_unit_test(test_compat_published_style),
		cmocka_unit_test(test_compat_real_errors),
		cmocka_unit_test(test_shared_helpers),
	};

	return cmocka_run_group_tests_name("config-check", tests, NULL, NULL);
}
