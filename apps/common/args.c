// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>

#include "args.h"

int parse_unsigned(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	/* strtoul accepts "-1" as ULONG_MAX: refuse any sign up front. */
	if (errno || end == s || *end || *s == '-' || *s == '+' || *v > max)
		return -EINVAL;
	return 0;
}
