// SPDX-License-Identifier: MIT
/*
 * Hypercalls (hypervisor/core/control.c): every management call of the
 * root cell (create, load, start, destroy, the state and info queries
 * sysfs readers issue) runs entirely under one lock, so none sees a cell
 * another is changing or freeing; DISABLE's check takes it too and
 * drops it when it refuses. The stubs below stand for the cell code and
 * check, each time they run, that a lock is held.
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
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <jailhouse/hypercall.h>
#include <asm/spinlock.h>

/* ---- what control.c needs from the rest of the hypervisor ---- */

struct cell root_cell;
unsigned int num_cells;
static struct cell other = { .id = 1, .state = JAILHOUSE_CELL_RUNNING };
static struct per_cpu cpus[4];
static unsigned int stub_calls;

/* every stub of the cell code: runs under the management lock */
static void under_lock(void)
{
	assert_int_equal(spin_locks_held, 1);
	stub_calls++;
}

struct per_cpu *per_cpu(unsigned int cpu)
{
	under_lock();
	return &cpus[cpu];
}

struct cell *cell_by_id(unsigned int id)
{
	under_lock();
	return id == 0 ? &root_cell : id == 1 ? &other : NULL;
}

unsigned long pool_pages(void)
{
	under_lock();
	return 16;
}

unsigned long pool_used_pages(void)
{
	under_lock();
	return 8;
}

long cell_create(struct per_cpu *caller, u64 config_gpa)
{
	under_lock();
	return 1;
}

long cell_set_loadable(struct per_cpu *caller, u64 id)
{
	under_lock();
	return 0;
}

long cell_start(struct per_cpu *caller, u64 id)
{
	under_lock();
	return 0;
}

long cell_destroy(struct per_cpu *caller, u64 id)
{
	under_lock();
	return 0;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void console_putc(char c)
{
}

void arch_release_parked_cpus(void)
{
	fail_msg("DISABLE went ahead with two cells");
}

void hv_cpu_leaving(struct per_cpu *cpu)
{
	fail_msg("DISABLE went ahead with two cells");
}

void __noreturn arch_cpu_leave(struct per_cpu *cpu, struct trap_frame *frame,
			       long ret)
{
	fail_msg("DISABLE went ahead with two cells");
	abort();
}

void cell_set_state(struct cell *cell, u32 state)
{
	cell->state = state;
}

void arch_print_fault(const struct arch_fault *fault)
{
}

void arch_dump_regs(struct trap_frame *frame)
{
}

void arch_inject_abort(struct per_cpu *cpu, struct trap_frame *frame,
		       u64 address, bool is_write)
{
}

void arch_park_cpu(struct per_cpu *cpu, struct trap_frame *frame)
{
}

void arch_dcache_flush(const volatile void *addr, unsigned long size)
{
}

/* ---- tests ---- */

static int setup(void **state)
{
	root_cell.next = &other;
	other.next = NULL;
	num_cells = 2;
	cpus[0].cell = &root_cell;
	cpus[3].cell = &other;
	spin_locks_held = 0;
	stub_calls = 0;
	return 0;
}

static long call(u64 code, u64 arg1, u64 arg2)
{
	return hypercall(&cpus[0], NULL, code, arg1, arg2);
}

static void test_queries_locked(void **state)
{
	assert_int_equal(call(JAILHOUSE_HC_CELL_GET_STATE, 1, 0),
			 JAILHOUSE_CELL_RUNNING);
	assert_int_equal(call(JAILHOUSE_HC_CELL_GET_STATE, 5, 0), -ENOENT);
	assert_int_equal(call(JAILHOUSE_HC_CPU_GET_INFO, 3,
			      JAILHOUSE_CPU_INFO_STATE), JAILHOUSE_CPU_RUNNING);
	/* a CPU off (parked) in its cell; a failed one stays failed */
	cpus[3].parked = true;
	assert_int_equal(call(JAILHOUSE_HC_CPU_GET_INFO, 3,
			      JAILHOUSE_CPU_INFO_STATE), JAILHOUSE_CPU_PARKED);
	cpus[3].failed = true;
	assert_int_equal(call(JAILHOUSE_HC_CPU_GET_INFO, 3,
			      JAILHOUSE_CPU_INFO_STATE), JAILHOUSE_CPU_FAILED);
	cpus[3].parked = cpus[3].failed = false;
	assert_int_equal(call(JAILHOUSE_HC_HYPERVISOR_GET_INFO,
			      JAILHOUSE_INFO_MEM_POOL_USED, 0), 8);
	assert_true(stub_calls >= 4);
	assert_int_equal(spin_locks_held, 0);
}

static void test_management_locked(void **state)
{
	assert_int_equal(call(JAILHOUSE_HC_CELL_CREATE, 0x1000, 0), 1);
	assert_int_equal(call(JAILHOUSE_HC_CELL_SET_LOADABLE, 1, 0), 0);
	assert_int_equal(call(JAILHOUSE_HC_CELL_START, 1, 0), 0);
	assert_int_equal(call(JAILHOUSE_HC_CELL_DESTROY, 1, 0), 0);
	assert_int_equal(stub_calls, 4);
	assert_int_equal(spin_locks_held, 0);
}

/* refused with a cell left: the lock is dropped again */
static void test_disable_busy(void **state)
{
	assert_int_equal(call(JAILHOUSE_HC_DISABLE, 0, 0), -EBUSY);
	assert_int_equal(spin_locks_held, 0);
	assert_int_equal(call(JAILHOUSE_HC_CELL_GET_STATE, 1, 0),
			 JAILHOUSE_CELL_RUNNING);
}

/* a non-root cell gets none of it, and takes no lock */
static void test_non_root_refused(void **state)
{
	assert_int_equal(hypercall(&cpus[3], NULL, JAILHOUSE_HC_CELL_DESTROY,
				   1, 0), -EPERM);
	assert_int_equal(stub_calls, 0);
	assert_int_equal(spin_locks_held, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_queries_locked, setup),
		cmocka_unit_test_setup(test_management_locked, setup),
		cmocka_unit_test_setup(test_disable_busy, setup),
		cmocka_unit_test_setup(test_non_root_refused, setup),
	};

	return cmocka_run_group_tests_name("control", tests, NULL, NULL);
}
