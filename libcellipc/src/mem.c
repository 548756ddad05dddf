// SPDX-License-Identifier: MIT
/*
 * mem.c - test-only backend: several handles of ONE process share one
 * anonymous mapping at the same addresses, with an eventfd per peer as its
 * interrupt. It exists so that ThreadSanitizer sees both sides of a ring at
 * the same addresses (two mappings of one file would hide races from it).
 * Same device semantics as sim, except that nothing is write-protected.
 * Not part of the public API.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"

struct cipc_memdev {
	uint32_t max_peers;
	uint64_t out_size, rw_size, st_size;
	uint8_t *base;
	size_t len;
	uint32_t *state;
	int efd[CELLIPC_MAX_PEERS];
	uint32_t int_ctrl[CELLIPC_MAX_PEERS];
	uint32_t irq_count[CELLIPC_MAX_PEERS];
	uint32_t open[CELLIPC_MAX_PEERS];
};

struct mem_priv {
	struct cipc_memdev *m;
};

static struct cipc_memdev *M(struct cellipc *c)
{
	return ((struct mem_priv *)c->priv)->m;
}

static void mem_raise(struct cipc_memdev *m, uint32_t t)
{
	uint32_t ctrl = 1;
	uint64_t one = 1;

	if (!LOAD_ACQ(&m->open[t]))
		return;
	if (!__atomic_compare_exchange_n(&m->int_ctrl[t], &ctrl, 0, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;	/* disabled: lost, as on the device (one-shot) */
	__atomic_fetch_add(&m->irq_count[t], 1, __ATOMIC_RELEASE);
	if (write(m->efd[t], &one, sizeof(one)) < 0)
		return;
}

static int mem_state_set(struct cellipc *c, uint32_t state)
{
	struct cipc_memdev *m = M(c);
	uint32_t i;

	STORE_REL(&m->state[c->id], state);
	for (i = 0; i < m->max_peers; i++)
		if (i != c->id)
			mem_raise(m, i);
	return 0;
}

static int mem_doorbell(struct cellipc *c, uint32_t peer, uint32_t vector)
{
	if (vector < 16)
		mem_raise(M(c), peer);
	return 0;
}

static int mem_irq_ack(struct cellipc *c, uint32_t *count)
{
	struct cipc_memdev *m = M(c);
	uint64_t v;

	if (read(m->efd[c->id], &v, sizeof(v)) != sizeof(v))
		return errno == EAGAIN ? 0 : -errno;
	if (count)
		*count = LOAD_ACQ(&m->irq_count[c->id]);
	return 1;
}

static int mem_irq_enable(struct cellipc *c)
{
	STORE_REL(&M(c)->int_ctrl[c->id], 1);
	return 0;
}

static void mem_close(struct cellipc *c)
{
	struct cipc_memdev *m = M(c);
	uint32_t i;

	STORE_REL(&m->state[c->id], 0);
	STORE_REL(&m->int_ctrl[c->id], 0);
	STORE_REL(&m->open[c->id], 0);
	for (i = 0; i < m->max_peers; i++)
		if (i != c->id)
			mem_raise(m, i);
	free(c->priv);
}

static const struct cipc_backend_ops mem_ops = {
	.name = "mem",
	.state_set = mem_state_set,
	.doorbell = mem_doorbell,
	.irq_ack = mem_irq_ack,
	.irq_enable = mem_irq_enable,
	.close = mem_close,
};

int cipc_memdev_create(uint32_t max_peers, uint64_t out_size,
		       uint64_t rw_size, struct cipc_memdev **mp)
{
	struct cipc_memdev *m;
	uint32_t i;

	if (max_peers < 2 || max_peers > CELLIPC_MAX_PEERS || !out_size ||
	    out_size % 4096 || rw_size % 4096)
		return -EINVAL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->max_peers = max_peers;
	m->out_size = out_size;
	m->rw_size = rw_size;
	m->st_size = 4096;
	m->len = m->st_size + rw_size + max_peers * out_size;
	/*
	 * Heap, not mmap: under AddressSanitizer any access past the last
	 * peer's section is reported (the fuzzer's attacker is the last peer).
	 */
	m->base = aligned_alloc(4096, m->len);
	if (!m->base) {
		free(m);
		return -ENOMEM;
	}
	memset(m->base, 0, m->len);
	m->state = (uint32_t *)m->base;
	for (i = 0; i < max_peers; i++) {
		m->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (m->efd[i] < 0) {
			while (i--)
				close(m->efd[i]);
			free(m->base);
			free(m);
			return -errno;
		}
	}
	*mp = m;
	return 0;
}

void cipc_memdev_destroy(struct cipc_memdev *m)
{
	uint32_t i;

	if (!m)
		return;
	for (i = 0; i < m->max_peers; i++)
		close(m->efd[i]);
	free(m->base);
	free(m);
}

int cipc_mem_open(struct cipc_memdev *m, uint32_t id, struct cellipc **cp)
{
	struct mem_priv *mp;
	struct cellipc *c;
	uint32_t expect = 0;
	int ret;

	if (!m || id >= m->max_peers)
		return -EINVAL;
	if (!__atomic_compare_exchange_n(&m->open[id], &expect, 1, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return -EBUSY;
	mp = calloc(1, sizeof(*mp));
	if (!mp) {
		STORE_REL(&m->open[id], 0);
		return -ENOMEM;
	}
	ret = cipc_alloc(&c, id, m->max_peers);
	if (ret) {
		free(mp);
		STORE_REL(&m->open[id], 0);
		return ret;
	}
	mp->m = m;
	c->priv = mp;
	c->ops = &mem_ops;
	c->backend = 0;
	c->st_size = m->st_size;
	c->rw_size = m->rw_size;
	c->out_size = m->out_size;
	c->state = m->state;
	c->rw = m->rw_size ? m->base + m->st_size : NULL;
	c->in = m->base + m->st_size + m->rw_size;
	c->out = (uint8_t *)c->in + id * m->out_size;
	c->fd = m->efd[id];
	STORE_REL(&m->state[id], 0);
	*cp = c;
	return 0;
}
