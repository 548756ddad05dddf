/* SPDX-License-Identifier: MIT */
/* Host stand-in for the hypervisor's spinlock (single-threaded tests). */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	unsigned int v;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	lock->v++;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->v--;
}

#endif
