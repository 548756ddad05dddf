/* SPDX-License-Identifier: MIT */
/*
 * include/jailhouse/: the interfaces shared by the hypervisor, the driver,
 * the tools, the inmates and the C cell configurations.
 *
 * types.h - fixed-width types usable in every one of those environments
 * (Linux kernel, hosted user space, freestanding hypervisor and inmates).
 */
#ifndef _JAILHOUSE_TYPES_H
#define _JAILHOUSE_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
/* Same definitions as the kernel's int-ll64 scheme: redefinition is legal. */
typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define JH_STATIC_ASSERT(cond, msg)	_Static_assert(cond, msg)

#endif /* _JAILHOUSE_TYPES_H */
