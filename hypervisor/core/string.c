// SPDX-License-Identifier: GPL-2.0
/* Freestanding string helpers (the compiler may also emit calls to these). */
#include <hv/string.h>

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;

	while (n--)
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
