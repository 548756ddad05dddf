// SPDX-License-Identifier: MIT
/*
 * test_heartbeat.c - heartbeats report a hung peer as dead although its
 * state word never changes, and alive again when it resumes; argument
 * checks; the loop timeout follows the heartbeat schedule.
 */
#include "testutil.h"

struct hb {
	struct tdir t;
	struct cellipc *c[2];
	struct rec r[2];
};

static int connected(void *arg)
{
	struct hb *h = arg;
	struct cellipc_peer a, b;

	cellipc_peer_get(h->c[0], 1, &a);
	cellipc_peer_get(h->c[1], 0, &b);
	return a.connected && b.connected;
}

static int dead0(void *arg)
{
	struct hb *h = arg;

	return h->r[1].count[CELLIPC_EV_PEER_DEAD] > 0;
}

static void test_args(void **state)
{
	struct tdir t;
	struct cellipc *c;

	(void)state;
	tdir_make(&t);
	c = sim_open(t.path, 0, 2, 65536);
	assert_int_equal(cellipc_heartbeat(c, 10, 50), -EINVAL); /* no ring */
	assert_non_null(strstr(cellipc_last_error(c), "ring_init"));
	assert_int_equal(cellipc_ring_init(c, NULL), 0);
	assert_int_equal(cellipc_heartbeat(c, 10, 10), -EINVAL);
	assert_int_equal(cellipc_heartbeat(c, 10, 50), 0);
	assert_true(cellipc_timeout_ms(c) <= 50);
	assert_int_equal(cellipc_heartbeat(c, 0, 0), 0);
	assert_true(cellipc_process(c, 0) >= 0);
	assert_int_equal(cellipc_timeout_ms(c), -1);
	cellipc_close(c);
	tdir_clean(&t);
}

static void test_hung_peer(void **state)
{
	struct hb h;
	struct cellipc_peer pi;
	uint32_t st;
	int i;

	(void)state;
	memset(&h, 0, sizeof(h));
	tdir_make(&h.t);
	for (i = 0; i < 2; i++) {
		/* 3 peers, one never shows up: never reported dead */
		h.c[i] = sim_open(h.t.path, (uint32_t)i, 3, 65536);
		cellipc_set_event_cb(h.c[i], rec_cb, &h.r[i]);
		assert_int_equal(cellipc_ring_init(h.c[i], NULL), 0);
		assert_int_equal(cellipc_state_set(h.c[i], 3), 0);
	}
	assert_true(pump(h.c, 2, connected, &h, 200));
	for (i = 0; i < 2; i++)
		assert_int_equal(cellipc_heartbeat(h.c[i], 20, 400), 0);
	/* both alive and processing: nobody is declared dead */
	pump_n(h.c, 2, 20);
	assert_int_equal(h.r[0].count[CELLIPC_EV_PEER_DEAD], 0);
	assert_int_equal(h.r[1].count[CELLIPC_EV_PEER_DEAD], 0);
	/* peer 0 hangs: only peer 1 runs; the state word stays 3 */
	assert_true(pump(&h.c[1], 1, dead0, &h, 300));
	assert_int_equal(rec_last(&h.r[1], CELLIPC_EV_PEER_DEAD, 0)->peer, 0);
	assert_int_equal(cellipc_state_get(h.c[1], 0, &st), 0);
	assert_int_equal(st, 3);
	cellipc_peer_get(h.c[1], 0, &pi);
	assert_int_equal(pi.alive, 0);
	assert_int_equal(h.r[1].count[CELLIPC_EV_PEER_DEAD], 1);
	/* it resumes */
	pump_n(h.c, 2, 10);
	assert_int_equal(h.r[1].count[CELLIPC_EV_PEER_ALIVE], 1);
	cellipc_peer_get(h.c[1], 0, &pi);
	assert_int_equal(pi.alive, 1);
	for (i = 0; i < 2; i++)
		cellipc_close(h.c[i]);
	tdir_clean(&h.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_hung_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
