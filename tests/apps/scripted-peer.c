// SPDX-License-Identifier: MIT
/*
 * scripted-peer - a peer that behaves oddly but legally, for the apps'
 * event-rate and idle-CPU tests.
 *
 * Usage: scripted-peer MODE SIM_PATH PEER_ID [COUNT]
 *   send-once  connect, send one message to every peer, then stay quiet
 *              (heartbeat only) until SIGTERM
 *   flap       COUNT times: restart the session (a new epoch: the others
 *              see a disconnect and a connect) and wait until connected
 *              again; then stay quiet until SIGTERM
 *   states     an ivshmem-net peer that, COUNT times, resets its link,
 *              waits until peer 0 left RUN, then goes through the
 *              handshake until both are in RUN (a netbridge as peer 0
 *              sees its link go down and up once per round); then stays
 *              quiet until SIGTERM
 *   doorbells  ring peer 0's doorbell COUNT times as fast as it can, then
 *              stay quiet until SIGTERM (no message layer: for the
 *              ivshmem-demo, which uses raw doorbells)
 * Opens the sim file as it is, or creates it if missing (2 peers,
 * protocol 0x4000, as crash-test --create does). Prints "scripted-peer: <mode> done: N" on
 * stdout when the scripted part is over.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cellipc.h>

#include "ivnet.h"

#define HB_INTERVAL_MS	500
#define HB_TIMEOUT_MS	5000
#define CONNECT_WAIT_MS	10000
#define NET_MTU		16384	/* netbridge's default */

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static bool all_connected(struct cellipc *c)
{
	struct cellipc_peer pi;
	uint32_t p;

	for (p = 0; p < cellipc_max_peers(c); p++) {
		if (p == cellipc_id(c))
			continue;
		if (cellipc_peer_get(c, p, &pi) || !pi.connected)
			return false;
	}
	return true;
}

/* Process events until every peer is connected; -ETIMEDOUT if not. */
static int wait_connected(struct cellipc *c)
{
	int waited = 0;

	while (!stop && waited < CONNECT_WAIT_MS) {
		if (all_connected(c))
			return 0;
		cellipc_wait(c, 10);
		waited += 10;
	}
	return -ETIMEDOUT;
}

static int send_once(struct cellipc *c)
{
	uint32_t p;
	int err, n = 0;

	err = wait_connected(c);
	if (err)
		return err;
	for (p = 0; p < cellipc_max_peers(c); p++) {
		if (p == cellipc_id(c))
			continue;
		err = cellipc_send(c, p, "unsolicited", 12, 0);
		if (err)
			return err;
		n++;
	}
	return n;
}

/* Process events until peer 0's state entry is RUN (or is not). */
static int wait_peer0(struct cellipc *c, bool want_run)
{
	uint32_t st;
	int waited;

	for (waited = 0; !stop && waited < CONNECT_WAIT_MS; waited += 10) {
		if (cellipc_state_get(c, 0, &st))
			return -EIO;
		if ((st == IVNET_STATE_RUN) == want_run)
			return 0;
		cellipc_wait(c, 10);
	}
	return -ETIMEDOUT;
}

/* Follow ivshmem-net's handshake with peer 0 until the link is up. */
static int net_up(struct cellipc *c, struct ivnet *n)
{
	uint32_t st;
	int waited, err;

	for (waited = 0; !stop && waited < CONNECT_WAIT_MS; waited += 10) {
		err = cellipc_state_get(c, 0, &st);
		if (!err)
			err = cellipc_state_set(c, ivnet_step(n, st));
		if (err)
			return err;
		if (ivnet_carrier(n))
			return 0;
		cellipc_wait(c, 10);
	}
	return -ETIMEDOUT;
}

static int states(struct cellipc *c, int count)
{
	size_t own_size, peer_size;
	void *own = cellipc_output_section(c, &own_size);
	const void *peer = cellipc_peer_section(c, 0, &peer_size);
	struct ivnet n;
	int i, err;

	if (!own || !peer || own_size != peer_size)
		return -EINVAL;
	err = ivnet_init(&n, own, peer, own_size, NET_MTU);
	if (err)
		return err;
	for (i = 0; i < count && !stop; i++) {
		ivnet_reset(&n);
		err = cellipc_state_set(c, ivnet_state(&n));
		if (!err)
			err = wait_peer0(c, false);
		if (!err)
			err = net_up(c, &n);
		if (!err)
			err = wait_peer0(c, true);
		if (err)
			break;
	}
	ivnet_exit(&n);
	return err ? err : i;
}

static int doorbells(struct cellipc *c, int count)
{
	int i, err;

	for (i = 0; i < count && !stop; i++) {
		err = cellipc_doorbell(c, 0, 0);
		if (err)
			return err;
	}
	return i;
}

static int flap(struct cellipc *c, int count)
{
	int i, err;

	for (i = 0; i < count && !stop; i++) {
		err = cellipc_ring_init(c, NULL);
		if (!err)
			err = wait_connected(c);
		if (err)
			return err;
	}
	return i;
}

int main(int argc, char **argv)
{
	struct cellipc_params p;
	struct cellipc *c;
	const char *mode;
	char ebuf[256] = "";
	int err, done, count;

	if (argc < 4 || (strcmp(argv[1], "send-once") &&
			 strcmp(argv[1], "flap") && strcmp(argv[1], "states") &&
			 strcmp(argv[1], "doorbells"))) {
		fprintf(stderr, "usage: scripted-peer send-once|flap|states|doorbells "
			"SIM_PATH PEER_ID [COUNT]\n");
		return 2;
	}
	mode = argv[1];
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	memset(&p, 0, sizeof(p));
	p.peer_id = atoi(argv[3]);
	p.errbuf = ebuf;
	p.errbuf_len = sizeof(ebuf);
	err = cellipc_open(argv[2], &p, &c);
	if (err == -ENOENT) {
		p.flags = CELLIPC_OPEN_CREATE;
		p.max_peers = 2;
		p.protocol = 0x4000;
		err = cellipc_open(argv[2], &p, &c);
	}
	if (err) {
		fprintf(stderr, "scripted-peer: cannot open %s: %s %s\n",
			argv[2], cellipc_strerror(err), ebuf);
		return 1;
	}
	if (!strcmp(mode, "states")) {
		/* ivshmem-net owns the section: no message layer */
		err = 0;
	} else if (!strcmp(mode, "doorbells")) {
		/* the demo's convention: state id + 1 */
		err = cellipc_state_set(c, cellipc_id(c) + 1);
	} else {
		err = cellipc_ring_init(c, NULL);
		if (!err)
			err = cellipc_heartbeat(c, HB_INTERVAL_MS,
						HB_TIMEOUT_MS);
		if (!err)
			err = cellipc_state_set(c, 1);
	}
	if (err) {
		fprintf(stderr, "scripted-peer: setup failed: %s (%s)\n",
			cellipc_strerror(err), cellipc_last_error(c));
		goto out;
	}
	count = argc > 4 ? atoi(argv[4]) : 100;
	if (!strcmp(mode, "flap"))
		done = flap(c, count);
	else if (!strcmp(mode, "states"))
		done = states(c, count);
	else if (!strcmp(mode, "doorbells"))
		done = doorbells(c, count);
	else
		done = send_once(c);
	if (done < 0) {
		fprintf(stderr, "scripted-peer: %s failed: %s (%s)\n", mode,
			cellipc_strerror(done), cellipc_last_error(c));
		err = done;
		goto out;
	}
	printf("scripted-peer: %s done: %d\n", mode, done);
	fflush(stdout);
	while (!stop)
		cellipc_wait(c, 1000);
out:
	cellipc_close(c);
	return err ? 1 : 0;
}
