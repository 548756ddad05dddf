// SPDX-License-Identifier: MIT
/* Logging for the apps, see log.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

static struct {
	const char *ident;
	FILE *out;
	int use_syslog;
	int verbose;
} lg = { "app", NULL, 0, 0 };

int log_open(const char *ident, int daemon, const char *file)
{
	lg.ident = ident;
	lg.out = NULL;
	lg.use_syslog = 0;
	if (file) {
		lg.out = fopen(file, "a");
		if (!lg.out)
			return -errno;
		setvbuf(lg.out, NULL, _IOLBF, 0);
	} else if (daemon) {
		openlog(ident, LOG_PID, LOG_DAEMON);
		lg.use_syslog = 1;
	}
	return 0;
}

void log_set_verbose(int v)
{
	lg.verbose = v;
}

void log_msg(int prio, const char *fmt, ...)
{
	FILE *out = lg.out ? lg.out : stderr;
	va_list ap;

	if (prio == LOG_DEBUG && !lg.verbose)
		return;
	va_start(ap, fmt);
	if (lg.use_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		fprintf(out, "%s[%lld.%03ld]: ", lg.ident,
			(long long)ts.tv_sec % 100000, ts.tv_nsec / 1000000);
		vfprintf(out, fmt, ap);
		fputc('\n', out);
		fflush(out);
	}
	va_end(ap);
}
