/* SPDX-License-Identifier: MIT */
/* TAP interface handling for netbridge: create, MTU, carrier, up. */
#ifndef NETBRIDGE_TAP_H
#define NETBRIDGE_TAP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

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

/*
 * One frame from the TAP: its length, 0 (nothing usable), -EPROTO (a frame
 * asking for an offload, dropped) or -errno.
 */
ssize_t tap_read(int fd, void *frame, size_t len);
/* One frame to the TAP, iov[0] being its virtio-net header. */
ssize_t tap_writev(int fd, const struct iovec *iov, int iovcnt);

#endif /* NETBRIDGE_TAP_H */
