// SPDX-License-Identifier: MIT
/*
 * uart-demo: prints "Hello N from cell!" on the cell's console, N counting
 * from 1, every period-ms milliseconds (command line, default 500).
 * Approves shutdown requests from the hypervisor, or denies them with
 * shutdown=deny on the command line.
 */
#include <inmate.h>

#define DEFAULT_PERIOD_MS	500

static void wait_ms(u64 ms, bool allow_shutdown)
{
	u64 end = timer_get_ticks() + timer_ns_to_ticks(ms * 1000000);

	while (timer_get_ticks() < end) {
		if (comm_region_answer("uart-demo", allow_shutdown))
			inmate_halt();
		cpu_relax();
	}
}

void inmate_main(void)
{
	u64 period = cmdline_u64(cmdline(), "period-ms", DEFAULT_PERIOD_MS);
	bool allow_shutdown = shutdown_allowed_by_cmdline();
	unsigned long n;

	for (n = 1;; n++) {
		printk("Hello %lu from cell!\n", n);
		wait_ms(period, allow_shutdown);
	}
}
