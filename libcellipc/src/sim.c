// SPDX-License-Identifier: MIT
/*
 * sim.c - the "sim" backend: an ivshmem v2 device simulated between
 * processes of one Linux host.
 *
 * File layout (all offsets page aligned):
 *   control page(s)   geometry and the emulated per-peer registers
 *   state table       max_peers u32 entries (st_size bytes)
 *   R/W section       rw_size bytes (may be 0)
 *   output sections   max_peers x out_size
 * The applications' view (state table .. last output section) is mapped
 * read-only, then the R/W section and the own output section are made
 * writable with mprotect(), as the hypervisor's stage-2 tables would.
 * The backend keeps a second, writable mapping of the control page and the
 * state table: it plays the role of the hypervisor.
 *
 * Peer ids are claimed with open-file-description locks on byte 1+id of the
 * file (released by the kernel when the process dies). Doorbells are bytes
 * written to a FIFO per peer ("PATH.irq<id>"), which exists while that peer
 * has the device open: it is made by the opener and removed by the closer,
 * and that of a peer that died by whoever resets it (or by the next closer),
 * always under the init lock, so that no FIFO is removed under the feet of
 * a peer opening at the same time. cellipc_fd() is an epoll fd
 * over the own FIFO and one pidfd per live peer, so a peer's death wakes the
 * survivors, and the first of them to see it resets the dead peer's state
 * entry and interrupts the others, as the hypervisor does on a cell reset.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define SIM_MAGIC	0x4d495350u	/* "PSIM" */
#define SIM_VERSION	1u
#define SIM_VECTORS	16u		/* vectors accepted, funnelled to one */
#define SIM_INT_ENABLE	1u

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

struct sim_reg {
	uint32_t pid;		/* owner process; 0: no live owner */
	uint32_t session;	/* bumped on every open, close and reset */
	uint32_t int_ctrl;	/* bit0: enable */
	uint32_t oneshot;	/* privileged control bit0 */
	uint32_t irq_count;	/* interrupts delivered (uio read() value) */
	uint32_t pad[3];
};

struct sim_ctl {
	uint32_t magic;
	uint32_t version;
	uint32_t max_peers;
	uint32_t protocol;
	uint64_t st_size;
	uint64_t rw_size;
	uint64_t out_size;
	uint32_t ctl_size;
	uint32_t pad[7];
	struct sim_reg reg[CELLIPC_MAX_PEERS];
};

struct sim_watch {
	int pidfd;		/* -1: not watched */
	uint32_t pid;
};

struct sim_priv {
	int file_fd;
	int fifo_fd;
	int efd;
	struct sim_ctl *ctl;	/* writable: the "hypervisor" view */
	size_t ctl_map_len;	/* control + state table */
	uint32_t *state_rw;	/* writable state table */
	void *view;		/* applications' view */
	size_t view_len;
	int *wfd;		/* FIFO write ends, per peer */
	uint32_t *wfd_session;
	struct sim_watch *watch;
	char *path;
};

static struct sim_priv *P(struct cellipc *c)
{
	return c->priv;
}

static int lock_byte(int fd, off_t off, int cmd, short type)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = off,
		.l_len = 1,
	};

	if (fcntl(fd, cmd, &fl) < 0)
		return -errno;
	if (cmd == F_OFD_GETLK)
		return fl.l_type != F_UNLCK;	/* 1: someone holds it */
	return 0;
}

#define INIT_LOCK	0
#define PEER_LOCK(id)	(1 + (off_t)(id))

static bool peer_locked(struct sim_priv *s, uint32_t k)
{
	return lock_byte(s->file_fd, PEER_LOCK(k), F_OFD_GETLK, F_WRLCK) > 0;
}

static void fifo_name(char *buf, size_t len, const char *path, uint32_t id)
{
	snprintf(buf, len, "%s.irq%u", path, id);
}

/*
 * Remove peer k's FIFO. Only under INIT_LOCK, and only when k has no live
 * owner (or is our own id, being closed): openers make their FIFO under the
 * same lock. A failure leaves a stale FIFO, harmless: the next owner of k
 * reuses it.
 */
static void remove_fifo(struct sim_priv *s, uint32_t k)
{
	char name[PATH_MAX + 16];

	fifo_name(name, sizeof(name), s->path, k);
	unlink(name);
}

/* Deliver an interrupt to peer t, as the device does. */
static void sim_raise(struct cellipc *c, uint32_t t)
{
	struct sim_priv *s = P(c);
	struct sim_reg *r = &s->ctl->reg[t];
	uint32_t session, ctrl;
	char name[PATH_MAX + 16];
	ssize_t w;

	if (!LOAD_ACQ(&r->pid))
		return;
	ctrl = LOAD_ACQ(&r->int_ctrl);
	if (!(ctrl & SIM_INT_ENABLE))
		return;		/* disabled: the interrupt is lost */
	if (LOAD_ONCE(&r->oneshot)) {
		/* one-shot: delivery clears the enable bit */
		if (!__atomic_compare_exchange_n(&r->int_ctrl, &ctrl,
						 ctrl & ~SIM_INT_ENABLE, false,
						 __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE))
			return;	/* someone else delivered it */
	}
	__atomic_fetch_add(&r->irq_count, 1, __ATOMIC_RELEASE);

	session = LOAD_ACQ(&r->session);
	if (s->wfd[t] >= 0 && s->wfd_session[t] != session) {
		close(s->wfd[t]);
		s->wfd[t] = -1;
	}
	if (s->wfd[t] < 0) {
		/*
		 * O_RDWR: we count as a reader ourselves, so a write after
		 * the peer died (before anyone reset it) is lost quietly, as
		 * on the device, instead of raising SIGPIPE in the caller.
		 */
		fifo_name(name, sizeof(name), s->path, t);
		s->wfd[t] = open(name, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (s->wfd[t] < 0)
			return;	/* no FIFO: peer gone, like the device */
		s->wfd_session[t] = session;
	}
	/* EAGAIN: the FIFO is full, an interrupt is pending anyway */
	do {
		w = write(s->wfd[t], "i", 1);
	} while (w < 0 && errno == EINTR);
}

static int sim_doorbell(struct cellipc *c, uint32_t peer, uint32_t vector)
{
	if (vector >= SIM_VECTORS)
		return 0;	/* invalid vector: ignored by the device */
	sim_raise(c, peer);
	return 0;
}

static void raise_others(struct cellipc *c)
{
	uint32_t i;

	for (i = 0; i < c->max_peers; i++)
		if (i != c->id)
			sim_raise(c, i);
}

static int sim_state_set(struct cellipc *c, uint32_t state)
{
	FENCE_REL();
	STORE_REL(&P(c)->state_rw[c->id], state);
	raise_others(c);
	return 0;
}

static int sim_irq_enable(struct cellipc *c)
{
	__atomic_fetch_or(&P(c)->ctl->reg[c->id].int_ctrl, SIM_INT_ENABLE,
			  __ATOMIC_ACQ_REL);
	return 0;
}

static void unwatch(struct sim_priv *s, uint32_t k)
{
	if (s->watch[k].pidfd < 0)
		return;
	epoll_ctl(s->efd, EPOLL_CTL_DEL, s->watch[k].pidfd, NULL);
	close(s->watch[k].pidfd);
	s->watch[k].pidfd = -1;
	s->watch[k].pid = 0;
}

/* Watch peer k's owner process through a pidfd in the epoll set. */
static void watch(struct sim_priv *s, uint32_t k, uint32_t pid)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int fd;

	if (s->watch[k].pidfd >= 0 && s->watch[k].pid == pid)
		return;
	unwatch(s, k);
	fd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
	if (fd < 0)
		return;	/* gone already: reap_dead() handles it */
	ev.data.u32 = k;
	if (epoll_ctl(s->efd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		close(fd);
		return;
	}
	s->watch[k].pidfd = fd;
	s->watch[k].pid = pid;
}

/*
 * Reset peer k if its registered owner no longer holds its lock: the
 * device's reaction to a cell going away. Returns true if it did.
 * Runs under the init lock so that a new owner claiming k cannot race.
 */
static bool reap_peer(struct cellipc *c, uint32_t k)
{
	struct sim_priv *s = P(c);
	struct sim_reg *r = &s->ctl->reg[k];
	bool reaped = false;

	if (lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLKW, F_WRLCK) < 0)
		return false;
	if (LOAD_ACQ(&r->pid) && !peer_locked(s, k)) {
		STORE_REL(&s->state_rw[k], 0);
		STORE_REL(&r->int_ctrl, 0);
		__atomic_fetch_add(&r->session, 1, __ATOMIC_RELEASE);
		STORE_REL(&r->pid, 0);
		remove_fifo(s, k);
		reaped = true;
	}
	lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLK, F_UNLCK);
	return reaped;
}

/* Track peers that joined or left since the last call (max_peers loads). */
static bool sync_watches(struct cellipc *c)
{
	struct sim_priv *s = P(c);
	bool reaped = false;
	uint32_t k, pid;

	for (k = 0; k < c->max_peers; k++) {
		if (k == c->id)
			continue;
		pid = LOAD_ACQ(&s->ctl->reg[k].pid);
		if (!pid) {
			unwatch(s, k);
			continue;
		}
		if (s->watch[k].pidfd >= 0 && s->watch[k].pid == pid)
			continue;
		watch(s, k, pid);
		if (s->watch[k].pidfd < 0 && reap_peer(c, k))
			reaped = true;
	}
	return reaped;
}

static int sim_irq_ack(struct cellipc *c, uint32_t *count)
{
	struct sim_priv *s = P(c);
	struct epoll_event evs[8];
	bool pending = false;
	char buf[64];
	ssize_t r;
	int n, i;

	n = epoll_wait(s->efd, evs, 8, 0);
	if (n < 0 && errno != EINTR)
		return -errno;
	for (i = 0; i < n; i++) {
		uint32_t k = evs[i].data.u32;

		if (k == UINT32_MAX)
			continue;	/* the FIFO: drained below */
		if (k >= c->max_peers)
			continue;
		/* the watched process exited */
		unwatch(s, k);
		if (reap_peer(c, k)) {
			raise_others(c);
			pending = true;
		}
	}
	for (;;) {
		r = read(s->fifo_fd, buf, sizeof(buf));
		if (r > 0) {
			pending = true;
			if ((size_t)r < sizeof(buf))
				break;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		break;
	}
	if (sync_watches(c)) {
		raise_others(c);
		pending = true;
	}
	if (pending && count)
		*count = LOAD_ACQ(&s->ctl->reg[c->id].irq_count);
	return pending;
}

static void sim_release(struct cellipc *c)
{
	struct sim_priv *s = P(c);
	uint32_t k;

	if (s->watch)
		for (k = 0; k < c->max_peers; k++)
			unwatch(s, k);
	if (s->wfd)
		for (k = 0; k < c->max_peers; k++)
			if (s->wfd[k] >= 0)
				close(s->wfd[k]);
	if (s->view)
		munmap(s->view, s->view_len);
	if (s->ctl)
		munmap(s->ctl, s->ctl_map_len);
	if (s->efd >= 0)
		close(s->efd);
	if (s->fifo_fd >= 0)
		close(s->fifo_fd);
	if (s->file_fd >= 0)
		close(s->file_fd);	/* drops the OFD locks */
	free(s->watch);
	free(s->wfd);
	free(s->wfd_session);
	free(s->path);
	free(s);
}

static void sim_close(struct cellipc *c)
{
	struct sim_priv *s = P(c);
	struct sim_reg *r = &s->ctl->reg[c->id];
	uint32_t k;

	/* as the uio driver on release: state 0, peers interrupted */
	lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLKW, F_WRLCK);
	STORE_REL(&s->state_rw[c->id], 0);
	STORE_REL(&r->int_ctrl, 0);
	__atomic_fetch_add(&r->session, 1, __ATOMIC_RELEASE);
	STORE_REL(&r->pid, 0);
	/*
	 * Our FIFO goes, and so do those of peers without a live owner (died
	 * with nobody left to reset them): the last closer leaves none.
	 * Writers that still hold ours open see the session change.
	 */
	for (k = 0; k < c->max_peers; k++)
		if (k == c->id || !LOAD_ACQ(&s->ctl->reg[k].pid) ||
		    !peer_locked(s, k))
			remove_fifo(s, k);
	lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLK, F_UNLCK);
	raise_others(c);
	sim_release(c);
}

static const struct cipc_backend_ops sim_ops = {
	.name = "sim",
	.state_set = sim_state_set,
	.doorbell = sim_doorbell,
	.irq_ack = sim_irq_ack,
	.irq_enable = sim_irq_enable,
	.close = sim_close,
};

static uint64_t round_page(uint64_t v, uint64_t pg)
{
	return (v + pg - 1) / pg * pg;
}

struct sim_geom {
	uint32_t max_peers, protocol, ctl_size;
	uint64_t st_size, rw_size, out_size;
};

static uint64_t geom_total(const struct sim_geom *g)
{
	return g->ctl_size + g->st_size + g->rw_size +
	       (uint64_t)g->max_peers * g->out_size;
}

/* Fill g from the params (defaults applied) and check it. */
static int geom_from_params(const char *path, const struct cellipc_params *p,
			    uint64_t pg, struct sim_geom *g)
{
	g->max_peers = p->max_peers ? p->max_peers : 2;
	g->protocol = p->protocol;
	g->ctl_size = (uint32_t)round_page(sizeof(struct sim_ctl), pg);
	g->st_size = p->state_table_size ? p->state_table_size : pg;
	g->rw_size = p->rw_section_size;
	g->out_size = p->output_section_size ? p->output_section_size :
		      65536;
	if (g->max_peers < 2 || g->max_peers > CELLIPC_MAX_PEERS) {
		cipc_perr(p, "sim: %s: max_peers %u out of range 2..%u",
			  path, g->max_peers, CELLIPC_MAX_PEERS);
		return -EINVAL;
	}
	if (g->st_size % pg || g->rw_size % pg || g->out_size % pg ||
	    g->st_size < 4ull * g->max_peers) {
		cipc_perr(p, "sim: %s: section sizes must be multiples of the page size %llu and the state table hold %u entries",
			  path, (unsigned long long)pg, g->max_peers);
		return -EINVAL;
	}
	if (g->out_size > (1ull << 32) || g->rw_size > (1ull << 32)) {
		cipc_perr(p, "sim: %s: sections larger than 4 GiB are not supported",
			  path);
		return -EINVAL;
	}
	return 0;
}

/* Create or validate the file's control page. Called under INIT_LOCK. */
static int sim_setup_file(int fd, const char *path,
			  const struct cellipc_params *p, uint64_t pg,
			  struct sim_geom *g)
{
	struct sim_ctl ctl;
	struct stat st;
	ssize_t r;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_size == 0) {
		if (!(p->flags & CELLIPC_OPEN_CREATE)) {
			cipc_perr(p, "sim: %s: empty file (pass CELLIPC_OPEN_CREATE to create the device)",
				  path);
			return -ENOENT;
		}
		if (ftruncate(fd, (off_t)geom_total(g)) < 0) {
			int e = -errno;

			cipc_perr(p, "sim: %s: cannot size the file to %llu bytes: %s",
				  path, (unsigned long long)geom_total(g),
				  strerror(-e));
			return e;
		}
		memset(&ctl, 0, sizeof(ctl));
		ctl.magic = SIM_MAGIC;
		ctl.version = SIM_VERSION;
		ctl.max_peers = g->max_peers;
		ctl.protocol = g->protocol;
		ctl.st_size = g->st_size;
		ctl.rw_size = g->rw_size;
		ctl.out_size = g->out_size;
		ctl.ctl_size = g->ctl_size;
		if (pwrite(fd, &ctl, sizeof(ctl), 0) != (ssize_t)sizeof(ctl))
			return errno ? -errno : -EIO;
		return 0;
	}
	r = pread(fd, &ctl, sizeof(ctl), 0);
	if (r != (ssize_t)sizeof(ctl) || ctl.magic != SIM_MAGIC ||
	    ctl.version != SIM_VERSION) {
		cipc_perr(p, "sim: %s: not a cellipc sim device file (bad magic/version)",
			  path);
		return -EINVAL;
	}
	if ((p->max_peers && p->max_peers != ctl.max_peers) ||
	    (p->output_section_size && p->output_section_size != ctl.out_size) ||
	    (p->state_table_size && p->state_table_size != ctl.st_size) ||
	    (p->rw_section_size && p->rw_section_size != ctl.rw_size)) {
		cipc_perr(p, "sim: %s: geometry differs from the file's (max_peers %u, rw %llu, output %llu)",
			  path, ctl.max_peers, (unsigned long long)ctl.rw_size,
			  (unsigned long long)ctl.out_size);
		return -EINVAL;
	}
	g->max_peers = ctl.max_peers;
	g->protocol = ctl.protocol;
	g->st_size = ctl.st_size;
	g->rw_size = ctl.rw_size;
	g->out_size = ctl.out_size;
	g->ctl_size = ctl.ctl_size;
	if (g->max_peers < 2 || g->max_peers > CELLIPC_MAX_PEERS ||
	    g->ctl_size != round_page(sizeof(struct sim_ctl), pg) ||
	    g->st_size % pg || g->rw_size % pg || g->out_size % pg ||
	    g->st_size < 4ull * g->max_peers || !g->out_size ||
	    g->out_size > (1ull << 32) || g->rw_size > (1ull << 32) ||
	    (uint64_t)st.st_size < geom_total(g)) {
		cipc_perr(p, "sim: %s: inconsistent geometry in the file (created with another page size?)",
			  path);
		return -EINVAL;
	}
	return 0;
}

static int sim_map(struct cellipc *c, struct sim_priv *s,
		   const struct sim_geom *g, const struct cellipc_params *p,
		   const char *path)
{
	uint8_t *v;

	s->ctl_map_len = g->ctl_size + g->st_size;
	s->ctl = mmap(NULL, s->ctl_map_len, PROT_READ | PROT_WRITE,
		      MAP_SHARED, s->file_fd, 0);
	if (s->ctl == MAP_FAILED) {
		s->ctl = NULL;
		goto fail;
	}
	s->state_rw = (uint32_t *)((uint8_t *)s->ctl + g->ctl_size);
	s->view_len = geom_total(g) - g->ctl_size;
	v = mmap(NULL, s->view_len, PROT_READ, MAP_SHARED, s->file_fd,
		 g->ctl_size);
	if (v == MAP_FAILED)
		goto fail;
	s->view = v;
	c->state = (const volatile uint32_t *)v;
	c->rw = g->rw_size ? v + g->st_size : NULL;
	c->in = v + g->st_size + g->rw_size;
	c->out = v + g->st_size + g->rw_size + c->id * g->out_size;
	if ((g->rw_size && mprotect(c->rw, g->rw_size,
				    PROT_READ | PROT_WRITE) < 0) ||
	    mprotect(c->out, g->out_size, PROT_READ | PROT_WRITE) < 0)
		goto fail;
	return 0;
fail:
	cipc_perr(p, "sim: %s: mapping the shared file failed: %s", path,
		  strerror(errno));
	return -errno;
}

static int sim_fds(struct cellipc *c, struct sim_priv *s,
		   const struct cellipc_params *p, const char *path)
{
	struct epoll_event ev = { .events = EPOLLIN };
	char name[PATH_MAX + 16];
	uint32_t k;

	fifo_name(name, sizeof(name), path, c->id);
	if (mkfifo(name, 0600) < 0 && errno != EEXIST)
		goto fail;
	/* O_RDWR: never EOF when the last writer goes away */
	s->fifo_fd = open(name, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (s->fifo_fd < 0)
		goto fail;
	s->efd = epoll_create1(EPOLL_CLOEXEC);
	if (s->efd < 0)
		goto fail;
	ev.data.u32 = UINT32_MAX;
	if (epoll_ctl(s->efd, EPOLL_CTL_ADD, s->fifo_fd, &ev) < 0)
		goto fail;
	s->wfd = malloc(c->max_peers * sizeof(*s->wfd));
	s->wfd_session = calloc(c->max_peers, sizeof(*s->wfd_session));
	s->watch = malloc(c->max_peers * sizeof(*s->watch));
	if (!s->wfd || !s->wfd_session || !s->watch) {
		free(s->wfd);
		free(s->wfd_session);
		free(s->watch);
		s->wfd = NULL;
		s->wfd_session = NULL;
		s->watch = NULL;
		errno = ENOMEM;
		goto fail;
	}
	for (k = 0; k < c->max_peers; k++) {
		s->wfd[k] = -1;
		s->watch[k].pidfd = -1;
		s->watch[k].pid = 0;
	}
	return 0;
fail:
	cipc_perr(p, "sim: %s: doorbell FIFO %s: %s", path, name,
		  strerror(errno));
	return -errno;
}

int cipc_sim_open(const char *path, const struct cellipc_params *p,
		  struct cellipc **cp)
{
	static const struct cellipc_params defaults;
	uint64_t pg = (uint64_t)sysconf(_SC_PAGESIZE);
	struct sim_priv *s;
	struct cellipc *c = NULL;
	struct sim_geom g;
	struct sim_reg *r;
	bool locked = false;
	uint32_t k;
	int ret;

	if (!p)
		p = &defaults;
	ret = geom_from_params(path, p, pg, &g);
	if (ret)
		return ret;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->file_fd = s->fifo_fd = s->efd = -1;
	s->path = strdup(path);
	if (!s->path) {
		ret = -ENOMEM;
		goto err;
	}
	s->file_fd = open(path, O_RDWR | O_CLOEXEC |
			  (p->flags & CELLIPC_OPEN_CREATE ? O_CREAT : 0), 0600);
	if (s->file_fd < 0) {
		ret = -errno;
		cipc_perr(p, "sim: cannot open %s: %s%s", path, strerror(errno),
			  errno == ENOENT ? " (pass CELLIPC_OPEN_CREATE)" : "");
		goto err;
	}
	ret = lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLKW, F_WRLCK);
	if (ret)
		goto err;
	locked = true;
	ret = sim_setup_file(s->file_fd, path, p, pg, &g);
	if (ret)
		goto err;
	if (p->peer_id >= g.max_peers) {
		cipc_perr(p, "sim: %s: peer id %u >= max_peers %u", path,
			  p->peer_id, g.max_peers);
		ret = -EINVAL;
		goto err;
	}
	ret = lock_byte(s->file_fd, PEER_LOCK(p->peer_id), F_OFD_SETLK,
			F_WRLCK);
	if (ret) {
		cipc_perr(p, "sim: %s: peer id %u is in use by a live process",
			  path, p->peer_id);
		ret = (ret == -EAGAIN || ret == -EACCES) ? -EBUSY : ret;
		goto err;
	}
	ret = cipc_alloc(&c, p->peer_id, g.max_peers);
	if (ret)
		goto err;
	c->priv = s;
	c->ops = &sim_ops;
	c->backend = CELLIPC_BACKEND_SIM;
	c->protocol = g.protocol;
	c->st_size = g.st_size;
	c->rw_size = g.rw_size;
	c->out_size = g.out_size;
	ret = sim_map(c, s, &g, p, path);
	if (ret)
		goto err;
	ret = sim_fds(c, s, p, path);
	if (ret)
		goto err;

	/* reset peers whose owner died without anyone noticing */
	for (k = 0; k < g.max_peers; k++) {
		r = &s->ctl->reg[k];
		if (k != c->id && LOAD_ACQ(&r->pid) && !peer_locked(s, k)) {
			STORE_REL(&s->state_rw[k], 0);
			STORE_REL(&r->int_ctrl, 0);
			__atomic_fetch_add(&r->session, 1, __ATOMIC_RELEASE);
			STORE_REL(&r->pid, 0);
			remove_fifo(s, k);
		}
	}
	/* a new peer starts in reset: state 0, interrupts disabled */
	r = &s->ctl->reg[c->id];
	STORE_REL(&s->state_rw[c->id], 0);
	STORE_REL(&r->int_ctrl, 0);
	STORE_REL(&r->oneshot, p->flags & CELLIPC_OPEN_NO_ONESHOT ? 0u : 1u);
	__atomic_fetch_add(&r->session, 1, __ATOMIC_RELEASE);
	STORE_REL(&r->pid, (uint32_t)getpid());
	lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLK, F_UNLCK);
	locked = false;

	sync_watches(c);
	c->fd = s->efd;
	*cp = c;
	return 0;
err:
	if (locked) {
		if (c)	/* the id was ours: so is the FIFO sim_fds() made */
			remove_fifo(s, c->id);
		lock_byte(s->file_fd, INIT_LOCK, F_OFD_SETLK, F_UNLCK);
	}
	{
		/* sim_release() needs a handle only for max_peers and priv */
		struct cellipc tmp = { .max_peers = g.max_peers, .priv = s };

		sim_release(&tmp);
	}
	if (c) {
		c->priv = NULL;
		cipc_free(c);
	}
	return ret;
}
