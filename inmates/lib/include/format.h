/* SPDX-License-Identifier: MIT */
/*
 * printf-style formatting without libc.
 *
 * Supported conversions: %d %i %u %x %X %o %c %s %p %%, the length
 * modifiers h, hh, l, ll, z, the flags '-', '0', ' ', '+', '#', a field
 * width and a precision (also as '*'). Unknown conversions are printed
 * verbatim.
 */
#ifndef INMATE_FORMAT_H
#define INMATE_FORMAT_H

#include <types.h>

typedef void (*format_out_t)(char c, void *ctx);

/* Emit the formatted text through @out. Returns the number of characters. */
int format_v(format_out_t out, void *ctx, const char *fmt, va_list ap);

/*
 * Format into @buf of @size bytes, always NUL-terminated when @size > 0.
 * Returns the length the full text would have (like snprintf).
 */
int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
int snprintk(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
