// SPDX-License-Identifier: MIT
/*
 * test_ring_tsan.c - the ring code under ThreadSanitizer: a producer and a
 * consumer thread of one process, each with its own handle on a test
 * device whose sections both see at the same addresses (src/mem.c), so
 * that a missing acquire/release shows up as a data race. Both sides block
 * on their interrupt fd when idle, exercising the notification protocol.
 */
#include <pthread.h>

#include "testutil.h"
#include "internal.h"

#define N_MSGS 200000u

struct side {
	struct cellipc *c;
	uint32_t peer;
	unsigned int bad, got;
	int connected;
};

static void cb(struct cellipc *c, const struct cellipc_event *ev, void *arg)
{
	struct side *s = arg;
	uint32_t seq;

	(void)c;
	if (ev->type == CELLIPC_EV_CONNECT)
		s->connected = 1;
	if (ev->type != CELLIPC_EV_MSG)
		return;
	if (ev->u.msg.len < 4) {
		s->bad++;
		return;
	}
	memcpy(&seq, ev->u.msg.data, 4);
	if (seq != s->got || ev->u.msg.len != 4 + seq % 200)
		s->bad++;
	s->got++;
}

static void *producer(void *arg)
{
	struct side *s = arg;
	uint8_t buf[256];
	uint32_t i = 0;
	int ret;

	while (!s->connected)
		cellipc_wait(s->c, 100);
	memset(buf, 0x77, sizeof(buf));
	while (i < N_MSGS) {
		memcpy(buf, &i, 4);
		ret = cellipc_send(s->c, s->peer, buf, 4 + i % 200,
				   i % 16 ? CELLIPC_SEND_MORE : 0);
		if (ret == -EAGAIN) {
			cellipc_flush(s->c, s->peer);
			cellipc_wait(s->c, 100);
			continue;
		}
		if (ret) {
			s->bad++;
			break;
		}
		i++;
	}
	cellipc_flush(s->c, s->peer);
	return NULL;
}

static void *consumer(void *arg)
{
	struct side *s = arg;

	while (s->got < N_MSGS && !s->bad)
		if (cellipc_wait(s->c, 1000) < 0)
			break;
	return NULL;
}

static void test_two_threads(void **state)
{
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER,
					  .ring_size = 16384 };
	struct side a = { 0 }, b = { 0 };
	struct cipc_memdev *m;
	pthread_t ta, tb;

	(void)state;
	assert_int_equal(cipc_memdev_create(2, 65536, 0, &m), 0);
	assert_int_equal(cipc_mem_open(m, 0, &a.c), 0);
	assert_int_equal(cipc_mem_open(m, 1, &b.c), 0);
	a.peer = 1;
	b.peer = 0;
	cellipc_set_event_cb(a.c, cb, &a);
	cellipc_set_event_cb(b.c, cb, &b);
	assert_int_equal(cellipc_ring_init(a.c, &rp), 0);
	assert_int_equal(cellipc_ring_init(b.c, &rp), 0);
	assert_int_equal(pthread_create(&tb, NULL, consumer, &b), 0);
	assert_int_equal(pthread_create(&ta, NULL, producer, &a), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_int_equal(a.bad, 0);
	assert_int_equal(b.bad, 0);
	assert_int_equal(b.got, N_MSGS);
	cellipc_close(a.c);
	cellipc_close(b.c);
	cipc_memdev_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
