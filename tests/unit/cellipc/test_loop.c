// SPDX-License-Identifier: MIT
/*
 * test_loop.c - event-loop integration: cellipc_wait(), the pollable fd
 * and timeout, and the libevent and io_uring adapters delivering messages.
 */
#include <event2/event.h>
#include <liburing.h>

#include "testutil.h"

struct duo {
	struct tdir t;
	struct cellipc *c[2];
	struct rec r[2];
	struct event_base *base;
	unsigned int want;
};

static int connected(void *arg)
{
	struct duo *d = arg;
	struct cellipc_peer a, b;

	cellipc_peer_get(d->c[0], 1, &a);
	cellipc_peer_get(d->c[1], 0, &b);
	return a.connected && b.connected;
}

static void duo_init(struct duo *d)
{
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER };
	int i;

	memset(d, 0, sizeof(*d));
	tdir_make(&d->t);
	for (i = 0; i < 2; i++) {
		d->c[i] = sim_open(d->t.path, (uint32_t)i, 2, 65536);
		cellipc_set_event_cb(d->c[i], rec_cb, &d->r[i]);
		assert_int_equal(cellipc_ring_init(d->c[i], &rp), 0);
	}
	assert_true(pump(d->c, 2, connected, d, 200));
}

static void duo_fini(struct duo *d)
{
	cellipc_close(d->c[0]);
	cellipc_close(d->c[1]);
	tdir_clean(&d->t);
}

static void test_wait_and_timeout(void **state)
{
	struct duo d;
	struct pollfd pfd;
	int ret;

	(void)state;
	duo_init(&d);
	/* idle: nothing to wait for but the fd */
	assert_true(cellipc_process(d.c[1], 0) >= 0);
	assert_int_equal(cellipc_timeout_ms(d.c[1]), -1);
	pfd.fd = cellipc_fd(d.c[1]);
	pfd.events = POLLIN;
	assert_int_equal(poll(&pfd, 1, 0), 0);
	assert_int_equal(cellipc_wait(d.c[1], 20), 0);	/* times out */
	/* a message to an idle peer makes its fd readable */
	assert_int_equal(cellipc_send(d.c[0], 1, "wake", 5, 0), 0);
	assert_int_equal(poll(&pfd, 1, 1000), 1);
	memset(&d.r[1], 0, sizeof(d.r[1]));
	ret = cellipc_wait(d.c[1], 1000);
	assert_true(ret >= 1);
	assert_int_equal(d.r[1].count[CELLIPC_EV_MSG], 1);
	assert_string_equal((char *)d.r[1].msg[rec_last(&d.r[1], CELLIPC_EV_MSG, 0) - d.r[1].ev], "wake");
	/* process() may not be re-entered from a callback */
	duo_fini(&d);
}

static void on_msg_exit(struct cellipc *c, const struct cellipc_event *ev,
			void *arg)
{
	struct duo *d = arg;

	rec_cb(c, ev, &d->r[1]);
	if (ev->type == CELLIPC_EV_MSG && d->r[1].count[CELLIPC_EV_MSG] == d->want)
		event_base_loopbreak(d->base);
	/* re-entering process() from a callback is refused */
	assert_int_equal(cellipc_process(c, 0), -EBUSY);
}

static void test_libevent(void **state)
{
	struct cellipc_event_adapter *a;
	struct timeval tv = { 5, 0 };
	struct duo d;
	unsigned int i;
	char buf[16];

	(void)state;
	duo_init(&d);
	d.base = event_base_new();
	assert_non_null(d.base);
	cellipc_set_event_cb(d.c[1], on_msg_exit, &d);
	memset(&d.r[1], 0, sizeof(d.r[1]));
	assert_int_equal(cellipc_event_attach(d.c[1], d.base, &a), 0);
	d.want = 50;
	for (i = 0; i < d.want; i++) {
		snprintf(buf, sizeof(buf), "ev%u", i);
		assert_int_equal(cellipc_send(d.c[0], 1, buf, strlen(buf) + 1, 0), 0);
	}
	event_base_loopexit(d.base, &tv);	/* safety net */
	event_base_dispatch(d.base);
	assert_int_equal(d.r[1].count[CELLIPC_EV_MSG], d.want);
	cellipc_event_detach(a);
	event_base_free(d.base);
	duo_fini(&d);
}

static void test_io_uring(void **state)
{
	struct __kernel_timespec ts = { .tv_sec = 1 };
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	struct duo d;
	int i, ret;

	(void)state;
	duo_init(&d);
	ret = io_uring_queue_init(8, &ring, 0);
	if (ret < 0) {
		/* io_uring disabled by the kernel or a seccomp profile */
		duo_fini(&d);
		skip();
	}
	memset(&d.r[1], 0, sizeof(d.r[1]));
	assert_true(cellipc_process(d.c[1], 0) >= 0);	/* idle, armed */
	assert_int_equal(cellipc_uring_arm(d.c[1], &ring, 0x1234), 0);
	assert_int_equal(io_uring_submit(&ring), 1);
	assert_int_equal(cellipc_send(d.c[0], 1, "uring", 6, 0), 0);
	for (i = 0; i < 10 && d.r[1].count[CELLIPC_EV_MSG] < 1; i++) {
		ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
		if (ret == -ETIME)
			continue;
		assert_int_equal(ret, 0);
		assert_int_equal(cqe->user_data, 0x1234);
		assert_true(cellipc_uring_complete(d.c[1], &ring, cqe) >= 1);
		io_uring_cqe_seen(&ring, cqe);
		io_uring_submit(&ring);
	}
	assert_int_equal(d.r[1].count[CELLIPC_EV_MSG], 1);
	io_uring_queue_exit(&ring);
	duo_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_and_timeout),
		cmocka_unit_test(test_libevent),
		cmocka_unit_test(test_io_uring),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
