/* SPDX-License-Identifier: MIT */
/*
 * Rate limiting for repeated messages: a peer that flaps thousands of
 * times must not flood the console or the log. At most @burst messages per
 * @interval_ms window are printed; the rest are counted so the caller can
 * say how many were suppressed. Counters of the events themselves stay
 * with the caller and stay exact.
 */
#ifndef APPS_RATELIMIT_H
#define APPS_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	uint64_t interval_ms;
	unsigned int burst;
	uint64_t window_start;
	unsigned int printed;		/* in the current window */
	unsigned long suppressed;	/* not yet reported */
	unsigned long suppressed_total;
};

void ratelimit_init(struct ratelimit *rl, unsigned int burst,
		    uint64_t interval_ms);

/*
 * One message is due at @now_ms: true if it may be printed. When the
 * window changes, *@report receives the count suppressed in the windows
 * before (print it first); 0 otherwise.
 */
bool ratelimit_allow(struct ratelimit *rl, uint64_t now_ms,
		     unsigned long *report);

/*
 * Suppressed messages to report now: those of a window that has ended
 * (or all of them with @force, e.g. at exit). Returns the count and
 * forgets it.
 */
unsigned long ratelimit_flush(struct ratelimit *rl, uint64_t now_ms,
			      bool force);

#endif /* APPS_RATELIMIT_H */
