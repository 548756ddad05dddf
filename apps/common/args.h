/* SPDX-License-Identifier: MIT */
/*
 * Command-line value parsing shared by the apps.
 */
#ifndef APPS_ARGS_H
#define APPS_ARGS_H

/*
 * Parses @s as a whole unsigned number (decimal, 0x hex or 0 octal) no
 * larger than @max into @v. A sign, trailing characters, an empty string
 * or overflow are refused. Returns 0 or -EINVAL.
 */
int parse_unsigned(const char *s, unsigned long max, unsigned long *v);

#endif /* APPS_ARGS_H */
