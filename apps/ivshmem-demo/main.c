// SPDX-License-Identifier: MIT
/*
 * ivshmem-demo - the seed's shared memory demo, on libcellipc.
 *
 * Announces itself with state id+1, writes rw[id] and out[0], prints the
 * shared memory, rings the target peer's doorbell every second and, on
 * every interrupt, prints its number, stores it in rw[id] (and ten times
 * it in out[0]) and prints the shared memory again. Works on the uio
 * backend (/dev/uioN of uio_ivshmem) and on sim alike.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <cellipc.h>

#include "args.h"

#define DEFAULT_DEVICE	"/dev/uio0"
#define PERIOD_MS	1000
/* the in@ lines step through the input area as the seed's demo does */
#define SEED_SECTION	0x2000

struct demo {
	struct cellipc *c;
	uint32_t id, max_peers, target, vector;
	volatile int32_t *rw;
	size_t rw_size;
	volatile int32_t *out;
	size_t out_size;
	int send_char;			/* -c: character to send, or -1 */
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: ivshmem-demo [-d DEVICE] [-t TARGET] [-V VECTOR] [-c CHAR]\n"
"Shared memory demo over an ivshmem v2 device.\n"
"\n"
"  -d, --device SPEC    /dev/uioN (default " DEFAULT_DEVICE "), uioN,\n"
"                       pci:DDDD:BB:DD.F, proto:N or sim:PATH\n"
"  -t, --target N       peer whose doorbell to ring (default\n"
"                       (own id + 1) %% maximum peers)\n"
"  -V, --vector N       doorbell vector (default own id + 1)\n"
"  -c, --char C         send a character (the seed's variant): on every\n"
"                       interrupt store C at out[0] instead of 10 n, and\n"
"                       show in@0x0000 as a character\n"
"      --id N           sim: own peer id (default 0)\n"
"      --create         sim: create the device file if missing, with\n"
"                       the demo's layout (3 peers, R/W 0x9000,\n"
"                       outputs 0x2000)\n"
"      --peers N        sim, with --create: number of peers\n"
"  -h, --help           this text\n");
}

static int32_t ld(const volatile int32_t *p)
{
	return __atomic_load_n((const int32_t *)p, __ATOMIC_RELAXED);
}

static void st(volatile int32_t *p, int32_t v)
{
	__atomic_store_n((int32_t *)p, v, __ATOMIC_RELAXED);
}

static void print_shmem(const struct demo *d)
{
	const volatile int32_t *in;
	uint32_t i, s;
	size_t size;

	for (i = 0; i < d->max_peers; i++) {
		if (cellipc_state_get(d->c, i, &s))
			s = 0;
		printf("state[%u] = %u\n", i, s);
	}
	for (i = 0; i < d->max_peers; i++) {
		if ((i + 1) * sizeof(int32_t) <= d->rw_size)
			printf("rw[%u] = %d\n", i, ld(&d->rw[i]));
	}
	/*
	 * The seed's fixed offsets into the input area (every peer's output
	 * section, peer 0 first): peer i's section with the seed's 0x2000
	 * sections, somewhere in peer 0's with larger ones, as there.
	 */
	in = cellipc_peer_section(d->c, 0, &size);
	for (i = 0; in && i < d->max_peers; i++) {
		size_t off = (size_t)i * SEED_SECTION;

		if (off + sizeof(int32_t) > size * d->max_peers)
			continue;
		if (!off && d->send_char >= 0)
			printf("in@0x0000 = %c\n",
			       *(const volatile char *)in);
		else
			printf("in@0x%04zx = %d\n", off,
			       ld((const volatile int32_t *)
				  ((const volatile char *)in + off)));
	}
	fflush(stdout);
}

static int open_device(int argc, char **argv, struct demo *d, long *target,
		       long *vector)
{
	enum { OPT_ID = 256, OPT_CREATE, OPT_PEERS };
	static const struct option lopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "target", required_argument, NULL, 't' },
		{ "vector", required_argument, NULL, 'V' },
		{ "char", required_argument, NULL, 'c' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "peers", required_argument, NULL, OPT_PEERS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *spec = DEFAULT_DEVICE;
	struct cellipc_params p;
	char ebuf[256] = "";
	unsigned long v;
	int ch, err;

	memset(&p, 0, sizeof(p));
	p.errbuf = ebuf;
	p.errbuf_len = sizeof(ebuf);
	while ((ch = getopt_long(argc, argv, "d:t:V:c:h", lopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			spec = optarg;
			break;
		case 't':
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS - 1, &v))
				goto bad;
			*target = v;
			break;
		case 'V':
			if (parse_unsigned(optarg, 0xffff, &v))
				goto bad;
			*vector = v;
			break;
		case 'c':
			if (strlen(optarg) != 1) {
				fprintf(stderr, "ivshmem-demo: --char takes "
					"one character, not '%s'\n", optarg);
				return -EINVAL;
			}
			d->send_char = (unsigned char)optarg[0];
			break;
		case OPT_ID:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS - 1, &v))
				goto bad;
			p.peer_id = v;
			break;
		case OPT_CREATE:
			p.flags |= CELLIPC_OPEN_CREATE;
			if (!p.max_peers)
				p.max_peers = 3;
			p.rw_section_size = 0x9000;
			p.output_section_size = 0x2000;
			break;
		case OPT_PEERS:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS, &v) || v < 2)
				goto bad;
			p.max_peers = v;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ivshmem-demo: unexpected argument '%s'\n",
			argv[optind]);
		return -EINVAL;
	}
	err = cellipc_open(spec, &p, &d->c);
	if (err)
		fprintf(stderr, "ivshmem-demo: cannot open '%s': %s%s%s\n",
			spec, cellipc_strerror(err), *ebuf ? ": " : "", ebuf);
	return err;
bad:
	fprintf(stderr, "ivshmem-demo: invalid value '%s'\n", optarg);
	usage(stderr);
	return -EINVAL;
}

static int setup(struct demo *d, long target, long vector)
{
	size_t size;
	int err;

	d->id = cellipc_id(d->c);
	d->max_peers = cellipc_max_peers(d->c);
	d->target = target >= 0 ? (uint32_t)target :
		    (d->id + 1) % d->max_peers;
	d->vector = vector >= 0 ? (uint32_t)vector : d->id + 1;
	if (d->target >= d->max_peers) {
		fprintf(stderr, "ivshmem-demo: target %u out of range: the "
			"device has peers 0..%u\n", d->target,
			d->max_peers - 1);
		return -EINVAL;
	}
	d->rw = cellipc_rw_section(d->c, &d->rw_size);
	d->out = cellipc_output_section(d->c, &size);
	if (!d->out || size < sizeof(int32_t)) {
		fprintf(stderr, "ivshmem-demo: device has no output "
			"section for peer %u\n", d->id);
		return -EINVAL;
	}
	if (d->rw && (d->id + 1) * sizeof(int32_t) > d->rw_size)
		d->rw = NULL;

	if (d->rw)
		st(&d->rw[d->id], 0);
	st(d->out, 0);
	err = cellipc_state_set(d->c, d->id + 1);
	if (!err)
		err = cellipc_irq_enable(d->c);
	if (err)
		fprintf(stderr, "ivshmem-demo: device setup failed: %s (%s)\n",
			cellipc_strerror(err), cellipc_last_error(d->c));
	return err;
}

static int take_interrupt(struct demo *d)
{
	uint32_t count = 0;
	int ret;

	ret = cellipc_irq_ack(d->c, &count);
	if (ret <= 0)
		return ret;
	/* store before re-arming: the peer sees it with the next dump */
	if (d->rw)
		st(&d->rw[d->id], count);
	if (d->send_char >= 0)
		st(d->out, d->send_char);	/* the character, then NULs */
	else
		st(d->out, count * 10);
	ret = cellipc_irq_enable(d->c);
	if (ret)
		return ret;
	printf("\nInterrupt #%u\n", count);
	print_shmem(d);
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	struct demo d = { .send_char = -1 };
	long target = -1, vector = -1;
	uint64_t next;
	sigset_t set;
	int sig, err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (open_device(argc, argv, &d, &target, &vector))
		return 1;
	err = setup(&d, target, vector);
	if (err)
		goto out;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sig = signalfd(-1, &set, SFD_CLOEXEC);

	printf("ID = %u\n", d.id);
	printf("Maximum peers = %u\n", d.max_peers);
	print_shmem(&d);

	next = now_ms() + PERIOD_MS;
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = cellipc_irq_fd(d.c), .events = POLLIN },
			{ .fd = sig, .events = POLLIN },
		};
		uint64_t now = now_ms();

		if (now >= next) {
			printf("\nSending interrupt %u to peer %u\n",
			       d.vector, d.target);
			fflush(stdout);
			err = cellipc_doorbell(d.c, d.target, d.vector);
			if (err) {
				fprintf(stderr, "ivshmem-demo: doorbell to "
					"peer %u failed: %s\n", d.target,
					cellipc_strerror(err));
				goto out;
			}
			next += PERIOD_MS;
			if (next <= now)
				next = now + PERIOD_MS;
			continue;
		}
		if (poll(pfd, 2, next - now) < 0 && errno != EINTR) {
			err = -errno;
			perror("ivshmem-demo: poll");
			goto out;
		}
		if (pfd[1].revents)
			break;
		if (pfd[0].revents) {
			err = take_interrupt(&d);
			if (err < 0) {
				fprintf(stderr, "ivshmem-demo: interrupt "
					"handling failed: %s (%s)\n",
					cellipc_strerror(err),
					cellipc_last_error(d.c));
				goto out;
			}
		}
	}
	err = 0;
out:
	cellipc_close(d.c);
	return err ? 1 : 0;
}
