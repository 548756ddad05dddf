/* SPDX-License-Identifier: MIT */
/* ICMP echo helpers for crash-test: build requests, validate replies. */
#ifndef CRASH_TEST_ICMP_H
#define CRASH_TEST_ICMP_H

#include <stddef.h>
#include <stdint.h>

#define ICMP_ECHO_HDR	8

uint16_t icmp_checksum(const void *data, size_t len);

/*
 * Build an echo request with @id and @seq and @payload_len pattern bytes
 * into @buf (@len bytes). Returns the packet length or -EMSGSIZE.
 */
int icmp_build_echo(void *buf, size_t len, uint16_t id, uint16_t seq,
		    size_t payload_len);

/*
 * Parse what a raw IPPROTO_ICMP socket returned (IPv4 header + ICMP).
 * Returns 0 and *seq if it is a valid echo reply with @id and a correct
 * checksum, -EINVAL for anything else (short, not ours, corrupted).
 */
int icmp_parse_reply(const void *pkt, size_t len, uint16_t id,
		     uint16_t *seq);

#endif /* CRASH_TEST_ICMP_H */
