/* SPDX-License-Identifier: MIT */
/*
 * Logging for the apps: stderr in the foreground, a file or syslog when
 * running as a daemon. Messages say what failed, on what, and what to do.
 */
#ifndef APPS_LOG_H
#define APPS_LOG_H

#include <syslog.h>

/* @file NULL and @daemon set: syslog. Returns 0 or -errno. */
int log_open(const char *ident, int daemon, const char *file);
void log_msg(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_set_verbose(int v);

#define err_msg(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define warn_msg(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define info_msg(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define dbg_msg(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif /* APPS_LOG_H */
