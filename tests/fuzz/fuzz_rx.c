// SPDX-License-Identifier: MIT
/*
 * fuzz_rx.c - libFuzzer target: adversarial shared memory against the
 * libcellipc receive path (see README.md). The attacker is the last peer,
 * so with the heap-backed test device AddressSanitizer reports any access
 * past its section.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define OUT	(64u * 1024)

struct victim_seen {
	unsigned int msgs, errors;
	uint8_t sink;
};

static void on_event(struct cellipc *c, const struct cellipc_event *ev,
		     void *arg)
{
	struct victim_seen *v = arg;
	const uint8_t *p;
	size_t i;

	(void)c;
	if (ev->type == CELLIPC_EV_ERROR)
		v->errors++;
	if (ev->type != CELLIPC_EV_MSG)
		return;
	v->msgs++;
	p = ev->u.msg.data;
	for (i = 0; i < ev->u.msg.len; i++)	/* ASan checks every byte */
		v->sink ^= p[i];
}

struct cursor {
	const uint8_t *p;
	size_t n;
};

static uint32_t take(struct cursor *c, unsigned int bytes)
{
	uint32_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes && c->n; i++, c->p++, c->n--)
		v |= (uint32_t)*c->p << (8 * i);
	return v;
}

static void victim_read(struct cellipc *v, struct victim_seen *seen,
			unsigned int rounds)
{
	uint8_t buf[512];
	const void *d;
	size_t len, i;
	int ret;

	while (rounds--) {
		ret = cellipc_peek(v, 1, &d, &len);
		if (ret)
			break;
		for (i = 0; i < len; i++)
			seen->sink ^= ((const uint8_t *)d)[i];
		cellipc_release(v, 1);
	}
	ret = (int)cellipc_recv(v, 1, buf, sizeof(buf));
	(void)ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER };
	struct cursor cur = { data, size };
	struct victim_seen seen = { 0 };
	struct cipc_memdev *m;
	struct cellipc *v, *a;
	uint8_t *sect, msg[300];
	unsigned int steps = 0;
	int i;

	if (cipc_memdev_create(2, OUT, 0, &m))
		abort();
	if (cipc_mem_open(m, 0, &v) || cipc_mem_open(m, 1, &a))
		abort();
	cellipc_set_event_cb(v, on_event, &seen);
	/* the victim alternates between callback delivery and peek */
	if (cellipc_ring_init(v, size && (data[0] & 1) ? &rp : NULL) ||
	    cellipc_ring_init(a, NULL))
		abort();
	for (i = 0; i < 4; i++) {
		cellipc_process(v, 0);
		cellipc_process(a, 0);
	}
	sect = cellipc_output_section(a, NULL);
	memset(msg, 0x41, sizeof(msg));

	while (cur.n && steps++ < 256) {
		uint32_t op = take(&cur, 1) % 9, off, len, val;

		switch (op) {
		case 0:	/* attacker rewrites a header word */
			off = take(&cur, 1) % (CIPC_HDR_SIZE / 4);
			val = take(&cur, 4);
			memcpy(sect + off * 4, &val, 4);
			break;
		case 1:	/* attacker rewrites its slot for the victim */
			off = take(&cur, 1) % (CIPC_SLOT_SIZE / 4);
			val = take(&cur, 4);
			memcpy(sect + CIPC_HDR_SIZE + off * 4, &val, 4);
			break;
		case 2:	/* attacker scribbles over ring records */
			off = take(&cur, 2) % OUT;
			len = take(&cur, 1) % 16;
			while (len-- && off < OUT)
				sect[off++] = (uint8_t)take(&cur, 1);
			break;
		case 3:
			cellipc_process(v, 1 + take(&cur, 1) % 64);
			break;
		case 4:
			victim_read(v, &seen, 1 + take(&cur, 1) % 16);
			break;
		case 5:	/* well-formed traffic */
			len = take(&cur, 2) % sizeof(msg);
			cellipc_send(a, 0, msg, len, take(&cur, 1) & 1 ?
				     CELLIPC_SEND_MORE : 0);
			break;
		case 6:	/* victim transmits: reads the attacker's ack */
			len = take(&cur, 2) % sizeof(msg);
			cellipc_send(v, 1, msg, len, 0);
			cellipc_tx_space(v, 1);
			break;
		case 7:
			cellipc_process(a, 0);
			break;
		case 8:	/* attacker restarts its session */
			cellipc_ring_init(a, NULL);
			break;
		}
	}
	cellipc_process(v, 0);
	cellipc_close(a);
	cellipc_close(v);
	cipc_memdev_destroy(m);
	return 0;
}
