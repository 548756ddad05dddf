// SPDX-License-Identifier: MIT
/*
 * Unit tests of netbridge's TCP coalescing (apps/netbridge/gro.c): what
 * the TAP would receive for runs of segments, other traffic, and hostile
 * frames.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gro.h"

#define MAXF	70000

struct out {
	int n;				/* frames emitted */
	struct gro_vnet_hdr vh[64];
	unsigned char data[8][MAXF];	/* first 8 frames, concatenated */
	size_t len[64];
};

static int capture(void *arg, const struct iovec *iov, int iovcnt)
{
	struct out *o = arg;
	size_t off = 0;
	int i;

	assert_true(iovcnt >= 2);
	assert_int_equal(iov[0].iov_len, sizeof(struct gro_vnet_hdr));
	if (o->n < 64)
		memcpy(&o->vh[o->n], iov[0].iov_base, iov[0].iov_len);
	for (i = 1; i < iovcnt; i++) {
		const unsigned char *p = iov[i].iov_base;

		if (o->n < 8 && off + iov[i].iov_len <= MAXF)
			memcpy(o->data[o->n] + off, p, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	if (o->n < 64)
		o->len[o->n] = off;
	o->n++;
	return 0;
}

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static uint32_t sum(const unsigned char *p, size_t len, uint32_t s)
{
	for (; len > 1; p += 2, len -= 2)
		s += be16(p);
	if (len)
		s += p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

struct tcpf {
	uint32_t seq;
	uint8_t flags;
	uint32_t payload;
	int ts;			/* add a timestamp option with this value */
	uint16_t sport;
};

/* A TCP/IPv4 frame with correct checksums; returns its length. */
static size_t tcp_frame(unsigned char *f, const struct tcpf *t)
{
	unsigned char *ip = f + 14, *tcp = f + 34;
	uint32_t thl = t->ts ? 32 : 20, tot = 20 + thl + t->payload, i;
	uint32_t ps;

	memset(f, 0, 34 + thl);
	memcpy(f, "\x02\x49\x56\x00\x00\x01\x02\x49\x56\x00\x00\x00", 12);
	put16(f + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, tot);
	put16(ip + 6, 0x4000);		/* DF */
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, "\xc0\xa8\x00\x03\xc0\xa8\x00\x02", 8);
	put16(ip + 10, ~sum(ip, 20, 0));
	put16(tcp, t->sport ? t->sport : 40000);
	put16(tcp + 2, 5201);
	put32(tcp + 4, t->seq);
	put32(tcp + 8, 777);
	tcp[12] = (thl / 4) << 4;
	tcp[13] = t->flags;
	put16(tcp + 14, 512);
	if (t->ts) {
		tcp[20] = 1;
		tcp[21] = 1;
		tcp[22] = 8;
		tcp[23] = 10;
		put32(tcp + 24, t->ts);
	}
	for (i = 0; i < t->payload; i++)
		tcp[thl + i] = (unsigned char)((t->seq + i) * 13);
	ps = sum(ip + 12, 8, 6 + thl + t->payload);
	put16(tcp + 16, ~sum(tcp, thl + t->payload, ps));
	return 14 + tot;
}

/* The frame the kernel would see after completing the partial checksum. */
static void check_emitted(const unsigned char *f, size_t len, uint32_t seq0,
			  uint32_t payload)
{
	unsigned char buf[MAXF];
	const unsigned char *ip = buf + 14, *tcp = buf + 34;
	uint32_t thl, tcp_len, i, c;

	memcpy(buf, f, len);
	assert_int_equal(be16(ip + 2), len - 14);
	assert_int_equal(sum(ip, 20, 0), 0xffff);	/* IP checksum ok */
	thl = (tcp[12] >> 4) * 4;
	tcp_len = len - 34;
	assert_int_equal(tcp_len, thl + payload);
	/* partial: check field holds the pseudo-header sum */
	assert_int_equal(be16(tcp + 16), sum(ip + 12, 8, 6 + tcp_len));
	c = ~sum(tcp, tcp_len, 0) & 0xffff;
	put16(buf + 34 + 16, c);
	assert_int_equal(sum(tcp, tcp_len, sum(ip + 12, 8, 6 + tcp_len)),
			 0xffff);
	for (i = 0; i < payload; i++)
		assert_int_equal(tcp[thl + i],
				 (unsigned char)((seq0 + i) * 13));
}

static struct out *out_new(void)
{
	struct out *o = calloc(1, sizeof(*o));

	assert_non_null(o);
	return o;
}

static void test_merge_run(void **state)
{
	static unsigned char f[6][20000];
	struct out *o = out_new();
	struct gro g;
	uint32_t mss = 16000, seq = 1000;
	int i;

	(void)state;
	gro_init(&g, capture, o, true);
	for (i = 0; i < 4; i++) {
		struct tcpf t = { .seq = seq + i * mss, .flags = 0x10,
				  .payload = i == 3 ? 500 : mss, .ts = 5 };
		size_t len;

		if (i == 3)
			t.flags |= 0x08;	/* PSH on the last */
		len = tcp_frame(f[i], &t);
		assert_int_equal(gro_frame(&g, f[i], len), 0);
	}
	assert_int_equal(o->n, 0);	/* held until flushed */
	assert_int_equal(gro_flush(&g), 0);
	assert_int_equal(o->n, 1);
	assert_int_equal(o->vh[0].flags, 1);
	assert_int_equal(o->vh[0].gso_type, 1);
	assert_int_equal(o->vh[0].gso_size, mss);
	assert_int_equal(o->vh[0].csum_start, 34);
	assert_int_equal(o->vh[0].csum_offset, 16);
	assert_int_equal(o->vh[0].hdr_len, 34 + 32);
	check_emitted(o->data[0], o->len[0], seq, 3 * mss + 500);
	assert_true(o->data[0][34 + 13] & 0x08);
	assert_int_equal(gro_flush(&g), 0);	/* nothing left */
	assert_int_equal(o->n, 1);
	assert_int_equal(g.frames_in, 4);
	assert_int_equal(g.frames_out, 1);
	free(o);
}

static void test_breaks(void **state)
{
	static unsigned char f[8][3000];
	struct out *o = out_new();
	struct gro g;
	struct tcpf t[] = {
		{ .seq = 0, .flags = 0x10, .payload = 1000 },
		{ .seq = 1000, .flags = 0x10, .payload = 1000 },
		{ .seq = 5000, .flags = 0x10, .payload = 1000 },  /* gap */
		{ .seq = 6000, .flags = 0x10, .payload = 1000, .sport = 9 },
		{ .seq = 7000, .flags = 0x10, .payload = 1000, .ts = 3 },
		{ .seq = 8000, .flags = 0x11, .payload = 10, .ts = 3 }, /* FIN */
		{ .seq = 9000, .flags = 0x10, .payload = 0 },	/* pure ACK */
		{ .seq = 9000, .flags = 0x10, .payload = 100 },
	};
	int i;

	(void)state;
	gro_init(&g, capture, o, true);
	for (i = 0; i < 8; i++)
		gro_frame(&g, f[i], tcp_frame(f[i], &t[i]));
	gro_flush(&g);
	/* [0,1] [2] [3] [4] [5] [6] [7] */
	assert_int_equal(o->n, 7);
	check_emitted(o->data[0], o->len[0], 0, 2000);
	assert_int_equal(o->vh[0].gso_type, 1);
	for (i = 1; i < 7; i++) {
		assert_int_equal(o->vh[i].gso_type, 0);
		assert_int_equal(o->vh[i].flags, 1);	/* partial csum */
	}
	check_emitted(o->data[4], o->len[4], 8000, 10);
	free(o);
}

static void test_bigger_segment_and_64k(void **state)
{
	static unsigned char f[50][2000];
	struct out *o = out_new();
	struct gro g;
	int i;

	(void)state;
	gro_init(&g, capture, o, true);
	/* 500 then 1000: a segment larger than the first starts anew */
	gro_frame(&g, f[0], tcp_frame(f[0], &(struct tcpf){
		.seq = 0, .flags = 0x10, .payload = 500 }));
	gro_frame(&g, f[1], tcp_frame(f[1], &(struct tcpf){
		.seq = 500, .flags = 0x10, .payload = 1000 }));
	gro_flush(&g);
	assert_int_equal(o->n, 2);

	/* 1460-byte segments: never more than 65535 bytes of IP */
	o->n = 0;
	for (i = 0; i < 50; i++)
		gro_frame(&g, f[i], tcp_frame(f[i], &(struct tcpf){
			.seq = i * 1460, .flags = 0x10, .payload = 1460 }));
	gro_flush(&g);
	assert_int_equal(o->n, 2);
	assert_true(o->len[0] - 14 <= 65535);
	assert_int_equal(o->len[0] + o->len[1] - 2 * 54, 50 * 1460);
	check_emitted(o->data[0], o->len[0], 0, o->len[0] - 54);
	check_emitted(o->data[1], o->len[1], (o->len[0] - 54),
		      o->len[1] - 54);
	free(o);
}

static void test_other_traffic_unchanged(void **state)
{
	static unsigned char arp[60], udp[100];
	struct out *o = out_new();
	struct gro g;
	int i;

	(void)state;
	for (i = 0; i < 60; i++)
		arp[i] = i;
	put16(arp + 12, 0x0806);
	tcp_frame(udp, &(struct tcpf){ .seq = 1, .flags = 0x10,
				       .payload = 46 });
	udp[14 + 9] = 17;		/* not TCP (IP checksum now wrong too) */
	gro_init(&g, capture, o, true);
	gro_frame(&g, arp, sizeof(arp));
	gro_frame(&g, udp, sizeof(udp));
	assert_int_equal(o->n, 2);
	assert_int_equal(o->vh[0].flags, 0);
	assert_int_equal(o->vh[0].gso_type, 0);
	assert_int_equal(o->len[0], sizeof(arp));
	assert_memory_equal(o->data[0], arp, sizeof(arp));
	assert_memory_equal(o->data[1], udp, sizeof(udp));
	free(o);
}

static void test_disabled(void **state)
{
	static unsigned char f[2][2000];
	struct out *o = out_new();
	struct gro g;
	int i;

	(void)state;
	gro_init(&g, capture, o, false);
	for (i = 0; i < 2; i++)
		gro_frame(&g, f[i], tcp_frame(f[i], &(struct tcpf){
			.seq = i * 1000, .flags = 0x10, .payload = 1000 }));
	assert_int_equal(o->n, 2);
	assert_int_equal(o->vh[1].gso_type, 0);
	check_emitted(o->data[1], o->len[1], 1000, 1000);
	free(o);
}

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Frames a hostile peer could craft: each lives in its own allocation of
 * exactly its length, so ASan catches any read past a frame.
 */
static void test_hostile_frames(void **state)
{
	static unsigned char tmp[2048];
	unsigned char *held[64];
	struct out *o = out_new();
	uint32_t seed = 99, i, k, n = 0;
	struct gro g;

	(void)state;
	gro_init(&g, capture, o, true);
	for (i = 0; i < 20000; i++) {
		uint32_t len = 1 + rnd(&seed) % 2048;
		unsigned char *p;

		tcp_frame(tmp, &(struct tcpf){ .seq = i * 100, .flags = 0x10,
					       .payload = 1000 });
		/* corrupt a few header bytes, lengths in particular */
		for (k = 0; k < 1 + rnd(&seed) % 4; k++)
			tmp[rnd(&seed) % 60] = rnd(&seed);
		if (i % 3 == 0)
			put16(tmp + 16, rnd(&seed));	/* IP total length */
		p = malloc(len);
		assert_non_null(p);
		memcpy(p, tmp, len);
		held[n++] = p;
		gro_frame(&g, p, len);
		if (n == 64) {
			gro_flush(&g);
			while (n)
				free(held[--n]);
		}
	}
	gro_flush(&g);
	while (n)
		free(held[--n]);
	assert_int_equal(g.frames_in, 20000);
	assert_true(g.frames_out > 0);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_run),
		cmocka_unit_test(test_breaks),
		cmocka_unit_test(test_bigger_segment_and_64k),
		cmocka_unit_test(test_other_traffic_unchanged),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_hostile_frames),
	};

	return cmocka_run_group_tests_name("gro", tests, NULL, NULL);
}
