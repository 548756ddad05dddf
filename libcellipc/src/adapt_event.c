// SPDX-License-Identifier: MIT
/*
 * adapt_event.c - libevent adapter: a persistent read event on
 * cellipc_fd() plus a timer that follows cellipc_timeout_ms().
 */
#include <errno.h>
#include <stdlib.h>

#include <event2/event.h>

#include "internal.h"

struct cellipc_event_adapter {
	struct cellipc *c;
	struct event *rd;
	struct event *tm;
};

static void rearm_timer(struct cellipc_event_adapter *a)
{
	int t = cellipc_timeout_ms(a->c);
	struct timeval tv;

	if (t < 0) {
		evtimer_del(a->tm);
		return;
	}
	tv.tv_sec = t / 1000;
	tv.tv_usec = (t % 1000) * 1000;
	evtimer_add(a->tm, &tv);
}

static void on_ready(evutil_socket_t fd, short what, void *arg)
{
	struct cellipc_event_adapter *a = arg;

	(void)fd;
	(void)what;
	cellipc_process(a->c, 0);
	rearm_timer(a);
}

CIPC_EXPORT int cellipc_event_attach(struct cellipc *c, struct event_base *base,
				     struct cellipc_event_adapter **ap)
{
	struct cellipc_event_adapter *a;

	if (!c || !base || !ap)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->c = c;
	a->rd = event_new(base, c->fd, EV_READ | EV_PERSIST, on_ready, a);
	a->tm = evtimer_new(base, on_ready, a);
	if (!a->rd || !a->tm || event_add(a->rd, NULL) < 0) {
		cipc_seterr(c, "libevent: cannot register fd %d", c->fd);
		cellipc_event_detach(a);
		return -ENOMEM;
	}
	/* first pass soon: pick up what happened before attaching */
	{
		struct timeval tv = { 0, 0 };

		evtimer_add(a->tm, &tv);
	}
	*ap = a;
	return 0;
}

CIPC_EXPORT void cellipc_event_detach(struct cellipc_event_adapter *a)
{
	if (!a)
		return;
	if (a->rd)
		event_free(a->rd);
	if (a->tm)
		event_free(a->tm);
	free(a);
}
