// SPDX-License-Identifier: MIT
/*
 * netbridge - virtual Ethernet over an ivshmem v2 device.
 *
 * Opens an ivshmem-net link through libcellipc, creates a TAP interface
 * and moves Ethernet frames both ways with the ivshmem-net wire protocol
 * (ivnet.c), so the other side may run netbridge or the kernel's
 * ivshmem-net driver. One thread, one poll loop: the device's interrupt
 * fd, the TAP fd and a signalfd.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cellipc.h>

#include "gro.h"
#include "ifname.h"
#include "ivnet.h"
#include "args.h"
#include "log.h"
#include "ratelimit.h"
#include "tap.h"

#define DEFAULT_SPEC		"proto:1"
#define SIM_SECTION_SIZE	0x7f000		/* as the board's config */
#define TX_BUDGET		64		/* frames per doorbell */
#define RX_BUDGET		256
#define IDLE_POLL_MS		500		/* safety net for lost irqs */
#define LINK_MSG_BURST		10		/* link lines per window */
#define LINK_MSG_WINDOW_MS	10000

struct opts {
	const char *spec;
	const char *ifname;
	const char *pci;
	const char *pidfile;
	const char *logfile;
	const char *mac;
	unsigned int mtu;
	unsigned int vector;
	unsigned int sim_id;
	unsigned long sim_size;
	bool sim_create;
	bool up;
	bool no_gro;
	bool busy_poll;
	bool daemon;
	int verbose;
};

struct bridge {
	struct cellipc *c;
	uint32_t id, peer;
	struct ivnet n;
	struct gro gro;
	char ifname[IFNAMSIZ];
	int tap, sig;
	unsigned int vector;
	bool tx_blocked;
	bool rx_pending;		/* frames left after the budget */
	bool carrier;
	bool busy_poll;			/* spin instead of sleeping */
	uint64_t last_device_ms;	/* busy_poll: last device_events() */
	uint64_t doorbells;		/* doorbells we rang */
	uint64_t irqs;			/* interrupts taken */
	uint64_t tap_rx_drops;		/* frames the TAP refused */
	uint64_t tap_tx_drops;		/* TAP frames without link */
	uint64_t link_changes;		/* carrier up/down, all counted */
	struct ratelimit link_rl;	/* ... but not all printed */
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: netbridge [OPTIONS]\n"
"Virtual Ethernet over an ivshmem v2 device (ivshmem-net protocol 0x0001).\n"
"\n"
"  -d, --device SPEC    /dev/uioN, uioN, pci:DDDD:BB:DD.F, proto:N or\n"
"                       sim:PATH (default: " DEFAULT_SPEC ")\n"
"  -i, --ifname NAME    TAP interface name (default: derived from the\n"
"                       device's PCI address: enP1p0s1, enp0s1, ...)\n"
"  -P, --pci ADDR       PCI address to derive the name from (sim default:\n"
"                       0001:00:01.0 for peer 0, 0000:00:01.0 otherwise)\n"
"  -m, --mtu N          MTU (default: min(16384, data area / 16))\n"
"  -a, --mac XX:..:XX   MAC address (default: fixed, derived from the\n"
"                       interface name and peer id, so that a restart\n"
"                       keeps the peer's ARP cache valid)\n"
"  -u, --up             bring the interface up\n"
"  -V, --vector N       doorbell vector (default 0; 1 for MSI-X peers)\n"
"      --no-gro         hand frames to the stack one by one, checksums\n"
"                       verified (default: TCP segments coalesced)\n"
"      --busy-poll      never sleep: watch the link and the TAP\n"
"                       continuously and tell the peer not to ring.\n"
"                       Lowest latency, but one CPU stays 100%% busy:\n"
"                       for a cell with a CPU of its own (pin it there,\n"
"                       e.g. taskset -c N netbridge ...)\n"

"      --id N           sim: own peer id (default 0)\n"
"      --create         sim: create the device file if missing\n"
"      --section-size N sim, with --create: output section bytes\n"
"                       (default 0x7f000)\n"
"  -D, --daemon         run in the background\n"
"  -p, --pidfile FILE   write the daemon's pid to FILE\n"
"  -l, --log FILE       once running, log to FILE (daemon default:\n"
"                       syslog); setup errors always go to stderr\n"
"  -v, --verbose        log state transitions in detail\n"
"  -h, --help           this text\n"
"\n"
"Signals: SIGTERM/SIGINT stop cleanly, SIGUSR1 logs the counters.\n");
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	enum { OPT_ID = 256, OPT_CREATE, OPT_SIZE, OPT_NO_GRO, OPT_BUSY_POLL };
	static const struct option lopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "ifname", required_argument, NULL, 'i' },
		{ "pci", required_argument, NULL, 'P' },
		{ "mtu", required_argument, NULL, 'm' },
		{ "mac", required_argument, NULL, 'a' },
		{ "up", no_argument, NULL, 'u' },
		{ "vector", required_argument, NULL, 'V' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "section-size", required_argument, NULL, OPT_SIZE },
		{ "no-gro", no_argument, NULL, OPT_NO_GRO },
		{ "busy-poll", no_argument, NULL, OPT_BUSY_POLL },
		{ "daemon", no_argument, NULL, 'D' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long v;
	int ch;

	memset(o, 0, sizeof(*o));
	o->spec = DEFAULT_SPEC;
	o->sim_size = SIM_SECTION_SIZE;
	while ((ch = getopt_long(argc, argv, "d:i:P:m:a:uV:Dp:l:vh", lopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->spec = optarg;
			break;
		case 'i':
			if (strlen(optarg) >= IFNAMSIZ || !*optarg) {
				fprintf(stderr, "netbridge: interface name "
					"'%s' must have 1 to %d characters\n",
					optarg, IFNAMSIZ - 1);
				return -EINVAL;
			}
			o->ifname = optarg;
			break;
		case 'P':
			o->pci = optarg;
			break;
		case 'm':
			if (parse_unsigned(optarg, UINT_MAX, &v))
				goto bad;
			o->mtu = v;
			break;
		case 'a':
			o->mac = optarg;
			break;
		case 'u':
			o->up = true;
			break;
		case 'V':
			if (parse_unsigned(optarg, 0xffff, &v))
				goto bad;
			o->vector = v;
			break;
		case OPT_ID:
			if (parse_unsigned(optarg, CELLIPC_MAX_PEERS - 1, &v))
				goto bad;
			o->sim_id = v;
			break;
		case OPT_CREATE:
			o->sim_create = true;
			break;
		case OPT_SIZE:
			if (parse_unsigned(optarg, 1ul << 30, &v) || v % 4096)
				goto bad;
			o->sim_size = v;
			break;
		case OPT_NO_GRO:
			o->no_gro = true;
			break;
		case OPT_BUSY_POLL:
			o->busy_poll = true;
			break;
		case 'D':
			o->daemon = true;
			break;
		case 'p':
			o->pidfile = optarg;
			break;
		case 'l':
			o->logfile = optarg;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "netbridge: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return -EINVAL;
	}
	return 0;
bad:
	for (v = 0; lopts[v].name && lopts[v].val != ch; v++)
		;
	fprintf(stderr, "netbridge: invalid value '%s' for --%s%s\n",
		optarg, lopts[v].name ? lopts[v].name : "?",
		ch == OPT_SIZE ? " (a multiple of 4096)" : "");
	usage(stderr);
	return -EINVAL;
}

static uint64_t now_ms(void);

static void log_stats(const struct bridge *b)
{
	const struct ivnet_stats *s = &b->n.stats;

	info_msg("%s stats: state=%s peer=%s carrier=%d tx_frames=%llu "
		 "tx_bytes=%llu tx_drops=%llu rx_frames=%llu rx_bytes=%llu "
		 "rx_drops=%llu ring_errors=%llu doorbells=%llu irqs=%llu "
		 "resets=%llu stack_writes=%llu link_changes=%llu",
		 b->ifname, ivnet_state_name(b->n.state),
		 ivnet_state_name(b->n.peer_state), b->carrier,
		 (unsigned long long)s->tx_frames,
		 (unsigned long long)s->tx_bytes,
		 (unsigned long long)(s->tx_drops + b->tap_tx_drops),
		 (unsigned long long)s->rx_frames,
		 (unsigned long long)s->rx_bytes,
		 (unsigned long long)(s->rx_drops + b->tap_rx_drops),
		 (unsigned long long)s->ring_errors,
		 (unsigned long long)b->doorbells,
		 (unsigned long long)b->irqs,
		 (unsigned long long)s->resets,
		 (unsigned long long)b->gro.frames_out,
		 (unsigned long long)b->link_changes);
}

static void say_link_suppressed(const struct bridge *b, unsigned long n)
{
	if (n)
		info_msg("%s: %lu similar link message(s) suppressed "
			 "(peer %u flapping)", b->ifname, n, b->peer);
}

/* A flapping peer changes the link thousands of times: count, limit. */
static void link_changed(struct bridge *b)
{
	unsigned long suppressed;
	bool allow;

	b->link_changes++;
	allow = ratelimit_allow(&b->link_rl, now_ms(), &suppressed);
	say_link_suppressed(b, suppressed);
	if (allow)
		info_msg("%s: link %s (peer %u state %s)", b->ifname,
			 b->carrier ? "up" : "down", b->peer,
			 ivnet_state_name(b->n.peer_state));
}

/* Follow the peer's state entry until our state is stable. */
static int sync_state(struct bridge *b)
{
	uint32_t peer_state, old, now;
	int err, i;

	for (i = 0; i < 8; i++) {
		err = cellipc_state_get(b->c, b->peer, &peer_state);
		if (err)
			return err;
		old = ivnet_state(&b->n);
		now = ivnet_step(&b->n, peer_state);
		if (now == old)
			break;
		dbg_msg("%s: state %s -> %s (peer %s)", b->ifname,
			ivnet_state_name(old), ivnet_state_name(now),
			ivnet_state_name(peer_state));
		err = cellipc_state_set(b->c, now);
		if (err) {
			err_msg("%s: cannot write state %s to the device: %s",
				b->ifname, ivnet_state_name(now),
				cellipc_strerror(err));
			return err;
		}
	}
	if (ivnet_carrier(&b->n) != b->carrier) {
		b->carrier = ivnet_carrier(&b->n);
		err = tap_set_carrier(b->tap, b->carrier);
		if (err)
			warn_msg("%s: cannot set carrier %s: %s", b->ifname,
				 b->carrier ? "on" : "off", strerror(-err));
		link_changed(b);
		b->tx_blocked = false;
	}
	return 0;
}

static int tap_emit(void *arg, const struct iovec *iov, int iovcnt)
{
	struct bridge *b = arg;
	ssize_t n = tap_writev(b->tap, iov, iovcnt);

	if (n < 0)
		b->tap_rx_drops++;
	return n < 0 ? n : 0;
}

/* Frames from the peer to the TAP. Returns true if the peer needs a kick. */
static bool do_rx(struct bridge *b)
{
	bool kick = false;
	int round, i, ret;

	for (round = 0; round < 4; round++) {
		for (i = 0; i < RX_BUDGET; i++) {
			const void *data;
			uint32_t len;

			if (ivnet_rx_peek(&b->n, &data, &len) != 1)
				break;
			/* data stays valid until ivnet_rx_publish() */
			gro_frame(&b->gro, data, len);
			ivnet_rx_next(&b->n);
		}
		gro_flush(&b->gro);
		ret = ivnet_rx_publish(&b->n);
		if (ret & IVNET_NOTIFY_PEER)
			kick = true;
		if (!(ret & IVNET_RX_MORE))
			break;
	}
	/* budget spent with frames left: no doorbell will come for them */
	b->rx_pending = round == 4;
	return kick;
}

/* Drain the TAP while the link is down: those frames have nowhere to go. */
static void drop_tap_frames(struct bridge *b)
{
	static unsigned char sink[65536];
	int i;

	for (i = 0; i < TX_BUDGET; i++) {
		if (tap_read(b->tap, sink, sizeof(sink)) < 0)
			break;
		b->tap_tx_drops++;
	}
}

/* Frames from the TAP to the peer. Returns true if the peer needs a kick. */
static bool do_tx(struct bridge *b)
{
	uint32_t max = b->n.mtu + IVNET_FRAME_HDR;
	int i, err;

	if (!b->carrier) {
		drop_tap_frames(b);
		return false;
	}
	ivnet_tx_reclaim(&b->n, false);
	for (i = 0; i < TX_BUDGET; i++) {
		void *slot = ivnet_tx_reserve(&b->n, &err);
		ssize_t len;

		if (!slot) {
			/* full: ask for a doorbell at the next completion */
			ivnet_tx_reclaim(&b->n, true);
			slot = ivnet_tx_reserve(&b->n, &err);
			if (!slot) {
				b->tx_blocked = true;
				break;
			}
		}
		len = tap_read(b->tap, slot, max);
		if (len == -EPROTO) {
			b->tap_tx_drops++;
			len = 0;
		}
		if (len <= 0) {
			ivnet_tx_commit(&b->n, 0);
			if (len < 0 && len != -EAGAIN && len != -EINTR)
				warn_msg("%s: TAP read failed: %s", b->ifname,
					 strerror(-len));
			if (len < 0)
				break;
			continue;
		}
		ivnet_tx_commit(&b->n, len);
	}
	return ivnet_tx_publish(&b->n);
}

static void kick(struct bridge *b)
{
	int err = cellipc_doorbell(b->c, b->peer, b->vector);

	if (err)
		warn_msg("%s: doorbell to peer %u failed: %s", b->ifname,
			 b->peer, cellipc_strerror(err));
	else
		b->doorbells++;
}

static int handle_signals(struct bridge *b, bool *stop)
{
	struct signalfd_siginfo si;

	while (read(b->sig, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGUSR1:
			log_stats(b);
			break;
		default:
			info_msg("%s: %s received, shutting down", b->ifname,
				 strsignal(si.ssi_signo));
			*stop = true;
			break;
		}
	}
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int poll_timeout(const struct bridge *b)
{
	int timeout = cellipc_timeout_ms(b->c);

	if (b->rx_pending || b->busy_poll)
		return 0;
	if (timeout < 0 || timeout > IDLE_POLL_MS)
		timeout = IDLE_POLL_MS;
	if (b->tx_blocked && timeout > 20)
		timeout = 20;
	return timeout;
}

/*
 * Busy-polling never times out of poll(): the state table (and the
 * interrupt re-arm in cellipc_process()) still needs its periodic look.
 */
static bool due_device_look(struct bridge *b)
{
	uint64_t now;

	if (!b->busy_poll)
		return false;
	now = now_ms();
	if (now - b->last_device_ms < IDLE_POLL_MS)
		return false;
	b->last_device_ms = now;
	return true;
}

/* Interrupts, peer deaths, state changes: the device side of the loop. */
static int device_events(struct bridge *b)
{
	int err = cellipc_process(b->c, 0);

	if (err < 0) {
		err_msg("%s: device processing failed: %s (%s)", b->ifname,
			cellipc_strerror(err), cellipc_last_error(b->c));
		return err;
	}
	return sync_state(b);
}

static int run(struct bridge *b)
{
	uint64_t rx_before;
	bool stop = false;
	int err;

	err = sync_state(b);
	if (err)
		return err;
	while (!stop) {
		struct pollfd pfd[3] = {
			{ .fd = cellipc_fd(b->c), .events = POLLIN },
			{ .fd = b->sig, .events = POLLIN },
			{ .fd = b->tap, .events = b->tx_blocked ? 0 : POLLIN },
		};
		int timeout = poll_timeout(b);
		bool need_kick = false;
		int n;

		n = poll(pfd, 3, timeout);
		if (n < 0 && errno != EINTR) {
			err = -errno;
			err_msg("%s: poll failed: %s", b->ifname,
				strerror(errno));
			return err;
		}
		if (pfd[1].revents)
			handle_signals(b, &stop);
		/* the device fd, or a periodic look at the state table */
		if (pfd[0].revents || (!n && timeout) || due_device_look(b)) {
			if (pfd[0].revents)
				b->irqs++;
			err = device_events(b);
			if (err)
				return err;
		}

		rx_before = b->n.stats.rx_frames;
		need_kick |= do_rx(b);
		if (ivnet_tx_reclaim(&b->n, false) > 0)
			b->tx_blocked = false;
		/*
		 * Frames written to the TAP are often answered at once (ICMP,
		 * TCP ACKs): look for the answer before sleeping again.
		 */
		if (pfd[2].revents & POLLIN || b->tx_blocked ||
		    b->n.stats.rx_frames != rx_before)
			need_kick |= do_tx(b);
		if (need_kick)
			kick(b);
		say_link_suppressed(b, ratelimit_flush(&b->link_rl, now_ms(),
						       false));
	}
	say_link_suppressed(b, ratelimit_flush(&b->link_rl, now_ms(), true));
	return 0;
}

static void sim_default_pci(uint32_t id, struct pci_addr *a)
{
	/* as on the board: peer 0 is the root cell (domain 1) */
	*a = (struct pci_addr){ .domain = id == 0 ? 1 : 0, .slot = 1 };
}

static int pick_ifname(const struct opts *o, const char *spec, uint32_t id,
		       uint32_t backend, char *name)
{
	char path[PATH_MAX];
	struct pci_addr a;
	int err;

	if (o->ifname) {
		snprintf(name, IFNAMSIZ, "%s", o->ifname);
		return 0;
	}
	if (o->pci) {
		err = pci_addr_parse(o->pci, &a);
		if (err) {
			err_msg("invalid PCI address '%s' (expected "
				"DDDD:BB:DD.F)", o->pci);
			return err;
		}
	} else if (backend == CELLIPC_BACKEND_SIM) {
		sim_default_pci(id, &a);
	} else if (!strncmp(spec, "pci:", 4)) {
		err = pci_addr_parse(spec + 4, &a);
		if (err) {
			err_msg("invalid PCI address in '%s'", spec);
			return err;
		}
	} else {
		if (!strncmp(spec, "proto:", 6) || !*spec) {
			long proto = *spec ? strtol(spec + 6, NULL, 0) : -1;

			err = cellipc_find_uio(NULL, proto, NULL, path,
					       sizeof(path));
			if (err)
				goto no_pci;
			spec = path;
		}
		err = uio_pci_addr(NULL, spec, &a);
		if (err)
			goto no_pci;
	}
	err = pci_ifname(&a, name, IFNAMSIZ);
	if (err)
		err_msg("name for PCI %04x:%02x:%02x.%x too long: use -i",
			a.domain, a.bus, a.slot, a.func);
	return err;
no_pci:
	err_msg("cannot tell the PCI address of device '%s': %s; "
		"name the interface with -i", spec, strerror(-err));
	return err;
}

static int open_device(const struct opts *o, struct bridge *b)
{
	struct cellipc_params p;
	struct cellipc_info info;
	char ebuf[256] = "";
	int err;

	memset(&p, 0, sizeof(p));
	p.peer_id = o->sim_id;
	p.errbuf = ebuf;
	p.errbuf_len = sizeof(ebuf);
	if (o->sim_create) {
		p.flags |= CELLIPC_OPEN_CREATE;
		p.max_peers = 2;
		p.protocol = IVNET_PROTOCOL;
		p.output_section_size = o->sim_size;
	}
	err = cellipc_open(o->spec, &p, &b->c);
	if (err) {
		err_msg("cannot open ivshmem device '%s': %s%s%s%s", o->spec,
			cellipc_strerror(err), *ebuf ? ": " : "", ebuf,
			!strncmp(o->spec, "sim:", 4) && !o->sim_create ?
			"; with sim, add --create or start the side that "
			"creates the file first" :
			strncmp(o->spec, "sim:", 4) ? "; is uio_ivshmem loaded "
			"and bound to the device?" : "");
		return err;
	}
	cellipc_get_info(b->c, &info);
	b->id = info.id;
	if (info.max_peers != 2) {
		err_msg("device '%s' has %u peers: ivshmem-net needs exactly "
			"2 (check the cell config's shmem_peers)", o->spec,
			info.max_peers);
		return -EINVAL;
	}
	if (info.protocol != IVNET_PROTOCOL)
		warn_msg("device '%s' announces protocol 0x%04x, not "
			 "ivshmem-net 0x%04x; continuing", o->spec,
			 info.protocol, IVNET_PROTOCOL);
	b->peer = !b->id;
	return 0;
}

static int setup_link(const struct opts *o, struct bridge *b)
{
	size_t own_size, peer_size;
	void *own;
	const void *peer;
	int err;

	own = cellipc_output_section(b->c, &own_size);
	peer = cellipc_peer_section(b->c, b->peer, &peer_size);
	if (!own || !peer || own_size != peer_size) {
		err_msg("device '%s': output sections missing or of "
			"different sizes (%zu, %zu)", o->spec, own_size,
			peer_size);
		return -EINVAL;
	}
	err = ivnet_init(&b->n, own, peer, own_size, o->mtu);
	if (err) {
		struct ivnet_geom g;

		if (ivnet_geometry(own_size, &g))
			err_msg("device '%s': output section of %zu bytes "
				"too small for ivshmem-net", o->spec,
				own_size);
		else
			err_msg("MTU %u out of range %u..%u for sections of "
				"%zu bytes", o->mtu, IVNET_MIN_MTU,
				g.max_mtu, own_size);
		return err;
	}
	ivnet_rx_set_polling(&b->n, o->busy_poll);
	err = cellipc_state_set(b->c, IVNET_STATE_RESET);
	if (err) {
		err_msg("device '%s': cannot write the state register: %s",
			o->spec, cellipc_strerror(err));
		return err;
	}
	return 0;
}

/*
 * A random MAC per start would leave the peer's ARP entry pointing at a
 * dead address after a restart: derive a fixed, locally administered one.
 */
static void default_mac(const char *ifname, uint32_t id, unsigned char *mac)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *ifname; ifname++)
		h = (h ^ (unsigned char)*ifname) * 16777619u;
	mac[0] = 0x02;			/* local, unicast */
	mac[1] = 0x49;			/* 'I' */
	mac[2] = 0x56;			/* 'V' */
	mac[3] = h >> 24;
	mac[4] = h >> 16;
	mac[5] = id;
}

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int v[6];
	char end;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &end) != 6)
		return -EINVAL;
	for (i = 0; i < 6; i++)
		mac[i] = v[i];
	/* multicast and all-zero addresses cannot name an interface */
	if (mac[0] & 1 || !(v[0] | v[1] | v[2] | v[3] | v[4] | v[5]))
		return -EINVAL;
	return 0;
}

static int setup_mac(const struct opts *o, struct bridge *b)
{
	unsigned char mac[6];
	int err;

	if (o->mac) {
		if (parse_mac(o->mac, mac)) {
			err_msg("invalid MAC address '%s' (expected six "
				"hex bytes, unicast, e.g. 02:00:00:00:00:01)",
				o->mac);
			return -EINVAL;
		}
	} else {
		default_mac(b->ifname, b->id, mac);
	}
	err = tap_set_mac(b->ifname, mac);
	if (err)
		err_msg("%s: cannot set MAC address: %s", b->ifname,
			strerror(-err));
	return err;
}

static int setup_tap(const struct opts *o, struct bridge *b)
{
	struct cellipc_info info;
	int err;

	cellipc_get_info(b->c, &info);
	err = pick_ifname(o, o->spec, b->id, info.backend, b->ifname);
	if (err)
		return err;
	b->tap = tap_open(b->ifname);
	if (b->tap < 0) {
		err_msg("cannot create TAP interface %s: %s (needs "
			"CAP_NET_ADMIN and /dev/net/tun, module tun)",
			b->ifname, strerror(-b->tap));
		return b->tap;
	}
	err = tap_set_carrier(b->tap, false);
	if (err)
		warn_msg("%s: kernel cannot switch TAP carrier (%s): link "
			 "state will not follow the peer", b->ifname,
			 strerror(-err));
	err = setup_mac(o, b);
	if (err)
		return err;
	err = tap_set_mtu(b->ifname, b->n.mtu);
	if (err) {
		err_msg("%s: cannot set MTU %u: %s", b->ifname, b->n.mtu,
			strerror(-err));
		return err;
	}
	if (o->up) {
		err = tap_set_up(b->ifname);
		if (err) {
			err_msg("%s: cannot bring the interface up: %s",
				b->ifname, strerror(-err));
			return err;
		}
	}
	return 0;
}

static int setup_signals(struct bridge *b)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	b->sig = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return b->sig < 0 ? -errno : 0;
}

/*
 * Detach before the device is opened (the sim backend ties a peer to its
 * process), but report setup errors to the caller: the parent waits on a
 * pipe for the child's verdict and exits with it.
 */
static int daemonize(int *notify_fd)
{
	int pfd[2];
	pid_t pid;
	char r = 1;

	if (pipe(pfd) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		close(pfd[1]);
		if (read(pfd[0], &r, 1) != 1)
			r = 1;
		_exit(r);
	}
	close(pfd[0]);
	setsid();
	if (chdir("/") < 0)
		return -errno;
	*notify_fd = pfd[1];
	return 0;
}

static void daemon_ready(int fd, int status)
{
	char r = status ? 1 : 0;
	int null;

	if (fd < 0)
		return;
	if (!status) {
		null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			if (null > 2)
				close(null);
		}
	}
	if (write(fd, &r, 1) != 1)
		r = 1;
	close(fd);
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		err_msg("cannot write pid file %s: %s", path,
			strerror(errno));
		return -errno;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	struct bridge b = { .tap = -1, .sig = -1 };
	struct opts o;
	int err, notify_fd = -1;

	ratelimit_init(&b.link_rl, LINK_MSG_BURST, LINK_MSG_WINDOW_MS);
	if (parse_opts(argc, argv, &o))
		return 2;
	b.vector = o.vector;
	b.busy_poll = o.busy_poll;
	gro_init(&b.gro, tap_emit, &b, !o.no_gro);
	/* setup messages go to stderr; -l / syslog once running */
	log_open("netbridge", 0, NULL);
	log_set_verbose(o.verbose);
	if (o.daemon) {
		err = daemonize(&notify_fd);
		if (err) {
			err_msg("cannot run in the background: %s",
				strerror(-err));
			return 1;
		}
	}

	err = setup_signals(&b);
	if (!err)
		err = open_device(&o, &b);
	if (!err)
		err = setup_link(&o, &b);
	if (!err)
		err = setup_tap(&o, &b);
	if (!err && o.pidfile)
		err = write_pidfile(o.pidfile);
	if (!err && (o.daemon || o.logfile)) {
		err = log_open("netbridge", o.daemon, o.logfile);
		if (err)
			err_msg("cannot open log file %s: %s", o.logfile,
				strerror(-err));
	}
	daemon_ready(notify_fd, err);
	if (err)
		goto out;

	info_msg("%s: bridging ivshmem device '%s' (peer %u of 2, %u "
		 "descriptors, MTU %u) to TAP %s%s", b.ifname, o.spec, b.id,
		 b.n.g.qlen, b.n.mtu, b.ifname,
		 b.busy_poll ? ", busy-polling" : "");
	err = run(&b);
	log_stats(&b);
out:
	if (b.c)
		cellipc_state_set(b.c, IVNET_STATE_RESET);
	if (b.tap >= 0)
		close(b.tap);
	if (o.pidfile && !err)
		unlink(o.pidfile);
	ivnet_exit(&b.n);
	cellipc_close(b.c);
	return err ? 1 : 0;
}
