// SPDX-License-Identifier: MIT
/*
 * hostile-peer - a misbehaving ivshmem-net peer for the netbridge tests.
 *
 * Usage: hostile-peer SIM_PATH PEER_ID SECONDS
 *
 * Joins the sim device as PEER_ID, claims state RUN and, for SECONDS,
 * fills its output section with garbage (random bytes, random ring
 * indices, descriptors pointing anywhere, lengths of any size) and rings
 * the other peer's doorbell, as fast as it can. A correct netbridge on the
 * other side drops and counts what it receives and keeps running.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cellipc.h>

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int main(int argc, char **argv)
{
	struct cellipc_params p = { 0 };
	struct cellipc *c;
	uint64_t seed = 0x9e3779b97f4a7c15ull, rounds = 0;
	unsigned char *out;
	size_t size, i;
	time_t end;
	int err;

	if (argc != 4) {
		fprintf(stderr,
			"usage: hostile-peer SIM_PATH PEER_ID SECONDS\n");
		return 2;
	}
	p.peer_id = atoi(argv[2]);
	err = cellipc_open(argv[1], &p, &c);
	if (err) {
		fprintf(stderr, "hostile-peer: cannot open %s as peer %u: %s\n",
			argv[1], p.peer_id, cellipc_strerror(err));
		return 1;
	}
	out = cellipc_output_section(c, &size);
	end = time(NULL) + atoi(argv[3]);
	cellipc_state_set(c, 3);
	while (time(NULL) < end) {
		uint64_t *w = (uint64_t *)out;
		uint32_t peer = !cellipc_id(c);

		switch (rounds % 4) {
		case 0:		/* everything random */
			for (i = 0; i < size / 8; i++)
				w[i] = rnd(&seed);
			break;
		case 1:		/* plausible indices, hostile descriptors */
			for (i = 0; i < 4096 && i * 16 + 16 <= size; i++) {
				uint64_t r = rnd(&seed);

				w[2 * i] = r % (size + 4096);
				w[2 * i + 1] = rnd(&seed) % (r & 1 ? 20000 :
							     UINT32_MAX);
			}
			break;
		default:	/* random bytes at random places */
			for (i = 0; i < 4096; i++)
				out[rnd(&seed) % size] = rnd(&seed);
			break;
		}
		cellipc_doorbell(c, peer, 0);
		cellipc_doorbell(c, peer, 1);
		cellipc_process(c, 0);
		if (rounds % 64 == 0)
			cellipc_state_set(c, rounds % 128 ? 3 : rnd(&seed));
		rounds++;
		usleep(200);
	}
	printf("hostile-peer: %llu rounds of garbage\n",
	       (unsigned long long)rounds);
	cellipc_close(c);
	return 0;
}
