// SPDX-License-Identifier: MIT
/*
 * stress.c - multi-process stress test of the message layer over the sim
 * backend: a producer and a consumer process exchange N messages (default
 * 10^7) of random sizes in random batch lengths, each carrying a sequence
 * number and a checksum. Both sides block on the doorbell when they have
 * nothing to do. Mid-stream the consumer is killed with SIGKILL and
 * replaced, and later the producer closes and re-opens its device.
 *
 * Checked: within every session no message is lost, reordered or
 * corrupted; the producer sees the killed consumer's state reset to 0; both
 * sides see the reconnections; no wake-up is ever missed (a poll() that
 * times out while work was waiting counts as a failure).
 *
 * Output: contract lines "ok cellipc/stress/<check>" / "not ok ...".
 * Usage: stress [messages]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cellipc.h"

#define OUT_SIZE	(1u << 20)
#define HDR		16u
#define WAIT_MS		2000

struct shared {
	volatile uint64_t verified;	/* messages checked by consumers */
	volatile uint64_t sent;
	volatile uint32_t stop;
	volatile uint32_t lost, reordered, corrupted, missed_wakeups;
	volatile uint32_t prod_saw_reset, prod_disconnects, prod_connects;
	volatile uint32_t cons_sessions;
	volatile uint32_t errors;
	volatile uint32_t restarted_producer;
	char msg[256];
};

static struct shared *sh;
static const char *dev_path;

static uint64_t xs(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static uint32_t msg_len(uint64_t seq)
{
	uint64_t s = seq * 0x9e3779b97f4a7c15ull + 1;
	uint64_t r = xs(&s);

	if (r % 1000 == 0)
		return HDR + 2000 + (uint32_t)(r >> 20) % 6000;
	return HDR + (uint32_t)(r >> 20) % 240;
}

static uint32_t fill(uint8_t *p, uint32_t len, uint64_t seq)
{
	uint64_t s = seq ^ 0xdeadbeefcafef00dull;
	uint32_t i, sum = 2166136261u;

	for (i = HDR; i < len; i++) {
		p[i] = (uint8_t)xs(&s);
		sum = (sum ^ p[i]) * 16777619u;
	}
	return sum;
}

static uint32_t csum(const uint8_t *p, uint32_t len)
{
	uint32_t i, sum = 2166136261u;

	for (i = HDR; i < len; i++)
		sum = (sum ^ p[i]) * 16777619u;
	return sum;
}

static void fail(const char *what)
{
	__atomic_fetch_add(&sh->errors, 1, __ATOMIC_RELAXED);
	snprintf(sh->msg, sizeof(sh->msg), "%s", what);
}

static struct cellipc *open_peer(uint32_t id)
{
	struct cellipc_params p;
	struct cellipc *c;
	char err[256] = "";
	int ret;

	memset(&p, 0, sizeof(p));
	p.flags = CELLIPC_OPEN_CREATE;
	p.peer_id = id;
	p.max_peers = 2;
	p.output_section_size = OUT_SIZE;
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	ret = cellipc_open_sim(dev_path, &p, &c);
	if (ret) {
		fprintf(stderr, "stress: open peer %u: %s: %s\n", id,
			cellipc_strerror(ret), err);
		exit(2);
	}
	ret = cellipc_ring_init(c, NULL);
	if (ret) {
		fprintf(stderr, "stress: ring_init: %s: %s\n",
			cellipc_strerror(ret), cellipc_last_error(c));
		exit(2);
	}
	cellipc_state_set(c, 1);
	return c;
}

/* Block on the doorbell; returns 1 if poll() timed out. */
static int wait_irq(struct cellipc *c)
{
	struct pollfd pfd = { .fd = cellipc_fd(c), .events = POLLIN };
	int t = cellipc_timeout_ms(c);

	if (t == 0)
		return 0;
	return poll(&pfd, 1, WAIT_MS) == 0;
}

/* ---- producer ---- */

struct prod {
	uint64_t seq;
	int connected;
	int writable;
};

static void prod_cb(struct cellipc *c, const struct cellipc_event *ev,
		    void *arg)
{
	struct prod *p = arg;

	(void)c;
	switch (ev->type) {
	case CELLIPC_EV_CONNECT:
		p->connected = 1;
		p->seq = 0;	/* every session starts at 0 */
		__atomic_fetch_add(&sh->prod_connects, 1, __ATOMIC_RELAXED);
		break;
	case CELLIPC_EV_DISCONNECT:
		p->connected = 0;
		__atomic_fetch_add(&sh->prod_disconnects, 1, __ATOMIC_RELAXED);
		break;
	case CELLIPC_EV_STATE:
		if (ev->u.state.new_state == 0 && ev->u.state.old_state != 0)
			__atomic_fetch_add(&sh->prod_saw_reset, 1,
					   __ATOMIC_RELAXED);
		break;
	case CELLIPC_EV_WRITABLE:
		p->writable = 1;
		break;
	case CELLIPC_EV_ERROR:
		fail("producer: channel error");
		break;
	}
}

static void producer(uint64_t total)
{
	struct prod p = { 0 };
	struct cellipc *c = open_peer(0);
	uint64_t s = 42, restart_at = total * 7 / 10;
	int ret;

	cellipc_set_event_cb(c, prod_cb, &p);
	while (!sh->stop) {
		unsigned int batch, i;

		if (!sh->restarted_producer && sh->verified >= restart_at) {
			/* clean restart of the producer mid-stream */
			sh->restarted_producer = 1;
			cellipc_close(c);
			c = open_peer(0);
			memset(&p, 0, sizeof(p));
			cellipc_set_event_cb(c, prod_cb, &p);
		}
		if (cellipc_process(c, 0) < 0) {
			fail("producer: process failed");
			break;
		}
		if (!p.connected) {
			wait_irq(c);
			continue;
		}
		batch = 1 + (unsigned int)(xs(&s) % 64);
		for (i = 0; i < batch; i++) {
			uint32_t len = msg_len(p.seq);
			uint8_t *buf;

			ret = cellipc_reserve(c, 1, len, (void **)&buf);
			if (ret == -EAGAIN) {
				cellipc_flush(c, 1);
				p.writable = 0;
				if (wait_irq(c)) {
					cellipc_process(c, 0);
					if (p.writable && p.connected)
						__atomic_fetch_add(&sh->missed_wakeups,
								   1, __ATOMIC_RELAXED);
				}
				break;
			}
			if (ret == -ENOTCONN)
				break;
			if (ret) {
				fail("producer: reserve failed");
				sh->stop = 1;
				break;
			}
			memcpy(buf, &p.seq, 8);
			memcpy(buf + 8, &len, 4);
			{
				uint32_t sum = fill(buf, len, p.seq);

				memcpy(buf + 12, &sum, 4);
			}
			cellipc_commit(c, 1, len, CELLIPC_SEND_MORE);
			p.seq++;
			sh->sent++;
		}
		cellipc_flush(c, 1);
	}
	cellipc_close(c);
	exit(0);
}

/* ---- consumer ---- */

struct cons {
	uint64_t expect;
	uint64_t kill_at;
	int got;
};

static void cons_cb(struct cellipc *c, const struct cellipc_event *ev,
		    void *arg)
{
	struct cons *k = arg;
	const uint8_t *d;
	uint64_t seq;
	uint32_t len, sum;

	(void)c;
	switch (ev->type) {
	case CELLIPC_EV_CONNECT:
		k->expect = 0;
		__atomic_fetch_add(&sh->cons_sessions, 1, __ATOMIC_RELAXED);
		break;
	case CELLIPC_EV_ERROR:
		fail("consumer: channel error");
		break;
	case CELLIPC_EV_MSG:
		k->got = 1;
		d = ev->u.msg.data;
		if (ev->u.msg.len < HDR) {
			sh->corrupted++;
			break;
		}
		memcpy(&seq, d, 8);
		memcpy(&len, d + 8, 4);
		memcpy(&sum, d + 12, 4);
		if (len != ev->u.msg.len || len != msg_len(seq) ||
		    sum != csum(d, len)) {
			sh->corrupted++;
			break;
		}
		if (seq > k->expect)
			sh->lost += (uint32_t)(seq - k->expect);
		else if (seq < k->expect)
			sh->reordered++;
		k->expect = seq + 1;
		__atomic_fetch_add(&sh->verified, 1, __ATOMIC_RELAXED);
		break;
	}
}

static void consumer(uint64_t total)
{
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER };
	struct cons k = { 0 };
	struct cellipc *c;
	int ret;

	c = open_peer(1);
	/* re-format with delivery through the callback */
	cellipc_ring_init(c, &rp);
	cellipc_set_event_cb(c, cons_cb, &k);
	while (!sh->stop) {
		k.got = 0;
		ret = cellipc_process(c, 4096);
		if (ret < 0) {
			fail("consumer: process failed");
			break;
		}
		if (sh->verified >= total) {
			sh->stop = 1;
			break;
		}
		if (!k.got && wait_irq(c)) {
			k.got = 0;
			cellipc_process(c, 4096);
			if (k.got)
				__atomic_fetch_add(&sh->missed_wakeups, 1,
						   __ATOMIC_RELAXED);
		}
	}
	cellipc_close(c);
	exit(0);
}

static pid_t spawn(void (*fn)(uint64_t), uint64_t total)
{
	pid_t pid = fork();

	if (pid == 0)
		fn(total);
	return pid;
}

static void report(int ok, const char *name, const char *detail)
{
	printf("%s cellipc/stress/%s%s%s\n", ok ? "ok" : "not ok", name,
	       detail ? " # " : "", detail ? detail : "");
}

int main(int argc, char **argv)
{
	uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000ull;
	char dir[] = "/tmp/cellipc-stress-XXXXXX", path[64], cmd[96], d[160];
	struct timespec t0, t1;
	pid_t prod, cons;
	int st, killed = 0, fails = 0;
	double secs;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || !mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/dev", dir);
	dev_path = path;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cons = spawn(consumer, total);
	prod = spawn(producer, total);
	for (;;) {
		usleep(2000);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (!killed && sh->verified >= total * 4 / 10) {
			/* the consumer dies mid-stream and is replaced */
			kill(cons, SIGKILL);
			waitpid(cons, &st, 0);
			killed = 1;
			/* let the producer notice the death before the respawn */
			usleep(50000);
			cons = spawn(consumer, total);
		}
		if (sh->stop || secs > 120)
			break;
	}
	sh->stop = 1;
	if (secs > 120) {
		kill(prod, SIGKILL);
		kill(cons, SIGKILL);
	}
	waitpid(cons, &st, 0);
	fails |= !WIFEXITED(st) || WEXITSTATUS(st);
	waitpid(prod, &st, 0);
	fails |= !WIFEXITED(st) || WEXITSTATUS(st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "stress: cannot remove %s\n", dir);

	snprintf(d, sizeof(d), "%llu verified of %llu sent in %.2f s (%.1f M msg/s)",
		 (unsigned long long)sh->verified,
		 (unsigned long long)sh->sent, secs, sh->verified / secs / 1e6);
	report(sh->verified >= total && !fails && secs <= 120,
	       "all_messages_verified", d);
	snprintf(d, sizeof(d), "lost %u reordered %u corrupted %u",
		 sh->lost, sh->reordered, sh->corrupted);
	report(!sh->lost && !sh->reordered && !sh->corrupted,
	       "no_loss_reorder_corruption", d);
	snprintf(d, sizeof(d), "%u", sh->missed_wakeups);
	report(!sh->missed_wakeups, "no_missed_wakeups", d);
	/*
	 * The killed consumer shows as its state reset to 0 (the device's
	 * reaction to its death) or, if its successor was quicker than the
	 * producer's next look, as a new session: either way a disconnect
	 * followed by a new connection.
	 */
	snprintf(d, sizeof(d), "producer saw %u state resets, %u disconnects, %u connects; consumers %u sessions",
		 sh->prod_saw_reset, sh->prod_disconnects, sh->prod_connects,
		 sh->cons_sessions);
	report(killed && (sh->prod_saw_reset >= 1 || sh->prod_disconnects >= 1) &&
	       sh->prod_connects >= 3 && sh->cons_sessions >= 3 &&
	       sh->restarted_producer, "peer_restarts_handled", d);
	report(!sh->errors, "no_channel_errors", sh->errors ? sh->msg : NULL);
	return (sh->verified >= total && !fails && !sh->lost && !sh->reordered &&
		!sh->corrupted && !sh->missed_wakeups && !sh->errors &&
		(sh->prod_saw_reset || sh->prod_disconnects) &&
		sh->prod_connects >= 3) ? 0 : 1;
}
