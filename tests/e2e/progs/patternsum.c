// SPDX-License-Identifier: MIT
/*
 * Fills a buffer with a pseudo-random pattern, sorts it and prints a CRC-32
 * and the sum. The same source runs natively on the host and statically
 * linked in the root cell; the board scenario compares the two outputs, so
 * a wrong toolchain, libc or CPU emulation shows up as a mismatch.
 *
 *   patternsum [WORDS] [SEED]
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	size_t words = argc > 1 ? strtoul(argv[1], NULL, 0) : 1u << 18;
	uint64_t state = argc > 2 ? strtoull(argv[2], NULL, 0) : 42;
	uint64_t sum = 0;
	uint32_t *buf;

	buf = malloc(words * sizeof(*buf));
	if (!buf) {
		fprintf(stderr, "patternsum: cannot allocate %zu words\n",
			words);
		return 1;
	}
	for (size_t i = 0; i < words; i++) {
		/* xorshift64: deterministic on every platform */
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		buf[i] = (uint32_t)state;
		sum += buf[i];
	}
	qsort(buf, words, sizeof(*buf), cmp_u32);
	printf("words=%zu crc32=%08" PRIx32 " sum=%" PRIu64 "\n", words,
	       crc32_update(0, buf, words * sizeof(*buf)), sum);
	free(buf);
	return 0;
}
