// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem-net: Ethernet over an ivshmem v2 device of protocol 0x0001.
 *
 * Written from the wire format of ABI.md ("ivshmem-net wire protocol"),
 * the same one apps/netbridge speaks in user space, so either side of a
 * link may run this driver or netbridge.
 *
 * Each peer owns one output section (our TX); the other peer's output
 * section is our RX and is never written. A section holds a virtio split
 * ring (descriptors, avail ring, 64-byte aligned used ring) followed by a
 * data area with the frames at 64-byte aligned offsets. The used ring of
 * our section reports what we consumed of the peer's frames; the peer's
 * used ring reports what it consumed of ours. Descriptor addresses are
 * offsets from the start of the section.
 *
 * Everything read from the peer's section is read once and checked before
 * use: a hostile peer can make us drop frames, never make us touch memory
 * outside the shared region.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/workqueue.h>

#include <jailhouse/ivshmem.h>

/* the largest section the driver maps */
#define IVNET_MAX_SECTION	(1U << 30)

/* split ring layout: byte offsets inside a section */
#define DESC_SIZE		16
#define DESC_ADDR(i)		((i) * DESC_SIZE)
#define DESC_LEN(i)		(DESC_ADDR(i) + 8)
#define DESC_FLAGS(i)		(DESC_ADDR(i) + 12)
#define DESC_NEXT(i)		(DESC_ADDR(i) + 14)

static bool carrier_log = true;
module_param(carrier_log, bool, 0644);
MODULE_PARM_DESC(carrier_log, "log carrier changes (default on)");

struct ivnet_geom {
	u32 qlen;		/* descriptors per ring */
	u32 avail;		/* offset of the avail ring */
	u32 used;		/* offset of the used ring */
	u32 vrsize;		/* bytes taken by the ring, 64-aligned */
	u32 data_size;		/* bytes of the data area */
	u32 max_mtu;
	u32 default_mtu;
};

/* driver statistics, shown by ethtool -S */
struct ivnet_stats {
	u64 tx_frames;
	u64 tx_bytes;
	u64 tx_no_link;		/* dropped: carrier off */
	u64 tx_too_long;	/* dropped: longer than the MTU allows */
	u64 tx_ring_full;	/* queue stopped for want of room */
	u64 rx_frames;
	u64 rx_bytes;
	u64 rx_bad_desc;	/* peer descriptor outside its section */
	u64 rx_no_mem;		/* no skb for a frame */
	u64 ring_errors;	/* peer indices out of range */
	u64 doorbells;		/* interrupts we sent */
	u64 interrupts;		/* interrupts we took */
	u64 resets;		/* link resets */
	u64 carrier_changes;
};

static const char ivnet_stat_names[][ETH_GSTRING_LEN] = {
	"tx_frames", "tx_bytes", "tx_no_link", "tx_too_long",
	"tx_ring_full", "rx_frames", "rx_bytes", "rx_bad_desc",
	"rx_no_mem", "ring_errors", "doorbells", "interrupts", "resets",
	"carrier_changes", "state", "peer_state",
};
#define IVNET_NSTATS	ARRAY_SIZE(ivnet_stat_names)

struct ivnet_slot {
	u32 off;		/* data offset of the frame */
	u32 size;		/* bytes it holds, including a wrap gap */
};

struct ivnet_priv {
	struct net_device *ndev;
	struct pci_dev *pdev;
	void __iomem *regs;
	void *shm;		/* state table .. last output section */
	size_t shm_size;
	const u32 *state_table;
	u8 *tx_sec;		/* our output section */
	const u8 *rx_sec;	/* the peer's output section */
	u32 sec_size;
	u32 id, peer;
	u32 doorbell;		/* value that rings the peer */
	int nvectors;
	struct ivnet_geom g;

	struct napi_struct napi;
	struct work_struct state_work;
	struct mutex state_lock;	/* state machine, open/stop */
	u32 state;
	u32 peer_state;		/* peer state the machine last saw */
	bool running;		/* interface open: the link may come up */
	bool carrier;

	spinlock_t tx_lock;	/* TX ring, against xmit and NAPI */
	u16 tx_prod;		/* frames queued */
	u16 tx_pub;		/* avail index published */
	u16 tx_cons;		/* frames the peer reported used */
	u32 tx_head;		/* next free data offset */
	u32 tx_inuse;		/* data bytes in flight */
	struct ivnet_slot *slots;

	/* RX ring (peer's section), only touched from NAPI */
	u16 rx_avail;		/* next avail entry to consume */
	u16 rx_used;		/* used index we will publish */
	u16 rx_pub;		/* used index published */

	struct ivnet_stats st;
};

/* shared memory accessors; the sections are little-endian */
static u16 sh_rd16(const u8 *sec, u32 off)
{
	return le16_to_cpu(READ_ONCE(*(const __le16 *)(sec + off)));
}

static u32 sh_rd32(const u8 *sec, u32 off)
{
	return le32_to_cpu(READ_ONCE(*(const __le32 *)(sec + off)));
}

static u64 sh_rd64(const u8 *sec, u32 off)
{
	return le64_to_cpu(READ_ONCE(*(const __le64 *)(sec + off)));
}

static void sh_wr16(u8 *sec, u32 off, u16 v)
{
	WRITE_ONCE(*(__le16 *)(sec + off), cpu_to_le16(v));
}

static void sh_wr32(u8 *sec, u32 off, u32 v)
{
	WRITE_ONCE(*(__le32 *)(sec + off), cpu_to_le32(v));
}

static void sh_wr64(u8 *sec, u32 off, u64 v)
{
	WRITE_ONCE(*(__le64 *)(sec + off), cpu_to_le64(v));
}

static u32 avail_idx(const struct ivnet_geom *g)
{
	return g->avail + 2;
}

static u32 avail_ring(const struct ivnet_geom *g, u32 i)
{
	return g->avail + 4 + 2 * (i % g->qlen);
}

/* "used_event": notify the ring's driver when this entry is used */
static u32 used_event(const struct ivnet_geom *g)
{
	return g->avail + 4 + 2 * g->qlen;
}

static u32 used_idx(const struct ivnet_geom *g)
{
	return g->used + 2;
}

static u32 used_elem(const struct ivnet_geom *g, u32 i)
{
	return g->used + 4 + 8 * (i % g->qlen);
}

/* "avail_event": notify the ring's device when this entry is made */
static u32 avail_event(const struct ivnet_geom *g)
{
	return g->used + 4 + 8 * g->qlen;
}

/* virtio event index rule: notify if @event lies in (old, new] */
static bool need_event(u16 event, u16 new_idx, u16 old)
{
	return (u16)(new_idx - event - 1) < (u16)(new_idx - old);
}

static u32 vring_size(u32 qlen, u32 *avail, u32 *used)
{
	*avail = qlen * DESC_SIZE;
	*used = ALIGN(*avail + 2 * (3 + qlen), IVNET_VRING_ALIGN);
	return ALIGN(*used + 6 + 8 * qlen, IVNET_VRING_ALIGN);
}

static int ivnet_geometry(u32 size, struct ivnet_geom *g)
{
	u32 qlen;

	/* halve from 4096 until the ring takes less than 1/8 */
	for (qlen = IVNET_MAX_QLEN; ; qlen >>= 1) {
		g->vrsize = vring_size(qlen, &g->avail, &g->used);
		if (g->vrsize < size / 8 || qlen == IVNET_MIN_QLEN)
			break;
	}
	if (g->vrsize >= size)
		return -EINVAL;
	g->qlen = qlen;
	g->data_size = size - g->vrsize;
	g->max_mtu = g->data_size / 4;
	g->default_mtu = min_t(u32, g->data_size / 16, IVNET_MTU_DEFAULT);
	if (g->max_mtu < ETH_MIN_MTU + IVNET_FRAME_HDR ||
	    g->default_mtu < ETH_MIN_MTU)
		return -EINVAL;
	return 0;
}

static void ivnet_ring(struct ivnet_priv *p)
{
	p->st.doorbells++;
	/* writel orders the ring stores before the doorbell */
	writel(p->doorbell, p->regs + IVSHM_REG_DOORBELL);
}

static u32 ivnet_peer_state(struct ivnet_priv *p)
{
	u32 s = READ_ONCE(p->state_table[p->peer]);

	/* a state we do not know is a peer we cannot talk to */
	return s > IVNET_STATE_RUN ? IVNET_STATE_RESET : s;
}

/* ---- TX ---------------------------------------------------------------- */

static void ivnet_tx_reclaim(struct ivnet_priv *p)
{
	const struct ivnet_geom *g = &p->g;
	u16 used, cnt, inflight;

	used = sh_rd16(p->rx_sec, used_idx(g));
	/* the peer's used entries before its index */
	smp_rmb();
	cnt = used - p->tx_cons;
	inflight = p->tx_pub - p->tx_cons;
	if (cnt > inflight) {
		p->st.ring_errors++;
		if (net_ratelimit())
			netdev_warn(p->ndev, "peer %u reports %u frames used, only %u were sent: ignored\n",
				    p->peer, cnt, inflight);
		cnt = inflight;
	}
	while (cnt--) {
		p->tx_inuse -= p->slots[p->tx_cons % g->qlen].size;
		p->tx_cons++;
	}
	if (!p->tx_inuse)
		p->tx_head = 0;
}

/* Where a frame of @need bytes goes; false if there is no room. */
static bool ivnet_tx_fit(struct ivnet_priv *p, u32 need, u32 *off, u32 *gap)
{
	const struct ivnet_geom *g = &p->g;

	if ((u16)(p->tx_prod - p->tx_cons) >= g->qlen)
		return false;
	*off = p->tx_head;
	*gap = 0;
	if (*off + need > g->data_size) {
		*gap = g->data_size - *off;
		*off = 0;
	}
	return p->tx_inuse + *gap + need <= g->data_size;
}

static bool ivnet_tx_room(struct ivnet_priv *p, u32 need)
{
	u32 off, gap;

	return ivnet_tx_fit(p, need, &off, &gap);
}

static void ivnet_tx_publish(struct ivnet_priv *p)
{
	const struct ivnet_geom *g = &p->g;
	u16 old = p->tx_pub;

	/* descriptors and frames before the index that shows them */
	smp_wmb();
	sh_wr16(p->tx_sec, avail_idx(g), p->tx_prod);
	p->tx_pub = p->tx_prod;
	/* index out before reading the peer's wish */
	smp_mb();
	if (need_event(sh_rd16(p->rx_sec, avail_event(g)), p->tx_prod, old))
		ivnet_ring(p);
}

static void ivnet_tx_put(struct ivnet_priv *p, struct sk_buff *skb, u32 off,
			 u32 gap)
{
	const struct ivnet_geom *g = &p->g;
	u32 d = p->tx_prod % g->qlen;
	u32 asz = ALIGN(skb->len, IVNET_FRAME_ALIGN);

	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb_copy_and_csum_dev(skb, p->tx_sec + g->vrsize + off);
	else
		skb_copy_bits(skb, 0, p->tx_sec + g->vrsize + off, skb->len);
	sh_wr64(p->tx_sec, DESC_ADDR(d), (u64)g->vrsize + off);
	sh_wr32(p->tx_sec, DESC_LEN(d), skb->len);
	sh_wr16(p->tx_sec, DESC_FLAGS(d), 0);
	sh_wr16(p->tx_sec, DESC_NEXT(d), 0);
	sh_wr16(p->tx_sec, avail_ring(g, p->tx_prod), d);

	p->slots[d] = (struct ivnet_slot){ .off = off, .size = gap + asz };
	p->tx_inuse += gap + asz;
	p->tx_head = off + asz;
	if (p->tx_head >= g->data_size)
		p->tx_head = 0;
	p->tx_prod++;
	p->st.tx_frames++;
	p->st.tx_bytes += skb->len;
}

static u32 ivnet_tx_need(struct ivnet_priv *p)
{
	return ALIGN(p->ndev->mtu + IVNET_FRAME_HDR, IVNET_FRAME_ALIGN);
}

/*
 * The queue is stopped: wake it if the peer made room for a frame of the
 * largest size, else ask for a doorbell at the peer's next completion
 * (event index = what we reclaimed so far). The look at the peer's used
 * index after the request closes the race with a completion in between;
 * every round reclaims something, so this ends within a ring.
 */
static void ivnet_tx_wake_or_arm(struct ivnet_priv *p)
{
	const struct ivnet_geom *g = &p->g;

	for (;;) {
		ivnet_tx_reclaim(p);
		if (ivnet_tx_room(p, ivnet_tx_need(p))) {
			netif_wake_queue(p->ndev);
			return;
		}
		sh_wr16(p->tx_sec, used_event(g), p->tx_cons);
		smp_mb();
		if (sh_rd16(p->rx_sec, used_idx(g)) == p->tx_cons)
			return;
	}
}

/* Stop the queue when a frame of the largest size may not fit. */
static void ivnet_tx_maybe_stop(struct ivnet_priv *p)
{
	if (ivnet_tx_room(p, ivnet_tx_need(p)))
		return;
	netif_stop_queue(p->ndev);
	p->st.tx_ring_full++;
	ivnet_tx_wake_or_arm(p);
}

static netdev_tx_t ivnet_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct ivnet_priv *p = netdev_priv(ndev);
	u32 off, gap, need;

	spin_lock(&p->tx_lock);
	if (!p->carrier) {
		p->st.tx_no_link++;
		goto drop;
	}
	if (skb->len > ndev->mtu + IVNET_FRAME_HDR ||
	    skb->len > p->g.max_mtu + IVNET_FRAME_HDR) {
		p->st.tx_too_long++;
		goto drop;
	}
	need = ALIGN(skb->len, IVNET_FRAME_ALIGN);
	if (!ivnet_tx_fit(p, need, &off, &gap)) {
		ivnet_tx_reclaim(p);
		if (!ivnet_tx_fit(p, need, &off, &gap)) {
			/* only after an MTU change while the ring was full */
			netif_stop_queue(ndev);
			ivnet_tx_wake_or_arm(p);
			spin_unlock(&p->tx_lock);
			return NETDEV_TX_BUSY;
		}
	}
	ivnet_tx_put(p, skb, off, gap);
	if (!netdev_xmit_more() || netif_queue_stopped(ndev))
		ivnet_tx_publish(p);
	ivnet_tx_maybe_stop(p);
	if (netif_queue_stopped(ndev) && p->tx_pub != p->tx_prod)
		ivnet_tx_publish(p);
	spin_unlock(&p->tx_lock);
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;

drop:
	spin_unlock(&p->tx_lock);
	ndev->stats.tx_dropped++;
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static void ivnet_tx_complete(struct ivnet_priv *p)
{
	spin_lock(&p->tx_lock);
	if (p->carrier) {
		if (netif_queue_stopped(p->ndev))
			ivnet_tx_wake_or_arm(p);
		else
			ivnet_tx_reclaim(p);
	}
	spin_unlock(&p->tx_lock);
}

/* ---- RX ---------------------------------------------------------------- */

static void ivnet_rx_complete(struct ivnet_priv *p, u32 id)
{
	const struct ivnet_geom *g = &p->g;
	u32 u = used_elem(g, p->rx_used);

	sh_wr32(p->tx_sec, u, id);
	sh_wr32(p->tx_sec, u + 4, 1);
	p->rx_used++;
	p->rx_avail++;
}

static void ivnet_rx_bad(struct ivnet_priv *p, u32 d, u64 addr, u32 len)
{
	p->st.rx_bad_desc++;
	p->ndev->stats.rx_errors++;
	if (net_ratelimit())
		netdev_warn(p->ndev, "peer %u: descriptor %u (offset %#llx, %u bytes) outside its section (%#x bytes, frames %u..%u bytes): dropped\n",
			    p->peer, d, addr, len, p->sec_size, ETH_HLEN,
			    p->g.max_mtu + IVNET_FRAME_HDR);
}

/*
 * Next frame from the peer: 1 with @data/@len, 0 if none. Entries naming
 * bad descriptors are completed and counted.
 */
static int ivnet_rx_peek(struct ivnet_priv *p, u32 *d, const u8 **data,
			 u32 *len)
{
	const struct ivnet_geom *g = &p->g;
	u32 i;

	for (i = 0; i < g->qlen; i++) {
		u16 avail, pending;
		u64 addr;

		avail = sh_rd16(p->rx_sec, avail_idx(g));
		pending = avail - p->rx_avail;
		if (!pending)
			return 0;
		if (pending > g->qlen) {
			p->st.ring_errors++;
			if (net_ratelimit())
				netdev_warn(p->ndev, "peer %u: avail index %u is %u ahead of ours, ring holds %u: skipped\n",
					    p->peer, avail, pending, g->qlen);
			p->rx_avail = avail;
			return 0;
		}
		/* the entries before the index that shows them */
		smp_rmb();
		*d = sh_rd16(p->rx_sec, avail_ring(g, p->rx_avail));
		if (*d >= g->qlen) {
			ivnet_rx_bad(p, *d, 0, 0);
			ivnet_rx_complete(p, *d);
			continue;
		}
		addr = sh_rd64(p->rx_sec, DESC_ADDR(*d));
		*len = sh_rd32(p->rx_sec, DESC_LEN(*d));
		if (addr < g->vrsize || addr > p->sec_size ||
		    *len > p->sec_size - addr || *len < ETH_HLEN ||
		    *len > g->max_mtu + IVNET_FRAME_HDR) {
			ivnet_rx_bad(p, *d, addr, *len);
			ivnet_rx_complete(p, *d);
			continue;
		}
		*data = p->rx_sec + addr;
		return 1;
	}
	return 0;
}

static void ivnet_rx_one(struct ivnet_priv *p, const u8 *data, u32 len)
{
	struct sk_buff *skb;

	skb = napi_alloc_skb(&p->napi, len);
	if (!skb) {
		p->st.rx_no_mem++;
		p->ndev->stats.rx_dropped++;
		return;
	}
	memcpy(skb_put(skb, len), data, len);
	skb->protocol = eth_type_trans(skb, p->ndev);
	/* a memory copy between cells: nothing to corrupt the frame */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	p->st.rx_frames++;
	p->st.rx_bytes += len;
	napi_gro_receive(&p->napi, skb);
}

static void ivnet_rx_publish(struct ivnet_priv *p)
{
	const struct ivnet_geom *g = &p->g;
	u16 old = p->rx_pub;

	if (p->rx_used == old)
		return;
	/* used entries before the index; our reads of the frames too */
	smp_mb();
	sh_wr16(p->tx_sec, used_idx(g), p->rx_used);
	p->rx_pub = p->rx_used;
	smp_mb();
	if (need_event(sh_rd16(p->rx_sec, used_event(g)), p->rx_used, old))
		ivnet_ring(p);
}

static int ivnet_rx(struct ivnet_priv *p, int budget)
{
	const u8 *data;
	int done = 0;
	u32 d, len;

	while (done < budget && ivnet_rx_peek(p, &d, &data, &len)) {
		ivnet_rx_one(p, data, len);
		ivnet_rx_complete(p, d);
		done++;
	}
	ivnet_rx_publish(p);
	return done;
}

/* Ask for a doorbell at the next frame; true if one came meanwhile. */
static bool ivnet_rx_rearm(struct ivnet_priv *p)
{
	const struct ivnet_geom *g = &p->g;

	sh_wr16(p->tx_sec, avail_event(g), p->rx_avail);
	smp_mb();
	return sh_rd16(p->rx_sec, avail_idx(g)) != p->rx_avail;
}

static int ivnet_poll(struct napi_struct *napi, int budget)
{
	struct ivnet_priv *p = container_of(napi, struct ivnet_priv, napi);
	int done = 0;

	/* the rings are only used between queue set-up and reset */
	if (READ_ONCE(p->carrier)) {
		ivnet_tx_complete(p);
		done = ivnet_rx(p, budget);
		/* a doorbell after the re-arm is not lost: NAPI notes it */
		if (done < budget && ivnet_rx_rearm(p))
			return budget;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/* ---- link state machine ------------------------------------------------- */

static void ivnet_set_state(struct ivnet_priv *p, u32 state)
{
	p->state = state;
	writel(state, p->regs + IVSHM_REG_STATE);
}

/* Fresh, empty rings in our section; nothing may run on them. */
static void ivnet_init_queues(struct ivnet_priv *p)
{
	memset(p->tx_sec, 0, p->g.vrsize);
	p->tx_prod = p->tx_pub = p->tx_cons = 0;
	p->tx_head = p->tx_inuse = 0;
	p->rx_avail = p->rx_used = p->rx_pub = 0;
	/* the clean ring before the state that announces it */
	smp_wmb();
}

/* Carrier on/off, with NAPI and TX quiesced around every ring change. */
static void ivnet_set_carrier(struct ivnet_priv *p, bool on)
{
	struct net_device *ndev = p->ndev;

	if (p->carrier == on)
		return;
	p->st.carrier_changes++;
	if (on) {
		spin_lock_bh(&p->tx_lock);
		WRITE_ONCE(p->carrier, true);
		spin_unlock_bh(&p->tx_lock);
		netif_carrier_on(ndev);
		netif_wake_queue(ndev);
		local_bh_disable();
		napi_schedule(&p->napi);
		local_bh_enable();
	} else {
		netif_carrier_off(ndev);
		spin_lock_bh(&p->tx_lock);
		WRITE_ONCE(p->carrier, false);
		netif_stop_queue(ndev);
		spin_unlock_bh(&p->tx_lock);
		/* a running poll finishes before the rings are reset */
		napi_synchronize(&p->napi);
	}
	if (carrier_log)
		netdev_info(ndev, "link %s (peer %u)\n", on ? "up" : "down",
			    p->peer);
}

static void ivnet_reset(struct ivnet_priv *p)
{
	ivnet_set_carrier(p, false);
	if (p->state != IVNET_STATE_RESET)
		p->st.resets++;
	ivnet_set_state(p, IVNET_STATE_RESET);
}

/* The peer left the handshake: our link goes back to RESET. */
static void ivnet_peer_reset(struct ivnet_priv *p, u32 peer)
{
	if (carrier_log)
		netdev_info(p->ndev, "link reset: peer %u in state %u while we are in %u\n",
			    p->peer, peer, p->state);
	ivnet_reset(p);
}

/* One transition for @peer; returns true if our state changed. */
static bool ivnet_step(struct ivnet_priv *p, u32 peer)
{
	u32 old = p->state;

	switch (p->state) {
	case IVNET_STATE_RESET:
		if (peer < IVNET_STATE_READY)
			ivnet_set_state(p, IVNET_STATE_INIT);
		break;
	case IVNET_STATE_INIT:
		if (peer > IVNET_STATE_RESET) {
			ivnet_init_queues(p);
			ivnet_set_state(p, IVNET_STATE_READY);
		}
		break;
	case IVNET_STATE_READY:
		/*
		 * RUN only once the peer is READY too (ABI.md): RUN with the
		 * peer in INIT would be taken below for a peer restart, and
		 * both sides could settle with one in RESET waiting for the
		 * peer to leave READY and the other in INIT waiting for it to
		 * leave RESET (seen with the cells really in parallel).
		 */
		if (peer == IVNET_STATE_RESET)
			ivnet_peer_reset(p, peer);
		else if (peer >= IVNET_STATE_READY)
			ivnet_set_state(p, IVNET_STATE_RUN);
		break;
	default:	/* RUN: below READY means the peer restarted */
		if (peer < IVNET_STATE_READY)
			ivnet_peer_reset(p, peer);
		break;
	}
	return p->state != old;
}

static void ivnet_state_work(struct work_struct *work)
{
	struct ivnet_priv *p = container_of(work, struct ivnet_priv,
					    state_work);
	u32 peer;
	int i;

	mutex_lock(&p->state_lock);
	if (!p->running)
		goto out;
	/*
	 * Every transition needs a new look at the peer: at most 4 for one
	 * peer state. Should the peer move meanwhile and we stop while still
	 * moving, look again later: the interrupt of the peer's last change
	 * may have come before this look and found nothing new.
	 */
	for (i = 0; i < 8; i++) {
		peer = ivnet_peer_state(p);
		p->peer_state = peer;
		if (!ivnet_step(p, peer))
			break;
	}
	if (i == 8)
		schedule_work(&p->state_work);
	ivnet_set_carrier(p, p->state == IVNET_STATE_RUN &&
			     p->peer_state == IVNET_STATE_RUN);
out:
	mutex_unlock(&p->state_lock);
}

static irqreturn_t ivnet_irq(int irq, void *data)
{
	struct ivnet_priv *p = data;

	p->st.interrupts++;
	/* one line for state changes and traffic (INTx): look at both */
	if (READ_ONCE(p->running) && ivnet_peer_state(p) != p->peer_state)
		schedule_work(&p->state_work);
	if (READ_ONCE(p->carrier))
		napi_schedule_irqoff(&p->napi);
	return IRQ_HANDLED;
}

/* ---- net_device ---------------------------------------------------------- */

static int ivnet_open(struct net_device *ndev)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	netif_carrier_off(ndev);
	napi_enable(&p->napi);
	mutex_lock(&p->state_lock);
	ivnet_set_state(p, IVNET_STATE_RESET);
	p->peer_state = IVNET_STATE_RESET;
	WRITE_ONCE(p->running, true);
	mutex_unlock(&p->state_lock);
	schedule_work(&p->state_work);
	return 0;
}

static int ivnet_stop(struct net_device *ndev)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	mutex_lock(&p->state_lock);
	WRITE_ONCE(p->running, false);
	ivnet_reset(p);
	mutex_unlock(&p->state_lock);
	cancel_work_sync(&p->state_work);
	napi_disable(&p->napi);
	return 0;
}

static int ivnet_change_mtu(struct net_device *ndev, int mtu)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	/* frames are placed by their length: any size the peer accepts */
	spin_lock_bh(&p->tx_lock);
	ndev->mtu = mtu;
	spin_unlock_bh(&p->tx_lock);
	return 0;
}

static void ivnet_get_stats64(struct net_device *ndev,
			      struct rtnl_link_stats64 *s)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	/* single writers; u64 loads do not tear on arm64 */
	s->tx_packets = READ_ONCE(p->st.tx_frames);
	s->tx_bytes = READ_ONCE(p->st.tx_bytes);
	s->rx_packets = READ_ONCE(p->st.rx_frames);
	s->rx_bytes = READ_ONCE(p->st.rx_bytes);
	s->tx_dropped = ndev->stats.tx_dropped;
	s->rx_dropped = ndev->stats.rx_dropped;
	s->rx_errors = ndev->stats.rx_errors;
}

static const struct net_device_ops ivnet_ops = {
	.ndo_open = ivnet_open,
	.ndo_stop = ivnet_stop,
	.ndo_start_xmit = ivnet_xmit,
	.ndo_change_mtu = ivnet_change_mtu,
	.ndo_get_stats64 = ivnet_get_stats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

/* ---- ethtool ------------------------------------------------------------- */

static void ivnet_get_drvinfo(struct net_device *ndev,
			      struct ethtool_drvinfo *info)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	strscpy(info->driver, "ivshmem-net", sizeof(info->driver));
	strscpy(info->bus_info, pci_name(p->pdev), sizeof(info->bus_info));
	info->n_stats = IVNET_NSTATS;
}

static int ivnet_get_sset_count(struct net_device *ndev, int sset)
{
	return sset == ETH_SS_STATS ? IVNET_NSTATS : -EOPNOTSUPP;
}

static void ivnet_get_strings(struct net_device *ndev, u32 sset, u8 *buf)
{
	if (sset == ETH_SS_STATS)
		memcpy(buf, ivnet_stat_names, sizeof(ivnet_stat_names));
}

static void ivnet_get_ethtool_stats(struct net_device *ndev,
				    struct ethtool_stats *es, u64 *data)
{
	struct ivnet_priv *p = netdev_priv(ndev);
	const u64 *c = (const u64 *)&p->st;
	unsigned int i;

	for (i = 0; i < sizeof(p->st) / sizeof(u64); i++)
		data[i] = READ_ONCE(c[i]);
	data[i++] = READ_ONCE(p->state);
	data[i] = READ_ONCE(p->peer_state);
}

static void ivnet_get_ringparam(struct net_device *ndev,
				struct ethtool_ringparam *r,
				struct kernel_ethtool_ringparam *kr,
				struct netlink_ext_ack *ack)
{
	struct ivnet_priv *p = netdev_priv(ndev);

	r->rx_max_pending = p->g.qlen;
	r->tx_max_pending = p->g.qlen;
	r->rx_pending = p->g.qlen;
	r->tx_pending = p->g.qlen;
}

static const struct ethtool_ops ivnet_ethtool_ops = {
	.get_drvinfo = ivnet_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_sset_count = ivnet_get_sset_count,
	.get_strings = ivnet_get_strings,
	.get_ethtool_stats = ivnet_get_ethtool_stats,
	.get_ringparam = ivnet_get_ringparam,
};

/* ---- PCI --------------------------------------------------------------- */

static u64 ivnet_cap_read64(struct pci_dev *pdev, int pos)
{
	u32 lo, hi;

	pci_read_config_dword(pdev, pos, &lo);
	pci_read_config_dword(pdev, pos + 4, &hi);
	return ((u64)hi << 32) | lo;
}

/* Locate and map the shared memory; the layout comes from ABI.md. */
static int ivnet_map_shmem(struct ivnet_priv *p, int cap)
{
	struct device *dev = &p->pdev->dev;
	u64 rw_size, out_size, base;
	u32 state_size, max_peers;
	u8 cap_len;

	pci_read_config_byte(p->pdev, cap + IVSHM_CAP_LENGTH, &cap_len);
	if (cap_len < IVSHM_CAP_LEN_WITH_ADDR) {
		dev_err(dev, "vendor capability is %u bytes; need %u with the shared memory address\n",
			cap_len, IVSHM_CAP_LEN_WITH_ADDR);
		return -ENODEV;
	}
	pci_read_config_dword(p->pdev, cap + IVSHM_CAP_STATE_SIZE,
			      &state_size);
	rw_size = ivnet_cap_read64(p->pdev, cap + IVSHM_CAP_RW_SIZE);
	out_size = ivnet_cap_read64(p->pdev, cap + IVSHM_CAP_OUTPUT_SIZE);
	base = ivnet_cap_read64(p->pdev, cap + IVSHM_CAP_ADDR);
	p->id = readl(p->regs + IVSHM_REG_ID);
	max_peers = readl(p->regs + IVSHM_REG_MAX_PEERS);

	if (max_peers != 2 || p->id > 1) {
		dev_err(dev, "peer id %u of %u peers: ivshmem-net links exactly 2 peers\n",
			p->id, max_peers);
		return -EINVAL;
	}
	if (state_size < 2 * sizeof(u32) || !PAGE_ALIGNED(base) ||
	    !PAGE_ALIGNED(state_size) || !PAGE_ALIGNED(rw_size) ||
	    !PAGE_ALIGNED(out_size) || !out_size ||
	    out_size > IVNET_MAX_SECTION || rw_size > IVNET_MAX_SECTION) {
		dev_err(dev, "shared memory at %#llx (state %#x, rw %#llx, output %#llx): expected page-aligned parts, a state table for 2 peers and sections of 1 page to %#x bytes\n",
			base, state_size, rw_size, out_size, IVNET_MAX_SECTION);
		return -EINVAL;
	}
	p->sec_size = out_size;
	if (ivnet_geometry(p->sec_size, &p->g)) {
		dev_err(dev, "output section of %#x bytes cannot hold a ring and frames\n",
			p->sec_size);
		return -EINVAL;
	}

	p->shm_size = state_size + rw_size + 2 * out_size;
	p->shm = devm_memremap(dev, base, p->shm_size, MEMREMAP_WB);
	if (IS_ERR(p->shm)) {
		dev_err(dev, "cannot map the shared memory %#llx-%#llx: %ld\n",
			base, base + p->shm_size - 1, PTR_ERR(p->shm));
		return PTR_ERR(p->shm);
	}
	p->state_table = p->shm;
	p->peer = 1 - p->id;
	p->tx_sec = (u8 *)p->shm + state_size + rw_size + p->id * out_size;
	p->rx_sec = (u8 *)p->shm + state_size + rw_size + p->peer * out_size;
	return 0;
}

static void ivnet_free_irqs(struct ivnet_priv *p)
{
	int i;

	for (i = 0; i < p->nvectors; i++)
		free_irq(pci_irq_vector(p->pdev, i), p);
	pci_free_irq_vectors(p->pdev);
}

static int ivnet_setup_irqs(struct ivnet_priv *p)
{
	struct pci_dev *pdev = p->pdev;
	unsigned long flags;
	int i, ret;

	ret = pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSIX | PCI_IRQ_LEGACY);
	if (ret < 0) {
		dev_err(&pdev->dev, "no interrupt (neither MSI-X nor INTx): %d\n",
			ret);
		return ret;
	}
	p->nvectors = ret;
	/* with MSI-X, vector 1 carries traffic; INTx has one line */
	p->doorbell = (p->peer << 16) | (pdev->msix_enabled && ret > 1);
	flags = pdev->msix_enabled ? 0 : IRQF_SHARED;
	for (i = 0; i < p->nvectors; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), ivnet_irq, flags,
				  p->ndev->name, p);
		if (ret) {
			dev_err(&pdev->dev, "cannot request vector %d: %d\n",
				i, ret);
			p->nvectors = i;
			ivnet_free_irqs(p);
			return ret;
		}
	}
	if (!pdev->msix_enabled)
		pci_intx(pdev, 1);
	return 0;
}

/* Predictable name from the PCI address, as udev would give it. */
static void ivnet_name(struct pci_dev *pdev, char *name)
{
	int dom = pci_domain_nr(pdev->bus);
	unsigned int fn = PCI_FUNC(pdev->devfn);
	char d[12] = "", f[8] = "";

	if (dom)
		snprintf(d, sizeof(d), "P%d", dom);
	if (fn)
		snprintf(f, sizeof(f), "f%u", fn);
	if (snprintf(name, IFNAMSIZ, "en%sp%us%u%s", d, pdev->bus->number,
		     PCI_SLOT(pdev->devfn), f) >= IFNAMSIZ)
		strscpy(name, "eth%d", IFNAMSIZ);
}

/*
 * A fixed, locally administered MAC (the one netbridge picks for the same
 * interface name): a restarted side keeps the peer's ARP entry valid.
 */
static void ivnet_mac(struct net_device *ndev, u32 id)
{
	u8 mac[ETH_ALEN] = { 0x02, 0x49, 0x56 };
	const char *c;
	u32 h = 2166136261u;	/* FNV-1a */

	for (c = ndev->name; *c; c++)
		h = (h ^ (u8)*c) * 16777619u;
	mac[3] = h >> 24;
	mac[4] = h >> 16;
	mac[5] = id;
	eth_hw_addr_set(ndev, mac);
}

static int ivnet_init_dev(struct ivnet_priv *p)
{
	struct pci_dev *pdev = p->pdev;
	int cap, ret;

	ret = pcim_enable_device(pdev);
	if (ret) {
		dev_err(&pdev->dev, "cannot enable device: %d\n", ret);
		return ret;
	}
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret) {
		dev_err(&pdev->dev, "cannot map BAR0 (registers): %d\n", ret);
		return ret;
	}
	p->regs = pcim_iomap_table(pdev)[0];
	cap = pci_find_capability(pdev, PCI_CAP_ID_VNDR);
	if (!cap) {
		dev_err(&pdev->dev, "no vendor capability: not an ivshmem v2 device\n");
		return -ENODEV;
	}
	ret = ivnet_map_shmem(p, cap);
	if (ret)
		return ret;
	/* every doorbell interrupts: no one-shot mode (uio may set it) */
	pci_write_config_byte(pdev, cap + IVSHM_CAP_PRIV_CTRL, 0);
	p->slots = devm_kcalloc(&pdev->dev, p->g.qlen, sizeof(*p->slots),
				GFP_KERNEL);
	if (!p->slots)
		return -ENOMEM;
	pci_set_master(pdev);
	return 0;
}

static struct net_device *ivnet_alloc(struct pci_dev *pdev)
{
	char name[IFNAMSIZ];
	struct net_device *ndev;

	ivnet_name(pdev, name);
	ndev = alloc_netdev(sizeof(struct ivnet_priv), name,
			    NET_NAME_PREDICTABLE, ether_setup);
	if (!ndev)
		return NULL;
	SET_NETDEV_DEV(ndev, &pdev->dev);
	return ndev;
}

static void ivnet_setup_ndev(struct ivnet_priv *p)
{
	struct net_device *ndev = p->ndev;

	ndev->netdev_ops = &ivnet_ops;
	ndev->ethtool_ops = &ivnet_ethtool_ops;
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->max_mtu = p->g.max_mtu;
	ndev->mtu = p->g.default_mtu;
	ndev->hw_features = NETIF_F_SG | NETIF_F_HW_CSUM;
	ndev->features = ndev->hw_features;
	ndev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	ivnet_mac(ndev, p->id);
	netif_carrier_off(ndev);
	netif_napi_add(ndev, &p->napi, ivnet_poll);
}

static int ivnet_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *ndev;
	struct ivnet_priv *p;
	int ret;

	ndev = ivnet_alloc(pdev);
	if (!ndev)
		return -ENOMEM;
	p = netdev_priv(ndev);
	p->ndev = ndev;
	p->pdev = pdev;
	spin_lock_init(&p->tx_lock);
	mutex_init(&p->state_lock);
	INIT_WORK(&p->state_work, ivnet_state_work);

	ret = ivnet_init_dev(p);
	if (ret)
		goto err_free;
	/* RESET until the interface is opened */
	ivnet_set_state(p, IVNET_STATE_RESET);
	ivnet_setup_ndev(p);
	ret = ivnet_setup_irqs(p);
	if (ret)
		goto err_napi;
	writel(1, p->regs + IVSHM_REG_INT_CTRL);
	ret = register_netdev(ndev);
	if (ret) {
		dev_err(&pdev->dev, "cannot register %s: %d\n", ndev->name,
			ret);
		goto err_irqs;
	}
	pci_set_drvdata(pdev, p);
	netdev_info(ndev, "ivshmem-net peer %u of 2, sections %#x bytes, %u descriptors, MTU %u (max %u), %d vector(s)\n",
		    p->id, p->sec_size, p->g.qlen, ndev->mtu, p->g.max_mtu,
		    p->nvectors);
	return 0;

err_irqs:
	writel(0, p->regs + IVSHM_REG_INT_CTRL);
	ivnet_free_irqs(p);
err_napi:
	netif_napi_del(&p->napi);
err_free:
	free_netdev(ndev);
	return ret;
}

static void ivnet_remove(struct pci_dev *pdev)
{
	struct ivnet_priv *p = pci_get_drvdata(pdev);
	struct net_device *ndev = p->ndev;

	/* closes the interface: state RESET, NAPI off */
	unregister_netdev(ndev);
	writel(0, p->regs + IVSHM_REG_INT_CTRL);
	ivnet_free_irqs(p);
	cancel_work_sync(&p->state_work);
	writel(IVNET_STATE_RESET, p->regs + IVSHM_REG_STATE);
	netif_napi_del(&p->napi);
	free_netdev(ndev);
}

/* ivshmem v2 devices of protocol 0x0001 (class 0xff, protocol 0x0001) */
static const struct pci_device_id ivnet_ids[] = {
	{ PCI_DEVICE(IVSHM_VENDOR_ID, IVSHM_DEVICE_ID),
	  .class = IVSHM_CLASS_CODE(IVNET_PROTOCOL), .class_mask = 0xffffff },
	{ }
};
MODULE_DEVICE_TABLE(pci, ivnet_ids);

static struct pci_driver ivnet_driver = {
	.name = "ivshmem-net",
	.id_table = ivnet_ids,
	.probe = ivnet_probe,
	.remove = ivnet_remove,
};
module_pci_driver(ivnet_driver);

MODULE_DESCRIPTION("Ethernet over ivshmem v2 shared memory (ivshmem-net)");
MODULE_LICENSE("GPL");
