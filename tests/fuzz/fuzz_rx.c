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
	const uint8_t *lo, *hi;	/* the attacker's section */
};

/*
 * Oracle: a message handed to the victim lies inside the peer's section and
 * inside the ring the victim validated for the current session (white-box:
 * the victim's channel state).
 */
static void check_span(struct cellipc *c, const struct victim_seen *v,
		       const void *d, size_t len)
{
	const struct cipc_chan *ch = &c->chans[1];
	const uint8_t *p = d;

	if (p < v->lo || p > v->hi || len > (size_t)(v->hi - p))
		abort();
	if (p < ch->rx_ring || p + len > ch->rx_ring + ch->ring_size)
		abort();
}

static void on_event(struct cellipc *c, const struct cellipc_event *ev,
		     void *arg)
{
	struct victim_seen *v = arg;
	const uint8_t *p;
	size_t i;

	if (ev->type == CELLIPC_EV_ERROR)
		v->errors++;
	if (ev->type != CELLIPC_EV_MSG)
		return;
	v->msgs++;
	p = ev->u.msg.data;
	check_span(c, v, p, ev->u.msg.len);
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
		check_span(v, seen, d, len);
		for (i = 0; i < len; i++)
			seen->sink ^= ((const uint8_t *)d)[i];
		cellipc_release(v, 1);
	}
	ret = (int)cellipc_recv(v, 1, buf, sizeof(buf));
	(void)ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t c_epoch(struct cellipc *c)
{
	return c->epoch;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* small rings: every ring position is reachable in a few steps */
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER,
					  .ring_size = 4096 };
	struct cellipc_ring_params ap = { .ring_size = 4096 };
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
	rp.flags = size && (data[0] & 1) ? CELLIPC_RING_DELIVER : 0;
	if (cellipc_ring_init(v, &rp) || cellipc_ring_init(a, &ap))
		abort();
	for (i = 0; i < 4; i++) {
		cellipc_process(v, 0);
		cellipc_process(a, 0);
	}
	sect = cellipc_output_section(a, NULL);
	seen.lo = sect;
	seen.hi = sect + OUT;
	memset(msg, 0x41, sizeof(msg));

	while (cur.n && steps++ < 256) {
		uint32_t op = take(&cur, 1) % 11, off, len, val;

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
			cellipc_ring_init(a, take(&cur, 1) & 1 ? &ap : NULL);
			break;
		case 9:	/* forge the record the victim reads next (white-box) */
			if (v->chans[1].rx_ring) {
				const struct cipc_chan *ch = &v->chans[1];
				uint8_t *rec = (uint8_t *)ch->rx_ring +
					(ch->tail & (ch->ring_size - 1));

				val = take(&cur, 4);
				memcpy(rec, &val, 4);
			}
			break;
		case 10: /* publish a forged head, current session */
			val = take(&cur, 4);
			STORE_REL(&((struct cipc_slot *)(sect + CIPC_HDR_SIZE))->tx,
				  (uint64_t)c_epoch(a) << 32 | val);
			break;
		}
	}
	cellipc_process(v, 0);
	cellipc_close(a);
	cellipc_close(v);
	cipc_memdev_destroy(m);
	return 0;
}
