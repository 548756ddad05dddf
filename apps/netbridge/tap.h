/* SPDX-License-Identifier: MIT */
/* TAP interface handling for netbridge: create, MTU, carrier, up. */
#ifndef NETBRIDGE_TAP_H
#define NETBRIDGE_TAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Create (or attach to) TAP interface @name in the caller's network
 * namespace; non-blocking fd, no packet information header. Returns the fd
 * or -errno. The kernel's final name is written back to @name (IFNAMSIZ).
 */
int tap_open(char *name);
int tap_set_mtu(const char *name, unsigned int mtu);
int tap_set_carrier(int fd, bool on);
int tap_set_up(const char *name);
int tap_set_mac(const char *name, const unsigned char mac[6]);

/* One frame from / to the TAP: its length or -errno. */
ssize_t tap_read(int fd, void *frame, size_t len);
ssize_t tap_write(int fd, const void *frame, size_t len);

#endif /* NETBRIDGE_TAP_H */
