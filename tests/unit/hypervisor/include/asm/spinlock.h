/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the hypervisor's spinlock (single-threaded tests).
 * spin_locks_held counts the locks the code under test holds, so that a
 * stub it calls can check it runs under a lock.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	unsigned int v;
} spinlock_t;

__attribute__((weak)) int spin_locks_held;

static inline void spin_lock(spinlock_t *lock)
{
	lock->v++;
	spin_locks_held++;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->v--;
	spin_locks_held--;
}

#endif
