// SPDX-License-Identifier: MIT
/*
 * crash-test - detect a crashed or hung inmate.
 *
 * ICMP mode (default, as in the seed): send an ICMP echo request to the
 * peer over the virtual NIC at a regular interval; when no reply arrives
 * within the expected time, print "No response received for packet x".
 *
 * Heartbeat mode (-H): no IP needed. Both sides run crash-test -H on a
 * shared ivshmem device; libcellipc heartbeats and the device's state
 * table tell a peer that stopped (state 0) or hung (no heartbeat) from a
 * live one.
 *
 * Exit status: 0 no failure seen, 1 at least one failure seen,
 * 2 usage or setup error. A summary is printed on exit.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cellipc.h>

#include "args.h"
#include "ratelimit.h"

#include "icmp.h"

#define DEFAULT_TARGET		"192.168.0.2"
#define DEFAULT_INTERVAL_MS	1000
#define PAYLOAD_LEN		56
/* per peer: a flapping peer prints at most this many lines per window */
#define STATUS_BURST		10
#define STATUS_WINDOW_MS	10000
/* messages discarded per event: bounded work, the rest on the next call */
#define DISCARD_BUDGET		256

#ifndef ICMP_FILTER
#define ICMP_FILTER		1
#endif

struct opts {
	const char *target;
	const char *ifname;
	const char *spec;
	unsigned int interval_ms;
	unsigned int timeout_ms;
	unsigned long count;
	unsigned long duration_s;
	long watch_peer;		/* -1: every other peer */
	unsigned int sim_id;
	unsigned int sim_peers;
	bool sim_create;
	bool heartbeat;
	bool quiet;
	bool verbose;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: crash-test [OPTIONS] [TARGET]\n"
"Detect a crashed or hung peer cell.\n"
"\n"
"ICMP mode (default): ping TARGET (default " DEFAULT_TARGET ") over the\n"
"virtual NIC; print \"No response received for packet x\" on a miss.\n"
"  -I, --interface IF   send through interface IF (e.g. enP1p0s1)\n"
"  -c, --count N        stop after N packets\n"
"\n"
"Heartbeat mode: watch the peer through libcellipc heartbeats.\n"
"  -H, --heartbeat      heartbeat mode (run it on both sides)\n"
"  -d, --device SPEC    ivshmem device: /dev/uioN, pci:ADDR, proto:N,\n"
"                       sim:PATH (required in heartbeat mode)\n"
"      --peer N         watch only peer N (default: every other peer)\n"
"      --id N           sim: own peer id (default 0)\n"
"      --create         sim: create the device file if missing\n"
"      --peers N        sim, with --create: number of peers (default 2)\n"
"\n"
"Both modes:\n"
"  -i, --interval MS    period of requests/heartbeats (default 1000)\n"
"  -W, --timeout MS     ICMP: reply deadline (default: the interval);\n"
"                       heartbeat: silence that means hung (default 2\n"
"                       periods)\n"
"  -T, --duration S     stop after S seconds\n"
"  -q, --quiet          print failures, recoveries and the summary only\n"
"  -v, --verbose        print every reply / event\n"
"  -h, --help           this text\n"
"\n"
"Exit status: 0 no failure seen, 1 failure(s) seen, 2 usage/setup error.\n");
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	enum { OPT_PEER = 256, OPT_ID, OPT_CREATE, OPT_PEERS };
	static const struct option lopts[] = {
		{ "interface", required_argument, NULL, 'I' },
		{ "count", required_argument, NULL, 'c' },
		{ "heartbeat", no_argument, NULL, 'H' },
		{ "device", required_argument, NULL, 'd' },
		{ "peer", required_argument, NULL, OPT_PEER },
		{ "id", required_argument, NULL, OPT_ID },
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "peers", required_argument, NULL, OPT_PEERS },
		{ "interval", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 'W' },
		{ "duration", required_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long v;
	int ch, idx;

	memset(o, 0, sizeof(*o));
	o->target = DEFAULT_TARGET;
	o->interval_ms = DEFAULT_INTERVAL_MS;
	o->watch_peer = -1;
	o->sim_peers = 2;
	while ((ch = getopt_long(argc, argv, "I:c:Hd:i:W:T:qvh", lopts,
				 &idx)) != -1) {
		const char *name = NULL;

		switch (ch) {
		case 'I':
			o->ifname = optarg;
			break;
		case 'c':
			if (parse_unsigned(optarg, ULONG_MAX, &v))
				goto bad;
			o->count = v;
			break;
		case 'H':
			o->heartbeat = true;
			break;
		case 'd':
			o->spec = optarg;
			break;
		case OPT_PEER:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS - 1, &v))
				goto bad;
			o->watch_peer = v;
			break;
		case OPT_ID:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS - 1, &v))
				goto bad;
			o->sim_id = v;
			break;
		case OPT_CREATE:
			o->sim_create = true;
			break;
		case OPT_PEERS:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS, &v) || v < 2)
				goto bad;
			o->sim_peers = v;
			break;
		case 'i':
			if (parse_unsigned(optarg, 3600000, &v) || v < 10)
				goto bad;
			o->interval_ms = v;
			break;
		case 'W':
			if (parse_unsigned(optarg, 3600000, &v) || v < 1)
				goto bad;
			o->timeout_ms = v;
			break;
		case 'T':
			if (parse_unsigned(optarg, 100000000, &v))
				goto bad;
			o->duration_s = v;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -EINVAL;
		}
		continue;
bad:
		name = ch < 256 ? NULL : lopts[idx].name;
		if (name)
			fprintf(stderr, "crash-test: invalid value '%s' for "
				"--%s\n", optarg, name);
		else
			fprintf(stderr, "crash-test: invalid value '%s' for "
				"-%c\n", optarg, ch);
		return -EINVAL;
	}
	if (optind < argc)
		o->target = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "crash-test: unexpected argument '%s'\n",
			argv[optind]);
		return -EINVAL;
	}
	if (!o->timeout_ms)
		o->timeout_ms = o->heartbeat ? 2 * o->interval_ms :
			       o->interval_ms;
	if (!o->heartbeat && o->timeout_ms > o->interval_ms) {
		fprintf(stderr, "crash-test: reply timeout %u ms must not "
			"exceed the interval %u ms\n", o->timeout_ms,
			o->interval_ms);
		return -EINVAL;
	}
	if (o->heartbeat && !o->spec) {
		fprintf(stderr, "crash-test: heartbeat mode needs the ivshmem "
			"device: -d /dev/uioN, pci:ADDR or sim:PATH\n");
		return -EINVAL;
	}
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int open_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* ---------------------------------------------------------------- */
/* ICMP mode                                                         */
/* ---------------------------------------------------------------- */

struct icmp_run {
	const struct opts *o;
	int sock, sig;
	uint16_t id;
	struct sockaddr_in dst;
	unsigned long sent, received, lost, late, outages, recoveries;
	unsigned long cur_outage, max_outage;
	bool stop;
};

static int icmp_open(struct icmp_run *r)
{
	const struct opts *o = r->o;
	uint32_t filter = ~(1u << 0);	/* only echo replies */
	int s;

	memset(&r->dst, 0, sizeof(r->dst));
	r->dst.sin_family = AF_INET;
	if (inet_pton(AF_INET, o->target, &r->dst.sin_addr) != 1) {
		fprintf(stderr, "crash-test: '%s' is not an IPv4 address\n",
			o->target);
		return -EINVAL;
	}
	s = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
		   IPPROTO_ICMP);
	if (s < 0) {
		fprintf(stderr, "crash-test: cannot open a raw ICMP socket: "
			"%s (run as root)\n", strerror(errno));
		return -errno;
	}
	setsockopt(s, SOL_RAW, ICMP_FILTER, &filter, sizeof(filter));
	if (o->ifname && setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE,
				    o->ifname, strlen(o->ifname) + 1) < 0) {
		fprintf(stderr, "crash-test: cannot bind to interface %s: "
			"%s\n", o->ifname, strerror(errno));
		close(s);
		return -ENODEV;
	}
	r->sock = s;
	r->id = getpid() & 0xffff;
	return 0;
}

static void icmp_send(struct icmp_run *r, uint16_t seq)
{
	unsigned char pkt[ICMP_ECHO_HDR + PAYLOAD_LEN];
	int len = icmp_build_echo(pkt, sizeof(pkt), r->id, seq, PAYLOAD_LEN);

	r->sent++;
	if (sendto(r->sock, pkt, len, 0, (struct sockaddr *)&r->dst,
		   sizeof(r->dst)) < 0 && r->o->verbose)
		printf("Cannot send packet %u: %s\n", seq, strerror(errno));
}

/* Read every pending reply; true if the one for @seq is among them. */
static bool icmp_receive(struct icmp_run *r, uint16_t seq)
{
	unsigned char buf[1500];
	bool got = false;
	uint16_t rseq;
	ssize_t n;

	while ((n = recv(r->sock, buf, sizeof(buf), 0)) > 0) {
		if (icmp_parse_reply(buf, n, r->id, &rseq))
			continue;
		if (rseq == seq)
			got = true;
		else
			r->late++;
	}
	return got;
}

static void drain_signals(int sig, bool *stop)
{
	struct signalfd_siginfo si;

	while (read(sig, &si, sizeof(si)) == sizeof(si))
		*stop = true;
}

/* One packet: send, wait for its reply until the deadline, then idle. */
static void icmp_one(struct icmp_run *r, uint16_t seq, uint64_t t0)
{
	const struct opts *o = r->o;
	uint64_t deadline = t0 + o->timeout_ms;
	uint64_t next = t0 + o->interval_ms;
	bool got = false, missed = false;

	icmp_send(r, seq);
	while (!r->stop) {
		uint64_t now = now_ms(), until = got || missed ? next :
						 deadline;
		struct pollfd pfd[2] = {
			{ .fd = r->sock, .events = POLLIN },
			{ .fd = r->sig, .events = POLLIN },
		};

		if (!got && !missed && now >= deadline) {
			missed = true;
			r->lost++;
			if (!r->cur_outage++)
				r->outages++;
			if (r->cur_outage > r->max_outage)
				r->max_outage = r->cur_outage;
			printf("No response received for packet %u\n", seq);
			fflush(stdout);
			continue;
		}
		if (now >= until)
			break;
		poll(pfd, 2, until - now);
		if (pfd[1].revents)
			drain_signals(r->sig, &r->stop);
		if (pfd[0].revents && icmp_receive(r, seq) && !missed &&
		    !got) {
			got = true;
			r->received++;
			if (r->cur_outage) {
				printf("Response received again for packet "
				       "%u after %lu lost: peer recovered\n",
				       seq, r->cur_outage);
				r->recoveries++;
				r->cur_outage = 0;
			} else if (o->verbose) {
				printf("Response received for packet %u in "
				       "%llu ms\n", seq, (unsigned long long)
				       (now_ms() - t0));
			}
			fflush(stdout);
		}
	}
}

static int icmp_mode(const struct opts *o, int sig)
{
	struct icmp_run r = { .o = o, .sig = sig };
	uint64_t start, t;
	uint16_t seq = 0;
	int err;

	err = icmp_open(&r);
	if (err)
		return 2;
	if (!o->quiet)
		printf("crash-test: pinging %s%s%s every %u ms, reply "
		       "expected within %u ms\n", o->target,
		       o->ifname ? " on " : "", o->ifname ? o->ifname : "",
		       o->interval_ms, o->timeout_ms);
	fflush(stdout);
	start = t = now_ms();
	while (!r.stop) {
		if (o->count && r.sent >= o->count)
			break;
		if (o->duration_s && t - start >= o->duration_s * 1000)
			break;
		icmp_one(&r, seq++, t);
		t += o->interval_ms;
		/* fell behind (suspended?): restart the schedule from now */
		if (now_ms() > t + o->interval_ms)
			t = now_ms();
	}
	printf("crash-test: %s: %lu sent, %lu received, %lu lost, "
	       "%lu outage(s), %lu recovery(ies), longest outage %lu "
	       "packet(s)%s\n", o->target, r.sent, r.received, r.lost,
	       r.outages, r.recoveries, r.max_outage,
	       r.cur_outage ? ", peer still not responding" : "");
	close(r.sock);
	return r.lost ? 1 : 0;
}

/* ---------------------------------------------------------------- */
/* Heartbeat mode                                                    */
/* ---------------------------------------------------------------- */

enum peer_status { PEER_UNKNOWN, PEER_OK, PEER_LOST };

struct hb_run {
	const struct opts *o;
	struct cellipc *c;
	uint32_t id, max_peers;
	enum peer_status st[CELLIPC_MAX_PEERS];
	uint64_t lost_at[CELLIPC_MAX_PEERS];
	struct ratelimit status_rl[CELLIPC_MAX_PEERS];
	unsigned long discarded[CELLIPC_MAX_PEERS];
	bool error_seen[CELLIPC_MAX_PEERS];
	unsigned long failures, recoveries;
};

static void say_suppressed(uint32_t peer, unsigned long n)
{
	if (n)
		printf("Peer %u: %lu similar message(s) suppressed\n", peer,
		       n);
}

/* A status line about @peer, unless the peer floods us with them. */
static void __attribute__((format(printf, 3, 4)))
peer_say(struct hb_run *h, uint32_t peer, const char *fmt, ...)
{
	unsigned long suppressed;
	va_list ap;
	bool allow;

	allow = ratelimit_allow(&h->status_rl[peer], now_ms(), &suppressed);
	say_suppressed(peer, suppressed);
	if (allow) {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	fflush(stdout);
}

/* Windows that ended with suppressed lines: say so (all of them at exit). */
static void flush_suppressed(struct hb_run *h, bool force)
{
	uint64_t now = now_ms();
	uint32_t p;

	for (p = 0; p < h->max_peers; p++)
		say_suppressed(p, ratelimit_flush(&h->status_rl[p], now,
						  force));
	fflush(stdout);
}

/*
 * crash-test exchanges no messages: whatever a peer sends is read and
 * dropped, or it would stay queued and keep us busy (an unread message
 * means cellipc_timeout_ms() == 0).
 */
static void discard_messages(struct hb_run *h, uint32_t peer)
{
	const void *data;
	unsigned int n;
	size_t len;

	for (n = 0; n < DISCARD_BUDGET; n++) {
		if (cellipc_peek(h->c, peer, &data, &len))
			break;
		cellipc_release(h->c, peer);
	}
	if (n && !h->discarded[peer])
		peer_say(h, peer, "Peer %u sends messages; crash-test does "
			 "not use them and discards them\n", peer);
	h->discarded[peer] += n;
}

static bool watched(const struct hb_run *h, uint32_t peer)
{
	if (peer == h->id || peer >= h->max_peers)
		return false;
	return h->o->watch_peer < 0 || (uint32_t)h->o->watch_peer == peer;
}

static void peer_lost(struct hb_run *h, uint32_t peer, const char *why)
{
	if (h->st[peer] == PEER_LOST)
		return;
	if (h->st[peer] == PEER_OK) {
		h->failures++;
		h->lost_at[peer] = now_ms();
		peer_say(h, peer, "Peer %u failed: %s\n", peer, why);
	} else if (!h->o->quiet) {
		peer_say(h, peer, "Peer %u not present yet: %s\n", peer, why);
	}
	h->st[peer] = PEER_LOST;
}

static void peer_ok(struct hb_run *h, uint32_t peer, const char *how)
{
	if (h->st[peer] == PEER_OK)
		return;
	if (h->st[peer] == PEER_LOST && h->lost_at[peer]) {
		h->recoveries++;
		peer_say(h, peer, "Peer %u recovered: %s after %.1f s\n",
			 peer, how, (now_ms() - h->lost_at[peer]) / 1000.0);
	} else if (!h->o->quiet) {
		peer_say(h, peer, "Peer %u alive: %s\n", peer, how);
	}
	h->st[peer] = PEER_OK;
}

static void hb_event(struct cellipc *c, const struct cellipc_event *ev,
		     void *arg)
{
	struct hb_run *h = arg;
	char why[96];

	(void)c;
	if (ev->type == CELLIPC_EV_READABLE && ev->peer < h->max_peers)
		discard_messages(h, ev->peer);
	if (!watched(h, ev->peer))
		return;
	if (h->o->verbose)
		peer_say(h, ev->peer, "event %u from peer %u\n", ev->type,
			 ev->peer);
	switch (ev->type) {
	case CELLIPC_EV_ERROR:
		/* once per peer: the channel stays stopped until it restarts */
		if (!h->error_seen[ev->peer])
			peer_say(h, ev->peer, "Peer %u: channel error: %s\n",
				 ev->peer, cellipc_last_error(c));
		h->error_seen[ev->peer] = true;
		break;
	case CELLIPC_EV_STATE:
		if (!ev->u.state.new_state)
			peer_lost(h, ev->peer, "state 0: its cell or process "
				  "stopped");
		break;
	case CELLIPC_EV_DISCONNECT:
		peer_lost(h, ev->peer, "channel closed");
		break;
	case CELLIPC_EV_PEER_DEAD:
		snprintf(why, sizeof(why), "no heartbeat for %u ms: hung or "
			 "crashed", h->o->timeout_ms);
		peer_lost(h, ev->peer, why);
		break;
	case CELLIPC_EV_PEER_ALIVE:
		peer_ok(h, ev->peer, "heartbeat resumed");
		break;
	case CELLIPC_EV_CONNECT:
		h->error_seen[ev->peer] = false;
		peer_ok(h, ev->peer, "connected");
		break;
	default:
		break;
	}
}

static int hb_open(const struct opts *o, struct cellipc **cp)
{
	struct cellipc_params p;
	char ebuf[256] = "";
	int err;

	memset(&p, 0, sizeof(p));
	p.peer_id = o->sim_id;
	p.errbuf = ebuf;
	p.errbuf_len = sizeof(ebuf);
	if (o->sim_create) {
		p.flags = CELLIPC_OPEN_CREATE;
		p.max_peers = o->sim_peers;
		p.protocol = 0x4000;	/* custom */
	}
	err = cellipc_open(o->spec, &p, cp);
	if (err)
		fprintf(stderr, "crash-test: cannot open ivshmem device "
			"'%s': %s%s%s\n", o->spec, cellipc_strerror(err),
			*ebuf ? ": " : "", ebuf);
	return err;
}

static int hb_mode(const struct opts *o, int sig)
{
	struct hb_run h = { .o = o };
	struct cellipc *c = NULL;
	bool stop = false;
	uint64_t start;
	uint32_t p;
	int err, ret = 2;

	if (hb_open(o, &c))
		return 2;
	h.c = c;
	h.id = cellipc_id(c);
	h.max_peers = cellipc_max_peers(c);
	for (p = 0; p < CELLIPC_MAX_PEERS; p++)
		ratelimit_init(&h.status_rl[p], STATUS_BURST,
			       STATUS_WINDOW_MS);
	if (o->watch_peer >= 0 && (!watched(&h, o->watch_peer))) {
		fprintf(stderr, "crash-test: cannot watch peer %ld: device "
			"has peers 0..%u and we are %u\n", o->watch_peer,
			h.max_peers - 1, h.id);
		goto out;
	}
	err = cellipc_ring_init(c, NULL);
	if (!err)
		err = cellipc_heartbeat(c, o->interval_ms, o->timeout_ms);
	if (!err)
		err = cellipc_set_event_cb(c, hb_event, &h);
	if (!err)
		err = cellipc_state_set(c, 1);
	if (err) {
		fprintf(stderr, "crash-test: cannot start heartbeats on "
			"'%s': %s (%s)\n", o->spec, cellipc_strerror(err),
			cellipc_last_error(c));
		goto out;
	}
	if (!o->quiet)
		printf("crash-test: peer %u of %u on '%s', heartbeat every "
		       "%u ms, peer declared hung after %u ms of silence\n",
		       h.id, h.max_peers, o->spec, o->interval_ms,
		       o->timeout_ms);
	fflush(stdout);

	start = now_ms();
	while (!stop) {
		struct pollfd pfd[2] = {
			{ .fd = cellipc_fd(c), .events = POLLIN },
			{ .fd = sig, .events = POLLIN },
		};
		int timeout = cellipc_timeout_ms(c);

		if (timeout < 0 || timeout > 200)
			timeout = 200;
		poll(pfd, 2, timeout);
		if (pfd[1].revents)
			drain_signals(sig, &stop);
		err = cellipc_process(c, 0);
		if (err < 0) {
			fprintf(stderr, "crash-test: device processing "
				"failed: %s (%s)\n", cellipc_strerror(err),
				cellipc_last_error(c));
			goto out;
		}
		for (p = 0; p < h.max_peers; p++) {
			uint32_t s;

			if (!watched(&h, p) || h.st[p] != PEER_UNKNOWN)
				continue;
			if (!cellipc_state_get(c, p, &s) && !s)
				peer_lost(&h, p, "state 0: not started");
		}
		flush_suppressed(&h, false);
		if (o->duration_s && now_ms() - start >= o->duration_s * 1000)
			break;
	}
	flush_suppressed(&h, true);
	printf("crash-test: watched %s for %.1f s: %lu failure(s), "
	       "%lu recovery(ies)", o->spec, (now_ms() - start) / 1000.0,
	       h.failures, h.recoveries);
	for (p = 0; p < h.max_peers; p++) {
		if (watched(&h, p) && h.st[p] == PEER_LOST)
			printf(", peer %u down", p);
		if (h.discarded[p])
			printf(", %lu message(s) of peer %u discarded",
			       h.discarded[p], p);
	}
	printf("\n");
	ret = h.failures ? 1 : 0;
out:
	cellipc_close(c);
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o;
	int sig;

	if (parse_opts(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sig = open_signals();
	if (sig < 0) {
		fprintf(stderr, "crash-test: cannot set up signals: %s\n",
			strerror(errno));
		return 2;
	}
	return o.heartbeat ? hb_mode(&o, sig) : icmp_mode(&o, sig);
}
