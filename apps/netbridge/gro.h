/* SPDX-License-Identifier: MIT */
/*
 * gro - hand frames from the peer to the local stack in fewer, larger
 * pieces.
 *
 * Consecutive TCP/IPv4 segments of one flow are coalesced into one
 * super-frame that the TAP receives with a virtio-net header asking the
 * kernel to treat it as a GSO packet (segmented again only if it is
 * forwarded), so the local TCP stack and the receiving application see a
 * quarter of the packets. TCP frames, merged or not, are handed over with
 * a partial checksum (the kernel completes it if the packet leaves the
 * host), which spares the checksum pass over data that crossed memory, not
 * a wire. Everything else goes through unchanged.
 *
 * Hostile data: headers are copied out of the peer's memory before they
 * are parsed and compared; payloads are only ever referenced with lengths
 * derived from the copied headers and bounded by the frame length. Frames
 * stay referenced (iovecs into the peer's section) until gro_flush(): the
 * caller must flush before it publishes the frames as consumed.
 */
#ifndef NETBRIDGE_GRO_H
#define NETBRIDGE_GRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define GRO_MAX_SEGS	44		/* 64 KiB of 1500-byte frames */
#define GRO_HDR_MAX	(14 + 20 + 60)	/* Ethernet, IPv4, TCP with options */

/* virtio-net header, as the TAP expects it in front of each frame */
struct gro_vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
};

/* Writes one frame given as iovecs (iov[0] is the virtio-net header). */
typedef int (*gro_emit_fn)(void *arg, const struct iovec *iov, int iovcnt);

struct gro {
	gro_emit_fn emit;
	void *arg;
	bool enabled;			/* false: frames go out one by one */

	/* the batch being built */
	int nseg;
	unsigned char hdr[GRO_HDR_MAX];	/* headers of the first segment */
	uint32_t hdr_len;		/* Ethernet + IPv4 + TCP */
	uint32_t mss;			/* payload of the first segment */
	uint32_t payload;		/* payload bytes so far */
	uint32_t next_seq;
	bool psh;
	struct gro_vnet_hdr vh;
	struct iovec iov[GRO_MAX_SEGS + 2];

	/* statistics */
	uint64_t frames_in;
	uint64_t frames_out;		/* writes to the TAP */
	uint64_t emit_errors;
};

void gro_init(struct gro *g, gro_emit_fn emit, void *arg, bool enabled);

/*
 * Hand one frame (valid until gro_flush()) to the stack. Returns 0, or the
 * negative error of a failed emit (counted in emit_errors; the frame is
 * then lost, as a full receive queue would lose it).
 */
int gro_frame(struct gro *g, const void *frame, uint32_t len);

/* Emit the batch being built, if any. Same return as gro_frame(). */
int gro_flush(struct gro *g);

#endif /* NETBRIDGE_GRO_H */
