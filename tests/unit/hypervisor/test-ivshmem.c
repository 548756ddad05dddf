// SPDX-License-Identifier: MIT
/*
 * Virtual PCI and ivshmem v2 (hypervisor/core/pci.c, core/ivshmem.c, with
 * core/mmio.c dispatching): config space as a driver probes it, BAR0
 * sizing and placement, the register page, doorbells and state changes
 * between two cells, one-shot interrupts, peers going away.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/pci.h>

#define ECAM		0x08e00000ULL
#define BAR0		0x10000000ULL
#define SHMEM_VIRT	0xdfa00000ULL
#define REGION		0x1000

/* ---- what the core code needs from the rest of the hypervisor ---- */

static struct jailhouse_system sys = {
	.platform_info = { .pci_mmconfig_base = ECAM },
};
const struct jailhouse_system *system_config = &sys;

static struct { struct cell *cell; unsigned int intid; } injected[16];
static unsigned int num_injected;

void arch_inject_virq(struct cell *cell, unsigned int intid)
{
	assert_true(num_injected < 16);
	injected[num_injected].cell = cell;
	injected[num_injected++].intid = intid;
}

/* the last range the core cleaned to memory for cells with caches off */
static const volatile void *flushed;
static unsigned long flushed_size;

void arch_dcache_flush(const volatile void *addr, unsigned long size)
{
	flushed = addr;
	flushed_size = size;
}

int arch_map_hv_memory(u64 phys, u64 size)
{
	return 0;
}

void arch_unmap_hv_memory(u64 phys, u64 size)
{
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- two cells sharing the 3-peer device 00:00.0 ---- */

struct test_cell {
	struct jailhouse_cell_desc desc;
	__u64 cpus[1];
	struct jailhouse_memory mem[5];
	struct jailhouse_pci_device pci[1];
} __attribute__((packed));

static u32 *shmem;	/* state table, R/W, 3 outputs: one page each */
static struct test_cell cfg[3];
static struct cell cells[3];

static void make_cell(unsigned int n, u8 peer_id, u32 irq_base)
{
	struct test_cell *c = &cfg[n];
	unsigned int r;

	memset(c, 0, sizeof(*c));
	snprintf(c->desc.name, sizeof(c->desc.name), "cell%u", n);
	c->desc.cpu_set_size = sizeof(c->cpus);
	c->desc.num_memory_regions = 5;
	c->desc.num_pci_devices = 1;
	c->desc.vpci_irq_base = irq_base;
	for (r = 0; r < 5; r++) {
		c->mem[r].phys_start = (u64)(uintptr_t)shmem + r * REGION;
		c->mem[r].virt_start = SHMEM_VIRT + r * REGION;
		c->mem[r].size = REGION;
	}
	c->pci[0].type = JAILHOUSE_PCI_TYPE_IVSHMEM;
	c->pci[0].bdf = 0;
	c->pci[0].bar_mask[0] = 0xfffff000;
	c->pci[0].shmem_regions_start = 0;
	c->pci[0].shmem_dev_id = peer_id;
	c->pci[0].shmem_peers = 3;
	memset(&cells[n], 0, sizeof(cells[n]));
	cells[n].config = &c->desc;
	strcpy(cells[n].name, c->desc.name);
}

static int setup(void **state)
{
	shmem = aligned_alloc(4096, 5 * REGION);
	memset(shmem, 0xaa, 5 * REGION);
	make_cell(0, 0, 96);
	make_cell(1, 1, 108);
	assert_int_equal(pci_cell_init(&cells[0]), 0);
	assert_int_equal(pci_cell_init(&cells[1]), 0);
	num_injected = 0;
	return 0;
}

static int teardown(void **state)
{
	pci_cell_exit(&cells[0]);
	pci_cell_exit(&cells[1]);
	free(shmem);
	return 0;
}

static u64 access(struct cell *cell, u64 addr, unsigned int size,
		  bool is_write, u64 value)
{
	struct mmio_access a = {
		.address = addr, .size = size, .is_write = is_write,
		.value = value,
	};

	assert_int_equal(mmio_handle_access(cell, &a), MMIO_HANDLED);
	return a.value;
}

static u32 cfg_read(unsigned int n, unsigned int reg, unsigned int size)
{
	return access(&cells[n], ECAM + reg, size, false, 0);
}

static void cfg_write(unsigned int n, unsigned int reg, unsigned int size,
		      u32 v)
{
	access(&cells[n], ECAM + reg, size, true, v);
}

static u32 reg_read(unsigned int n, unsigned int reg)
{
	return access(&cells[n], BAR0 + reg, 4, false, 0);
}

static void reg_write(unsigned int n, unsigned int reg, u32 v)
{
	access(&cells[n], BAR0 + reg, 4, true, v);
}

/* BAR0 at BAR0, memory decoding on, interrupts enabled */
static void bring_up(unsigned int n, bool oneshot)
{
	cfg_write(n, 0x10, 4, BAR0);
	cfg_write(n, 0x04, 2, 0x0002);
	if (oneshot)
		cfg_write(n, 0x43, 1, 0x01);
	reg_write(n, 0x08, 1);
}

static void test_config_space(void **state)
{
	assert_int_equal(cfg_read(0, 0x00, 4), 0x4106110a);
	assert_int_equal(cfg_read(0, 0x02, 2), 0x4106);
	assert_int_equal(cfg_read(0, 0x06, 2), 0x0010);
	assert_int_equal(cfg_read(0, 0x08, 4), 0xff000000);
	assert_int_equal(cfg_read(0, 0x0e, 1), 0);
	assert_int_equal(cfg_read(0, 0x34, 1), 0x40);
	assert_int_equal(cfg_read(0, 0x3d, 1), 1);	/* INTA */
	assert_int_equal(cfg_read(0, 0x40, 1), 0x09);
	assert_int_equal(cfg_read(0, 0x42, 1), 0x20);
	assert_int_equal(cfg_read(0, 0x44, 4), REGION);
	assert_int_equal(cfg_read(0, 0x48, 4), REGION);
	assert_int_equal(cfg_read(0, 0x50, 4), REGION);
	assert_int_equal(cfg_read(0, 0x58, 4), (u32)SHMEM_VIRT);
	assert_int_equal(cfg_read(0, 0x5c, 4), 0);
	/* 00:01.0 is not in the config: absent */
	assert_int_equal(cfg_read(0, 0x1 << 15, 4), 0xffffffff);
	/* only I/O, memory, bus master and INTx disable are writable */
	cfg_write(0, 0x04, 2, 0xffff);
	assert_int_equal(cfg_read(0, 0x04, 2), 0x0407);
	/* only the one-shot bit of the privileged control */
	cfg_write(0, 0x43, 1, 0xff);
	assert_int_equal(cfg_read(0, 0x43, 1), 0x01);
}

static void test_bar0(void **state)
{
	struct mmio_access a = { .address = BAR0, .size = 4 };

	cfg_write(0, 0x10, 4, 0xffffffff);
	assert_int_equal(cfg_read(0, 0x10, 4), 0xfffff000);
	cfg_write(0, 0x14, 4, 0xffffffff);
	assert_int_equal(cfg_read(0, 0x14, 4), 0);	/* no BAR1 */
	cfg_write(0, 0x10, 4, BAR0 | 0x123);
	assert_int_equal(cfg_read(0, 0x10, 4), BAR0);
	/* no memory decoding yet: nothing at BAR0 */
	assert_int_equal(mmio_handle_access(&cells[0], &a), MMIO_UNHANDLED);
	cfg_write(0, 0x04, 2, 0x0002);
	assert_int_equal(reg_read(0, 0x00), 0);		/* ID */
	assert_int_equal(reg_read(0, 0x04), 3);		/* maximum peers */
	/* 32-bit accesses only */
	a.size = 2;
	assert_int_equal(mmio_handle_access(&cells[0], &a), MMIO_ERROR);
	/* decoding off again: gone */
	cfg_write(0, 0x04, 2, 0);
	a.size = 4;
	assert_int_equal(mmio_handle_access(&cells[0], &a), MMIO_UNHANDLED);
}

static void test_doorbell(void **state)
{
	bring_up(0, false);
	cfg_write(1, 0x10, 4, BAR0);
	cfg_write(1, 0x04, 2, 0x0002);
	assert_int_equal(reg_read(1, 0x00), 1);
	/* interrupts of cell 1 not enabled yet */
	reg_write(0, 0x0c, 1 << 16);
	assert_int_equal(num_injected, 0);
	reg_write(1, 0x08, 1);
	reg_write(0, 0x0c, 1 << 16 | 1);	/* INTx: any vector */
	assert_int_equal(num_injected, 1);
	assert_ptr_equal(injected[0].cell, &cells[1]);
	assert_int_equal(injected[0].intid, 32 + 108);
	/* no peer 2, no peer 7: ignored */
	reg_write(0, 0x0c, 2 << 16);
	reg_write(0, 0x0c, 7 << 16);
	assert_int_equal(num_injected, 1);
	/* and back */
	reg_write(1, 0x0c, 0);
	assert_int_equal(num_injected, 2);
	assert_ptr_equal(injected[1].cell, &cells[0]);
	assert_int_equal(injected[1].intid, 32 + 96);
}

static void test_oneshot(void **state)
{
	bring_up(0, false);
	bring_up(1, true);
	reg_write(0, 0x0c, 1 << 16);
	reg_write(0, 0x0c, 1 << 16);
	assert_int_equal(num_injected, 1);
	assert_int_equal(reg_read(1, 0x08), 0);
	reg_write(1, 0x08, 1);		/* re-armed */
	reg_write(0, 0x0c, 1 << 16);
	assert_int_equal(num_injected, 2);
	/* INTx disabled in the command register: nothing */
	reg_write(1, 0x08, 1);
	cfg_write(1, 0x04, 2, 0x0402);
	reg_write(0, 0x0c, 1 << 16);
	assert_int_equal(num_injected, 2);
}

static void test_state(void **state)
{
	assert_int_equal(shmem[0], 0);	/* zeroed when the peers joined */
	assert_int_equal(shmem[1], 0);
	bring_up(0, false);
	bring_up(1, false);
	flushed = NULL;
	reg_write(1, 0x10, 2);
	assert_int_equal(shmem[1], 2);
	/* written back for a bare-metal peer that reads with caches off */
	assert_ptr_equal(flushed, &shmem[1]);
	assert_int_equal(flushed_size, sizeof(shmem[1]));
	assert_int_equal(reg_read(1, 0x10), 2);
	assert_int_equal(num_injected, 1);
	assert_ptr_equal(injected[0].cell, &cells[0]);
	/* peer 1 goes away: its entry is 0 again, peer 0 hears of it */
	pci_cell_exit(&cells[1]);
	assert_int_equal(shmem[1], 0);
	assert_int_equal(num_injected, 2);
	assert_ptr_equal(injected[1].cell, &cells[0]);
	/* a restarted cell's device is reset */
	reg_write(0, 0x10, 1);
	assert_int_equal(shmem[0], 1);
	pci_cell_reset(&cells[0]);
	assert_int_equal(shmem[0], 0);
	assert_int_equal(cfg_read(0, 0x04, 2), 0);
	assert_int_equal(cfg_read(0, 0x10, 4), 0);
}

static void test_peer_id_taken(void **state)
{
	make_cell(2, 1, 120);
	assert_int_equal(pci_cell_init(&cells[2]), -EBUSY);
	/* the link is intact */
	bring_up(0, false);
	bring_up(1, false);
	reg_write(0, 0x0c, 1 << 16);
	assert_int_equal(num_injected, 1);
	assert_ptr_equal(injected[0].cell, &cells[1]);
	/* once peer 1 is gone, its id is free again */
	pci_cell_exit(&cells[1]);
	make_cell(2, 1, 120);
	assert_int_equal(pci_cell_init(&cells[2]), 0);
	pci_cell_exit(&cells[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config_space, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bar0, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doorbell, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_oneshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_id_taken, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("ivshmem", tests, NULL, NULL);
}
