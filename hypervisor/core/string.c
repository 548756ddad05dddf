// SPDX-License-Identifier: GPL-2.0
/* Freestanding string helpers (the compiler may also emit calls to these). */
#include <hv/string.h>

/* a u64 that may alias any object: memset fills bytes of any type */
typedef u64 __attribute__((may_alias)) any_u64;

/*
 * Words where aligned: scrubbing a cell's RAM (hundreds of MiB) must not
 * cost a byte loop. Loop-to-memset conversion off, or this calls itself.
 */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *s, int c, size_t n)
{
	u64 word = 0x0101010101010101ULL * (u8)c;
	u8 *p = s;
	any_u64 *w;

	for (; n && ((unsigned long)p & 7); n--)
		*p++ = c;
	for (w = (any_u64 *)p; n >= 64; n -= 64, w += 8) {
		w[0] = word;
		w[1] = word;
		w[2] = word;
		w[3] = word;
		w[4] = word;
		w[5] = word;
		w[6] = word;
		w[7] = word;
	}
	for (; n >= 8; n -= 8)
		*w++ = word;
	for (p = (u8 *)w; n; n--)
		*p++ = c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	const u8 *src = s;
	u8 *dst = d;

	while (n--)
		*dst++ = *src++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

char *strncpy_terminated(char *d, const char *s, size_t size)
{
	size_t n;

	for (n = 0; n + 1 < size && s[n]; n++)
		d[n] = s[n];
	d[n] = 0;
	return d;
}
