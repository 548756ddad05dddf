// SPDX-License-Identifier: MIT
/* ratelimit.c - see ratelimit.h */
#include "ratelimit.h"

void ratelimit_init(struct ratelimit *rl, unsigned int burst,
		    uint64_t interval_ms)
{
	rl->interval_ms = interval_ms;
	rl->burst = burst;
	rl->window_start = 0;
	rl->printed = 0;
	rl->suppressed = 0;
	rl->suppressed_total = 0;
}

static bool window_over(const struct ratelimit *rl, uint64_t now_ms)
{
	return !rl->printed && !rl->suppressed ? true :
	       now_ms - rl->window_start >= rl->interval_ms;
}

unsigned long ratelimit_flush(struct ratelimit *rl, uint64_t now_ms,
			      bool force)
{
	unsigned long n = rl->suppressed;

	if (!n || (!force && !window_over(rl, now_ms)))
		return 0;
	rl->suppressed = 0;
	return n;
}

bool ratelimit_allow(struct ratelimit *rl, uint64_t now_ms,
		     unsigned long *report)
{
	*report = 0;
	if (window_over(rl, now_ms)) {
		*report = rl->suppressed;
		rl->suppressed = 0;
		rl->window_start = now_ms;
		rl->printed = 0;
	}
	if (rl->printed < rl->burst) {
		rl->printed++;
		return true;
	}
	rl->suppressed++;
	rl->suppressed_total++;
	return false;
}
