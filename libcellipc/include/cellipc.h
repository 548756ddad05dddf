/* SPDX-License-Identifier: MIT */
/*
 * cellipc.h - the whole public API of libcellipc.
 *
 * libcellipc lets applications in different cells (or, with the "sim"
 * backend, different processes on one Linux PC) talk over an ivshmem v2
 * device: shared memory sections, a state table and doorbell interrupts.
 *
 * Two layers, one opaque handle (struct cellipc):
 *
 *  1. Device layer: raw access to what the ivshmem v2 device offers. Own id,
 *     maximum peers, the read-only state table, the common R/W section, every
 *     peer's output section (read-only, own one writable), doorbells, the
 *     state register and the interrupt fd with its one-shot re-arm. Protocols
 *     with their own shared-memory layout (ivshmem-net, ivshmem-demo) use only
 *     this layer.
 *
 *  2. Message layer (optional, cellipc_ring_init()): formats the caller's
 *     own output section into one single-producer/single-consumer message
 *     ring towards every other peer, with zero-copy reserve/commit and
 *     peek/release, copy helpers, batching, notification suppression,
 *     connection tracking across peer restarts and heartbeats.
 *
 * Conventions (as in liburing):
 *  - every function that can fail returns 0 (or a count) on success and a
 *    negative errno value on failure; cellipc_strerror() describes it;
 *  - no global state, no hidden threads, no signals: callbacks run only
 *    inside cellipc_process(), on the caller's thread;
 *  - one handle must not be used from two threads at the same time; two
 *    handles (two peers) may live in one process.
 *
 * Event loop integration: poll cellipc_fd() for POLLIN with the timeout from
 * cellipc_timeout_ms(), then call cellipc_process(). Adapters for libevent
 * (cellipc_event_attach()) and io_uring (cellipc_uring_arm()) are provided.
 *
 * Shared memory is hostile: every index and length read from another peer's
 * memory is loaded once and bounds-checked before use. A corrupted ring
 * produces a CELLIPC_EV_ERROR event on that channel, never a crash, a hang or
 * an access outside the mapped sections.
 */
#ifndef CELLIPC_H
#define CELLIPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CELLIPC_VERSION_MAJOR	1
#define CELLIPC_VERSION_MINOR	0

/* Largest number of peers an ivshmem device may have for this library. */
#define CELLIPC_MAX_PEERS	64

/* Pass as the peer argument to address every other peer (flush only). */
#define CELLIPC_ALL_PEERS	UINT32_MAX

/* ivshmem v2 PCI identification (for cellipc_find_uio()). */
#define CELLIPC_PCI_VENDOR	0x110a
#define CELLIPC_PCI_DEVICE	0x4106
/* Well-known protocols (PCI sub-class/interface). */
#define CELLIPC_PROTO_UNDEFINED	0x0000	/* what uio_ivshmem binds by default */
#define CELLIPC_PROTO_NET	0x0001	/* ivshmem-net (virtual Ethernet) */
#define CELLIPC_PROTO_ANY	(-1)

/* Doorbell vectors used by the message layer (raw users may use any). */
#define CELLIPC_VEC_STATE	0	/* state changes (the device uses 0) */
#define CELLIPC_VEC_DATA	1	/* message layer traffic */

/* Opaque handle: one open ivshmem v2 device (one peer of it). */
struct cellipc;

/* Backend identifiers (struct cellipc_info.backend). */
enum cellipc_backend {
	CELLIPC_BACKEND_UIO = 1,	/* /dev/uioN of uio_ivshmem */
	CELLIPC_BACKEND_SIM = 2,	/* shared file + doorbell FIFOs */
};

/*
 * Open parameters. Zero-initialise, then set what you need; a NULL pointer
 * means "all defaults". Fields marked (sim) only matter for the sim backend,
 * (uio) only for the uio backend.
 */
struct cellipc_params {
	uint32_t flags;			/* CELLIPC_OPEN_* */
	uint32_t peer_id;		/* (sim) this process's peer id */
	uint32_t max_peers;		/* (sim) 0: 2, or what the file says */
	uint32_t protocol;		/* (sim) device protocol, reported back */
	uint64_t state_table_size;	/* (sim) 0: one page */
	uint64_t rw_section_size;	/* (sim) may be 0 (no R/W section) */
	uint64_t output_section_size;	/* (sim) 0: 64 KiB; page multiple */
	const char *sysfs_root;		/* (uio) NULL: "/sys" (tests use a fake) */
	const char *dev_root;		/* (uio) NULL: "/dev" */
	/*
	 * Optional: when an open fails, a one-line diagnostic (what failed,
	 * on which object, what was expected) is written here.
	 */
	char *errbuf;
	size_t errbuf_len;
	uint64_t reserved[4];		/* must be zero */
};

/*
 * CELLIPC_OPEN_CREATE (sim): create the shared file if it does not exist,
 *   with the geometry given in the params. Without it, the file must exist.
 *   An existing file's geometry wins; non-zero params that disagree with it
 *   fail with -EINVAL.
 * CELLIPC_OPEN_NO_ONESHOT: leave one-shot interrupt mode off (sim only; the
 *   uio_ivshmem driver always turns it on). Default: one-shot on, as
 *   uio_ivshmem sets it.
 */
#define CELLIPC_OPEN_CREATE		(1u << 0)
#define CELLIPC_OPEN_NO_ONESHOT		(1u << 1)

/*
 * Open a device from a textual spec, the form applications take from "-d":
 *   "/dev/uioN" or "uioN"      the uio backend on that node;
 *   "pci:DDDD:BB:DD.F"         the uio device bound to that PCI function
 *                              ("pci:BB:DD.F" matches any domain);
 *   "proto:N"                  the first ivshmem v2 uio device of protocol N;
 *   "sim:PATH"                 the sim backend on file PATH (params give the
 *                              peer id and geometry);
 *   NULL or ""                 the first ivshmem v2 uio device (any protocol).
 * On success *cp holds a new handle (free it with cellipc_close()).
 */
int cellipc_open(const char *spec, const struct cellipc_params *p,
		 struct cellipc **cp);

/* Open /dev/uioN (path or "uioN") of an ivshmem v2 device (uio_ivshmem). */
int cellipc_open_uio(const char *dev_path, const struct cellipc_params *p,
		     struct cellipc **cp);

/*
 * Search <sysfs_root>/class/uio for an ivshmem v2 device (vendor 0x110a,
 * device 0x4106). pci_addr ("0001:00:00.0", may be NULL for any) and
 * protocol (CELLIPC_PROTO_ANY for any) narrow the search. The device node
 * path ("<dev_root>/uioN") is written to path (size len).
 * Returns 0, -ENOENT if nothing matches, -ENAMETOOLONG if path is too small.
 */
int cellipc_find_uio(const char *pci_addr, int protocol,
		     const struct cellipc_params *p, char *path, size_t len);

/*
 * Open peer p->peer_id of the simulated device backed by the file at path.
 * Several processes (or handles) open the same path with distinct peer ids.
 * Device semantics are those of the real device: state writes update the
 * state table and interrupt every other peer on vector 0, doorbells reach
 * one target, one-shot interrupt control, read-only state table and foreign
 * output sections (mprotect), own state reset to 0 when the handle is closed
 * or the process dies (the surviving peers notice, within their next
 * cellipc_process(), through a pidfd in cellipc_fd()). The doorbell FIFOs
 * live next to the file: "PATH.irq<N>" is created when peer N opens and
 * removed when it closes; that of a peer that died is removed when a
 * surviving peer resets it, or by the next open or close. So once every
 * peer has closed, only the file at path remains (it holds the device and
 * is kept for the next open). Creation and removal are serialised by a
 * lock on the file, so peers may open while others close. The directory
 * must be writable. Needs Linux >= 5.3 (pidfd_open).
 * Returns -EBUSY if another live handle holds that peer id.
 */
int cellipc_open_sim(const char *path, const struct cellipc_params *p,
		     struct cellipc **cp);

/*
 * Close the handle: mark the message layer closed (peers get
 * CELLIPC_EV_DISCONNECT after reading what was already published), write
 * state 0 and interrupt the others (the uio driver does the same on
 * release), unmap and free. Always succeeds; NULL is ignored.
 */
void cellipc_close(struct cellipc *c);

/* ------------------------------------------------------------------ */
/* Device layer: identity and raw access                               */
/* ------------------------------------------------------------------ */

struct cellipc_info {
	uint32_t id;			/* own peer id */
	uint32_t max_peers;		/* number of peers of the device */
	uint32_t protocol;		/* device protocol (uio: from sysfs) */
	uint32_t backend;		/* enum cellipc_backend */
	uint64_t state_table_size;
	uint64_t rw_section_size;	/* 0 if the device has none */
	uint64_t output_section_size;	/* per peer */
	uint64_t reserved[4];
};

int cellipc_get_info(const struct cellipc *c, struct cellipc_info *info);
/* Shortcuts that cannot fail on a valid handle. */
uint32_t cellipc_id(const struct cellipc *c);
uint32_t cellipc_max_peers(const struct cellipc *c);

/*
 * The state table: max_peers 32-bit entries, read-only mapping. Entries are
 * written by the device (a peer's state register, or 0 on its reset).
 * Read entries with a single volatile/atomic 32-bit load.
 */
const volatile uint32_t *cellipc_state_table(const struct cellipc *c);

/* The common R/W section (NULL with *size 0 if the device has none). */
void *cellipc_rw_section(const struct cellipc *c, size_t *size);

/* Own output section: writable by this peer, readable by all. */
void *cellipc_output_section(const struct cellipc *c, size_t *size);

/*
 * Output section of peer (read-only mapping). For peer == own id it is the
 * same memory as cellipc_output_section(), but write only through the
 * latter (uio maps this view read-only). NULL if peer >= max_peers.
 */
const void *cellipc_peer_section(const struct cellipc *c, uint32_t peer,
				 size_t *size);

/*
 * Write this peer's state register: the device stores it in the state table
 * and interrupts every other peer on vector 0. Raw: no encoding added.
 */
int cellipc_state_set(struct cellipc *c, uint32_t state);

/* Read one entry of the state table (single load). -EINVAL for bad peer. */
int cellipc_state_get(const struct cellipc *c, uint32_t peer,
		      uint32_t *state);

/*
 * Ring peer's doorbell on vector. Every store this thread made before the
 * call is visible to the target before its interrupt arrives (release
 * fence, and on arm64 a "dsb st" before the register write). As on the
 * device, ringing a peer without a live owner or an unsupported vector is
 * accepted and has no effect (sim supports vectors 0-15, all funnelled into
 * the one interrupt fd, like uio_ivshmem). -EINVAL if peer >= max_peers or
 * vector > 0xffff.
 */
int cellipc_doorbell(struct cellipc *c, uint32_t peer, uint32_t vector);

/*
 * The interrupt fd: readable (POLLIN) when an interrupt is pending. With the
 * uio backend it is the /dev/uioN fd, with sim an epoll fd (doorbell FIFO and
 * peer pidfds). Non-blocking. Do not read() it directly: use
 * cellipc_irq_ack(). Event loops should poll cellipc_fd() instead, which is
 * the same fd.
 */
int cellipc_irq_fd(const struct cellipc *c);

/*
 * Consume pending interrupts without blocking; *count (may be NULL) receives
 * the device's interrupt counter (uio semantics: cumulative) when at least
 * one interrupt was pending. Returns 1 if interrupts were pending, 0 if
 * none, or -errno. With sim it also performs the device's reset of peers
 * whose process died (their pidfds are part of the fd). Raw users only:
 * cellipc_process() does this itself.
 */
int cellipc_irq_ack(struct cellipc *c, uint32_t *count);

/*
 * Re-arm interrupt delivery (write 1 to interrupt control). In one-shot mode
 * the device disables delivery after each interrupt and doorbells that
 * arrive meanwhile are lost, so: ack, re-arm, then look at shared memory.
 * cellipc_process() does this itself.
 */
int cellipc_irq_enable(struct cellipc *c);

/* ------------------------------------------------------------------ */
/* Events and the event loop                                           */
/* ------------------------------------------------------------------ */

enum cellipc_event_type {
	CELLIPC_EV_IRQ = 1,	/* interrupt(s) taken; u.irq.count */
	CELLIPC_EV_STATE,	/* peer's state entry changed; u.state */
	CELLIPC_EV_PEER_DEAD,	/* heartbeat timed out (peer hung/gone) */
	CELLIPC_EV_PEER_ALIVE,	/* heartbeat resumed after PEER_DEAD */
	CELLIPC_EV_CONNECT,	/* message channel with peer usable */
	CELLIPC_EV_DISCONNECT,	/* channel lost (peer closed/restarted) */
	CELLIPC_EV_READABLE,	/* messages pending from peer: peek them
				 * (raised on every process() call while
				 * any remain; not with RING_DELIVER) */
	CELLIPC_EV_MSG,		/* one message (CELLIPC_RING_DELIVER) */
	CELLIPC_EV_WRITABLE,	/* space freed after a -EAGAIN to peer */
	CELLIPC_EV_ERROR,	/* channel error; u.error.err = -errno */
};

struct cellipc_event {
	uint32_t type;		/* enum cellipc_event_type */
	uint32_t peer;		/* peer concerned (own id for EV_IRQ) */
	union {
		struct {
			uint32_t count;		/* device interrupt counter */
		} irq;
		struct {
			uint32_t old_state;
			uint32_t new_state;
			uint32_t generation;	/* see cellipc_peer_get() */
		} state;
		struct {
			/* valid only during the callback; read-only */
			const void *data;
			size_t len;
		} msg;
		struct {
			int err;	/* -EPROTO: corrupted ring, ... */
		} error;
	} u;
};

/*
 * Event callback, called only from cellipc_process(). It may call any
 * cellipc function on c except cellipc_close() and cellipc_process().
 */
typedef void (*cellipc_event_fn)(struct cellipc *c,
				 const struct cellipc_event *ev, void *arg);

/* Install (or with fn NULL remove) the event callback. */
int cellipc_set_event_cb(struct cellipc *c, cellipc_event_fn fn, void *arg);

/* The fd to poll for POLLIN (same as cellipc_irq_fd()). */
int cellipc_fd(const struct cellipc *c);

/*
 * Non-blocking: take pending interrupts, re-arm, scan the state table,
 * heartbeats and message channels, and dispatch callbacks. At most budget
 * messages are delivered per call (0: default 256); state scans are bounded
 * by max_peers. Returns the number of events dispatched (>= 0) or -errno
 * (-EBUSY if called from its own callback).
 *
 * process() is also where the handle tells its peers that it is idle and
 * wants a doorbell for new messages or freed space: call it (or
 * cellipc_wait()) before sleeping on cellipc_fd(). A loop that only spins on
 * cellipc_peek() never asks for doorbells, so busy polling costs the
 * producer no system calls. If work is left over (budget exhausted, or
 * CELLIPC_EV_READABLE messages not consumed), cellipc_timeout_ms() returns
 * 0.
 */
int cellipc_process(struct cellipc *c, unsigned int budget);

/*
 * How long the caller may sleep in poll() before calling cellipc_process()
 * again: 0 if work is pending, -1 if only the fd matters, else milliseconds
 * until the next heartbeat deadline.
 */
int cellipc_timeout_ms(const struct cellipc *c);

/*
 * Convenience: poll cellipc_fd() for at most timeout_ms (-1: forever,
 * shortened to cellipc_timeout_ms()), then cellipc_process(c, 0).
 * Returns what cellipc_process() returned, or -errno. EINTR yields 0.
 */
int cellipc_wait(struct cellipc *c, int timeout_ms);

/* ------------------------------------------------------------------ */
/* Peer tracking                                                        */
/* ------------------------------------------------------------------ */

struct cellipc_peer {
	uint32_t state;		/* last state entry seen */
	/*
	 * Incremented every time the peer is seen to (re)start: its state
	 * goes from 0 to non-zero, or its message-layer session id changes
	 * (a restart the state word alone cannot reveal). Compare two
	 * generations to tell a restarted peer from a live one.
	 */
	uint32_t generation;
	uint32_t alive;		/* 0 after CELLIPC_EV_PEER_DEAD */
	uint32_t connected;	/* message channel usable both ways */
	uint64_t heartbeat;	/* last heartbeat counter seen */
	uint64_t reserved[2];
};

/* Snapshot of what cellipc_process() last saw of peer. */
int cellipc_peer_get(const struct cellipc *c, uint32_t peer,
		     struct cellipc_peer *out);

/*
 * Heartbeats (needs cellipc_ring_init(), which holds the counter in the own
 * output section): every interval_ms cellipc_process() increments our
 * counter; a peer whose counter did not move for timeout_ms is reported with
 * CELLIPC_EV_PEER_DEAD even if its state word never changes, and with
 * CELLIPC_EV_PEER_ALIVE once it moves again. Only peers with a live message
 * layer session are watched (a peer that closed cleanly is reported by
 * CELLIPC_EV_DISCONNECT and its state instead), and they must run
 * heartbeats too. A peer's clock starts again with each new generation
 * (see cellipc_peer_get()): a restarted peer is reported dead no earlier
 * than timeout_ms after its restart was seen, whatever value its counter
 * holds (a quick restart may leave the previous life's value there).
 * interval_ms 0 turns it off. Call cellipc_process() at least as often as
 * cellipc_timeout_ms() asks.
 */
int cellipc_heartbeat(struct cellipc *c, unsigned int interval_ms,
		      unsigned int timeout_ms);

/* ------------------------------------------------------------------ */
/* Message layer                                                        */
/* ------------------------------------------------------------------ */

struct cellipc_ring_params {
	uint32_t flags;		/* CELLIPC_RING_* */
	/*
	 * Bytes of ring per destination peer, power of two, >= 4096.
	 * 0: the largest that fits in the output section.
	 */
	uint32_t ring_size;
	uint64_t reserved[3];	/* must be zero */
};

/*
 * CELLIPC_RING_DELIVER: cellipc_process() delivers each message as a
 * CELLIPC_EV_MSG event (zero-copy, released when the callback returns)
 * instead of raising CELLIPC_EV_READABLE for the application to peek.
 */
#define CELLIPC_RING_DELIVER	(1u << 0)

/*
 * Format the own output section as one message ring to every other peer
 * (plus a header with a session id and the heartbeat counter) and announce
 * it to the peers with a doorbell. The section's previous contents are
 * lost. A channel to a peer is connected once that peer did the same;
 * sends before that return -ENOTCONN.
 */
int cellipc_ring_init(struct cellipc *c, const struct cellipc_ring_params *p);

/* Largest message that fits in the ring to peer (0 if not connected). */
size_t cellipc_max_msg(const struct cellipc *c, uint32_t peer);

/*
 * Zero-copy send, step 1: reserve len bytes in the ring to peer and return
 * a pointer to them in *buf. At most one reservation per peer is open.
 * -EAGAIN: not enough space now (CELLIPC_EV_WRITABLE follows when the peer
 * frees space); -ENOTCONN: peer not connected; -EMSGSIZE: never fits.
 */
int cellipc_reserve(struct cellipc *c, uint32_t peer, size_t len, void **buf);

/*
 * Zero-copy send, step 2: commit the reservation, shortened to len bytes
 * (len <= reserved). Without CELLIPC_SEND_MORE the message is published
 * and the peer notified if it asked for it (it is idle). With it, the
 * message is published (and the peer notified) by the next commit without
 * the flag, by cellipc_flush(), by a cellipc_reserve() that finds the ring
 * full, or once the batch exceeds an eighth of the ring - so a batch costs
 * one publication and at most one doorbell, and never deadlocks.
 */
int cellipc_commit(struct cellipc *c, uint32_t peer, size_t len,
		   unsigned int flags);
#define CELLIPC_SEND_MORE	(1u << 0)

/* Drop an open reservation. */
int cellipc_abort(struct cellipc *c, uint32_t peer);

/* Copy helper: reserve + memcpy + commit. Same errors as reserve. */
int cellipc_send(struct cellipc *c, uint32_t peer, const void *buf,
		 size_t len, unsigned int flags);

/*
 * Batch helper: send n messages (bufs[i], lens[i]) and notify at most once.
 * Returns how many were sent (stops at the first that does not fit; if none
 * did, its -errno).
 */
int cellipc_send_batch(struct cellipc *c, uint32_t peer,
		       const void *const *bufs, const size_t *lens,
		       unsigned int n);

/*
 * Publish messages committed with CELLIPC_SEND_MORE to peer (or to
 * CELLIPC_ALL_PEERS) and ring the doorbell if the peer waits for them.
 */
int cellipc_flush(struct cellipc *c, uint32_t peer);

/*
 * Zero-copy receive: point *data and *len at the oldest message from peer,
 * without consuming it. The memory is the peer's (read-only; a hostile peer
 * may change it while you read: copy what you validate). Returns 0,
 * -EAGAIN if none, -ENOTCONN, or -EPROTO if the ring is corrupted (the
 * channel stays in error until the peer re-initialises it).
 */
int cellipc_peek(struct cellipc *c, uint32_t peer, const void **data,
		 size_t *len);

/* Consume the message returned by the last cellipc_peek() from peer. */
int cellipc_release(struct cellipc *c, uint32_t peer);

/*
 * Copy helper: receive one message from peer into buf (size cap).
 * Returns its length, -EAGAIN, -ENOTCONN, -EPROTO, or -EMSGSIZE if it is
 * longer than cap (the message stays queued).
 */
ssize_t cellipc_recv(struct cellipc *c, uint32_t peer, void *buf, size_t cap);

/* Bytes currently free in the ring to peer (-ENOTCONN if not connected). */
int cellipc_tx_space(const struct cellipc *c, uint32_t peer);

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/*
 * Text for a value returned by any cellipc function (negative errno, or 0).
 * Never NULL; the string is static.
 */
const char *cellipc_strerror(int err);

/*
 * Last detailed diagnostic of this handle (what failed, on which object,
 * what was expected), e.g. "sim: /tmp/x: peer id 3 >= max_peers 2".
 * Empty string if none. Valid until the next call on the handle.
 */
const char *cellipc_last_error(const struct cellipc *c);

/* ------------------------------------------------------------------ */
/* Event loop adapters                                                  */
/* ------------------------------------------------------------------ */

struct event_base;		/* libevent */
struct io_uring;		/* liburing */
struct io_uring_cqe;
struct cellipc_event_adapter;

/*
 * libevent: register cellipc_fd() (persistent read event) and a timer that
 * follows cellipc_timeout_ms(); both call cellipc_process(c, 0). Free with
 * cellipc_event_detach() before cellipc_close(). Link with -levent_core.
 */
int cellipc_event_attach(struct cellipc *c, struct event_base *base,
			 struct cellipc_event_adapter **ap);
void cellipc_event_detach(struct cellipc_event_adapter *a);

/*
 * io_uring: queue a one-shot poll on cellipc_fd() with user_data (the
 * caller submits). When its completion arrives, call cellipc_uring_complete()
 * which runs cellipc_process(c, 0) and queues the poll again. Use
 * cellipc_timeout_ms() as the wait timeout. Link with -luring.
 */
int cellipc_uring_arm(struct cellipc *c, struct io_uring *ring,
		      uint64_t user_data);
int cellipc_uring_complete(struct cellipc *c, struct io_uring *ring,
			   const struct io_uring_cqe *cqe);

#ifdef __cplusplus
}
#endif

#endif /* CELLIPC_H */
