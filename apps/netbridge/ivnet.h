/* SPDX-License-Identifier: MIT */
/*
 * ivnet - engine of the ivshmem-net wire protocol (protocol 0x0001).
 *
 * The engine works on two plain memory sections: our own output section
 * (TX, writable) and the peer's output section (RX, read-only for us). It
 * knows nothing about devices, interrupts or TAP interfaces, so it can be
 * tested with two buffers in one process. The caller moves the state value
 * to and from the state register and rings the doorbell when told to.
 *
 * Section layout (both directions identical):
 *
 *   0        virtio split ring: desc[num] | avail | (64-aligned) used
 *   vrsize   data area: frames at 64-byte aligned offsets
 *
 * The used rings are swapped: the used ring in our section reports the
 * frames we consumed from the peer, the one in the peer's section reports
 * the frames the peer consumed from us. Nobody writes the peer's memory.
 *
 * Everything read from the peer's section is treated as hostile: read once,
 * bounds-checked against the peer's section, then used. Bad descriptors are
 * dropped and counted; the engine never loops without bound.
 */
#ifndef IVNET_H
#define IVNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the wire constants (protocol, states, ring layout, MTU limits) */
#include <jailhouse/ivshmem.h>

struct ivnet_stats {
	uint64_t tx_frames;
	uint64_t tx_bytes;
	uint64_t tx_drops;	/* no carrier, no room, too long */
	uint64_t rx_frames;
	uint64_t rx_bytes;
	uint64_t rx_drops;	/* bad descriptor from the peer */
	uint64_t ring_errors;	/* peer indices out of range */
	uint64_t notify_tx;	/* doorbells we asked for */
	uint64_t resets;	/* link resets */
};

/* Geometry of a section, the same on both sides */
struct ivnet_geom {
	uint32_t qlen;		/* descriptors per ring */
	uint32_t vrsize;	/* bytes taken by the ring, 64-aligned */
	uint32_t data_size;	/* bytes of the data area */
	uint32_t default_mtu;
	uint32_t max_mtu;
};

struct ivnet_tx_slot {
	uint32_t off;		/* offset in the data area */
	uint32_t size;		/* bytes consumed, including a wrap gap */
};

struct ivnet {
	struct ivnet_geom g;
	size_t sec_size;
	unsigned char *own;		/* our output section (TX) */
	const unsigned char *peer;	/* peer's output section (RX) */

	uint32_t state;			/* our state */
	uint32_t peer_state;		/* last peer state seen */
	bool carrier;
	uint32_t mtu;

	/* TX (we are the driver of the ring in our section) */
	uint16_t tx_prod;		/* frames made available */
	uint16_t tx_pub;		/* avail->idx last published */
	uint16_t tx_cons;		/* frames the peer reported used */
	uint32_t tx_head;		/* next free data offset */
	uint32_t tx_inuse;		/* data bytes in flight */
	bool tx_reserved;
	struct ivnet_tx_slot *slots;	/* qlen entries */

	/* RX (we are the device of the ring in the peer's section) */
	uint16_t rx_avail;		/* next avail entry to consume */
	uint16_t rx_used;		/* used->idx we will publish */
	uint16_t rx_pub;		/* used->idx last published */
	uint32_t rx_desc;		/* descriptor of the frame being read */
	uint32_t rx_len;
	bool rx_polling;		/* we poll: the peer need not ring */

	struct ivnet_stats stats;
};

/*
 * Compute the geometry for sections of @size bytes.
 * Returns 0, or -EINVAL if the section cannot hold a ring and frames.
 */
int ivnet_geometry(size_t size, struct ivnet_geom *g);

/*
 * Set up @n over @own (writable, @size bytes) and @peer (@size bytes).
 * @mtu 0 selects the protocol's default. Our state starts at RESET; the
 * caller must write IVNET_STATE_RESET to the state register.
 * Returns 0, -EINVAL (bad size or MTU) or -ENOMEM.
 */
int ivnet_init(struct ivnet *n, void *own, const void *peer, size_t size,
	       uint32_t mtu);
void ivnet_exit(struct ivnet *n);

/*
 * Run the state machine for a peer state read from the state table.
 * Returns the state we must now write to the state register (it may be
 * the current one: writing is only needed when it changed, see
 * ivnet_state()). Call again until the state is stable: the function
 * makes one transition per call.
 */
uint32_t ivnet_step(struct ivnet *n, uint32_t peer_state);

static inline uint32_t ivnet_state(const struct ivnet *n)
{
	return n->state;
}

static inline bool ivnet_carrier(const struct ivnet *n)
{
	return n->carrier;
}

/* Force a local reset (e.g. on shutdown). */
void ivnet_reset(struct ivnet *n);

/*
 * TX. ivnet_tx_reserve() returns room for one frame of up to
 * mtu + IVNET_FRAME_HDR bytes in our data area, or NULL when the link is
 * not up or the ring is full (-ENOBUFS / -ENOLINK in *err if err != NULL).
 * ivnet_tx_commit() queues the frame written there with its real length
 * (0 cancels). Frames become visible to the peer at ivnet_tx_publish(),
 * which returns true if the peer asked to be notified.
 */
void *ivnet_tx_reserve(struct ivnet *n, int *err);
int ivnet_tx_commit(struct ivnet *n, uint32_t len);
bool ivnet_tx_publish(struct ivnet *n);

/* Convenience: reserve, copy, commit. Returns 0 or -errno (counted). */
int ivnet_tx_frame(struct ivnet *n, const void *frame, uint32_t len);

/*
 * Reclaim frames the peer has consumed. Returns the number reclaimed.
 * If @want_notify, asks the peer to notify us at its next completion (use
 * when blocked on a full ring, then call again to close the race).
 */
int ivnet_tx_reclaim(struct ivnet *n, bool want_notify);

/*
 * RX. ivnet_rx_peek() returns the next frame of the peer: 1 with *data and
 * *len set (pointing into the peer's section, valid until ivnet_rx_next()),
 * 0 when there is none. Bad descriptors are skipped and counted in
 * stats.rx_drops / ring_errors. The caller copies the frame and calls
 * ivnet_rx_next(). ivnet_rx_publish() makes the consumed entries visible
 * and re-arms our notification; it returns 1 if the peer must be notified,
 * and 2 (bit) if new frames arrived while re-arming (call peek again).
 */
int ivnet_rx_peek(struct ivnet *n, const void **data, uint32_t *len);
void ivnet_rx_next(struct ivnet *n);
#define IVNET_NOTIFY_PEER	1
#define IVNET_RX_MORE		2
int ivnet_rx_publish(struct ivnet *n);

/*
 * With @polling, ivnet_rx_publish() no longer asks the peer for a doorbell
 * at its next frame (its event index is moved half the ring space ahead):
 * for a caller that looks at the ring continuously. Off by default.
 */
void ivnet_rx_set_polling(struct ivnet *n, bool polling);

const char *ivnet_state_name(uint32_t state);

#endif /* IVNET_H */
