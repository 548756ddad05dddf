// SPDX-License-Identifier: MIT
/*
 * ivnet - ivshmem-net wire protocol engine over two memory sections.
 * See ivnet.h for the model; the layout facts are those of ABI.md,
 * "ivshmem-net wire protocol".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ivnet.h"

#define ALIGN_UP(x, a)	(((x) + (a) - 1) / (a) * (a))
#define ETH_HDR_LEN	14

/* Split ring layout: byte offsets inside a section */
#define DESC_SIZE		16
#define DESC_ADDR(i)		((size_t)(i) * DESC_SIZE)
#define DESC_LEN(i)		(DESC_ADDR(i) + 8)
#define DESC_FLAGS(i)		(DESC_ADDR(i) + 12)
#define DESC_NEXT(i)		(DESC_ADDR(i) + 14)

static size_t avail_off(uint32_t qlen)
{
	return (size_t)qlen * DESC_SIZE;
}

static size_t used_off(uint32_t qlen)
{
	return ALIGN_UP(avail_off(qlen) + 2 * (3 + (size_t)qlen),
			IVNET_VRING_ALIGN);
}

static uint32_t vring_bytes(uint32_t qlen)
{
	return ALIGN_UP(used_off(qlen) + 6 + 8 * (size_t)qlen,
			IVNET_VRING_ALIGN);
}

#define AVAIL_IDX(g)		(avail_off((g)->qlen) + 2)
#define AVAIL_RING(g, i)	(avail_off((g)->qlen) + 4 + 2 * (size_t)(i))
#define USED_EVENT(g)		AVAIL_RING(g, (g)->qlen)
#define USED_IDX(g)		(used_off((g)->qlen) + 2)
#define USED_ID(g, i)		(used_off((g)->qlen) + 4 + 8 * (size_t)(i))
#define USED_LEN(g, i)		(USED_ID(g, i) + 4)
#define AVAIL_EVENT(g)		USED_ID(g, (g)->qlen)

/*
 * Shared memory accessors. Every access is a single load or store of the
 * natural width (little-endian on both supported architectures), so a
 * value read from the peer is read exactly once.
 */
static uint16_t ld16(const unsigned char *base, size_t off)
{
	return __atomic_load_n((const uint16_t *)(base + off),
			       __ATOMIC_RELAXED);
}

static uint32_t ld32(const unsigned char *base, size_t off)
{
	return __atomic_load_n((const uint32_t *)(base + off),
			       __ATOMIC_RELAXED);
}

static uint64_t ld64(const unsigned char *base, size_t off)
{
	return __atomic_load_n((const uint64_t *)(base + off),
			       __ATOMIC_RELAXED);
}

static void st16(unsigned char *base, size_t off, uint16_t v)
{
	__atomic_store_n((uint16_t *)(base + off), v, __ATOMIC_RELAXED);
}

static void st32(unsigned char *base, size_t off, uint32_t v)
{
	__atomic_store_n((uint32_t *)(base + off), v, __ATOMIC_RELAXED);
}

static void st64(unsigned char *base, size_t off, uint64_t v)
{
	__atomic_store_n((uint64_t *)(base + off), v, __ATOMIC_RELAXED);
}

/* ring indices publish (release) and observe (acquire) the entries */
static uint16_t ld16_acquire(const unsigned char *base, size_t off)
{
	return __atomic_load_n((const uint16_t *)(base + off),
			       __ATOMIC_ACQUIRE);
}

static void st16_release(unsigned char *base, size_t off, uint16_t v)
{
	__atomic_store_n((uint16_t *)(base + off), v, __ATOMIC_RELEASE);
}

#define fence_full()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

/* virtio event index rule: notify if @event lies in (old, new] */
static bool need_event(uint16_t event, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old);
}

int ivnet_geometry(size_t size, struct ivnet_geom *g)
{
	uint32_t qlen, vrsize;

	if (size < 4096 || size > UINT32_MAX)
		return -EINVAL;

	/* halve from 4096 until the ring takes less than 1/8 of the section */
	for (qlen = IVNET_MAX_QLEN; ; qlen >>= 1) {
		vrsize = vring_bytes(qlen);
		if (vrsize < size / 8 || qlen == IVNET_MIN_QLEN)
			break;
	}
	if (vrsize >= size)
		return -EINVAL;

	g->qlen = qlen;
	g->vrsize = vrsize;
	g->data_size = size - vrsize;
	/* "queue size" of the MTU rule is the data area in bytes */
	g->max_mtu = g->data_size / 4;
	g->default_mtu = g->data_size / 16;
	if (g->default_mtu > IVNET_MTU_DEFAULT)
		g->default_mtu = IVNET_MTU_DEFAULT;
	if (g->max_mtu < IVNET_MIN_MTU + IVNET_FRAME_HDR ||
	    g->default_mtu < IVNET_MIN_MTU)
		return -EINVAL;
	return 0;
}

int ivnet_init(struct ivnet *n, void *own, const void *peer, size_t size,
	       uint32_t mtu)
{
	int err;

	memset(n, 0, sizeof(*n));
	err = ivnet_geometry(size, &n->g);
	if (err)
		return err;
	if (((uintptr_t)own | (uintptr_t)peer) & (IVNET_VRING_ALIGN - 1))
		return -EINVAL;
	if (!mtu)
		mtu = n->g.default_mtu;
	if (mtu < IVNET_MIN_MTU || mtu > n->g.max_mtu)
		return -EINVAL;

	n->slots = calloc(n->g.qlen, sizeof(*n->slots));
	if (!n->slots)
		return -ENOMEM;
	n->own = own;
	n->peer = peer;
	n->sec_size = size;
	n->mtu = mtu;
	n->state = IVNET_STATE_RESET;
	return 0;
}

void ivnet_exit(struct ivnet *n)
{
	free(n->slots);
	n->slots = NULL;
}

const char *ivnet_state_name(uint32_t state)
{
	static const char *const names[] = {
		"RESET", "INIT", "READY", "RUN"
	};

	return state <= IVNET_STATE_RUN ? names[state] : "INVALID";
}

/* Start from a clean ring in our section; forget everything in flight. */
static void init_queues(struct ivnet *n)
{
	memset(n->own, 0, n->g.vrsize);
	n->tx_prod = n->tx_pub = n->tx_cons = 0;
	n->tx_head = n->tx_inuse = 0;
	n->tx_reserved = false;
	n->rx_avail = n->rx_used = n->rx_pub = 0;
	fence_full();
}

void ivnet_reset(struct ivnet *n)
{
	if (n->state != IVNET_STATE_RESET)
		n->stats.resets++;
	n->state = IVNET_STATE_RESET;
	n->carrier = false;
	n->tx_reserved = false;
}

uint32_t ivnet_step(struct ivnet *n, uint32_t peer_state)
{
	/* a state we do not know is a peer we cannot talk to */
	if (peer_state > IVNET_STATE_RUN)
		peer_state = IVNET_STATE_RESET;
	n->peer_state = peer_state;

	switch (n->state) {
	case IVNET_STATE_RESET:
		if (peer_state < IVNET_STATE_READY)
			n->state = IVNET_STATE_INIT;
		break;
	case IVNET_STATE_INIT:
		if (peer_state > IVNET_STATE_RESET) {
			init_queues(n);
			n->state = IVNET_STATE_READY;
		}
		break;
	case IVNET_STATE_READY:
		if (peer_state == IVNET_STATE_RESET)
			ivnet_reset(n);
		else if (peer_state >= IVNET_STATE_READY)
			n->state = IVNET_STATE_RUN;
		break;
	case IVNET_STATE_RUN:
		/* below READY after RUN: the peer restarted */
		if (peer_state < IVNET_STATE_READY)
			ivnet_reset(n);
		break;
	default:
		ivnet_reset(n);
		break;
	}
	n->carrier = n->state == IVNET_STATE_RUN &&
		     peer_state == IVNET_STATE_RUN;
	return n->state;
}

static uint32_t slot_need(const struct ivnet *n)
{
	return ALIGN_UP(n->mtu + IVNET_FRAME_HDR, IVNET_FRAME_ALIGN);
}

int ivnet_tx_reclaim(struct ivnet *n, bool want_notify)
{
	const struct ivnet_geom *g = &n->g;
	uint16_t used, cnt, inflight;
	int i;

	if (n->state != IVNET_STATE_RUN)
		return 0;

	used = ld16_acquire(n->peer, USED_IDX(g));
	cnt = used - n->tx_cons;
	inflight = n->tx_pub - n->tx_cons;
	if (cnt > inflight) {
		/* the peer claims frames we never gave it */
		n->stats.ring_errors++;
		cnt = inflight;
	}
	for (i = 0; i < cnt; i++) {
		struct ivnet_tx_slot *s = &n->slots[n->tx_cons % g->qlen];

		n->tx_inuse -= s->size;
		n->tx_cons++;
	}
	if (!n->tx_inuse && !n->tx_reserved)
		n->tx_head = 0;

	if (want_notify) {
		st16(n->own, USED_EVENT(g), n->tx_cons);
		fence_full();
	}
	return cnt;
}

/* Where the next frame goes: offset and the wrap gap it leaves behind */
static bool tx_fit(const struct ivnet *n, uint32_t need, uint32_t *off,
		   uint32_t *gap)
{
	*off = n->tx_head;
	*gap = 0;
	if (*off + need > n->g.data_size) {
		*gap = n->g.data_size - *off;
		*off = 0;
	}
	return n->tx_inuse + *gap + need <= n->g.data_size;
}

void *ivnet_tx_reserve(struct ivnet *n, int *err)
{
	const struct ivnet_geom *g = &n->g;
	uint32_t need = slot_need(n);
	uint32_t off, gap;
	int ret;

	if (!n->carrier) {
		ret = -ENOLINK;
		goto fail;
	}
	if ((uint16_t)(n->tx_prod - n->tx_cons) >= g->qlen)
		ivnet_tx_reclaim(n, false);
	if ((uint16_t)(n->tx_prod - n->tx_cons) >= g->qlen) {
		ret = -ENOBUFS;
		goto fail;
	}
	if (!tx_fit(n, need, &off, &gap)) {
		ivnet_tx_reclaim(n, false);
		if (!tx_fit(n, need, &off, &gap)) {
			ret = -ENOBUFS;
			goto fail;
		}
	}
	n->slots[n->tx_prod % g->qlen] = (struct ivnet_tx_slot){
		.off = off, .size = gap,
	};
	n->tx_reserved = true;
	return n->own + g->vrsize + off;
fail:
	if (err)
		*err = ret;
	return NULL;
}

int ivnet_tx_commit(struct ivnet *n, uint32_t len)
{
	const struct ivnet_geom *g = &n->g;
	uint16_t d = n->tx_prod % g->qlen;
	struct ivnet_tx_slot *s = &n->slots[d];
	uint32_t asz;

	if (!n->tx_reserved)
		return -EINVAL;
	n->tx_reserved = false;
	if (!len)
		return 0;
	if (len > n->mtu + IVNET_FRAME_HDR) {
		n->stats.tx_drops++;
		return -EMSGSIZE;
	}

	asz = ALIGN_UP(len, IVNET_FRAME_ALIGN);
	st64(n->own, DESC_ADDR(d), (uint64_t)g->vrsize + s->off);
	st32(n->own, DESC_LEN(d), len);
	st16(n->own, DESC_FLAGS(d), 0);
	st16(n->own, DESC_NEXT(d), 0);
	st16(n->own, AVAIL_RING(g, n->tx_prod % g->qlen), d);

	s->size += asz;
	n->tx_inuse += s->size;
	n->tx_head = s->off + asz;
	if (n->tx_head >= g->data_size)
		n->tx_head = 0;
	n->tx_prod++;
	n->stats.tx_frames++;
	n->stats.tx_bytes += len;
	return 0;
}

bool ivnet_tx_publish(struct ivnet *n)
{
	const struct ivnet_geom *g = &n->g;
	uint16_t old = n->tx_pub, event;

	if (n->tx_prod == old)
		return false;
	st16_release(n->own, AVAIL_IDX(g), n->tx_prod);
	n->tx_pub = n->tx_prod;
	fence_full();
	event = ld16(n->peer, AVAIL_EVENT(g));
	if (!need_event(event, n->tx_prod, old))
		return false;
	n->stats.notify_tx++;
	return true;
}

int ivnet_tx_frame(struct ivnet *n, const void *frame, uint32_t len)
{
	int err = 0;
	void *p;

	if (len > n->mtu + IVNET_FRAME_HDR) {
		n->stats.tx_drops++;
		return -EMSGSIZE;
	}
	p = ivnet_tx_reserve(n, &err);
	if (!p) {
		n->stats.tx_drops++;
		return err;
	}
	memcpy(p, frame, len);
	return ivnet_tx_commit(n, len);
}

/* Complete the current avail entry, whatever descriptor it named. */
static void rx_complete(struct ivnet *n, uint32_t id)
{
	const struct ivnet_geom *g = &n->g;
	uint16_t u = n->rx_used % g->qlen;

	st32(n->own, USED_ID(g, u), id);
	st32(n->own, USED_LEN(g, u), 1);
	n->rx_used++;
	n->rx_avail++;
}

int ivnet_rx_peek(struct ivnet *n, const void **data, uint32_t *len)
{
	const struct ivnet_geom *g = &n->g;
	uint32_t max_len = g->max_mtu + IVNET_FRAME_HDR;
	uint32_t i;

	if (n->state != IVNET_STATE_RUN ||
	    n->peer_state < IVNET_STATE_READY)
		return 0;

	/* at most one ring's worth of bad entries per call */
	for (i = 0; i < g->qlen; i++) {
		uint16_t avail, pending, d;
		uint64_t addr;
		uint32_t dlen;

		avail = ld16_acquire(n->peer, AVAIL_IDX(g));
		pending = avail - n->rx_avail;
		if (!pending)
			return 0;
		if (pending > g->qlen) {
			/* index garbage: resynchronise, nothing is valid */
			n->stats.ring_errors++;
			n->rx_avail = avail;
			return 0;
		}

		d = ld16(n->peer, AVAIL_RING(g, n->rx_avail % g->qlen));
		if (d >= g->qlen) {
			n->stats.rx_drops++;
			rx_complete(n, d);
			continue;
		}
		addr = ld64(n->peer, DESC_ADDR(d));
		dlen = ld32(n->peer, DESC_LEN(d));
		if (addr < g->vrsize || addr > n->sec_size ||
		    dlen > n->sec_size - addr || dlen < ETH_HDR_LEN ||
		    dlen > max_len) {
			n->stats.rx_drops++;
			rx_complete(n, d);
			continue;
		}
		n->rx_desc = d;
		n->rx_len = dlen;
		*data = n->peer + addr;
		*len = dlen;
		return 1;
	}
	return 0;
}

void ivnet_rx_next(struct ivnet *n)
{
	n->stats.rx_frames++;
	n->stats.rx_bytes += n->rx_len;
	rx_complete(n, n->rx_desc);
}

int ivnet_rx_publish(struct ivnet *n)
{
	const struct ivnet_geom *g = &n->g;
	uint16_t old = n->rx_pub;
	int ret = 0;

	if (n->state != IVNET_STATE_RUN)
		return 0;

	if (n->rx_used != old) {
		st16_release(n->own, USED_IDX(g), n->rx_used);
		n->rx_pub = n->rx_used;
		fence_full();
		if (need_event(ld16(n->peer, USED_EVENT(g)), n->rx_used,
			       old))
			ret |= IVNET_NOTIFY_PEER;
	}
	if (n->rx_polling) {
		/* an index the peer will not cross before we look again */
		st16(n->own, AVAIL_EVENT(g), (uint16_t)(n->rx_avail + 0x7fff));
		return ret;
	}
	/* ask for a doorbell at the next frame, then close the race */
	st16(n->own, AVAIL_EVENT(g), n->rx_avail);
	fence_full();
	if (ld16(n->peer, AVAIL_IDX(g)) != n->rx_avail)
		ret |= IVNET_RX_MORE;
	return ret;
}

void ivnet_rx_set_polling(struct ivnet *n, bool polling)
{
	n->rx_polling = polling;
}
