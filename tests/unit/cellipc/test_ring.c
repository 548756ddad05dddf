// SPDX-License-Identifier: MIT
/*
 * test_ring.c - message rings over the sim backend: connection, copy and
 * zero-copy paths, wrap-around, flow control, batching with notification
 * suppression, three peers, callback delivery, peer restart.
 */
#include "testutil.h"

struct pair {
	struct tdir t;
	struct cellipc *c[3];
	struct rec r[3];
	unsigned int n;
};

static int all_connected(void *arg)
{
	struct pair *p = arg;
	struct cellipc_peer pi;
	unsigned int i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < p->n; j++) {
			if (i == j)
				continue;
			assert_int_equal(cellipc_peer_get(p->c[i], j, &pi), 0);
			if (!pi.connected)
				return 0;
		}
	return 1;
}

static struct pair *setup_n(unsigned int n, uint64_t out, uint32_t ring,
			    uint32_t flags)
{
	struct cellipc_ring_params rp;
	struct pair *p = calloc(1, sizeof(*p));
	unsigned int i;

	assert_non_null(p);
	p->n = n;
	tdir_make(&p->t);
	for (i = 0; i < n; i++) {
		p->c[i] = sim_open(p->t.path, i, n, out);
		cellipc_set_event_cb(p->c[i], rec_cb, &p->r[i]);
	}
	memset(&rp, 0, sizeof(rp));
	rp.ring_size = ring;
	rp.flags = flags;
	for (i = 0; i < n; i++)
		assert_int_equal(cellipc_ring_init(p->c[i], &rp), 0);
	assert_true(pump(p->c, n, all_connected, p, 200));
	return p;
}

static void teardown_p(struct pair *p)
{
	unsigned int i;

	for (i = 0; i < p->n; i++)
		cellipc_close(p->c[i]);
	tdir_clean(&p->t);
	free(p);
}

static void test_not_connected_before_init(void **state)
{
	struct tdir t;
	struct cellipc *a, *b;
	char buf[8] = "x";

	(void)state;
	tdir_make(&t);
	a = sim_open(t.path, 0, 2, 65536);
	b = sim_open(t.path, 1, 2, 65536);
	/* no ring layer yet */
	assert_int_equal(cellipc_send(a, 1, buf, 1, 0), -EINVAL);
	assert_int_equal(cellipc_ring_init(a, NULL), 0);
	/* b has not formatted its section: a cannot send */
	assert_int_equal(cellipc_process(a, 0) >= 0, 1);
	assert_int_equal(cellipc_send(a, 1, buf, 1, 0), -ENOTCONN);
	assert_int_equal(cellipc_max_msg(a, 1), 0);
	/* sending to oneself or out of range is invalid */
	assert_int_equal(cellipc_send(a, 0, buf, 1, 0), -EINVAL);
	assert_int_equal(cellipc_send(a, 7, buf, 1, 0), -EINVAL);
	cellipc_close(a);
	cellipc_close(b);
	tdir_clean(&t);
}

static void test_copy_roundtrip(void **state)
{
	struct pair *p = setup_n(2, 65536, 0, 0);
	char out[300], in[300];
	unsigned int i, len;
	ssize_t r;

	(void)state;
	assert_int_equal(p->r[0].count[CELLIPC_EV_CONNECT], 1);
	assert_int_equal(p->r[1].count[CELLIPC_EV_CONNECT], 1);
	for (i = 0; i < 1000; i++) {
		len = i % 300;
		memset(out, (int)i, len);
		assert_int_equal(cellipc_send(p->c[0], 1, out, len, 0), 0);
		r = cellipc_recv(p->c[1], 0, in, sizeof(in));
		assert_int_equal(r, len);
		assert_memory_equal(in, out, len);
		/* and back */
		assert_int_equal(cellipc_send(p->c[1], 0, in, len, 0), 0);
		assert_int_equal(cellipc_recv(p->c[0], 1, out, sizeof(out)), len);
	}
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), -EAGAIN);
	teardown_p(p);
}

static void test_zero_copy_and_sizes(void **state)
{
	struct pair *p = setup_n(2, 65536, 16384, 0);
	const void *data;
	size_t len, maxm;
	void *buf;
	char small[4];

	(void)state;
	maxm = cellipc_max_msg(p->c[0], 1);
	assert_int_equal(maxm, 16384 / 2 - 8);
	assert_int_equal(cellipc_reserve(p->c[0], 1, maxm + 1, &buf), -EMSGSIZE);
	assert_int_equal(cellipc_reserve(p->c[0], 1, 100, &buf), 0);
	/* one reservation at a time */
	assert_int_equal(cellipc_reserve(p->c[0], 1, 10, &buf), -EALREADY);
	memcpy(buf, "hello zero copy", 16);
	/* shorten on commit; longer than reserved is refused */
	assert_int_equal(cellipc_commit(p->c[0], 1, 101, 0), -EMSGSIZE);
	assert_int_equal(cellipc_commit(p->c[0], 1, 16, 0), 0);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), 0);
	assert_int_equal(len, 16);
	assert_string_equal((const char *)data, "hello zero copy");
	/* peek again without release: same message */
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), 0);
	assert_int_equal(len, 16);
	/* too small a buffer leaves it queued */
	assert_int_equal(cellipc_recv(p->c[1], 0, small, sizeof(small)), -EMSGSIZE);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), 0);
	assert_int_equal(cellipc_release(p->c[1], 0), 0);
	assert_int_equal(cellipc_release(p->c[1], 0), -EINVAL);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), -EAGAIN);
	/* abort drops the reservation */
	assert_int_equal(cellipc_reserve(p->c[0], 1, 50, &buf), 0);
	assert_int_equal(cellipc_abort(p->c[0], 1), 0);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), -EAGAIN);
	/* zero-length messages are messages */
	assert_int_equal(cellipc_send(p->c[0], 1, NULL, 0, 0), 0);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(cellipc_release(p->c[1], 0), 0);
	/* maximal message crosses */
	assert_int_equal(cellipc_reserve(p->c[0], 1, maxm, &buf), 0);
	memset(buf, 0x5a, maxm);
	assert_int_equal(cellipc_commit(p->c[0], 1, maxm, 0), 0);
	assert_int_equal(cellipc_peek(p->c[1], 0, &data, &len), 0);
	assert_int_equal(len, maxm);
	assert_int_equal(((const unsigned char *)data)[maxm - 1], 0x5a);
	assert_int_equal(cellipc_release(p->c[1], 0), 0);
	teardown_p(p);
}

static void test_wrap_and_full(void **state)
{
	struct pair *p = setup_n(2, 65536, 4096, 0);
	unsigned char buf[1000], in[1000];
	unsigned int sent = 0, got = 0, i, k;
	int ret;

	(void)state;
	/* fill: 4096-byte ring, 1000+8 per record -> 4 fit */
	for (;;) {
		memset(buf, (int)sent, sizeof(buf));
		ret = cellipc_send(p->c[0], 1, buf, sizeof(buf), 0);
		if (ret == -EAGAIN)
			break;
		assert_int_equal(ret, 0);
		sent++;
	}
	assert_int_equal(sent, 4);
	assert_true(cellipc_tx_space(p->c[0], 1) < 1000);
	/* consumer frees space: producer is told with EV_WRITABLE */
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), 1000);
	got++;
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), 1000);
	got++;
	pump_n(p->c, 2, 3);
	assert_true(p->r[0].count[CELLIPC_EV_WRITABLE] >= 1);
	/* many laps with odd sizes exercise padding at the ring end */
	for (k = 0; k < 5000; k++) {
		unsigned int len = 1 + (k * 37) % 999;

		memset(buf, (int)sent, len);
		ret = cellipc_send(p->c[0], 1, buf, len, 0);
		if (ret == -EAGAIN) {
			ssize_t r = cellipc_recv(p->c[1], 0, in, sizeof(in));

			assert_true(r > 0);
			for (i = 0; i < (unsigned int)r; i++)
				assert_int_equal(in[i], (unsigned char)got);
			got++;
			k--;
			continue;
		}
		assert_int_equal(ret, 0);
		sent++;
	}
	for (;;) {
		ssize_t r = cellipc_recv(p->c[1], 0, in, sizeof(in));

		if (r == -EAGAIN)
			break;
		assert_true(r > 0);
		assert_int_equal(in[0], (unsigned char)got);
		got++;
	}
	assert_int_equal(got, sent);
	teardown_p(p);
}

static void test_batch_suppresses_doorbells(void **state)
{
	struct pair *p = setup_n(2, 1 << 20, 0, 0);
	const void *bufs[64];
	size_t lens[64];
	char m[64][16];
	struct cellipc_event *irq;
	unsigned int i, before;
	uint32_t count0 = 0, count1 = 0;
	ssize_t r;
	char in[16];

	(void)state;
	for (i = 0; i < 64; i++) {
		snprintf(m[i], sizeof(m[i]), "msg %u", i);
		bufs[i] = m[i];
		lens[i] = sizeof(m[i]);
	}
	/* receiver idle (its process() armed a wake-up): one doorbell */
	pump_n(p->c, 2, 2);
	memset(&p->r[1], 0, sizeof(p->r[1]));
	cellipc_irq_ack(p->c[1], &count0);
	cellipc_irq_enable(p->c[1]);
	assert_int_equal(cellipc_send_batch(p->c[0], 1, bufs, lens, 64), 64);
	assert_int_equal(cellipc_irq_ack(p->c[1], &count1), 1);
	/* a busy stream: more batches without the receiver going idle */
	cellipc_irq_enable(p->c[1]);
	before = count1;
	for (i = 0; i < 10; i++)
		assert_int_equal(cellipc_send_batch(p->c[0], 1, bufs, lens, 64), 64);
	assert_int_equal(cellipc_irq_ack(p->c[1], &count1), 0);
	assert_int_equal(count1, before);
	for (i = 0; i < 11 * 64; i++) {
		r = cellipc_recv(p->c[1], 0, in, sizeof(in));
		assert_int_equal(r, 16);
		assert_int_equal(atoi(in + 4), (int)(i % 64));
	}
	/* now idle again: process() arms, the next send rings */
	assert_true(cellipc_process(p->c[1], 0) >= 0);
	assert_int_equal(cellipc_send(p->c[0], 1, "x", 1, 0), 0);
	assert_int_equal(cellipc_irq_ack(p->c[1], &count1), 1);
	assert_int_equal(count1, before + 1);
	irq = NULL;
	(void)irq;
	teardown_p(p);
}

static void test_three_peers(void **state)
{
	struct pair *p = setup_n(3, 65536, 0, 0);
	unsigned int i, j, k;
	char buf[32], in[32];

	(void)state;
	for (k = 0; k < 100; k++)
		for (i = 0; i < 3; i++)
			for (j = 0; j < 3; j++) {
				if (i == j)
					continue;
				snprintf(buf, sizeof(buf), "%u>%u #%u", i, j, k);
				assert_int_equal(cellipc_send(p->c[i], j, buf,
							      strlen(buf) + 1, 0), 0);
			}
	for (k = 0; k < 100; k++)
		for (i = 0; i < 3; i++)
			for (j = 0; j < 3; j++) {
				if (i == j)
					continue;
				snprintf(buf, sizeof(buf), "%u>%u #%u", i, j, k);
				assert_true(cellipc_recv(p->c[j], i, in, sizeof(in)) > 0);
				assert_string_equal(in, buf);
			}
	teardown_p(p);
}

static void test_deliver_callback(void **state)
{
	struct pair *p = setup_n(2, 65536, 0, CELLIPC_RING_DELIVER);
	unsigned int i, msgs = 0;
	char buf[32];

	(void)state;
	for (i = 0; i < 600; i++) {
		snprintf(buf, sizeof(buf), "m%u", i);
		assert_int_equal(cellipc_send(p->c[0], 1, buf, strlen(buf) + 1,
					      CELLIPC_SEND_MORE), 0);
	}
	cellipc_flush(p->c[0], CELLIPC_ALL_PEERS);
	memset(&p->r[1], 0, sizeof(p->r[1]));
	/* bounded work per call: 256 messages at most */
	assert_true(cellipc_process(p->c[1], 256) >= 256);
	assert_int_equal(p->r[1].count[CELLIPC_EV_MSG], 256);
	assert_int_equal(cellipc_timeout_ms(p->c[1]), 0);
	while (p->r[1].count[CELLIPC_EV_MSG] < 600)
		assert_true(cellipc_process(p->c[1], 0) > 0);
	for (i = 0; i < p->r[1].n; i++) {
		if (p->r[1].ev[i].type != CELLIPC_EV_MSG)
			continue;
		snprintf(buf, sizeof(buf), "m%u", msgs++);
		assert_string_equal((char *)p->r[1].msg[i], buf);
	}
	assert_int_equal(msgs, 600);
	teardown_p(p);
}

static void test_readable_events(void **state)
{
	struct pair *p = setup_n(2, 65536, 0, 0);
	char in[8];

	(void)state;
	memset(&p->r[1], 0, sizeof(p->r[1]));
	assert_int_equal(cellipc_send(p->c[0], 1, "abc", 4, 0), 0);
	assert_true(cellipc_process(p->c[1], 0) >= 1);
	assert_non_null(rec_last(&p->r[1], CELLIPC_EV_READABLE, 0));
	/* not consumed: still pending, process() must be called again */
	assert_int_equal(cellipc_timeout_ms(p->c[1]), 0);
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), 4);
	assert_true(cellipc_process(p->c[1], 0) >= 0);
	assert_int_equal(cellipc_timeout_ms(p->c[1]), -1);
	teardown_p(p);
}

static int reconnected(void *arg)
{
	struct pair *p = arg;

	return p->r[1].count[CELLIPC_EV_CONNECT] >= 2 && all_connected(p);
}

static void test_peer_restart(void **state)
{
	struct pair *p = setup_n(2, 65536, 0, 0);
	struct cellipc_peer before, after;
	char in[32];
	int i;

	(void)state;
	assert_int_equal(cellipc_peer_get(p->c[1], 0, &before), 0);
	/* queued but never read by the old session of peer 1 */
	for (i = 0; i < 5; i++)
		assert_int_equal(cellipc_send(p->c[0], 1, "old", 4, 0), 0);
	assert_int_equal(cellipc_send(p->c[1], 0, "stale", 6, 0), 0);
	/* peer 0 restarts */
	cellipc_close(p->c[0]);
	p->c[0] = sim_open(p->t.path, 0, 2, 65536);
	memset(&p->r[0], 0, sizeof(p->r[0]));
	cellipc_set_event_cb(p->c[0], rec_cb, &p->r[0]);
	assert_int_equal(cellipc_ring_init(p->c[0], NULL), 0);
	assert_true(pump(p->c, 2, reconnected, p, 300));
	assert_int_equal(p->r[1].count[CELLIPC_EV_DISCONNECT], 1);
	assert_int_equal(cellipc_peer_get(p->c[1], 0, &after), 0);
	assert_true(after.generation > before.generation);
	/* the new session sees none of the old data, in either direction */
	assert_int_equal(cellipc_recv(p->c[0], 1, in, sizeof(in)), -EAGAIN);
	assert_int_equal(cellipc_send(p->c[0], 1, "new", 4, 0), 0);
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), 4);
	assert_string_equal(in, "new");
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), -EAGAIN);
	teardown_p(p);
}

static void test_full_batch_is_published(void **state)
{
	struct pair *p = setup_n(2, 65536, 4096, 0);
	unsigned int sent = 0, got = 0;
	uint32_t count;
	char buf[300];
	int ret;

	(void)state;
	assert_true(cellipc_process(p->c[1], 0) >= 0);	/* idle, armed */
	cellipc_irq_ack(p->c[1], &count);
	cellipc_irq_enable(p->c[1]);
	/* a batch that never flushes, until the ring is full */
	memset(buf, 1, sizeof(buf));
	while ((ret = cellipc_send(p->c[0], 1, buf, 100 + sent % 200,
				   CELLIPC_SEND_MORE)) == 0)
		sent++;
	assert_int_equal(ret, -EAGAIN);
	/* the sleeping consumer was woken and sees all of it */
	assert_int_equal(cellipc_irq_ack(p->c[1], &count), 1);
	while (cellipc_recv(p->c[1], 0, buf, sizeof(buf)) > 0)
		got++;
	assert_int_equal(got, sent);
	teardown_p(p);
}

static void test_close_drains(void **state)
{
	struct pair *p = setup_n(2, 65536, 0, 0);
	struct cellipc_peer pi;
	char in[8];
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_int_equal(cellipc_send(p->c[0], 1, "bye", 4, 0), 0);
	cellipc_close(p->c[0]);
	p->c[0] = NULL;
	memset(&p->r[1], 0, sizeof(p->r[1]));
	/* what was published before the close is still delivered */
	assert_true(cellipc_process(p->c[1], 0) >= 1);
	assert_int_equal(p->r[1].count[CELLIPC_EV_DISCONNECT], 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), 4);
	/* nothing can be sent to a closed peer */
	assert_int_equal(cellipc_send(p->c[1], 0, "x", 1, 0), -ENOTCONN);
	assert_true(cellipc_process(p->c[1], 0) >= 1);
	assert_int_equal(p->r[1].count[CELLIPC_EV_DISCONNECT], 1);
	cellipc_peer_get(p->c[1], 0, &pi);
	assert_int_equal(pi.connected, 0);
	assert_int_equal(pi.state, 0);
	assert_int_equal(cellipc_recv(p->c[1], 0, in, sizeof(in)), -ENOTCONN);
	p->c[0] = sim_open(p->t.path, 0, 2, 65536);	/* for teardown */
	teardown_p(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_connected_before_init),
		cmocka_unit_test(test_copy_roundtrip),
		cmocka_unit_test(test_zero_copy_and_sizes),
		cmocka_unit_test(test_wrap_and_full),
		cmocka_unit_test(test_batch_suppresses_doorbells),
		cmocka_unit_test(test_three_peers),
		cmocka_unit_test(test_deliver_callback),
		cmocka_unit_test(test_readable_events),
		cmocka_unit_test(test_peer_restart),
		cmocka_unit_test(test_close_drains),
		cmocka_unit_test(test_full_batch_is_published),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
