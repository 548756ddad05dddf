// SPDX-License-Identifier: MIT
/*
 * test_heartbeat.c - heartbeats report a hung peer as dead although its
 * state word never changes, and alive again when it resumes; argument
 * checks; the loop timeout follows the heartbeat schedule; a peer that
 * restarts and hangs is timed from its restart, not from its previous life.
 */
#include "testutil.h"

#include <signal.h>
#include <time.h>
#include <sys/wait.h>

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

/* ---- restart: the hang clock starts again with the new session ---- */

#define RS_TIMEOUT	1000u	/* heartbeat timeout of the watcher, ms */
#define RS_HANG		500u	/* old life hangs this long before dying */

struct rs {
	struct cellipc *c;
	uint64_t dead_ms;	/* when PEER_DEAD for peer 0 was emitted */
	unsigned int dead;
	uint32_t state;		/* peer 0's state word as last reported */
	uint32_t gen;		/* its generation as last reported */
};

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void rs_cb(struct cellipc *c, const struct cellipc_event *ev,
		  void *arg)
{
	struct rs *r = arg;

	(void)c;
	if (ev->peer != 0)
		return;
	if (ev->type == CELLIPC_EV_PEER_DEAD && !r->dead++)
		r->dead_ms = mono_ms();
	if (ev->type == CELLIPC_EV_STATE) {
		r->state = ev->u.state.new_state;
		r->gen = ev->u.state.generation;
	}
}

/* Child: peer 0 with a ring and heartbeats, running until killed. */
static void rs_child_live(const char *path)
{
	struct cellipc_params p;
	struct cellipc *c;
	struct pollfd pfd;
	int t;

	memset(&p, 0, sizeof(p));
	p.peer_id = 0;
	if (cellipc_open_sim(path, &p, &c) || cellipc_ring_init(c, NULL) ||
	    cellipc_state_set(c, 3) || cellipc_heartbeat(c, 20, RS_TIMEOUT))
		_exit(1);
	for (;;) {
		cellipc_process(c, 0);
		t = cellipc_timeout_ms(c);
		pfd.fd = cellipc_fd(c);
		pfd.events = POLLIN;
		poll(&pfd, 1, t < 0 || t > 20 ? 20 : t);
	}
}

/*
 * Child: peer 0 restarted; it announces itself (state 3) and hangs before
 * it gets to start a new ring session or a heartbeat, so what peers see in
 * its output section is still the old session's counter, unchanged.
 */
static void rs_child_hung(const char *path)
{
	struct cellipc_params p;
	struct cellipc *c;

	memset(&p, 0, sizeof(p));
	p.peer_id = 0;
	if (cellipc_open_sim(path, &p, &c) || cellipc_state_set(c, 3))
		_exit(1);
	for (;;)
		pause();
}

static pid_t rs_fork(void (*fn)(const char *), const char *path)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0)
		fn(path);
	return pid;
}

/* Run process() on r->c until cond holds or ms elapse. */
static int rs_pump(struct rs *r, int (*cond)(struct rs *), unsigned int ms)
{
	uint64_t end = mono_ms() + ms;
	struct pollfd pfd;

	for (;;) {
		assert_true(cellipc_process(r->c, 0) >= 0);
		if (cond && cond(r))
			return 1;
		if (mono_ms() >= end)
			return cond ? cond(r) : 1;
		pfd.fd = cellipc_fd(r->c);
		pfd.events = POLLIN;
		poll(&pfd, 1, 5);
	}
}

static int rs_beating(struct rs *r)
{
	struct cellipc_peer pi;

	cellipc_peer_get(r->c, 0, &pi);
	return pi.connected && pi.heartbeat >= 3;
}

static int rs_reset(struct rs *r)
{
	return r->state == 0;
}

static int rs_back(struct rs *r)
{
	return r->state == 3 && r->gen == 2;
}

static int rs_dead(struct rs *r)
{
	return r->dead > 0;
}

static void test_restart_resets_clock(void **state)
{
	struct tdir t;
	struct rs r;
	struct cellipc_peer pi;
	uint64_t restart_ms;
	pid_t p1, p2;
	int st;

	(void)state;
	memset(&r, 0, sizeof(r));
	tdir_make(&t);
	r.c = sim_open(t.path, 1, 2, 65536);
	cellipc_set_event_cb(r.c, rs_cb, &r);
	assert_int_equal(cellipc_ring_init(r.c, NULL), 0);
	assert_int_equal(cellipc_state_set(r.c, 3), 0);
	assert_int_equal(cellipc_heartbeat(r.c, 20, RS_TIMEOUT), 0);

	/* first life of peer 0: connected, heartbeat moving */
	p1 = rs_fork(rs_child_live, t.path);
	assert_true(rs_pump(&r, rs_beating, 5000));
	assert_int_equal(r.gen, 1);
	/* it hangs for a while (its counter stops), then dies */
	assert_int_equal(kill(p1, SIGSTOP), 0);
	rs_pump(&r, NULL, RS_HANG);
	assert_int_equal(r.dead, 0);
	assert_int_equal(kill(p1, SIGKILL), 0);
	assert_int_equal(waitpid(p1, &st, 0), p1);
	assert_true(rs_pump(&r, rs_reset, 2000));
	assert_int_equal(r.dead, 0);

	/* second life: comes back at once and hangs */
	restart_ms = mono_ms();
	p2 = rs_fork(rs_child_hung, t.path);
	assert_true(rs_pump(&r, rs_back, 2000));
	cellipc_peer_get(r.c, 0, &pi);
	assert_int_equal(pi.generation, 2);
	assert_true(rs_pump(&r, rs_dead, RS_TIMEOUT + 2000));
	kill(p2, SIGKILL);
	waitpid(p2, &st, 0);
	cellipc_close(r.c);
	tdir_clean(&t);
	/* timed from the restart, not from the old life's last beat */
	if (r.dead_ms - restart_ms < RS_TIMEOUT)
		fail_msg("restarted peer reported dead %llu ms after its restart (timeout %u ms)",
			 (unsigned long long)(r.dead_ms - restart_ms),
			 RS_TIMEOUT);
	assert_int_equal(r.dead, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_hung_peer),
		cmocka_unit_test(test_restart_resets_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
