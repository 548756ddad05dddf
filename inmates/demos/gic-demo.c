// SPDX-License-Identifier: MIT
/*
 * gic-demo: a periodic generic-timer interrupt (10 Hz by default, "hz=N"
 * on the command line) delivered through the GICv3. Each interrupt prints
 * how late it arrived relative to the programmed deadline (jitter), and
 * the minimum and maximum so far. Approves shutdown requests from the
 * hypervisor, or denies them with shutdown=deny on the command line.
 */
#include <inmate.h>

#define DEFAULT_HZ	10

static u64 period;
static u64 deadline;
static u64 min_ns = UINT64_MAX;
static u64 max_ns;

static void timer_irq(u32 intid)
{
	u64 now = timer_get_ticks();
	u64 jitter;

	if (intid != TIMER_IRQ) {
		printk("gic-demo: unexpected interrupt %u\n", intid);
		return;
	}

	jitter = timer_ticks_to_ns(now - deadline);
	if (jitter < min_ns)
		min_ns = jitter;
	if (jitter > max_ns)
		max_ns = jitter;
	printk("Timer fired, jitter: %6lu ns, min: %6lu ns, max: %6lu ns\n",
	       (unsigned long)jitter, (unsigned long)min_ns,
	       (unsigned long)max_ns);

	/* Keep the phase; skip periods that were missed entirely. */
	now = timer_get_ticks();
	do {
		deadline += period;
	} while (deadline <= now);
	timer_start_at(deadline);
}

void inmate_main(void)
{
	u64 hz = cmdline_u64(cmdline(), "hz", DEFAULT_HZ);
	bool allow_shutdown = shutdown_allowed_by_cmdline();

	if (hz == 0 || hz > 10000) {
		printk("gic-demo: hz=%lu out of range (1..10000), using %u\n",
		       (unsigned long)hz, DEFAULT_HZ);
		hz = DEFAULT_HZ;
	}

	printk("Initializing the GIC...\n");
	if (gic_init(timer_irq) < 0) {
		printk("gic-demo: GIC initialisation failed, stopping\n");
		return;
	}

	printk("Initializing the timer...\n");
	period = timer_get_frequency() / hz;
	if (!period) {
		printk("gic-demo: CNTFRQ_EL0 is 0: the generic timer is not set up\n");
		return;
	}
	deadline = timer_get_ticks() + period;
	timer_start_at(deadline);
	if (gic_enable_irq(TIMER_IRQ) < 0)
		return;
	irq_enable();

	for (;;) {
		wait_for_interrupt();
		if (comm_region_answer("gic-demo", allow_shutdown)) {
			timer_stop();
			inmate_halt();
		}
	}
}
