// SPDX-License-Identifier: MIT
/*
 * adapt_uring.c - io_uring adapter: a one-shot poll request on
 * cellipc_fd(), re-queued after every completion.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include <liburing.h>

#include "internal.h"

CIPC_EXPORT int cellipc_uring_arm(struct cellipc *c, struct io_uring *ring,
				  uint64_t user_data)
{
	struct io_uring_sqe *sqe;

	if (!c || !ring)
		return -EINVAL;
	sqe = io_uring_get_sqe(ring);
	if (!sqe) {
		cipc_seterr(c, "io_uring: submission queue full");
		return -EBUSY;
	}
	io_uring_prep_poll_add(sqe, c->fd, POLLIN);
	io_uring_sqe_set_data64(sqe, user_data);
	return 0;
}

CIPC_EXPORT int cellipc_uring_complete(struct cellipc *c, struct io_uring *ring,
				       const struct io_uring_cqe *cqe)
{
	int ret, ret2;

	if (!c || !ring || !cqe)
		return -EINVAL;
	if (cqe->res < 0 && cqe->res != -ECANCELED) {
		cipc_seterr(c, "io_uring: poll on fd %d failed: %s", c->fd,
			    strerror(-cqe->res));
		return cqe->res;
	}
	ret = cellipc_process(c, 0);
	ret2 = cellipc_uring_arm(c, ring, cqe->user_data);
	return ret < 0 ? ret : (ret2 < 0 ? ret2 : ret);
}
