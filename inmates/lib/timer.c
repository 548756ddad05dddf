// SPDX-License-Identifier: MIT
/*
 * Arm generic timer: the EL1 virtual timer (CNTV_*), whose interrupt is
 * PPI 27. The counter frequency comes from CNTFRQ_EL0, set by firmware.
 */
#include <inmate.h>

#define CNTV_CTL_ENABLE		(1 << 0)
#define CNTV_CTL_IMASK		(1 << 1)

#define NSEC_PER_SEC		1000000000ULL

u64 timer_get_frequency(void)
{
	return read_sysreg(cntfrq_el0) & 0xffffffff;
}

u64 timer_get_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/* Split the multiplication so that it cannot overflow for any input. */
static u64 scale(u64 val, u64 mul, u64 div)
{
	return (val / div) * mul + ((val % div) * mul) / div;
}

u64 timer_ticks_to_ns(u64 ticks)
{
	return scale(ticks, NSEC_PER_SEC, timer_get_frequency());
}

u64 timer_ns_to_ticks(u64 ns)
{
	return scale(ns, timer_get_frequency(), NSEC_PER_SEC);
}

void timer_start_at(u64 deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

void delay_us(u64 us)
{
	u64 end = timer_get_ticks() + timer_ns_to_ticks(us * 1000);

	while (timer_get_ticks() < end)
		cpu_relax();
}
