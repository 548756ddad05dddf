// SPDX-License-Identifier: MIT
/*
 * Unit tests of the ivshmem-net protocol engine (apps/netbridge/ivnet.c):
 * two engines over two buffers in one process, as two cells would see
 * their output sections.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ivnet.h"

#define SEC_SIZE	0x7f000		/* JAILHOUSE_SHMEM_NET_REGIONS */

struct link {
	unsigned char *sec[2];
	size_t size;
	struct ivnet n[2];
};

static struct link *link_new(size_t size)
{
	struct link *l = calloc(1, sizeof(*l));
	int i;

	assert_non_null(l);
	l->size = size;
	for (i = 0; i < 2; i++) {
		l->sec[i] = aligned_alloc(4096, size);
		assert_non_null(l->sec[i]);
		memset(l->sec[i], 0, size);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(ivnet_init(&l->n[i], l->sec[i],
					    l->sec[!i], size, 0), 0);
	return l;
}

static void link_free(struct link *l)
{
	int i;

	for (i = 0; i < 2; i++) {
		ivnet_exit(&l->n[i]);
		free(l->sec[i]);
	}
	free(l);
}

/* Run both state machines as the state table would; returns rounds. */
static int handshake(struct link *l)
{
	uint32_t st[2] = { l->n[0].state, l->n[1].state };
	int round, changed;

	for (round = 0; round < 20; round++) {
		int i;

		changed = 0;
		for (i = 0; i < 2; i++) {
			uint32_t s = ivnet_step(&l->n[i], st[!i]);

			if (s != st[i]) {
				st[i] = s;
				changed = 1;
			}
		}
		if (!changed)
			return round;
	}
	return -1;
}

static void fill(unsigned char *buf, uint32_t len, uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(seed * 31 + i * 7);
}

static int send(struct ivnet *n, uint32_t len, uint32_t seed)
{
	unsigned char buf[20000];

	fill(buf, len, seed);
	return ivnet_tx_frame(n, buf, len);
}

/* Receive one frame and check it against the pattern of @seed. */
static void expect(struct ivnet *n, uint32_t len, uint32_t seed)
{
	unsigned char buf[20000];
	const void *data;
	uint32_t got;

	assert_int_equal(ivnet_rx_peek(n, &data, &got), 1);
	assert_int_equal(got, len);
	fill(buf, len, seed);
	assert_memory_equal(data, buf, len);
	ivnet_rx_next(n);
}

static void test_geometry(void **state)
{
	struct ivnet_geom g;

	(void)state;
	assert_int_equal(ivnet_geometry(SEC_SIZE, &g), 0);
	assert_int_equal(g.qlen, 2048);
	assert_int_equal(g.vrsize % 64, 0);
	assert_true(g.vrsize < SEC_SIZE / 8);
	assert_int_equal(g.vrsize, 53376);
	assert_int_equal(g.data_size, SEC_SIZE - 53376);
	assert_int_equal(g.default_mtu, 16384);
	assert_int_equal(g.max_mtu, g.data_size / 4);

	/* a 1 MiB section keeps the full 4096 entries */
	assert_int_equal(ivnet_geometry(1 << 20, &g), 0);
	assert_int_equal(g.qlen, 4096);
	/* small sections get small rings and a small MTU */
	assert_int_equal(ivnet_geometry(16384, &g), 0);
	assert_int_equal(g.qlen, 64);
	assert_true(g.default_mtu < 16384);
	/* too small or absurd */
	assert_int_equal(ivnet_geometry(1024, &g), -EINVAL);
	assert_int_equal(ivnet_geometry(0, &g), -EINVAL);
}

static void test_bad_init(void **state)
{
	unsigned char *a = aligned_alloc(4096, SEC_SIZE);
	struct ivnet n;

	(void)state;
	assert_int_equal(ivnet_init(&n, a, a, SEC_SIZE, 10), -EINVAL);
	assert_int_equal(ivnet_init(&n, a, a, SEC_SIZE, 1 << 20), -EINVAL);
	assert_int_equal(ivnet_init(&n, a + 8, a, SEC_SIZE - 64, 0),
			 -EINVAL);
	free(a);
}

static void test_handshake(void **state)
{
	struct link *l = link_new(SEC_SIZE);

	(void)state;
	assert_false(ivnet_carrier(&l->n[0]));
	assert_true(handshake(l) >= 0);
	assert_int_equal(ivnet_state(&l->n[0]), IVNET_STATE_RUN);
	assert_int_equal(ivnet_state(&l->n[1]), IVNET_STATE_RUN);
	assert_true(ivnet_carrier(&l->n[0]));
	assert_true(ivnet_carrier(&l->n[1]));
	link_free(l);
}

static void test_no_carrier_no_tx(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	const void *d;
	uint32_t len;
	int err = 0;

	(void)state;
	assert_null(ivnet_tx_reserve(&l->n[0], &err));
	assert_int_equal(err, -ENOLINK);
	assert_int_equal(send(&l->n[0], 100, 1), -ENOLINK);
	assert_int_equal(l->n[0].stats.tx_drops, 1);
	assert_int_equal(ivnet_rx_peek(&l->n[1], &d, &len), 0);
	link_free(l);
}

static void test_frames_both_ways(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	int i;

	(void)state;
	handshake(l);
	for (i = 0; i < 2; i++) {
		assert_int_equal(send(&l->n[i], 60, 10 + i), 0);
		assert_int_equal(send(&l->n[i], 1514, 20 + i), 0);
		assert_int_equal(send(&l->n[i], 16384 + 18, 30 + i), 0);
		/* first publish: the peer has not suppressed doorbells */
		assert_true(ivnet_tx_publish(&l->n[i]));
	}
	for (i = 0; i < 2; i++) {
		const void *d;
		uint32_t len;

		expect(&l->n[!i], 60, 10 + i);
		expect(&l->n[!i], 1514, 20 + i);
		expect(&l->n[!i], 16384 + 18, 30 + i);
		assert_int_equal(ivnet_rx_peek(&l->n[!i], &d, &len), 0);
		ivnet_rx_publish(&l->n[!i]);
		assert_int_equal(ivnet_tx_reclaim(&l->n[i], false), 3);
		assert_int_equal(l->n[!i].stats.rx_frames, 3);
		assert_int_equal(l->n[!i].stats.rx_bytes,
				 60 + 1514 + 16384 + 18);
	}
	/* frames start at cache-line aligned offsets */
	for (i = 0; i < 3; i++) {
		uint64_t addr;

		memcpy(&addr, l->sec[0] + 16 * i, 8);
		assert_int_equal(addr % 64, 0);
		assert_true(addr >= l->n[0].g.vrsize);
	}
	/* too long is refused and counted */
	assert_int_equal(send(&l->n[0], 16384 + 19, 1), -EMSGSIZE);
	assert_int_equal(l->n[0].stats.tx_drops, 1);
	link_free(l);
}

static void test_event_suppression(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	struct ivnet *a = &l->n[0], *b = &l->n[1];

	(void)state;
	handshake(l);
	assert_int_equal(send(a, 100, 1), 0);
	assert_true(ivnet_tx_publish(a));
	/* receiver consumes and re-arms at the next entry */
	expect(b, 100, 1);
	assert_int_equal(ivnet_rx_publish(b) & IVNET_RX_MORE, 0);
	assert_int_equal(send(a, 100, 2), 0);
	assert_true(ivnet_tx_publish(a));
	/* receiver has not run: further frames need no doorbell */
	assert_int_equal(send(a, 100, 3), 0);
	assert_false(ivnet_tx_publish(a));
	assert_int_equal(send(a, 100, 4), 0);
	assert_false(ivnet_tx_publish(a));
	expect(b, 100, 2);
	expect(b, 100, 3);
	expect(b, 100, 4);
	ivnet_rx_publish(b);
	assert_int_equal(a->stats.notify_tx, 2);

	/* completions notify only when the sender asked */
	assert_int_equal(ivnet_tx_reclaim(a, false), 4);
	assert_int_equal(send(b, 100, 5), 0);
	ivnet_tx_publish(b);
	expect(a, 100, 5);
	/* used_event starts at 0: the first completion is signalled */
	assert_true(ivnet_rx_publish(a) & IVNET_NOTIFY_PEER);
	assert_int_equal(send(b, 100, 6), 0);
	ivnet_tx_publish(b);
	expect(a, 100, 6);
	assert_false(ivnet_rx_publish(a) & IVNET_NOTIFY_PEER);
	assert_int_equal(send(b, 100, 7), 0);
	ivnet_tx_publish(b);
	ivnet_tx_reclaim(b, true);	/* blocked sender wants a doorbell */
	expect(a, 100, 7);
	assert_true(ivnet_rx_publish(a) & IVNET_NOTIFY_PEER);
	link_free(l);
}

static void test_ring_full_and_wrap(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	struct ivnet *a = &l->n[0], *b = &l->n[1];
	uint32_t sent = 0, recvd = 0, full = 0;

	(void)state;
	handshake(l);
	/* 20000 frames of varying size through a ring that holds ~30 */
	while (recvd < 20000) {
		uint32_t len = 60 + (sent * 977) % 16000;
		const void *d;
		uint32_t got;
		int err;

		err = send(a, len, sent);
		if (!err) {
			sent++;
			if (sent % 64)
				continue;
		} else {
			assert_int_equal(err, -ENOBUFS);
			full++;
		}
		ivnet_tx_publish(a);
		while (ivnet_rx_peek(b, &d, &got) == 1) {
			expect(b, 60 + (recvd * 977) % 16000, recvd);
			recvd++;
		}
		ivnet_rx_publish(b);
		ivnet_tx_reclaim(a, false);
	}
	assert_true(full > 0);
	assert_int_equal(b->stats.rx_drops, 0);
	assert_int_equal(b->stats.ring_errors, 0);
	assert_int_equal(a->stats.ring_errors, 0);
	link_free(l);
}

static void test_descriptor_limit(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	struct ivnet *a = &l->n[0];
	uint32_t i;

	(void)state;
	handshake(l);
	/* small frames: the descriptor count is the limit */
	for (i = 0; i < a->g.qlen; i++)
		assert_int_equal(send(a, 60, i), 0);
	assert_int_equal(send(a, 60, i), -ENOBUFS);
	ivnet_tx_publish(a);
	assert_int_equal(send(a, 60, i), -ENOBUFS);
	for (i = 0; i < a->g.qlen; i++)
		expect(&l->n[1], 60, i);
	ivnet_rx_publish(&l->n[1]);
	assert_int_equal(send(a, 60, i), 0);
	link_free(l);
}

static void test_peer_restart(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	struct ivnet *a = &l->n[0], *b = &l->n[1];

	(void)state;
	handshake(l);
	assert_int_equal(send(a, 200, 1), 0);
	ivnet_tx_publish(a);

	/* b dies: its state entry is zeroed, a drops the link */
	ivnet_exit(b);
	memset(l->sec[1], 0x5a, l->size);
	assert_int_equal(ivnet_step(a, IVNET_STATE_RESET), IVNET_STATE_RESET);
	assert_false(ivnet_carrier(a));
	assert_int_equal(send(a, 200, 2), -ENOLINK);
	assert_int_equal(ivnet_step(a, IVNET_STATE_RESET), IVNET_STATE_INIT);

	/* a new b comes up; the stale frame is gone, new ones cross */
	assert_int_equal(ivnet_init(b, l->sec[1], l->sec[0], l->size, 0), 0);
	assert_true(handshake(l) >= 0);
	assert_true(ivnet_carrier(a) && ivnet_carrier(b));
	assert_int_equal(send(a, 300, 3), 0);
	ivnet_tx_publish(a);
	expect(b, 300, 3);
	assert_int_equal(a->stats.resets, 1);

	/* a fast restart seen only as INIT also resets the link */
	assert_int_equal(ivnet_step(a, IVNET_STATE_INIT), IVNET_STATE_RESET);
	/* and an invalid state is treated as RESET */
	handshake(l);
	assert_int_equal(ivnet_step(b, 0x1234), IVNET_STATE_RESET);
	link_free(l);
}

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A peer that writes garbage into its section: drop, count, survive. */
static void test_hostile_peer(void **state)
{
	struct link *l = link_new(SEC_SIZE);
	struct ivnet *a = &l->n[0];
	uint32_t seed = 12345, round, *w;
	size_t i;

	(void)state;
	handshake(l);
	w = (uint32_t *)l->sec[1];
	for (round = 0; round < 300; round++) {
		const void *d;
		uint32_t len;
		int k;

		/* garbage everywhere, sometimes only in the indices */
		if (round % 3 == 0) {
			for (i = 0; i < l->size / 4; i += 1 + rnd(&seed) % 64)
				w[i] = rnd(&seed);
		} else {
			size_t q = l->n[1].g.qlen;

			/* avail idx, random descriptors, used idx */
			*(uint16_t *)(l->sec[1] + q * 16 + 2) += rnd(&seed) %
				(round % 2 ? q : 65536);
			for (k = 0; k < 16; k++) {
				size_t di = rnd(&seed) % q;

				memcpy(l->sec[1] + di * 16, &seed, 4);
				*(uint32_t *)(l->sec[1] + di * 16 + 8) =
					rnd(&seed) % (round % 4 ? 2000 : ~0u);
			}
		}
		for (k = 0; k < 5000 && ivnet_rx_peek(a, &d, &len) == 1;
		     k++) {
			/* whatever is returned lies inside the section */
			assert_true((const unsigned char *)d >= l->sec[1]);
			assert_true((const unsigned char *)d + len <=
				    l->sec[1] + l->size);
			ivnet_rx_next(a);
		}
		assert_true(k < 5000);
		ivnet_rx_publish(a);
		send(a, 1000, round);
		ivnet_tx_publish(a);
		ivnet_tx_reclaim(a, round & 1);
		assert_true(a->tx_inuse <= a->g.data_size);
	}
	assert_true(a->stats.rx_drops + a->stats.ring_errors > 0);
	link_free(l);
}

/* Sender and receiver in two threads (run under TSan by make test). */
struct thr {
	struct link *l;
	uint32_t frames;
	uint32_t bad;
};

static void *tx_thread(void *arg)
{
	struct thr *t = arg;
	struct ivnet *a = &t->l->n[0];
	uint32_t i = 0;

	while (i < t->frames) {
		if (send(a, 64 + i % 1400, i) == 0)
			i++;
		ivnet_tx_publish(a);
		ivnet_tx_reclaim(a, false);
	}
	return NULL;
}

static void *rx_thread(void *arg)
{
	struct thr *t = arg;
	struct ivnet *b = &t->l->n[1];
	unsigned char buf[2000];
	uint32_t i = 0;

	while (i < t->frames) {
		const void *d;
		uint32_t len;

		while (ivnet_rx_peek(b, &d, &len) == 1) {
			fill(buf, 64 + i % 1400, i);
			if (len != 64 + i % 1400 || memcmp(d, buf, len))
				t->bad++;
			ivnet_rx_next(b);
			i++;
		}
		ivnet_rx_publish(b);
	}
	return NULL;
}

static void test_two_threads(void **state)
{
#ifdef TSAN_BUILD
	struct thr t = { .frames = 40000 };
#else
	struct thr t = { .frames = 200000 };
#endif
	pthread_t tx, rx;

	(void)state;
	t.l = link_new(SEC_SIZE);
	handshake(t.l);
	assert_int_equal(pthread_create(&rx, NULL, rx_thread, &t), 0);
	assert_int_equal(pthread_create(&tx, NULL, tx_thread, &t), 0);
	pthread_join(tx, NULL);
	pthread_join(rx, NULL);
	assert_int_equal(t.bad, 0);
	assert_int_equal(t.l->n[1].stats.rx_frames, t.frames);
	link_free(t.l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_bad_init),
		cmocka_unit_test(test_handshake),
		cmocka_unit_test(test_no_carrier_no_tx),
		cmocka_unit_test(test_frames_both_ways),
		cmocka_unit_test(test_event_suppression),
		cmocka_unit_test(test_ring_full_and_wrap),
		cmocka_unit_test(test_descriptor_limit),
		cmocka_unit_test(test_peer_restart),
		cmocka_unit_test(test_hostile_peer),
		cmocka_unit_test(test_two_threads),
	};

	return cmocka_run_group_tests_name("ivnet", tests, NULL, NULL);
}
