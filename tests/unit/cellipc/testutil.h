/* SPDX-License-Identifier: MIT */
/*
 * testutil.h - helpers shared by the libcellipc cmocka tests: temporary
 * sim devices, an event recorder and a pump that runs process() on several
 * handles until a condition holds (bounded, never hangs).
 */
#ifndef CELLIPC_TESTUTIL_H
#define CELLIPC_TESTUTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "cellipc.h"

struct tdir {
	char dir[64];
	char path[96];
};

static inline void tdir_make(struct tdir *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/cellipc-test-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/dev", t->dir);
}

static inline void tdir_clean(struct tdir *t)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", t->dir);
}

static inline struct cellipc *sim_open(const char *path, uint32_t id,
				       uint32_t max_peers, uint64_t out)
{
	struct cellipc_params p;
	struct cellipc *c = NULL;
	char err[256] = "";
	int ret;

	memset(&p, 0, sizeof(p));
	p.flags = CELLIPC_OPEN_CREATE;
	p.peer_id = id;
	p.max_peers = max_peers;
	p.rw_section_size = 4096;
	p.output_section_size = out;
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	ret = cellipc_open_sim(path, &p, &c);
	if (ret)
		fprintf(stderr, "open_sim(%s, %u): %s: %s\n", path, id,
			cellipc_strerror(ret), err);
	assert_int_equal(ret, 0);
	return c;
}

#define REC_MAX 4096

struct rec {
	unsigned int n;
	struct cellipc_event ev[REC_MAX];
	unsigned int count[16];
	/* copies of delivered messages (first 64 bytes) */
	unsigned char msg[REC_MAX][64];
};

static inline void rec_cb(struct cellipc *c, const struct cellipc_event *ev,
			  void *arg)
{
	struct rec *r = arg;

	(void)c;
	if (ev->type < 16)
		r->count[ev->type]++;
	if (r->n < REC_MAX) {
		r->ev[r->n] = *ev;
		if (ev->type == CELLIPC_EV_MSG) {
			size_t l = ev->u.msg.len < 64 ? ev->u.msg.len : 64;

			memcpy(r->msg[r->n], ev->u.msg.data, l);
		}
		r->n++;
	}
}

/* last event of type from peer, or NULL */
static inline const struct cellipc_event *rec_last(const struct rec *r,
						   uint32_t type, uint32_t peer)
{
	unsigned int i;

	for (i = r->n; i-- > 0;)
		if (r->ev[i].type == type && r->ev[i].peer == peer)
			return &r->ev[i];
	return NULL;
}

/*
 * Run process() on every handle (waiting on their fds up to 10 ms per
 * round) until cond(arg) is true or rounds run out. Returns cond's value.
 */
static inline int pump(struct cellipc **cs, unsigned int n,
		       int (*cond)(void *), void *arg, unsigned int rounds)
{
	struct pollfd pfd[8];
	unsigned int i, r;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n; i++)
			assert_true(cellipc_process(cs[i], 0) >= 0);
		if (cond && cond(arg))
			return 1;
		for (i = 0; i < n; i++) {
			pfd[i].fd = cellipc_fd(cs[i]);
			pfd[i].events = POLLIN;
		}
		poll(pfd, n, 10);
	}
	return cond ? cond(arg) : 1;
}

static inline void pump_n(struct cellipc **cs, unsigned int n,
			  unsigned int rounds)
{
	pump(cs, n, NULL, NULL, rounds);
}

#endif
