/* SPDX-License-Identifier: MIT */
/*
 * internal.h - private definitions shared by the libcellipc sources:
 * the handle, the backend interface, shared-memory access helpers and the
 * message-layer section format. Not installed.
 */
#ifndef CELLIPC_INTERNAL_H
#define CELLIPC_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cellipc.h"

#define CIPC_EXPORT __attribute__((visibility("default")))

/*
 * Shared-memory access. Every load of a value another peer can write goes
 * through these (one access, no re-reads by the compiler). Ordering is
 * explicit at each call site.
 */
#define LOAD_ONCE(p)		__atomic_load_n((p), __ATOMIC_RELAXED)
#define LOAD_ACQ(p)		__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE_ONCE(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define STORE_REL(p, v)		__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define FENCE_FULL()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define FENCE_REL()		__atomic_thread_fence(__ATOMIC_RELEASE)

struct cellipc;

/* Backend interface: what differs between the real device and sim. */
struct cipc_backend_ops {
	const char *name;
	int (*state_set)(struct cellipc *c, uint32_t state);
	int (*doorbell)(struct cellipc *c, uint32_t peer, uint32_t vector);
	/* > 0 if interrupts (or peer deaths) were pending, 0 if none */
	int (*irq_ack)(struct cellipc *c, uint32_t *count);
	int (*irq_enable)(struct cellipc *c);
	void (*close)(struct cellipc *c);
};

/* ---- message-layer section format (own output section) ---- */

#define CIPC_MAGIC		0x43495043u	/* "CPIC" little endian */
#define CIPC_FMT_VERSION	1u
#define CIPC_LINE		64u
#define CIPC_HDR_SIZE		64u
#define CIPC_SLOT_SIZE		128u		/* two cache lines per peer */
#define CIPC_MIN_RING		4096u
#define CIPC_MAX_RING		(1u << 30)

#define CIPC_REC_HDR		8u
#define CIPC_REC_PAD		0x80000000u	/* record is padding to ring end */
#define CIPC_REC_LEN_MASK	0x7fffffffu

struct cipc_sect_hdr {
	uint32_t magic;
	uint32_t version;
	uint32_t epoch;		/* session id; 0 while (re)initialising/closed */
	uint32_t max_peers;
	uint32_t ring_size;	/* bytes per destination ring */
	uint32_t ring_base;	/* offset of the first ring */
	uint32_t flags;
	uint32_t reserved;
	uint64_t heartbeat;	/* incremented by the owner */
	uint64_t pad[3];
};

/* Per-peer slot k in the section of its owner O: O's view of peer k. */
struct cipc_slot {
	/* line 0: written by O as producer towards k */
	uint64_t tx;		/* (O's epoch << 32) | head */
	uint32_t bind;		/* k's epoch the ring was (re)set for */
	uint32_t space_event;	/* O blocked: wake when k's tail passes it */
	uint32_t pad0[12];
	/* line 1: written by O as consumer of k's ring towards O */
	uint64_t ack;		/* (k's epoch << 32) | tail */
	/* ack's epoch is the producer's: O consumed k's session "epoch" */
	uint32_t data_event;	/* O idle: wake when k's head passes it */
	uint32_t pad1[13];
};

_Static_assert(sizeof(struct cipc_sect_hdr) == CIPC_HDR_SIZE, "hdr size");
_Static_assert(sizeof(struct cipc_slot) == CIPC_SLOT_SIZE, "slot size");

/* Validated, cached layout of one peer's section (never re-read). */
struct cipc_layout {
	uint32_t epoch;
	uint32_t ring_size;
	uint32_t ring_base;
};

/* Per-peer channel state of this handle. */
struct cipc_chan {
	/* peer's section, as validated for peer_epoch */
	uint32_t peer_epoch;	/* 0: no valid ring layer seen */
	uint32_t bad_epoch;	/* epoch whose layout was rejected */
	uint32_t ring_size;	/* of the peer's ring towards us */
	const uint8_t *rx_ring;	/* peer's ring towards us */
	const struct cipc_slot *peer_slot; /* peer's slot for us */

	/* producer side (our ring towards the peer) */
	uint8_t *tx_ring;
	struct cipc_slot *own_slot;	/* our slot for the peer */
	uint32_t head;		/* local head */
	uint32_t tail_cache;	/* peer's tail as last read */
	uint32_t notified;	/* head at the last notification check */
	uint32_t published;	/* head as last stored in the tx word */
	uint32_t resv_off;	/* offset of the open reservation */
	uint32_t resv_len;	/* its payload capacity; 0: none open */
	uint32_t resv_head;	/* head before the reservation (pad) */
	uint32_t want_tail;	/* tail seen when -EAGAIN was returned */
	bool want_space;	/* -EAGAIN returned, EV_WRITABLE owed */
	bool tx_ok;		/* peer acked our epoch */
	bool tx_acked;		/* ... at least once in this binding */

	/* consumer side */
	uint32_t tail;		/* local tail */
	uint32_t head_cache;	/* peer's head as last read */
	uint32_t tail_notified;	/* tail at the last space check */
	uint32_t tail_published; /* tail as last stored in the ack word */
	uint32_t peek_total;	/* record size of the peeked message */
	bool rx_ok;		/* peer bound its ring to our epoch */

	bool connected;		/* both ways; EV_CONNECT sent */
	bool draining;		/* peer closed: read what is left, then drop */
	bool error;		/* corrupted; until the peer's epoch changes */
	bool error_reported;
	int error_code;
};

struct cipc_peer_track {
	uint32_t state;
	uint32_t generation;
	bool alive;
	bool dead_reported;
	bool in_session;	/* for generation counting */
	uint64_t heartbeat;
	uint64_t hb_change_ms;	/* monotonic ms of the last counter move */
};

struct cellipc {
	const struct cipc_backend_ops *ops;
	uint32_t id;
	uint32_t max_peers;
	uint32_t protocol;
	uint32_t backend;
	uint64_t st_size;
	uint64_t rw_size;
	uint64_t out_size;

	const volatile uint32_t *state;	/* read-only view */
	uint8_t *rw;			/* may be NULL */
	const uint8_t *in;		/* all output sections, read-only */
	uint8_t *out;			/* own output section */
	int fd;				/* pollable */

	void *priv;			/* backend private */

	cellipc_event_fn cb;
	void *cb_arg;
	bool in_process;
	bool pending;			/* work left: timeout 0 */

	struct cipc_peer_track *peers;	/* max_peers */

	/* message layer */
	bool ring_ready;
	uint32_t ring_flags;
	uint32_t epoch;
	uint32_t ring_size;
	struct cipc_sect_hdr *hdr;
	struct cipc_chan *chans;	/* max_peers (own entry unused) */

	/* heartbeat */
	unsigned int hb_interval_ms;
	unsigned int hb_timeout_ms;
	uint64_t hb_next_ms;

	char err[256];
};

/* core.c */
int cipc_alloc(struct cellipc **cp, uint32_t id, uint32_t max_peers);
void cipc_free(struct cellipc *c);
void cipc_seterr(struct cellipc *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cipc_perr(const struct cellipc_params *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
uint64_t cipc_now_ms(void);
int cipc_check_params(const struct cellipc_params *p);
void cipc_emit(struct cellipc *c, struct cellipc_event *ev);
uint32_t cipc_random32(void);

/* uio.c / sim.c / mem.c */
int cipc_uio_open(const char *dev_path, const struct cellipc_params *p,
		  struct cellipc **cp);
int cipc_sim_open(const char *path, const struct cellipc_params *p,
		  struct cellipc **cp);

/* ring.c */
int cipc_ring_process(struct cellipc *c, unsigned int budget, int *events);
void cipc_ring_close(struct cellipc *c);
uint64_t cipc_peer_heartbeat(struct cellipc *c, uint32_t peer, bool *valid);
void cipc_hb_restart(struct cellipc *c, uint32_t peer);

/*
 * mem.c: a test-only backend over one anonymous mapping shared by several
 * handles of one process (same addresses for all: meaningful for TSan).
 */
struct cipc_memdev;
int cipc_memdev_create(uint32_t max_peers, uint64_t out_size,
		       uint64_t rw_size, struct cipc_memdev **mp);
void cipc_memdev_destroy(struct cipc_memdev *m);
int cipc_mem_open(struct cipc_memdev *m, uint32_t id, struct cellipc **cp);

#endif /* CELLIPC_INTERNAL_H */
