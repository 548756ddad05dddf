/* SPDX-License-Identifier: GPL-2.0 */
/* Simple test-and-set spinlock (only used with the MMU on). */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <hv/types.h>

typedef struct {
	u32 v;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	u32 tmp, one = 1;

	asm volatile(
	"	sevl\n"
	"1:	wfe\n"
	"2:	ldaxr	%w0, [%1]\n"
	"	cbnz	%w0, 1b\n"
	"	stxr	%w0, %w2, [%1]\n"
	"	cbnz	%w0, 2b\n"
	: "=&r" (tmp) : "r" (&lock->v), "r" (one) : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	asm volatile("stlr wzr, [%0]" : : "r" (&lock->v) : "memory");
}

#endif
