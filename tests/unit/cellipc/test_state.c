// SPDX-License-Identifier: MIT
/*
 * test_state.c - peer state over the sim backend: state writes reach the
 * table and interrupt the others, callbacks with generations, reset to 0
 * on close and on process death, one-shot interrupt control; ringing a
 * peer that just died does not kill the caller.
 */
#include <signal.h>
#include <sys/wait.h>

#include "testutil.h"

static void test_state_write_interrupts_others(void **state)
{
	struct cellipc *c[3];
	struct rec r1, r2;
	const struct cellipc_event *ev;
	uint32_t v, count;
	struct tdir t;
	int i;

	(void)state;
	tdir_make(&t);
	for (i = 0; i < 3; i++)
		c[i] = sim_open(t.path, (uint32_t)i, 3, 8192);
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	cellipc_set_event_cb(c[1], rec_cb, &r1);
	cellipc_set_event_cb(c[2], rec_cb, &r2);
	for (i = 0; i < 3; i++)
		assert_true(cellipc_process(c[i], 0) >= 0);	/* arms */

	assert_int_equal(cellipc_state_set(c[0], 7), 0);
	assert_int_equal(cellipc_state_get(c[1], 0, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(cellipc_state_table(c[2])[0], 7);
	assert_int_equal(cellipc_state_get(c[1], 3, &v), -EINVAL);
	/* every other peer got an interrupt, the writer none */
	assert_int_equal(cellipc_irq_ack(c[0], &count), 0);
	assert_true(cellipc_process(c[1], 0) >= 2);
	assert_true(cellipc_process(c[2], 0) >= 2);
	assert_non_null(rec_last(&r1, CELLIPC_EV_IRQ, 1));
	ev = rec_last(&r1, CELLIPC_EV_STATE, 0);
	assert_non_null(ev);
	assert_int_equal(ev->u.state.old_state, 0);
	assert_int_equal(ev->u.state.new_state, 7);
	assert_int_equal(ev->u.state.generation, 1);
	ev = rec_last(&r2, CELLIPC_EV_STATE, 0);
	assert_non_null(ev);
	assert_int_equal(ev->u.state.new_state, 7);

	/* close: state back to 0, peers told */
	cellipc_close(c[0]);
	assert_true(cellipc_process(c[1], 0) >= 1);
	ev = rec_last(&r1, CELLIPC_EV_STATE, 0);
	assert_int_equal(ev->u.state.old_state, 7);
	assert_int_equal(ev->u.state.new_state, 0);
	/* a restarted peer is a new generation */
	c[0] = sim_open(t.path, 0, 3, 8192);
	assert_int_equal(cellipc_state_set(c[0], 7), 0);
	assert_true(cellipc_process(c[1], 0) >= 1);
	ev = rec_last(&r1, CELLIPC_EV_STATE, 0);
	assert_int_equal(ev->u.state.new_state, 7);
	assert_int_equal(ev->u.state.generation, 2);
	for (i = 0; i < 3; i++)
		cellipc_close(c[i]);
	tdir_clean(&t);
}

static void test_death_resets_state(void **state)
{
	struct cellipc *b, *again;
	struct cellipc_params p;
	struct rec r;
	const struct cellipc_event *ev;
	struct cellipc_peer pi;
	int pipefd[2], st, i;
	struct tdir t;
	pid_t pid;
	char ch;

	(void)state;
	tdir_make(&t);
	b = sim_open(t.path, 1, 2, 8192);
	memset(&r, 0, sizeof(r));
	cellipc_set_event_cb(b, rec_cb, &r);
	assert_true(cellipc_process(b, 0) >= 0);
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	if (pid == 0) {
		struct cellipc *a = sim_open(t.path, 0, 2, 8192);

		cellipc_state_set(a, 3);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(1);
		pause();	/* killed, never closes */
		_exit(0);
	}
	assert_int_equal(read(pipefd[0], &ch, 1), 1);
	assert_true(cellipc_process(b, 0) >= 1);
	assert_int_equal(cellipc_peer_get(b, 0, &pi), 0);
	assert_int_equal(pi.state, 3);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	/* the pidfd in cellipc_fd() wakes us; the device resets state 0 */
	for (i = 0; i < 100; i++) {
		struct pollfd pfd = { .fd = cellipc_fd(b), .events = POLLIN };

		poll(&pfd, 1, 10);
		cellipc_process(b, 0);
		ev = rec_last(&r, CELLIPC_EV_STATE, 0);
		if (ev && ev->u.state.new_state == 0)
			break;
	}
	ev = rec_last(&r, CELLIPC_EV_STATE, 0);
	assert_non_null(ev);
	assert_int_equal(ev->u.state.old_state, 3);
	assert_int_equal(ev->u.state.new_state, 0);
	assert_int_equal(cellipc_state_table(b)[0], 0);
	/* the id is free for a new process */
	memset(&p, 0, sizeof(p));
	p.peer_id = 0;
	assert_int_equal(cellipc_open_sim(t.path, &p, &again), 0);
	cellipc_close(again);
	cellipc_close(b);
	close(pipefd[0]);
	close(pipefd[1]);
	tdir_clean(&t);
}

static void test_one_shot(void **state)
{
	struct cellipc_params p;
	struct cellipc *a, *b;
	uint32_t count = 0;
	struct tdir t;
	int i;

	(void)state;
	tdir_make(&t);
	a = sim_open(t.path, 0, 2, 8192);
	b = sim_open(t.path, 1, 2, 8192);
	/* disabled until armed: the doorbell is lost */
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	assert_int_equal(cellipc_irq_ack(b, &count), 0);
	assert_int_equal(cellipc_irq_enable(b), 0);
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	assert_int_equal(cellipc_doorbell(a, 1, 1), 0);	/* lost: one-shot */
	assert_int_equal(cellipc_irq_ack(b, &count), 1);
	assert_int_equal(count, 1);
	assert_int_equal(cellipc_irq_ack(b, &count), 0);
	assert_int_equal(cellipc_irq_enable(b), 0);
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	assert_int_equal(cellipc_irq_ack(b, &count), 1);
	assert_int_equal(count, 2);
	cellipc_close(b);

	/* without one-shot: stays enabled */
	memset(&p, 0, sizeof(p));
	p.peer_id = 1;
	p.flags = CELLIPC_OPEN_NO_ONESHOT;
	assert_int_equal(cellipc_open_sim(t.path, &p, &b), 0);
	assert_int_equal(cellipc_irq_enable(b), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	/* the counter is the device's, cumulative like uio's: 2 before */
	assert_int_equal(cellipc_irq_ack(b, &count), 1);
	assert_int_equal(count, 2 + 3);
	cellipc_close(b);
	cellipc_close(a);
	tdir_clean(&t);
}

static void test_doorbell_targets(void **state)
{
	struct cellipc *c[3];
	struct tdir t;
	uint32_t count;
	int i;

	(void)state;
	tdir_make(&t);
	for (i = 0; i < 3; i++) {
		c[i] = sim_open(t.path, (uint32_t)i, 3, 8192);
		cellipc_irq_enable(c[i]);
	}
	/* stores before the doorbell are visible when it arrives */
	((volatile uint32_t *)cellipc_output_section(c[0], NULL))[0] = 0x1234;
	assert_int_equal(cellipc_doorbell(c[0], 2, 1), 0);
	assert_int_equal(cellipc_irq_ack(c[1], &count), 0);
	assert_int_equal(cellipc_irq_ack(c[2], &count), 1);
	assert_int_equal(((const volatile uint32_t *)
			  cellipc_peer_section(c[2], 0, NULL))[0], 0x1234);
	assert_int_equal(cellipc_doorbell(c[0], 3, 0), -EINVAL);
	assert_int_equal(cellipc_doorbell(c[0], 1, 0x10000), -EINVAL);
	/* an unsupported vector is accepted and does nothing */
	assert_int_equal(cellipc_doorbell(c[0], 1, 100), 0);
	assert_int_equal(cellipc_irq_ack(c[1], &count), 0);
	/* a peer without owner: accepted, nothing happens */
	cellipc_close(c[2]);
	assert_int_equal(cellipc_doorbell(c[0], 2, 0), 0);
	cellipc_close(c[0]);
	cellipc_close(c[1]);
	tdir_clean(&t);
}

/*
 * A peer dies while armed, before anyone has noticed: the next doorbell
 * from a handle that rang it before (and so holds its FIFO open) is lost,
 * as on the device, and must neither fail nor raise SIGPIPE in the caller.
 */
static void test_doorbell_to_dead_peer(void **state)
{
	struct cellipc_params p;
	struct cellipc *a, *b;
	struct pollfd pfd;
	struct tdir t;
	int sync[2], st;
	char x;
	pid_t pid;

	(void)state;
	tdir_make(&t);
	assert_int_equal(pipe(sync), 0);
	a = sim_open(t.path, 0, 2, 8192);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* peer 1: ack and re-arm every interrupt, report each */
		memset(&p, 0, sizeof(p));
		p.peer_id = 1;
		if (cellipc_open_sim(t.path, &p, &b) || cellipc_irq_enable(b))
			_exit(1);
		if (write(sync[1], "r", 1) != 1)
			_exit(1);
		for (;;) {
			pfd.fd = cellipc_fd(b);
			pfd.events = POLLIN;
			poll(&pfd, 1, -1);
			if (cellipc_irq_ack(b, NULL) == 1 &&
			    (cellipc_irq_enable(b) || write(sync[1], "i", 1) != 1))
				_exit(1);
		}
	}
	assert_int_equal(read(sync[0], &x, 1), 1);	/* armed */
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	assert_int_equal(read(sync[0], &x, 1), 1);	/* got it, re-armed */
	assert_int_equal(x, 'i');
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	/* not processed yet: peer 1 still looks live and armed */
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	/* then the death is seen and handled as before */
	assert_true(cellipc_irq_ack(a, NULL) >= 0);
	assert_int_equal(cellipc_doorbell(a, 1, 0), 0);
	cellipc_close(a);
	close(sync[0]);
	close(sync[1]);
	tdir_clean(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_write_interrupts_others),
		cmocka_unit_test(test_death_resets_state),
		cmocka_unit_test(test_one_shot),
		cmocka_unit_test(test_doorbell_targets),
		cmocka_unit_test(test_doorbell_to_dead_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
