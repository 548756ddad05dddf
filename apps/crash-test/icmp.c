// SPDX-License-Identifier: MIT
/* ICMP echo helpers for crash-test. */
#include <errno.h>
#include <string.h>

#include "icmp.h"

#define ICMP_ECHOREPLY_T	0
#define ICMP_ECHO_T		8

uint16_t icmp_checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int icmp_build_echo(void *buf, size_t len, uint16_t id, uint16_t seq,
		    size_t payload_len)
{
	uint8_t *p = buf;
	size_t i;

	if (len < ICMP_ECHO_HDR || payload_len > len - ICMP_ECHO_HDR)
		return -EMSGSIZE;
	memset(p, 0, ICMP_ECHO_HDR);
	p[0] = ICMP_ECHO_T;
	put16(p + 4, id);
	put16(p + 6, seq);
	for (i = 0; i < payload_len; i++)
		p[ICMP_ECHO_HDR + i] = (uint8_t)(i + seq);
	put16(p + 2, icmp_checksum(p, ICMP_ECHO_HDR + payload_len));
	return ICMP_ECHO_HDR + payload_len;
}

int icmp_parse_reply(const void *pkt, size_t len, uint16_t id,
		     uint16_t *seq)
{
	const uint8_t *p = pkt;
	size_t ihl, total;

	if (len < 20 || p[0] >> 4 != 4)
		return -EINVAL;
	ihl = (p[0] & 0xf) * 4;
	total = get16(p + 2);
	if (ihl < 20 || p[9] != 1 || total > len || total < ihl +
	    ICMP_ECHO_HDR)
		return -EINVAL;
	p += ihl;
	len = total - ihl;
	if (p[0] != ICMP_ECHOREPLY_T || p[1] != 0 || get16(p + 4) != id)
		return -EINVAL;
	if (icmp_checksum(p, len) != 0)
		return -EINVAL;
	*seq = get16(p + 6);
	return 0;
}
