// SPDX-License-Identifier: MIT
/*
 * ring.c - the message layer: one single-producer/single-consumer byte ring
 * from every peer to every other peer, each in its producer's output
 * section, with the consumer's progress published in the consumer's own
 * section (nobody writes another peer's memory).
 *
 * Own output section:
 *   0                  struct cipc_sect_hdr (magic, epoch, geometry, heartbeat)
 *   64 + 128 * k       struct cipc_slot for peer k: our producer line (tx
 *                      head, bind, space_event) and our consumer line (ack
 *                      tail, data_event) for the ring k -> us
 *   ring_base + i * ring_size   ring towards the i-th other peer
 *                      (i = d < own id ? d : d - 1)
 * Records: u32 length (bit 31: padding to the ring's end), u32 reserved,
 * payload, padded to 8 bytes. Indices are free-running u32 byte counters.
 *
 * Sessions: every cellipc_ring_init() picks a new non-zero random epoch.
 * A producer (re)binds its ring to a consumer epoch (tx = (own epoch, 0),
 * then bind = consumer epoch); a consumer resets its tail for a producer
 * epoch (ack = (producer epoch, 0)). Data flows only while both agree, so
 * a restarted peer never reads or acknowledges the previous session's data.
 *
 * Notifications (virtio event-index style): an idle consumer publishes
 * data_event = its tail; the producer rings only when its head crosses it.
 * A blocked producer publishes space_event = the tail it saw; the consumer
 * rings when its tail crosses it. A full fence separates each side's
 * publication from its re-check of the other side, so no wake-up is lost.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/uio.h>

#include "internal.h"

static inline uint32_t align8(uint32_t v)
{
	return (v + 7u) & ~7u;
}

static inline uint32_t ring_idx(uint32_t owner, uint32_t dest)
{
	return dest < owner ? dest : dest - 1;
}

static inline bool need_event(uint32_t event, uint32_t new_idx,
			      uint32_t old_idx)
{
	return (uint32_t)(new_idx - event - 1) < (uint32_t)(new_idx - old_idx);
}

static const uint8_t *peer_base(const struct cellipc *c, uint32_t peer)
{
	return c->in + (size_t)peer * c->out_size;
}

static struct cipc_slot *own_slots(struct cellipc *c)
{
	return (struct cipc_slot *)(c->out + CIPC_HDR_SIZE);
}

static uint32_t ring_base_for(uint32_t max_peers)
{
	uint32_t b = CIPC_HDR_SIZE + max_peers * CIPC_SLOT_SIZE;

	return (b + CIPC_LINE - 1) & ~(CIPC_LINE - 1);
}

static void emit(struct cellipc *c, uint32_t type, uint32_t peer, int err)
{
	struct cellipc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.peer = peer;
	ev.u.error.err = err;
	cipc_emit(c, &ev);
}

static void chan_error(struct cellipc *c, struct cipc_chan *ch, uint32_t peer,
		       int err, const char *what)
{
	if (ch->error)
		return;
	ch->error = true;
	ch->error_code = err;
	ch->error_reported = false;
	cipc_seterr(c, "ring: peer %u: %s; channel stopped until the peer re-initialises",
		    peer, what);
	c->pending = true;	/* report it from the next process() */
}

CIPC_EXPORT int cellipc_ring_init(struct cellipc *c,
				  const struct cellipc_ring_params *p)
{
	struct cipc_sect_hdr *h;
	struct cipc_slot *slots;
	uint32_t base, size, old, d, i;
	uint64_t avail;

	if (!c)
		return -EINVAL;
	if (p && (p->reserved[0] || p->reserved[1] || p->reserved[2] ||
		  (p->flags & ~CELLIPC_RING_DELIVER))) {
		cipc_seterr(c, "ring_init: unknown flags or non-zero reserved fields");
		return -EINVAL;
	}
	base = ring_base_for(c->max_peers);
	if (c->out_size <= base) {
		cipc_seterr(c, "ring_init: output section of %llu bytes too small for %u peers",
			    (unsigned long long)c->out_size, c->max_peers);
		return -EINVAL;
	}
	avail = (c->out_size - base) / (c->max_peers - 1);
	size = p ? p->ring_size : 0;
	if (!size) {
		size = CIPC_MAX_RING;
		while (size > avail)
			size >>= 1;
	}
	if (size < CIPC_MIN_RING || size > CIPC_MAX_RING || (size & (size - 1)) ||
	    size > avail) {
		cipc_seterr(c, "ring_init: ring size %u invalid: power of two, %u..%llu for a %llu-byte output section and %u peers",
			    size, CIPC_MIN_RING,
			    (unsigned long long)(avail < CIPC_MAX_RING ? avail : CIPC_MAX_RING),
			    (unsigned long long)c->out_size, c->max_peers);
		return -EINVAL;
	}

	h = (struct cipc_sect_hdr *)c->out;
	old = LOAD_ONCE(&h->epoch);
	/* withdraw the old session before touching anything else */
	STORE_REL(&h->epoch, 0);
	FENCE_FULL();
	slots = own_slots(c);
	for (i = 0; i < c->max_peers; i++) {
		STORE_ONCE(&slots[i].tx, 0);
		STORE_ONCE(&slots[i].bind, 0);
		STORE_ONCE(&slots[i].space_event, 0);
		STORE_ONCE(&slots[i].ack, 0);
		STORE_ONCE(&slots[i].data_event, 0);
	}
	STORE_ONCE(&h->magic, CIPC_MAGIC);
	STORE_ONCE(&h->version, CIPC_FMT_VERSION);
	STORE_ONCE(&h->max_peers, c->max_peers);
	STORE_ONCE(&h->ring_size, size);
	STORE_ONCE(&h->ring_base, base);
	STORE_ONCE(&h->flags, 0);
	STORE_ONCE(&h->heartbeat, 0);

	memset(c->chans, 0, c->max_peers * sizeof(*c->chans));
	for (d = 0; d < c->max_peers; d++) {
		struct cipc_chan *ch = &c->chans[d];

		if (d == c->id)
			continue;
		ch->own_slot = &slots[d];
		ch->tx_ring = c->out + base + (size_t)ring_idx(c->id, d) * size;
	}
	do {
		c->epoch = cipc_random32();
	} while (!c->epoch || c->epoch == old);
	c->ring_size = size;
	c->ring_flags = p ? p->flags : 0;
	c->hdr = h;
	c->ring_ready = true;
	STORE_REL(&h->epoch, c->epoch);

	/* announce: every peer re-scans our section */
	for (d = 0; d < c->max_peers; d++)
		if (d != c->id)
			cellipc_doorbell(c, d, CELLIPC_VEC_DATA);
	c->pending = true;
	return 0;
}

void cipc_ring_close(struct cellipc *c)
{
	if (!c->ring_ready)
		return;
	STORE_REL(&c->hdr->epoch, 0);
	c->ring_ready = false;
}

uint64_t cipc_peer_heartbeat(struct cellipc *c, uint32_t peer, bool *valid)
{
	const struct cipc_sect_hdr *ph;

	*valid = c->ring_ready && c->chans[peer].peer_epoch != 0;
	if (!*valid)
		return 0;
	ph = (const struct cipc_sect_hdr *)peer_base(c, peer);
	return LOAD_ONCE(&ph->heartbeat);
}

/*
 * A slot word of the peer disagrees with our session although the peer's
 * header still announces the session we bound to: a restart would have
 * withdrawn the header epoch first, so this is a peer rewriting its slot
 * behind its own session. Re-scanning cannot resolve it.
 */
static bool session_unchanged(const struct cellipc *c,
			      const struct cipc_chan *ch, uint32_t peer)
{
	const struct cipc_sect_hdr *ph =
		(const struct cipc_sect_hdr *)peer_base(c, peer);

	return LOAD_ONCE(&ph->magic) == CIPC_MAGIC &&
	       LOAD_ONCE(&ph->epoch) == ch->peer_epoch;
}

/* ---- producer ---- */

static struct cipc_chan *get_chan(struct cellipc *c, uint32_t peer)
{
	if (!c || !c->ring_ready || peer >= c->max_peers || peer == c->id)
		return NULL;
	return &c->chans[peer];
}

/*
 * Refresh the consumer's tail. Returns 0, -ENOTCONN if it has not
 * acknowledged our session (or restarted), -EPROTO if the value is
 * impossible.
 */
static int refresh_tail(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	const struct cipc_sect_hdr *ph;
	uint64_t ack;
	uint32_t tail;

	ack = LOAD_ACQ(&ch->peer_slot->ack);
	ph = (const struct cipc_sect_hdr *)peer_base(c, peer);
	/* acquire above orders this after the consumer's epoch store */
	if ((uint32_t)(ack >> 32) != c->epoch ||
	    LOAD_ONCE(&ph->epoch) != ch->peer_epoch) {
		if (ch->tx_acked && session_unchanged(c, ch, peer)) {
			chan_error(c, ch, peer, -EPROTO,
				   "consumer withdrew its ack of our session without restarting");
			return -EPROTO;
		}
		ch->tx_ok = false;
		c->pending = true;	/* re-scan the peer */
		return -ENOTCONN;
	}
	tail = (uint32_t)ack;
	if ((uint32_t)(ch->head - tail) > c->ring_size || (tail & 7u)) {
		chan_error(c, ch, peer, -EPROTO, "consumer tail out of range");
		return -EPROTO;
	}
	ch->tail_cache = tail;
	return 0;
}

static uint32_t tx_free(const struct cellipc *c, const struct cipc_chan *ch)
{
	return c->ring_size - (ch->head - ch->tail_cache);
}

/* Bytes needed at the current head for a record of total bytes. */
static uint32_t tx_need(const struct cellipc *c, const struct cipc_chan *ch,
			uint32_t total)
{
	uint32_t off = ch->head & (c->ring_size - 1);
	uint32_t room = c->ring_size - off;

	return room < total ? room + total : total;
}

CIPC_EXPORT size_t cellipc_max_msg(const struct cellipc *c, uint32_t peer)
{
	if (!c || !c->ring_ready || peer >= c->max_peers || peer == c->id ||
	    !c->chans[peer].connected)
		return 0;
	return c->ring_size / 2 - CIPC_REC_HDR;
}

static void notify_peer(struct cellipc *c, struct cipc_chan *ch,
			uint32_t peer);

/*
 * No room: make sure the consumer knows about everything committed so far
 * (a batch may still be unpublished), or it might sleep while we wait.
 */
static int tx_full(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	notify_peer(c, ch, peer);
	return -EAGAIN;
}

CIPC_EXPORT int cellipc_reserve(struct cellipc *c, uint32_t peer, size_t len,
				void **buf)
{
	struct cipc_chan *ch = get_chan(c, peer);
	uint32_t total, need, off, room;
	int ret;

	if (!ch || !buf)
		return -EINVAL;
	if (ch->error)
		return ch->error_code;
	if (!ch->peer_epoch || !ch->tx_ok)
		return -ENOTCONN;
	if (ch->resv_len)
		return -EALREADY;
	if (len > c->ring_size / 2 - CIPC_REC_HDR)
		return -EMSGSIZE;
	total = CIPC_REC_HDR + align8((uint32_t)len);
	need = tx_need(c, ch, total);
	if (need > tx_free(c, ch)) {
		ret = refresh_tail(c, ch, peer);
		if (ret)
			return ret;
		if (need > tx_free(c, ch)) {
			/* already asked for a wake-up at this tail: just wait */
			if (ch->want_space && ch->want_tail == ch->tail_cache)
				return tx_full(c, ch, peer);
			/* ask for a wake-up, then look once more */
			ch->want_space = true;
			ch->want_tail = ch->tail_cache;
			STORE_ONCE(&ch->own_slot->space_event, ch->tail_cache);
			FENCE_FULL();
			ret = refresh_tail(c, ch, peer);
			if (ret)
				return ret;
			if (need > tx_free(c, ch))
				return tx_full(c, ch, peer);
		}
	}
	ch->want_space = false;	/* room found: no EV_WRITABLE owed */
	ch->resv_head = ch->head;
	off = ch->head & (c->ring_size - 1);
	room = c->ring_size - off;
	if (room < total) {
		/* pad to the end; published together with the record */
		STORE_ONCE((uint32_t *)(ch->tx_ring + off),
			   CIPC_REC_PAD | (room - CIPC_REC_HDR));
		ch->head += room;
		off = 0;
	}
	ch->resv_off = off;
	ch->resv_len = (uint32_t)len + 1;	/* +1: 0-byte reservations */
	*buf = ch->tx_ring + off + CIPC_REC_HDR;
	return 0;
}

/* Make the local head visible to the consumer. */
static inline void publish_head(struct cellipc *c, struct cipc_chan *ch)
{
	if (ch->published == ch->head)
		return;
	/* payloads and record headers visible before the new head */
	STORE_REL(&ch->own_slot->tx, (uint64_t)c->epoch << 32 | ch->head);
	ch->published = ch->head;
}

static void notify_peer(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	uint32_t ev;

	publish_head(c, ch);
	if (ch->notified == ch->head)
		return;
	FENCE_FULL();	/* head store before the data_event load */
	ev = LOAD_ONCE(&ch->peer_slot->data_event);
	if (need_event(ev, ch->head, ch->notified))
		cellipc_doorbell(c, peer, CELLIPC_VEC_DATA);
	ch->notified = ch->head;
}

CIPC_EXPORT int cellipc_commit(struct cellipc *c, uint32_t peer, size_t len,
			       unsigned int flags)
{
	struct cipc_chan *ch = get_chan(c, peer);

	if (!ch || (flags & ~CELLIPC_SEND_MORE))
		return -EINVAL;
	if (!ch->resv_len)
		return -EINVAL;
	if (len > ch->resv_len - 1)
		return -EMSGSIZE;
	STORE_ONCE((uint32_t *)(ch->tx_ring + ch->resv_off), (uint32_t)len);
	STORE_ONCE((uint32_t *)(ch->tx_ring + ch->resv_off + 4), 0u);
	ch->head += CIPC_REC_HDR + align8((uint32_t)len);
	ch->resv_len = 0;
	if (!(flags & CELLIPC_SEND_MORE))
		notify_peer(c, ch, peer);
	else if ((uint32_t)(ch->head - ch->published) >= c->ring_size / 8)
		notify_peer(c, ch, peer); /* long batches: keep the consumer fed */
	return 0;
}

CIPC_EXPORT int cellipc_abort(struct cellipc *c, uint32_t peer)
{
	struct cipc_chan *ch = get_chan(c, peer);

	if (!ch || !ch->resv_len)
		return -EINVAL;
	ch->head = ch->resv_head;	/* drop an unpublished pad too */
	ch->resv_len = 0;
	return 0;
}

CIPC_EXPORT int cellipc_send(struct cellipc *c, uint32_t peer,
			     const void *buf, size_t len, unsigned int flags)
{
	void *p;
	int ret;

	if (len && !buf)
		return -EINVAL;
	ret = cellipc_reserve(c, peer, len, &p);
	if (ret)
		return ret;
	if (len)
		memcpy(p, buf, len);
	return cellipc_commit(c, peer, len, flags);
}

CIPC_EXPORT int cellipc_send_batch(struct cellipc *c, uint32_t peer,
				   const void *const *bufs, const size_t *lens,
				   unsigned int n)
{
	unsigned int i;
	int ret = 0;

	if (!bufs || !lens)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		ret = cellipc_send(c, peer, bufs[i], lens[i], CELLIPC_SEND_MORE);
		if (ret)
			break;
	}
	if (i)
		cellipc_flush(c, peer);
	return i ? (int)i : ret;
}

CIPC_EXPORT int cellipc_flush(struct cellipc *c, uint32_t peer)
{
	uint32_t d;

	if (!c || !c->ring_ready)
		return -EINVAL;
	if (peer != CELLIPC_ALL_PEERS) {
		if (!get_chan(c, peer))
			return -EINVAL;
		notify_peer(c, &c->chans[peer], peer);
		return 0;
	}
	for (d = 0; d < c->max_peers; d++)
		if (d != c->id && c->chans[d].peer_epoch)
			notify_peer(c, &c->chans[d], d);
	return 0;
}

CIPC_EXPORT int cellipc_tx_space(const struct cellipc *c, uint32_t peer)
{
	struct cipc_chan *ch;
	uint32_t f;

	ch = get_chan((struct cellipc *)c, peer);
	if (!ch)
		return -EINVAL;
	if (!ch->connected)
		return -ENOTCONN;
	if (ch->error)
		return ch->error_code;
	if (refresh_tail((struct cellipc *)c, ch, peer))
		return -ENOTCONN;
	f = tx_free(c, ch);
	return f > CIPC_REC_HDR ? (int)(f - CIPC_REC_HDR) : 0;
}

/* ---- consumer ---- */

/*
 * Make our consumption visible to the producer. Releases publish in steps
 * (see cellipc_release()) so that a producer polling for space does not
 * pull the line we write on every message.
 */
static inline void publish_tail(struct cipc_chan *ch)
{
	if (ch->tail_published == ch->tail)
		return;
	/* our reads of the records happen before the producer reuses them */
	STORE_REL(&ch->own_slot->ack, (uint64_t)ch->peer_epoch << 32 | ch->tail);
	ch->tail_published = ch->tail;
}

/* Tell a blocked producer about freed space if it asked for it. */
static void notify_space(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	uint32_t ev;

	publish_tail(ch);
	if (ch->tail_notified == ch->tail)
		return;
	FENCE_FULL();	/* ack store before the space_event load */
	ev = LOAD_ONCE(&ch->peer_slot->space_event);
	if (need_event(ev, ch->tail, ch->tail_notified))
		cellipc_doorbell(c, peer, CELLIPC_VEC_DATA);
	ch->tail_notified = ch->tail;
}

/*
 * Refresh the producer's head: one load of its tx word, checked against
 * the session we bound to and against the ring size.
 */
static int refresh_head(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	uint64_t tx = LOAD_ACQ(&ch->peer_slot->tx);
	uint32_t head = (uint32_t)tx;
	uint32_t avail = head - ch->tail;

	if ((uint32_t)(tx >> 32) != ch->peer_epoch) {
		if (session_unchanged(c, ch, peer)) {
			chan_error(c, ch, peer, -EPROTO,
				   "producer head names another session than its header");
			return -EPROTO;
		}
		/* the producer restarted: drop nothing, re-scan first */
		c->pending = true;
		return -ENOTCONN;
	}
	if (avail > ch->ring_size || (avail & 7u)) {
		chan_error(c, ch, peer, -EPROTO, "producer head out of range");
		return -EPROTO;
	}
	ch->head_cache = head;
	return 0;
}

/*
 * Find the next record: skips padding, validates the length (read once)
 * against the ring and the published head. Sets *data, *len and
 * ch->peek_total. Bounded: at most one padding record per call is possible
 * because padding always ends at the ring's end.
 */
static int next_record(struct cellipc *c, struct cipc_chan *ch, uint32_t peer,
		       const void **data, size_t *len)
{
	uint32_t avail, off, hdr, total, mask = ch->ring_size - 1;
	int ret, loops;

	for (loops = 0; loops < 2; loops++) {
		avail = ch->head_cache - ch->tail;
		if (!avail) {
			ret = refresh_head(c, ch, peer);
			if (ret)
				return ret;
			avail = ch->head_cache - ch->tail;
			if (!avail)
				return -EAGAIN;
		}
		off = ch->tail & mask;
		hdr = LOAD_ONCE((const uint32_t *)(ch->rx_ring + off));
		if (hdr & CIPC_REC_PAD) {
			total = ch->ring_size - off;
			if (total > avail || off == 0) {
				chan_error(c, ch, peer, -EPROTO,
					   "padding record beyond the published head");
				return -EPROTO;
			}
			ch->tail += total;
			continue;
		}
		if (hdr > ch->ring_size / 2 - CIPC_REC_HDR) {
			chan_error(c, ch, peer, -EPROTO, "message length out of range");
			return -EPROTO;
		}
		total = CIPC_REC_HDR + align8(hdr);
		if (total > avail || total > ch->ring_size - off) {
			chan_error(c, ch, peer, -EPROTO,
				   "message extends beyond the published head or the ring");
			return -EPROTO;
		}
		ch->peek_total = total;
		*data = ch->rx_ring + off + CIPC_REC_HDR;
		*len = hdr;
		return 0;
	}
	chan_error(c, ch, peer, -EPROTO, "consecutive padding records");
	return -EPROTO;
}

static int rx_check(struct cellipc *c, struct cipc_chan *ch)
{
	if (!ch)
		return -EINVAL;
	if (ch->error)
		return ch->error_code;
	if (!ch->peer_epoch || !ch->rx_ok)
		return -ENOTCONN;
	(void)c;
	return 0;
}

CIPC_EXPORT int cellipc_peek(struct cellipc *c, uint32_t peer,
			     const void **data, size_t *len)
{
	struct cipc_chan *ch = get_chan(c, peer);
	int ret;

	if (!data || !len)
		return -EINVAL;
	ret = rx_check(c, ch);
	if (ret)
		return ret;
	ret = next_record(c, ch, peer, data, len);
	if (ret == -EAGAIN)
		notify_space(c, ch, peer);
	return ret;
}

CIPC_EXPORT int cellipc_release(struct cellipc *c, uint32_t peer)
{
	struct cipc_chan *ch = get_chan(c, peer);

	if (!ch || !ch->peek_total)
		return -EINVAL;
	ch->tail += ch->peek_total;
	ch->peek_total = 0;
	/*
	 * Publish every 1/16 ring (and whenever the ring runs empty or
	 * process() ends); check for a blocked producer every 1/4 ring.
	 */
	if ((uint32_t)(ch->tail - ch->tail_published) >= ch->ring_size / 16) {
		publish_tail(ch);
		if ((uint32_t)(ch->tail - ch->tail_notified) >= ch->ring_size / 4)
			notify_space(c, ch, peer);
	}
	return 0;
}

CIPC_EXPORT ssize_t cellipc_recv(struct cellipc *c, uint32_t peer, void *buf,
				 size_t cap)
{
	const void *data;
	size_t len;
	int ret;

	if (!buf && cap)
		return -EINVAL;
	ret = cellipc_peek(c, peer, &data, &len);
	if (ret)
		return ret;
	if (len > cap) {
		get_chan(c, peer)->peek_total = 0;	/* stays queued */
		return -EMSGSIZE;
	}
	memcpy(buf, data, len);
	cellipc_release(c, peer);
	return (ssize_t)len;
}

/* ---- sessions and process() ---- */

/* Reset both directions for a new session of the peer. */
static void bind_peer(struct cellipc *c, uint32_t d, uint32_t epoch,
		      uint32_t size, uint32_t base)
{
	struct cipc_chan *ch = &c->chans[d];
	const uint8_t *pb = peer_base(c, d);
	const struct cipc_slot *pslots =
		(const struct cipc_slot *)(pb + CIPC_HDR_SIZE);

	ch->peer_epoch = epoch;
	ch->bad_epoch = 0;
	ch->ring_size = size;
	ch->rx_ring = pb + base + (size_t)ring_idx(d, c->id) * size;
	ch->peer_slot = &pslots[c->id];
	ch->error = false;
	ch->error_reported = false;
	ch->error_code = 0;
	ch->rx_ok = false;
	ch->tx_ok = false;
	ch->tx_acked = false;

	/* consumer side: start the peer's new session at 0 */
	ch->tail = 0;
	ch->tail_published = 0;
	ch->head_cache = 0;
	ch->tail_notified = 0;
	ch->peek_total = 0;
	STORE_ONCE(&ch->own_slot->data_event, 0);
	STORE_REL(&ch->own_slot->ack, (uint64_t)epoch << 32);

	/* producer side: our ring restarts empty for this consumer session */
	ch->head = 0;
	ch->tail_cache = 0;
	ch->notified = 0;
	ch->published = 0;
	ch->resv_len = 0;
	STORE_ONCE(&ch->own_slot->space_event, 0);
	STORE_REL(&ch->own_slot->tx, (uint64_t)c->epoch << 32);
	STORE_REL(&ch->own_slot->bind, epoch);

	cellipc_doorbell(c, d, CELLIPC_VEC_DATA);
}

static void drop_peer(struct cellipc *c, uint32_t d, int *events)
{
	struct cipc_chan *ch = &c->chans[d];

	if (ch->connected) {
		ch->connected = false;
		emit(c, CELLIPC_EV_DISCONNECT, d, 0);
		(*events)++;
	}
	ch->peer_epoch = 0;
	ch->rx_ok = false;
	ch->tx_ok = false;
	ch->tx_acked = false;
	ch->draining = false;
	ch->peek_total = 0;
	ch->resv_len = 0;
}

/*
 * Read the peer's bind and ack words. Once the peer bound its ring to our
 * session (or acked ours), it may only take that back by restarting, which
 * changes its header epoch; taking it back within its session is an error
 * (-EPROTO), never a silent disconnect that the next scan re-opens.
 */
static int check_bindings(struct cellipc *c, struct cipc_chan *ch,
			  uint32_t d)
{
	bool rx = LOAD_ACQ(&ch->peer_slot->bind) == c->epoch;
	bool tx = (uint32_t)(LOAD_ACQ(&ch->peer_slot->ack) >> 32) == c->epoch;

	/* a restart in progress: the next scan sees its new epoch */
	if (((ch->rx_ok && !rx) || (ch->tx_acked && !tx)) &&
	    !session_unchanged(c, ch, d))
		return 0;
	if (ch->rx_ok && !rx) {
		chan_error(c, ch, d, -EPROTO,
			   "producer un-bound its ring from our session without restarting");
		return -EPROTO;
	}
	if (ch->tx_acked && !tx) {
		chan_error(c, ch, d, -EPROTO,
			   "consumer withdrew its ack of our session without restarting");
		return -EPROTO;
	}
	ch->rx_ok = rx;
	ch->tx_ok = tx;
	if (tx)
		ch->tx_acked = true;
	return 0;
}

/* Look at peer d's header and our channel with it; max a dozen loads. */
static void scan_peer(struct cellipc *c, uint32_t d, int *events)
{
	const struct cipc_sect_hdr *ph =
		(const struct cipc_sect_hdr *)peer_base(c, d);
	struct cipc_chan *ch = &c->chans[d];
	struct cipc_peer_track *t = &c->peers[d];
	uint32_t epoch, magic, version, maxp, size, base;
	bool ok;

	epoch = LOAD_ACQ(&ph->epoch);
	magic = LOAD_ONCE(&ph->magic);
	if (magic != CIPC_MAGIC || !epoch) {
		if (!ch->peer_epoch)
			return;
		t->in_session = false;
		/*
		 * The peer closed its session: nothing more can be sent to
		 * it, but what it published before closing is still ours to
		 * read (its section is left as it was). Drain, then drop.
		 */
		ch->tx_ok = false;
		if (ch->rx_ok && !ch->error && magic == CIPC_MAGIC &&
		    !refresh_head(c, ch, d) && ch->head_cache != ch->tail) {
			ch->draining = true;
			return;
		}
		drop_peer(c, d, events);
		return;
	}
	if (epoch != ch->peer_epoch) {
		if (epoch == ch->bad_epoch)
			return;
		version = LOAD_ONCE(&ph->version);
		maxp = LOAD_ONCE(&ph->max_peers);
		size = LOAD_ONCE(&ph->ring_size);
		base = LOAD_ONCE(&ph->ring_base);
		if (version != CIPC_FMT_VERSION || maxp != c->max_peers ||
		    size < CIPC_MIN_RING || size > CIPC_MAX_RING ||
		    (size & (size - 1)) || base < ring_base_for(maxp) ||
		    (base & (CIPC_LINE - 1)) ||
		    (uint64_t)base + (uint64_t)(maxp - 1) * size > c->out_size) {
			drop_peer(c, d, events);
			ch->bad_epoch = epoch;
			cipc_seterr(c, "ring: peer %u: invalid section header (version %u, max_peers %u, ring %u at %u)",
				    d, version, maxp, size, base);
			emit(c, CELLIPC_EV_ERROR, d, -EPROTO);
			(*events)++;
			return;
		}
		if (ch->peer_epoch || !t->in_session)
			t->generation++;	/* a new session of the peer */
		t->in_session = true;
		drop_peer(c, d, events);
		bind_peer(c, d, epoch, size, base);
		cipc_hb_restart(c, d);
	}
	if (ch->error) {
		if (!ch->error_reported) {
			ch->error_reported = true;
			emit(c, CELLIPC_EV_ERROR, d, ch->error_code);
			(*events)++;
		}
		return;
	}
	if (check_bindings(c, ch, d)) {
		ch->error_reported = true;
		emit(c, CELLIPC_EV_ERROR, d, ch->error_code);
		(*events)++;
		return;
	}
	ok = ch->rx_ok && ch->tx_ok;
	if (ok && !ch->connected) {
		ch->connected = true;
		emit(c, CELLIPC_EV_CONNECT, d, 0);
		(*events)++;
	} else if (!ok && ch->connected) {
		ch->connected = false;
		emit(c, CELLIPC_EV_DISCONNECT, d, 0);
		(*events)++;
	}
}

/* Idle: ask the producer for a doorbell, then look once more. */
static bool arm_data(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	if (ch->head_cache != ch->tail)
		return true;
	STORE_ONCE(&ch->own_slot->data_event, ch->tail);
	FENCE_FULL();
	if (refresh_head(c, ch, peer))
		return false;
	return ch->head_cache != ch->tail;
}

/* Has the consumer freed space since we blocked? Re-arms if not. */
static bool writable(struct cellipc *c, struct cipc_chan *ch, uint32_t peer)
{
	if (refresh_tail(c, ch, peer))
		return false;
	if (ch->tail_cache != ch->want_tail)
		return true;
	STORE_ONCE(&ch->own_slot->space_event, ch->tail_cache);
	FENCE_FULL();
	if (refresh_tail(c, ch, peer))
		return false;
	return ch->tail_cache != ch->want_tail;
}

static void deliver(struct cellipc *c, uint32_t d, unsigned int *budget,
		    int *events)
{
	struct cipc_chan *ch = &c->chans[d];
	struct cellipc_event ev;
	const void *data;
	size_t len;

	while (*budget) {
		if (!ch->rx_ok || ch->error)
			return;
		if (next_record(c, ch, d, &data, &len))
			return;
		memset(&ev, 0, sizeof(ev));
		ev.type = CELLIPC_EV_MSG;
		ev.peer = d;
		ev.u.msg.data = data;
		ev.u.msg.len = len;
		cipc_emit(c, &ev);
		(*events)++;
		(*budget)--;
		if (ch->peek_total)	/* the callback may have released it */
			cellipc_release(c, d);
	}
}

int cipc_ring_process(struct cellipc *c, unsigned int budget, int *events)
{
	unsigned int n = c->max_peers;
	uint32_t d, i;

	for (d = 0; d < n; d++)
		if (d != c->id)
			scan_peer(c, d, events);

	for (i = 0; i < n; i++) {
		struct cipc_chan *ch;
		const void *data;
		size_t len;

		d = i;
		if (d == c->id)
			continue;
		ch = &c->chans[d];
		if (!ch->peer_epoch)
			continue;
		if (ch->error) {
			if (!ch->error_reported) {
				ch->error_reported = true;
				emit(c, CELLIPC_EV_ERROR, d, ch->error_code);
				(*events)++;
			}
			continue;
		}
		/* producer side: owed EV_WRITABLE? */
		if (ch->want_space && ch->tx_ok && writable(c, ch, d)) {
			ch->want_space = false;
			emit(c, CELLIPC_EV_WRITABLE, d, 0);
			(*events)++;
		}
		if (!ch->rx_ok)
			continue;
		if (c->ring_flags & CELLIPC_RING_DELIVER) {
			deliver(c, d, &budget, events);
		} else if (!next_record(c, ch, d, &data, &len)) {
			ch->peek_total = 0;
			emit(c, CELLIPC_EV_READABLE, d, 0);
			(*events)++;
		}
		if (ch->draining) {
			/* closed peer: drop the channel once drained */
			if (!ch->error && ch->head_cache == ch->tail &&
			    refresh_head(c, ch, d) == 0 &&
			    ch->head_cache == ch->tail)
				drop_peer(c, d, events);
			else
				c->pending = true;
			continue;
		}
		notify_space(c, ch, d);
		if (ch->error)
			continue;
		if (arm_data(c, ch, d))
			c->pending = true;	/* data left for next call */
	}
	return 0;
}
