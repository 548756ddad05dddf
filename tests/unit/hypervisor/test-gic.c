// SPDX-License-Identifier: MIT
/*
 * The GICv3 code (hypervisor/arch/arm64/gic-*.c) against a GIC made of
 * host memory: the distributor and one redistributor frame are buffers,
 * the CPU interface registers are mocks (include-gic/asm/sysregs.h).
 *
 * The real SoC (AM62x) has a GIC-600 with an ITS. What is checked:
 *  - an acknowledged LPI (INTID >= 8192) or reserved INTID (1024-8191)
 *    never indexes a distributor register (an LPI "disabled" through
 *    GICD_ICENABLER + INTID / 32 * 4 lands in GICD_IPRIORITYR); an LPI
 *    is only priority-dropped (no active state) and reported once,
 *    naming the CPU and the INTID; the special INTIDs 1020-1023 end the
 *    acknowledge loop; an SPI the cell does not own is still disabled;
 *  - the path that takes interrupts from a cell disables SPIs only;
 *  - a cell sees a GIC without LPIs: GICD_TYPER.LPIS, GICR_TYPER.PLPIS
 *    and DirectLPI, GICR_CTLR.EnableLPIs read 0, PROPBASER/PENDBASER
 *    read 0 and writes to them or to GICR_CTLR never reach the GIC;
 *  - an access to the ITS frames is refused with a message naming them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/sysregs.h>

#define GICD_SIZE	0x10000
#define GICR_SIZE	0x20000
#define ITS_OFFSET	0x20000		/* AM62x: GICD 0x01800000, ITS 0x01820000 */
#define GICR_OFFSET	0x80000		/* AM62x: GICR 0x01880000 */
#define MAINT_IRQ	25

/* distributor, ITS gap and one redistributor frame, as on the AM62x */
static u8 gic_mem[GICR_OFFSET + GICR_SIZE] __aligned(0x10000);
static u8 gic_before[sizeof(gic_mem)];
#define GICD		((u64)gic_mem)
#define GICR		(GICD + GICR_OFFSET)

static struct jailhouse_system sys;
const struct jailhouse_system *system_config = &sys;
struct cell root_cell;
unsigned int num_cells = 1;
static struct per_cpu cpus[MAX_CPUS];
static struct jailhouse_cell_desc root_desc;	/* grants no SPI */

/* ---- what the GIC code needs from the rest of the hypervisor ---- */

struct per_cpu *per_cpu(unsigned int cpu)
{
	return &cpus[cpu];
}

struct per_cpu *this_cpu(void)
{
	return &cpus[0];
}

unsigned int cell_first_cpu(const struct cell *cell)
{
	return 0;
}

int arch_map_device(u64 phys, u64 size)
{
	return 0;
}

static char log_buf[4096];

void vprintk(const char *fmt, va_list ap)
{
	size_t len = strlen(log_buf);

	vsnprintf(log_buf + len, sizeof(log_buf) - len, fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

static unsigned int count(const char *s)
{
	const char *p = log_buf;
	unsigned int n = 0;

	while ((p = strstr(p, s))) {
		n++;
		p += strlen(s);
	}
	return n;
}

/* ---- the CPU interface: IAR1 hands out a queue, EOIR1/DIR recorded ---- */

static u64 iar_queue[8];
static unsigned int iar_next, iar_count;
static u64 eoi[8], dir[8];
static unsigned int num_eoi, num_dir;

u64 mock_read_sysreg(const char *name)
{
	if (!strcmp(name, ICC_IAR1_EL1))
		return iar_next < iar_count ? iar_queue[iar_next++] : 1023;
	if (!strcmp(name, ICH_VTR_EL2))
		return 3;	/* 4 list registers */
	return 0;
}

void mock_write_sysreg(const char *name, u64 value)
{
	if (!strcmp(name, ICC_EOIR1_EL1) && num_eoi < 8)
		eoi[num_eoi++] = value;
	if (!strcmp(name, ICC_DIR_EL1) && num_dir < 8)
		dir[num_dir++] = value;
}

static void take(const u64 *intids, unsigned int n)
{
	if (n)
		memcpy(iar_queue, intids, n * sizeof(*intids));
	iar_count = n;
	iar_next = num_eoi = num_dir = 0;
	log_buf[0] = 0;
	memcpy(gic_before, gic_mem, sizeof(gic_mem));
}

static bool dir_of(u64 intid)
{
	for (unsigned int n = 0; n < num_dir; n++)
		if (dir[n] == intid)
			return true;
	return false;
}

/* the offset of the first 32-bit register that changed, -1 if none */
static long changed_at(void)
{
	for (size_t n = 0; n < sizeof(gic_mem); n++)
		if (gic_mem[n] != gic_before[n])
			return (long)(n & ~3UL);
	return -1;
}

static u32 rd32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static void wr32(u64 addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

static void wr64(u64 addr, u64 v)
{
	*(volatile u64 *)addr = v;
}

static int setup(void **state)
{
	memset(gic_mem, 0, sizeof(gic_mem));
	/* a GIC-600 with LPIs: GICD_TYPER.LPIS, GICR_TYPER.PLPIS/DirectLPI */
	wr32(GICD + 0x0004, BIT(17) | 0x1f);
	wr64(GICR + 0x0008, BIT(4) | BIT(3) | BIT(0));	/* Last, aff 0 */
	wr32(GICR + 0x0000, BIT(0));		/* EnableLPIs (Linux set) */
	wr64(GICR + 0x0070, 0x80001234000ULL);	/* PROPBASER */
	wr64(GICR + 0x0078, 0x80005678000ULL);	/* PENDBASER */
	sys.platform_info.arm.gic_version = 3;
	sys.platform_info.arm.gicd_base = GICD;
	sys.platform_info.arm.gicr_base = GICR;
	sys.platform_info.arm.maintenance_irq = MAINT_IRQ;
	memset(&root_cell, 0, sizeof(root_cell));
	strcpy(root_cell.name, "root");
	root_cell.config = &root_desc;
	root_cell.cpus.bits[0] = 1;
	cpus[0].cell = &root_cell;
	cpus[0].entered = true;
	assert_int_equal(gic_init(), 0);
	assert_int_equal(gic_cpu_init(&cpus[0]), 0);
	assert_int_equal(gic_cell_init(&root_cell), 0);
	return 0;
}

static void lpi_never_indexes_the_distributor(void **state)
{
	const u64 lpis[] = { 8192, 8192 + 0x1000, 1023 };

	take(lpis, 3);
	gic_handle_irq(&cpus[0]);
	/* 8192 / 32 * 4 + 0x180 = 0x580: GICD_IPRIORITYR of SPIs 384-387 */
	assert_int_equal(changed_at(), -1);
	/* no active state: the priority drop ends it, no deactivation */
	assert_int_equal(num_eoi, 2);
	assert_int_equal(eoi[0], 8192);
	assert_false(dir_of(8192));
	assert_int_equal(count("taken by the hypervisor"), 1);
	assert_non_null(strstr(log_buf, "CPU 0 "));
	assert_non_null(strstr(log_buf, "LPI 8192 "));
	/* once: the next LPI is dropped without a word */
	take(lpis + 1, 1);
	gic_handle_irq(&cpus[0]);
	assert_int_equal(changed_at(), -1);
	assert_string_equal(log_buf, "");
}

static void reserved_intids_never_index_the_distributor(void **state)
{
	const u64 ids[] = { 1024, 4096, 8191 };

	take(ids, 3);
	gic_handle_irq(&cpus[0]);
	assert_int_equal(changed_at(), -1);
	assert_int_equal(num_eoi, 3);
	assert_true(dir_of(1024) && dir_of(4096) && dir_of(8191));
	assert_int_equal(count("reserved INTID 1024 "), 1);
}

static void special_intids_end_the_loop(void **state)
{
	for (u64 id = 1020; id < 1024; id++) {
		take(&id, 1);
		gic_handle_irq(&cpus[0]);
		assert_int_equal(num_eoi, 0);
		assert_int_equal(iar_next, 1);
		assert_int_equal(changed_at(), -1);
	}
}

static void foreign_spi_is_disabled(void **state)
{
	const u64 spi = 48;

	take(&spi, 1);
	gic_handle_irq(&cpus[0]);
	assert_int_equal(changed_at(), 0x184);	/* GICD_ICENABLER1 */
	assert_int_equal(rd32(GICD + 0x184), BIT(16));
	assert_true(dir_of(48));
	assert_non_null(strstr(log_buf, "IRQ 48 is not owned by cell "
				"\"root\" (CPU 0): disabled"));
}

static void disabling_touches_spis_only(void **state)
{
	const unsigned int not_spis[] = { 0, 15, 16, 31, 1020, 1023, 1024,
					  5000, 8191, 8192, 70000 };

	take(NULL, 0);
	for (unsigned int n = 0; n < sizeof(not_spis) / sizeof(*not_spis);
	     n++) {
		gic_disable_spi(not_spis[n]);
		assert_int_equal(changed_at(), -1);
	}
	gic_disable_spi(1019);
	assert_int_equal(changed_at(), 0x1fc);	/* GICD_ICENABLER31 */
	assert_int_equal(rd32(GICD + 0x1fc), BIT(27));
}

static u64 cell_read(u64 addr, unsigned int size)
{
	struct mmio_access a = { .address = addr, .size = size };

	assert_int_equal(mmio_handle_access(&root_cell, &a), MMIO_HANDLED);
	return a.value;
}

static void cell_write(u64 addr, unsigned int size, u64 value)
{
	struct mmio_access a = { .address = addr, .size = size,
				 .value = value, .is_write = true };

	assert_int_equal(mmio_handle_access(&root_cell, &a), MMIO_HANDLED);
}

static void cells_see_no_lpis(void **state)
{
	take(NULL, 0);
	assert_int_equal(cell_read(GICD + 0x0004, 4), 0x1f);
	assert_int_equal(cell_read(GICD + 0x0000, 8) >> 32, 0x1f);
	assert_int_equal(cell_read(GICD + 0x0006, 1), 0);
	assert_int_equal(cell_read(GICR + 0x0008, 8), BIT(4));
	assert_int_equal(cell_read(GICR + 0x0008, 4), BIT(4));
	assert_int_equal(cell_read(GICR + 0x0000, 4) & BIT(0), 0);
	assert_int_equal(cell_read(GICR + 0x0070, 8), 0);
	assert_int_equal(cell_read(GICR + 0x0078, 8), 0);
	assert_int_equal(cell_read(GICR + 0x0074, 4), 0);
	/* LPI tables in memory a cell names: never programmed */
	cell_write(GICR + 0x0070, 8, 0x40000000ULL);
	cell_write(GICR + 0x0078, 8, 0x40010000ULL);
	cell_write(GICR + 0x0000, 4, BIT(0));
	cell_write(GICR + 0x0040, 8, 8200);	/* SETLPIR */
	assert_int_equal(changed_at(), -1);
	/* the distributor's affinity routing still reads as it is */
	assert_int_equal(cell_read(GICR + 0x000c, 4), 0);
}

static void its_access_is_refused_by_name(void **state)
{
	struct mmio_access a = { .address = GICD + ITS_OFFSET + 0x8,
				 .size = 8 };

	take(NULL, 0);
	assert_int_equal(mmio_handle_access(&root_cell, &a), MMIO_ERROR);
	assert_non_null(strstr(log_buf, "cell \"root\", CPU 0: read at "));
	assert_non_null(strstr(log_buf, "in the GIC ITS frames"));
	a.is_write = true;
	a.address = GICD + ITS_OFFSET + 0x10000 + 0x40;	/* GITS_TRANSLATER */
	assert_int_equal(mmio_handle_access(&root_cell, &a), MMIO_ERROR);
	assert_int_equal(changed_at(), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(lpi_never_indexes_the_distributor,
				       setup),
		cmocka_unit_test_setup(reserved_intids_never_index_the_distributor,
				       setup),
		cmocka_unit_test_setup(special_intids_end_the_loop, setup),
		cmocka_unit_test_setup(foreign_spi_is_disabled, setup),
		cmocka_unit_test_setup(disabling_touches_spis_only, setup),
		cmocka_unit_test_setup(cells_see_no_lpis, setup),
		cmocka_unit_test_setup(its_access_is_refused_by_name, setup),
	};

	return cmocka_run_group_tests_name("gic", tests, NULL, NULL);
}
