/* SPDX-License-Identifier: MIT */
/*
 * Basic types of the inmate library. Only freestanding compiler headers are
 * used, so the portable parts (command line, formatting) also build on the
 * host for unit tests.
 */
#ifndef INMATE_TYPES_H
#define INMATE_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#ifndef ENOENT
#define ENOENT		2
#define EIO		5
#define E2BIG		7
#define ENODEV		19
#define EINVAL		22
#define ERANGE		34
#define ETIMEDOUT	110
#endif

#endif
