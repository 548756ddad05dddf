// SPDX-License-Identifier: MIT
/*
 * cellipc-pingpong - two peers bounce a message N times over one device.
 *
 *   cellipc-pingpong [-n rounds] [-l poll|libevent|uring] [-d spec -p peer]
 *
 * Without -d, it creates a sim device in /tmp and forks the second peer,
 * so it runs anywhere. With -d (e.g. /dev/uio0 on the board, or
 * sim:/path with -p 0 / -p 1 in two shells) it plays one side: peer 0
 * serves the first ping. The event loop is plain poll(), libevent or
 * io_uring (-l), all driven by cellipc_process().
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <liburing.h>

#include <cellipc.h>

struct app {
	struct cellipc *c;
	uint32_t me, other;
	unsigned int rounds, seen;
	int done, connected, failed;
	struct event_base *base;
};

static void on_event(struct cellipc *c, const struct cellipc_event *ev,
		     void *arg)
{
	struct app *a = arg;
	uint32_t n;
	int ret;

	switch (ev->type) {
	case CELLIPC_EV_CONNECT:
		a->connected = 1;
		if (a->me == 0 && !a->seen) {	/* serve the first ping */
			n = 0;
			cellipc_send(c, a->other, &n, sizeof(n), 0);
		}
		break;
	case CELLIPC_EV_MSG:
		if (ev->u.msg.len != sizeof(n)) {
			fprintf(stderr, "pingpong: peer %u sent %zu bytes, expected %zu\n",
				ev->peer, ev->u.msg.len, sizeof(n));
			a->failed = 1;
			a->done = 1;
			break;
		}
		memcpy(&n, ev->u.msg.data, sizeof(n));
		if (n != a->seen * 2 + (a->me == 0 ? 1 : 0)) {
			fprintf(stderr, "pingpong: peer %u: got %u, expected %u\n",
				a->me, n, a->seen * 2 + (a->me == 0 ? 1 : 0));
			a->failed = 1;
		}
		a->seen++;
		n++;
		if (n < a->rounds * 2) {
			ret = cellipc_send(c, a->other, &n, sizeof(n), 0);
			if (ret) {
				fprintf(stderr, "pingpong: send: %s\n",
					cellipc_strerror(ret));
				a->failed = 1;
			}
		}
		if (a->seen == a->rounds)
			a->done = 1;
		break;
	case CELLIPC_EV_DISCONNECT:
		if (!a->done) {
			fprintf(stderr, "pingpong: peer %u left after %u of %u rounds\n",
				ev->peer, a->seen, a->rounds);
			a->failed = 1;
			a->done = 1;
		}
		break;
	case CELLIPC_EV_ERROR:
		fprintf(stderr, "pingpong: channel error with peer %u: %s (%s)\n",
			ev->peer, cellipc_strerror(ev->u.error.err),
			cellipc_last_error(c));
		a->failed = 1;
		a->done = 1;
		break;
	}
	if (a->done && a->base)
		event_base_loopbreak(a->base);
}

static int loop_poll(struct app *a)
{
	int idle = 0;

	while (!a->done) {
		int ret = cellipc_wait(a->c, 1000);

		if (ret < 0)
			return ret;
		idle = ret ? 0 : idle + 1;
		if (idle == 10) {
			fprintf(stderr, "pingpong: nothing from peer %u for 10 s (%u of %u rounds)\n",
				a->other, a->seen, a->rounds);
			return -ETIMEDOUT;
		}
	}
	return 0;
}

static int loop_libevent(struct app *a)
{
	struct cellipc_event_adapter *ad;
	int ret;

	a->base = event_base_new();
	if (!a->base)
		return -ENOMEM;
	struct timeval tv = { 20, 0 };

	ret = cellipc_event_attach(a->c, a->base, &ad);
	if (ret)
		return ret;
	event_base_loopexit(a->base, &tv);	/* never hang */
	event_base_dispatch(a->base);
	if (!a->done) {
		fprintf(stderr, "pingpong: libevent loop: %u of %u rounds after 20 s\n",
			a->seen, a->rounds);
		ret = -ETIMEDOUT;
	}
	cellipc_event_detach(ad);
	event_base_free(a->base);
	a->base = NULL;
	return ret;
}

static int loop_uring(struct app *a)
{
	struct __kernel_timespec ts;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	int ret, t;

	ret = io_uring_queue_init(4, &ring, 0);
	if (ret < 0)
		return ret;
	cellipc_process(a->c, 0);
	ret = cellipc_uring_arm(a->c, &ring, 1);
	while (!ret && !a->done) {
		io_uring_submit(&ring);
		t = cellipc_timeout_ms(a->c);
		ts.tv_sec = t < 0 ? 5 : t / 1000;
		ts.tv_nsec = t < 0 ? 0 : (t % 1000) * 1000000LL;
		ret = io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
		if (ret == -ETIME) {
			ret = cellipc_process(a->c, 0) < 0 ? -EIO : 0;
			if (t < 0 && !ret) {
				fprintf(stderr, "pingpong: nothing from peer %u for 5 s\n",
					a->other);
				ret = -ETIMEDOUT;
			}
			continue;
		}
		if (ret)
			break;
		ret = cellipc_uring_complete(a->c, &ring, cqe);
		io_uring_cqe_seen(&ring, cqe);
		ret = ret < 0 ? ret : 0;
	}
	io_uring_queue_exit(&ring);
	return ret;
}

static int run(const char *spec, uint32_t me, unsigned int rounds,
	       const char *loop)
{
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER };
	struct cellipc_params p;
	struct app a;
	char err[256] = "";
	struct timespec t0, t1;
	int ret;

	memset(&a, 0, sizeof(a));
	memset(&p, 0, sizeof(p));
	p.flags = CELLIPC_OPEN_CREATE;
	p.peer_id = me;
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	ret = cellipc_open(spec, &p, &a.c);
	if (ret) {
		fprintf(stderr, "pingpong: cannot open %s: %s\n", spec,
			err[0] ? err : cellipc_strerror(ret));
		return 1;
	}
	a.me = cellipc_id(a.c);
	a.other = a.me == 0 ? 1 : 0;
	a.rounds = rounds;
	cellipc_set_event_cb(a.c, on_event, &a);
	ret = cellipc_ring_init(a.c, &rp);
	if (ret) {
		fprintf(stderr, "pingpong: %s\n", cellipc_last_error(a.c));
		cellipc_close(a.c);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!strcmp(loop, "libevent"))
		ret = loop_libevent(&a);
	else if (!strcmp(loop, "uring"))
		ret = loop_uring(&a);
	else
		ret = loop_poll(&a);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ret)
		fprintf(stderr, "pingpong: event loop %s failed: %s\n", loop,
			cellipc_strerror(ret));
	if (!ret && !a.failed && a.me == 0)
		printf("pingpong: %u round trips over %s with %s: %.2f us each\n",
		       rounds, spec, loop,
		       ((t1.tv_sec - t0.tv_sec) * 1e6 +
			(t1.tv_nsec - t0.tv_nsec) / 1e3) / rounds);
	cellipc_close(a.c);
	return ret || a.failed;
}

int main(int argc, char **argv)
{
	const char *spec = NULL, *loop = "poll";
	unsigned int rounds = 1000;
	int opt, peer = -1, st, r0, r1;
	char dir[] = "/tmp/cellipc-pingpong-XXXXXX", path[64], cmd[96];
	pid_t pid;

	while ((opt = getopt(argc, argv, "d:p:n:l:")) != -1) {
		switch (opt) {
		case 'd': spec = optarg; break;
		case 'p': peer = atoi(optarg); break;
		case 'n': rounds = (unsigned int)atoi(optarg); break;
		case 'l': loop = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n rounds] [-l poll|libevent|uring] [-d spec -p peer]\n",
				argv[0]);
			return 2;
		}
	}
	if (spec)
		return run(spec, peer < 0 ? 0 : (uint32_t)peer, rounds, loop);
	if (!mkdtemp(dir)) {
		perror("pingpong: mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "sim:%s/dev", dir);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(run(path, 1, rounds, loop));
	r0 = run(path, 0, rounds, loop);
	waitpid(pid, &st, 0);
	r1 = !WIFEXITED(st) || WEXITSTATUS(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "pingpong: cannot remove %s\n", dir);
	return r0 || r1;
}
