/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_BITMAP_H
#define _HV_BITMAP_H

#include <hv/types.h>

static inline bool test_bit(unsigned int n, const u64 *map)
{
	return (map[n / 64] >> (n % 64)) & 1;
}

static inline void set_bit(unsigned int n, u64 *map)
{
	map[n / 64] |= 1ULL << (n % 64);
}

static inline void clear_bit(unsigned int n, u64 *map)
{
	map[n / 64] &= ~(1ULL << (n % 64));
}

#endif
