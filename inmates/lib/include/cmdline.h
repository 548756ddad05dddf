/* SPDX-License-Identifier: MIT */
/*
 * Command line parsing.
 *
 * A command line is a NUL-terminated list of words separated by blanks
 * (space, tab, CR, LF). A word is either "key=value" or a bare "key" (a
 * flag). Values cannot contain blanks. When a key appears more than once,
 * the last occurrence wins. Keys are compared case-sensitively.
 */
#ifndef INMATE_CMDLINE_H
#define INMATE_CMDLINE_H

#include <types.h>

/*
 * Copy the value of @key into @buf (NUL-terminated, at most @size bytes
 * including the NUL). A bare flag has the empty value.
 * Returns the value's length, -ENOENT if @key is absent, -E2BIG if the
 * value does not fit (then nothing is copied).
 */
int cmdline_get_str(const char *cmdline, const char *key, char *buf,
		    size_t size);

/*
 * Parse the value of @key as an unsigned number ("0x" prefix: hex, "0"
 * prefix followed by a digit: octal, otherwise decimal) into @val.
 * Returns 0, -ENOENT if absent, -EINVAL if the value is empty or not a
 * number, -ERANGE if it does not fit in 64 bits. @val is only written on
 * success.
 */
int cmdline_get_u64(const char *cmdline, const char *key, u64 *val);

/* Like cmdline_get_u64() but returns @def when @key is absent or invalid. */
u64 cmdline_u64(const char *cmdline, const char *key, u64 def);

/* True if @key appears, as a flag or with any value. */
bool cmdline_has(const char *cmdline, const char *key);

/*
 * Parse a whole number string as cmdline_get_u64() does.
 * Returns 0, -EINVAL or -ERANGE.
 */
int parse_u64(const char *str, size_t len, u64 *val);

#endif
