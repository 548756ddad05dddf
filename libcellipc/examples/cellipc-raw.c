// SPDX-License-Identifier: MIT
/*
 * cellipc-raw - the device layer only, in the way of the classic ivshmem
 * demo: print id, peers and the state table, write our state, ring a
 * peer's doorbell every second and report interrupts.
 *
 *   cellipc-raw [-d spec] [-p peer (sim)] [-t target] [-n count]
 *
 * spec: /dev/uioN, pci:DDDD:BB:DD.F, proto:N or sim:PATH (default: the
 * first ivshmem v2 uio device).
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cellipc.h>

static void dump(struct cellipc *c)
{
	const volatile uint32_t *st = cellipc_state_table(c);
	uint32_t i;

	for (i = 0; i < cellipc_max_peers(c); i++)
		printf("state[%u] = %u\n", i, st[i]);
}

int main(int argc, char **argv)
{
	struct cellipc_params p;
	struct cellipc *c;
	const char *spec = NULL;
	char err[256] = "";
	int opt, target = -1, n = 3, ret, i;
	uint32_t count;

	memset(&p, 0, sizeof(p));
	p.flags = CELLIPC_OPEN_CREATE;
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	while ((opt = getopt(argc, argv, "d:p:t:n:")) != -1) {
		switch (opt) {
		case 'd': spec = optarg; break;
		case 'p': p.peer_id = (uint32_t)atoi(optarg); break;
		case 't': target = atoi(optarg); break;
		case 'n': n = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-d spec] [-p peer] [-t target] [-n count]\n",
				argv[0]);
			return 2;
		}
	}
	ret = cellipc_open(spec, &p, &c);
	if (ret) {
		fprintf(stderr, "cellipc-raw: cannot open %s: %s\n",
			spec ? spec : "an ivshmem v2 uio device",
			err[0] ? err : cellipc_strerror(ret));
		return 1;
	}
	printf("ID = %u\nMaximum peers = %u\n", cellipc_id(c),
	       cellipc_max_peers(c));
	if (target < 0)
		target = (int)((cellipc_id(c) + 1) % cellipc_max_peers(c));
	cellipc_state_set(c, cellipc_id(c) + 1);
	cellipc_irq_enable(c);
	dump(c);
	for (i = 0; i < n; i++) {
		struct pollfd pfd = { .fd = cellipc_irq_fd(c), .events = POLLIN };

		printf("Sending interrupt 1 to peer %d\n", target);
		cellipc_doorbell(c, (uint32_t)target, 1);
		if (poll(&pfd, 1, 1000) > 0 && cellipc_irq_ack(c, &count) > 0) {
			printf("Interrupt #%u\n", count);
			cellipc_irq_enable(c);	/* one-shot: re-arm, then look */
			dump(c);
		}
	}
	cellipc_close(c);
	return 0;
}
