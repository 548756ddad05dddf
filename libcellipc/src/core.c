// SPDX-License-Identifier: MIT
/*
 * core.c - handle lifetime, device-layer accessors, events, peer tracking,
 * heartbeats and the non-blocking process() loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_BUDGET 256u

uint64_t cipc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint32_t cipc_random32(void)
{
	uint32_t v = 0;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != sizeof(v)) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		v = (uint32_t)ts.tv_nsec ^ ((uint32_t)getpid() << 16) ^
		    (uint32_t)(uintptr_t)&v;
	}
	return v;
}

void cipc_seterr(struct cellipc *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
}

void cipc_perr(const struct cellipc_params *p, const char *fmt, ...)
{
	va_list ap;

	if (!p || !p->errbuf || !p->errbuf_len)
		return;
	va_start(ap, fmt);
	vsnprintf(p->errbuf, p->errbuf_len, fmt, ap);
	va_end(ap);
}

int cipc_check_params(const struct cellipc_params *p)
{
	unsigned int i;

	if (!p)
		return 0;
	for (i = 0; i < sizeof(p->reserved) / sizeof(p->reserved[0]); i++) {
		if (p->reserved[i]) {
			cipc_perr(p, "params: reserved[%u] must be zero", i);
			return -EINVAL;
		}
	}
	if (p->flags & ~(CELLIPC_OPEN_CREATE | CELLIPC_OPEN_NO_ONESHOT)) {
		cipc_perr(p, "params: unknown flags 0x%x", p->flags);
		return -EINVAL;
	}
	return 0;
}

int cipc_alloc(struct cellipc **cp, uint32_t id, uint32_t max_peers)
{
	struct cellipc *c;
	uint32_t i;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->peers = calloc(max_peers, sizeof(*c->peers));
	c->chans = calloc(max_peers, sizeof(*c->chans));
	if (!c->peers || !c->chans) {
		free(c->peers);
		free(c->chans);
		free(c);
		return -ENOMEM;
	}
	for (i = 0; i < max_peers; i++)
		c->peers[i].alive = true;
	c->id = id;
	c->max_peers = max_peers;
	c->fd = -1;
	*cp = c;
	return 0;
}

void cipc_free(struct cellipc *c)
{
	free(c->peers);
	free(c->chans);
	free(c);
}

CIPC_EXPORT int cellipc_open(const char *spec, const struct cellipc_params *p,
			     struct cellipc **cp)
{
	char path[256];
	int ret;

	if (!cp)
		return -EINVAL;
	*cp = NULL;
	ret = cipc_check_params(p);
	if (ret)
		return ret;
	if (spec && !strncmp(spec, "sim:", 4))
		return cipc_sim_open(spec + 4, p, cp);
	if (spec && !strncmp(spec, "pci:", 4)) {
		ret = cellipc_find_uio(spec + 4, CELLIPC_PROTO_ANY, p, path,
				       sizeof(path));
	} else if (spec && !strncmp(spec, "proto:", 6)) {
		char *end;
		long proto = strtol(spec + 6, &end, 0);

		if (*end || proto < 0 || proto > 0xffff) {
			cipc_perr(p, "open: bad protocol in \"%s\" (expected 0..0xffff)",
				  spec);
			return -EINVAL;
		}
		ret = cellipc_find_uio(NULL, (int)proto, p, path,
				       sizeof(path));
	} else if (!spec || !*spec) {
		ret = cellipc_find_uio(NULL, CELLIPC_PROTO_ANY, p, path,
				       sizeof(path));
	} else {
		return cipc_uio_open(spec, p, cp);
	}
	if (ret)
		return ret;
	return cipc_uio_open(path, p, cp);
}

CIPC_EXPORT int cellipc_open_uio(const char *dev_path,
				 const struct cellipc_params *p,
				 struct cellipc **cp)
{
	int ret;

	if (!cp || !dev_path)
		return -EINVAL;
	*cp = NULL;
	ret = cipc_check_params(p);
	if (ret)
		return ret;
	return cipc_uio_open(dev_path, p, cp);
}

CIPC_EXPORT int cellipc_open_sim(const char *path,
				 const struct cellipc_params *p,
				 struct cellipc **cp)
{
	int ret;

	if (!cp || !path || !*path)
		return -EINVAL;
	*cp = NULL;
	ret = cipc_check_params(p);
	if (ret)
		return ret;
	return cipc_sim_open(path, p, cp);
}

CIPC_EXPORT void cellipc_close(struct cellipc *c)
{
	if (!c)
		return;
	cipc_ring_close(c);
	c->ops->close(c);
	cipc_free(c);
}

CIPC_EXPORT int cellipc_get_info(const struct cellipc *c,
				 struct cellipc_info *info)
{
	if (!c || !info)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	info->id = c->id;
	info->max_peers = c->max_peers;
	info->protocol = c->protocol;
	info->backend = c->backend;
	info->state_table_size = c->st_size;
	info->rw_section_size = c->rw_size;
	info->output_section_size = c->out_size;
	return 0;
}

CIPC_EXPORT uint32_t cellipc_id(const struct cellipc *c)
{
	return c->id;
}

CIPC_EXPORT uint32_t cellipc_max_peers(const struct cellipc *c)
{
	return c->max_peers;
}

CIPC_EXPORT const volatile uint32_t *cellipc_state_table(const struct cellipc *c)
{
	return c ? c->state : NULL;
}

CIPC_EXPORT void *cellipc_rw_section(const struct cellipc *c, size_t *size)
{
	if (size)
		*size = c && c->rw ? (size_t)c->rw_size : 0;
	return c ? c->rw : NULL;
}

CIPC_EXPORT void *cellipc_output_section(const struct cellipc *c, size_t *size)
{
	if (size)
		*size = c ? (size_t)c->out_size : 0;
	return c ? c->out : NULL;
}

CIPC_EXPORT const void *cellipc_peer_section(const struct cellipc *c,
					     uint32_t peer, size_t *size)
{
	if (!c || peer >= c->max_peers) {
		if (size)
			*size = 0;
		return NULL;
	}
	if (size)
		*size = (size_t)c->out_size;
	return c->in + (size_t)peer * c->out_size;
}

CIPC_EXPORT int cellipc_state_set(struct cellipc *c, uint32_t state)
{
	if (!c)
		return -EINVAL;
	return c->ops->state_set(c, state);
}

CIPC_EXPORT int cellipc_state_get(const struct cellipc *c, uint32_t peer,
				  uint32_t *state)
{
	if (!c || !state || peer >= c->max_peers)
		return -EINVAL;
	*state = LOAD_ACQ((const uint32_t *)&c->state[peer]);
	return 0;
}

CIPC_EXPORT int cellipc_doorbell(struct cellipc *c, uint32_t peer,
				 uint32_t vector)
{
	if (!c || peer >= c->max_peers || vector > 0xffff)
		return -EINVAL;
	/* make every earlier store visible before the interrupt */
	FENCE_REL();
	return c->ops->doorbell(c, peer, vector);
}

CIPC_EXPORT int cellipc_irq_fd(const struct cellipc *c)
{
	return c ? c->fd : -EINVAL;
}

CIPC_EXPORT int cellipc_fd(const struct cellipc *c)
{
	return c ? c->fd : -EINVAL;
}

CIPC_EXPORT int cellipc_irq_ack(struct cellipc *c, uint32_t *count)
{
	if (!c)
		return -EINVAL;
	return c->ops->irq_ack(c, count);
}

CIPC_EXPORT int cellipc_irq_enable(struct cellipc *c)
{
	if (!c)
		return -EINVAL;
	return c->ops->irq_enable(c);
}

CIPC_EXPORT int cellipc_set_event_cb(struct cellipc *c, cellipc_event_fn fn,
				     void *arg)
{
	if (!c)
		return -EINVAL;
	c->cb = fn;
	c->cb_arg = arg;
	return 0;
}

void cipc_emit(struct cellipc *c, struct cellipc_event *ev)
{
	if (c->cb)
		c->cb(c, ev, c->cb_arg);
}

CIPC_EXPORT int cellipc_peer_get(const struct cellipc *c, uint32_t peer,
				 struct cellipc_peer *out)
{
	const struct cipc_peer_track *t;

	if (!c || !out || peer >= c->max_peers)
		return -EINVAL;
	t = &c->peers[peer];
	memset(out, 0, sizeof(*out));
	out->state = t->state;
	out->generation = t->generation;
	out->alive = t->alive;
	out->connected = c->chans[peer].connected;
	out->heartbeat = t->heartbeat;
	return 0;
}

CIPC_EXPORT int cellipc_heartbeat(struct cellipc *c, unsigned int interval_ms,
				  unsigned int timeout_ms)
{
	uint64_t now;
	uint32_t i;

	if (!c)
		return -EINVAL;
	if (interval_ms && !c->ring_ready) {
		cipc_seterr(c, "heartbeat: call cellipc_ring_init() first (the counter lives in the ring header)");
		return -EINVAL;
	}
	if (interval_ms && timeout_ms <= interval_ms) {
		cipc_seterr(c, "heartbeat: timeout %u ms must exceed interval %u ms",
			    timeout_ms, interval_ms);
		return -EINVAL;
	}
	now = cipc_now_ms();
	c->hb_interval_ms = interval_ms;
	c->hb_timeout_ms = interval_ms ? timeout_ms : 0;
	c->hb_next_ms = now;
	for (i = 0; i < c->max_peers; i++) {
		c->peers[i].hb_change_ms = now;
		c->peers[i].alive = true;
		c->peers[i].dead_reported = false;
	}
	return 0;
}

/*
 * A new generation of peer i (its state left 0 or it started a new ring
 * session): its heartbeat is tracked afresh from now, with the counter as
 * it is now, so that a restarted peer gets the whole timeout whatever its
 * counter holds (possibly the value its previous life left there).
 */
void cipc_hb_restart(struct cellipc *c, uint32_t i)
{
	struct cipc_peer_track *t = &c->peers[i];
	bool valid;

	t->heartbeat = cipc_peer_heartbeat(c, i, &valid);
	t->hb_change_ms = cipc_now_ms();
	t->dead_reported = false;
	t->alive = true;
}

/* Scan the state table: one load per peer, bounded by max_peers. */
static int scan_states(struct cellipc *c)
{
	struct cellipc_event ev;
	int n = 0;
	uint32_t i, s;

	for (i = 0; i < c->max_peers; i++) {
		struct cipc_peer_track *t = &c->peers[i];

		if (i == c->id)
			continue;
		s = LOAD_ACQ((const uint32_t *)&c->state[i]);
		if (s == t->state)
			continue;
		if (s == 0) {
			t->in_session = false;
		} else if (!t->in_session) {
			t->generation++;	/* the peer (re)started */
			t->in_session = true;
			cipc_hb_restart(c, i);
		}
		memset(&ev, 0, sizeof(ev));
		ev.type = CELLIPC_EV_STATE;
		ev.peer = i;
		ev.u.state.old_state = t->state;
		ev.u.state.new_state = s;
		ev.u.state.generation = t->generation;
		t->state = s;
		cipc_emit(c, &ev);
		n++;
	}
	return n;
}

static int scan_heartbeats(struct cellipc *c, uint64_t now)
{
	struct cellipc_event ev;
	bool valid;
	uint64_t hb;
	uint32_t i;
	int n = 0;

	if (!c->hb_interval_ms)
		return 0;
	if (now >= c->hb_next_ms) {
		STORE_REL(&c->hdr->heartbeat, LOAD_ONCE(&c->hdr->heartbeat) + 1);
		c->hb_next_ms = now + c->hb_interval_ms;
	}
	for (i = 0; i < c->max_peers; i++) {
		struct cipc_peer_track *t = &c->peers[i];

		if (i == c->id)
			continue;
		hb = cipc_peer_heartbeat(c, i, &valid);
		if (!valid) {
			/* no live session (never started, or closed): no clock */
			t->hb_change_ms = now;
			continue;
		}
		memset(&ev, 0, sizeof(ev));
		ev.peer = i;
		if (hb != t->heartbeat) {
			t->heartbeat = hb;
			t->hb_change_ms = now;
			if (t->dead_reported) {
				t->dead_reported = false;
				t->alive = true;
				ev.type = CELLIPC_EV_PEER_ALIVE;
				cipc_emit(c, &ev);
				n++;
			}
			continue;
		}
		if (!t->dead_reported && now - t->hb_change_ms >= c->hb_timeout_ms) {
			t->dead_reported = true;
			t->alive = false;
			ev.type = CELLIPC_EV_PEER_DEAD;
			cipc_emit(c, &ev);
			n++;
		}
	}
	return n;
}

CIPC_EXPORT int cellipc_process(struct cellipc *c, unsigned int budget)
{
	struct cellipc_event ev;
	uint32_t count = 0;
	int ret, events = 0;

	if (!c)
		return -EINVAL;
	if (c->in_process)
		return -EBUSY;
	if (!budget)
		budget = DEFAULT_BUDGET;
	c->in_process = true;
	c->pending = false;

	/* ack, re-arm, then look: a doorbell after the re-arm interrupts */
	ret = c->ops->irq_ack(c, &count);
	if (ret < 0)
		goto out;
	if (ret > 0) {
		memset(&ev, 0, sizeof(ev));
		ev.type = CELLIPC_EV_IRQ;
		ev.peer = c->id;
		ev.u.irq.count = count;
		cipc_emit(c, &ev);
		events++;
	}
	ret = c->ops->irq_enable(c);
	if (ret < 0)
		goto out;

	events += scan_states(c);
	if (c->ring_ready) {
		ret = cipc_ring_process(c, budget, &events);
		if (ret < 0)
			goto out;
	}
	events += scan_heartbeats(c, cipc_now_ms());
	ret = events;
out:
	c->in_process = false;
	return ret;
}

CIPC_EXPORT int cellipc_timeout_ms(const struct cellipc *c)
{
	uint64_t now, next, t;
	uint32_t i;

	if (!c)
		return -EINVAL;
	if (c->pending)
		return 0;
	if (!c->hb_interval_ms)
		return -1;
	now = cipc_now_ms();
	next = c->hb_next_ms;
	for (i = 0; i < c->max_peers; i++) {
		if (i == c->id || c->peers[i].dead_reported ||
		    !c->chans[i].peer_epoch)
			continue;
		t = c->peers[i].hb_change_ms + c->hb_timeout_ms;
		if (t < next)
			next = t;
	}
	if (next <= now)
		return 0;
	return next - now > 60000 ? 60000 : (int)(next - now);
}

CIPC_EXPORT int cellipc_wait(struct cellipc *c, int timeout_ms)
{
	struct pollfd pfd;
	int t, ret;

	if (!c)
		return -EINVAL;
	t = cellipc_timeout_ms(c);
	if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
		timeout_ms = t;
	pfd.fd = c->fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	ret = poll(&pfd, 1, timeout_ms);
	if (ret < 0)
		return errno == EINTR ? 0 : -errno;
	return cellipc_process(c, 0);
}

static const struct {
	int err;
	const char *text;
} cipc_errors[] = {
	{ 0, "success" },
	{ EINVAL, "invalid argument or device geometry" },
	{ ENOENT, "no such device or file" },
	{ ENODEV, "not an ivshmem v2 device" },
	{ EBUSY, "peer id already in use, or call not allowed here" },
	{ EAGAIN, "try again: ring full or empty" },
	{ ENOTCONN, "peer not connected (no message ring bound to us)" },
	{ EMSGSIZE, "message too large for the ring or buffer" },
	{ EPROTO, "peer's shared memory is corrupted (protocol error)" },
	{ ENOMEM, "out of memory" },
	{ EPERM, "permission denied" },
	{ EACCES, "permission denied" },
	{ ENAMETOOLONG, "path too long" },
	{ ENOSYS, "kernel lacks a needed system call" },
	{ EALREADY, "reservation already open" },
};

CIPC_EXPORT const char *cellipc_strerror(int err)
{
	size_t i;

	if (err > 0)
		err = -err;
	for (i = 0; i < sizeof(cipc_errors) / sizeof(cipc_errors[0]); i++) {
		if (-cipc_errors[i].err == err)
			return cipc_errors[i].text;
	}
	return strerrordesc_np(-err) ? strerrordesc_np(-err) : "unknown error";
}

CIPC_EXPORT const char *cellipc_last_error(const struct cellipc *c)
{
	return c ? c->err : "";
}
