// SPDX-License-Identifier: MIT
/*
 * gro - coalesce TCP/IPv4 segments from the peer for the local stack.
 * See gro.h. Facts used: the virtio-net header of the TAP (flags
 * NEEDS_CSUM 1; gso_type NONE 0, TCPV4 1), the kernel's convention for a
 * partial checksum (the TCP checksum field holds the folded pseudo-header
 * sum), RFC 791 / RFC 793 header layouts.
 */
#include <string.h>

#include "gro.h"

#define ETH_HLEN		14
#define IP_HLEN			20
#define TCP_OFF			(ETH_HLEN + IP_HLEN)
#define TCP_CHECK_OFF		16
#define VNET_F_NEEDS_CSUM	1
#define VNET_GSO_NONE		0
#define VNET_GSO_TCPV4		1
#define TCP_FLAG_PSH		0x08
#define TCP_FLAG_ACK		0x10
#define IP_MAX_LEN		65535

_Static_assert(sizeof(struct gro_vnet_hdr) == 10,
	       "the TAP's virtio-net header is 10 bytes");

struct seg {
	uint32_t thl;		/* TCP header length */
	uint32_t hdr_len;	/* Ethernet + IPv4 + TCP */
	uint32_t payload;
	uint32_t seq;
	uint8_t flags;
};

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* One's complement sum of 16-bit big-endian words, folded. */
static uint16_t sum16(const unsigned char *p, size_t len, uint32_t sum)
{
	for (; len > 1; p += 2, len -= 2)
		sum += be16(p);
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/*
 * Parse a local copy of a frame's headers (@copied bytes of a @len-byte
 * frame). True if it is a TCP/IPv4 segment whose headers are sound.
 */
static bool parse(const unsigned char *h, uint32_t copied, uint32_t len,
		  struct seg *s)
{
	const unsigned char *ip = h + ETH_HLEN, *tcp = h + TCP_OFF;
	uint32_t tot;

	if (copied < TCP_OFF + 20 || be16(h + 12) != 0x0800)
		return false;
	/* IPv4 without options, not a fragment, TCP, sound checksum */
	if (ip[0] != 0x45 || be16(ip + 6) & 0x3fff || ip[9] != 6 ||
	    sum16(ip, IP_HLEN, 0) != 0xffff)
		return false;
	tot = be16(ip + 2);
	if (tot > len - ETH_HLEN || tot < IP_HLEN + 20)
		return false;
	s->thl = (tcp[12] >> 4) * 4;
	if (s->thl < 20 || TCP_OFF + s->thl > copied ||
	    IP_HLEN + s->thl > tot)
		return false;
	s->hdr_len = TCP_OFF + s->thl;
	s->payload = tot - IP_HLEN - s->thl;
	s->seq = be32(tcp + 4);
	s->flags = tcp[13];
	return true;
}

static bool merge_flags(uint8_t flags)
{
	return flags == TCP_FLAG_ACK || flags == (TCP_FLAG_ACK | TCP_FLAG_PSH);
}

/* Does segment @s (headers in @h) continue the batch? */
static bool continues(const struct gro *g, const unsigned char *h,
		      const struct seg *s)
{
	const unsigned char *a = g->hdr, *b = h;

	if (!g->enabled || g->nseg >= GRO_MAX_SEGS || g->psh || !g->mss ||
	    !merge_flags(g->hdr[TCP_OFF + 13]) || !merge_flags(s->flags))
		return false;
	if (s->hdr_len != g->hdr_len || s->seq != g->next_seq ||
	    !s->payload || s->payload > g->mss ||
	    g->payload != g->mss * (uint32_t)g->nseg ||
	    IP_HLEN + s->thl + g->payload + s->payload > IP_MAX_LEN)
		return false;
	/* same link addresses, TOS, TTL, IP addresses */
	if (memcmp(a, b, ETH_HLEN) || a[15] != b[15] || a[22] != b[22] ||
	    memcmp(a + 26, b + 26, 8))
		return false;
	/* same ports, ACK, window, options */
	return !memcmp(a + TCP_OFF, b + TCP_OFF, 4) &&
	       !memcmp(a + TCP_OFF + 8, b + TCP_OFF + 8, 4) &&
	       !memcmp(a + TCP_OFF + 14, b + TCP_OFF + 14, 2) &&
	       !memcmp(a + TCP_OFF + 20, b + TCP_OFF + 20, s->thl - 20);
}

void gro_init(struct gro *g, gro_emit_fn emit, void *arg, bool enabled)
{
	memset(g, 0, sizeof(*g));
	g->emit = emit;
	g->arg = arg;
	g->enabled = enabled;
}

static int emit(struct gro *g, struct iovec *iov, int n)
{
	int err = g->emit(g->arg, iov, n);

	g->frames_out++;
	if (err < 0)
		g->emit_errors++;
	return err < 0 ? err : 0;
}

static int emit_plain(struct gro *g, const void *frame, uint32_t len)
{
	static const struct gro_vnet_hdr none;
	struct iovec iov[2] = {
		{ .iov_base = (void *)&none, .iov_len = sizeof(none) },
		{ .iov_base = (void *)frame, .iov_len = len },
	};

	return emit(g, iov, 2);
}

int gro_flush(struct gro *g)
{
	unsigned char *ip = g->hdr + ETH_HLEN, *tcp = g->hdr + TCP_OFF;
	uint32_t tcp_len, sum;

	if (!g->nseg)
		return 0;
	tcp_len = g->hdr_len - TCP_OFF + g->payload;
	put16(ip + 2, IP_HLEN + tcp_len);
	put16(ip + 10, 0);
	put16(ip + 10, ~sum16(ip, IP_HLEN, 0));
	if (g->psh)
		tcp[13] |= TCP_FLAG_PSH;
	/* partial checksum: the pseudo-header sum, completed by the kernel */
	sum = sum16(ip + 12, 8, 6 + tcp_len);
	put16(tcp + TCP_CHECK_OFF, sum);

	g->vh = (struct gro_vnet_hdr){
		.flags = VNET_F_NEEDS_CSUM,
		.gso_type = g->nseg > 1 ? VNET_GSO_TCPV4 : VNET_GSO_NONE,
		.hdr_len = g->hdr_len,
		.gso_size = g->nseg > 1 ? g->mss : 0,
		.csum_start = TCP_OFF,
		.csum_offset = TCP_CHECK_OFF,
	};
	g->iov[0] = (struct iovec){ &g->vh, sizeof(g->vh) };
	g->iov[1] = (struct iovec){ g->hdr, g->hdr_len };
	sum = g->nseg;
	g->nseg = 0;
	return emit(g, g->iov, sum + 2);
}

int gro_frame(struct gro *g, const void *frame, uint32_t len)
{
	unsigned char h[GRO_HDR_MAX];
	uint32_t copied = len < sizeof(h) ? len : sizeof(h);
	struct seg s;
	int err = 0;

	g->frames_in++;
	/* parse a copy: the peer may change its memory under us */
	memcpy(h, frame, copied);
	if (!parse(h, copied, len, &s)) {
		err = gro_flush(g);
		return emit_plain(g, frame, len) ?: err;
	}
	if (g->nseg && !continues(g, h, &s))
		err = gro_flush(g);
	if (!g->nseg) {
		memcpy(g->hdr, h, s.hdr_len);
		g->hdr_len = s.hdr_len;
		g->mss = s.payload;
		g->payload = 0;
		g->psh = false;
	}
	g->iov[2 + g->nseg] = (struct iovec){
		(unsigned char *)frame + s.hdr_len, s.payload
	};
	g->nseg++;
	g->payload += s.payload;
	g->next_seq = s.seq + s.payload;
	g->psh = s.flags & TCP_FLAG_PSH;
	/* a lone segment that cannot grow goes out at once */
	if (!g->enabled || !merge_flags(s.flags) || !s.payload)
		err = gro_flush(g) ?: err;
	return err;
}
